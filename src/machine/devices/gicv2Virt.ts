// The GICv2 virtualization extension (IHI 0048B chapter 5): the hypervisor control interface GICH (HCR, VTR, VMCR,
// MISR, EISR, ELRSR, APR, LR0-3) and the virtual CPU interface GICV that a guest sees, driven by the list registers.
// Like QEMU: 4 list registers, 5 priority and preemption bits, maintenance interrupt on PPI 9.
import type { Device } from '../bus';
import { ctz32, frameDevice } from './gic';
import type { GicV2 } from './gicv2';

const NUM_LRS = 4;
/** GICH_VTR: ListRegs = 3, PREbits = PRIbits = 5 (encoded minus one). */
export const GICH_VTR = (NUM_LRS - 1) | (4 << 26) | (4 << 29);
/** GICH_LR fields. */
const LR_HW = 1 << 31, LR_GRP1 = 1 << 30, LR_STATE_SHIFT = 28, LR_PENDING = 1, LR_ACTIVE = 2, LR_EOI = 1 << 19;
const lrState = (lr: number): number => (lr >>> LR_STATE_SHIFT) & 3;
const lrPriority = (lr: number): number => ((lr >>> 23) & 0x1f) << 3;
const lrVirtualId = (lr: number): number => lr & 0x3ff;
const lrPhysicalId = (lr: number): number => (lr >>> 10) & 0x3ff;
/** GICH_HCR bits. */
const HCR_EN = 1 << 0, HCR_UIE = 1 << 1, HCR_LRENPIE = 1 << 2, HCR_NPIE = 1 << 3, HCR_VGRP0EIE = 1 << 4,
  HCR_VGRP0DIE = 1 << 5, HCR_VGRP1EIE = 1 << 6, HCR_VGRP1DIE = 1 << 7;
/** GICH_VMCR: the virtual CPU interface's CTLR bits [9:0], ABPR [20:18], BPR [23:21], PMR [31:27]. */
const VMCR_GRP0EN = 1 << 0, VMCR_GRP1EN = 1 << 1, VMCR_ACKCTL = 1 << 2, VMCR_FIQEN = 1 << 3, VMCR_CBPR = 1 << 4,
  VMCR_EOIMODE = 1 << 9;
const GICV_IIDR = 0x0002043b;

interface VirtState { hcr: number[]; vmcr: number[]; apr: number[]; lr: number[][] }

export class GicV2Virt {
  private s!: VirtState;

  constructor(private readonly gic: GicV2) {}

  reset(): void {
    const n = this.gic.cpus;
    // GICH_VMCR resets to the minimum binary points of 5 priority bits (VMBP 2, VMABP 3), as QEMU.
    this.s = { hcr: new Array(n).fill(0), vmcr: new Array(n).fill((2 << 21) | (3 << 18)), apr: new Array(n).fill(0),
      lr: Array.from({ length: n }, () => new Array(NUM_LRS).fill(0)) };
  }

  save(): unknown { return structuredClone(this.s); }
  restore(state: unknown): void { this.s = structuredClone(state as VirtState); }

  frames(): { base: bigint; size: bigint; device: Device }[] {
    return [
      { base: 0x30000n, size: 0x10000n, device: frameDevice('gich', undefined, (o) => this.hypRead(this.gic.currentCpu, o), (o, _z, v) => this.hypWrite(this.gic.currentCpu, o, Number(v & 0xffffffffn))) },
      { base: 0x40000n, size: 0x10000n, device: frameDevice('gicv', undefined, (o) => this.vcpuRead(this.gic.currentCpu, o), (o, _z, v) => this.vcpuWrite(this.gic.currentCpu, o, Number(v & 0xffffffffn))) },
    ];
  }

  // ---- GICH ----

  private eisr(cpu: number): number {
    let v = 0;
    this.s.lr[cpu].forEach((lr, i) => { if (lrState(lr) === 0 && !(lr & LR_HW) && lr & LR_EOI) v |= 1 << i; });
    return v;
  }

  private elrsr(cpu: number): number {
    let v = 0;
    this.s.lr[cpu].forEach((lr, i) => { if (lrState(lr) === 0 && (lr & LR_HW || !(lr & LR_EOI))) v |= 1 << i; });
    return v;
  }

