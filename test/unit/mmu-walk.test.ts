// The VMSAv8-64 walker (src/core/mmu/walk.ts) through the debugger's walk record: page tables built in guest RAM,
// each expected value derived from the ARM ARM rules quoted beside it (AArch64.TranslationTableWalk()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccessKind, Core, Regime } from '../../src/machine/core';
import { sysRegIndex } from '../../src/arch/sysregs/table';

const AF = 1n << 10n;
/** Table descriptor: bits 1:0 = 11 below level 3, next-level address in bits 47:grainsize. */
const table = (pa: bigint, extra = 0n): bigint => pa | 3n | extra;
/** Block (01) or page (11 at level 3) with AttrIndx[4:2], AP[7:6], SH[9:8], AF[10]. */
const block = (pa: bigint, { attrIdx = 0n, ap = 0n, sh = 3n, af = true, extra = 0n } = {}): bigint =>
  pa | 1n | (attrIdx << 2n) | (ap << 6n) | (sh << 8n) | (af ? AF : 0n) | extra;
const page = (pa: bigint, o: { attrIdx?: bigint; ap?: bigint; af?: boolean; extra?: bigint } = {}): bigint => block(pa, o) | 2n;
/** Stage-2 block/page: MemAttr[5:2] = 1111 (Normal WB), S2AP[7:6] = 11 (read/write), AF. */
const s2block = (pa: bigint, s2ap = 3n): bigint => pa | 1n | (0xfn << 2n) | (s2ap << 6n) | (3n << 8n) | AF;
const UXN = 1n << 54n, PXN = 1n << 53n;

/** TCR_EL1: T0SZ[5:0], TG0[15:14] (00 4K, 10 16K, 01 64K), T1SZ[21:16], TG1[31:30] (10 4K), IPS[34:32] = 40 bits. */
const TG0_4K = 0n, TG0_64K = 1n, TG0_16K = 2n;
const tcrEl1 = (t0sz: bigint, tg0: bigint, t1sz = 16n, tg1 = 2n): bigint =>
  t0sz | (tg0 << 14n) | (t1sz << 16n) | (tg1 << 30n) | (2n << 32n);

const TABLES = 0x40100000n;

async function machine(highest: 1 | 2 | 3 = 1): Promise<Core & { sr(name: string, v: bigint): void; desc(at: bigint, v: bigint): void }> {
  const core = await Core.load();
  core.setHighestEL(highest);
  return Object.assign(core, {
    sr(name: string, v: bigint) { core.setSysreg(sysRegIndex(name), v); },
    desc(at: bigint, v: bigint) {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, v, true);
      core.writeBytes(at, b);
    },
  });
}

/** Stage 1 of EL1&0 on, MAIR_EL1 = Attr1 0x44 (Normal NC), Attr0 0x00 (Device-nGnRnE), Attr2 0xff. */
async function el1(tcr: bigint, ttbr0: bigint, highest: 1 | 2 | 3 = 1) {
  const m = await machine(highest);
  m.sr('TCR_EL1', tcr);
  m.sr('TTBR0_EL1', ttbr0);
  m.sr('MAIR_EL1', 0xff4400n);
  m.sr('SCTLR_EL1', 1n);
  return m;
}

test('MMU off: VA = PA, no descriptor read', async () => {
  const m = await machine();
  const r = m.translateForDebugger(0x40001234n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.steps, []);
  assert.equal(r.pa, 0x40001234n);
  assert.equal(r.stage1, undefined);
  // AArch64.TranslateAddressS1Off(): a VA above PAMax() (40 bits) is an Address size fault at level 0.
  assert.deepEqual(m.translateForDebugger(1n << 40n, Regime.EL10, AccessKind.Read).fault,
    { type: 'addressSize', stage: 1, level: 0, s1ptw: false, ipa: 0n });
});

