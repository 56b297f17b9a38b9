// GICv2 (Arm IHI 0048B) distributor and CPU interface, as QEMU's hw/intc/arm_gic.c behaves for the virt board:
// 8 priority bits, 1-N SPI delivery, level/edge inputs, SGIs with per-source pending state, interrupt groups
// (group 0 may be signalled as FIQ), priority drop / deactivation split (EOImode), active-priority registers.
// The virtualization extension (GICH, GICV) is in gicv2Virt.ts.
//
// There are no Security Extensions: the bus does not carry the security state of an access, so every access sees
// the registers as a GIC without them does (GICD_CTLR EnableGrp0/EnableGrp1, GICC_CTLR in its full format, the
// aliased GICC_AIAR/AEOIR/AHPPIR RAZ/WI as in QEMU).
// Binding (lead): frames at VIRT.gicDist (GICD) and VIRT.gicCpu (GICC), plus GICH/GICV when `virtualization`;
// set `currentCpu` before running a vCPU; `output(cpu, line, level)` drives the cores' IRQ/FIQ/vIRQ/vFIQ.
import type { Device } from '../bus';
import { GicLine, GicOutput, InterruptController, PPI_MAINTENANCE, ctz32, frameDevice } from './gic';
import { GicV2Virt } from './gicv2Virt';

export const GIC_SPURIOUS = 1023, GIC_SPURIOUS_GROUP1 = 1022;
const NR_SGIS = 16, NR_INTERNAL = 32;
/** GICD_PIDR4-7, PIDR0-3, CIDR0-3 at 0xFD0-0xFFC (a GICv2 with Arm's designer code, as QEMU reports). */
const GICD_ID = [0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1];
const GICD_IIDR = 0x0000043b;
const GICC_IIDR = 0x0002043b;
/** GICC_CTLR in the format of a GIC without Security Extensions. */
const CTLR_EN_GRP0 = 1 << 0, CTLR_EN_GRP1 = 1 << 1, CTLR_ACK_CTL = 1 << 2, CTLR_FIQ_EN = 1 << 3, CTLR_CBPR = 1 << 4,
  CTLR_EOIMODE = 1 << 9, CTLR_MASK = 0x7ff;

export interface GicV2Options {
  cpus: number;
  /** Shared peripheral interrupts (QEMU virt: 256). */
  spis?: number;
  virtualization?: boolean;
  output?: GicOutput;
}

/** Interrupt state. Arrays are indexed by key(cpu, id): a bank of 32 per CPU, then one entry per SPI. */
interface GicV2State {
  ctlr: number;
  enabled: boolean[]; latch: boolean[]; level: boolean[]; active: boolean[]; edge: boolean[]; group: boolean[];
  priority: number[]; target: number[];
  /** Per CPU and SGI: a mask of the CPUs that sent it and whose request is still pending. */
  sgiPending: number[];
  cpuCtlr: number[]; pmr: number[]; bpr: number[]; abpr: number[];
  /** Active priorities, one bit per preemption level (priority >> 1): group 0 in apr, group 1 in nsapr. */
  apr: number[][]; nsapr: number[][];
  lines: boolean[];
}

export class GicV2 implements InterruptController {
  readonly version = 2 as const;
  readonly cpus: number;
  readonly numIrq: number;
  currentCpu = 0;
  output: GicOutput;
  readonly virt: GicV2Virt | undefined;
  readonly frames: { base: bigint; size: bigint; device: Device }[];
  s!: GicV2State;

  constructor(options: GicV2Options) {
    if (options.cpus < 1 || options.cpus > 8) throw new Error('a GICv2 serves 1 to 8 CPUs');
    this.cpus = options.cpus;
    this.numIrq = NR_INTERNAL + (options.spis ?? 256);
    this.output = options.output ?? (() => {});
    this.virt = options.virtualization ? new GicV2Virt(this) : undefined;
    this.frames = [
      { base: 0n, size: 0x10000n, device: frameDevice('gicd', this, (o, z) => this.distRead(o, z), (o, z, v) => this.distWrite(o, z, v)) },
      { base: 0x10000n, size: 0x10000n, device: frameDevice('gicc', undefined, (o) => this.cpuRead(this.currentCpu, o), (o, _z, v) => this.cpuWrite(this.currentCpu, o, Number(v & 0xffffffffn))) },
      ...(this.virt ? this.virt.frames() : []),
    ];
    this.reset();
  }

