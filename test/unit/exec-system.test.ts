// System instructions and the exception model in our core: MRS/MSR access rules and traps (EC 0x18 with the full
// ISS), WFx traps, SVC/HVC/SMC/BRK/HLT routing, ERET and its illegal returns, FP traps, interrupts, DC ZVA, AT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../src/machine/core';
import { accessRule } from '../../src/arch/sysregs/access';
import { SYSREGS, sysRegIndex } from '../../src/arch/sysregs/table';
import { assembleWords } from '../support/cross';
import { compareEl3GuestWithQemu } from '../support/el3Guest';
import { diffStates, runOnCore, runOnQemu } from '../support/diffHarness';
import { randomState } from '../support/randomCases';
import { xorshift } from '../../tools/randomWords';

const BASE = 0x40000000n;
const VBAR = [0n, 0x40010000n, 0x40020000n, 0x40030000n];
const EXIT_BUDGET = 0, EXIT_WFI = 1, EXIT_SEMIHOSTING = 2;
const IL = 1n << 25n;
/** PSTATE of ELxh (ELxt for EL0) with DAIF masked. */
const elh = (el: number): number => 0x3c0 | (el << 2) | (el ? 1 : 0);

interface SystemExports {
  resetSystemRegisters(): void;
  setInterruptLines(irq: number, fiq: number, serror: number): void;
  setSemihosting(on: number): void;
}

const idx = sysRegIndex;

