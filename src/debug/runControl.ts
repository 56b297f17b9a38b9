// Running and stepping the machine for the session: continue in slices that keep the adapter responsive, pause, and
// the exception-aware steps (next over calls and exceptions, step out of functions and handlers), and the decision
// whether a breakpoint, a data breakpoint or an exception filter stops the run.
import { sysRegIndex, SYSREGS } from '../arch/sysregs/table';
import type { Disassembler } from '../arch/a64/disasm/disassemble';
import type { RunOutcome, Runner, TakenException } from '../machine/runner';
import { Breakpoints, DebugStop } from './breakpoints';
import { conditionValues, describeException, ExceptionFacts, exceptionFacts } from './exceptionFilters';
import { describePstate } from './variables';

/** Branches that `next` steps like any instruction (no return to the following instruction is expected). */
const PLAIN_BRANCH = /^(B|B_only|CBN?Z|TBN?Z|BR|RET|ERET|BRA[AB]Z?|RETA[AB]|ERETA[AB])_/;

/** Instructions per slice while running: small enough that pause answers within a few milliseconds. */
const SLICE = 200_000n;
/** How often a guest that waits for console input is looked at again (well within pause's 20 ms). */
const IDLE_POLL_MS = 5;
/** The most instructions a step by source line executes before it stops anyway. */
const LINE_STEPS = 100_000;

export interface Stop { readonly reason: string; readonly description?: string; readonly hitBreakpointIds?: number[] }

/** What the session does with what happens while running. */
export interface RunHooks {
  stopped(stop: Stop): void;
  finished(result: RunOutcome): void;
  /** Send the events gathered while running (trap records, stage-2 faults). */
  flush(): void;
  /** Every exception taken, as the filters see it. */
  exception(facts: ExceptionFacts, e: TakenException): void;
  /** A breakpoint's or a filter's condition; throws when it cannot be evaluated. */
  test(condition: string, extra?: Record<string, bigint>): boolean;
  /** A logpoint's message, with its {expressions} still to interpolate. */
  log(message: string): void;
}

export class RunControl {
  private running = false;
  private pauseRequested = false;
  /** Where a `next` or `step out` stops: an address at an EL, or (step out of a handler) the ERET from an EL. */
  private stepTarget: { pc: bigint; el: number; eretFrom?: number } | undefined;
  /** A stop decided by the exception observer, reported when the core comes back. */
  private pending: Stop | undefined;

  constructor(private readonly runner: Runner, private readonly bps: Breakpoints, private readonly disassembler: Disassembler,
    private readonly hooks: RunHooks, private readonly maskInterruptsWhileStepping: boolean) {
    const ram = { lo: 0x4000_0000n, hi: 0x4000_0000n + runner.board.config.memory };
    runner.setExceptionObserver((e) => this.exceptionTaken(e, (ipa) => ipa >= ram.lo && ipa < ram.hi));
  }

  get isRunning(): boolean { return this.running; }

  pause(): void { this.pauseRequested = true; }

  private get core() { return this.runner.core; }
  private get el(): number { return (this.core.pstate >>> 2) & 3; }

  private exceptionTaken(e: TakenException, isRam: (ipa: bigint) => boolean): boolean {
    const facts = exceptionFacts(this.core, e, isRam);
    this.hooks.exception(facts, e);
    for (const f of facts.filters) {
      if (!this.bps.filters.has(f)) continue;
      const condition = this.bps.filters.get(f);
      try {
        if (condition && !this.hooks.test(condition, conditionValues(facts))) continue;
      } catch (err) {
        this.pending = { reason: 'exception', description: `${describeException(facts)} (condition error: ${(err as Error).message})` };
        return true;
      }
      this.pending = { reason: 'exception', description: describeException(facts) };
      return true;
    }
    return false;
  }

  /**
   * While set, a step that ends on the same source line at the same EL steps again (stepping by statement).
   * At most LINE_STEPS instructions: a line that loops on itself stops eventually.
   */
  private sameLine: ((pc: bigint, el: number) => boolean) | undefined;
  private lineBudget = 0;

  /** step in: one instruction, or with `sameLine`, until the line changes (into a call, or an exception's vector). */
  stepIn(sameLine?: (pc: bigint, el: number) => boolean): void {
    this.sameLine = undefined;
    for (let n = 0; ; n++) {
      if (!this.stepOne()) return;
      if (this.pending || !sameLine || n >= LINE_STEPS || !sameLine(this.core.pc, this.el)) break;
    }
    this.report(this.pending ?? { reason: 'step' });
  }

