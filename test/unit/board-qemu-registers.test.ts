// Our PL011, GICv2 (+GICH/GICV, v2m) and GICv3 (+ICC/ICH) against qemu-system-aarch64: a probe guest running at EL2
// on `-M virt,virtualization=on` reads every register after reset, then plays a short sequence of writes and reads
// (SGIs, acknowledge, priority drop, list registers, UART interrupts), printing each value read on the UART; our
// devices, built as the board will build them, must read the same values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryMap } from '../../src/machine/bus';
import { GicV2 } from '../../src/machine/devices/gicv2';
import { GicV2m } from '../../src/machine/devices/gicv2m';
import { GicV3 } from '../../src/machine/devices/gicv3';
import { Pl011 } from '../../src/machine/devices/pl011';
import {
  CpuPowerState, PSCI_AFFINITY_INFO, PSCI_CPU_OFF, PSCI_CPU_ON, PSCI_CPU_SUSPEND, PSCI_FEATURES, PSCI_MIGRATE,
  PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_RESET, PSCI_VERSION, SMC64, psciCall,
} from '../../src/machine/psci';

/**
 * A 32-bit MMIO or system-register read (or write, with `write`), or an SMC with X0-X3 = `smc` whose X0 is printed;
 * `mask` keeps the bits we model (see `why`).
 */
interface Probe { at: bigint | string; write?: bigint; mask?: bigint; why?: string; smc?: bigint[] }
const rd = (at: bigint | string): Probe => ({ at });
const wr = (at: bigint | string, write: bigint): Probe => ({ at, write });

const PL011: Probe[] = [0x18n, 0x2cn, 0x30n, 0x34n, 0x38n, 0x3cn, 0x40n, 0x48n, 0xfe0n, 0xfe4n, 0xfe8n, 0xfecn, 0xff0n, 0xff4n, 0xff8n, 0xffcn]
  .map((o) => ({ at: 0x09000000n + o }));
const GICV2: Probe[] = [
  ...[0x0n, 0x4n, 0x8n, 0x80n, 0x100n, 0x104n, 0x400n, 0x800n, 0x820n, 0xc00n, 0xc04n, 0xc08n, 0xf10n, 0xfd0n, 0xfe0n, 0xfe4n, 0xfe8n, 0xfecn, 0xff0n, 0xffcn]
    .map((o) => ({ at: 0x08000000n + o })),
  ...[0x0n, 0x4n, 0x8n, 0x0cn, 0x14n, 0x18n, 0x1cn, 0x20n, 0x28n, 0xd0n, 0xfcn].map((o) => ({ at: 0x08010000n + o })),
  ...[0x0n, 0x4n, 0x8n, 0x10n, 0x20n, 0x30n, 0xf0n, 0x100n].map((o) => ({ at: 0x08030000n + o })),
  ...[0x0n, 0x4n, 0x8n, 0x0cn, 0x14n, 0x18n, 0x1cn, 0xfcn].map((o) => ({ at: 0x08040000n + o })),
  { at: 0x08020008n }, { at: 0x08020fccn },
];
const GICD = 0x08000000n, GICC = 0x08010000n, GICH = 0x08030000n;
/** CPU 0 sends itself SGI 3, takes it, drops priority; priorities, targets and binary points read back; the UART's
 * interrupt state through IMSC/ICR/FEN changes. */
