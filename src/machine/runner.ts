// Runs a guest on the virt board: loads it as `-kernel`, starts the boot CPU at the chosen EL, and time-slices the
// vCPUs on the core (round-robin by instruction quantum, deterministic) until the guest exits through
// semihosting or PSCI SYSTEM_OFF, can make no progress, or reaches the instruction limit.
import { VirtBoard } from './board';
import { Core, CpuSnapshot } from './core';
import { CpuPowerState, isPsciCall, MPIDR_AFFINITY, PsciPlatform, psciCall } from './psci';
import { Console, Semihosting, SemihostingFault } from './semihosting';
import { BuiltinHypervisor, HYPERVISOR_RESERVED } from './hypervisor';
import { El2ExitRecorder, TrapLog, TrapRecord } from './traps';
import { sysRegIndex } from '../arch/sysregs/table';

export const RAM_BASE = 0x40000000n;

export interface RunOptions {
  /** Exception level the guest starts at; EL2 and EL3 exist only when the guest starts at or above them. */
  readonly el: 1 | 2 | 3;
  readonly memory: bigint;
  readonly maxInsns?: bigint;
  /** Directory semihosting file access is confined to. */
  readonly root: string;
  readonly cmdline: string;
  readonly console: Console;
  readonly cpus?: number;
  readonly gic?: 2 | 3;
  readonly dtb?: Uint8Array;
  readonly append?: string;
  readonly initrd?: Uint8Array;
  /** 'builtin': the guest runs at EL1 under Trapdoor's own EL2 (src/machine/hypervisor.ts); 'none': the bare board. */
  readonly hypervisor?: 'none' | 'builtin';
  /** Receives every completed trap record (the built-in hypervisor's exits). */
  readonly onTrap?: (record: TrapRecord) => void;
}

export type RunOutcome =
  | { kind: 'exit'; status: number; reason: number }
  | { kind: 'limit' | 'left-ram' | 'idle' | 'spinning'; report: string };

/** Core exit reasons (src/core/debug.ts Exit). */
const enum Exit {
  Budget = 0, WaitForInterrupt = 1, Semihosting = 2, Debug = 3, FetchFromNowhere = 4, TimerProgrammed = 5, FirmwareCall = 6,
  HostTrap = 7,
}

/** ADP_Stopped_ApplicationExit: the reason reported for a PSCI SYSTEM_OFF. */
const REASON_SYSTEM_OFF = 0x20026;
const SLICE = 5_000_000n;
/** Instructions a vCPU runs before the next runnable one gets the core. */
const QUANTUM = 100_000n;
const NEVER = (1n << 64n) - 1n;
const B_SELF = 0x14000000;
/** An exception the core took: on which vCPU, from and to which EL, and the vector entry's address. */
export interface TakenException { readonly vcpu: number; readonly from: number; readonly to: number; readonly vector: bigint }

/** Returns from the core one step() handles before it lets its caller run (see step()). */
const MAX_EXITS_PER_STEP = 2000;

/** Core debug stop kinds (src/core/debug.ts DebugStop) the runner observes for the trap records. */
const DEBUG_BREAKPOINT = 1, DEBUG_EXCEPTION_TAKEN = 2, DEBUG_EXCEPTION_RETURN = 3;
const MPIDR_EL1 = sysRegIndex('MPIDR_EL1');
const VMPIDR_EL2 = sysRegIndex('VMPIDR_EL2');

interface Vcpu {
  readonly index: number;
  readonly mpidr: bigint;
  power: CpuPowerState;
  /** Saved while another vCPU has the core. */
  state?: CpuSnapshot;
  /** In WFI/WFE or CPU_SUSPEND: runs again on an interrupt line, at `wakeAt` (its timer), or when another vCPU ran. */
  waiting: boolean;
  wakeAt: bigint;
  /** The wait is a WFE: FIXME(out-of-spec): SEV is not delivered as an event, any other vCPU's progress ends it. */
  inWfe: boolean;
}

