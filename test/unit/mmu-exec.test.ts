// The MMU in execution, for what the QEMU comparisons (mmu-guests.test.ts) cannot show: rules where QEMU 7.2
// deviates from the ARM ARM (Alignment faults on Device memory, ISV only for stage-2 aborts, the stage-2 level of
// an S1PTW fault), external aborts on fetch, the TLB's invalidation by VA, and AT's stage-1/stage-2 attribute
// combination. Page tables are hand-built in guest RAM; the expected values come from the ARM ARM rules quoted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../src/machine/core';
import { sysRegIndex } from '../../src/arch/sysregs/table';
import { assembleWords } from '../support/cross';

const CODE = 0x40000000n, VBAR = 0x40080000n, TABLES = 0x40100000n;
const AF = 1n << 10n;
/** Stage 1: AttrIndx 1 = MAIR 0xff (Normal WB), Inner Shareable; AttrIndx 0 = Device-nGnRnE. */
const NORMAL = (1n << 2n) | (3n << 8n) | AF;
const DEVICE = AF | (2n << 8n);
/** Stage 2: MemAttr Normal WB (0b1111), S2AP read/write. */
const S2RW = (0xfn << 2n) | (3n << 6n) | (3n << 8n) | AF;
/** TCR_EL1: T0SZ 25 (39 bits, start at level 1), 4K, WB walks, EPD1, IPS 40 bits. */
const TCR = 25n | (1n << 8n) | (1n << 10n) | (3n << 12n) | (1n << 23n) | (2n << 32n);
/** VTCR_EL2: T0SZ 25, SL0 1 (start at level 1), 4K, PS 40 bits. */
const VTCR = 25n | (1n << 6n) | (1n << 8n) | (1n << 10n) | (3n << 12n) | (2n << 16n) | (1n << 31n);

