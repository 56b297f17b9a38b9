// GICv3 CPU interfaces as system registers: ICC_* (the physical interface of each CPU), ICH_* (the hypervisor's
// list registers and controls) and ICV_* (the virtual interface they drive, reached through the ICC_* names when
// HCR_EL2.IMO/FMO route an EL1 access to it). 5 priority and preemption bits, physical and virtual; 4 list registers.
//
// Binding (lead): sysregRead(cpu, name, virtual) returns undefined for a name this GIC does not implement (the core
// then treats the access as UNDEFINED); sysregWrite returns false in that case. ICC_SRE_ELx read as enabled.
import type { GicV3 } from './gicv3';
import { ctz32 } from './gic';

export const INTID_SPURIOUS = 1023;
const NUM_LRS = 4;
/** ICH_VTR_EL2 as QEMU reports it: ListRegs 3, TDS, nV4 (no direct injection), A3V, IDbits 24, PREbits = PRIbits = 5. */
export const ICH_VTR = (NUM_LRS - 1) | (1 << 19) | (1 << 20) | (1 << 21) | (1 << 23) | (4 << 26) | (4 << 29);
/** ICC_CTLR_EL1 and ICV_CTLR_EL1 read-only fields: PRIbits 5, IDbits 24, A3V. */
const ICC_CTLR_RO = (4 << 8) | (1 << 11) | (1 << 15);
const ICV_CTLR_RO = ICC_CTLR_RO;
/** The group-priority bits a binary point can select with 5 priority bits: BPR0 >= 2, BPR1 >= 3. */
const MIN_BPR0 = 2, MIN_BPR1 = 3;
const CTLR_CBPR = 1 << 0, CTLR_EOIMODE = 1 << 1;
const HCR_EN = 1 << 0, HCR_UIE = 1 << 1, HCR_LRENPIE = 1 << 2, HCR_NPIE = 1 << 3, HCR_VGRP0EIE = 1 << 4,
  HCR_VGRP0DIE = 1 << 5, HCR_VGRP1EIE = 1 << 6, HCR_VGRP1DIE = 1 << 7;
/** ICH_VMCR_EL2: VENG0 [0], VENG1 [1], VAckCtl [2], VFIQEn [3], VCBPR [4], VEOIM [9], VBPR1 [20:18], VBPR0 [23:21], VPMR [31:24]. */
const VMCR_VENG0 = 1 << 0, VMCR_VENG1 = 1 << 1, VMCR_VFIQEN = 1 << 3, VMCR_VCBPR = 1 << 4, VMCR_VEOIM = 1 << 9;
/** Writable VMCR bits: VAckCtl is RES0 with the system-register interface, VFIQEn RES1. */
const VMCR_MASK = 0xfffc0213;
/** Reset: VBPR0 2, VBPR1 3 (their minimum), VFIQEn RES1 with the system-register interface. */
const VMCR_RESET = (MIN_BPR0 << 21) | (MIN_BPR1 << 18) | VMCR_VFIQEN;
/** ICH_LR<n>_EL2 high word: State [63:62], HW [61], Group [60], Priority [55:48], pINTID [44:32] / EOI [41]. */
const LR_PENDING = 1, LR_ACTIVE = 2;

export interface IccState {
  pmr: number; bpr0: number; bpr1: number; ctlr: number; igrpen0: boolean; igrpen1: boolean; ap0r: number[]; ap1r: number[];
  hcr: number; vmcr: number; vap0r: number; vap1r: number; lrLo: number[]; lrHi: number[];
}

interface Lr { state: number; hw: boolean; group1: boolean; prio: number; pintid: number; eoi: boolean; vintid: number }

export class GicV3CpuIf {
  constructor(private readonly gic: GicV3) {}

  static resetState(): IccState {
    return { pmr: 0, bpr0: MIN_BPR0, bpr1: MIN_BPR1, ctlr: 0, igrpen0: false, igrpen1: false, ap0r: [0, 0, 0, 0], ap1r: [0, 0, 0, 0],
      hcr: 0, vmcr: VMCR_RESET, vap0r: 0, vap1r: 0, lrLo: new Array(NUM_LRS).fill(0), lrHi: new Array(NUM_LRS).fill(0) };
  }