export class Runner {
  private readonly vcpus: Vcpu[];
  private turnUsed = 0n;
  /** Whether more UART input may arrive (the host's input is still open). */
  private inputOpen = false;
  private inputArrived: (() => void) | undefined;

  /** Exits to EL2 and how they ended (the built-in hypervisor's). */
  readonly traps = new TrapLog();
  private hypervisor: BuiltinHypervisor | undefined;
  private recorder: El2ExitRecorder | undefined;
  private stopped: RunOutcome | undefined;

  private constructor(readonly board: VirtBoard, private readonly semihosting: Semihosting, private readonly opts: RunOptions) {
    this.traps.sink = opts.onTrap;
    this.vcpus = Array.from({ length: board.config.cpus }, (_, index) => ({
      index, mpidr: board.mpidr(index), power: index === 0 ? 'on' : 'off', waiting: false, wakeAt: NEVER, inWfe: false,
    }));
    board.onLineRaised = (cpu) => { this.vcpus[cpu].waiting = false; };
    if (opts.hypervisor === 'builtin') {
      this.hypervisor = new BuiltinHypervisor(board.core, RAM_BASE, opts.memory, this.traps, board.gic);
      this.hypervisor.configureVcpu(this.vcpus[0].mpidr, 0);
      board.core.exports.setHostExceptionLevels(1 << 2);
    } else if (opts.el >= 2) {
      // The user's own EL2: its data aborts from lower ELs are recorded, completed when it returns to the guest.
      const regs = {
        ESR_EL2: sysRegIndex('ESR_EL2'), FAR_EL2: sysRegIndex('FAR_EL2'), HPFAR_EL2: sysRegIndex('HPFAR_EL2'),
        ELR_EL2: sysRegIndex('ELR_EL2'), SPSR_EL2: sysRegIndex('SPSR_EL2'),
      };
      this.recorder = new El2ExitRecorder(this.traps, regs, (ipa, size) => board.map.lookup(ipa, size)?.device.name);
      this.recorderEvents = (1 << DEBUG_EXCEPTION_TAKEN) | (1 << DEBUG_EXCEPTION_RETURN);
      board.core.exports.setDebugEvents(this.recorderEvents);
    }
  }

  get core(): Core { return this.board.core; }

  /** The debug events (bit per DebugStop kind) the trap recorder needs; a debugger's are merged with them. */
  private recorderEvents = 0;
  private debuggerEvents = 0;

  /** Debug events a debugger wants a stop for: step() returns 'debug' for these and only these. */
  setDebuggerEvents(mask: number): void {
    this.debuggerEvents = mask;
    this.core.setDebugEvents(mask | this.recorderEvents | (this.observer ? 1 << DEBUG_EXCEPTION_TAKEN : 0));
  }

  private observer: ((e: TakenException) => boolean) | undefined;
  /**
   * Sees every exception taken, on entry (for an EL the built-in hypervisor plays: before it handles it). When it
   * returns true, step() returns 'debug' (after the host's handler, if any).
   */
  setExceptionObserver(fn: ((e: TakenException) => boolean) | undefined): void {
    this.observer = fn;
    this.setDebuggerEvents(this.debuggerEvents);
  }

  private observe(vcpu: number): boolean {
    const last = this.core.exports.lastException();
    if (!this.observer || last === 0xff) return false;
    return this.observer({ vcpu, from: last & 3, to: (last >> 2) & 3, vector: BigInt.asUintN(64, this.core.exports.lastVector()) });
  }

  /** Interrupt lines held low for the core (a debugger stepping with interrupts masked); the GIC keeps them pending. */
  setInterruptsMasked(masked: boolean): void { this.board.setLinesMasked(masked); }

  /** Puts powered vCPU `index` on the core while the machine is stopped (a debugger looking at that thread). */
  focus(index: number): void {
    const v = this.vcpus[index];
    if (v && v.power === 'on' && index !== this.board.runningCpu) this.switchTo(v);
  }