function assemble(code: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-mmu-'));
  try {
    writeFileSync(join(dir, 'a.S'), `.text\n${code}\n`);
    const w = assembleWords(join(dir, 'a.S'));
    return new Uint8Array(w.buffer, w.byteOffset, w.byteLength);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

class Machine {
  constructor(readonly core: Core) {}
  set(name: string, v: bigint): void { this.core.setSysreg(sysRegIndex(name), v); }
  sr(name: string): bigint { return this.core.getSysreg(sysRegIndex(name)); }
  desc(at: bigint, v: bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, v, true);
    this.core.writeBytes(at, b);
  }
  /** Runs `code` at CODE from EL `el` (ELxh) for `n` instructions. */
  run(code: string, el: number, n: number): void {
    this.core.writeBytes(CODE, assemble(code));
    this.core.pc = CODE;
    this.core.pstate = 0x3c0 | (el << 2) | 1;
    this.core.run(BigInt(n));
  }
}

/** A core with EL3, EL1&0 stage 1 on: L1 at TABLES with [0] a Device 1 GB block, [1] L2 at TABLES + 0x1000. */
async function machine(): Promise<Machine> {
  const core = await Core.load();
  core.configureRam(0x40000000n, 128n << 20n);
  core.setHighestEL(3);
  const m = new Machine(core);
  (core.exports as unknown as { resetSystemRegisters(): void }).resetSystemRegisters();
  m.set('SCR_EL3', 0x501n);
  m.set('HCR_EL2', 1n << 31n);
  for (const el of [1, 2, 3]) m.set(`VBAR_EL${el}`, VBAR);
  m.set('MAIR_EL1', 0xff00n);
  m.set('TCR_EL1', TCR);
  m.set('TTBR0_EL1', TABLES);
  m.set('SCTLR_EL1', 0x30d00800n | 1n);
  m.desc(TABLES, 0n | 1n | DEVICE);
  m.desc(TABLES + 8n, (TABLES + 0x1000n) | 3n);
  // L2: 2 MB identity blocks for the first 4 MB (code, vectors, tables), L3 at TABLES + 0x2000 for VA 0x40400000.
  m.desc(TABLES + 0x1000n, 0x40000000n | 1n | NORMAL);
  m.desc(TABLES + 0x1008n, 0x40200000n | 1n | NORMAL);
  m.desc(TABLES + 0x1010n, (TABLES + 0x2000n) | 3n);
  return m;
}

test('Device memory: an unaligned access is an Alignment fault (DFSC 0b100001) before any bus access', async () => {
  const m = await machine();
  m.core.setX(1, 0x09000001n);
  m.run('ldr w0, [x1]', 1, 1);
  assert.equal(m.core.pc, VBAR + 0x200n);
  assert.equal(m.sr('ESR_EL1'), 0x96000021n);
  assert.equal(m.sr('FAR_EL1'), 0x09000001n);
  // DC ZVA to Device memory: Alignment fault whatever the address (AArch64.DC ZVA on Device).
  m.set('SCTLR_EL1', 0x30d00800n | 1n | (1n << 14n));
  m.core.setX(1, 0x09000040n);
  m.run('dc zva, x1', 1, 1);
  assert.equal(m.sr('ESR_EL1'), 0x96000061n);
});

test('DC ZVA zeroes a 64-byte block of Normal memory', async () => {
  const m = await machine();
  m.set('SCTLR_EL1', 0x30d00800n | 1n | (1n << 14n));
  const block = 0x40208000n;
  m.core.writeBytes(block - 8n, new Uint8Array(80).fill(0xaa));
  m.core.setX(1, block + 0x13n);
  m.run('dc zva, x1', 1, 1);
  assert.equal(m.core.pc, CODE + 4n);
  const bytes = m.core.readBytes(block - 8n, 80);
  assert.deepEqual([...bytes.subarray(0, 8)], Array(8).fill(0xaa));
  assert.deepEqual([...bytes.subarray(8, 72)], Array(64).fill(0));
  assert.deepEqual([...bytes.subarray(72)], Array(8).fill(0xaa));
});

test('MMU on: a fetch that translates to no RAM is a synchronous external abort on fetch (IFSC 0b010000)', async () => {
  const m = await machine();
  m.core.pc = 0x09000000n;
  m.core.pstate = 0x3c5;
  m.core.run(1n);
  assert.equal(m.core.pc, VBAR + 0x200n);
  assert.equal(m.sr('ESR_EL1'), 0x86000010n);
  assert.equal(m.sr('FAR_EL1'), 0x09000000n);
  assert.equal(m.sr('ELR_EL1'), 0x09000000n);
});

test('a stage-1 Data Abort taken to EL2 has ISV = 0 (the instruction syndrome is for stage-2 aborts)', async () => {
  const m = await machine();
  m.set('MAIR_EL2', 0xff00n);
  m.set('TCR_EL2', 25n | (2n << 16n) | (1n << 31n) | (1n << 23n));
  m.set('TTBR0_EL2', TABLES);
  m.set('SCTLR_EL2', 0x30c50830n | 1n);
  m.core.setX(1, 0x80000000n);
  m.run('ldr x0, [x1]', 2, 1);
  assert.equal(m.core.pc, VBAR + 0x200n);
  assert.equal(m.sr('ESR_EL2'), 0x96000005n, 'Translation fault, level 1, no ISS[24:14]');
});

test('S1PTW: the fault level is the stage-2 walk\'s, HPFAR_EL2 the IPA of the stage-1 table', async () => {
  const m = await machine();
  // Stage 2: IPA 0x40000000..0x403fffff mapped, IPA 0x40800000 (where a stage-1 table claims to be) not.
  const s2 = TABLES + 0x10000n;
  m.desc(s2 + 8n, (s2 + 0x1000n) | 3n);
  m.desc(s2 + 0x1000n, 0x40000000n | 1n | S2RW);
  m.desc(s2 + 0x1008n, 0x40200000n | 1n | S2RW);
  m.set('VTCR_EL2', VTCR);
  m.set('VTTBR_EL2', s2);
  m.set('HCR_EL2', (1n << 31n) | 1n);
  m.desc(TABLES + 0x1028n, 0x40800000n | 3n); // VA 0x40a00000: L3 table at IPA 0x40800000
  m.core.setX(1, 0x40a00000n);
  m.run('ldr x0, [x1]', 1, 1);
  assert.equal(m.core.pc, VBAR + 0x400n);
  // EC 0x24, S1PTW, DFSC Translation fault level 2 (stage 2's S2L2[4] is invalid); WnR 0, ISV 0.
  assert.equal(m.sr('ESR_EL2'), 0x92000086n);
  assert.equal(m.sr('FAR_EL2'), 0x40a00000n);
  assert.equal(m.sr('HPFAR_EL2'), 0x408000n);
  // AT S1E1R at EL1 on the same VA: not reported in PAR but taken to EL2, with CM = 1 and WnR = 1 (AT).
  m.set('PAR_EL1', 0n);
  m.run('at s1e1r, x1', 1, 1);
  assert.equal(m.core.pc, VBAR + 0x400n);
  assert.equal(m.sr('ESR_EL2'), 0x920001c6n);
  assert.equal(m.sr('PAR_EL1'), 0n);
  // From EL2 the same fault is reported in PAR_EL1: F, FST, PTW, S, bit 11.
  m.run('at s1e1r, x1', 2, 1);
  assert.equal(m.sr('PAR_EL1'), 1n | (0x6n << 1n) | (1n << 8n) | (1n << 9n) | (1n << 11n));
});

test('TLB: TLBI VAE1 drops that VA only; TLBI VMALLE1 drops the rest', async () => {
  const m = await machine();
  const l3 = TABLES + 0x2000n;
  m.desc(l3, 0x40500000n | 3n | NORMAL);
  m.desc(l3 + 8n, 0x40501000n | 3n | NORMAL);
  m.desc(0x40500000n, 0xaaaan);
  m.desc(0x40501000n, 0xbbbbn);
  m.desc(0x40502000n, 0xccccn);
  m.core.setX(1, 0x40400000n);
  m.core.setX(2, 0x40401000n);
  m.core.setX(3, l3);
  m.core.setX(4, 0x40502000n | 3n | NORMAL);
  m.run(`ldr x10, [x1]
    ldr x11, [x2]
    str x4, [x3]
    str x4, [x3, #8]
    dsb ish
    lsr x5, x1, #12
    tlbi vae1, x5
    dsb ish
    isb
    ldr x12, [x1]
    ldr x13, [x2]
    tlbi vmalle1
    dsb ish
    isb
    ldr x14, [x2]`, 1, 15);
  assert.deepEqual([10, 11, 12, 13, 14].map((r) => m.core.getX(r)), [0xaaaan, 0xbbbbn, 0xccccn, 0xbbbbn, 0xccccn]);
});

test('AT S12E1R combines stage-1 and stage-2 attributes: Device wins, then the weaker cacheability', async () => {
  const m = await machine();
  const s2 = TABLES + 0x10000n;
  m.desc(s2 + 8n, (s2 + 0x1000n) | 3n);
  m.desc(s2 + 0x1000n, 0x40000000n | 1n | S2RW);
  // IPA 0x40200000: Normal Non-cacheable at stage 2 (MemAttr 0b0101); IPA 0x40400000: Device-nGnRE (0b0001).
  m.desc(s2 + 0x1008n, 0x40200000n | 1n | (0x5n << 2n) | (3n << 6n) | (3n << 8n) | AF);
  m.desc(s2 + 0x1010n, 0x40400000n | 1n | (0x1n << 2n) | (3n << 6n) | AF);
  m.desc(TABLES + 0x1010n, 0x40400000n | 1n | NORMAL);
  m.set('VTCR_EL2', VTCR);
  m.set('VTTBR_EL2', s2);
  m.set('HCR_EL2', (1n << 31n) | 1n);
  m.core.setX(1, 0x40201234n);
  m.core.setX(2, 0x40405678n);
  m.run('at s12e1r, x1\nmrs x10, par_el1\nat s12e1r, x2\nmrs x11, par_el1\nat s1e1r, x2\nmrs x12, par_el1', 2, 6);
  // PAR: ATTR[63:56], PA[47:12], bit 11 RES1, NS[9], SH[8:7] (Outer Shareable for Device and Non-cacheable).
  assert.equal(m.core.getX(10), (0x44n << 56n) | 0x40201000n | 0x800n | 0x200n | 0x100n);
  assert.equal(m.core.getX(11), (0x04n << 56n) | 0x40405000n | 0x800n | 0x200n | 0x100n);
  assert.equal(m.core.getX(12), (0xffn << 56n) | 0x40405000n | 0x800n | 0x200n | 0x180n, 'S1E1R: stage 1 only');
});

test('walker: the EL2&0 regime (TCR_EL2 in its EL1 layout, TTBR1_EL2, ASID) and PAN through the debugger walk', async () => {
  const m = await machine();
  m.set('HCR_EL2', (1n << 31n) | (1n << 34n));
  m.set('MAIR_EL2', 0xff00n);
  // T0SZ 25, T1SZ 25, TG1 4K, A1 = 0 (ASID from TTBR0_EL2), AS = 1 (16-bit ASIDs), IPS 40 bits.
  m.set('TCR_EL2', 25n | (25n << 16n) | (2n << 30n) | (2n << 32n) | (1n << 36n));
  m.set('TTBR0_EL2', TABLES | (0x1234n << 48n));
  m.set('TTBR1_EL2', TABLES + 0x4000n);
  m.set('SCTLR_EL2', 0x30d00800n | 1n);
  m.desc(TABLES + 0x4000n + 8n, 0x40000000n | 1n | NORMAL | (1n << 6n)); // upper VA ...0040000000: EL0 RW block
  const upper = 0xffffff8040001234n;
  let r = m.core.translateForDebugger(upper, 4, 0);
  assert.equal(r.fault, undefined);
  assert.equal(r.pa, 0x40001234n);
  // PAN (access kind bit 3): a privileged data access to an EL0-accessible page is a Permission fault.
  r = m.core.translateForDebugger(upper, 4, 8);
  assert.deepEqual(r.fault && [r.fault.type, r.fault.stage, r.fault.level], ['permission', 1, 1]);
  r = m.core.translateForDebugger(0x40001234n, 4, 4);
  assert.deepEqual(r.fault && [r.fault.type, r.fault.level], ['permission', 2], 'EL0 cannot read an AP 00 block');
});
