// The stage-2 inspector's model (src/extension/walkView.ts): descriptor fields by the ARM ARM's formats (D8.3), and
// real walk records from the core's walker (src/machine/core.ts translateForDebugger) split into their walks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sysRegIndex } from '../../src/arch/sysregs/table';
import type { WalkView } from '../../src/extension/contract';
import { decodeDescriptor, decodeWalk, descriptorKind, mairAttrMeaning, memAttrMeaning, parseRegime, sizeText } from '../../src/extension/walkView';
import { AccessKind, Core, Regime, type WalkResult } from '../../src/machine/core';

const fieldsOf = (d: bigint, stage: 1 | 2, level: number, regime?: 'el10' | 'el20' | 'el2') =>
  Object.fromEntries(decodeDescriptor(d, stage, level, regime).fields.map((f) => [f.name, `${f.value} ${f.meaning}`]));

test('descriptor kinds: bits [1:0] by level', () => {
  assert.equal(descriptorKind(0n, 1), 'invalid');
  assert.equal(descriptorKind(2n, 2), 'invalid');
  assert.equal(descriptorKind(1n, 1), 'block');
  assert.equal(descriptorKind(3n, 1), 'table');
  assert.equal(descriptorKind(3n, 3), 'page');
  assert.equal(descriptorKind(1n, 3), 'reserved');
});

test('stage-1 table descriptor: next-level address and the hierarchical controls', () => {
  const d = 0x40101003n | (1n << 63n) | (2n << 61n) | (1n << 60n);
  assert.deepEqual(fieldsOf(d, 1, 1, 'el10'), {
    Valid: '1 valid', Type: '1 table descriptor', 'Next-level table': '0x40101000 level 2 table',
    NSTable: '1 next levels Non-secure', APTable: '2 read-only below', UXNTable: '1 execute-never below', PXNTable: '0 no effect',
  });
  // EL2 has one privilege level: XNTable, no PXNTable.
  const el2 = fieldsOf(d, 1, 1, 'el2');
  assert.equal(el2.XNTable, '1 execute-never below');
  assert.equal(el2.PXNTable, undefined);
});

test('stage-1 block and page: AttrIndx, AP for EL1&0 and for EL2, SH, AF, nG, XN', () => {
  // 2 MB block at level 2: AttrIndx 1, AP 01, SH 11, AF, nG, UXN.
  const block = 0x40200000n | 1n | (1n << 2n) | (1n << 6n) | (3n << 8n) | (1n << 10n) | (1n << 11n) | (1n << 54n);
  assert.deepEqual(fieldsOf(block, 1, 2, 'el10'), {
    Valid: '1 valid', Type: '0 block descriptor', 'Output address': '0x40200000 level 2 block', AttrIndx: '1 MAIR_ELx.Attr1',
    NS: '0 Secure (from Secure state)', AP: '1 EL1 and EL0 read/write', SH: '3 Inner Shareable', AF: '1 accessed',
    nG: '1 not global (ASID-tagged)', DBM: '0 no effect', Contiguous: '0 no effect', PXN: '0 privileged executable', UXN: '1 EL0 execute-never',
  });
  assert.equal(fieldsOf(block, 1, 2, 'el20').AP, '1 EL2 and EL0 read/write');
  const page = 0x9000000n | 3n | (2n << 6n);
  const el2 = fieldsOf(page, 1, 3, 'el2');
  assert.equal(el2.Type, '1 page descriptor');
  assert.equal(el2.AP, '2 read-only');
  assert.equal(el2.AF, '0 not accessed: Access flag fault');
  assert.equal(el2.XN, '0 executable');
  assert.equal(el2.UXN, undefined);
});

test('stage-2 block: MemAttr, S2AP, XN', () => {
  const d = 0x40000000n | 1n | (0xfn << 2n) | (1n << 6n) | (3n << 8n) | (1n << 10n) | (1n << 54n);
  assert.deepEqual(fieldsOf(d, 2, 1), {
    Valid: '1 valid', Type: '0 block descriptor', 'Output address': '0x40000000 level 1 block',
    MemAttr: '0xf Normal, outer Write-Back, inner Write-Back', S2AP: '1 read-only', SH: '3 Inner Shareable', AF: '1 accessed',
    DBM: '0 no effect', Contiguous: '0 no effect', XN: '1 execute-never',
  });
  assert.equal(fieldsOf(0n, 2, 1).Valid, '0 invalid: the walk faults here');
  assert.equal(Object.keys(fieldsOf(0n, 2, 1)).length, 1);
});

