// Host side of the WebAssembly CPU core: instantiates out/core.wasm, supplies the device-access imports,
// and gives typed access to registers and memory while the core is stopped.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TierStats, TranslatingTier } from './jit/tier';
import { sysRegIndex } from '../arch/sysregs/table';

/** Executions of a block start in the interpreter before the translating tier compiles it. */
const DEFAULT_HOT_THRESHOLD = 64;

declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

/** The device model the core forwards non-RAM physical accesses to. */
export interface Bus {
  /** The value read, or undefined when no device answers (the core then takes a synchronous external abort). */
  read(pa: bigint, size: number): bigint | undefined;
  /** false when no device answers (a synchronous external abort). */
  write(pa: bigint, size: number, value: bigint): boolean | void;
}

interface CoreExports {
  memory: { buffer: ArrayBuffer };
  decode(insn: number): number;
  run(budget: bigint): number;
  configureRam(base: bigint, size: bigint): number;
  ramPointer(pa: bigint): number;
  codeWritten(pa: bigint, len: bigint): void;
  lastException(): number;
  setBreakpoint(pa: bigint): number;
  clearBreakpoint(pa: bigint): void;
  resumeOverBreakpoint(): void;
  setDebugEvents(mask: number): void;
  watchSysreg(index: number, on: number): void;
  addWatchpoint(lo: bigint, hi: bigint, kind: number): number;
  clearWatchpoints(): void;
  watchHitAddress: { value: bigint };
  debugStop: { value: number };
  debugSysreg: { value: number };
  lastVector(): bigint;
  setHighestEL(el: number): void;
  setDataAccessesNormal(on: number): void;
  exclusiveMonitorTagged(): number;
  signalBusError(): void;
  readPhys(pa: bigint, size: number): bigint;
  writePhys(pa: bigint, size: number, value: bigint): void;
  getPC(): bigint;
  setPC(v: bigint): void;
  getPSTATE(): number;
  setPSTATE(v: number): void;
  getInsnCount(): bigint;
  getFPCR(): number;
  setFPCR(v: number): void;
  getFPSR(): number;
  setFPSR(v: number): void;
  REGS: { value: number };
  SP_BASE: { value: number };
  V_BASE: { value: number };
  SYSREG_BASE: { value: number };
  translateForDebugger(va: bigint, regime: number, accessKind: number): number;
  walkRecordPointer(): number;
  walkResultPointer(): number;
  tlbPointer(): number;
  table: { length: number; grow(n: number): number; set(i: number, f: unknown): void };
  setGicSystemRegisters(on: number): void;
  setHostExceptionLevels(mask: number): void;
  hostExceptionReturn(): void;
  clearExclusiveLocal(): void;
  waitIsForEvent(): number;
  SYSREG_COUNT: { value: number };
  resetSystemRegisters(): void;
  debugReadSysreg(index: number): bigint;
  debugWriteSysreg(index: number, value: bigint): void;
  setFirmwareConduit(conduit: number): void;
  setInterruptLines(irq: number, fiq: number, serror: number): void;
  setVirtualInterruptLines(irq: number, fiq: number): void;
  machineTime(): bigint;
  nextTimerEvent(): bigint;
  skipTime(ns: bigint): void;
  timerLines(): number;
  JIT_CTX: { value: number };
  jitStep: unknown;
  jitConfigure(tableBase: number, threshold: number): void;
}

/** Translation regimes of translateForDebugger(). */
export enum Regime { EL10 = 1, EL2 = 2, EL3 = 3, EL20 = 4 }
/** Access kinds: read, write, fetch; add Unpriv for an EL0 access. */
export enum AccessKind { Read = 0, Write = 1, Fetch = 2, Unpriv = 4 }
export type WalkFaultType = 'translation' | 'accessFlag' | 'addressSize' | 'permission' | 'externalAbortOnWalk';
const FAULT_TYPES: WalkFaultType[] = ['translation', 'accessFlag', 'addressSize', 'permission', 'externalAbortOnWalk'];

/** One descriptor read by a walk. */
export interface WalkStep { stage: 1 | 2; level: number; table: bigint; address: bigint; descriptor: bigint }

