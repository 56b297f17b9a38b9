// The translating tier: translated blocks (and the words they hand to the interpreter) against qemu-aarch64 on
// random sequences, against the interpreter on random loops stopped at every budget, and its invalidation by code
// writes and breakpoints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EncodingRow } from '../../src/arch/a64/encoding';
import { encodeFields } from '../../src/arch/a64/encoding';
import { Disassembler } from '../../src/arch/a64/disasm/disassemble';
import { FORM_TRANSLATORS } from '../../src/machine/jit/forms';
import { Core } from '../../src/machine/core';
import { randomFields, xorshift } from '../../tools/randomWords';
import { branchWords, isControlledBranch } from '../support/branchWords';
import { compareWithQemu, describeCase, diffStates, runOnCore, runOnQemu } from '../support/diffHarness';
import { fpCases } from '../support/fpWords';
import { allocatedWord, randomCases, randomState, type WordMaker } from '../support/randomCases';
import { ldstInitialState, ldstWordMaker } from '../support/ldstWords';

const dis = new Disassembler();
const words = allocatedWord((w) => dis.decodeRow(w));
const translatable = (r: EncodingRow) => r.form in FORM_TRANSLATORS;
const RAM = 0x40000000n;
const CODE = 0x40001000n;

async function checkAgainstQemu(rows: readonly EncodingRow[], seed: number, maker: WordMaker, count = 150): Promise<void> {
  const cases = randomCases(rows, count, 8, xorshift(seed), maker);
  let translatedWords = 0;
  const failures = await compareWithQemu(cases, describeCase((w) => dis.disassemble(w)), {
    translated: true,
    onTierStats: (s) => { translatedWords += s.words; },
  });
  assert.equal(failures.length, 0, `${failures.length}/${cases.length} cases differ:\n${failures.slice(0, 5).join('\n')}`);
  // Forward branches skip words, and a block ends at the first word it cannot translate: most words, not all.
  assert.ok(translatedWords > count * 8 * 0.4, `only ${translatedWords} words translated`);
}

test('translated integer data processing matches qemu-aarch64', async () => {
  const groups = ['pcreladdr', 'addsub_imm', 'log_imm', 'movewide', 'bitfield', 'extract', 'addsub_shift', 'addsub_ext',
    'log_shift', 'condcmp_reg', 'condcmp_imm', 'condsel', 'dp_1src', 'dp_2src', 'dp_3src'];
  const rows = dis.rows.filter((r) => groups.includes(r.group) && translatable(r));
  assert.ok(rows.length >= 50, `${rows.length} translatable rows`);
  await checkAgainstQemu(rows, 101, words, 300);
});

test('translated branches (with flag-setting code between them) match qemu-aarch64', async () => {
  const branches = dis.rows.filter((r) => isControlledBranch(r) && translatable(r));
  const rows = [...branches, ...branches, ...dis.rows.filter((r) => ['addsub_shift', 'condcmp_imm', 'log_shift', 'condsel']
    .includes(r.group) && translatable(r))];
  await checkAgainstQemu(rows, 102, branchWords((w) => dis.decodeRow(w)), 300);
});

interface Snapshot { x: bigint[]; sp: bigint[]; pc: bigint; pstate: number; insns: bigint }

function snapshot(core: Core): Snapshot {
  return {
    x: Array.from({ length: 31 }, (_, n) => core.getX(n)),
    sp: [0, 1, 2, 3].map((el) => core.getSP(el)),
    pc: core.pc,
    pstate: core.pstate,
    insns: core.insnCount,
  };
}

/** A loop: random translatable body, then SUBS X28 / B.NE back to the start (X28 is the loop counter). */
function randomLoop(rows: readonly EncodingRow[], rand: () => number, length: number): number[] {
  const body: number[] = [];
  while (body.length < length) {
    const row = rows[rand() % rows.length];
    const f = randomFields(row, rand);
    if (f.Rd === 28) continue;
    const w = encodeFields(row, f);
    if (dis.decodeRow(w) === row) body.push(w);
  }
  const subs = 0xf1000400 | 28 | (28 << 5);
  const bne = 0x54000001 | ((-(body.length + 1) & 0x7ffff) << 5);
  return [...body, subs >>> 0, bne >>> 0];
}

async function loadLoop(code: number[], seed: number, threshold: number): Promise<Core> {
  const core = await Core.load();
  core.configureRam(RAM, 0x100000n);
  core.setJitThreshold(threshold);
  core.writeBytes(CODE, new Uint8Array(Uint32Array.from(code).buffer));
  const s = randomState(xorshift(seed));
  s.x.forEach((v, n) => core.setX(n, v));
  core.setX(28, 40n);
  [0, 1].forEach((el) => core.setSP(el, s.x[el] ^ 0x5555n));
  core.pc = CODE;
  core.pstate = (s.nzcv & 0xf0000000) | 0x3c5;
  return core;
}