function assemble(code: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-sys-'));
  try {
    const src = join(dir, 'a.S');
    writeFileSync(src, `.text\n${code}\n`);
    const w = assembleWords(src);
    return new Uint8Array(w.buffer, w.byteOffset, w.byteLength);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

class Cpu {
  constructor(readonly core: Core) {}
  get sys(): SystemExports { return this.core.exports as unknown as SystemExports; }
  sr(name: string): bigint { return this.core.getSysreg(idx(name)); }
  set(name: string, v: bigint): void { this.core.setSysreg(idx(name), v); }
  get el(): number { return (this.core.pstate >> 2) & 3; }
  /** Sets registers and refreshes the interrupt lines, which depend on HCR_EL2. */
  with(regs: Record<string, bigint>): this {
    for (const [k, v] of Object.entries(regs)) this.set(k, v);
    this.sys.setInterruptLines(0, 0, 0);
    return this;
  }
  step(n = 1): number { return this.core.run(BigInt(n)); }
  /** The exception just taken: target EL, vector offset, EC, ISS, ELR. */
  taken(): { el: number; offset: bigint; ec: number; iss: number; elr: bigint; spsr: bigint } {
    const el = this.el;
    const esr = this.sr(`ESR_EL${el}`);
    return {
      el, offset: this.core.pc - VBAR[el], ec: Number(esr >> 26n), iss: Number(esr & 0x1ffffffn),
      elr: this.sr(`ELR_EL${el}`), spsr: this.sr(`SPSR_EL${el}`),
    };
  }
}

/** A core with `highest` ELs, reset, vector bases set, `code` at BASE, starting at EL `el` (handler SP). */
async function cpu(code: string, el: number, highest: 1 | 2 | 3 = 3, regs: Record<string, bigint> = {}): Promise<Cpu> {
  const core = await Core.load();
  core.configureRam(BASE, 1n << 20n);
  core.setHighestEL(highest);
  const c = new Cpu(core);
  c.sys.resetSystemRegisters();
  c.with({ VBAR_EL1: VBAR[1], VBAR_EL2: VBAR[2], VBAR_EL3: VBAR[3], SCR_EL3: 0x501n, HCR_EL2: 1n << 31n, ...regs });
  core.writeBytes(BASE, assemble(code));
  core.pc = BASE;
  core.pstate = elh(el);
  return c;
}

/** ISS of a trapped MSR/MRS (EC 0x18). */
function sysISS(op0: number, op1: number, crn: number, crm: number, op2: number, rt: number, read: boolean): number {
  return (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (rt << 5) | (crm << 1) | (read ? 1 : 0);
}

test('the access rules come from the table: EL, trap controls in ARM ARM order, aliases, absent features', () => {
  const rule = (n: string) => accessRule(SYSREGS[idx(n)]);
  assert.deepEqual(rule('SCTLR_EL1').controls.map((c) => c.name), ['HCR_EL2.TRVM', 'HCR_EL2.TVM']);
  assert.deepEqual(rule('CNTPCT_EL0').controls.map((c) => c.name), ['CNTKCTL_EL1.EL0PCTEN', 'CNTHCTL_EL2.EL1PCTEN']);
  assert.deepEqual(rule('PMCR_EL0').controls.map((c) => c.name), ['PMUSERENR_EL0.EN', 'MDCR_EL2.TPMCR', 'MDCR_EL2.TPM', 'MDCR_EL3.TPM']);
  assert.deepEqual(rule('CPACR_EL1').controls.map((c) => c.name), ['CPTR_EL2.TCPAC', 'CPTR_EL3.TCPAC']);
  assert.ok(rule('ID_AA64MMFR1_EL1').controls.some((c) => c.name === 'HCR_EL2.TID3'));
  assert.equal(rule('HCR_EL2').minEL, 2);
  assert.equal(rule('SCR_EL3').minEL, 3);
  assert.equal(rule('TPIDR_EL0').minEL, 0);
  assert.ok(rule('SCTLR_EL12').alias);
  assert.ok(rule('ZCR_EL1').absent && rule('APIAKEYLO_EL1').absent && rule('TCO').absent);
  assert.equal(SYSREGS[idx('SCTLR_EL1')].e2h, 'SCTLR_EL2');
  const esr = SYSREGS[idx('ESR_EL2')].fields!;
  assert.equal(esr.find((f) => f.name === 'EC')!.values![0x24], 'Data Abort from a lower Exception level');
  assert.equal(esr.find((f) => f.name === 'DFSC')!.values![0x06], 'Translation fault, level 2');
  assert.equal(SYSREGS[idx('MIDR_EL1')].reset, 0x414fd0b1n);
});

test('MRS reads PSTATE views, the CPU model ID registers, and virtual IDs at EL1', async () => {
  const c = await cpu(`mrs x0, currentel
    mrs x1, daif
    mrs x2, spsel
    mrs x3, id_aa64pfr0_el1
    mrs x4, midr_el1
    mrs x5, dczid_el0
    mrs x6, id_aa64isar0_el1`, 1, 2, { VPIDR_EL2: 0x12345678n });
  c.step(7);
  const x = (n: number) => c.core.getX(n);
  assert.equal(x(0), 4n);
  assert.equal(x(1), 0x3c0n);
  assert.equal(x(2), 1n);
  assert.equal(x(3) & 0xffffn, 0x0111n, 'EL0, EL1, EL2 AArch64; no EL3 when highest is EL2');
  assert.equal(x(4), 0x12345678n, 'EL1 reads VPIDR_EL2');
  assert.equal(x(5), 4n, 'DC ZVA: 64-byte blocks');
  assert.equal(x(6), 0x0001111110212120n);
});

test('a core comes out of instantiation with the CPU model reset values', async () => {
  const core = await Core.load();
  core.configureRam(BASE, 1n << 20n);
  core.setHighestEL(3);
  core.writeBytes(BASE, assemble('mrs x0, midr_el1\nmrs x1, id_aa64pfr0_el1\nmrs x2, sctlr_el1\nmrs x3, mpidr_el1'));
  core.pc = BASE;
  core.pstate = elh(3);
  core.run(4n);
  assert.deepEqual([0, 1, 2, 3].map((n) => core.getX(n)), [0x414fd0b1n, 0x1101000010111111n, 0x30d00800n, 0x80000000n]);
});

test('MSR/MRS of higher-EL registers are UNDEFINED; at EL0 every privileged register is', async () => {
  let c = await cpu('mrs x0, hcr_el2', 1);
  c.step();
  assert.deepEqual([c.el, c.taken().offset, c.taken().ec, c.taken().elr], [1, 0x200n, 0, BASE]);
  c = await cpu('msr sctlr_el1, x0', 0);
  c.step();
  assert.deepEqual([c.el, c.taken().offset, c.taken().ec], [1, 0x400n, 0]);
  c = await cpu('mrs x0, scr_el3', 2);
  c.step();
  assert.deepEqual([c.el, c.taken().ec], [2, 0]);
  c = await cpu('msr cntfrq_el0, x0', 1);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [1, 0], 'only the highest EL writes CNTFRQ_EL0');
  c = await cpu('mrs x0, s3_0_c1_c2_0', 1); // ZCR_EL1
  c.step();
  assert.equal(c.taken().ec, 0, 'SVE is not implemented');
});

test('HCR_EL2.TVM/TRVM, TID3, TACR trap EL1 accesses to EL2 with EC 0x18 and the full ISS', async () => {
  const tvm = 1n << 26n, trvm = 1n << 30n, tid3 = 1n << 18n, tacr = 1n << 21n, rw = 1n << 31n;
  let c = await cpu('msr sctlr_el1, x7', 1, 3, { HCR_EL2: rw | tvm });
  c.step();
  assert.deepEqual(c.taken(), { el: 2, offset: 0x400n, ec: 0x18, iss: sysISS(3, 0, 1, 0, 0, 7, false), elr: BASE, spsr: 0x3c5n });
  assert.equal(c.sr('ESR_EL2') & IL, IL);
  c = await cpu('mrs x3, ttbr0_el1\nmrs x4, tcr_el1', 1, 3, { HCR_EL2: rw | tvm });
  c.step(2);
  assert.equal(c.el, 1, 'TVM traps writes only');
  c = await cpu('mrs x3, ttbr1_el1', 1, 3, { HCR_EL2: rw | trvm });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().iss], [2, sysISS(3, 0, 2, 0, 1, 3, true)]);
  c = await cpu('mrs x9, id_aa64mmfr0_el1', 1, 3, { HCR_EL2: rw | tid3 });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().iss], [2, sysISS(3, 0, 0, 7, 0, 9, true)]);
  c = await cpu('msr actlr_el1, x1', 1, 3, { HCR_EL2: rw | tacr });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().iss], [2, sysISS(3, 0, 1, 0, 1, 1, false)]);
  c = await cpu('msr sctlr_el1, x7', 1, 3, { HCR_EL2: rw | tvm, SCR_EL3: 0x500n });
  c.core.setX(7, 0x30d00801n);
  c.step();
  assert.equal(c.core.pc, BASE + 4n, 'Secure EL1: EL2 is not enabled, so HCR_EL2 does not trap');
  assert.equal(c.sr('SCTLR_EL1'), 0x30d00801n);
});