/** Permissions (perm bits of src/core/mmu/walk.ts). */
export interface Stage1Perms { r1: boolean; w1: boolean; x1: boolean; r0: boolean; w0: boolean; x0: boolean }
export interface Stage2Perms { r: boolean; w: boolean; x: boolean }

/** What translateForDebugger() found: every descriptor read, then the output or the fault. */
export interface WalkResult {
  steps: WalkStep[];
  fault?: { type: WalkFaultType; stage: 1 | 2; level: number; s1ptw: boolean; ipa: bigint };
  pa?: bigint;
  ipa?: bigint;
  /** Stage 1 (absent when stage 1 is off): MAIR attribute byte, SH, nG, level and log2 size of the mapping. */
  stage1?: { attr: number; sh: number; nG: boolean; level: number; blockBits: number; perms: Stage1Perms };
  /** Stage 2 (absent when off): MemAttr[3:0], SH, level, log2 size, S2AP/XN. */
  stage2?: { memAttr: number; sh: number; level: number; blockBits: number; perms: Stage2Perms };
}

/** Where the built core lives: beside the running bundle or above it (out/), else out/ of the working directory. */
export function coreWasmPath(): string {
  for (let d = __dirname; d !== dirname(d); d = dirname(d)) {
    if (existsSync(join(d, 'core.wasm'))) return join(d, 'core.wasm');
  }
  const built = join(process.cwd(), 'out', 'core.wasm');
  if (existsSync(built)) return built;
  throw new Error('core.wasm not found: run `npm run build` first');
}

/** X0–X30, SP_EL0–SP_EL3 and V0–V31 in the core's memory (src/core/state.ts REGS). */
const REGS_BYTES = 1024;

/** A PE's architectural state outside RAM: general, SIMD and system registers, PC, PSTATE, FPCR, FPSR. */
export interface CpuSnapshot {
  readonly regs: Uint8Array;
  readonly sysregs: Uint8Array;
  readonly pc: bigint;
  readonly pstate: number;
  readonly fpcr: number;
  readonly fpsr: number;
}

/** The GICv3 CPU interface registers (ICC_*, ICH_*) by system-register index (src/arch/sysregs/table.ts). */
export interface GicSysregs {
  read(index: number): bigint;
  write(index: number, value: bigint): void;
}

/** Never called: without a GICv3 the core makes these registers UNDEFINED. */
const noGicSysregs: GicSysregs = { read: () => 0n, write: () => undefined };

/** No devices: every non-RAM access is a decode error. */
const unmapped: Bus = {
  read: () => undefined,
  write: () => false,
};

export class Core {
  private constructor(
    private readonly x: CoreExports,
    private readonly bus: { current: Bus },
    private readonly tier: TranslatingTier,
    private readonly gic: { current: GicSysregs },
  ) {}

  static async load(bus: Bus = unmapped, wasm: Uint8Array = readFileSync(coreWasmPath())): Promise<Core> {
    const ref = { current: bus };
    const gic = { current: noGicSysregs };
    let core: CoreExports | undefined;
    let tier: TranslatingTier | undefined;
    const { instance } = await WebAssembly.instantiate(wasm, {
      env: {
        abort: (_msg: number, _file: number, line: number, col: number) => { throw new Error(`core aborted at ${line}:${col}`); },
        mmioRead: (pa: bigint, size: number) => {
          const v = ref.current.read(BigInt.asUintN(64, pa), size);
          if (v === undefined) { core!.signalBusError(); return 0n; }
          return BigInt.asUintN(64, v);
        },
        mmioWrite: (pa: bigint, size: number, value: bigint) => {
          if (ref.current.write(BigInt.asUintN(64, pa), size, BigInt.asUintN(64, value)) === false) core!.signalBusError();
        },
        jitCompile: (entry: number, insn: number, maxWords: number, id: number) => tier!.compile(entry, insn, maxWords, id),
        gicRead: (idx: number) => BigInt.asUintN(64, gic.current.read(idx)),
        gicWrite: (idx: number, value: bigint) => gic.current.write(idx, BigInt.asUintN(64, value)),
      },
    });
    core = instance.exports as unknown as CoreExports;
    const tableBase = core.table.length;
    tier = new TranslatingTier(core.memory, core.table, tableBase,
      { regs: core.REGS.value, spBase: core.SP_BASE.value, ctx: core.JIT_CTX.value }, core.jitStep);
    core.jitConfigure(tableBase, DEFAULT_HOT_THRESHOLD);
    return new Core(core, ref, tier, gic);
  }

