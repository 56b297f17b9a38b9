// GICv2 distributor, CPU interface and virtualization extension through their MMIO frames: identification,
// level/edge SPIs, banked PPIs/SGIs with sources, priorities and preemption, groups and FIQ, EOImode, list
// registers with hardware deactivation and maintenance interrupts, and a save/restore round trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryMap } from '../../src/machine/bus';
import { GicV2 } from '../../src/machine/devices/gicv2';
import { GicV2m } from '../../src/machine/devices/gicv2m';
import { GicLine } from '../../src/machine/devices/gic';

const D = 0x08000000n, C = 0x08010000n, H = 0x08030000n, V = 0x08040000n;

function board(cpus = 2, virtualization = false) {
  const lines = new Map<string, boolean>();
  const log: string[] = [];
  const gic = new GicV2({ cpus, virtualization, output: (cpu, line, level) => { lines.set(`${cpu}${line}`, level); log.push(`${cpu} ${line} ${level}`); } });
  const map = new MemoryMap({ unimplementedRegister: 'abort' });
  for (const f of gic.frames) map.attach(D + f.base, f.size, f.device);
  const on = (cpu: number) => { gic.currentCpu = cpu; return {
    r: (a: bigint) => Number(map.read(a, 4)),
    w: (a: bigint, v: number) => assert.ok(map.write(a, 4, BigInt(v >>> 0)), `write 0x${a.toString(16)}`),
    rb: (a: bigint) => Number(map.read(a, 1)),
    wb: (a: bigint, v: number) => assert.ok(map.write(a, 1, BigInt(v))),
  }; };
  const line = (cpu: number, l: GicLine) => lines.get(`${cpu}${l}`) ?? false;
  return { gic, map, on, line, log };
}

/** Distributor and CPU interfaces on, everything group 0, PMR open. */
function enabled(cpus = 2, virtualization = false) {
  const b = board(cpus, virtualization);
  b.on(0).w(D, 1);
  for (let c = 0; c < cpus; c++) { b.on(c).w(C, 1); b.on(c).w(C + 4n, 0xff); }
  return b;
}

test('identification: TYPER, IIDR, peripheral ID; word-only registers reject bytes', () => {
  const { on, map } = board(2);
  const c0 = on(0);
  assert.equal(c0.r(D + 4n), (288 / 32 - 1) | (1 << 5));
  assert.equal(c0.r(D + 8n), 0x43b);
  assert.equal(c0.r(C + 0xfcn), 0x2043b);
  assert.deepEqual([0xfe0n, 0xfe4n, 0xfe8n, 0xfecn].map((o) => c0.r(D + o)), [0x90, 0xb4, 0x2b, 0x00]);
  assert.equal(map.read(D + 4n, 1), undefined);
  assert.equal(c0.r(D + 0x800n), 0x01010101); // ITARGETSR of SGIs 0-3 read this CPU's bit
  assert.equal(on(1).r(D + 0x800n), 0x02020202);
  assert.equal(c0.r(D + 0x100n), 0xffff); // SGIs always enabled
  assert.equal(c0.r(D + 0xc00n), 0xaaaaaaaa);
});

test('level SPI: pending while asserted, active and pending after IAR, signalled again after EOI', () => {
  const { gic, on, line } = enabled();
  const c0 = on(0);
  c0.wb(D + 0x400n + 33n, 0xa0);
  c0.wb(D + 0x800n + 33n, 0x01);
  c0.w(D + 0x104n, 1 << 1);
  gic.setSpi(1, true);
  assert.equal(line(0, 'irq'), true);
  assert.equal(line(1, 'irq'), false);
  assert.equal(c0.r(C + 0x18n), 33); // HPPIR
  assert.equal(c0.r(C + 0x0cn), 33);
  assert.equal(line(0, 'irq'), false);
  assert.equal(c0.r(C + 0x14n), 0xa0); // RPR
  assert.equal(c0.r(D + 0x304n), 2); // active
  assert.equal(c0.r(D + 0x204n), 2); // and still pending (line high)
  c0.w(C + 0x10n, 33);
  assert.equal(line(0, 'irq'), true);
  gic.setSpi(1, false);
  assert.equal(line(0, 'irq'), false);
  assert.equal(c0.r(C + 0x0cn), 1023);
});