  private st(cpu: number): IccState { return this.gic.s.icc[cpu]; }

  // ---- physical ----

  private groupPriority(c: IccState, prio: number, group1: boolean): number {
    const bpr = group1 ? (c.ctlr & CTLR_CBPR ? c.bpr0 : c.bpr1 - 1) : c.bpr0;
    return prio & ((0xff << ((bpr & 7) + 1)) & 0xff);
  }

  /** One active-priority bit per preemption level (priority >> 3): only ICC_AP0R0/AP1R0 hold any. */
  runningPriority(cpu: number): number {
    const c = this.st(cpu);
    const bits = c.ap0r[0] | c.ap1r[0];
    return bits ? ctz32(bits) << 3 : 0x100;
  }

  /** The best pending interrupt if it may be taken now (PMR, group enable, preemption). */
  private canPreempt(cpu: number): { id: number; prio: number; group1: boolean } | undefined {
    const c = this.st(cpu);
    const best = this.gic.bestPending(cpu);
    if (!best || best.prio >= c.pmr || !(best.group1 ? c.igrpen1 : c.igrpen0)) return undefined;
    return this.groupPriority(c, best.prio, best.group1) < this.runningPriority(cpu) ? best : undefined;
  }

  private acknowledge(cpu: number, group1: boolean): number {
    const best = this.canPreempt(cpu);
    if (!best || best.group1 !== group1) return INTID_SPURIOUS;
    const s = this.gic.s, c = this.st(cpu);
    const k = this.gic.key(cpu, best.id);
    s.latch[k] = false;
    s.active[k] = true;
    (group1 ? c.ap1r : c.ap0r)[0] |= 1 << (this.groupPriority(c, best.prio, group1) >> 3);
    this.gic.update();
    return best.id;
  }

  private endOfInterrupt(cpu: number, id: number): void {
    const c = this.st(cpu);
    const bits = c.ap0r[0] | c.ap1r[0];
    if (bits) {
      const low = bits & -bits;
      if (c.ap0r[0] & low) c.ap0r[0] &= ~low; else c.ap1r[0] &= ~low;
    }
    if (!(c.ctlr & CTLR_EOIMODE)) this.deactivate(cpu, id);
    this.gic.update();
  }

  deactivate(cpu: number, id: number): void {
    if (id >= this.gic.numIrq) return;
    this.gic.s.active[this.gic.key(cpu, id)] = false;
    this.gic.update();
  }

  /** ICC_SGI0R/SGI1R: TargetList [15:0], Aff1 [23:16], INTID [27:24], Aff2 [39:32], IRM [40], RS [47:44]. */
  private generateSgi(cpu: number, v: bigint, group1: boolean): void {
    const id = Number((v >> 24n) & 0xfn);
    const irm = ((v >> 40n) & 1n) === 1n;
    const aff21 = Number(((v >> 32n) & 0xffn) << 16n | ((v >> 16n) & 0xffn) << 8n);
    const rs = Number((v >> 44n) & 0xfn);
    const list = Number(v & 0xffffn);
    for (let t = 0; t < this.gic.cpus; t++) {
      const aff = this.gic.affinity(t);
      const hit = irm ? t !== cpu : (aff & 0xffff00) === aff21 && (aff & 0xf0) === rs << 4 && ((list >> (aff & 0xf)) & 1) === 1;
      const k = this.gic.key(t, id);
      if (hit && this.gic.s.group[k] === group1) this.gic.s.latch[k] = true;
    }
    this.gic.update();
  }

  // ---- virtual ----

  private lr(c: IccState, i: number): Lr {
    const hi = c.lrHi[i];
    return { state: hi >>> 30, hw: ((hi >>> 29) & 1) === 1, group1: ((hi >>> 28) & 1) === 1, prio: (hi >>> 16) & 0xf8,
      pintid: hi & 0x1fff, eoi: ((hi >>> 9) & 1) === 1, vintid: c.lrLo[i] >>> 0 };
  }

  private setLrState(c: IccState, i: number, state: number): void { c.lrHi[i] = ((c.lrHi[i] & 0x3fffffff) | (state << 30)) >>> 0; }