  /**
   * How many times a block start runs in the interpreter before it is translated to WebAssembly; 0 turns the
   * translating tier off, 1 translates at first sight (for tests, with minNativeWords 0 so that blocks are made of
   * any words). Drops every translated block.
   */
  setJitThreshold(n: number, minNativeWords = 1): void {
    this.tier.minNativeWords = minNativeWords;
    this.x.jitConfigure(this.tier.tableBase, n);
  }

  /** What the translating tier has done so far. */
  get jitStats(): TierStats { return this.tier.stats; }

  get exports(): CoreExports { return this.x; }

  private view(): DataView { return new DataView(this.x.memory.buffer); }

  decode(insn: number): number { return this.x.decode(insn | 0); }

  /** X0..X30; 31 reads as zero. */
  getX(n: number): bigint { return n === 31 ? 0n : this.view().getBigUint64(this.x.REGS.value + n * 8, true); }
  setX(n: number, v: bigint): void { if (n !== 31) this.view().setBigUint64(this.x.REGS.value + n * 8, BigInt.asUintN(64, v), true); }
  getSP(el: number): bigint { return this.view().getBigUint64(this.x.SP_BASE.value + el * 8, true); }
  setSP(el: number, v: bigint): void { this.view().setBigUint64(this.x.SP_BASE.value + el * 8, BigInt.asUintN(64, v), true); }
  getSysreg(index: number): bigint { return this.view().getBigUint64(this.x.SYSREG_BASE.value + index * 8, true); }
  setSysreg(index: number, v: bigint): void { this.view().setBigUint64(this.x.SYSREG_BASE.value + index * 8, BigInt.asUintN(64, v), true); }
  get pc(): bigint { return BigInt.asUintN(64, this.x.getPC()); }
  set pc(v: bigint) { this.x.setPC(v); }
  get pstate(): number { return this.x.getPSTATE() >>> 0; }
  set pstate(v: number) { this.x.setPSTATE(v); }
  get insnCount(): bigint { return BigInt.asUintN(64, this.x.getInsnCount()); }
  get fpcr(): number { return this.x.getFPCR() >>> 0; }
  setFpcr(v: number): void { this.x.setFPCR(v); }
  get fpsr(): number { return this.x.getFPSR() >>> 0; }
  setFpsr(v: number): void { this.x.setFPSR(v); }

  /** V0..V31 as 128-bit values. */
  getV(n: number): bigint {
    const d = this.view();
    const a = this.x.V_BASE.value + n * 16;
    return d.getBigUint64(a, true) | (d.getBigUint64(a + 8, true) << 64n);
  }

  setV(n: number, v: bigint): void {
    const d = this.view();
    const a = this.x.V_BASE.value + n * 16;
    d.setBigUint64(a, BigInt.asUintN(64, v), true);
    d.setBigUint64(a + 8, BigInt.asUintN(64, v >> 64n), true);
  }

  configureRam(base: bigint, size: bigint): void {
    if (!this.x.configureRam(base, size)) throw new Error(`unsupported RAM layout: base 0x${base.toString(16)}, size 0x${size.toString(16)}`);
  }

  /**
   * Copies bytes into guest physical memory: RAM directly, one chunk at a time (dropping what the core decoded or
   * translated there); anything else byte by byte.
   */
  writeBytes(pa: bigint, bytes: Uint8Array): void {
    const CHUNK = 0x10000;
    for (let i = 0; i < bytes.length;) {
      const at = pa + BigInt(i);
      const ptr = this.x.ramPointer(at) >>> 0;
      if (ptr === 0) {
        this.x.writePhys(at, 1, BigInt(bytes[i]));
        i++;
        continue;
      }
      const n = Math.min(bytes.length - i, CHUNK - Number(at & BigInt(CHUNK - 1)));
      new Uint8Array(this.x.memory.buffer, ptr, n).set(bytes.subarray(i, i + n));
      this.x.codeWritten(at, BigInt(n));
      i += n;
    }
  }

  /** Which exception levels exist: 1 (EL0/EL1), 2 (with EL2), 3 (with EL2 and EL3). */
  setHighestEL(el: 1 | 2 | 3): void { this.x.setHighestEL(el); }

