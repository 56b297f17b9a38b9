// GNU objdump as the disassembly oracle: runs aarch64-linux-gnu-objdump on batches of words or on
// whole files and returns its per-instruction text, for tests and the comparison tool.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const OBJDUMP = process.env.TRAPDOOR_OBJDUMP ?? 'aarch64-linux-gnu-objdump';

export function haveObjdump(): boolean {
  try {
    execFileSync(OBJDUMP, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const LINE = /^\s*([0-9a-f]+):\t([0-9a-f]{8}) \t(.*)$/;

/** objdump's text for each word, as if the words were code at address 0. */
export function objdumpWords(words: Uint32Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-objdump-'));
  try {
    const bin = join(dir, 'words.bin');
    writeFileSync(bin, new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
    const out = execFileSync(OBJDUMP, ['-D', '-z', '-b', 'binary', '-maarch64', bin], { maxBuffer: 1 << 30, encoding: 'utf8' });
    const texts: string[] = new Array(words.length);
    for (const line of out.split('\n')) {
      const m = LINE.exec(line);
      if (m) texts[parseInt(m[1], 16) / 4] = m[3];
    }
    return texts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** objdump -d of a file, whole. */
export function objdumpFile(path: string, extra: string[] = []): string {
  return execFileSync(OBJDUMP, ['-d', ...extra, path], { maxBuffer: 1 << 30, encoding: 'utf8' });
}