  private vGroupPriority(c: IccState, prio: number, group1: boolean): number {
    const bpr0 = Math.max((c.vmcr >>> 21) & 7, MIN_BPR0);
    const bpr = group1 ? (c.vmcr & VMCR_VCBPR ? bpr0 : Math.max((c.vmcr >>> 18) & 7, MIN_BPR1) - 1) : bpr0;
    return prio & ((0xff << ((bpr & 7) + 1)) & 0xff);
  }

  private vRunningPriority(c: IccState): number {
    const bits = c.vap0r | c.vap1r;
    return bits ? ctz32(bits) << 3 : 0x100;
  }

  /** The pending list register of highest priority (lowest index on ties), ignoring VPMR. */
  private vBest(c: IccState): number | undefined {
    let best: number | undefined;
    for (let i = 0; i < NUM_LRS; i++) {
      const l = this.lr(c, i);
      if (l.state !== LR_PENDING || !(c.vmcr & (l.group1 ? VMCR_VENG1 : VMCR_VENG0))) continue;
      if (best === undefined || l.prio < this.lr(c, best).prio) best = i;
    }
    return best;
  }

  private vCanPreempt(c: IccState): number | undefined {
    if (!(c.hcr & HCR_EN)) return undefined;
    const i = this.vBest(c);
    if (i === undefined) return undefined;
    const l = this.lr(c, i);
    if (l.prio >= (c.vmcr >>> 24)) return undefined;
    return this.vGroupPriority(c, l.prio, l.group1) < this.vRunningPriority(c) ? i : undefined;
  }

  private vAcknowledge(cpu: number, group1: boolean): number {
    const c = this.st(cpu);
    const i = this.vCanPreempt(c);
    if (i === undefined) return INTID_SPURIOUS;
    const l = this.lr(c, i);
    if (l.group1 !== group1) return INTID_SPURIOUS;
    this.setLrState(c, i, LR_ACTIVE);
    const bit = 1 << (this.vGroupPriority(c, l.prio, group1) >> 3);
    if (group1) c.vap1r |= bit; else c.vap0r |= bit;
    this.gic.update();
    return l.vintid;
  }

  private vEndOfInterrupt(cpu: number, id: number): void {
    const c = this.st(cpu);
    const bits = c.vap0r | c.vap1r;
    if (bits) {
      const low = bits & -bits;
      if (c.vap0r & low) c.vap0r &= ~low; else c.vap1r &= ~low;
    }
    if (!(c.vmcr & VMCR_VEOIM)) this.vDeactivate(cpu, id);
    this.gic.update();
  }

  private vDeactivate(cpu: number, id: number): void {
    const c = this.st(cpu);
    for (let i = 0; i < NUM_LRS; i++) {
      const l = this.lr(c, i);
      if (l.vintid !== id || !(l.state & LR_ACTIVE)) continue;
      this.setLrState(c, i, l.state & ~LR_ACTIVE);
      if (l.hw) this.deactivate(cpu, l.pintid);
      this.gic.update();
      return;
    }
    // Not in a list register: counted in ICH_HCR_EL2.EOIcount for the hypervisor.
    if (id < 1020) c.hcr = ((c.hcr & 0x07ffffff) | ((((c.hcr >>> 27) + 1) & 0x1f) << 27)) >>> 0;
    this.gic.update();
  }

  private eisr(c: IccState): number {
    let v = 0;
    for (let i = 0; i < NUM_LRS; i++) { const l = this.lr(c, i); if (l.state === 0 && !l.hw && l.eoi) v |= 1 << i; }
    return v;
  }

  private elrsr(c: IccState): number {
    let v = 0;
    for (let i = 0; i < NUM_LRS; i++) { const l = this.lr(c, i); if (l.state === 0 && (l.hw || !l.eoi)) v |= 1 << i; }
    return v;
  }