test('4K granule, 39-bit VA: starts at level 1; 1 GB block at level 1, 2 MB block at level 2, 4 KB page', async () => {
  // inputsize 39: level = 4 - ceil((39 - 12) / 9) = 1; the level-1 table has 2^(39-30) = 512 entries.
  const m = await el1(tcrEl1(25n, TG0_4K), TABLES);
  const l2 = TABLES + 0x1000n, l3 = TABLES + 0x2000n;
  m.desc(TABLES + 0n * 8n, block(0x40000000n, { attrIdx: 1n }));      // VA 0x0000_0000..: 1 GB block
  m.desc(TABLES + 1n * 8n, table(l2));                                   // VA 0x4000_0000..: table
  m.desc(l2 + 3n * 8n, block(0x40600000n, { attrIdx: 2n }));           // VA 0x4060_0000: 2 MB block
  m.desc(l2 + 4n * 8n, table(l3));
  m.desc(l3 + 5n * 8n, page(0x40ab5000n));                               // VA 0x4080_5000: page

  let r = m.translateForDebugger(0x00123456n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.steps, [{ stage: 1, level: 1, table: TABLES, address: TABLES, descriptor: block(0x40000000n, { attrIdx: 1n }) }]);
  assert.equal(r.pa, 0x40123456n);
  assert.equal(r.stage1!.attr, 0x44);
  assert.equal(r.stage1!.level, 1);
  assert.equal(r.stage1!.blockBits, 30);

  r = m.translateForDebugger(0x40612345n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.steps.map((s) => [s.level, s.address]), [[1, TABLES + 8n], [2, l2 + 24n]]);
  assert.equal(r.pa, 0x40612345n);
  assert.equal(r.stage1!.attr, 0xff);
  assert.equal(r.stage1!.blockBits, 21);

  r = m.translateForDebugger(0x40805abcn, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.steps.map((s) => [s.level, s.table, s.address]), [[1, TABLES, TABLES + 8n], [2, l2, l2 + 32n], [3, l3, l3 + 40n]]);
  assert.equal(r.pa, 0x40ab5abcn);
  assert.equal(r.stage1!.attr, 0x00);
  assert.equal(r.stage1!.blockBits, 12);

  // Invalid entry at level 2 (bit 0 = 0): Translation fault at level 2 after two reads.
  r = m.translateForDebugger(0x40a00000n, Regime.EL10, AccessKind.Read);
  assert.equal(r.steps.length, 2);
  assert.deepEqual(r.fault, { type: 'translation', stage: 1, level: 2, s1ptw: false, ipa: 0n });
  // Invalid at level 3.
  assert.deepEqual(m.translateForDebugger(0x40806000n, Regime.EL10, AccessKind.Read).fault,
    { type: 'translation', stage: 1, level: 3, s1ptw: false, ipa: 0n });
  // A VA with bits above inputsize (39) set under TTBR0: Translation fault at level 0, no read.
  r = m.translateForDebugger(1n << 40n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.steps, []);
  assert.deepEqual(r.fault, { type: 'translation', stage: 1, level: 0, s1ptw: false, ipa: 0n });
});

test('4K granule, 48-bit VA through TTBR1: four levels; block at level 0 is a Translation fault', async () => {
  // inputsize 48: level = 4 - ceil(36 / 9) = 0. VA 0xffff_8000_4020_3abc indexes L0[256] L1[1] L2[1] L3[3].
  const m = await el1(tcrEl1(16n, TG0_4K, 16n, 2n), 0n);
  const l0 = TABLES, l1 = TABLES + 0x1000n, l2 = TABLES + 0x2000n, l3 = TABLES + 0x3000n;
  m.sr('TTBR1_EL1', l0);
  m.desc(l0 + 256n * 8n, table(l1));
  m.desc(l1 + 1n * 8n, table(l2));
  m.desc(l2 + 1n * 8n, table(l3));
  m.desc(l3 + 3n * 8n, page(0x40777000n));
  const r = m.translateForDebugger(0xffff800040203abcn, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.steps.map((s) => [s.level, s.address]), [[0, l0 + 2048n], [1, l1 + 8n], [2, l2 + 8n], [3, l3 + 24n]]);
  assert.equal(r.pa, 0x40777abcn);
  // With 4K granules the first block level is 1: a block descriptor at level 0 is a Translation fault at level 0.
  m.desc(l0 + 257n * 8n, block(0n));
  assert.deepEqual(m.translateForDebugger(0xffff808000000000n, Regime.EL10, AccessKind.Read).fault,
    { type: 'translation', stage: 1, level: 0, s1ptw: false, ipa: 0n });
  // TCR_EL1.EPD1 = 1: TTBR1 walks disabled, Translation fault at level 0.
  m.sr('TCR_EL1', tcrEl1(16n, TG0_4K, 16n, 2n) | (1n << 23n));
  assert.equal(m.translateForDebugger(0xffff800040203abcn, Regime.EL10, AccessKind.Read).fault!.type, 'translation');
});