  /**
   * Test-only: data accesses with the MMU off behave as Normal memory rather than Device-nGnRnE (no alignment
   * faults), as in qemu-aarch64 user mode, for differential tests.
   */
  setDataAccessesNormal(on: boolean): void { this.x.setDataAccessesNormal(on ? 1 : 0); }

  /** Whether the local exclusive monitor is in the Exclusive Access state. */
  get exclusiveMonitorTagged(): boolean { return this.x.exclusiveMonitorTagged() !== 0; }

  readBytes(pa: bigint, n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Number(this.x.readPhys(pa + BigInt(i), 1));
    return out;
  }

  run(budget: bigint): number { return this.x.run(budget); }

  setBus(bus: Bus): void { this.bus.current = bus; }

  /** The architectural state of the PE the core is executing, for a vCPU switch. */
  saveCpu(): CpuSnapshot {
    const m = new Uint8Array(this.x.memory.buffer);
    const regs = this.x.REGS.value;
    const sysregs = this.x.SYSREG_BASE.value;
    return {
      regs: m.slice(regs, regs + REGS_BYTES),
      sysregs: m.slice(sysregs, sysregs + this.x.SYSREG_COUNT.value * 8),
      pc: this.pc, pstate: this.pstate, fpcr: this.fpcr, fpsr: this.fpsr,
    };
  }

  /**
   * Makes `s` the state of the PE the core executes. The exclusive monitor is cleared: a vCPU switch is a
   * context switch, after which a store-exclusive must fail (another vCPU may have written the location).
   */
  loadCpu(s: CpuSnapshot): void {
    this.x.clearExclusiveLocal();
    const m = new Uint8Array(this.x.memory.buffer);
    m.set(s.regs, this.x.REGS.value);
    m.set(s.sysregs, this.x.SYSREG_BASE.value);
    this.pc = s.pc;
    this.pstate = s.pstate;
    this.setFpcr(s.fpcr);
    this.setFpsr(s.fpsr);
  }

  /**
   * The PA an access of `kind` at `va` reaches in the translation regime of EL `el` (1 for EL1&0, with stage 2 when
   * HCR_EL2.VM; 2 for EL2 or EL2&0 by HCR_EL2.E2H; 3), va itself with translation off; undefined when it faults.
   */
  physicalAddress(el: number, va: bigint, kind: AccessKind): bigint | undefined {
    const mmuOn = (this.getSysreg(sysRegIndex(`SCTLR_EL${el}`)) & 1n) !== 0n;
    const hcr = this.getSysreg(sysRegIndex('HCR_EL2'));
    if (!mmuOn && !(el === 1 && (hcr & 1n) !== 0n)) return va;
    const regime = el === 1 ? Regime.EL10 : el === 3 ? Regime.EL3 : (hcr >> 34n) & 1n ? Regime.EL20 : Regime.EL2;
    return this.translateForDebugger(va, regime, kind).pa;
  }

  /** The PA an instruction fetch at `va` reads at EL `el` (see physicalAddress). */
  fetchAddress(el: number, va: bigint): bigint | undefined { return this.physicalAddress(el, va, AccessKind.Fetch); }

  /**
   * Reads (`data` undefined) or writes bytes at `va` as the current EL's data accesses see it, page by page, for a
   * host service acting for the guest (semihosting); false where a page does not translate.
   */
  accessVirtual(va: bigint, n: number, data?: Uint8Array): Uint8Array | false {
    const el = Math.max(1, (this.pstate >>> 2) & 3);
    const out = new Uint8Array(n);
    for (let done = 0; done < n;) {
      const at = BigInt.asUintN(64, va + BigInt(done));
      const chunk = Math.min(n - done, 0x1000 - Number(at & 0xfffn));
      const pa = this.physicalAddress(el, at, data ? AccessKind.Write : AccessKind.Read);
      if (pa === undefined) return false;
      if (data) this.writeBytes(pa, data.subarray(done, done + chunk));
      else out.set(this.readBytes(pa, chunk), done);
      done += chunk;
    }
    return out;
  }

  /** Every system register to its reset value (a PE coming out of reset). */
  resetSysregs(): void { this.x.resetSystemRegisters(); }