  private misr(c: IccState): number {
    const states = Array.from({ length: NUM_LRS }, (_, i) => this.lr(c, i).state);
    let v = 0;
    if (this.eisr(c)) v |= 1 << 0;
    if (c.hcr & HCR_UIE && states.filter((s) => s !== 0).length <= 1) v |= 1 << 1;
    if (c.hcr & HCR_LRENPIE && c.hcr >>> 27) v |= 1 << 2;
    if (c.hcr & HCR_NPIE && !states.includes(LR_PENDING)) v |= 1 << 3;
    if (c.hcr & HCR_VGRP0EIE && c.vmcr & VMCR_VENG0) v |= 1 << 4;
    if (c.hcr & HCR_VGRP0DIE && !(c.vmcr & VMCR_VENG0)) v |= 1 << 5;
    if (c.hcr & HCR_VGRP1EIE && c.vmcr & VMCR_VENG1) v |= 1 << 6;
    if (c.hcr & HCR_VGRP1DIE && !(c.vmcr & VMCR_VENG1)) v |= 1 << 7;
    return v;
  }

  maintenance(cpu: number): boolean {
    const c = this.st(cpu);
    return (c.hcr & HCR_EN) !== 0 && this.misr(c) !== 0;
  }

  /** [irq, fiq, virq, vfiq]: group 1 is IRQ and group 0 FIQ (GICD_CTLR.DS = 1). */
  lines(cpu: number): boolean[] {
    const p = this.canPreempt(cpu);
    const c = this.st(cpu);
    const v = this.vCanPreempt(c);
    const vGroup1 = v !== undefined && this.lr(c, v).group1;
    return [p?.group1 === true, p !== undefined && !p.group1, v !== undefined && vGroup1, v !== undefined && !vGroup1];
  }

  // ---- the system-register interface ----

  sysregRead(cpu: number, name: string, virtual = false): bigint | undefined {
    const c = this.st(cpu);
    if (virtual && name.startsWith('ICC_') && name.endsWith('_EL1') && !name.startsWith('ICC_SRE')) return this.icvRead(cpu, c, name);
    const lrMatch = /^ICH_LR(\d+)_EL2$/.exec(name);
    if (lrMatch) {
      const i = Number(lrMatch[1]);
      return i < NUM_LRS ? (BigInt(c.lrHi[i] >>> 0) << 32n) | BigInt(c.lrLo[i] >>> 0) : undefined;
    }
    const ap = /^IC([CH])_AP([01])R([0-3])_EL([12])$/.exec(name);
    if (ap) {
      const n = Number(ap[3]);
      if (n !== 0) return 0n; // 5 preemption bits: only register 0 holds levels
      return BigInt((ap[1] === 'C' ? (ap[2] === '0' ? c.ap0r : c.ap1r)[0] : ap[2] === '0' ? c.vap0r : c.vap1r) >>> 0);
    }
    switch (name) {
      case 'ICC_PMR_EL1': return BigInt(c.pmr);
      case 'ICC_BPR0_EL1': return BigInt(c.bpr0);
      case 'ICC_BPR1_EL1': return BigInt(c.ctlr & CTLR_CBPR ? Math.min(c.bpr0 + 1, 7) : c.bpr1);
      case 'ICC_CTLR_EL1': return BigInt(c.ctlr | ICC_CTLR_RO);
      case 'ICC_IGRPEN0_EL1': return c.igrpen0 ? 1n : 0n;
      case 'ICC_IGRPEN1_EL1': return c.igrpen1 ? 1n : 0n;
      case 'ICC_IGRPEN1_EL3': return c.igrpen1 ? 3n : 0n;
      case 'ICC_IAR0_EL1': return BigInt(this.acknowledge(cpu, false));
      case 'ICC_IAR1_EL1': return BigInt(this.acknowledge(cpu, true));
      case 'ICC_HPPIR0_EL1': case 'ICC_HPPIR1_EL1': {
        const best = this.gic.bestPending(cpu);
        return BigInt(best && best.group1 === (name === 'ICC_HPPIR1_EL1') ? best.id : INTID_SPURIOUS);
      }
      case 'ICC_RPR_EL1': return BigInt(Math.min(this.runningPriority(cpu), 0xff));
      case 'ICC_SRE_EL1': return 0x7n;
      case 'ICC_SRE_EL2': case 'ICC_SRE_EL3': return 0xfn;
      case 'ICC_EOIR0_EL1': case 'ICC_EOIR1_EL1': case 'ICC_DIR_EL1': case 'ICC_SGI0R_EL1': case 'ICC_SGI1R_EL1': case 'ICC_ASGI1R_EL1':
        return 0n;
      case 'ICH_HCR_EL2': return BigInt(c.hcr >>> 0);
      case 'ICH_VTR_EL2': return BigInt(ICH_VTR >>> 0);
      case 'ICH_VMCR_EL2': return BigInt(c.vmcr >>> 0);
      case 'ICH_MISR_EL2': return BigInt(this.misr(c));
      case 'ICH_EISR_EL2': return BigInt(this.eisr(c));
      case 'ICH_ELRSR_EL2': return BigInt(this.elrsr(c));
      default: return undefined;
    }
  }