test('16K granule, 48-bit VA: level 0 has 2 entries, 16 KB pages, 32 MB blocks at level 2', async () => {
  // stride 11: level = 4 - ceil((48 - 14) / 11) = 0, L0 index VA[47], L1 VA[46:36], L2 VA[35:25], L3 VA[24:14].
  const m = await el1(tcrEl1(16n, TG0_16K), TABLES);
  const l1 = TABLES + 0x4000n, l2 = TABLES + 0x8000n, l3 = TABLES + 0xc000n;
  m.desc(TABLES + 1n * 8n, table(l1));
  m.desc(l1 + 2n * 8n, table(l2));
  m.desc(l2 + 3n * 8n, table(l3));
  m.desc(l2 + 4n * 8n, block(0x42000000n));
  m.desc(l3 + 5n * 8n, page(0x40ab4000n));
  const va = (1n << 47n) | (2n << 36n) | (3n << 25n) | (5n << 14n) | 0x1234n;
  let r = m.translateForDebugger(va, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.steps.map((s) => [s.level, s.address]), [[0, TABLES + 8n], [1, l1 + 16n], [2, l2 + 24n], [3, l3 + 40n]]);
  assert.equal(r.pa, 0x40ab5234n);
  assert.equal(r.stage1!.blockBits, 14);
  r = m.translateForDebugger((1n << 47n) | (2n << 36n) | (4n << 25n) | 0x1abcdefn, Regime.EL10, AccessKind.Read);
  assert.equal(r.pa, 0x43abcdefn);
  assert.equal(r.stage1!.blockBits, 25);
  // A block at level 1 with the 16K granule (no 52-bit PA): Translation fault at level 1.
  m.desc(l1 + 3n * 8n, block(0n));
  assert.deepEqual(m.translateForDebugger((1n << 47n) | (3n << 36n), Regime.EL10, AccessKind.Read).fault,
    { type: 'translation', stage: 1, level: 1, s1ptw: false, ipa: 0n });
});

test('64K granule: 48-bit VA starts at level 1, 42-bit at level 2; 512 MB block at level 2', async () => {
  // stride 13: 48 bits → level 4 - ceil(32 / 13) = 1 (L1 VA[47:42]); 42 bits → 4 - ceil(26 / 13) = 2.
  const m = await el1(tcrEl1(16n, TG0_64K), TABLES);
  const l2 = TABLES + 0x10000n, l3 = TABLES + 0x20000n;
  m.desc(TABLES + 1n * 8n, table(l2));
  m.desc(l2 + 2n * 8n, block(0x40000000n));
  m.desc(l2 + 3n * 8n, table(l3));
  m.desc(l3 + 7n * 8n, page(0x40bc0000n));
  let r = m.translateForDebugger((1n << 42n) | (2n << 29n) | 0x1234567n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.steps.map((s) => [s.level, s.address]), [[1, TABLES + 8n], [2, l2 + 16n]]);
  assert.equal(r.pa, 0x41234567n);
  assert.equal(r.stage1!.blockBits, 29);
  r = m.translateForDebugger((1n << 42n) | (3n << 29n) | (7n << 16n) | 0xfedcn, Regime.EL10, AccessKind.Read);
  assert.equal(r.pa, 0x40bcfedcn);
  m.sr('TCR_EL1', tcrEl1(22n, TG0_64K));
  m.sr('TTBR0_EL1', l2);
  r = m.translateForDebugger((2n << 29n) | 0x55n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.steps.map((s) => [s.level, s.address]), [[2, l2 + 16n]]);
  assert.equal(r.pa, 0x40000055n);
});

