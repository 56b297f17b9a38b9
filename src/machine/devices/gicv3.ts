// GICv3 (Arm IHI 0069) with affinity routing: the distributor (GICD, GICD_IROUTER) and the interrupt state it shares
// with the redistributors (gicv3Redist.ts) and the CPU interfaces (gicv3CpuIf.ts), as QEMU's hw/intc/arm_gicv3*.c
// behaves on virt: a single security state (GICD_CTLR.DS = 1: group 0 is signalled as FIQ, group 1 as IRQ), no
// LPIs/ITS, no 1-of-N routing (TYPER.No1N), 224 SPIs, 5 priority bits and 4 list registers (QEMU's -cpu max).
//
// Binding (lead): attach `frames` at VIRT.gicDist (GICD 0x10000) and VIRT.gicRedist (0x20000 per CPU); bind the
// ICC_*, ICV_* and ICH_* system registers to `sysregRead(cpu, name, virtual)` / `sysregWrite(...)` with the
// register names of src/arch/sysregs (virtual = the access is an EL1 access redirected by HCR_EL2.IMO/FMO);
// `output(cpu, line, level)` drives IRQ, FIQ, vIRQ and vFIQ.
import type { Device } from '../bus';
import { GicLine, GicOutput, InterruptController, PPI_MAINTENANCE, frameDevice } from './gic';
import { virtMpidr } from '../dtb';
import { GicV3CpuIf, IccState } from './gicv3CpuIf';
import { redistRead, redistWrite } from './gicv3Redist';

export const NR_SGIS = 16, NR_INTERNAL = 32;
/** GICD_PIDR4-7, PIDR0-3, CIDR0-3 at 0xFFD0: PIDR2.ArchRev = 3. */
export const GICV3_ID = [0x44, 0x00, 0x00, 0x00, 0x92, 0xb4, 0x3b, 0x00, 0x0d, 0xf0, 0x05, 0xb1];
export const GICV3_IIDR = 0x0000043b;
const GICD_CTLR_EN_GRP0 = 1 << 0, GICD_CTLR_EN_GRP1 = 1 << 1, GICD_CTLR_ARE = 1 << 4, GICD_CTLR_DS = 1 << 6;
const IROUTER_IRM = 0x80000000;

export interface GicV3Options { cpus: number; spis?: number; output?: GicOutput }

/** Interrupt state, indexed by key(cpu, id): a bank of 32 per redistributor, then one entry per SPI. */
export interface GicV3State {
  ctlr: number;
  enabled: boolean[]; latch: boolean[]; level: boolean[]; active: boolean[]; edge: boolean[]; group: boolean[];
  priority: number[];
  /** GICD_IROUTER<n> bits [31:0] per SPI (Interrupt_Routing_Mode and Aff2.Aff1.Aff0); Aff3 is always 0 on virt. */
  irouter: number[];
  /** GICR_WAKER.ProcessorSleep per redistributor. */
  sleep: boolean[];
  icc: IccState[];
  lines: boolean[];
}

export class GicV3 implements InterruptController {
  readonly version = 3 as const;
  readonly cpus: number;
  readonly numIrq: number;
  currentCpu = 0;
  output: GicOutput;
  readonly frames: { base: bigint; size: bigint; device: Device }[];
  readonly cpuif: GicV3CpuIf;
  s!: GicV3State;

  constructor(options: GicV3Options) {
    if (options.cpus < 1 || options.cpus > 123) throw new Error('the virt GICv3 redistributor region holds 1 to 123 CPUs');
    this.cpus = options.cpus;
    this.numIrq = NR_INTERNAL + (options.spis ?? 224);
    this.output = options.output ?? (() => {});
    this.cpuif = new GicV3CpuIf(this);
    this.frames = [
      { base: 0n, size: 0x10000n, device: frameDevice('gicd', this, (o, z) => this.distRead(o, z), (o, z, v) => this.distWrite(o, z, v)) },
      { base: 0xa0000n, size: BigInt(this.cpus) * 0x20000n,
        device: frameDevice('gicr', undefined, (o, z) => redistRead(this, o >> 17, o & 0x1ffff, z), (o, z, v) => redistWrite(this, o >> 17, o & 0x1ffff, z, v)) },
    ];
    this.reset();
  }

