// The built-in assembler against GNU as on the disassembler's corpus (test/asm/*.S, every table row): the .text
// of our object must equal as's word for word. Prints the identical-line figures per file and in total.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../../src/arch/a64/asm';
import { Disassembler } from '../../src/arch/a64/disasm/disassemble';
import { assembleWords, repoRoot } from '../support/cross';
import { elfSections } from '../support/asmCompare';

const dir = join(repoRoot(), 'test/asm');
const files = readdirSync(dir).filter((f) => f.endsWith('.S')).sort();
const dis = new Disassembler();
let total = 0;
let same = 0;

for (const f of files) {
  test(`asm corpus: ${f} assembles to as's .text`, () => {
    const path = join(dir, f);
    const r = assemble(readFileSync(path, 'utf8'), { fileName: f });
    assert.deepEqual(r.diagnostics, []);
    const text = elfSections(r.object!).find((s) => s.name === '.text')!.data;
    const ref = assembleWords(path);
    const diffs: string[] = [];
    for (let i = 0; i < ref.length; i++) {
      const w = (text[i * 4] | (text[i * 4 + 1] << 8) | (text[i * 4 + 2] << 16) | (text[i * 4 + 3] << 24)) >>> 0;
      if (w !== ref[i]) diffs.push(`+${(i * 4).toString(16)}: ${dis.disassemble(ref[i])} (${ref[i].toString(16)}), ours ${w.toString(16)}`);
    }
    total += ref.length;
    same += ref.length - diffs.length;
    console.log(`${f}: ${ref.length - diffs.length}/${ref.length} identical (${(100 * (ref.length - diffs.length) / ref.length).toFixed(1)} %)`);
    assert.equal(text.length, ref.length * 4, 'size of .text');
    assert.deepEqual(diffs, []);
  });
}

test('asm corpus: total', () => {
  console.log(`total: ${same}/${total} instructions identical (${(100 * same / total).toFixed(2)} %)`);
  assert.equal(same, total);
});