  /** Every vCPU with its MPIDR and power state (threads for a debugger). */
  get vcpuStates(): readonly { readonly index: number; readonly mpidr: bigint; readonly power: CpuPowerState; readonly state?: CpuSnapshot }[] {
    return this.vcpus;
  }

  static async create(image: Uint8Array, opts: RunOptions): Promise<Runner> {
    const console = opts.console;
    const board = await VirtBoard.create(image, {
      el: opts.el, memory: opts.memory, cpus: opts.cpus ?? 1, gic: opts.gic ?? 2, dtb: opts.dtb, bootargs: opts.append,
      initrd: opts.initrd, uartOut: (byte) => console.write(Uint8Array.of(byte), 'stdout'),
      hypervisorReserved: opts.hypervisor === 'builtin' ? HYPERVISOR_RESERVED : undefined,
    });
    const core = board.core;
    core.setSysreg(MPIDR_EL1, board.mpidr(0));
    core.setSysreg(VMPIDR_EL2, board.mpidr(0));
    core.pc = board.kernel.entry;
    // ELxh with D, A, I and F masked, as a CPU leaving reset (or QEMU's boot code) enters the guest; a Linux-style
    // boot has the DTB in X0 (booting.rst), an ELF X0 = 0 as QEMU leaves it.
    core.pstate = 0x3c0 | (opts.el << 2) | 1;
    if (board.kernel.linux && board.dtbAddress !== undefined) core.setX(0, board.dtbAddress);
    const top = RAM_BASE + opts.memory;
    const guest = {
      // Through the caller's translation regime: a guest with the MMU on passes virtual addresses.
      readVirt: (va: bigint, n: number) => {
        const bytes = core.accessVirtual(va, n);
        if (bytes === false) throw new SemihostingFault(va);
        return bytes;
      },
      writeVirt: (va: bigint, bytes: Uint8Array) => {
        if (core.accessVirtual(va, bytes.length, bytes) === false) throw new SemihostingFault(va);
      },
      getX: (n: number) => core.getX(n),
      setX: (n: number, v: bigint) => core.setX(n, v),
      get insnCount() { return core.insnCount; },
    };
    const heapBase = (board.kernel.end + 0xfffn) & ~0xfffn;
    const semihosting = new Semihosting(guest, console, {
      root: opts.root,
      cmdline: opts.cmdline,
      heap: { base: heapBase, limit: top - 0x100000n, stackBase: top, stackLimit: top - 0x100000n },
    });
    return new Runner(board, semihosting, opts);
  }

  /** Host input for the UART; `more` false when no more will come. */
  pushUartInput(bytes: Uint8Array, more = true): void {
    this.board.uart.pushInput(bytes);
    this.inputOpen = more;
    this.inputArrived?.();
  }

  /** Whether the guest has touched the UART's receive side (so that a host should start feeding it). */
  setUartInputOpen(open: boolean): void { this.inputOpen = open; }

  private where(): string {
    const c = this.core;
    const el = (c.pstate >> 2) & 3;
    const cpu = this.vcpus.length > 1 ? `CPU ${this.board.runningCpu}: ` : '';
    let s = `${cpu}PC 0x${c.pc.toString(16)} at EL${el}, ${c.insnCount} instructions executed`;
    const last = c.exports.lastException();
    if (last !== 0xff) {
      const to = (last >> 2) & 3;
      const esr = c.getSysreg(sysRegIndex(`ESR_EL${to}`));
      const elr = c.getSysreg(sysRegIndex(`ELR_EL${to}`));
      s += `; last exception EL${last & 3} -> EL${to}, ESR_EL${to} 0x${esr.toString(16)} (EC 0x${(esr >> 26n & 0x3fn).toString(16)}), ` +
        `ELR_EL${to} 0x${elr.toString(16)}, vector 0x${BigInt.asUintN(64, c.exports.lastVector()).toString(16)}`;
    }
    return s;
  }