const GICV2_SEQUENCE: Probe[] = [
  wr(GICD, 1n), wr(GICC, 1n), wr(GICC + 4n, 0xffn), rd(GICC + 4n), wr(GICD + 0x400n, 0x87a5c3e1n), rd(GICD + 0x400n),
  wr(GICD + 0xf00n, (2n << 24n) | 3n), rd(GICD + 0x200n), rd(GICD + 0xf20n), rd(GICC + 0x18n), rd(GICC + 0x0cn), rd(GICC + 0x14n),
  rd(GICD + 0x300n), rd(GICC + 0xd0n), wr(GICC + 0x10n, 3n), rd(GICC + 0x14n), rd(GICD + 0x300n), rd(GICC + 0x0cn),
  wr(GICD + 0x820n, 0x03020103n), rd(GICD + 0x820n), wr(GICD + 0xc08n, 0xffffffffn), rd(GICD + 0xc08n),
  wr(GICD + 0x104n, 1n << 8n), wr(GICD + 0x428n, 0x40n), wr(GICD + 0x828n, 1n), wr(GICD + 0x204n, 1n << 8n), rd(GICC + 0x18n),
  rd(GICC + 0x0cn), rd(GICD + 0x204n), rd(GICD + 0x304n), rd(GICC + 0x14n), wr(GICC + 0x10n, 40n), rd(GICD + 0x304n), rd(GICC + 0x0cn),
  wr(GICC + 8n, 0n), rd(GICC + 8n), wr(GICC + 0x1cn, 0n), rd(GICC + 0x1cn), wr(GICD + 0x80n, 0xffffffffn), rd(GICD + 0x80n),
  wr(GICH, 0x1fn), rd(GICH), wr(GICH + 8n, 0xffffffffn), rd(GICH + 8n), rd(GICH + 0x10n),
  wr(GICH + 0x100n, 0xffffffffn), rd(GICH + 0x100n), rd(GICH + 0x30n), rd(GICH + 0x20n),
  wr(0x09000038n, 0x7ffn), rd(0x09000038n), rd(0x09000040n), wr(0x09000044n, 0x7ffn), rd(0x0900003cn),
  wr(0x0900002cn, 0x70n), rd(0x0900003cn), rd(0x09000018n), wr(0x09000034n, 0x3fn), rd(0x09000034n), wr(0x09000048n, 7n), rd(0x09000048n),
];
const GICV3: Probe[] = [
  { at: 0x08000000n }, { at: 0x08000004n, mask: ~(1n << 17n), why: 'LPIS: QEMU has an ITS, we have none' },
  ...[0x8n, 0xcn, 0x84n, 0x104n, 0x420n, 0x800n, 0xc08n, 0x6100n, 0x6108n, 0xffd0n, 0xffe0n, 0xffe4n, 0xffe8n, 0xffecn, 0xfff0n]
    .map((o) => ({ at: 0x08000000n + o })),
  ...[0x0n, 0x4n, 0xcn, 0x14n, 0xffe8n].map((o) => ({ at: 0x080a0000n + o })),
  { at: 0x080a0008n, mask: ~0x03000001n, why: 'PLPIS and CommonLPIAff: no LPIs here' },
  { at: 0x080c0008n, mask: ~0x03000001n, why: 'PLPIS and CommonLPIAff: no LPIs here' }, { at: 0x080c000cn },
  ...[0x80n, 0x100n, 0x200n, 0x300n, 0x400n, 0x41cn, 0xc00n, 0xc04n, 0xd00n].map((o) => ({ at: 0x080b0000n + o })),
  ...['ICC_CTLR_EL1', 'ICC_BPR0_EL1', 'ICC_BPR1_EL1', 'ICC_PMR_EL1', 'ICC_RPR_EL1', 'ICC_IGRPEN0_EL1', 'ICC_IGRPEN1_EL1',
    'ICC_HPPIR0_EL1', 'ICC_HPPIR1_EL1', 'ICC_IAR1_EL1', 'ICC_AP0R0_EL1', 'ICC_AP1R0_EL1', 'ICC_SRE_EL1', 'ICC_SRE_EL2',
    'ICH_VTR_EL2', 'ICH_VMCR_EL2', 'ICH_HCR_EL2', 'ICH_MISR_EL2', 'ICH_EISR_EL2', 'ICH_ELRSR_EL2', 'ICH_AP1R0_EL2', 'ICH_LR0_EL2',
  ].map((at) => ({ at })),
];
const GICR_SGI = 0x080b0000n;
/** CPU 0 wakes its redistributor, sends itself group 1 SGI 3 through ICC_SGI1R, takes and completes it; routing and
 * list-register writes read back. */
