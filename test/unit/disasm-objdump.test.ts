// The disassembler against GNU objdump: random words for every table row, words drawn from the
// whole 32-bit space, and the hand-written per-class assembly files in test/asm that cover every row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Disassembler } from '../../src/arch/a64/disasm/disassemble';
import { objdumpWords } from '../../tools/objdumpOracle';
import { randomFields, randomWordsForRow, xorshift } from '../../tools/randomWords';
import { encodeFields, extractFields } from '../../src/arch/a64/encoding';
import { assembleWords, repoRoot } from '../support/cross';
import { inSveOrSmeSpace, isOutOfScope } from '../support/outOfScope';

const dis = new Disassembler();

function mismatches(words: number[]): string[] {
  const theirs = objdumpWords(Uint32Array.from(words));
  const bad: string[] = [];
  words.forEach((w, i) => {
    const ours = dis.disassemble(w, BigInt(i * 4));
    const outOfScope = !dis.decodeRow(w) && isOutOfScope(theirs[i]);
    if (ours !== theirs[i] && !outOfScope) {
      bad.push(`${w.toString(16).padStart(8, '0')} [${dis.decodeRow(w)?.form ?? 'UNDEFINED'}]\n  objdump: ${theirs[i]}\n  ours:    ${ours}`);
    }
  });
  return bad;
}

test('every row compiles (operand kinds and alias conditions resolve)', () => {
  dis.compileAll();
});

test('encode → decode round-trips: random fields of each row come back from the word', () => {
  const rand = xorshift(0x5eed);
  const unreachable: string[] = [];
  for (const row of dis.rows) {
    let hits = 0;
    for (let i = 0; i < 256; i++) {
      const f = randomFields(row, rand);
      const w = encodeFields(row, f);
      // A more specific row (NOP in HINT) or an UNALLOCATED value may claim the word; the fields must not move.
      if (dis.decodeRow(w) !== row) continue;
      hits++;
      assert.deepEqual(extractFields(row, w), f, `${row.form} ${w.toString(16)}`);
    }
    if (!hits) unreachable.push(row.form);
  }
  assert.deepEqual(unreachable, [], 'rows that never decode as themselves');
});

test('random encodings of every row disassemble as objdump does', () => {
  const rand = xorshift(0x7ab);
  const words = dis.rows.flatMap((r) => randomWordsForRow(r, 24, rand));
  const bad = mismatches(words);
  assert.equal(bad.length, 0, `${bad.length}/${words.length} differ:\n${bad.slice(0, 40).join('\n')}`);
});

test('random words from the whole encoding space disassemble as objdump does', () => {
  const rand = xorshift(0xd15a);
  const words = Array.from({ length: 40000 }, () => rand()).filter((w) => !inSveOrSmeSpace(w));
  const bad = mismatches(words);
  assert.equal(bad.length, 0, `${bad.length}/${words.length} differ:\n${bad.slice(0, 40).join('\n')}`);
});

const asmDir = join(repoRoot(), 'test/asm');
const asmFiles = readdirSync(asmDir).filter((f) => f.endsWith('.S'));

test('hand-written per-class files cover every table row', () => {
  const seen = new Set<number>();
  for (const f of asmFiles) for (const w of assembleWords(join(asmDir, f))) {
    const r = dis.decodeRow(w);
    if (r) seen.add(r.index);
  }
  const missing = dis.rows.filter((r) => !seen.has(r.index)).map((r) => r.form);
  assert.deepEqual(missing, [], `rows no test/asm file exercises: ${missing.join(', ')}`);
});

for (const f of asmFiles) {
  test(`test/asm/${f} disassembles as objdump does`, () => {
    const bad = mismatches([...assembleWords(join(asmDir, f))]);
    assert.equal(bad.length, 0, bad.slice(0, 40).join('\n'));
  });
}