  reset(): void {
    const n = this.cpus * NR_INTERNAL + this.numIrq - NR_INTERNAL;
    const perCpu = <T>(v: T): T[] => new Array(this.cpus).fill(v);
    this.s = {
      ctlr: 0, enabled: new Array(n).fill(false), latch: new Array(n).fill(false), level: new Array(n).fill(false),
      active: new Array(n).fill(false), edge: new Array(n).fill(false), group: new Array(n).fill(false),
      priority: new Array(n).fill(0), target: new Array(n).fill(0), sgiPending: new Array(this.cpus * NR_SGIS).fill(0),
      cpuCtlr: perCpu(0), pmr: perCpu(0), bpr: perCpu(0), abpr: perCpu(1),
      apr: Array.from({ length: this.cpus }, () => [0, 0, 0, 0]), nsapr: Array.from({ length: this.cpus }, () => [0, 0, 0, 0]),
      lines: new Array(this.cpus * 4).fill(false),
    };
    // SGIs are always enabled and edge-triggered in QEMU's GICv2.
    for (let c = 0; c < this.cpus; c++) for (let i = 0; i < NR_SGIS; i++) { this.s.enabled[c * 32 + i] = true; this.s.edge[c * 32 + i] = true; }
    this.virt?.reset();
    this.update();
  }

  save(): unknown { return structuredClone({ gic: this.s, virt: this.virt?.save() }); }

  restore(state: unknown): void {
    const st = structuredClone(state as { gic: GicV2State; virt: unknown });
    this.s = st.gic;
    this.virt?.restore(st.virt);
    for (let c = 0; c < this.cpus; c++) for (const l of ['irq', 'fiq', 'virq', 'vfiq'] as GicLine[]) this.output(c, l, this.lineLevel(c, l));
  }

  key(cpu: number, id: number): number { return id < NR_INTERNAL ? cpu * NR_INTERNAL + id : this.cpus * NR_INTERNAL + id - NR_INTERNAL; }

  setSpi(n: number, level: boolean): void { this.setInput(0, NR_INTERNAL + n, level); }

  setPpi(cpu: number, n: number, level: boolean): void { this.setInput(cpu, NR_SGIS + n, level); }

  private setInput(cpu: number, id: number, level: boolean): void {
    if (id >= this.numIrq || cpu >= this.cpus) throw new Error(`no interrupt ${id} on CPU ${cpu}`);
    const k = this.key(cpu, id);
    if (this.s.level[k] === level) return;
    this.s.level[k] = level;
    if (level && this.s.edge[k]) this.s.latch[k] = true;
    this.update();
  }

  pending(cpu: number, id: number): boolean {
    if (id < NR_SGIS) return this.s.sgiPending[cpu * NR_SGIS + id] !== 0;
    const k = this.key(cpu, id);
    return this.s.latch[k] || (!this.s.edge[k] && this.s.level[k]);
  }

  private targets(cpu: number, id: number): boolean {
    return id < NR_INTERNAL || this.cpus === 1 || (this.s.target[this.key(cpu, id)] & (1 << cpu)) !== 0;
  }

  /** The interrupt this CPU would be given: enabled, pending, inactive, of a group enabled in both GICD and GICC. */
  bestPending(cpu: number): { id: number; prio: number } | undefined {
    const s = this.s;
    let best: { id: number; prio: number } | undefined;
    for (let id = 0; id < this.numIrq; id++) {
      const k = this.key(cpu, id);
      if (!s.enabled[k] || s.active[k] || !this.pending(cpu, id) || !this.targets(cpu, id)) continue;
      const grpBit = s.group[k] ? CTLR_EN_GRP1 : CTLR_EN_GRP0;
      if (!(s.ctlr & grpBit) || !(s.cpuCtlr[cpu] & grpBit)) continue;
      if (!best || s.priority[k] < best.prio) best = { id, prio: s.priority[k] };
    }
    return best;
  }

  groupPriority(cpu: number, id: number): number {
    const k = this.key(cpu, id);
    const bpr = this.s.group[k] && !(this.s.cpuCtlr[cpu] & CTLR_CBPR) ? this.s.abpr[cpu] - 1 : this.s.bpr[cpu];
    return this.s.priority[k] & ((0xff << ((bpr & 7) + 1)) & 0xff);
  }

  runningPriority(cpu: number): number {
    for (let i = 0; i < 4; i++) {
      const bits = this.s.apr[cpu][i] | this.s.nsapr[cpu][i];
      if (bits) return (i * 32 + ctz32(bits)) << 1;
    }
    return 0x100;
  }

  /** The pending interrupt that beats PMR (what HPPIR reports), and whether it preempts the running priority. */
  private current(cpu: number): { id: number; signal: boolean } | undefined {
    const best = this.bestPending(cpu);
    if (!best || best.prio >= this.s.pmr[cpu]) return undefined;
    return { id: best.id, signal: this.groupPriority(cpu, best.id) < this.runningPriority(cpu) };
  }

