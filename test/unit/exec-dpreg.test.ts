// Our core against qemu-aarch64 on random sequences of Data Processing -- Register and of branches (with
// flag-setting and register-writing instructions between them, so that conditions and tested bits vary).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EncodingRow } from '../../src/arch/a64/encoding';
import { Disassembler } from '../../src/arch/a64/disasm/disassemble';
import { sysRegIndex } from '../../src/arch/sysregs/table';
import { Core } from '../../src/machine/core';
import { xorshift } from '../../tools/randomWords';
import { branchWords, isControlledBranch } from '../support/branchWords';
import { compareWithQemu, describeCase } from '../support/diffHarness';
import { allocatedWord, randomCases, type WordMaker } from '../support/randomCases';

const dis = new Disassembler();
const COUNT = Number(process.env.DPREG_DIFF_COUNT ?? 200);
const LENGTH = 8;

/** FEAT_PAuth and FEAT_FlagM are not in the CPU model: their rows are UNDEFINED in our core, not in QEMU's max. */
const implemented = (r: EncodingRow) => r.feature !== 'pauth' && r.feature !== 'flagm';

async function check(rows: readonly EncodingRow[], seed: number, maker: WordMaker): Promise<void> {
  assert.ok(rows.length > 0, 'no rows');
  const cases = randomCases(rows, COUNT, LENGTH, xorshift(seed), maker);
  const drawn = new Set(cases.flatMap((c) => c.words.map((w) => dis.decodeRow(w))));
  assert.deepEqual(rows.filter((r) => !drawn.has(r)).map((r) => r.form), [], 'rows never drawn');
  const failures = await compareWithQemu(cases, describeCase((w) => dis.disassemble(w)));
  assert.equal(failures.length, 0, `${failures.length}/${cases.length} cases differ:\n${failures.slice(0, 5).join('\n')}`);
}

const inGroups = (...groups: string[]) => dis.rows.filter((r) => groups.includes(r.group) && implemented(r));
const words = allocatedWord((w) => dis.decodeRow(w));

test('add/subtract (shifted, extended, with carry), conditional compare and select match qemu-aarch64', async () => {
  await check(inGroups('addsub_shift', 'addsub_ext', 'addsub_carry', 'condcmp_reg', 'condcmp_imm', 'condsel'), 11, words);
});

test('logical (shifted register), 1-source and 2-source (division, variable shifts, CRC32) match qemu-aarch64', async () => {
  await check(inGroups('log_shift', 'dp_1src', 'dp_2src', 'addsub_carry'), 12, words);
});

test('3-source multiply-add and multiply-high match qemu-aarch64', async () => {
  await check(inGroups('dp_3src', 'addsub_shift'), 13, words);
});

test('branches (B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ, BR, BLR, RET) match qemu-aarch64', async () => {
  const branches = dis.rows.filter(isControlledBranch);
  assert.equal(branches.length, 10);
  // Branches twice as often as the flag-setting and register-writing rows around them.
  const rows = [...branches, ...branches, ...inGroups('addsub_shift', 'condcmp_imm', 'log_shift', 'condsel')];
  await check(rows, 14, branchWords((w) => dis.decodeRow(w)));
});

test('PAuth and FlagM register forms are UNDEFINED (taken to EL1 from EL0, registers untouched)', async () => {
  const core = await Core.load();
  core.configureRam(0x400000n, 0x100000n);
  const undefinedRows = dis.rows.filter((r) => (r.feature === 'pauth' && r.group !== 'hints') || (r.feature === 'flagm' && r.cls === 'dp_reg'));
  assert.ok(undefinedRows.length >= 30);
  for (const r of undefinedRows) {
    const w = r.value;
    assert.equal(dis.decodeRow(w), r);
    core.writeBytes(0x400000n, new Uint8Array(Uint32Array.of(w).buffer));
    for (let n = 0; n < 31; n++) core.setX(n, BigInt(n) * 0x1111n);
    core.pc = 0x400000n;
    core.pstate = 0;
    core.run(1n);
    assert.equal(core.pc, 0x400n, `${r.form}: not taken to the EL1 vector for a lower EL`);
    assert.equal((core.pstate >>> 2) & 3, 1, `${r.form}: not at EL1`);
    for (let n = 0; n < 31; n++) assert.equal(core.getX(n), BigInt(n) * 0x1111n, `${r.form}: x${n} written`);
  }
});

test('branches to registers ignore the top byte where TCR_ELx.TBI says so (AArch64.BranchAddr)', async () => {
  const core = await Core.load();
  core.configureRam(0x400000n, 0x100000n);
  const tcrEl1 = sysRegIndex('TCR_EL1');
  core.writeBytes(0x400000n, new Uint8Array(Uint32Array.of(0xd61f0020).buffer)); // br x1
  const branch = (el: number, tcr: bigint, target: bigint): bigint => {
    core.setSysreg(tcrEl1, tcr);
    core.setX(1, target);
    core.pc = 0x400000n;
    core.pstate = (el << 2) | (el ? 1 : 0);
    core.run(1n);
    return core.pc;
  };
  const TBI0 = 1n << 37n, TBI1 = 1n << 38n;
  assert.equal(branch(0, TBI0, 0x5a00000000400010n), 0x400010n);
  assert.equal(branch(0, 0n, 0x5a00000000400010n), 0x5a00000000400010n);
  // Bit 55 set: the upper range, TBI1 applies and the top byte copies bit 55.
  assert.equal(branch(1, TBI1, 0x00ffff8000001000n), 0xffffff8000001000n);
  assert.equal(branch(1, TBI0, 0x00ffff8000001000n), 0x00ffff8000001000n);
});