test('Access flag and Address size faults at the level of the descriptor', async () => {
  const m = await el1(tcrEl1(25n, TG0_4K), TABLES);
  const l2 = TABLES + 0x1000n;
  m.desc(TABLES, table(l2));
  m.desc(l2, block(0x40000000n, { af: false }));
  // AF = 0 without hardware update: Access flag fault at level 2.
  assert.deepEqual(m.translateForDebugger(0x1000n, Regime.EL10, AccessKind.Read).fault,
    { type: 'accessFlag', stage: 1, level: 2, s1ptw: false, ipa: 0n });
  // Output address bit 40 set with IPS = 40 bits: Address size fault at level 2.
  m.desc(l2 + 8n, block(1n << 40n));
  assert.equal(m.translateForDebugger(0x200000n, Regime.EL10, AccessKind.Read).fault!.type, 'addressSize');
  assert.equal(m.translateForDebugger(0x200000n, Regime.EL10, AccessKind.Read).fault!.level, 2);
  // A table address above the output size: Address size fault at the level of the table descriptor (1).
  m.desc(TABLES + 8n, table(1n << 41n));
  assert.deepEqual(m.translateForDebugger(0x40000000n, Regime.EL10, AccessKind.Read).fault,
    { type: 'addressSize', stage: 1, level: 1, s1ptw: false, ipa: 0n });
  // TTBR0 base above the output size: Address size fault at level 0 before any read.
  m.sr('TTBR0_EL1', 1n << 42n);
  const r = m.translateForDebugger(0n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.steps, []);
  assert.deepEqual(r.fault, { type: 'addressSize', stage: 1, level: 0, s1ptw: false, ipa: 0n });
});

test('stage-1 permissions: AP[2:1], UXN/PXN, hierarchical APTable and PXNTable, WXN', async () => {
  const m = await el1(tcrEl1(25n, TG0_4K), TABLES);
  const l2 = TABLES + 0x1000n, l2b = TABLES + 0x2000n;
  m.desc(TABLES, table(l2));
  // AP = 00: EL1 RW, EL0 none; executable at EL1 only (UXN set).
  m.desc(l2 + 0n * 8n, block(0x40000000n, { ap: 0n, extra: UXN }));
  // AP = 01: EL1 and EL0 RW; EL0-writable memory is privileged execute-never.
  m.desc(l2 + 1n * 8n, block(0x40200000n, { ap: 1n }));
  // AP = 11: read-only at both, PXN.
  m.desc(l2 + 2n * 8n, block(0x40400000n, { ap: 3n, extra: PXN }));
  let r = m.translateForDebugger(0n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.stage1!.perms, { r1: true, w1: true, x1: true, r0: false, w0: false, x0: false });
  r = m.translateForDebugger(0x200000n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.stage1!.perms, { r1: true, w1: true, x1: false, r0: true, w0: true, x0: true });
  r = m.translateForDebugger(0x400000n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.stage1!.perms, { r1: true, w1: false, x1: false, r0: true, w0: false, x0: true });
  // Access checks: a write to a read-only page and an EL0 read of an EL1-only page are Permission faults at level 2.
  assert.deepEqual(m.translateForDebugger(0x400000n, Regime.EL10, AccessKind.Write).fault,
    { type: 'permission', stage: 1, level: 2, s1ptw: false, ipa: 0n });
  assert.equal(m.translateForDebugger(0n, Regime.EL10, AccessKind.Read | AccessKind.Unpriv).fault!.type, 'permission');
  assert.equal(m.translateForDebugger(0x200000n, Regime.EL10, AccessKind.Fetch).fault!.type, 'permission');
  // APTable = 11 (read-only, no EL0) and PXNTable on the level-1 table descriptor restrict an AP = 01 block.
  m.desc(TABLES + 8n, table(l2b, (3n << 61n) | (1n << 59n)));
  m.desc(l2b, block(0x40000000n, { ap: 1n }));
  r = m.translateForDebugger(0x40000000n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.stage1!.perms, { r1: true, w1: false, x1: false, r0: false, w0: false, x0: true });
  // SCTLR_EL1.WXN: writable memory is execute-never.
  m.sr('SCTLR_EL1', 1n | (1n << 19n));
  r = m.translateForDebugger(0n, Regime.EL10, AccessKind.Read);
  assert.equal(r.stage1!.perms.x1, false);
});

