// GICv3: distributor and redistributor frames (identification, GICR_TYPER.Last, WAKER, IROUTER routing), the ICC_*
// system-register interface (groups as IRQ/FIQ, SGIs from ICC_SGI1R, priorities and preemption, EOImode), the ICH_*
// list registers driving ICV_* with hardware deactivation and maintenance interrupts, and save/restore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryMap } from '../../src/machine/bus';
import { GicV3 } from '../../src/machine/devices/gicv3';
import { GicLine } from '../../src/machine/devices/gic';

const D = 0x08000000n, R = 0x080a0000n, SGI = 0x10000n;

function board(cpus = 2) {
  const lines = new Map<string, boolean>();
  const gic = new GicV3({ cpus, output: (cpu, line, level) => lines.set(`${cpu}${line}`, level) });
  const map = new MemoryMap({ unimplementedRegister: 'abort' });
  for (const f of gic.frames) map.attach(D + f.base, f.size, f.device);
  const r = (a: bigint, size = 4) => map.read(a, size);
  const w = (a: bigint, v: number | bigint, size = 4) => assert.ok(map.write(a, size, BigInt(v)), `write 0x${a.toString(16)}`);
  const rd = (cpu: number) => R + BigInt(cpu) * 0x20000n;
  const icc = (cpu: number, name: string, virtual = false) => gic.cpuif.sysregRead(cpu, `ICC_${name}_EL1`, virtual);
  const iccW = (cpu: number, name: string, v: number | bigint, virtual = false) => assert.ok(gic.cpuif.sysregWrite(cpu, `ICC_${name}_EL1`, BigInt(v), virtual), name);
  const ich = (cpu: number, name: string) => gic.cpuif.sysregRead(cpu, `ICH_${name}_EL2`);
  const ichW = (cpu: number, name: string, v: number | bigint) => assert.ok(gic.cpuif.sysregWrite(cpu, `ICH_${name}_EL2`, BigInt(v)), name);
  const line = (cpu: number, l: GicLine) => lines.get(`${cpu}${l}`) ?? false;
  return { gic, map, r, w, rd, icc, iccW, ich, ichW, line };
}

/** Both groups on in GICD; every CPU awake, PMR open, both groups enabled at the CPU interface. */
function enabled(cpus = 2) {
  const b = board(cpus);
  b.w(D, 3);
  for (let c = 0; c < cpus; c++) {
    b.w(b.rd(c) + 0x14n, 0);
    b.iccW(c, 'PMR', 0xff);
    b.iccW(c, 'IGRPEN0', 1);
    b.iccW(c, 'IGRPEN1', 1);
  }
  return b;
}

test('identification: GICD_CTLR ARE/DS, TYPER, PIDR2 of GICD and GICR, GICR_TYPER with Last', () => {
  const { r, rd } = board(3);
  assert.equal(r(D), 0x50n);
  assert.equal(r(D + 4n), BigInt((1 << 25) | (1 << 24) | (0xf << 19) | 7)); // 224 SPIs, as QEMU's virt GICv3
  assert.equal(r(D + 0xffe8n), 0x3bn);
  assert.equal(r(rd(2) + 0xffe8n), 0x3bn);
  assert.equal(r(rd(0) + 8n, 8), 0n);
  assert.equal(r(rd(1) + 8n, 8), (1n << 32n) | (1n << 8n));
  assert.equal(r(rd(2) + 8n, 8), (2n << 32n) | (2n << 8n) | (1n << 4n));
  assert.equal(r(rd(2) + 0xcn), 2n);
  assert.equal(r(rd(3) + 8n), undefined, 'nothing past the last redistributor');
});

test('GICR_WAKER: ProcessorSleep and ChildrenAsleep', () => {
  const { r, w, rd } = board(1);
  assert.equal(r(rd(0) + 0x14n), 6n);
  w(rd(0) + 0x14n, 0);
  assert.equal(r(rd(0) + 0x14n), 0n);
});