test('EL0 controls: SCTLR_EL1.UCT/UMA and CNTKCTL_EL1 trap to EL1, or to EL2 under HCR_EL2.TGE', async () => {
  let c = await cpu('mrs x2, ctr_el0', 0);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec, c.taken().iss], [1, 0x18, sysISS(3, 3, 0, 0, 1, 2, true)]);
  c = await cpu('mrs x2, ctr_el0', 0, 3, { SCTLR_EL1: 0x30d00800n | (1n << 15n) });
  c.step();
  assert.equal(c.core.getX(2), 0x8444c004n);
  c = await cpu('mrs x2, ctr_el0', 0, 3, { HCR_EL2: (1n << 31n) | (1n << 27n) });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().offset, c.taken().ec], [2, 0x400n, 0x18]);
  c = await cpu('msr daifset, #2', 0);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().iss], [1, sysISS(0, 3, 4, 2, 6, 31, false)]);
  c = await cpu('mrs x0, cntvct_el0', 0);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().iss], [1, sysISS(3, 3, 14, 0, 2, 0, true)]);
  c = await cpu('mrs x0, cntvct_el0', 0, 3, { CNTKCTL_EL1: 2n });
  c.step();
  assert.equal(c.core.pc, BASE + 4n);
});

test('CNTHCTL_EL2, MDCR_EL2, CPTR_EL2.TCPAC and the EL3 controls trap lower ELs', async () => {
  let c = await cpu('mrs x0, cntpct_el0', 1, 3, { CNTHCTL_EL2: 2n });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [2, 0x18]);
  c = await cpu('msr cntp_ctl_el0, x0', 1, 3, { CNTHCTL_EL2: 1n });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().iss], [2, sysISS(3, 3, 14, 2, 1, 0, false)]);
  c = await cpu('mrs x0, mdscr_el1', 1, 3, { MDCR_EL2: 1n << 9n });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().iss], [2, sysISS(2, 0, 0, 2, 2, 0, true)]);
  c = await cpu('mrs x0, pmcr_el0', 1, 3, { MDCR_EL2: 1n << 5n });
  c.step();
  assert.equal(c.taken().el, 2);
  c = await cpu('msr cpacr_el1, x0', 1, 3, { CPTR_EL2: 1n << 31n });
  c.step();
  assert.equal(c.taken().el, 2);
  c = await cpu('msr cptr_el2, x0', 2, 3, { CPTR_EL3: 1n << 31n });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().iss], [3, sysISS(3, 4, 1, 1, 2, 0, false)]);
  c = await cpu('mrs x0, mdscr_el1', 2, 3, { MDCR_EL3: 1n << 9n });
  c.step();
  assert.equal(c.taken().el, 3);
});