  /** Gives the core a GICv3 CPU interface (the ICC and ICH registers become accessible), or none. */
  setGicSysregs(gic: GicSysregs | undefined): void {
    this.gic.current = gic ?? noGicSysregs;
    this.x.setGicSystemRegisters(gic ? 1 : 0);
  }

  /** Breakpoints are physical addresses for now (VA = PA while the MMU is off). */
  setBreakpoint(pa: bigint): void {
    if (!this.x.setBreakpoint(pa)) throw new Error('too many breakpoints (2048 at most)');
  }

  clearBreakpoint(pa: bigint): void { this.x.clearBreakpoint(pa); }

  /** The translation of va as the MMU would do it, with every descriptor read; changes no guest state. */
  translateForDebugger(va: bigint, regime: Regime, accessKind: number): WalkResult {
    const faultType = this.x.translateForDebugger(BigInt.asUintN(64, va), regime, accessKind);
    const d = this.view();
    const res = this.x.walkResultPointer() >>> 0;
    const slot = (i: number): bigint => d.getBigUint64(res + i * 8, true);
    const n = Number(slot(18));
    const rec = this.x.walkRecordPointer() >>> 0;
    const steps: WalkStep[] = [];
    for (let i = 0; i < n; i++) {
      const e = rec + i * 32;
      steps.push({
        stage: d.getUint32(e, true) as 1 | 2, level: d.getInt32(e + 4, true),
        table: d.getBigUint64(e + 8, true), address: d.getBigUint64(e + 16, true), descriptor: d.getBigUint64(e + 24, true),
      });
    }
    if (faultType !== 0) {
      return {
        steps,
        fault: {
          type: FAULT_TYPES[faultType - 1], stage: Number(slot(1)) as 1 | 2, level: Number(BigInt.asIntN(64, slot(2))),
          s1ptw: slot(3) !== 0n, ipa: slot(4),
        },
      };
    }
    const out: WalkResult = { steps, pa: slot(5), ipa: slot(6) };
    const s1Level = Number(BigInt.asIntN(64, slot(10)));
    if (s1Level >= 0) {
      const p = Number(slot(12));
      out.stage1 = {
        attr: Number(slot(7)), sh: Number(slot(8)), nG: slot(9) !== 0n, level: s1Level, blockBits: Number(slot(11)),
        perms: { r1: !!(p & 1), w1: !!(p & 2), x1: !!(p & 4), r0: !!(p & 8), w0: !!(p & 16), x0: !!(p & 32) },
      };
    }
    const s2Level = Number(BigInt.asIntN(64, slot(15)));
    if (s2Level >= 0) {
      const p = Number(slot(17));
      out.stage2 = {
        memAttr: Number(slot(13)), sh: Number(slot(14)), level: s2Level, blockBits: Number(slot(16)),
        perms: { r: !!(p & 1), w: !!(p & 2), x: !!(p & 4) },
      };
    }
    return out;
  }

  /** The next run() executes the instruction at PC even if it carries a breakpoint. */
  resumeOverBreakpoint(): void { this.x.resumeOverBreakpoint(); }

  /** Which events stop run() with Exit.Debug (bits: 1 << DebugStop). */
  setDebugEvents(mask: number): void { this.x.setDebugEvents(mask); }

  watchSysreg(index: number, on: boolean): void { this.x.watchSysreg(index, on ? 1 : 0); }

  /** Watches data accesses to physical [lo, hi): `reads`/`writes`; false when the core's slots are used up. */
  addWatchpoint(lo: bigint, hi: bigint, reads: boolean, writes: boolean): boolean {
    return this.x.addWatchpoint(lo, hi, (reads ? 1 : 0) | (writes ? 2 : 0)) !== 0;
  }

  clearWatchpoints(): void { this.x.clearWatchpoints(); }

  /** The physical address whose access made the last watchpoint stop. */
  get watchHitAddress(): bigint { return BigInt.asUintN(64, this.x.watchHitAddress.value); }

  /** Why the last Exit.Debug happened (DebugStop in src/core/debug.ts) and, for SysregWrite, which register. */
  get debugStop(): { kind: number; sysreg: number } {
    return { kind: this.x.debugStop.value, sysreg: this.x.debugSysreg.value };
  }
}