test('memory attribute encodings: stage-2 MemAttr and MAIR bytes', () => {
  assert.equal(memAttrMeaning(0b0000), 'Device-nGnRnE');
  assert.equal(memAttrMeaning(0b0001), 'Device-nGnRE');
  assert.equal(memAttrMeaning(0b0101), 'Normal, outer Non-cacheable, inner Non-cacheable');
  assert.equal(mairAttrMeaning(0x00), 'Device-nGnRnE');
  assert.equal(mairAttrMeaning(0x04), 'Device-nGnRE');
  assert.equal(mairAttrMeaning(0x44), 'Normal, outer Non-cacheable, inner Non-cacheable');
  assert.equal(mairAttrMeaning(0xff), 'Normal, outer Write-Back, RW-allocate, inner Write-Back, RW-allocate');
  assert.equal(mairAttrMeaning(0xbb), 'Normal, outer Write-Through, RW-allocate, inner Write-Through, RW-allocate');
  assert.equal(sizeText(12), '4 KB');
  assert.equal(sizeText(21), '2 MB');
  assert.equal(sizeText(30), '1 GB');
  assert.equal(sizeText(16), '64 KB');
});

// Real walks: the setup of mmu-walk.test.ts's nested stage-2 case (4K granules, 40-bit IPA from level 1).
const hex = (v: bigint): string => `0x${v.toString(16)}`;
/** The adapter's serialisation of a WalkResult (the contract's WalkView). */
function view(r: WalkResult): WalkView {
  return {
    steps: r.steps.map((s) => ({ stage: s.stage, level: s.level, table: hex(s.table), address: hex(s.address), descriptor: hex(s.descriptor) })),
    fault: r.fault && { ...r.fault, ipa: hex(r.fault.ipa) },
    pa: r.pa === undefined ? undefined : hex(r.pa),
    ipa: r.ipa === undefined ? undefined : hex(r.ipa),
    stage1: r.stage1, stage2: r.stage2,
  };
}

const AF = 1n << 10n;
const s2block = (pa: bigint, s2ap = 3n): bigint => pa | 1n | (0xfn << 2n) | (s2ap << 6n) | (3n << 8n) | AF;

async function nested() {
  const core = await Core.load();
  core.setHighestEL(2);
  const sr = (name: string, v: bigint) => core.setSysreg(sysRegIndex(name), v);
  const desc = (at: bigint, v: bigint) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, v, true);
    core.writeBytes(at, b);
  };
  const tables = 0x40100000n, s2 = 0x40200000n;
  sr('TCR_EL1', 25n | (16n << 16n) | (2n << 30n) | (2n << 32n));
  sr('TTBR0_EL1', 0x8040100000n);
  sr('MAIR_EL1', 0xff4400n);
  sr('SCTLR_EL1', 1n);
  sr('HCR_EL2', 1n);
  sr('VTCR_EL2', 24n | (1n << 6n) | (2n << 16n));
  sr('VTTBR_EL2', s2);
  desc(s2 + 0x201n * 8n, s2block(0x40000000n));
  desc(tables, 0x8040101000n | 3n);
  desc(tables + 0x1000n, 0x8040102000n | 3n);
  desc(tables + 0x2000n, 0x8040123000n | 3n | (2n << 2n) | (3n << 8n) | AF);
  desc(tables + 0x2008n, 0x0000123000n | 3n | (3n << 8n) | AF);
  return { core, sr, desc, s2 };
}