test('SPI routed by GICD_IROUTER, group 1 as IRQ through ICC_IAR1/EOIR1; the SGI/PPI half of GICD is RAZ/WI', () => {
  const { gic, r, w, icc, iccW, line } = enabled(2);
  w(D + 0x84n, 1 << 1);
  w(D + 0x104n, 1 << 1);
  w(D + 0x400n + 33n, 0x80, 1);
  w(D + 0x6000n + 8n * 33n, 1n, 8); // Aff0 = 1: CPU 1
  assert.equal(r(D + 0x6000n + 8n * 33n, 8), 1n);
  gic.setSpi(1, true);
  assert.deepEqual([line(0, 'irq'), line(1, 'irq'), line(1, 'fiq')], [false, true, false]);
  assert.equal(icc(1, 'HPPIR1'), 33n);
  assert.equal(icc(1, 'HPPIR0'), 1023n);
  assert.equal(icc(1, 'IAR0'), 1023n, 'IAR0 does not take a group 1 interrupt');
  assert.equal(icc(1, 'IAR1'), 33n);
  assert.equal(icc(1, 'RPR'), 0x80n);
  assert.equal(icc(1, 'AP1R0'), 1n << 16n); // preemption level 0x80 >> 3
  gic.setSpi(1, false);
  iccW(1, 'EOIR1', 33);
  assert.equal(icc(1, 'RPR'), 0xffn);
  assert.equal(r(D + 0x304n), 0n);
  w(D + 0x100n, 0xffffffff);
  assert.equal(r(D + 0x100n), 0n);
  w(D + 0x6000n + 8n * 33n, 0x80000000n, 8); // 1-of-N is not offered: nobody gets it
  assert.equal(r(D + 0x6000n + 8n * 33n, 8), 0x80000000n);
  gic.setSpi(1, true);
  assert.equal(line(0, 'irq'), false);
});

test('group 0 is FIQ; IAR1 returns 1023 while a group 0 interrupt is highest', () => {
  const { gic, rd, w, icc, iccW, line } = enabled(1);
  w(rd(0) + SGI + 0x100n, 1 << 30); // PPI 14 (INTID 30), group 0 by default
  gic.setPpi(0, 14, true);
  assert.deepEqual([line(0, 'fiq'), line(0, 'irq')], [true, false]);
  assert.equal(icc(0, 'IAR1'), 1023n);
  assert.equal(icc(0, 'IAR0'), 30n);
  gic.setPpi(0, 14, false);
  iccW(0, 'EOIR0', 30);
  assert.equal(line(0, 'fiq'), false);
});

test('SGIs from ICC_SGI1R: target list with affinity, IRM broadcast, group must match', () => {
  const { rd, w, icc, iccW, line } = enabled(3);
  for (let c = 0; c < 3; c++) { w(rd(c) + SGI + 0x80n, 0xffff); w(rd(c) + SGI + 0x100n, 0xffff); }
  iccW(0, 'SGI1R', (3n << 24n) | 0b100n); // SGI 3 to Aff0 2
  assert.deepEqual([0, 1, 2].map((c) => line(c, 'irq')), [false, false, true]);
  assert.equal(icc(2, 'IAR1'), 3n);
  iccW(2, 'EOIR1', 3);
  iccW(1, 'SGI1R', (1n << 40n) | (7n << 24n)); // all but self
  assert.deepEqual([0, 1, 2].map((c) => line(c, 'irq')), [true, false, true]);
  iccW(0, 'SGI0R', (9n << 24n) | 0b10n); // group 0 request for a group 1 SGI: not forwarded
  assert.equal(line(1, 'irq'), false);
  iccW(0, 'SGI1R', (9n << 24n) | (1n << 16n) | 0b10n); // Aff1 = 1: no such CPU
  assert.equal(line(1, 'irq'), false);
});

test('preemption, PMR, binary point, EOImode with ICC_DIR', () => {
  const { gic, w, icc, iccW, line } = enabled(1);
  w(D + 0x84n, 0xf);
  w(D + 0x104n, 0xf);
  w(D + 0x420n, 0x88_40_80_00 | 0, 4); // INTID 32: 0x00, 33: 0x80, 34: 0x40, 35: 0x88
  gic.setSpi(1, true);
  assert.equal(icc(0, 'IAR1'), 33n);
  gic.setSpi(3, true);
  assert.equal(line(0, 'irq'), false, '0x88 waits for 0x80');
  gic.setSpi(2, true);
  assert.equal(line(0, 'irq'), true, '0x40 preempts');
  assert.equal(icc(0, 'IAR1'), 34n);
  gic.setSpi(2, false);
  iccW(0, 'EOIR1', 34);
  gic.setSpi(1, false);
  iccW(0, 'EOIR1', 33);
  assert.equal(icc(0, 'RPR'), 0xffn);
  iccW(0, 'PMR', 0x88);
  assert.equal(line(0, 'irq'), false);
  assert.equal(icc(0, 'IAR1'), 1023n);
  iccW(0, 'PMR', 0xff);
  iccW(0, 'CTLR', 2); // EOImode
  assert.equal(icc(0, 'CTLR'), BigInt(2 | 0x8c00)); // PRIbits 5, IDbits 24, A3V
  assert.equal(icc(0, 'IAR1'), 35n);
  gic.setSpi(3, false);
  iccW(0, 'EOIR1', 35);
  assert.equal(icc(0, 'RPR'), 0xffn);
  w(D + 0x204n, 1 << 3); // pend it again by software
  assert.equal(line(0, 'irq'), false, 'still active');
  iccW(0, 'DIR', 35);
  assert.equal(line(0, 'irq'), true);
  iccW(0, 'BPR1', 4);
  assert.equal(icc(0, 'BPR1'), 4n);
});

