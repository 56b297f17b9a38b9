// Our core against qemu-aarch64 on random sequences of the AdvSIMD integer and crypto instructions (every row of
// the SIMD and crypto tables that is not floating point): V registers and FPSR (QC) must match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EncodingRow } from '../../src/arch/a64/encoding';
import { Disassembler } from '../../src/arch/a64/disasm/disassemble';
import { xorshift } from '../../tools/randomWords';
import { diffStates, runOnCore, runOnQemu } from '../support/diffHarness';
import { allocatedWord, randomCases } from '../support/randomCases';

const dis = new Disassembler();
const COUNT = Number(process.env.SIMD_DIFF_COUNT ?? 300);

/** Integer AdvSIMD/crypto rows: FP rows (F*, SCVTF/UCVTF and the FMOV immediate) belong to the FP checks. */
const integer = (r: EncodingRow) => !/^(F|SCVTF|UCVTF)/.test(r.form);

async function check(groups: readonly string[], seed: number, count = COUNT, length = 6): Promise<void> {
  const rows = dis.rows.filter((r) => groups.includes(r.group) && integer(r));
  assert.ok(rows.length > 0, `no rows in ${groups.join(', ')}`);
  const cases = randomCases(rows, count, length, xorshift(seed), allocatedWord((w) => dis.decodeRow(w)));
  const qemu = runOnQemu(cases);
  const ours = await runOnCore(cases, qemu.seqVa);
  const failures: string[] = [];
  cases.forEach((c, i) => {
    const d = diffStates(ours[i], qemu.results[i]);
    if (d.length) failures.push(`case ${i}:\n${c.words.map((w) => `    ${w.toString(16).padStart(8, '0')}  ${dis.disassemble(w)}`).join('\n')}\n  ${d.join('\n  ')}`);
  });
  assert.equal(failures.length, 0, `${failures.length}/${cases.length} cases differ:\n${failures.slice(0, 5).join('\n')}`);
}

test('AdvSIMD three same (integer, bitwise, extra) matches qemu-aarch64', async () => {
  await check(['asimdsame', 'asimdsame2'], 101);
});