test('random translated loops agree with the interpreter at every budget boundary', async () => {
  const rows = dis.rows.filter((r) => translatable(r) && !isControlledBranch(r) && r.group !== 'hints');
  const rand = xorshift(103);
  for (let i = 0; i < 40; i++) {
    const code = randomLoop(rows, rand, 1 + (rand() % 12));
    const interp = await loadLoop(code, i, 0);
    const jit = await loadLoop(code, i, 2);
    const budgets = [1, 7, 50, 3, 400, 1000];
    for (const budget of budgets) {
      interp.run(BigInt(budget));
      jit.run(BigInt(budget));
      assert.deepEqual(snapshot(jit), snapshot(interp),
        `loop ${i} after budget ${budget}:\n${code.map((w) => dis.disassemble(w)).join('\n')}`);
    }
    assert.ok(jit.jitStats.blocks > 0, `loop ${i} was never translated`);
  }
});

test('the compute benchmark loop runs as one translated block and exits with the right count', async () => {
  // add x1, x1, x2; eor x2, x2, x1, lsl #1; sub x0, x0, #1; cbnz x0, <start>
  const core = await loadLoop([0x8b020021, 0xca010442, 0xd1000400, 0xb5ffffa0], 1, 64);
  core.setX(0, 100000n);
  core.setX(1, 0n);
  core.setX(2, 1n);
  const ref = await loadLoop([0x8b020021, 0xca010442, 0xd1000400, 0xb5ffffa0], 1, 0);
  ref.setX(0, 100000n);
  ref.setX(1, 0n);
  ref.setX(2, 1n);
  core.run(400_000n);
  ref.run(400_000n);
  assert.equal(core.jitStats.blocks, 1);
  assert.deepEqual(snapshot(core), snapshot(ref));
  assert.equal(core.pc, CODE + 16n);
});

test('a store into a translated block drops it: the new code runs', async () => {
  // 0: mov x0, #1 / 4: add x1, x1, x0 / 8: subs x28, x28, #1 / c: b.ne 4 / 10: str w3, [x4] / 14: b 0
  // x4 points at word 0, w3 = mov x0, #2: after the first pass the loop adds 2.
  const code = [0xd2800020, 0x8b000021, 0xf100079c, 0x54ffffc1, 0xb9000083, 0x17fffffb];
  const core = await loadLoop(code, 5, 1);
  core.setX(1, 0n);
  core.setX(3, 0xd2800040n);
  core.setX(4, CODE);
  core.setX(28, 10n);
  core.run(3n * 10n + 1n + 2n);
  assert.equal(core.getX(1), 10n);
  core.setX(28, 10n);
  core.run(1n + 3n * 10n);
  assert.equal(core.getX(1), 30n);
});

test('a breakpoint inside a translated loop stops there', async () => {
  const core = await loadLoop([0x8b020021, 0xca010442, 0xd1000400, 0xb5ffffa0], 1, 1);
  core.setX(0, 1000n);
  core.run(400n);
  assert.ok(core.jitStats.blocks >= 1);
  core.setBreakpoint(CODE + 8n);
  const before = core.insnCount;
  assert.equal(core.run(1000n), 3);
  assert.equal(core.pc, CODE + 8n);
  assert.ok(core.insnCount - before < 4n);
});

test('words without a translation run inside blocks through their interpreter handler: loads and stores match qemu-aarch64', async () => {
  const rows = dis.rows.filter((r) => ['ldst_unscaled', 'ldst_immpost', 'ldst_immpre', 'ldst_pos', 'ldst_regoff', 'ldstpair_off',
    'ldstpair_post'].includes(r.group));
  const rand = xorshift(104);
  const cases = randomCases(rows, 120, 8, rand, ldstWordMaker((w) => dis.decodeRow(w), 8))
    .map((c) => ({ ...c, initial: ldstInitialState(c.initial, rand) }));
  let translatedWords = 0;
  const failures = await compareWithQemu(cases, describeCase((w) => dis.disassemble(w)), {
    translated: true, onTierStats: (s) => { translatedWords += s.words; },
  });
  assert.equal(failures.length, 0, `${failures.length}/${cases.length} cases differ:\n${failures.slice(0, 5).join('\n')}`);
  assert.ok(translatedWords > 120 * 8 * 0.4, `only ${translatedWords} words in blocks`);
});

test('words without a translation inside blocks: scalar and vector FP match qemu-aarch64', async () => {
  const rows = dis.rows.filter((r) => ['floatdp1', 'floatdp2', 'floatdp3', 'floatcmp', 'asimdsame'].includes(r.group)
    && /^f/.test(r.mnemonic) && !/^FML[AS]L/.test(r.form));
  assert.ok(rows.length > 20);
  // Integer rows between them, so that blocks also have natively translated words.
  const mixed = [...rows, ...dis.rows.filter((r) => ['addsub_imm', 'log_shift'].includes(r.group))];
  const cases = fpCases(mixed, 120, 6, xorshift(105), words, 0xffffffff);
  const failures: string[] = [];
  // In batches of 60: the QEMU program's data must stay below the scratch buffer.
  for (let k = 0; k < cases.length; k += 60) {
    const batch = cases.slice(k, k + 60);
    const qemu = runOnQemu(batch);
    const ours = await runOnCore(batch, qemu.seqVa, { translated: true });
    batch.forEach((c, i) => {
      const d = diffStates(ours[i], qemu.results[i]);
      if (d.length) failures.push(`${describeCase((w) => dis.disassemble(w))(c, k + i)}\n  ${d.join('\n  ')}`);
    });
  }
  assert.equal(failures.length, 0, `${failures.length}/${cases.length} cases differ:\n${failures.slice(0, 4).join('\n')}`);
});