const GICV3_SEQUENCE: Probe[] = [
  wr(0x08000000n, 3n), rd(0x08000000n), wr(0x080a0014n, 0n), rd(0x080a0014n),
  wr(GICR_SGI + 0x80n, 0xffffffffn), wr(GICR_SGI + 0x100n, 0xffffffffn), rd(GICR_SGI + 0x100n),
  wr(GICR_SGI + 0x400n, 0x87a5c3e1n), rd(GICR_SGI + 0x400n), wr(GICR_SGI + 0xc04n, 0xffffffffn), rd(GICR_SGI + 0xc04n),
  wr('ICC_PMR_EL1', 0xffn), rd('ICC_PMR_EL1'), wr('ICC_BPR1_EL1', 0n), rd('ICC_BPR1_EL1'), wr('ICC_BPR0_EL1', 0n), rd('ICC_BPR0_EL1'),
  wr('ICC_IGRPEN1_EL1', 1n), wr('ICC_SGI1R_EL1', (3n << 24n) | 1n), rd(GICR_SGI + 0x200n), rd('ICC_HPPIR1_EL1'), rd('ICC_IAR1_EL1'),
  rd('ICC_RPR_EL1'), rd('ICC_AP1R0_EL1'), rd(GICR_SGI + 0x300n), wr('ICC_EOIR1_EL1', 3n), rd('ICC_RPR_EL1'), rd(GICR_SGI + 0x300n),
  wr(0x08006140n, 0xffffffffn), rd(0x08006140n), rd(0x08006144n), wr(0x08000104n, 0xffffffffn), rd(0x08000104n),
  wr(0x08000084n, 1n << 8n), wr(0x08000428n, 0x40n), wr(0x08000204n, 1n << 8n), rd('ICC_HPPIR1_EL1'), wr(0x08006140n, 0n),
  rd('ICC_HPPIR1_EL1'), rd('ICC_IAR1_EL1'), rd(0x08000204n), rd(0x08000304n), wr('ICC_EOIR1_EL1', 40n), rd(0x08000304n),
  wr('ICH_HCR_EL2', 0xffffffffn), rd('ICH_HCR_EL2'), wr('ICH_VMCR_EL2', 0xffffffffn), rd('ICH_VMCR_EL2'),
  wr('ICH_LR0_EL2', 0xffffffffffffffffn), rd('ICH_LR0_EL2'), wr('ICH_LR1_EL2', (1n << 62n) | (1n << 60n) | (0x80n << 48n) | 5000n),
  rd('ICH_LR1_EL2'), rd('ICH_ELRSR_EL2'), rd('ICH_EISR_EL2'), rd('ICH_MISR_EL2'), wr('ICH_AP1R0_EL2', 0xffffffffn), rd('ICH_AP1R0_EL2'),
];

/** Prints each value read as 16 hex digits and a newline on the PL011, then PSCI SYSTEM_OFF over SMC. */
function probeGuest(probes: Probe[]): string {
  const body = probes.map((p) => {
    if (p.smc) return `${p.smc.map((v, i) => `  ldr x${i}, =0x${BigInt.asUintN(64, v).toString(16)}`).join('\n')}\n  smc #0\n  bl puthex`;
    if (typeof p.at === 'bigint') {
      return p.write === undefined ? `  ldr x1, =0x${p.at.toString(16)}\n  ldr w0, [x1]\n  bl puthex`
        : `  ldr x1, =0x${p.at.toString(16)}\n  ldr x0, =0x${p.write.toString(16)}\n  str w0, [x1]`;
    }
    return p.write === undefined ? `  mrs x0, ${p.at.toLowerCase()}\n  bl puthex` : `  ldr x0, =0x${p.write.toString(16)}\n  msr ${p.at.toLowerCase()}, x0\n  isb`;
  }).join('\n');
  return `.global _start\n_start:\n${body}\n  ldr w0, =0x84000008\n  smc #0\n` +
    'puthex:\n  mov x9, #0x09000000\n  mov x3, #60\n1: lsr x4, x0, x3\n  and w4, w4, #0xf\n  add w5, w4, #48\n  add w6, w4, #87\n' +
    '  cmp w4, #10\n  csel w5, w5, w6, lt\n  strb w5, [x9]\n  subs x3, x3, #4\n  b.ge 1b\n  mov w5, #10\n  strb w5, [x9]\n  ret\n  .ltorg\n';
}

function qemuValues(probes: Probe[], machine: string): bigint[] {
  const dir = mkdtempSync(join(tmpdir(), 'board-qemu-'));
  writeFileSync(join(dir, 'p.S'), probeGuest(probes));
  execFileSync('aarch64-linux-gnu-as', ['-march=armv8.2-a', join(dir, 'p.S'), '-o', join(dir, 'p.o')]);
  execFileSync('aarch64-linux-gnu-ld', ['-Ttext=0x40080000', '-e', '_start', join(dir, 'p.o'), '-o', join(dir, 'p.elf')]);
  const out = execFileSync('qemu-system-aarch64', ['-M', machine, '-cpu', 'max', '-smp', '2', '-m', '128M', '-nographic',
    '-monitor', 'none', '-kernel', join(dir, 'p.elf')], { encoding: 'utf8', timeout: 20000 });
  return out.trim().split(/\r?\n/).map((l) => BigInt(`0x${l}`));
}