  lineLevel(cpu: number, line: GicLine): boolean { return this.s.lines[cpu * 4 + ['irq', 'fiq', 'virq', 'vfiq'].indexOf(line)]; }

  /** Recomputes every CPU's output lines and reports the ones that changed. */
  update(): void {
    if (this.virt) for (let cpu = 0; cpu < this.cpus; cpu++) this.setMaintenance(cpu, this.virt.maintenance(cpu));
    for (let cpu = 0; cpu < this.cpus; cpu++) {
      const cur = this.current(cpu);
      let irq = false, fiq = false;
      if (cur?.signal) {
        const group0 = !this.s.group[this.key(cpu, cur.id)];
        if (group0 && this.s.cpuCtlr[cpu] & CTLR_FIQ_EN) fiq = true; else irq = true;
      }
      const [virq, vfiq] = this.virt ? this.virt.lines(cpu) : [false, false];
      [irq, fiq, virq, vfiq].forEach((level, i) => {
        if (this.s.lines[cpu * 4 + i] !== level) {
          this.s.lines[cpu * 4 + i] = level;
          this.output(cpu, (['irq', 'fiq', 'virq', 'vfiq'] as GicLine[])[i], level);
        }
      });
    }
  }

  private setMaintenance(cpu: number, level: boolean): void {
    const k = this.key(cpu, NR_SGIS + PPI_MAINTENANCE);
    if (this.s.level[k] !== level) {
      this.s.level[k] = level;
      if (level && this.s.edge[k]) this.s.latch[k] = true;
    }
  }

  // ---- distributor ----

  private distRead(offset: number, size: number): bigint | undefined {
    const cpu = this.currentCpu;
    // GICD_CTLR, TYPER, IIDR, IGROUPR and SGIR take word accesses only; the rest are byte-accessible.
    if (offset < 0x100 || (offset & ~3) === 0xf00) {
      if (size !== 4 || offset & 3) return undefined;
      switch (offset) {
        case 0x000: return BigInt(this.s.ctlr);
        case 0x004: return BigInt(((this.numIrq / 32) - 1) | ((this.cpus - 1) << 5));
        case 0x008: return BigInt(GICD_IIDR);
        default:
          if (offset >= 0x080 && offset < 0x100) return this.bits(cpu, (offset - 0x80) * 8, 32, (k) => this.s.group[k]);
          return offset === 0xf00 ? 0n : undefined;
      }
    }
    let v = 0n;
    for (let i = 0; i < size; i++) {
      const b = this.distReadByte(cpu, offset + i);
      if (b === undefined) return undefined;
      v |= BigInt(b) << BigInt(8 * i);
    }
    return v;
  }

  private bits(cpu: number, first: number, n: number, test: (k: number, id: number) => boolean): bigint | undefined {
    if (first >= this.numIrq) return undefined;
    let v = 0;
    for (let i = 0; i < n && first + i < this.numIrq; i++) if (test(this.key(cpu, first + i), first + i)) v |= 1 << i;
    return BigInt(v >>> 0);
  }

  private distReadByte(cpu: number, offset: number): number | undefined {
    const s = this.s;
    const bitsAt = (base: number, test: (k: number, id: number) => boolean): number | undefined => {
      const r = this.bits(cpu, (offset - base) * 8, 8, test);
      return r === undefined ? undefined : Number(r);
    };
    if (offset >= 0x100 && offset < 0x200) return bitsAt(offset < 0x180 ? 0x100 : 0x180, (k) => s.enabled[k]);
    if (offset >= 0x200 && offset < 0x300) return bitsAt(offset < 0x280 ? 0x200 : 0x280, (_k, id) => this.pending(cpu, id));
    if (offset >= 0x300 && offset < 0x400) return bitsAt(offset < 0x380 ? 0x300 : 0x380, (k) => s.active[k]);
    const id = offset & 0x3ff;
    if (offset >= 0x400 && offset < 0x800) return id < this.numIrq ? s.priority[this.key(cpu, id)] : undefined;
    if (offset >= 0x800 && offset < 0xc00) {
      if (id >= this.numIrq) return undefined;
      if (this.cpus === 1) return 0; // RAZ/WI on a uniprocessor GIC
      return id < NR_INTERNAL ? 1 << cpu : s.target[this.key(cpu, id)];
    }
    if (offset >= 0xc00 && offset < 0xd00) {
      const first = (offset - 0xc00) * 4;
      if (first >= this.numIrq) return undefined;
      let v = 0;
      for (let i = 0; i < 4; i++) if (s.edge[this.key(cpu, first + i)]) v |= 2 << (2 * i);
      return v;
    }
    if (offset >= 0xf10 && offset < 0xf30) return s.sgiPending[cpu * NR_SGIS + (offset & 0xf)];
    if (offset >= 0xfd0 && offset < 0x1000) return (offset & 3) === 0 ? GICD_ID[(offset - 0xfd0) >> 2] : 0;
    return undefined;
  }