test('edge SPI latches; ICPENDR clears; a CPU not in ITARGETSR never sees it', () => {
  const { gic, on, line } = enabled();
  const c0 = on(0);
  c0.w(D + 0xc08n, 2 << 2); // INTID 33 edge
  c0.wb(D + 0x800n + 33n, 0x02);
  c0.w(D + 0x104n, 1 << 1);
  gic.setSpi(1, true);
  gic.setSpi(1, false);
  assert.equal(line(1, 'irq'), true);
  assert.equal(line(0, 'irq'), false);
  c0.w(D + 0x284n, 1 << 1);
  assert.equal(line(1, 'irq'), false);
  gic.setSpi(1, true);
  const c1 = on(1);
  assert.equal(c1.r(C + 0x0cn), 33);
  c1.w(C + 0x10n, 33);
  assert.equal(line(1, 'irq'), false);
});

test('SGIs: target filters, source CPU in IAR, per-source pending, SPENDSGIR/CPENDSGIR', () => {
  const { on, line } = enabled(3);
  on(0).w(D + 0xf00n, (0b110 << 16) | 5); // to CPUs 1 and 2
  on(2).w(D + 0xf00n, (1 << 24) | 5); // all but self: CPUs 0 and 1
  assert.deepEqual([line(0, 'irq'), line(1, 'irq'), line(2, 'irq')], [true, true, true]);
  const c1 = on(1);
  assert.equal(c1.rb(D + 0xf25n), 0b101);
  assert.equal(c1.r(C + 0x0cn), 5 | (0 << 10));
  c1.w(C + 0x10n, 5);
  assert.equal(c1.r(C + 0x0cn), 5 | (2 << 10));
  c1.w(C + 0x10n, 5 | (2 << 10));
  assert.equal(line(1, 'irq'), false);
  on(2).w(D + 0xf00n, (2 << 24) | 7); // self
  assert.equal(on(2).r(C + 0x18n), 5); // SGI 5 from CPU 0 first (lower ID wins at equal priority)
  on(2).wb(D + 0xf15n, 0xff); // CPENDSGIR
  assert.equal(on(2).r(C + 0x18n), 7 | (2 << 10));
});

test('PPIs are banked per CPU', () => {
  const { gic, on, line } = enabled();
  on(1).w(D + 0x100n, 1 << 30);
  gic.setPpi(0, 14, true);
  assert.equal(line(0, 'irq'), false); // CPU 0 has not enabled its INTID 30
  gic.setPpi(1, 14, true);
  assert.equal(line(1, 'irq'), true);
  assert.equal(on(1).r(C + 0x0cn), 30);
  assert.equal(on(0).r(D + 0x200n) >>> 30, 1);
  assert.equal(on(1).r(D + 0x300n) >>> 30, 1);
  assert.equal(on(0).r(D + 0x300n) >>> 30, 0);
});

test('priority, PMR, preemption by group priority (BPR), active-priority registers', () => {
  const { gic, on, line } = enabled(1);
  const c = on(0);
  for (const [spi, prio] of [[0, 0x80], [1, 0x40], [2, 0x88], [3, 0xc0]]) {
    c.wb(D + 0x400n + BigInt(32 + spi), prio);
  }
  c.w(D + 0x104n, 0xf);
  gic.setSpi(0, true);
  assert.equal(c.r(C + 0x0cn), 32);
  assert.deepEqual([0xd0n, 0xd4n, 0xd8n, 0xdcn].map((o) => c.r(C + o)), [0, 0, 1, 0]); // preemption level 0x80 >> 1
  gic.setSpi(2, true); // 0x88: lower priority than the running 0x80
  assert.equal(line(0, 'irq'), false);
  gic.setSpi(1, true); // 0x40 preempts
  assert.equal(line(0, 'irq'), true);
  assert.equal(c.r(C + 0x0cn), 33);
  assert.equal(c.r(C + 0x14n), 0x40);
  gic.setSpi(1, false);
  c.w(C + 0x10n, 33);
  assert.equal(c.r(C + 0x14n), 0x80);
  gic.setSpi(0, false);
  c.w(C + 0x10n, 32);
  assert.equal(c.r(C + 0x14n), 0xff);
  assert.equal(line(0, 'irq'), true); // 0x88 now
  c.w(C + 4n, 0x88); // PMR masks 0x88 (not strictly higher)
  assert.equal(line(0, 'irq'), false);
  assert.equal(c.r(C + 0x0cn), 1023);
  c.w(C + 4n, 0xff);
  c.w(C + 8n, 3); // BPR 3: group priority bits [7:4]; 0x88 and 0x80 share one
  gic.setSpi(2, false);
  gic.setSpi(0, false);
  c.w(D + 0x280n, 0xffffffff);
  gic.setSpi(0, true);
  assert.equal(c.r(C + 0x0cn), 32);
  gic.setSpi(2, true);
  assert.equal(line(0, 'irq'), false, '0x88 does not preempt 0x80 with BPR 3');
});