  /**
   * next: one instruction, except that a call (BL, BLR) or an instruction that raises an exception (SVC, HVC, SMC, a
   * trapped access, an abort) runs on until control is back at the following instruction at the original EL. With
   * `sameLine`, repeated until the source line changes.
   */
  next(sameLine?: (pc: bigint, el: number) => boolean): void {
    this.sameLine = sameLine;
    this.lineBudget = LINE_STEPS;
    this.nextOnce();
  }

  private nextOnce(): void {
    const core = this.core;
    for (;;) {
      const pc = core.pc;
      const el = this.el;
      const pa = core.fetchAddress(Math.max(el, 1), pc);
      const word = pa === undefined ? undefined : new DataView(core.readBytes(pa, 4).buffer).getUint32(0, true);
      const row = word === undefined ? undefined : this.disassembler.decodeRow(word);
      if (!this.stepOne()) return;
      const straight = core.pc === pc + 4n && this.el === el;
      const target = core.fetchAddress(Math.max(el, 1), pc + 4n);
      if (this.pending || straight || (row !== undefined && PLAIN_BRANCH.test(row.form)) || target === undefined) {
        if (!this.pending && this.stepAgain()) continue;
        this.report(this.pending ?? { reason: 'step' });
        return;
      }
      this.stepTarget = { pc: pc + 4n, el };
      this.bps.setTemporary(target);
      this.resume(true);
      return;
    }
  }

  /** Whether a line step goes on: still on the line it started from, within its budget. */
  private stepAgain(): boolean {
    if (!this.sameLine || --this.lineBudget <= 0 || !this.sameLine(this.core.pc, this.el)) {
      this.sameLine = undefined;
      return false;
    }
    return true;
  }

  /**
   * step out: runs until the function returns to its caller at this EL (`returnAddress`, from the unwound frames, or
   * X30 in a function that has not saved it), or until an ERET from this EL leaves the exception handler (whichever
   * comes first).
   */
  stepOut(returnAddress?: bigint): void {
    const core = this.core;
    const el = this.el;
    const target = returnAddress ?? core.getX(30);
    this.stepTarget = { pc: target, el, eretFrom: el };
    this.bps.setTemporary(core.fetchAddress(Math.max(el, 1), target));
    this.resume(true);
  }

  /** A run or step starting on a breakpoint executes that instruction instead of stopping on it again. */
  private leaveBreakpointAtPc(): void {
    if (this.bps.has(this.core.fetchAddress(Math.max(this.el, 1), this.core.pc) ?? -1n)) this.core.resumeOverBreakpoint();
  }

  /** Executes one instruction; false when the guest finished instead (the session has been told). */
  private stepOne(): boolean {
    const core = this.core;
    this.pending = undefined;
    this.bps.place();
    this.leaveBreakpointAtPc();
    this.runner.setDebuggerEvents(this.bps.events);
    this.runner.setInterruptsMasked(this.maskInterruptsWhileStepping);
    let result: ReturnType<Runner['step']>;
    try {
      result = this.runner.step(1n);
    } catch (e) {
      this.pending = { reason: 'exception', description: `internal error in the machine: ${(e as Error).message}` };
      result = undefined;
    }
    this.runner.setInterruptsMasked(false);
    this.hooks.flush();
    if (result === 'debug' && core.debugStop.kind === DebugStop.SysregWrite) this.bps.place();
    if (result === undefined || result === 'debug') return true;
    this.hooks.finished(result);
    return false;
  }

  /** continue (or, `stepping`, the run of a next or step out). */
  resume(stepping = false): void {
    const runner = this.runner;
    if (this.running) return;
    this.running = true;
    this.pauseRequested = false;
    this.pending = undefined;
    this.bps.place();
    const stepOutOfHandler = this.stepTarget?.eretFrom !== undefined ? 1 << DebugStop.ExceptionReturn : 0;
    runner.setDebuggerEvents(this.bps.events | stepOutOfHandler);
    runner.setInterruptsMasked(stepping && this.maskInterruptsWhileStepping);
    this.leaveBreakpointAtPc();
    const slice = (): void => {
      if (this.pauseRequested) {
        this.end({ reason: 'pause' });
        return;
      }
      const before = runner.core.insnCount;
      let result: ReturnType<Runner['step']>;
      try {
        result = runner.step(SLICE);
      } catch (e) {
        // A fault in Trapdoor itself, not in the guest: the session stops there and stays usable.
        this.end({ reason: 'exception', description: `internal error in the machine: ${(e as Error).message}` });
        return;
      }
      if (result === 'debug') {
        const stop = this.pending ?? this.debugStop();
        this.pending = undefined;
        if (stop) {
          this.end(stop);
          return;
        }
        // Going on from a breakpoint that is not a stop (a condition false, the step target at another EL).
        if (runner.core.debugStop.kind === DebugStop.Breakpoint) runner.core.resumeOverBreakpoint();
      } else if (result !== undefined) {
        this.end(undefined);
        this.hooks.finished(result);
        return;
      }
      this.hooks.flush();
      // Every vCPU waits and only console input can wake one: look again shortly, leaving the host CPU idle.
      if (runner.core.insnCount === before) setTimeout(slice, IDLE_POLL_MS);
      else setImmediate(slice);
    };
    setImmediate(slice);
  }

