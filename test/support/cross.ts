// Test helpers around the Debian cross toolchain: assemble a .S file and take its .text bytes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const AS = 'aarch64-linux-gnu-as';
export const OBJCOPY = 'aarch64-linux-gnu-objcopy';

/** Assembles with every extension the table covers enabled, returns the .text words. */
export function assembleWords(source: string): Uint32Array {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-as-'));
  try {
    const obj = join(dir, 'a.o');
    const bin = join(dir, 'a.bin');
    execFileSync(AS, ['-march=armv8.2-a+crypto+sha3+sm4+fp16+fp16fml+rcpc+dotprod+lse+crc+rdm', '-o', obj, source], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync(OBJCOPY, ['-O', 'binary', '-j', '.text', obj, bin]);
    const b = readFileSync(bin);
    return new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + (b.byteLength & ~3)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The repository root: above the bundled test when it lives in out/, else the working directory. */
export function repoRoot(): string {
  for (let d = __dirname; d !== dirname(d); d = dirname(d)) if (existsSync(join(d, 'package.json'))) return d;
  return process.cwd();
}

/** A bundle of the build the running test belongs to (out/<name> above out/test/...), else out/<name>. */
export function builtFile(name: string): string {
  let dir = __dirname;
  while (!existsSync(join(dir, name)) && dir !== dirname(dir)) dir = dirname(dir);
  return existsSync(join(dir, name)) ? join(dir, name) : join(repoRoot(), 'out', name);
}

/** The CLI bundle (out/cli.js) of the build the running test belongs to. */
export const cliPath = (): string => builtFile('cli.js');