  private now(): bigint { return BigInt.asUintN(64, this.core.exports.machineTime()); }

  private runnable(v: Vcpu): boolean {
    if (v.power !== 'on') return false;
    if (v.waiting) {
      const l = this.board.lines[v.index];
      if (l.irq || l.fiq || l.virq || l.vfiq || v.wakeAt <= this.now()) v.waiting = false;
    }
    return !v.waiting;
  }

  /** The vCPU to run next: the current one until its quantum is used, then the next runnable in order. */
  private pick(): Vcpu | undefined {
    const n = this.vcpus.length;
    const cur = this.board.runningCpu;
    if (this.turnUsed < QUANTUM && this.runnable(this.vcpus[cur])) return this.vcpus[cur];
    for (let i = 1; i <= n; i++) {
      const v = this.vcpus[(cur + i) % n];
      if (this.runnable(v)) return v;
    }
    return undefined;
  }

  private switchTo(v: Vcpu): void {
    const cur = this.vcpus[this.board.runningCpu];
    if (v !== cur) {
      if (cur.power !== 'off') cur.state = this.core.saveCpu();
      this.core.loadCpu(v.state!);
      v.state = undefined;
      this.board.setRunning(v.index);
      // Another vCPU made progress: those waiting in WFE may have been signalled (SEV, or a lock released).
      for (const w of this.vcpus) if (w !== cur && w.inWfe) w.waiting = false;
    }
    this.turnUsed = 0n;
    this.board.updateTimerPpis();
  }

  /**
   * Executes up to `budget` instructions and handles what stopped them. Returns undefined when the guest may go
   * on, 'debug' at a breakpoint or debug event, or the outcome when it has finished or cannot make progress.
   */
  step(budget: bigint): RunOutcome | 'debug' | undefined {
    const core = this.core;
    const start = core.insnCount;
    // Exits to the host cost far more than instructions: a guest that traps on every other instruction (polling a
    // device under the built-in hypervisor) would keep the host from its event loop, and from UART input, for seconds.
    for (let exits = 0; core.insnCount - start < budget && exits < MAX_EXITS_PER_STEP; exits++) {
      const v = this.pick();
      if (!v) {
        const idle = this.idleUntilWake();
        if (idle === 'input') return undefined;
        if (idle) return this.ended(idle);
        continue;
      }
      this.switchTo(v);
      let slice = budget - (core.insnCount - start);
      if (QUANTUM - this.turnUsed < slice && this.vcpus.length > 1) slice = QUANTUM - this.turnUsed;
      const event = BigInt.asUintN(64, core.exports.nextTimerEvent());
      if (event !== NEVER) {
        const until = event - this.now();
        if (until < slice) slice = until > 0n ? until : 1n;
      }
      const before = core.insnCount;
      const pcBefore = core.pc;
      const exit = core.run(slice) as Exit;
      this.turnUsed += core.insnCount - before;
      this.board.updateTimerPpis();
      const result = this.handleExit(exit, v, slice, pcBefore);
      if (result === 'debug') return result;
      if (result !== undefined) return this.ended(result);
    }
    return undefined;
  }

  private ended(outcome: RunOutcome): RunOutcome {
    this.recorder?.closeAll();
    return outcome;
  }