  private distWrite(offset: number, size: number, value: bigint): boolean {
    const cpu = this.currentCpu;
    const v = Number(value & 0xffffffffn);
    let ok = true;
    if (offset < 0x100 || offset === 0xf00) {
      if (size !== 4 || offset & 3) return false;
      if (offset === 0x000) this.s.ctlr = v & (CTLR_EN_GRP0 | CTLR_EN_GRP1);
      else if (offset === 0xf00) this.writeSgir(cpu, v);
      else if (offset >= 0x080) {
        const first = (offset - 0x80) * 8;
        if (first >= this.numIrq) return false;
        for (let i = 0; i < 32 && first + i < this.numIrq; i++) this.s.group[this.key(cpu, first + i)] = ((v >>> i) & 1) === 1;
      } else ok = offset === 0x004 || offset === 0x008; // read-only, writes ignored
    } else {
      for (let i = 0; i < size && ok; i++) ok = this.distWriteByte(cpu, offset + i, (v >>> (8 * i)) & 0xff);
    }
    this.update();
    return ok;
  }

  private distWriteByte(cpu: number, offset: number, b: number): boolean {
    const s = this.s;
    const each = (base: number, f: (k: number, id: number) => void): boolean => {
      const first = (offset - base) * 8;
      if (first >= this.numIrq) return false;
      for (let i = 0; i < 8 && first + i < this.numIrq; i++) if ((b >> i) & 1) f(this.key(cpu, first + i), first + i);
      return true;
    };
    if (offset >= 0x100 && offset < 0x180) return each(0x100, (k, id) => { if (id >= NR_SGIS) s.enabled[k] = true; });
    if (offset >= 0x180 && offset < 0x200) return each(0x180, (k, id) => { if (id >= NR_SGIS) s.enabled[k] = false; });
    if (offset >= 0x200 && offset < 0x280) return each(0x200, (k, id) => { if (id >= NR_SGIS) s.latch[k] = true; });
    if (offset >= 0x280 && offset < 0x300) return each(0x280, (k, id) => { if (id >= NR_SGIS) s.latch[k] = false; });
    if (offset >= 0x300 && offset < 0x380) return each(0x300, (k) => { s.active[k] = true; });
    if (offset >= 0x380 && offset < 0x400) return each(0x380, (k) => { s.active[k] = false; });
    const id = offset & 0x3ff;
    if (offset >= 0x400 && offset < 0x800) {
      if (id >= this.numIrq) return false;
      s.priority[this.key(cpu, id)] = b;
      return true;
    }
    if (offset >= 0x800 && offset < 0xc00) {
      if (id >= this.numIrq) return false;
      if (id >= NR_INTERNAL && this.cpus > 1) s.target[this.key(cpu, id)] = b & ((1 << this.cpus) - 1);
      return true;
    }
    if (offset >= 0xc00 && offset < 0xd00) {
      const first = (offset - 0xc00) * 4;
      if (first >= this.numIrq) return false;
      for (let i = 0; i < 4; i++) if (first + i >= NR_SGIS) s.edge[this.key(cpu, first + i)] = ((b >> (2 * i + 1)) & 1) === 1;
      return true;
    }
    if (offset >= 0xf10 && offset < 0xf20) { s.sgiPending[cpu * NR_SGIS + (offset & 0xf)] &= ~b; return true; }
    if (offset >= 0xf20 && offset < 0xf30) { s.sgiPending[cpu * NR_SGIS + (offset & 0xf)] |= b & ((1 << this.cpus) - 1); return true; }
    return offset >= 0xfd0 && offset < 0x1000; // ID registers: read-only
  }

  /** GICD_SGIR: TargetListFilter [25:24] (list, all but self, self), CPUTargetList [23:16], SGIINTID [3:0]. */
  private writeSgir(cpu: number, v: number): void {
    const filter = (v >>> 24) & 3;
    const all = (1 << this.cpus) - 1;
    const targets = filter === 0 ? (v >>> 16) & all : filter === 1 ? all & ~(1 << cpu) : filter === 2 ? 1 << cpu : 0;
    for (let t = 0; t < this.cpus; t++) if (targets & (1 << t)) this.s.sgiPending[t * NR_SGIS + (v & 0xf)] |= 1 << cpu;
  }