test('VHE: at EL2 with E2H, _EL1 names reach the _EL2 registers and _EL12 names the EL1 ones', async () => {
  const e2h = (1n << 34n) | (1n << 31n);
  let c = await cpu('msr sctlr_el1, x1\nmsr sctlr_el12, x2\nmrs x3, cpacr_el1\nmsr cntkctl_el1, x4', 2, 3, { HCR_EL2: e2h, CPTR_EL2: 0x300000n });
  // SCTLR_EL2.M stays 0: the EL2&0 regime is not given translation tables here.
  c.core.setX(1, 0x10n);
  c.core.setX(2, 0x22n);
  c.core.setX(4, 0x3n);
  c.step(4);
  assert.equal(c.sr('SCTLR_EL2'), 0x10n);
  assert.equal(c.sr('SCTLR_EL1'), 0x22n);
  assert.equal(c.core.getX(3), 0x300000n, 'CPACR_EL1 reads CPTR_EL2');
  assert.equal(c.sr('CNTHCTL_EL2'), 3n);
  c = await cpu('msr sctlr_el12, x2', 2, 3);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [2, 0], '_EL12 is UNDEFINED without E2H');
});

test('WFI/WFE: trapped by SCTLR_EL1.nTWx, HCR_EL2.TWx and SCR_EL3.TWx with EC 0x01; otherwise the host waits', async () => {
  let c = await cpu('wfi', 1, 3, { HCR_EL2: (1n << 31n) | (1n << 13n) });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec, c.taken().iss, c.taken().elr], [2, 0x01, 0x1e00000, BASE]);
  c = await cpu('wfe', 2, 3, { SCR_EL3: 0x501n | (1n << 13n) });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec, c.taken().iss], [3, 0x01, 0x1e00001]);
  c = await cpu('wfi', 0, 3);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [1, 0x01], 'SCTLR_EL1.nTWI = 0 traps EL0');
  c = await cpu('wfi\nnop', 1, 3);
  assert.equal(c.step(5), EXIT_WFI);
  assert.equal(c.core.pc, BASE + 4n);
  c = await cpu('sevl\nwfe\nnop', 1, 3);
  assert.equal(c.step(3), EXIT_BUDGET, 'SEVL sets the event register WFE consumes');
});