  private handleExit(exit: Exit, v: Vcpu, slice: bigint, pcBefore: bigint): RunOutcome | 'debug' | undefined {
    const core = this.core;
    switch (exit) {
      case Exit.Semihosting: {
        const done = this.semihosting.call();
        return done ? { kind: 'exit', status: done.status, reason: done.reason } : undefined;
      }
      case Exit.WaitForInterrupt: {
        this.startWaiting(v, core.exports.waitIsForEvent() !== 0);
        return undefined;
      }
      case Exit.FirmwareCall: {
        const x0 = this.firmwareCall(v, [0, 1, 2, 3].map((n) => core.getX(n)));
        if (x0 !== undefined && v.power === 'on') core.setX(0, x0);
        return this.stopped;
      }
      case Exit.HostTrap: {
        const hv = this.hypervisor!;
        const runner = this;
        const observed = this.observe(v.index);
        const done = hv.handleExit({
          core, map: this.board.map, vcpu: v.index,
          firmwareCall: (regs) => this.firmwareCall(v, regs),
          waitForInterrupt: () => this.startWaiting(v, false),
          get stopped() { return runner.stopped !== undefined; },
        });
        if (typeof done === 'object') return { kind: 'left-ram', report: `${done.fault}: ${this.where()}` };
        if (this.stopped) return this.stopped;
        return observed || (this.debuggerEvents & (1 << core.debugStop.kind)) !== 0 ? 'debug' : undefined;
      }
      case Exit.FetchFromNowhere:
        return { kind: 'left-ram', report: `execution left RAM: ${this.where()}` };
      case Exit.Debug: {
        const kind = core.debugStop.kind;
        if (this.recorder && kind === DEBUG_EXCEPTION_TAKEN) {
          const last = core.exports.lastException();
          if (((last >> 2) & 3) === 2) this.recorder.exceptionTaken(core, v.index, last & 3);
        }
        if (this.recorder && kind === DEBUG_EXCEPTION_RETURN) this.recorder.exceptionReturned(core, v.index);
        const observed = kind === DEBUG_EXCEPTION_TAKEN && this.observe(v.index);
        // Breakpoints always stop; an event only when the debugger asked for it (not just the recorder).
        return observed || kind === DEBUG_BREAKPOINT || (this.debuggerEvents & (1 << kind)) !== 0 ? 'debug' : undefined;
      }
      case Exit.Budget:
        if (slice > 1n && core.pc === pcBefore && this.isBranchToSelf(core.pc) && this.nothingCanInterrupt()) {
          return { kind: 'spinning', report: `the guest spins on a branch to itself: ${this.where()}` };
        }
        return undefined;
      default:
        return undefined;
    }
  }

  /** The vCPU executed WFI or WFE (`forEvent`), or a trapped WFI: it waits unless an interrupt is already signalled. */
  private startWaiting(v: Vcpu, forEvent: boolean): void {
    const core = this.core;
    const l = this.board.lines[v.index];
    if (l.irq || l.fiq || l.virq || l.vfiq) return;
    v.waiting = true;
    v.wakeAt = BigInt.asUintN(64, core.exports.nextTimerEvent());
    v.inWfe = forEvent;
  }

  /** A spin on `b .` ends only by an interrupt: none can come when no timer is armed and no other vCPU runs. */
  private nothingCanInterrupt(): boolean {
    if (this.inputOpen) return false;
    if (BigInt.asUintN(64, this.core.exports.nextTimerEvent()) !== NEVER) return false;
    return this.vcpus.every((w) => w.index === this.board.runningCpu || w.power === 'off' || (w.waiting && w.wakeAt === NEVER));
  }

  /** Every powered vCPU waits: time jumps to the earliest timer; with none armed the guest is idle for good. */
  private idleUntilWake(): RunOutcome | 'input' | undefined {
    const on = this.vcpus.filter((w) => w.power === 'on');
    if (on.length === 0) return { kind: 'idle', report: `every CPU is powered off: ${this.where()}` };
    const wake = on.reduce((m, w) => (w.wakeAt < m ? w.wakeAt : m), NEVER);
    if (wake === NEVER) {
      if (this.inputOpen) return 'input';
      return { kind: 'idle', report: `the guest waits for an interrupt that nothing will raise: ${this.where()}` };
    }
    const now = this.now();
    if (wake > now) this.core.exports.skipTime(wake - now);
    return undefined;
  }