  misr(cpu: number): number {
    const hcr = this.s.hcr[cpu], vmcr = this.s.vmcr[cpu], lrs = this.s.lr[cpu];
    const valid = lrs.filter((lr) => lrState(lr) !== 0).length;
    let v = 0;
    if (this.eisr(cpu)) v |= 1 << 0;
    if (hcr & HCR_UIE && valid <= 1) v |= 1 << 1;
    if (hcr & HCR_LRENPIE && hcr >>> 27) v |= 1 << 2;
    if (hcr & HCR_NPIE && !lrs.some((lr) => lrState(lr) === LR_PENDING)) v |= 1 << 3;
    if (hcr & HCR_VGRP0EIE && vmcr & VMCR_GRP0EN) v |= 1 << 4;
    if (hcr & HCR_VGRP0DIE && !(vmcr & VMCR_GRP0EN)) v |= 1 << 5;
    if (hcr & HCR_VGRP1EIE && vmcr & VMCR_GRP1EN) v |= 1 << 6;
    if (hcr & HCR_VGRP1DIE && !(vmcr & VMCR_GRP1EN)) v |= 1 << 7;
    return v;
  }

  hypRead(cpu: number, offset: number): bigint | undefined {
    const s = this.s;
    switch (offset) {
      case 0x00: return BigInt(s.hcr[cpu] >>> 0);
      case 0x04: return BigInt(GICH_VTR >>> 0);
      case 0x08: return BigInt(s.vmcr[cpu] >>> 0);
      case 0x10: return BigInt(this.misr(cpu));
      case 0x20: return BigInt(this.eisr(cpu));
      case 0x24: case 0x34: return 0n;
      case 0x30: return BigInt(this.elrsr(cpu));
      case 0xf0: return BigInt(s.apr[cpu] >>> 0);
      default:
        if (offset >= 0x100 && offset < 0x100 + 4 * NUM_LRS) return BigInt(s.lr[cpu][(offset - 0x100) >> 2] >>> 0);
        return offset >= 0x100 && offset < 0x200 ? 0n : undefined;
    }
  }

  hypWrite(cpu: number, offset: number, v: number): boolean {
    const s = this.s;
    if (offset === 0x00) s.hcr[cpu] = v & 0xf80000ff;
    else if (offset === 0x08) s.vmcr[cpu] = v & 0xf8fc021f;
    else if (offset === 0xf0) s.apr[cpu] = v;
    else if (offset >= 0x100 && offset < 0x100 + 4 * NUM_LRS) s.lr[cpu][(offset - 0x100) >> 2] = (v & 0xff8fffff) >>> 0;
    else if (![0x04, 0x10, 0x20, 0x24, 0x30, 0x34].includes(offset) && !(offset >= 0x100 && offset < 0x200)) return false;
    this.gic.update();
    return true;
  }

  // ---- the virtual CPU interface ----

  private groupPriority(cpu: number, lr: number): number {
    const vmcr = this.s.vmcr[cpu];
    const bpr = lr & LR_GRP1 && !(vmcr & VMCR_CBPR) ? ((vmcr >>> 18) & 7) - 1 : (vmcr >>> 21) & 7;
    return lrPriority(lr) & ((0xff << ((Math.max(bpr, 2) & 7) + 1)) & 0xff);
  }

  private runningPriority(cpu: number): number {
    const apr = this.s.apr[cpu];
    return apr ? ctz32(apr) << 3 : 0x100;
  }

  /** The list register a virtual IAR would return: pending, of an enabled group, beating VMPriMask. */
  private best(cpu: number): number | undefined {
    const vmcr = this.s.vmcr[cpu];
    const pmr = ((vmcr >>> 27) & 0x1f) << 3;
    let best: number | undefined;
    this.s.lr[cpu].forEach((lr, i) => {
      if (lrState(lr) !== LR_PENDING || !(vmcr & (lr & LR_GRP1 ? VMCR_GRP1EN : VMCR_GRP0EN))) return;
      if (lrPriority(lr) >= pmr) return;
      if (best === undefined || lrPriority(lr) < lrPriority(this.s.lr[cpu][best])) best = i;
    });
    return best;
  }

  /** The maintenance interrupt: GICH_HCR.En and a maintenance condition in GICH_MISR. */
  maintenance(cpu: number): boolean { return (this.s.hcr[cpu] & HCR_EN) !== 0 && this.misr(cpu) !== 0; }

  /** The vIRQ/vFIQ levels for the GIC's update(). */
  lines(cpu: number): [boolean, boolean] {
    const en = (this.s.hcr[cpu] & HCR_EN) !== 0;
    const i = this.best(cpu);
    if (!en || i === undefined) return [false, false];
    const lr = this.s.lr[cpu][i];
    if (this.groupPriority(cpu, lr) >= this.runningPriority(cpu)) return [false, false];
    const fiq = !(lr & LR_GRP1) && (this.s.vmcr[cpu] & VMCR_FIQEN) !== 0;
    return [!fiq, fiq];
  }