test('SVC, HVC, SMC: routing, UNDEFINED cases and preferred return addresses', async () => {
  let c = await cpu('svc #0x42', 0);
  c.step();
  assert.deepEqual(c.taken(), { el: 1, offset: 0x400n, ec: 0x15, iss: 0x42, elr: BASE + 4n, spsr: 0x3c0n });
  c = await cpu('svc #1', 0, 3, { HCR_EL2: (1n << 31n) | (1n << 27n) });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [2, 0x15]);
  c = await cpu('hvc #7', 1, 3);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec, c.taken().iss, c.taken().elr], [2, 0x16, 7, BASE + 4n]);
  c = await cpu('hvc #7', 1, 3, { SCR_EL3: 0x401n });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [1, 0], 'HVC is UNDEFINED when SCR_EL3.HCE = 0');
  c = await cpu('hvc #7', 0, 3);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [1, 0]);
  c = await cpu('hvc #7', 1, 1);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [1, 0], 'no EL2');
  c = await cpu('smc #9', 1, 3);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec, c.taken().iss, c.taken().elr], [3, 0x17, 9, BASE + 4n]);
  c = await cpu('smc #9', 1, 3, { HCR_EL2: (1n << 31n) | (1n << 19n), SCR_EL3: 0x581n });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec, c.taken().iss, c.taken().elr], [2, 0x17, 9, BASE], 'TSC wins over SMD and returns to the SMC');
  c = await cpu('smc #9', 2, 3, { SCR_EL3: 0x581n });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [2, 0], 'SCR_EL3.SMD');
  c = await cpu('smc #9', 1, 2);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [1, 0], 'no EL3');
});

test('BRK reports its comment and returns to itself; HLT #0xF000 is semihosting, other HLTs are UNDEFINED', async () => {
  let c = await cpu('brk #0x1234', 1);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().offset, c.taken().ec, c.taken().iss, c.taken().elr], [1, 0x200n, 0x3c, 0x1234, BASE]);
  c = await cpu('brk #3', 1, 3, { MDCR_EL2: 1n << 8n });
  c.step();
  assert.equal(c.taken().el, 2, 'MDCR_EL2.TDE routes to EL2');
  c = await cpu('hlt #0xf000\nnop', 1);
  assert.equal(c.step(2), EXIT_SEMIHOSTING);
  assert.equal(c.core.pc, BASE + 4n);
  c.sys.setSemihosting(0);
  c.core.pc = BASE;
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [1, 0]);
  c = await cpu('hlt #1', 1);
  c.step();
  assert.equal(c.taken().ec, 0);
  c = await cpu('udf #5', 2);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec, c.taken().elr], [2, 0, BASE]);
});

test('ERET restores PSTATE from SPSR; illegal returns set PSTATE.IL and the next instruction takes EC 0x0e', async () => {
  let c = await cpu('eret', 2, 3, { SPSR_EL2: 0x600003c5n, ELR_EL2: BASE + 0x100n });
  c.step();
  assert.deepEqual([c.core.pc, c.core.pstate], [BASE + 0x100n, 0x600003c5]);
  for (const [why, spsr, highest, regs] of [
    ['to a higher EL', 0x3cdn, 3, {}], ['to AArch32', 0x3d3n, 3, {}], ['reserved M[1]', 0x3c6n, 3, {}],
    ['EL0 with SP_EL0 flag', 0x3c1n, 3, {}], ['EL1 with TGE', 0x3c5n, 3, { HCR_EL2: (1n << 31n) | (1n << 27n) }],
  ] as const) {
    c = await cpu('eret', 2, highest, { SPSR_EL2: 0x80000000n | spsr, ELR_EL2: BASE + 0x100n, ...regs });
    c.step();
    assert.equal(c.core.pc, BASE + 0x100n, why);
    assert.equal(c.core.pstate, (0x80000000 | 0x100000 | Number(spsr & 0x3c0n) | 0x9) >>> 0, `${why}: EL2h kept, IL set`);
    c.step();
    assert.deepEqual([c.taken().el, c.taken().ec, c.taken().elr], [2, 0x0e, BASE + 0x100n], why);
    assert.equal(c.taken().spsr & (1n << 20n), 1n << 20n, `${why}: SPSR.IL`);
  }
  c = await cpu('eret', 3, 3, { SPSR_EL3: 0x3c9n, ELR_EL3: BASE, SCR_EL3: 0x500n });
  c.step();
  assert.equal(c.core.pstate & 0x10000f, 0x10000d, 'EL2 in Secure state is illegal');
  c = await cpu('eret', 0);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [1, 0]);
});