  // ---- CPU interface ----

  cpuRead(cpu: number, offset: number): bigint | undefined {
    const s = this.s;
    switch (offset) {
      case 0x00: return BigInt(s.cpuCtlr[cpu]);
      case 0x04: return BigInt(s.pmr[cpu]);
      case 0x08: return BigInt(s.bpr[cpu]);
      case 0x0c: return BigInt(this.acknowledge(cpu));
      case 0x14: return BigInt(Math.min(this.runningPriority(cpu), 0xff));
      case 0x18: return BigInt(this.highestPending(cpu));
      case 0x1c: return BigInt(s.abpr[cpu]);
      case 0xfc: return BigInt(GICC_IIDR);
      default:
        if (offset >= 0xd0 && offset < 0xe0) return BigInt(s.apr[cpu][(offset - 0xd0) >> 2] >>> 0);
        if (offset >= 0xe0 && offset < 0xf0) return BigInt(s.nsapr[cpu][(offset - 0xe0) >> 2] >>> 0);
        return [0x10, 0x20, 0x24, 0x28, 0x1000].includes(offset) ? 0n : undefined;
    }
  }

  cpuWrite(cpu: number, offset: number, v: number): boolean {
    const s = this.s;
    switch (offset) {
      case 0x00: s.cpuCtlr[cpu] = v & CTLR_MASK; break;
      case 0x04: s.pmr[cpu] = v & 0xff; break;
      case 0x08: s.bpr[cpu] = v & 7; break;
      case 0x10: this.endOfInterrupt(cpu, v & 0x3ff); break;
      case 0x1c: s.abpr[cpu] = Math.max(1, v & 7); break;
      case 0x1000: this.deactivate(cpu, v & 0x3ff); break;
      default:
        if (offset >= 0xd0 && offset < 0xe0) s.apr[cpu][(offset - 0xd0) >> 2] = v;
        else if (offset >= 0xe0 && offset < 0xf0) s.nsapr[cpu][(offset - 0xe0) >> 2] = v;
        else if (![0x0c, 0x14, 0x18, 0x20, 0x24, 0x28, 0xfc].includes(offset)) return false;
    }
    this.update();
    return true;
  }

  /** ID | source CPU << 10 for an SGI. */
  private encodeId(cpu: number, id: number): number {
    return id < NR_SGIS ? id | ((ctz32(this.s.sgiPending[cpu * NR_SGIS + id]) & 7) << 10) : id;
  }

  /** A group 1 interrupt is acknowledged only with GICC_CTLR.AckCtl; otherwise the CPU sees 1022. */
  private highestPending(cpu: number): number {
    const cur = this.current(cpu);
    if (!cur) return GIC_SPURIOUS;
    const group1 = this.s.group[this.key(cpu, cur.id)];
    if (group1 && !(this.s.cpuCtlr[cpu] & CTLR_ACK_CTL)) return GIC_SPURIOUS_GROUP1;
    return this.encodeId(cpu, cur.id);
  }

  acknowledge(cpu: number): number {
    const cur = this.current(cpu);
    if (!cur || !cur.signal) return GIC_SPURIOUS;
    const id = this.highestPending(cpu);
    if ((id & 0x3ff) >= GIC_SPURIOUS_GROUP1) return id;
    const s = this.s;
    const k = this.key(cpu, cur.id);
    if (cur.id < NR_SGIS) s.sgiPending[cpu * NR_SGIS + cur.id] &= ~(1 << ((id >> 10) & 7));
    else s.latch[k] = false;
    const level = this.groupPriority(cpu, cur.id) >> 1;
    (s.group[k] ? s.nsapr : s.apr)[cpu][level >> 5] |= 1 << (level & 31);
    s.active[k] = true;
    this.update();
    return id;
  }

  private endOfInterrupt(cpu: number, id: number): void {
    if (id >= this.numIrq) return;
    const s = this.s;
    const group1 = s.group[this.key(cpu, id)];
    // Priority drop: the highest active priority of the interrupt's group.
    const apr = (group1 ? s.nsapr : s.apr)[cpu];
    for (let i = 0; i < 4; i++) {
      if (apr[i]) { apr[i] &= apr[i] - 1; break; }
    }
    if (!(s.cpuCtlr[cpu] & CTLR_EOIMODE)) this.deactivate(cpu, id);
  }

  /** Deactivation, also from GICV_EOIR/DIR of a hardware list register. */
  deactivate(cpu: number, id: number): void {
    if (id >= this.numIrq) return;
    this.s.active[this.key(cpu, id)] = false;
    this.update();
  }
}