  reset(): void {
    const n = this.cpus * NR_INTERNAL + this.numIrq - NR_INTERNAL;
    const fill = <T>(v: T): T[] => new Array(n).fill(v);
    this.s = {
      ctlr: GICD_CTLR_ARE | GICD_CTLR_DS, enabled: fill(false), latch: fill(false), level: fill(false), active: fill(false),
      edge: fill(false), group: fill(false), priority: fill(0), irouter: fill(0), sleep: new Array(this.cpus).fill(true),
      icc: Array.from({ length: this.cpus }, () => GicV3CpuIf.resetState()), lines: new Array(this.cpus * 4).fill(false),
    };
    for (let c = 0; c < this.cpus; c++) for (let i = 0; i < NR_SGIS; i++) this.s.edge[c * NR_INTERNAL + i] = true;
    this.update();
  }

  save(): unknown { return structuredClone(this.s); }

  restore(state: unknown): void {
    this.s = structuredClone(state as GicV3State);
    for (let c = 0; c < this.cpus; c++) (['irq', 'fiq', 'virq', 'vfiq'] as GicLine[]).forEach((l, i) => this.output(c, l, this.s.lines[c * 4 + i]));
  }

  key(cpu: number, id: number): number { return id < NR_INTERNAL ? cpu * NR_INTERNAL + id : this.cpus * NR_INTERNAL + id - NR_INTERNAL; }

  /** MPIDR affinity (Aff2.Aff1.Aff0) of CPU i on virt. */
  affinity(cpu: number): number { return virtMpidr(cpu, 3); }

  setSpi(n: number, level: boolean): void { this.setInput(0, NR_INTERNAL + n, level); }
  setPpi(cpu: number, n: number, level: boolean): void { this.setInput(cpu, NR_SGIS + n, level); }

  setInput(cpu: number, id: number, level: boolean): void {
    if (id >= this.numIrq || cpu >= this.cpus) throw new Error(`no interrupt ${id} on CPU ${cpu}`);
    const k = this.key(cpu, id);
    if (this.s.level[k] === level) return;
    this.s.level[k] = level;
    if (level && this.s.edge[k]) this.s.latch[k] = true;
    this.update();
  }

  pending(k: number): boolean { return this.s.latch[k] || (!this.s.edge[k] && this.s.level[k]); }

  /** The CPU an SPI is routed to (GICD_IROUTER affinity), or -1: no CPU has that affinity, or 1-of-N is asked. */
  routedTo(id: number): number {
    const aff = this.s.irouter[this.key(0, id)];
    if (aff & IROUTER_IRM) return -1;
    for (let c = 0; c < this.cpus; c++) if (this.affinity(c) === aff) return c;
    return -1;
  }

  /** Highest-priority deliverable interrupt of a CPU (enabled, pending, inactive, group enabled in GICD). */
  bestPending(cpu: number): { id: number; prio: number; group1: boolean } | undefined {
    const s = this.s;
    let best: { id: number; prio: number; group1: boolean } | undefined;
    for (let id = 0; id < this.numIrq; id++) {
      const k = this.key(cpu, id);
      if (!s.enabled[k] || s.active[k] || !this.pending(k)) continue;
      if (id >= NR_INTERNAL && this.routedTo(id) !== cpu) continue;
      if (!(s.ctlr & (s.group[k] ? GICD_CTLR_EN_GRP1 : GICD_CTLR_EN_GRP0))) continue;
      if (!best || s.priority[k] < best.prio) best = { id, prio: s.priority[k], group1: s.group[k] };
    }
    return best;
  }