test('FP/SIMD access traps: CPACR_EL1.FPEN, CPTR_EL2.TFP, CPTR_EL3.TFP with EC 0x07, MRS FPCR included', async () => {
  let c = await cpu('fmov d0, x1', 1);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec, c.taken().iss], [1, 0x07, 0x1e00000]);
  c = await cpu('mrs x0, fpcr', 1);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [1, 0x07]);
  c = await cpu('fmov d0, x1', 1, 3, { CPACR_EL1: 3n << 20n, CPTR_EL2: 0x33ffn | (1n << 10n) });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [2, 0x07]);
  c = await cpu('fmov d0, x1', 2, 3, { CPTR_EL3: 1n << 10n });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [3, 0x07]);
  const e2h = (1n << 34n) | (1n << 31n), tge = 1n << 27n;
  c = await cpu('fmov d0, x1', 0, 3, { HCR_EL2: e2h, CPACR_EL1: 3n << 20n, CPTR_EL2: 0n });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [2, 0x07], 'E2H: CPTR_EL2.FPEN = 0 traps EL0 too');
  c = await cpu('fmov d0, x1', 0, 3, { HCR_EL2: e2h | tge, CPTR_EL2: 1n << 20n });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [2, 0x07], 'FPEN = 01 traps the host EL0');
  c = await cpu('fmov d0, x1', 2, 3, { HCR_EL2: e2h | tge, CPTR_EL2: 1n << 20n });
  c.step();
  assert.equal(c.core.pc, BASE + 4n, 'FPEN = 01 lets EL2 run');
  c = await cpu('msr fpcr, x1\nmrs x2, fpcr', 1, 3, { CPACR_EL1: 3n << 20n });
  c.core.setX(1, 0xffffffffn);
  c.step(2);
  assert.equal(c.core.getX(2), 0x07c80000n);
});

test('interrupts: taken between instructions when unmasked, routed by SCR_EL3 and HCR_EL2, virtual ones by VI', async () => {
  let c = await cpu('nop\nnop', 1);
  c.sys.setInterruptLines(1, 0, 0);
  c.step();
  assert.equal(c.core.pc, BASE + 4n, 'masked by PSTATE.I');
  c.core.pstate = 0x345;
  c.step();
  assert.deepEqual([c.el, c.core.pc, c.sr('ELR_EL1'), c.sr('SPSR_EL1')], [1, VBAR[1] + 0x280n, BASE + 4n, 0x345n]);
  c = await cpu('nop', 1, 3, { HCR_EL2: (1n << 31n) | (1n << 4n) });
  c.sys.setInterruptLines(1, 0, 0);
  c.step();
  assert.deepEqual([c.el, c.core.pc], [2, VBAR[2] + 0x480n], 'to a higher EL: not masked by PSTATE');
  c = await cpu('nop', 2, 3, { SCR_EL3: 0x505n });
  c.sys.setInterruptLines(0, 1, 0);
  c.step();
  assert.deepEqual([c.el, c.core.pc], [3, VBAR[3] + 0x500n]);
  c = await cpu('nop', 2, 3);
  c.sys.setInterruptLines(1, 0, 0);
  c.core.pstate = 0x309;
  c.step();
  assert.deepEqual([c.el, c.core.pc], [2, BASE + 4n], 'an IRQ for EL1 is not taken at EL2');
  c = await cpu('nop\nnop', 0, 3, { HCR_EL2: (1n << 31n) | (1n << 4n) | (1n << 7n) });
  c.core.pstate = 0x300;
  c.step();
  assert.deepEqual([c.el, c.core.pc], [1, VBAR[1] + 0x480n], 'virtual IRQ to EL1');
  c = await cpu('mrs x0, isr_el1', 1, 3, { HCR_EL2: (1n << 31n) | (1n << 4n) | (1n << 7n) });
  c.step();
  assert.equal(c.core.getX(0), 0x80n);
});