test('EL2 and EL3 regimes: TTBR0_ELx/TCR_ELx, one privilege level, XN', async () => {
  const m = await machine(3);
  // TCR_EL2/EL3: T0SZ[5:0], TG0[15:14], PS[18:16] = 40 bits.
  const tcr = 25n | (2n << 16n);
  for (const [el, regime] of [['EL2', Regime.EL2], ['EL3', Regime.EL3]] as const) {
    const base = el === 'EL2' ? TABLES : TABLES + 0x10000n;
    m.sr(`TCR_${el}`, tcr);
    m.sr(`TTBR0_${el}`, base);
    m.sr(`MAIR_${el}`, 0x04n << 8n);
    m.sr(`SCTLR_${el}`, 1n);
    m.desc(base + 8n, block(0x40000000n, { attrIdx: 1n, ap: 2n, extra: UXN }));
    const r = m.translateForDebugger(0x40000010n, regime, AccessKind.Read);
    assert.deepEqual(r.steps, [{ stage: 1, level: 1, table: base, address: base + 8n, descriptor: block(0x40000000n, { attrIdx: 1n, ap: 2n, extra: UXN }) }]);
    assert.equal(r.pa, 0x40000010n);
    assert.equal(r.stage1!.attr, 0x04);
    assert.deepEqual(r.stage1!.perms, { r1: true, w1: false, x1: false, r0: false, w0: false, x0: false });
    assert.equal(r.stage2, undefined);
  }
});

