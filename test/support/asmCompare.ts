// Test helpers for the built-in assembler: GNU as + ld builds of a source (the reference), and ELF views
// (sections, PT_LOAD contents, symbols, decoded line rows) to compare ours with theirs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { assemble, AsmResult } from '../../src/arch/a64/asm';

export const MARCH = '-march=armv8.2-a+crypto+sha3+sm4+fp16+fp16fml+rcpc+dotprod+lse+crc+rdm';

export interface ElfSection { name: string; type: number; addr: bigint; offset: number; size: number; data: Uint8Array; }

export function elfSections(b: Uint8Array): ElfSection[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const shoff = Number(dv.getBigUint64(40, true));
  const shnum = dv.getUint16(60, true);
  const shstrndx = dv.getUint16(62, true);
  const raw = Array.from({ length: shnum }, (_, i) => {
    const o = shoff + i * 64;
    return {
      nameOff: dv.getUint32(o, true), type: dv.getUint32(o + 4, true), addr: dv.getBigUint64(o + 16, true),
      offset: Number(dv.getBigUint64(o + 24, true)), size: Number(dv.getBigUint64(o + 32, true)),
    };
  });
  const strOff = raw[shstrndx].offset;
  const name = (off: number) => { let e = strOff + off; while (b[e]) e++; return Buffer.from(b.subarray(strOff + off, e)).toString(); };
  return raw.map((s) => ({ name: name(s.nameOff), type: s.type, addr: s.addr, offset: s.offset, size: s.size,
    data: s.type === 8 ? new Uint8Array() : b.subarray(s.offset, s.offset + s.size) }));
}

/** Program headers and the bytes each PT_LOAD maps from the file (past the ELF and program headers). */
export function loadSegments(b: Uint8Array): { header: string; bytes: string }[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const phoff = Number(dv.getBigUint64(32, true));
  const phnum = dv.getUint16(56, true);
  return Array.from({ length: phnum }, (_, i) => {
    const o = phoff + i * 56;
    const off = Number(dv.getBigUint64(o + 8, true));
    const fs = Number(dv.getBigUint64(o + 32, true));
    const header = [dv.getUint32(o, true), dv.getUint32(o + 4, true), off, dv.getBigUint64(o + 16, true), fs, dv.getBigUint64(o + 40, true)]
      .map((x) => x.toString(16)).join(' ');
    return { header, bytes: Buffer.from(b.subarray(Math.max(off, phoff + phnum * 56), off + fs)).toString('hex') };
  });
}

/** `name value type bind section` of every symbol, as readelf prints them, sorted. */
export function symbolSet(path: string): string[] {
  const out = execFileSync('aarch64-linux-gnu-readelf', ['-sW', path], { encoding: 'utf8' });
  return out.split('\n').map((l) => l.trim().split(/\s+/)).filter((p) => p.length >= 8 && /^\d+:$/.test(p[0]))
    .map((p) => `${p[7]} ${p[1]} ${p[3]} ${p[4]} ${p[6]}`).sort();
}

/** objdump's decoded .debug_line rows (file, line, address). */
export function lineRows(path: string): string {
  return execFileSync('aarch64-linux-gnu-objdump', ['--dwarf=decodedline', path], { encoding: 'utf8' }).split('\n').slice(3).join('\n');
}

export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'trapdoor-asm-'));
  path(name: string): string { return join(this.dir, name); }
  write(name: string, data: Uint8Array | string): string { const p = this.path(name); writeFileSync(p, data); return p; }
  dispose(): void { rmSync(this.dir, { recursive: true, force: true }); }
}

/** `as -g` and ld as examples/hello/Makefile runs them, in the source's directory; the executable's path. */
export function gnuBuild(src: string, scratch: Scratch, extra: string[] = []): string {
  const cwd = dirname(src);
  const obj = scratch.path(`${basename(src).replace(/\.[sS]$/, "")}.o`);
  const elf = scratch.path(`${basename(src)}.elf`);
  execFileSync('aarch64-linux-gnu-as', ['-g', `--debug-prefix-map=${cwd}=.`, ...extra, '-o', obj, basename(src)], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  execFileSync('aarch64-linux-gnu-ld', ['-nostdlib', '-Ttext=0x40080000', '-z', 'max-page-size=4096', '--build-id=none', '-o', elf, obj], { stdio: ['ignore', 'ignore', 'pipe'] });
  return elf;
}

/** Ours, reading includes relative to the source's directory as `as` run there does. */
export function ourBuild(src: string): AsmResult {
  const cwd = dirname(src);
  return assemble(readFileSync(src, 'utf8'), {
    fileName: basename(src), includeDirs: ['.'],
    readFile: (p) => { try { return readFileSync(join(cwd, p), 'utf8'); } catch { return undefined; } },
  });
}

/** GNU as's messages for a source (`file:line: Error: …` lines, without the `Assembler messages:` header). */
export function gnuMessages(source: string, scratch: Scratch, name = 'e.s'): string[] {
  scratch.write(name, source);
  try {
    execFileSync('aarch64-linux-gnu-as', [MARCH, '-o', scratch.path('e.o'), name], { cwd: scratch.dir, stdio: ['ignore', 'ignore', 'pipe'] });
    return [];
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? '').split('\n').filter((l) => /: (Error|Warning): /.test(l));
  }
}