test('DC ZVA on Device memory (MMU off) is an Alignment fault; DC and IC trap by HCR_EL2.TPU/TPCP/TSW; AT writes PAR_EL1', async () => {
  // With stage 1 off data is Device-nGnRnE: DC ZVA faults whatever the address (its zeroing of Normal memory is
  // tested with the MMU on in mmu-exec.test.ts).
  let c = await cpu('dc zva, x1', 1);
  c.core.setX(1, BASE + 0x8013n);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec, c.taken().iss], [1, 0x25, 0x61]);
  c = await cpu('dc zva, x1', 0);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().iss], [1, sysISS(1, 3, 7, 4, 1, 1, false)], 'SCTLR_EL1.DZE = 0');
  c = await cpu('ic ivau, x2', 1, 3, { HCR_EL2: (1n << 31n) | (1n << 24n) });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().iss], [2, sysISS(1, 3, 7, 5, 1, 2, false)]);
  c = await cpu('dc civac, x2', 1, 3, { HCR_EL2: (1n << 31n) | (1n << 23n) });
  c.step();
  assert.equal(c.taken().el, 2);
  c = await cpu('dc cisw, x2', 1, 3, { HCR_EL2: (1n << 31n) | (1n << 22n) });
  c.step();
  assert.equal(c.taken().el, 2);
  c = await cpu('tlbi vmalle1\ntlbi alle2', 1, 3, { HCR_EL2: (1n << 31n) | (1n << 25n) });
  c.step();
  assert.equal(c.taken().el, 2, 'HCR_EL2.TTLB');
  c = await cpu('tlbi alle2', 1);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [1, 0]);
  c = await cpu('at s1e1r, x3', 1);
  c.core.setX(3, 0x40123456n);
  c.step();
  assert.equal(c.sr('PAR_EL1'), 0x40123000n | 0x800n | 0x300n, 'bit 11 is RES1');
});

test('PC alignment faults report the PC in FAR; MSR SPSel switches the stack pointer', async () => {
  let c = await cpu('br x0', 1);
  c.core.setX(0, BASE + 0x102n);
  c.step(2);
  assert.deepEqual([c.taken().ec, c.taken().elr, c.sr('FAR_EL1')], [0x22, BASE + 0x102n, BASE + 0x102n]);
  c = await cpu('msr spsel, #0\nmov x1, sp\nmsr spsel, #1\nmov x2, sp', 1);
  c.core.setSP(0, 0x1000n);
  c.core.setSP(1, 0x2000n);
  c.step(4);
  assert.deepEqual([c.core.getX(1), c.core.getX(2)], [0x1000n, 0x2000n]);
});

test('the EL3 -> EL2 -> EL1 -> EL0 guest prints the same exceptions in trapdoor run as in qemu-system-aarch64', () => {
  const t = compareEl3GuestWithQemu('exceptions');
  // The classes the guest must have gone through (so that equal outputs are not equally empty).
  for (const esr of ['0x2000000', '0xf2000077', '0x5a000022', '0x5e000033', '0x623504a2', '0x7e00000', '0x1fe00000',
    '0x8a000000', '0x3a000000', '0x56000044', '0x62300680', '0x5e000077', '0xbe000000', '0x6232c001', '0x62141e9c',
    '0x6232fa81', '0xf20000ab']) {
    assert.ok(t.some((l) => l.includes(`ESR ${esr} `)), `ESR ${esr}`);
  }
  assert.equal(t.at(-2), 'done');
});

