// The built-in assembler against `as -g` + `ld` (examples/hello/Makefile's command) on every test guest: the same
// program headers and loaded bytes, the same symbols, the same decoded line rows, and in the end the same file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/cross';
import { gnuBuild, lineRows, loadSegments, ourBuild, Scratch, symbolSet } from '../support/asmCompare';

const root = repoRoot();
/** Sources included by others (no _start of their own, or not a whole program for as). */
const LIBRARIES = new Set(['bench-loop.S', 'mmu-lib.S', 'semihosting-print.S', 'virt-lib.S', 'bench-compute.S', 'bench-compute-mmu.S']);
const guests = [
  join(root, 'examples/hello/hello.S'),
  ...['test/guests', 'test/guests/virt'].flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.S') && !LIBRARIES.has(f)).map((f) => join(root, d, f))),
].filter((p) => existsSync(p)).sort();

const scratch = new Scratch();
process.on('exit', () => scratch.dispose());

for (const src of guests) {
  test(`asm guest: ${src.slice(root.length + 1)} equals as + ld`, () => {
    const ref = gnuBuild(src, scratch);
    const r = ourBuild(src);
    assert.deepEqual(r.diagnostics, []);
    const ours = scratch.write(`${src.split('/').pop()}.ours`, r.executable!);
    const a = loadSegments(r.executable!);
    const b = loadSegments(readFileSync(ref));
    assert.deepEqual(a.map((s) => s.header), b.map((s) => s.header), 'program headers');
    a.forEach((s, i) => assert.ok(s.bytes === b[i].bytes, `PT_LOAD ${i} contents`));
    assert.deepEqual(symbolSet(ours), symbolSet(ref), 'symbols');
    assert.equal(lineRows(ours), lineRows(ref), '.debug_line rows');
    assert.ok(readFileSync(ref).equals(Buffer.from(r.executable!)), 'the whole ELF file');
    // Our object, linked by ld, gives our executable: its relocations and symbols are what ld needs.
    const base = src.split('/').pop()!.replace(/\.S$/, '');
    const obj = scratch.write(`${base}.o`, r.object!);
    const linked = scratch.path(`${base}.ld.elf`);
    execFileSync('aarch64-linux-gnu-ld', ['-nostdlib', '-Ttext=0x40080000', '-z', 'max-page-size=4096', '--build-id=none', '-o', linked, obj]);
    assert.ok(readFileSync(linked).equals(Buffer.from(r.executable!)), 'ld of our object equals our executable');
  });
}

test('asm guest: examples/hello/hello.elf is reproduced byte for byte', () => {
  const r = ourBuild(join(root, 'examples/hello/hello.S'));
  assert.ok(Buffer.compare(Buffer.from(r.executable!), readFileSync(join(root, 'examples/hello/hello.elf'))) === 0);
});