  sysregWrite(cpu: number, name: string, value: bigint, virtual = false): boolean {
    const c = this.st(cpu);
    const v = Number(value & 0xffffffffn);
    if (virtual && name.startsWith('ICC_') && name.endsWith('_EL1') && !name.startsWith('ICC_SRE')) return this.icvWrite(cpu, c, name, value);
    const lrMatch = /^ICH_LR(\d+)_EL2$/.exec(name);
    if (lrMatch) {
      const i = Number(lrMatch[1]);
      if (i >= NUM_LRS) return false;
      c.lrLo[i] = v >>> 0;
      c.lrHi[i] = Number((value >> 32n) & 0xfff8ffffn) >>> 0; // Priority [50:48] RES0 with 5 priority bits
      this.gic.update();
      return true;
    }
    const ap = /^IC([CH])_AP([01])R([0-3])_EL([12])$/.exec(name);
    if (ap) {
      const n = Number(ap[3]);
      if (n === 0 && ap[1] === 'C') (ap[2] === '0' ? c.ap0r : c.ap1r)[0] = v;
      else if (n === 0) { if (ap[2] === '0') c.vap0r = v; else c.vap1r = v; }
      this.gic.update();
      return true;
    }
    switch (name) {
      case 'ICC_PMR_EL1': c.pmr = v & 0xf8; break;
      case 'ICC_BPR0_EL1': c.bpr0 = Math.max(v & 7, MIN_BPR0); break;
      case 'ICC_BPR1_EL1': if (!(c.ctlr & CTLR_CBPR)) c.bpr1 = Math.max(v & 7, MIN_BPR1); break;
      case 'ICC_CTLR_EL1': c.ctlr = v & (CTLR_CBPR | CTLR_EOIMODE); break;
      case 'ICC_IGRPEN0_EL1': c.igrpen0 = (v & 1) === 1; break;
      case 'ICC_IGRPEN1_EL1': c.igrpen1 = (v & 1) === 1; break;
      case 'ICC_IGRPEN1_EL3': c.igrpen1 = (v & 1) === 1; break;
      case 'ICC_EOIR0_EL1': case 'ICC_EOIR1_EL1': this.endOfInterrupt(cpu, v & 0xffffff); break;
      case 'ICC_DIR_EL1': this.deactivate(cpu, v & 0xffffff); break;
      case 'ICC_SGI1R_EL1': this.generateSgi(cpu, value, true); break;
      case 'ICC_SGI0R_EL1': case 'ICC_ASGI1R_EL1': this.generateSgi(cpu, value, false); break;
      case 'ICC_SRE_EL1': case 'ICC_SRE_EL2': case 'ICC_SRE_EL3': break; // system-register interface always on
      case 'ICC_IAR0_EL1': case 'ICC_IAR1_EL1': case 'ICC_HPPIR0_EL1': case 'ICC_HPPIR1_EL1': case 'ICC_RPR_EL1': break;
      case 'ICH_HCR_EL2': c.hcr = (v & 0xf8007cff) >>> 0; break;
      case 'ICH_VMCR_EL2': c.vmcr = ((v & VMCR_MASK) | VMCR_VFIQEN) >>> 0; break;
      case 'ICH_VTR_EL2': case 'ICH_MISR_EL2': case 'ICH_EISR_EL2': case 'ICH_ELRSR_EL2': break;
      default: return false;
    }
    this.gic.update();
    return true;
  }