  update(): void {
    for (let cpu = 0; cpu < this.cpus; cpu++) {
      const k = this.key(cpu, NR_SGIS + PPI_MAINTENANCE);
      const m = this.cpuif.maintenance(cpu);
      if (this.s.level[k] !== m) {
        this.s.level[k] = m;
        if (m && this.s.edge[k]) this.s.latch[k] = true;
      }
    }
    for (let cpu = 0; cpu < this.cpus; cpu++) {
      const levels = this.cpuif.lines(cpu);
      (['irq', 'fiq', 'virq', 'vfiq'] as GicLine[]).forEach((line, i) => {
        if (this.s.lines[cpu * 4 + i] !== levels[i]) {
          this.s.lines[cpu * 4 + i] = levels[i];
          this.output(cpu, line, levels[i]);
        }
      });
    }
  }

  lineLevel(cpu: number, line: GicLine): boolean { return this.s.lines[cpu * 4 + ['irq', 'fiq', 'virq', 'vfiq'].indexOf(line)]; }

  // ---- the per-interrupt register block shared by GICD (SPIs) and GICR SGI_base (SGIs, PPIs) ----

  /** Reads IGROUPR..ICFGR at `offset` for interrupts [lo, hi) of `cpu`'s view; other IDs read as zero. */
  irqRegRead(cpu: number, offset: number, size: number, lo: number, hi: number): bigint | undefined {
    const s = this.s;
    const idOk = (id: number): boolean => id >= lo && id < hi && id < this.numIrq;
    const bitReg = (base: number, test: (k: number) => boolean): bigint => {
      const first = (offset - base) * 8;
      let v = 0;
      for (let i = 0; i < size * 8; i++) if (idOk(first + i) && test(this.key(cpu, first + i))) v |= 1 << i;
      return BigInt(v >>> 0);
    };
    if (offset >= 0x080 && offset < 0x100) return size === 4 ? bitReg(0x080, (k) => s.group[k]) : undefined;
    if (offset >= 0x100 && offset < 0x200) return size === 4 ? bitReg(offset < 0x180 ? 0x100 : 0x180, (k) => s.enabled[k]) : undefined;
    if (offset >= 0x200 && offset < 0x300) return size === 4 ? bitReg(offset < 0x280 ? 0x200 : 0x280, (k) => this.pending(k)) : undefined;
    if (offset >= 0x300 && offset < 0x400) return size === 4 ? bitReg(offset < 0x380 ? 0x300 : 0x380, (k) => s.active[k]) : undefined;
    if (offset >= 0x400 && offset < 0x800) {
      let v = 0n;
      for (let i = 0; i < size; i++) {
        const id = offset - 0x400 + i;
        if (idOk(id)) v |= BigInt(s.priority[this.key(cpu, id)]) << BigInt(8 * i);
      }
      return v;
    }
    if (offset >= 0xc00 && offset < 0xd00) {
      if (size !== 4) return undefined;
      const first = (offset - 0xc00) * 4;
      let v = 0;
      for (let i = 0; i < 16; i++) if (idOk(first + i) && s.edge[this.key(cpu, first + i)]) v |= 2 << (2 * i);
      return BigInt(v >>> 0);
    }
    if (offset >= 0xd00 && offset < 0xf00) return size === 4 ? 0n : undefined; // IGRPMODR, NSACR: RAZ/WI with DS = 1
    return undefined;
  }