/** Plays the probes on our devices (`read`/`write` of an MMIO address or a register name) and on QEMU. */
function compare(probes: Probe[], machine: string, read: (at: bigint | string) => bigint, write: (at: bigint | string, v: bigint) => void): void {
  const theirs = qemuValues(probes, machine);
  const reads = probes.filter((p) => p.write === undefined);
  assert.equal(theirs.length, reads.length, 'the probe guest printed every value');
  const diffs: string[] = [];
  for (const p of probes) {
    if (p.write !== undefined) { write(p.at, p.write); continue; }
    const mask = p.mask ?? -1n;
    const a = read(p.at), b = theirs[reads.indexOf(p)];
    const name = typeof p.at === 'bigint' ? `0x${p.at.toString(16)}` : p.at;
    if ((a & mask) !== (b & mask)) diffs.push(`#${reads.indexOf(p)} ${name}: ours 0x${a.toString(16)}, QEMU 0x${b.toString(16)}`);
  }
  assert.deepEqual(diffs, []);
}

/** PSCI calls whose answers do not depend on timing (no CPU is actually started). */
const PSCI_CALLS: bigint[][] = [
  [PSCI_VERSION], [PSCI_MIGRATE_INFO_TYPE], [PSCI_FEATURES, PSCI_CPU_ON | SMC64], [PSCI_FEATURES, PSCI_CPU_OFF],
  [PSCI_FEATURES, PSCI_SYSTEM_RESET], [PSCI_FEATURES, PSCI_MIGRATE], [PSCI_FEATURES, 0x12345678], [PSCI_FEATURES, PSCI_FEATURES],
  [PSCI_AFFINITY_INFO | SMC64, 0, 0], [PSCI_AFFINITY_INFO | SMC64, 1, 0], [PSCI_AFFINITY_INFO | SMC64, 5, 0], [PSCI_AFFINITY_INFO, 1, 1],
  [PSCI_CPU_ON | SMC64, 0, 0x40080000, 0], [PSCI_CPU_ON | SMC64, 9, 0x40080000, 0], [PSCI_CPU_SUSPEND | SMC64, 0x20000, 0, 0],
  [PSCI_MIGRATE | SMC64, 1], [0x8400001f],
].map((regs) => regs.map((r) => BigInt.asUintN(64, BigInt(r >>> 0))));

const tools = ['qemu-system-aarch64', 'aarch64-linux-gnu-as', 'aarch64-linux-gnu-ld'].every((t) => spawnSync(t, ['--version']).status === 0);

test('PL011, GICv2 with GICH/GICV and the v2m frame: reset values and a write/read sequence as QEMU', { skip: !tools }, () => {
  const gic = new GicV2({ cpus: 2, virtualization: true, spis: 256 });
  const map = new MemoryMap({ unimplementedRegister: 'raz-wi' });
  for (const f of gic.frames) map.attach(0x08000000n + f.base, f.size, f.device);
  map.attach(0x08020000n, 0x1000n, new GicV2m(() => {}));
  map.attach(0x09000000n, 0x1000n, new Pl011());
  compare([...PL011, ...GICV2, ...GICV2_SEQUENCE], 'virt,virtualization=on', (at) => map.read(at as bigint, 4)!,
    (at, v) => assert.ok(map.write(at as bigint, 4, v)));
});

test('GICv3 distributor, redistributors, ICC_* and ICH_*: reset values and a write/read sequence as QEMU', { skip: !tools }, () => {
  const gic = new GicV3({ cpus: 2 });
  const map = new MemoryMap({ unimplementedRegister: 'raz-wi' });
  for (const f of gic.frames) map.attach(0x08000000n + f.base, f.size, f.device);
  compare([...GICV3, ...GICV3_SEQUENCE], 'virt,gic-version=3,virtualization=on',
    (at) => (typeof at === 'bigint' ? map.read(at, 4)! : gic.cpuif.sysregRead(0, at)!),
    (at, v) => assert.ok(typeof at === 'bigint' ? map.write(at, 4, v) : gic.cpuif.sysregWrite(0, at, v)));
});

test('PSCI answers as QEMU\'s firmware for a 2-CPU machine with CPU 1 off', { skip: !tools }, () => {
  const states: CpuPowerState[] = ['on', 'off'];
  const platform = {
    cpuState: (mpidr: bigint) => states[Number(mpidr)],
    cpuOn: () => assert.fail('no CPU is started'), cpuOff: () => assert.fail('no CPU stops'), cpuSuspend: () => assert.fail('no suspend'),
    systemOff: () => assert.fail('no SYSTEM_OFF'), systemReset: () => assert.fail('no SYSTEM_RESET'),
  };
  const theirs = qemuValues(PSCI_CALLS.map((smc) => ({ at: 'smc', smc })), 'virt,virtualization=on');
  assert.deepEqual(PSCI_CALLS.map((regs) => psciCall(platform, { cpu: 0, aarch64: true }, regs).x0), theirs);
});