test('EL0 system instructions match qemu-aarch64: MRS/MSR NZCV, FPCR, FPSR, TPIDR_EL0, DIT, SSBS, hints, barriers', async () => {
  const sysreg = (op1: number, crn: number, crm: number, op2: number) => (op1 << 16) | (crn << 12) | (crm << 8) | (op2 << 5);
  const readable = [sysreg(3, 4, 2, 0), sysreg(3, 4, 4, 0), sysreg(3, 4, 4, 1), sysreg(3, 13, 0, 2), sysreg(3, 4, 2, 5), sysreg(3, 4, 2, 6)];
  // FPCR writes are left out: QEMU's CPU keeps the AArch32 Len/Stride bits, which are RES0 on our AArch64-only CPU.
  const writable = [sysreg(3, 4, 2, 0), sysreg(3, 4, 4, 1), sysreg(3, 13, 0, 2), sysreg(3, 4, 2, 5), sysreg(3, 4, 2, 6)];
  // qemu-aarch64 starts processes with PSTATE.DIT/SSBS and TPIDR_EL0 as Linux does: every case clears them first.
  const prefix = [0xd503405f, 0xd503403f, 0xd51bd05f];
  const fixed = [0xd503201f, 0xd503203f, 0xd503221f, 0xd503229f, 0xd50320bf, 0xd503209f, 0xd503241f, 0xd5033bbf,
    0xd5033f9f, 0xd5033fdf, 0xd5033f5f, 0xd503309f, 0xd503349f,
    0xd503405f, 0xd503415f, 0xd503403f, 0xd503413f]; // MSR DIT/SSBS, #0/#1
  const rand = xorshift(7);
  const word = (): number => {
    const r = rand() % 4;
    const rt = rand() % 31;
    if (r === 0) return (0xd5300000 | (1 << 19) | readable[rand() % readable.length] | rt) >>> 0;
    if (r === 1) return (0xd5100000 | (1 << 19) | writable[rand() % writable.length] | rt) >>> 0;
    return fixed[rand() % fixed.length];
  };
  const cases = Array.from({ length: 80 }, () => ({ words: [...prefix, ...Array.from({ length: 8 }, word)], initial: randomState(rand) }));
  const qemu = runOnQemu(cases);
  const ours = await runOnCore(cases, qemu.seqVa);
  const failures = cases.flatMap((c, i) => {
    const d = diffStates(ours[i], qemu.results[i]);
    return d.length ? [`case ${i}: ${c.words.map((w) => w.toString(16)).join(' ')}\n  ${d.join('\n  ')}`] : [];
  });
  assert.equal(failures.length, 0, failures.slice(0, 5).join('\n'));
});

test('more access rules: SP_EL0 in use, TPIDRRO_EL0, TID2 at EL0, TDE, TIDCP, CNTPS_*, TLOR, aliases at EL3', async () => {
  let c = await cpu('msr spsel, #0\nmrs x0, sp_el0', 1);
  c.step(2);
  assert.deepEqual([c.taken().el, c.taken().ec, c.taken().offset], [1, 0, 0n], 'SP_EL0 is the current SP');
  c = await cpu('mrs x0, tpidrro_el0\nmsr tpidrro_el0, x0', 0);
  c.step(2);
  assert.deepEqual([c.taken().el, c.taken().ec, c.taken().elr], [1, 0, BASE + 4n], 'read-only at EL0');
  c = await cpu('mrs x0, ctr_el0', 0, 3, { SCTLR_EL1: 0x30d00800n | (1n << 15n), HCR_EL2: (1n << 31n) | (1n << 17n) });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [2, 0x18], 'HCR_EL2.TID2 at EL0');
  c = await cpu('mrs x0, dbgbvr0_el1', 1, 3, { MDCR_EL2: 1n << 8n });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().iss], [2, sysISS(2, 0, 0, 0, 4, 0, true)], 'MDCR_EL2.TDE implies TDA');
  c = await cpu('mrs x0, s3_0_c15_c0_0', 1, 3, { HCR_EL2: (1n << 31n) | (1n << 20n) });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().iss], [2, sysISS(3, 0, 15, 0, 0, 0, true)], 'HCR_EL2.TIDCP');
  c = await cpu('mrs x0, s3_0_c15_c0_0', 1);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [1, 0]);
  c = await cpu('mrs x0, cntps_ctl_el1', 1);
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [1, 0], 'CNTPS_* are UNDEFINED in Non-secure EL1');
  c = await cpu('mrs x0, cntps_ctl_el1', 1, 3, { SCR_EL3: 0x500n });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [3, 0x18], 'Secure EL1 without SCR_EL3.ST');
  c = await cpu('mrs x0, lorc_el1', 1, 3, { SCR_EL3: 0x501n | (1n << 14n) });
  c.step();
  assert.deepEqual([c.taken().el, c.taken().ec], [3, 0x18], 'SCR_EL3.TLOR');
  c = await cpu('msr sctlr_el12, x1', 3, 3, { HCR_EL2: (1n << 31n) | (1n << 34n) });
  c.core.setX(1, 0x77n);
  c.step();
  assert.equal(c.sr('SCTLR_EL1'), 0x77n, 'EL3 reaches SCTLR_EL1 through SCTLR_EL12 when E2H is set');
});
