// The built-in assembler against GNU as on random encodings of every table row (seeded): each word's objdump text
// (our disassembler prints it identically) assembled by both. PC-relative rows are left to the corpus, whose
// targets are labels; lines GNU as refuses (extensions outside -march, forms objdump prints but as does not take)
// are dropped. Prints the figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { A64_ROWS } from '../../src/arch/a64/table';
import { Disassembler } from '../../src/arch/a64/disasm/disassemble';
import { assemble } from '../../src/arch/a64/asm';
import { elfSections, Scratch } from '../support/asmCompare';

const PER_ROW = 8;
/** The corpus's extensions plus the v8.3-v8.5 ones the table decodes (PAuth, BTI, FlagM, FCMA, JSCVT). */
const WIDE_MARCH = '-march=armv8.5-a+crypto+sha3+sm4+fp16+fp16fml+rcpc+dotprod+lse+crc+rdm';

test('asm random: every table row, random fields, equals GNU as', () => {
  const scratch = new Scratch();
  try {
    const dis = new Disassembler();
    let seed = 0x7d00;
    const next = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed; };
    const pcRelative = (ops: readonly string[]) => ops.some((o) => /^(rel|page)=/.test(o));
    let lines: string[] = [];
    let forms: string[] = [];
    for (const row of A64_ROWS) {
      if (pcRelative(row.ops) || (row.aliases ?? []).some((a) => pcRelative(a.ops))) continue;
      for (let k = 0; k < PER_ROW; k++) {
        const w = ((next() & ~row.mask) | row.value) >>> 0;
        if (dis.decodeRow(w) !== row) continue;
        const text = dis.disassemble(w).split('\t//')[0].split('  //')[0];
        if (!text.startsWith('.inst')) { lines.push(`\t${text}`); forms.push(row.form); }
      }
    }
    const run = () => execFileSync('aarch64-linux-gnu-as', [WIDE_MARCH, '-o', 'r.o', 'r.s'], { cwd: scratch.dir, stdio: ['ignore', 'ignore', 'pipe'] });
    scratch.write('r.s', `${lines.join('\n')}\n`);
    try { run(); } catch (e) {
      const refused = new Set(String((e as { stderr?: Buffer }).stderr).split('\n').map((l) => Number(/r\.s:(\d+):/.exec(l)?.[1])));
      forms = forms.filter((_, i) => !refused.has(i + 1));
      lines = lines.filter((_, i) => !refused.has(i + 1));
      scratch.write('r.s', `${lines.join('\n')}\n`);
      run();
    }
    const ref = elfSections(readFileSync(scratch.path('r.o'))).find((s) => s.name === '.text')!.data;
    const r = assemble(`${lines.join('\n')}\n`, { fileName: 'r.s' });
    assert.deepEqual(r.diagnostics.slice(0, 5), []);
    const ours = elfSections(r.object!).find((s) => s.name === '.text')!.data;
    const diffs: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const a = Buffer.from(ours).readUInt32LE(i * 4);
      const b = Buffer.from(ref).readUInt32LE(i * 4);
      if (a !== b) diffs.push(`${lines[i].trim()}: as ${b.toString(16)}, ours ${a.toString(16)}`);
    }
    console.log(`${lines.length - diffs.length}/${lines.length} random instructions identical over ${new Set(forms).size} rows`);
    assert.deepEqual(diffs.slice(0, 20), []);
  } finally {
    scratch.dispose();
  }
});