test('groups: group 0 as FIQ with FIQEn, group 1 needs AckCtl at GICC_IAR; the aliased registers are RAZ/WI', () => {
  const { gic, on, line } = board(1);
  const c = on(0);
  c.w(D, 3);
  c.w(C, 1 | 2 | 8); // both groups, FIQEn
  c.w(C + 4n, 0xff);
  c.w(D + 0x84n, 1 << 2); // INTID 34 group 1
  c.w(D + 0x104n, 0b110);
  gic.setSpi(1, true);
  assert.deepEqual([line(0, 'fiq'), line(0, 'irq')], [true, false]);
  assert.equal(c.r(C + 0x28n), 0); // AHPPIR: RAZ without Security Extensions
  assert.equal(c.r(C + 0x0cn), 33);
  c.w(C + 0x10n, 33);
  gic.setSpi(1, false);
  gic.setSpi(2, true);
  assert.deepEqual([line(0, 'fiq'), line(0, 'irq')], [false, true]);
  assert.equal(c.r(C + 0x0cn), 1022);
  assert.equal(c.r(C + 0x20n), 0); // AIAR
  c.w(C, 1 | 2 | 4 | 8); // AckCtl
  assert.equal(c.r(C + 0x0cn), 34);
  assert.equal(c.r(C + 0xe0n), 1); // group 1 active priority (0x00) in NSAPR0
  c.w(C + 0x10n, 34);
  assert.equal(c.r(D + 0x304n) & 4, 0);
});

test('EOImode: EOIR drops priority only, DIR deactivates', () => {
  const { gic, on, line } = enabled(1);
  const c = on(0);
  c.w(C, 1 | (1 << 9));
  c.w(D + 0xc08n, 2 << 2);
  c.w(D + 0x104n, 2);
  gic.setSpi(1, true);
  assert.equal(c.r(C + 0x0cn), 33);
  c.w(C + 0x10n, 33);
  assert.equal(c.r(C + 0x14n), 0xff);
  assert.equal(c.r(D + 0x304n), 2);
  gic.setSpi(1, false);
  gic.setSpi(1, true);
  assert.equal(line(0, 'irq'), false, 'still active: not signalled');
  c.w(C + 0x1000n, 33);
  assert.equal(line(0, 'irq'), true);
});

