// The built-in assembler's errors against GNU as's on the same lines: unknown mnemonic, bad operands, immediates
// out of range, undefined symbols and local labels; and the linker's undefined reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble, formatDiagnostic } from '../../src/arch/a64/asm';
import { gnuMessages, Scratch } from '../support/asmCompare';

const scratch = new Scratch();
process.on('exit', () => scratch.dispose());

/** Each line alone, so that as reports it with nothing else around. */
const CASES = [
  '\tmovx x0, #1',
  '\tfoo bar',
  '\tadd x0, x1',
  '\tmov w0, x1',
  '\tsvc #0x10000',
  '\thvc #65536',
  '\tmov x0, #0x123456789',
  '\tadd x0, x1, #5000',
  '\tmov x0, #foo',
  '\tsvc #bar',
  '\tcmp x0, #qq',
  '\tb.xx 0',
];

for (const line of CASES) {
  test(`asm diagnostics: \`${line.trim()}' reads as GNU as says it`, () => {
    const source = `${line}\n`;
    const want = gnuMessages(source, scratch);
    const got = assemble(source, { fileName: 'e.s' }).diagnostics.map(formatDiagnostic);
    assert.ok(want.length > 0, 'as reports an error');
    assert.deepEqual(got, want.filter((l) => / Error: /.test(l)));
  });
}

test('asm diagnostics: an undefined local label is named as gas names it', () => {
  const want = gnuMessages('\tb 1f\n', scratch).map((l) => l.replace(/^.*Error: /, ''));
  const got = assemble('\tb 1f\n', { fileName: 'e.s' }).diagnostics.map((d) => d.message);
  assert.deepEqual(got, want);
});

test('asm diagnostics: an undefined branch target is a link error at its line', () => {
  const r = assemble('\tnop\n\tbl missing\n', { fileName: 'e.s' });
  assert.equal(r.executable, undefined);
  assert.deepEqual(r.diagnostics.map(formatDiagnostic), ["e.s:2: Error: undefined reference to `missing'"]);
});