  /** A PSCI (or other SMCCC) call from vCPU v: the value for X0, undefined when it does not return. */
  private firmwareCall(v: Vcpu, regs: bigint[]): bigint | undefined {
    // SMCCC: an unknown function returns NOT_SUPPORTED (-1) in X0.
    if (!isPsciCall(regs[0])) return (1n << 64n) - 1n;
    const platform: PsciPlatform = {
      cpuState: (mpidr) => this.vcpuOf(mpidr)?.power,
      cpuOn: (mpidr, entry, contextId) => this.cpuOn(mpidr, entry, contextId),
      cpuOff: () => { v.power = 'off'; v.state = undefined; this.turnUsed = QUANTUM; },
      cpuSuspend: () => { v.waiting = true; v.wakeAt = BigInt.asUintN(64, this.core.exports.nextTimerEvent()); },
      systemOff: () => { this.stopped = { kind: 'exit', status: 0, reason: REASON_SYSTEM_OFF }; },
      // FIXME(out-of-spec): QEMU reboots the machine; Trapdoor ends the run as QEMU does with -no-reboot.
      systemReset: () => { this.stopped = { kind: 'exit', status: 0, reason: REASON_SYSTEM_OFF }; },
    };
    return psciCall(platform, { cpu: v.index, aarch64: true }, regs).x0;
  }

  /** The vCPU PSCI names by the affinity fields of its MPIDR. */
  private vcpuOf(mpidr: bigint): Vcpu | undefined {
    return this.vcpus.find((w) => (w.mpidr & MPIDR_AFFINITY) === (mpidr & MPIDR_AFFINITY));
  }

  /** PSCI CPU_ON: the CPU leaves reset at `entry` in the highest non-secure EL with the MMU off and X0 = contextId. */
  private cpuOn(mpidr: bigint, entry: bigint, contextId: bigint): void {
    const target = this.vcpuOf(mpidr);
    if (!target) return;
    const core = this.core;
    const mine = core.saveCpu();
    core.resetSysregs();
    core.setSysreg(MPIDR_EL1, target.mpidr);
    core.setSysreg(VMPIDR_EL2, target.mpidr);
    this.hypervisor?.configureVcpu(target.mpidr, target.index);
    const reset = core.saveCpu();
    core.loadCpu(mine);
    const regs = new Uint8Array(reset.regs.length);
    new DataView(regs.buffer).setBigUint64(0, BigInt.asUintN(64, contextId), true);
    const el = Math.min(this.board.config.el, 2);
    target.state = { ...reset, regs, pc: entry, pstate: 0x3c0 | (el << 2) | 1, fpcr: 0, fpsr: 0 };
    // The reset above recomputed the core's interrupt lines from reset values: give them back to the caller.
    this.board.setRunning(this.board.runningCpu);
    target.power = 'on';
    target.waiting = false;
    target.inWfe = false;
  }

  private isBranchToSelf(pc: bigint): boolean {
    const pa = this.core.fetchAddress(Math.max((this.core.pstate >> 2) & 3, 1), pc);
    return pa !== undefined && this.core.readBytes(pa, 4).every((b, i) => b === ((B_SELF >>> (8 * i)) & 0xff));
  }

  /** Runs to completion, yielding to the event loop between slices so that the process stays interruptible. */
  async run(): Promise<RunOutcome> {
    const limit = this.opts.maxInsns;
    for (;;) {
      let budget = SLICE;
      if (limit !== undefined) {
        const left = limit - this.core.insnCount;
        if (left <= 0n) return { kind: 'limit', report: `instruction limit reached: ${this.where()}` };
        if (left < budget) budget = left;
      }
      const before = this.core.insnCount;
      const result = this.step(budget);
      if (result !== undefined && result !== 'debug') return result;
      if (this.core.insnCount === before && this.inputOpen) {
        // Every CPU waits and only UART input can wake one.
        await new Promise<void>((r) => { this.inputArrived = r; });
        this.inputArrived = undefined;
      } else {
        await new Promise((r) => setImmediate(r));
      }
    }
  }
}