test('virtualization: list registers drive GICV, hardware deactivation, maintenance interrupt, ELRSR/EISR', () => {
  const { gic, on, line } = enabled(2, true);
  const c1 = on(1);
  assert.equal(c1.r(H + 4n) >>> 0, 0x90000003); // VTR
  assert.equal(c1.r(H + 0x30n), 0xf); // all LRs empty
  // Physical timer PPI taken by the hypervisor, handed to the guest as a hardware interrupt.
  c1.w(D + 0x100n, (1 << 27) | (1 << 25));
  gic.setPpi(1, 11, true);
  assert.equal(c1.r(C + 0x0cn), 27);
  gic.setPpi(1, 11, false); // the hypervisor masks the timer until the guest has handled it
  c1.w(C, 1 | (1 << 9)); // EOImode: the guest deactivates
  c1.w(C + 0x10n, 27);
  c1.w(H + 0x100n, (1 << 31) | (1 << 28) | (0xa << 23) | (27 << 10) | 27); // HW, pending, prio 0x50, pINTID = vINTID 27
  c1.w(H + 0x104n, (1 << 30) | (1 << 28) | (0x10 << 23) | (1 << 19) | 40); // group 1, pending, prio 0x80, EOI maintenance
  assert.equal(line(1, 'virq'), false, 'GICH_HCR.En is clear');
  c1.w(H, 1);
  c1.w(H + 8n, (0x1f << 27) | 1 | 2 | 4); // VMCR: PMR 0xf8, both groups, AckCtl
  assert.equal(line(1, 'virq'), true);
  assert.equal(line(0, 'virq'), false);
  assert.equal(c1.r(H + 0x30n), 0xc);
  assert.equal(c1.r(V + 0x0cn), 27);
  assert.equal(c1.r(H + 0x100n) >>> 28 & 3, 2);
  assert.equal(c1.r(V + 0x14n), 0x50);
  assert.equal(c1.r(V + 0xd0n), 1 << (0x50 >> 3));
  assert.equal(line(1, 'virq'), false, '0x80 does not preempt 0x50');
  c1.w(V + 0x10n, 27);
  assert.equal(c1.r(D + 0x300n) & (1 << 27), 0, 'the physical interrupt was deactivated through the LR');
  assert.equal(line(1, 'virq'), true);
  assert.equal(c1.r(V + 0x0cn), 40);
  assert.equal(line(1, 'irq'), false);
  c1.w(V + 0x10n, 40);
  assert.equal(c1.r(H + 0x20n), 2); // EISR: LR1 asks for maintenance
  assert.equal(c1.r(H + 0x10n) & 1, 1); // MISR.EOI
  assert.equal(line(1, 'irq'), true, 'maintenance PPI 9 (INTID 25) is signalled');
  assert.equal(c1.r(C + 0x0cn), 25);
  c1.w(H + 0x104n, 0);
  c1.w(C + 0x10n, 25);
  assert.equal(line(1, 'irq'), false);
  c1.w(V + 0x10n, 99); // no LR holds it: EOICount
  assert.equal(c1.r(H) >>> 27, 1);
});

test('save/restore round trip', () => {
  const a = enabled(2, true);
  a.on(0).w(D + 0xf00n, (2 << 24) | 3);
  a.on(0).wb(D + 0x400n + 40n, 0x30);
  a.on(1).w(H + 0x100n, (1 << 28) | 50);
  const snap = JSON.parse(JSON.stringify(a.gic.save()));
  const b = board(2, true);
  b.gic.restore(snap);
  assert.equal(b.line(0, 'irq'), true);
  assert.equal(b.on(0).rb(D + 0x400n + 40n), 0x30);
  assert.equal(b.on(1).r(H + 0x100n), (1 << 28) | 50);
  assert.equal(b.on(0).r(C + 0x0cn), 3);
  b.gic.reset();
  assert.equal(b.on(0).r(D), 0);
});

test('GICv2m frame: MSI_TYPER, and an MSI write pends its SPI as an edge', () => {
  const { gic, on, line, map } = enabled(1);
  const v2m = new GicV2m((spi) => { gic.setSpi(spi, true); gic.setSpi(spi, false); });
  map.attach(0x08020000n, 0x1000n, v2m);
  const c = on(0);
  assert.equal(c.r(0x08020008n), (80 << 16) | 64);
  assert.equal(c.r(0x08020fccn) >>> 20, 0x51);
  c.w(D + 0xc14n, 2 << 2); // INTID 81 edge-triggered
  c.w(D + 0x108n, 1 << 17);
  c.w(0x08020040n, 81);
  assert.equal(line(0, 'irq'), true);
  assert.equal(c.r(C + 0x0cn), 81);
  c.w(0x08020040n, 200); // outside the frame's SPIs: ignored
  c.w(C + 0x10n, 81);
  assert.equal(line(0, 'irq'), false);
});
