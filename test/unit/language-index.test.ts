// The document index on the repository's own assembly (examples and test/asm): every file indexes, the labels
// GNU as would define are found, and the cursor context holds at every position of every line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { A64_ROWS } from '../../src/arch/a64/table';
import { cursorContext } from '../../src/language/context';
import { blankComments, indexDocument, localTarget } from '../../src/language/documentIndex';
import { InstructionIndex } from '../../src/language/instructionIndex';
import { repoRoot } from '../support/cross';

const instructions = new InstructionIndex(A64_ROWS);
const isMnemonic = (w: string) => instructions.find(w) !== undefined;

function sources(): string[] {
  const dirs = ['test/asm', ...readdirSync(join(repoRoot(), 'examples')).map((d) => `examples/${d}`)];
  return dirs.flatMap((d) => {
    try { return readdirSync(join(repoRoot(), d)).filter((f) => /\.S$/.test(f)).map((f) => join(repoRoot(), d, f)); } catch { return []; }
  });
}

test('comments and strings are blanked with columns kept, across lines for block comments', () => {
  assert.deepEqual(blankComments(['mov x0, #1 // c', '/* a', 'b */ add', '.ascii "x;y" ; nop', '# 1 "f.S"']),
    ['mov x0, #1     ', '    ', '     add', '.ascii "   " ; nop', '         ']);
});

test('labels, local labels, symbols, macros and includes of a document', () => {
  const ix = indexDocument([
    '#include "a.h"', '\t.include "b.inc"', 'start: 1: b 1f ; bl 1b', '1:\tmov x0, #:lo12:table', '\t.equ N, 4', 'M = N + 1',
    '\t.macro twice op', '\t\\op; \\op', '\t.endm', '\ttwice nop', 'xreg .req x19', '\t.section .rodata', 'table: .quad start',
  ].join('\n'), isMnemonic);
  assert.deepEqual(ix.definitions.map((d) => `${d.kind}:${d.name}@${d.line}`),
    ['label:start@2', 'local-label:1@2', 'local-label:1@3', 'constant:N@4', 'constant:M@5', 'macro:twice@6',
      'register-alias:xreg@10', 'label:table@12']);
  assert.deepEqual(ix.includes.map((i) => `${i.path}:${i.preprocessor}`), ['a.h:true', 'b.inc:false']);
  assert.deepEqual(ix.references.filter((r) => !r.direction).map((r) => r.name), ['table', 'N', 'twice', 'nop', 'start']);
  const [forward, backward] = ix.references.filter((r) => r.direction);
  assert.equal(localTarget(ix, forward)?.line, 3);
  assert.equal(localTarget(ix, backward)?.line, 2);
  assert.deepEqual(ix.sections.map((s) => s.name), ['.rodata']);
});

test('every assembly source of the repository indexes, with a context at every position', () => {
  const files = sources();
  assert.ok(files.length >= 10);
  let labels = 0;
  for (const f of files) {
    const ix = indexDocument(readFileSync(f, 'utf8'), isMnemonic);
    labels += ix.definitions.filter((d) => d.kind === 'label').length;
    for (const r of ix.references) assert.ok(!/^[xw][0-9]+$/.test(r.name), `${f}: register ${r.name} taken for a symbol`);
    ix.lines.forEach((l, line) => { for (let c = 0; c <= l.length; c++) cursorContext(ix, line, c); });
  }
  assert.ok(labels > 50, `${labels} labels`);
});