  private vcpuRead(cpu: number, offset: number): bigint | undefined {
    const vmcr = this.s.vmcr[cpu];
    switch (offset) {
      case 0x00: return BigInt(vmcr & 0x21f);
      case 0x04: return BigInt(((vmcr >>> 27) & 0x1f) << 3);
      case 0x08: return BigInt((vmcr >>> 21) & 7);
      case 0x0c: return BigInt(this.acknowledge(cpu));
      case 0x14: return BigInt(Math.min(this.runningPriority(cpu), 0xff));
      case 0x18: case 0x28: {
        const i = this.best(cpu);
        return BigInt(i === undefined ? 1023 : this.encodeId(this.s.lr[cpu][i]));
      }
      case 0x1c: return BigInt((vmcr >>> 18) & 7);
      case 0x20: return BigInt(this.acknowledge(cpu));
      case 0xd0: return BigInt(this.s.apr[cpu] >>> 0);
      case 0xfc: return BigInt(GICV_IIDR);
      default: return [0x10, 0x24, 0x1000, 0xd4, 0xd8, 0xdc, 0xe0, 0xe4, 0xe8, 0xec].includes(offset) ? 0n : undefined;
    }
  }

  private vcpuWrite(cpu: number, offset: number, v: number): boolean {
    const s = this.s;
    const setVmcr = (mask: number, bits: number): void => { s.vmcr[cpu] = ((s.vmcr[cpu] & ~mask) | (bits & mask)) >>> 0; };
    switch (offset) {
      case 0x00: setVmcr(0x21f, v); break;
      case 0x04: setVmcr(0xf8000000, (v >>> 3) << 27); break;
      case 0x08: setVmcr(7 << 21, (v & 7) << 21); break;
      case 0x1c: setVmcr(7 << 18, (v & 7) << 18); break;
      case 0x10: case 0x24: this.endOfInterrupt(cpu, v & 0x3ff); break;
      case 0x1000: this.deactivate(cpu, v & 0x3ff); break;
      case 0xd0: s.apr[cpu] = v; break;
      default: if (![0x0c, 0x14, 0x18, 0x20, 0x28, 0xfc, 0xd4, 0xd8, 0xdc, 0xe0, 0xe4, 0xe8, 0xec].includes(offset)) return false;
    }
    this.gic.update();
    return true;
  }

  /** A software SGI carries its source CPU in LR bits [12:10]. */
  private encodeId(lr: number): number {
    const id = lrVirtualId(lr);
    return !(lr & LR_HW) && id < 16 ? id | (lr & 0x1c00) : id;
  }

  private acknowledge(cpu: number): number {
    if (!(this.s.hcr[cpu] & HCR_EN)) return 1023;
    const i = this.best(cpu);
    if (i === undefined) return 1023;
    const lr = this.s.lr[cpu][i];
    if (this.groupPriority(cpu, lr) >= this.runningPriority(cpu)) return 1023;
    if (lr & LR_GRP1 && !(this.s.vmcr[cpu] & VMCR_ACKCTL)) return 1022;
    this.s.lr[cpu][i] = (lr & ~(3 << LR_STATE_SHIFT)) | (LR_ACTIVE << LR_STATE_SHIFT);
    this.s.apr[cpu] |= 1 << (this.groupPriority(cpu, lr) >> 3);
    this.gic.update();
    return this.encodeId(lr);
  }

  private endOfInterrupt(cpu: number, id: number): void {
    const apr = this.s.apr[cpu];
    if (apr) this.s.apr[cpu] = apr & (apr - 1);
    if (!(this.s.vmcr[cpu] & VMCR_EOIMODE)) this.deactivate(cpu, id);
  }

  private deactivate(cpu: number, id: number): void {
    const lrs = this.s.lr[cpu];
    const i = lrs.findIndex((lr) => lrVirtualId(lr) === id && (lrState(lr) & LR_ACTIVE) !== 0);
    if (i < 0) {
      // No list register holds it: counted for the hypervisor (GICH_HCR.EOICount, LRENP maintenance).
      if (id < 1020) this.s.hcr[cpu] = ((this.s.hcr[cpu] & 0x07ffffff) | ((((this.s.hcr[cpu] >>> 27) + 1) & 0x1f) << 27)) >>> 0;
      return;
    }
    const lr = lrs[i];
    lrs[i] = (lr & ~(LR_ACTIVE << LR_STATE_SHIFT)) >>> 0;
    if (lr & LR_HW) this.gic.deactivate(cpu, lrPhysicalId(lr));
  }
}