  private icvRead(cpu: number, c: IccState, name: string): bigint | undefined {
    switch (name) {
      case 'ICC_PMR_EL1': return BigInt(c.vmcr >>> 24);
      case 'ICC_BPR0_EL1': return BigInt(Math.max((c.vmcr >>> 21) & 7, MIN_BPR0));
      case 'ICC_BPR1_EL1': return BigInt(c.vmcr & VMCR_VCBPR ? Math.min(Math.max((c.vmcr >>> 21) & 7, MIN_BPR0) + 1, 7) : Math.max((c.vmcr >>> 18) & 7, MIN_BPR1));
      case 'ICC_CTLR_EL1': return BigInt(ICV_CTLR_RO | (c.vmcr & VMCR_VCBPR ? CTLR_CBPR : 0) | (c.vmcr & VMCR_VEOIM ? CTLR_EOIMODE : 0));
      case 'ICC_IGRPEN0_EL1': return BigInt(c.vmcr & VMCR_VENG0);
      case 'ICC_IGRPEN1_EL1': return BigInt((c.vmcr & VMCR_VENG1) >> 1);
      case 'ICC_IAR0_EL1': return BigInt(this.vAcknowledge(cpu, false));
      case 'ICC_IAR1_EL1': return BigInt(this.vAcknowledge(cpu, true));
      case 'ICC_HPPIR0_EL1': case 'ICC_HPPIR1_EL1': {
        const i = this.vBest(c);
        const l = i === undefined ? undefined : this.lr(c, i);
        return BigInt(l && l.group1 === (name === 'ICC_HPPIR1_EL1') ? l.vintid : INTID_SPURIOUS);
      }
      case 'ICC_RPR_EL1': return BigInt(Math.min(this.vRunningPriority(c), 0xff));
      case 'ICC_AP0R0_EL1': return BigInt(c.vap0r >>> 0);
      case 'ICC_AP1R0_EL1': return BigInt(c.vap1r >>> 0);
      default: return /^ICC_AP[01]R[1-3]_EL1$/.test(name) ? 0n : this.sysregRead(cpu, name, false);
    }
  }

  private icvWrite(cpu: number, c: IccState, name: string, value: bigint): boolean {
    const v = Number(value & 0xffffffffn);
    const setVmcr = (mask: number, bits: number): void => { c.vmcr = ((c.vmcr & ~mask) | (bits & mask)) >>> 0; };
    switch (name) {
      case 'ICC_PMR_EL1': setVmcr(0xff000000, (v & 0xf8) << 24); break;
      case 'ICC_BPR0_EL1': setVmcr(7 << 21, Math.max(v & 7, MIN_BPR0) << 21); break;
      case 'ICC_BPR1_EL1': if (!(c.vmcr & VMCR_VCBPR)) setVmcr(7 << 18, Math.max(v & 7, MIN_BPR1) << 18); break;
      case 'ICC_CTLR_EL1': setVmcr(VMCR_VCBPR | VMCR_VEOIM, (v & CTLR_CBPR ? VMCR_VCBPR : 0) | (v & CTLR_EOIMODE ? VMCR_VEOIM : 0)); break;
      case 'ICC_IGRPEN0_EL1': setVmcr(VMCR_VENG0, v & 1); break;
      case 'ICC_IGRPEN1_EL1': setVmcr(VMCR_VENG1, (v & 1) << 1); break;
      case 'ICC_EOIR0_EL1': case 'ICC_EOIR1_EL1': this.vEndOfInterrupt(cpu, v & 0xffffff); return true;
      case 'ICC_DIR_EL1': this.vDeactivate(cpu, v & 0xffffff); return true;
      case 'ICC_AP0R0_EL1': c.vap0r = v; break;
      case 'ICC_AP1R0_EL1': c.vap1r = v; break;
      default:
        if (/^ICC_AP[01]R[1-3]_EL1$/.test(name)) return true;
        // SGI generation and the read-only registers behave as for the physical interface (KVM traps SGIs).
        return this.sysregWrite(cpu, name, value, false);
    }
    this.gic.update();
    return true;
  }
}