test('stage 2: 40-bit IPA from level 1 with two concatenated tables, nested stage-1 walk, S1PTW fault', async () => {
  // VTCR_EL2: T0SZ = 24 (40-bit IPA), SL0 = 01 (4K: start level 1), TG0 4K, PS = 40 bits. The level-1 table
  // then has 2^(40 - 30) = 1024 entries: two concatenated 4 KB tables, the base aligned to 8 KB.
  const m = await el1(tcrEl1(25n, TG0_4K), 0x8040100000n, 2);
  const s2 = 0x40200000n;
  m.sr('HCR_EL2', 1n);
  m.sr('VTCR_EL2', 24n | (1n << 6n) | (2n << 16n));
  m.sr('VTTBR_EL2', s2);
  // IPA 0x80_4000_0000 (index 0x201: entry 1 of the second table) → PA 0x4000_0000 (1 GB block).
  m.desc(s2 + 0x201n * 8n, s2block(0x40000000n));
  // Stage-1 tables at IPA 0x80_4010_0000 = PA 0x4010_0000; VA 0x0 → IPA 0x80_4012_3000 by a level-3 page.
  const l2 = TABLES + 0x1000n, l3 = TABLES + 0x2000n;
  m.desc(TABLES, table(0x8040101000n));
  m.desc(l2, table(0x8040102000n));
  m.desc(l3, page(0x8040123000n));
  const r = m.translateForDebugger(0x456n, Regime.EL10, AccessKind.Read);
  // Each stage-1 table address is translated by stage 2 first (AArch64.SecondStageWalk()), then the output.
  assert.deepEqual(r.steps.map((s) => [s.stage, s.level, s.address]), [
    [2, 1, s2 + 0x201n * 8n], [1, 1, TABLES],
    [2, 1, s2 + 0x201n * 8n], [1, 2, l2],
    [2, 1, s2 + 0x201n * 8n], [1, 3, l3],
    [2, 1, s2 + 0x201n * 8n],
  ]);
  assert.equal(r.ipa, 0x8040123456n);
  assert.equal(r.pa, 0x40123456n);
  assert.deepEqual(r.stage2, { memAttr: 0xf, sh: 3, level: 1, blockBits: 30, perms: { r: true, w: true, x: true } });

  // Stage-1 table at an IPA stage 2 does not map: stage-2 Translation fault at level 1 with S1PTW, IPA of the table.
  m.sr('TTBR0_EL1', 0x0040100000n);
  let f = m.translateForDebugger(0x456n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(f.steps.map((s) => [s.stage, s.level, s.address]), [[2, 1, s2 + 8n]]);
  assert.deepEqual(f.fault, { type: 'translation', stage: 2, level: 1, s1ptw: true, ipa: 0x0040100000n });

  // The final IPA unmapped: a stage-2 fault without S1PTW.
  m.sr('TTBR0_EL1', 0x8040100000n);
  m.desc(l3 + 8n, page(0x0000123000n));
  f = m.translateForDebugger(0x1000n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(f.fault, { type: 'translation', stage: 2, level: 1, s1ptw: false, ipa: 0x123000n });

  // Stage-2 write permission: S2AP = 01 (read-only) makes a write a stage-2 Permission fault.
  m.desc(s2 + 0x201n * 8n, s2block(0x40000000n, 1n));
  f = m.translateForDebugger(0x456n, Regime.EL10, AccessKind.Write);
  assert.deepEqual(f.fault, { type: 'permission', stage: 2, level: 1, s1ptw: false, ipa: 0x8040123456n });
  // S2AP = 00: the stage-1 walk itself cannot read its table (Permission fault with S1PTW).
  m.desc(s2 + 0x201n * 8n, s2block(0x40000000n, 0n));
  f = m.translateForDebugger(0x456n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(f.fault, { type: 'permission', stage: 2, level: 1, s1ptw: true, ipa: 0x8040100000n });

  // Stage 1 off with stage 2 on: VA = IPA, then stage 2.
  m.desc(s2 + 0x201n * 8n, s2block(0x40000000n));
  m.sr('SCTLR_EL1', 0n);
  const flat = m.translateForDebugger(0x8040000abcn, Regime.EL10, AccessKind.Read);
  assert.deepEqual(flat.steps.map((s) => s.stage), [2]);
  assert.equal(flat.pa, 0x40000abcn);

  // SL0 = 10 with the 4K granule (start level 0) while PAMax() < 44: no valid start, Translation fault at level 0.
  m.sr('VTCR_EL2', 24n | (2n << 6n) | (2n << 16n));
  assert.deepEqual(m.translateForDebugger(0x8040000abcn, Regime.EL10, AccessKind.Read).fault,
    { type: 'translation', stage: 2, level: 0, s1ptw: false, ipa: 0x8040000abcn });
});

test('stage 2, 16K granule: SL0 = 01 starts at level 2 with 16 concatenated tables; invalid SL0', async () => {
  // VTCR_EL2: T0SZ = 24, SL0 = 01 (16K: level 3 - 1 = 2), TG0 = 10 (16K). Level 2 resolves IPA[39:25]: 2^15
  // entries, 16 tables of 2048 (the most concatenation allows: startsizecheck 15 = stride + 4), base 256 KB aligned.
  const m = await machine(2);
  const s2 = 0x40400000n;
  m.sr('HCR_EL2', 1n);
  m.sr('VTCR_EL2', 24n | (1n << 6n) | (2n << 14n) | (2n << 16n));
  m.sr('VTTBR_EL2', s2);
  m.desc(s2 + 0x7fe0n * 8n, s2block(0x42000000n));
  const r = m.translateForDebugger(0xffc0123456n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.steps, [{ stage: 2, level: 2, table: s2, address: s2 + 0x7fe0n * 8n, descriptor: s2block(0x42000000n) }]);
  assert.equal(r.pa, 0x42123456n);
  assert.equal(r.stage2!.blockBits, 25);
  // SL0 = 00 (start at level 3) would need 2^26 entries there: no valid start, Translation fault at level 0.
  m.sr('VTCR_EL2', 24n | (0n << 6n) | (2n << 14n) | (2n << 16n));
  assert.deepEqual(m.translateForDebugger(0xffc0123456n, Regime.EL10, AccessKind.Read).fault,
    { type: 'translation', stage: 2, level: 0, s1ptw: false, ipa: 0xffc0123456n });
});

test('the debugger walk has no side effects: tables outside RAM are not read from devices', async () => {
  let deviceReads = 0;
  const core = await Core.load({ read: () => { deviceReads++; return 0n; }, write: () => true });
  core.setSysreg(sysRegIndex('TCR_EL1'), tcrEl1(25n, TG0_4K));
  core.setSysreg(sysRegIndex('TTBR0_EL1'), 0x09000000n);
  core.setSysreg(sysRegIndex('SCTLR_EL1'), 1n);
  core.pc = 0x40000000n;
  const r = core.translateForDebugger(0x1000n, Regime.EL10, AccessKind.Read);
  assert.deepEqual(r.fault, { type: 'externalAbortOnWalk', stage: 1, level: 1, s1ptw: false, ipa: 0n });
  assert.equal(deviceReads, 0);
  assert.equal(core.pc, 0x40000000n);
  assert.equal(core.getSysreg(sysRegIndex('FAR_EL1')), 0n);
});