test('a nested walk that succeeds: stage 1 level by level, then the stage-2 walk of each table and of the output', async () => {
  const { core } = await nested();
  const w = decodeWalk(view(core.translateForDebugger(0x456n, Regime.EL10, AccessKind.Read)), 'el10');
  assert.deepEqual(w.sections.map((s) => [s.title, s.rows.map((r) => `S${r.stage} L${r.level} ${r.kind}`)]), [
    ['Stage 1', ['S1 L1 table', 'S1 L2 table', 'S1 L3 page']],
    ['Stage 2 for the stage-1 level 1 table at IPA 0x8040100000', ['S2 L1 block']],
    ['Stage 2 for the stage-1 level 2 table at IPA 0x8040101000', ['S2 L1 block']],
    ['Stage 2 for the stage-1 level 3 table at IPA 0x8040102000', ['S2 L1 block']],
    ['Stage 2 for the output IPA 0x8040123456', ['S2 L1 block']],
  ]);
  assert.ok(w.sections.every((s) => s.rows.every((r) => !r.stopped)));
  assert.equal(w.outcome.ok, true);
  assert.equal(w.outcome.summary, 'Translates to PA 0x40123456.');
  assert.deepEqual(Object.fromEntries(w.outcome.details.map((d) => [d.name, d.value])), {
    IPA: '0x8040123456', PA: '0x40123456',
    'Stage 1 mapping': 'level 3, 4 KB, global',
    'Stage 1 memory': '0xff: Normal, outer Write-Back, RW-allocate, inner Write-Back, RW-allocate, Inner Shareable',
    // AP = 00 gives EL0 no data access, but UXN = 0 leaves it execute permission.
    'Stage 1 access': 'EL1 rwx, EL0 --x',
    'Stage 2 mapping': 'level 1, 1 GB',
    'Stage 2 memory': '0xf: Normal, outer Write-Back, inner Write-Back, Inner Shareable',
    'Stage 2 access': 'rwx',
  });
});

test('stage-2 faults: the output IPA unmapped, and a stage-1 table stage 2 does not let the walk read', async () => {
  const { core, desc, s2 } = await nested();
  let w = decodeWalk(view(core.translateForDebugger(0x1000n, Regime.EL10, AccessKind.Read)), 'el10');
  const last = w.sections.at(-1)!;
  assert.equal(last.title, 'Stage 2 for the output IPA 0x123000');
  assert.deepEqual(last.rows.map((r) => [r.kind, r.stopped]), [['invalid', true]]);
  assert.equal(w.outcome.ok, false);
  assert.equal(w.outcome.summary, 'Translation fault at stage 2 level 1: the descriptor is invalid (bit 0 clear).');
  assert.deepEqual(w.outcome.details.find((d) => d.name === 'Faulting IPA'), { name: 'Faulting IPA', value: '0x123000' });

  // S2AP = 00 on the block holding the stage-1 tables: a Permission fault with S1PTW on the first table.
  desc(s2 + 0x201n * 8n, s2block(0x40000000n, 0n));
  w = decodeWalk(view(core.translateForDebugger(0x456n, Regime.EL10, AccessKind.Read)), 'el10');
  assert.deepEqual(w.sections.map((s) => s.title), ['Stage 2 for a stage-1 table at IPA 0x8040100000']);
  assert.equal(w.sections[0].rows[0].stopped, true);
  assert.equal(w.sections[0].rows[0].fields.find((f) => f.name === 'S2AP')?.meaning, 'no access');
  assert.equal(w.outcome.summary,
    'Permission fault at stage 2 level 1, on the stage-1 table walk (S1PTW): the access is not permitted by the final descriptor.');
});

test('translation off: no descriptor, the address itself', () => {
  const w = decodeWalk({ steps: [], pa: '0x40001234', ipa: '0x40001234' });
  assert.deepEqual(w.sections, []);
  assert.equal(w.outcome.summary, 'Translation is off: PA 0x40001234 is the address itself.');
});

test('regimes by either name: the contract\'s el10 or the translate answer\'s EL1&0', () => {
  assert.deepEqual(['el10', 'EL1&0', 'EL2&0', 'el2', 'EL3', 'current', 'EL1'].map(parseRegime), ['el10', 'el10', 'el20', 'el2', 'el3', undefined, undefined]);
});

test('stage-1 access by regime: EL2 and EL3 have one privilege level, EL2&0 pairs EL2 with EL0', () => {
  const stage1 = { attr: 0, sh: 0, nG: false, level: 3, blockBits: 12, perms: { r1: true, w1: false, x1: true, r0: true, w0: false, x0: false } };
  const access = (regime: 'el10' | 'el20' | 'el2' | 'el3') =>
    decodeWalk({ steps: [], pa: '0x1', stage1 }, regime).outcome.details.find((d) => d.name === 'Stage 1 access')?.value;
  assert.deepEqual(['el10', 'el20', 'el2', 'el3'].map((r) => access(r as 'el10')), ['EL1 r-x, EL0 r--', 'EL2 r-x, EL0 r--', 'EL2 r-x', 'EL3 r-x']);
});