  irqRegWrite(cpu: number, offset: number, size: number, value: bigint, lo: number, hi: number): boolean {
    const s = this.s;
    const v = Number(value & 0xffffffffn);
    const idOk = (id: number): boolean => id >= lo && id < hi && id < this.numIrq;
    const eachBit = (base: number, f: (k: number, id: number, bit: boolean) => void, onesOnly = true): boolean => {
      if (size !== 4) return false;
      const first = (offset - base) * 8;
      for (let i = 0; i < 32; i++) {
        const bit = ((v >>> i) & 1) === 1;
        if (idOk(first + i) && (bit || !onesOnly)) f(this.key(cpu, first + i), first + i, bit);
      }
      return true;
    };
    let ok: boolean;
    if (offset >= 0x080 && offset < 0x100) ok = eachBit(0x080, (k, _id, bit) => { s.group[k] = bit; }, false);
    else if (offset >= 0x100 && offset < 0x180) ok = eachBit(0x100, (k) => { s.enabled[k] = true; });
    else if (offset >= 0x180 && offset < 0x200) ok = eachBit(0x180, (k) => { s.enabled[k] = false; });
    else if (offset >= 0x200 && offset < 0x280) ok = eachBit(0x200, (k) => { s.latch[k] = true; });
    else if (offset >= 0x280 && offset < 0x300) ok = eachBit(0x280, (k) => { s.latch[k] = false; });
    else if (offset >= 0x300 && offset < 0x380) ok = eachBit(0x300, (k) => { s.active[k] = true; });
    else if (offset >= 0x380 && offset < 0x400) ok = eachBit(0x380, (k) => { s.active[k] = false; });
    else if (offset >= 0x400 && offset < 0x800) {
      for (let i = 0; i < size; i++) {
        const id = offset - 0x400 + i;
        if (idOk(id)) s.priority[this.key(cpu, id)] = (v >>> (8 * i)) & 0xff;
      }
      ok = true;
    } else if (offset >= 0xc00 && offset < 0xd00) {
      if (size !== 4) return false;
      const first = (offset - 0xc00) * 4;
      for (let i = 0; i < 16; i++) if (idOk(first + i) && first + i >= NR_SGIS) s.edge[this.key(cpu, first + i)] = ((v >>> (2 * i + 1)) & 1) === 1;
      ok = true;
    } else ok = offset >= 0xd00 && offset < 0xf00 && size === 4;
    this.update();
    return ok;
  }

  // ---- distributor ----

  private distRead(offset: number, size: number): bigint | undefined {
    if (offset >= 0x6100 && offset < 0x6000 + 8 * this.numIrq) {
      const id = (offset - 0x6000) >> 3;
      const aff = BigInt(this.s.irouter[this.key(0, id)]);
      if (size === 8 && !(offset & 7)) return aff;
      if (size === 4) return offset & 4 ? 0n : aff;
      return undefined;
    }
    if (offset >= 0xffd0 && offset < 0x10000) return size === 4 ? BigInt(GICV3_ID[(offset - 0xffd0) >> 2]) : undefined;
    if (offset < 0x80) {
      if (size !== 4) return undefined;
      switch (offset) {
        case 0x00: return BigInt(this.s.ctlr);
        case 0x04: return BigInt(((1 << 25) | (1 << 24) | (0xf << 19) | (this.numIrq / 32 - 1)) >>> 0); // No1N, A3V, IDbits 16
        case 0x08: return BigInt(GICV3_IIDR);
        default: return offset < 0x80 && (offset === 0x0c || offset === 0x10) ? 0n : undefined;
      }
    }
    // With affinity routing the SGI/PPI part of each register lives in the redistributors: RAZ here.
    if (offset >= 0x800 && offset < 0xc00) return 0n; // ITARGETSR: RAZ/WI with ARE
    if (offset === 0xf00 || (offset >= 0xf10 && offset < 0xf30)) return 0n;
    return this.irqRegRead(0, offset, size, NR_INTERNAL, this.numIrq);
  }

  private distWrite(offset: number, size: number, value: bigint): boolean {
    if (offset >= 0x6100 && offset < 0x6000 + 8 * this.numIrq) {
      if (size === 4 && offset & 4) return true;
      if (size !== 8 && size !== 4) return false;
      // Stored as written, as QEMU does; 1-of-N routing (IRM) is not offered (GICD_TYPER.No1N) and delivers nowhere.
      this.s.irouter[this.key(0, (offset - 0x6000) >> 3)] = Number(value & 0xffffffffn) >>> 0;
      this.update();
      return true;
    }
    if (offset >= 0xffd0 && offset < 0x10000) return true;
    if (offset < 0x80) {
      if (size !== 4) return false;
      if (offset === 0x00) {
        this.s.ctlr = (Number(value) & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1)) | GICD_CTLR_ARE | GICD_CTLR_DS;
        this.update();
        return true;
      }
      return offset === 0x04 || offset === 0x08 || offset === 0x0c || offset === 0x10;
    }
    if ((offset >= 0x800 && offset < 0xc00) || offset === 0xf00 || (offset >= 0xf10 && offset < 0xf30)) return true;
    return this.irqRegWrite(0, offset, size, value, NR_INTERNAL, this.numIrq);
  }
}