  /** The run is over: a step's temporary breakpoint goes, interrupts flow again, and the session hears why. */
  private end(stop: Stop | undefined): void {
    this.running = false;
    this.hooks.flush();
    this.runner.setInterruptsMasked(false);
    if (this.stepTarget !== undefined) {
      this.stepTarget = undefined;
      this.bps.setTemporary(undefined);
    }
    if (!stop) return;
    // A line step that ran over a call is back on its line: it goes on (from a fresh stack, this is a callback).
    if (stop.reason === 'step' && this.stepAgain()) {
      this.nextOnce();
      return;
    }
    this.report(stop);
  }

  private report(stop: Stop): void {
    this.sameLine = undefined;
    this.hooks.flush();
    this.hooks.stopped(stop);
  }

  /** Why the core stopped with a debug event, or undefined when the run goes on (a VBAR moved, a condition false). */
  private debugStop(): Stop | undefined {
    const core = this.core;
    const bps = this.bps;
    const { kind, sysreg } = core.debugStop;
    switch (kind) {
      case DebugStop.SysregWrite: {
        bps.place();
        const hits = bps.dataHits({ sysreg });
        if (hits.length === 0 || !bps.decide(hits, (c) => this.hooks.test(c), (m) => this.hooks.log(m)).stop) return undefined;
        const name = SYSREGS[sysreg].name;
        return { reason: 'data breakpoint', description: `${name} written: 0x${core.getSysreg(sysreg).toString(16)}` };
      }
      case DebugStop.Watchpoint: {
        const pa = core.watchHitAddress;
        const hits = bps.dataHits({ pa });
        if (hits.length === 0) return undefined;
        const d = bps.decide(hits, (c) => this.hooks.test(c), (m) => this.hooks.log(m));
        if (!d.stop) return undefined;
        return { reason: 'data breakpoint', description: `data access at PA 0x${pa.toString(16)}${d.error ? ` (condition error: ${d.error})` : ''}` };
      }
      case DebugStop.ExceptionReturn: {
        // step out of an exception handler: the ERET from the handler's EL ends it.
        // (An ERET from EL e leaves PC = ELR_ELe and PSTATE.M = SPSR_ELe.M: that tells which EL it left.)
        const from = this.stepTarget?.eretFrom;
        if (from !== undefined && from > 0) {
          const elr = core.getSysreg(sysRegIndex(`ELR_EL${from}`));
          const spsr = core.getSysreg(sysRegIndex(`SPSR_EL${from}`));
          if (elr === core.pc && Number(spsr & 0xfn) === (core.pstate & 0xf)) return { reason: 'step' };
        }
        if (!bps.filters.has('eret')) return undefined;
        return { reason: 'exception', description: `ERET to ${describePstate(core.pstate)} at 0x${core.pc.toString(16)}` };
      }
      default: {
        const target = this.stepTarget;
        if (target !== undefined && core.pc === target.pc && this.el === target.el) return { reason: 'step' };
        const pa = core.fetchAddress(Math.max(this.el, 1), core.pc);
        const hits = pa === undefined ? [] : bps.at(pa);
        // The step target's address at another EL (or recursion's inner return) is no stop unless a breakpoint is there.
        if (hits.length === 0) return undefined;
        const d = bps.decide(hits, (c) => this.hooks.test(c), (m) => this.hooks.log(m));
        if (!d.stop) return undefined;
        const reason = hits[0].kind === 'instruction' ? 'instruction breakpoint' : hits[0].kind === 'function' ? 'function breakpoint' : 'breakpoint';
        return { reason, description: d.error ? `condition error: ${d.error}` : undefined, hitBreakpointIds: hits.map((h) => h.id) };
      }
    }
  }
}