test('ICH list registers drive ICV_*: hardware deactivation, maintenance PPI 9, ELRSR/EISR, EOIcount', () => {
  const { gic, rd, w, r, icc, iccW, ich, ichW, line } = enabled(2);
  assert.equal(ich(1, 'VTR'), BigInt(0x90b80003));
  assert.equal(ich(1, 'ELRSR'), 0xfn);
  assert.equal(gic.cpuif.sysregRead(1, 'ICH_LR4_EL2'), undefined);
  w(rd(1) + SGI + 0x80n, 0xffffffff);
  w(rd(1) + SGI + 0x100n, (1 << 27) | (1 << 25));
  gic.setPpi(1, 11, true); // virtual timer, taken by the hypervisor
  assert.equal(icc(1, 'IAR1'), 27n);
  gic.setPpi(1, 11, false);
  iccW(1, 'CTLR', 2);
  iccW(1, 'EOIR1', 27); // priority drop; stays active until the guest's EOI
  const lr = (state: bigint, hw: boolean, group1: boolean, prio: bigint, pintid: bigint, vintid: bigint, eoi = false) =>
    (state << 62n) | (hw ? 1n << 61n : 0n) | (group1 ? 1n << 60n : 0n) | (prio << 48n) | (pintid << 32n) | (eoi ? 1n << 41n : 0n) | vintid;
  ichW(1, 'LR0', lr(1n, true, true, 0xa0n, 27n, 27n));
  ichW(1, 'LR1', lr(1n, false, true, 0x50n, 0n, 8192n, true));
  ichW(1, 'VMCR', (0xf0 << 24) | 2); // VPMR 0xf0, VENG1
  assert.equal(line(1, 'virq'), false, 'ICH_HCR_EL2.En clear');
  ichW(1, 'HCR', 1);
  assert.equal(line(1, 'virq'), true);
  assert.equal(ich(1, 'ELRSR'), 0xcn);
  assert.equal(icc(1, 'IAR1', true), 8192n);
  assert.equal(icc(1, 'RPR', true), 0x50n);
  assert.equal(line(1, 'virq'), false, '0xa0 does not preempt 0x50');
  iccW(1, 'EOIR1', 8192, true);
  assert.equal(ich(1, 'EISR'), 2n);
  assert.equal(ich(1, 'MISR'), 1n);
  assert.equal(line(1, 'irq'), true, 'maintenance interrupt (INTID 25)');
  assert.equal(icc(1, 'IAR1'), 25n);
  ichW(1, 'LR1', 0);
  iccW(1, 'CTLR', 0);
  iccW(1, 'EOIR1', 25);
  assert.equal(line(1, 'irq'), false);
  assert.equal(line(1, 'virq'), true);
  assert.equal(icc(1, 'IAR1', true), 27n);
  assert.equal((ich(1, 'LR0')! >> 62n), 2n);
  iccW(1, 'EOIR1', 27, true);
  assert.equal(r(rd(1) + SGI + 0x300n), 0n, 'the physical timer interrupt was deactivated');
  iccW(1, 'EOIR1', 99, true);
  assert.equal(ich(1, 'HCR')! >> 27n, 1n, 'EOIcount');
  assert.equal(icc(1, 'PMR', true), 0xf0n);
  iccW(1, 'IGRPEN1', 0, true);
  assert.equal(ich(1, 'VMCR')! & 2n, 0n);
});

test('save/restore round trip', () => {
  const a = enabled(2);
  a.w(a.rd(1) + SGI + 0x80n, 0xffff);
  a.w(a.rd(1) + SGI + 0x100n, 0xffff);
  a.iccW(0, 'SGI1R', (5n << 24n) | 0b10n);
  a.ichW(0, 'LR2', (1n << 62n) | 77n);
  const snap = JSON.parse(JSON.stringify(a.gic.save()));
  const b = board(2);
  b.gic.restore(snap);
  assert.equal(b.line(1, 'irq'), true);
  assert.equal(b.icc(1, 'IAR1'), 5n);
  assert.equal(b.ich(0, 'LR2'), (1n << 62n) | 77n);
  b.gic.reset();
  assert.equal(b.r(D), 0x50n);
});
