// The Debug Adapter Protocol session: translates DAP requests into machine operations (run, pause, step,
// breakpoints, registers, memory, disassembly) and machine events into DAP events. Threads are vCPUs.
import {
  DebugSession, ExitedEvent, InitializedEvent, OutputEvent, StackFrame, StoppedEvent, TerminatedEvent, Thread,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Disassembler } from '../arch/a64/disasm/disassemble';
import { EXCEPTION_CLASSES } from '../arch/sysregs/fields';
import { sysRegIndex } from '../arch/sysregs/table';
import { Elf, ElfError, STT_FUNC, STT_NOTYPE } from '../machine/loaders/elf';
import { LoadError } from '../machine/loaders/load';
import { Runner } from '../machine/runner';
import { Breakpoints, DebugStop, EXCEPTION_FILTERS } from './breakpoints';
import { validateLaunch, LaunchArguments } from './launchConfig';
import { elChain } from './stack';
import { describePstate, RegisterVariables } from './variables';

/** Branches that `next` steps like any instruction (no return to the following instruction is expected). */
const PLAIN_BRANCH = /^(B|B_only|CBN?Z|TBN?Z|BR|RET|ERET|BRA[AB]Z?|RETA[AB]|ERETA[AB])_/;

/** Instructions per slice while running: small enough that pause answers within a few milliseconds. */
const SLICE = 200_000n;
/** How often a guest that waits for console input is looked at again (well within pause's 20 ms). */
const IDLE_POLL_MS = 5;

interface FunctionSymbol { readonly name: string; readonly addr: bigint; readonly size: bigint; }

export class TrapdoorSession extends DebugSession {
  private runner?: Runner;
  private symbols: FunctionSymbol[] = [];
  private registers?: RegisterVariables;
  private breakpoints?: Breakpoints;
  private running = false;
  private pauseRequested = false;
  private stopOnEntry = true;
  /** The EL of each frame of the current vCPU's last stack trace (frame ids are indices). */
  private frameEls: number[] = [];
  private readonly disassembler = new Disassembler();
  /** Where a `next` over a call or an exception stops: the following instruction, at the original EL. */
  private stepTarget: { pc: bigint; el: number; eretFrom?: number } | undefined;

  protected initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsDisassembleRequest: true,
      supportsSteppingGranularity: true,
      supportsInstructionBreakpoints: true,
      supportsFunctionBreakpoints: true,
      supportsSetVariable: true,
      supportsReadMemoryRequest: true,
      supportsTerminateRequest: true,
      exceptionBreakpointFilters: EXCEPTION_FILTERS,
    };
    this.sendResponse(response);
  }

  protected async launchRequest(response: DebugProtocol.LaunchResponse, raw: DebugProtocol.LaunchRequestArguments): Promise<void> {
    const problem = validateLaunch((raw ?? {}) as Record<string, unknown>);
    if (typeof problem === 'string') {
      this.sendErrorResponse(response, { id: 1001, format: problem, showUser: true });
      return;
    }
    const args: LaunchArguments = problem;
    const cwd = args.cwd ?? dirname(resolve(args.program));
    const file = (field: string, path: string): Uint8Array => {
      try {
        return readFileSync(resolve(cwd, path));
      } catch (e) {
        throw new LaunchFileError(`"${field}": cannot read ${path}: ${(e as Error).message}`);
      }
    };
    try {
      const image = file('program', args.program);
      this.symbols = functionSymbols(image);
      this.runner = await Runner.create(image, {
        el: args.entryEl, memory: args.memoryBytes, root: cwd, cmdline: args.program, cpus: args.cpus, gic: args.gic,
        hypervisor: args.hypervisor, append: args.bootargs,
        dtb: args.dtb === undefined ? undefined : file('dtb', args.dtb),
        initrd: args.initrd === undefined ? undefined : file('initrd', args.initrd),
        console: {
          write: (bytes, stream) => this.sendEvent(new OutputEvent(Buffer.from(bytes).toString('latin1'), stream)),
          readByte: () => undefined,
        },
      });
    } catch (e) {
      const msg = e instanceof LaunchFileError ? e.message
        : e instanceof ElfError || e instanceof LoadError ? `"program": ${args.program}: ${e.message}`
          : `cannot launch ${args.program}: ${(e as Error).message}`;
      this.sendErrorResponse(response, { id: 1002, format: msg, showUser: true });
      return;
    }
    // The Debug Console can always type more: a guest waiting for UART input waits, it is not stuck.
    this.runner.setUartInputOpen(true);
    const core = this.runner.core;
    this.registers = new RegisterVariables(core, { highestEl: args.hypervisor === 'builtin' ? 1 : args.entryEl, gicv3: args.gic === 3 });
    this.breakpoints = new Breakpoints(core, (name) => this.symbols.find((s) => s.name === name)?.addr);
    this.stopOnEntry = args.stopOnEntry;
    this.sendResponse(response);
    this.sendEvent(new InitializedEvent());
  }

  protected configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.sendResponse(response);
    if (this.stopOnEntry) this.stopped('entry');
    else this.resume();
  }

  /** The vCPU on the core, as a DAP thread id (threads are numbered from 1). */
  private get currentThread(): number { return this.runner!.board.runningCpu + 1; }

  private stopped(reason: string, description?: string): void {
    this.registers?.reset();
    const e = new StoppedEvent(reason, this.currentThread) as DebugProtocol.StoppedEvent;
    e.body.allThreadsStopped = true;
    if (description) e.body.description = e.body.text = description;
    this.sendEvent(e);
  }

  protected threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    const cpus = this.runner?.vcpuStates.filter((v) => v.power !== 'off') ?? [];
    response.body = {
      threads: cpus.map((v) => new Thread(v.index + 1, `vCPU ${v.index} (MPIDR 0x${v.mpidr.toString(16)})`)),
    };
    this.sendResponse(response);
  }

  private symbolAt(addr: bigint): string | undefined {
    let best: FunctionSymbol | undefined;
    for (const s of this.symbols) if (s.addr <= addr && (!best || s.addr > best.addr)) best = s;
    if (!best || (best.size > 0n && addr >= best.addr + best.size)) return undefined;
    return addr === best.addr ? best.name : `${best.name}+0x${(addr - best.addr).toString(16)}`;
  }

  protected stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    const runner = this.runner!;
    let frames: StackFrame[];
    if (args.threadId === this.currentThread) {
      const chain = elChain(runner.core, (a) => this.symbolAt(a));
      frames = chain.frames;
      this.frameEls = chain.els;
    } else {
      // A vCPU off the core: its saved PC only (its registers are in its snapshot, not in the core).
      const s = runner.vcpuStates[args.threadId - 1]?.state;
      frames = [];
      if (s) {
        const f = new StackFrame(0, `EL${(s.pstate >>> 2) & 3} · ${this.symbolAt(s.pc) ?? `0x${s.pc.toString(16)}`}`);
        f.instructionPointerReference = `0x${s.pc.toString(16)}`;
        frames.push(f);
      }
    }
    response.body = { stackFrames: frames, totalFrames: frames.length };
    this.sendResponse(response);
  }

  /** A frame of the EL chain below the first was left by the exception taken to the EL of the frame above it. */
  protected scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    const takenTo = args.frameId > 0 ? this.frameEls[args.frameId - 1] : undefined;
    response.body = { scopes: this.registers?.scopes(takenTo) ?? [] };
    this.sendResponse(response);
  }

  protected variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    response.body = { variables: this.registers?.variables(args.variablesReference) ?? [] };
    this.sendResponse(response);
  }

  protected setVariableRequest(response: DebugProtocol.SetVariableResponse, args: DebugProtocol.SetVariableArguments): void {
    try {
      response.body = { value: this.registers!.set(args.variablesReference, args.name, args.value) };
      this.sendResponse(response);
    } catch (e) {
      this.sendErrorResponse(response, { id: 1003, format: (e as Error).message, showUser: true });
    }
  }

  /** Debug Console input: `>text` (or any input while the guest runs) goes to the UART, with a newline. */
  protected evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    if (args.context === 'repl' && args.expression.startsWith('>') && this.runner) {
      this.runner.pushUartInput(Buffer.from(`${args.expression.slice(1)}\n`, 'latin1'));
      response.body = { result: '', variablesReference: 0 };
      this.sendResponse(response);
      return;
    }
    this.sendErrorResponse(response, { id: 1004, format: 'type >text to send text to the UART', showUser: false });
  }

  /** `uartInput` { text }: bytes for the UART's receive FIFO, as typed (no newline added). */
  protected customRequest(command: string, response: DebugProtocol.Response, args: { text?: unknown }): void {
    if (command === 'uartInput' && typeof args?.text === 'string' && this.runner) {
      this.runner.pushUartInput(Buffer.from(args.text, 'latin1'));
      this.sendResponse(response);
      return;
    }
    super.customRequest(command, response, args);
  }

  protected continueRequest(response: DebugProtocol.ContinueResponse): void {
    response.body = { allThreadsContinued: true };
    this.sendResponse(response);
    this.resume();
  }

  protected pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.pauseRequested = true;
    this.sendResponse(response);
  }

  /** `next` and `step in` at instruction granularity: one instruction (exception-aware stepping comes later). */
  /**
   * next: one instruction, except that a call (BL, BLR) or an instruction that raises an exception (SVC, HVC, SMC, a
   * trapped access, an abort) runs on until control is back at the following instruction at the original EL.
   */
  protected nextRequest(response: DebugProtocol.NextResponse): void {
    this.sendResponse(response);
    const core = this.runner!.core;
    const pc = core.pc;
    const el = (core.pstate >> 2) & 3;
    const pa = core.fetchAddress(Math.max(el, 1), pc);
    const word = pa === undefined ? undefined : new DataView(core.readBytes(pa, 4).buffer).getUint32(0, true);
    const row = word === undefined ? undefined : this.disassembler.decodeRow(word);
    if (!this.stepOne()) return;
    const straight = core.pc === pc + 4n && ((core.pstate >> 2) & 3) === el;
    if (straight || (row !== undefined && PLAIN_BRANCH.test(row.form))) {
      this.stopped('step');
      return;
    }
    const target = core.fetchAddress(Math.max(el, 1), pc + 4n);
    if (target === undefined) {
      this.stopped('step');
      return;
    }
    this.stepTarget = { pc: pc + 4n, el };
    this.breakpoints!.setTemporary(target);
    this.resume();
  }

  /**
   * step out: runs until the function returns to X30 at this EL, or until an ERET from this EL leaves the exception
   * handler (whichever comes first).
   */
  protected stepOutRequest(response: DebugProtocol.StepOutResponse): void {
    this.sendResponse(response);
    const core = this.runner!.core;
    const el = (core.pstate >> 2) & 3;
    const lr = core.getX(30);
    const target = core.fetchAddress(Math.max(el, 1), lr);
    this.stepTarget = { pc: lr, el, eretFrom: el };
    this.breakpoints!.setTemporary(target);
    this.resume();
  }

  protected stepInRequest(response: DebugProtocol.StepInResponse): void {
    this.sendResponse(response);
    this.stepInstruction();
  }

  private stepInstruction(): void {
    if (this.stepOne()) this.stopped('step');
  }

  /** Executes one instruction; false when the guest finished instead (the session has said so). */
  private stepOne(): boolean {
    const core = this.runner!.core;
    if (this.breakpoints!.has(core.pc)) core.resumeOverBreakpoint();
    const result = this.runner!.step(1n);
    if (result === 'debug' && core.debugStop.kind === DebugStop.SysregWrite) this.breakpoints!.place();
    if (result === undefined || result === 'debug') return true;
    this.finish(result);
    return false;
  }

  private resume(): void {
    const runner = this.runner!;
    if (this.running) return;
    this.running = true;
    this.pauseRequested = false;
    const stepOutOfHandler = this.stepTarget?.eretFrom !== undefined ? 1 << DebugStop.ExceptionReturn : 0;
    runner.setDebuggerEvents(this.breakpoints!.events | stepOutOfHandler);
    if (this.breakpoints!.has(runner.core.pc)) runner.core.resumeOverBreakpoint();
    const slice = (): void => {
      if (this.pauseRequested) {
        this.running = false;
        this.endStepOver();
        this.stopped('pause');
        return;
      }
      const before = runner.core.insnCount;
      const result = runner.step(SLICE);
      if (result === 'debug') {
        const why = this.debugStop();
        if (why) {
          this.running = false;
          this.endStepOver();
          this.stopped(why.reason, why.description);
          return;
        }
        // Going on from a breakpoint that is not a stop (the step-over target reached at another EL).
        if (runner.core.debugStop.kind === DebugStop.Breakpoint) runner.core.resumeOverBreakpoint();
      } else if (result !== undefined) {
        this.running = false;
        this.endStepOver();
        this.finish(result);
        return;
      }
      // Every vCPU waits and only console input can wake one: look again shortly, leaving the host CPU idle.
      if (runner.core.insnCount === before) setTimeout(slice, IDLE_POLL_MS);
      else setImmediate(slice);
    };
    setImmediate(slice);
  }

  /** Why the core stopped with a debug event, or undefined when the session goes on (a VBAR moved, a filter off). */
  private debugStop(): { reason: string; description?: string } | undefined {
    const core = this.runner!.core;
    const bps = this.breakpoints!;
    switch (core.debugStop.kind) {
      case DebugStop.SysregWrite:
        bps.place();
        return undefined;
      case DebugStop.ExceptionTaken: {
        const last = core.exports.lastException();
        const to = (last >> 2) & 3, from = last & 3;
        if (!bps.filters.has(`el${to}`)) return undefined;
        const esr = core.getSysreg(sysRegIndex(`ESR_EL${to}`));
        const ec = Number((esr >> 26n) & 0x3fn);
        const name = (EXCEPTION_CLASSES[ec] ?? `EC 0x${ec.toString(16)}`).replace(/Exception level/, 'EL');
        // Class names such as "Data Abort from a lower EL" already say where the exception came from.
        const source = / EL$| Exception level$/.test(EXCEPTION_CLASSES[ec] ?? '') ? '' : ` from EL${from}`;
        return { reason: 'exception', description: `${name}${source} taken to EL${to}, ESR 0x${esr.toString(16)}` };
      }
      case DebugStop.ExceptionReturn:
        // step out of an exception handler: the ERET from the handler's EL ends it.
        // (An ERET from EL e leaves PC = ELR_ELe and PSTATE.M = SPSR_ELe.M: that tells which EL it left.)
        if (this.stepTarget?.eretFrom !== undefined && this.stepTarget.eretFrom > 0) {
          const e = this.stepTarget.eretFrom;
          const elr = core.getSysreg(sysRegIndex(`ELR_EL${e}`));
          const spsr = core.getSysreg(sysRegIndex(`SPSR_EL${e}`));
          if (elr === core.pc && Number(spsr & 0xfn) === (core.pstate & 0xf)) return { reason: 'step' };
        }
        if (!bps.filters.has('eret')) return undefined;
        return { reason: 'exception', description: `ERET to ${describePstate(core.pstate)} at 0x${core.pc.toString(16)}` };
      default: {
        const target = this.stepTarget;
        const atTarget = target !== undefined && core.pc === target.pc;
        if (atTarget && ((core.pstate >> 2) & 3) === target.el) return { reason: 'step' };
        // The target's address at another EL (or recursion's inner return) is no stop unless a breakpoint is there.
        if (atTarget && !bps.isInstruction(core.pc) && !bps.isFunction(core.pc)) return undefined;
        return { reason: bps.isInstruction(core.pc) ? 'instruction breakpoint' : 'function breakpoint' };
      }
    }
  }

  /** A step over a call or an exception is over (reached, or interrupted by a stop): its breakpoint goes. */
  private endStepOver(): void {
    if (this.stepTarget === undefined) return;
    this.stepTarget = undefined;
    this.breakpoints!.setTemporary(undefined);
  }

  private finish(result: Exclude<ReturnType<Runner['step']>, undefined | 'debug'>): void {
    if (result.kind === 'exit') {
      this.sendEvent(new ExitedEvent(result.status));
      this.sendEvent(new TerminatedEvent());
      return;
    }
    // The guest cannot go on by itself (spinning, waiting, left RAM): stop there so the user can look.
    this.sendEvent(new OutputEvent(`trapdoor: ${result.report}\n`, 'console'));
    this.stopped('exception', result.report);
  }

  protected setInstructionBreakpointsRequest(response: DebugProtocol.SetInstructionBreakpointsResponse,
    args: DebugProtocol.SetInstructionBreakpointsArguments): void {
    response.body = { breakpoints: this.breakpoints?.setInstructions(args.breakpoints) ?? [] };
    this.sendResponse(response);
  }

  protected setFunctionBreakPointsRequest(response: DebugProtocol.SetFunctionBreakpointsResponse,
    args: DebugProtocol.SetFunctionBreakpointsArguments): void {
    response.body = { breakpoints: this.breakpoints?.setFunctions(args.breakpoints) ?? [] };
    this.sendResponse(response);
  }

  protected setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse,
    args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    if (this.breakpoints) this.breakpoints.filters = new Set(args.filters);
    this.sendResponse(response);
  }

  protected disassembleRequest(response: DebugProtocol.DisassembleResponse, args: DebugProtocol.DisassembleArguments): void {
    const core = this.runner!.core;
    const start = BigInt.asUintN(64, BigInt(args.memoryReference) + BigInt(args.offset ?? 0) + BigInt((args.instructionOffset ?? 0) * 4)) & ~3n;
    const instructions: DebugProtocol.DisassembledInstruction[] = [];
    for (let i = 0; i < args.instructionCount; i++) {
      const addr = start + BigInt(i * 4);
      const bytes = core.readBytes(addr, 4);
      const word = Buffer.from(bytes).readUInt32LE();
      const text = this.disassembler.disassemble(word, addr, (a) => {
        const s = this.symbolAt(a);
        return s === undefined ? undefined : `<${s}>`;
      });
      const sym = this.symbolAt(addr);
      instructions.push({
        address: `0x${addr.toString(16)}`,
        instructionBytes: word.toString(16).padStart(8, '0'),
        instruction: text.replace('\t', ' '),
        symbol: sym && !sym.includes('+') ? sym : undefined,
      });
    }
    response.body = { instructions };
    this.sendResponse(response);
  }

  protected readMemoryRequest(response: DebugProtocol.ReadMemoryResponse, args: DebugProtocol.ReadMemoryArguments): void {
    const addr = BigInt.asUintN(64, BigInt(args.memoryReference) + BigInt(args.offset ?? 0));
    const count = Math.min(args.count, 1 << 20);
    response.body = { address: `0x${addr.toString(16)}`, data: Buffer.from(this.runner!.core.readBytes(addr, count)).toString('base64') };
    this.sendResponse(response);
  }

  protected terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.pauseRequested = true;
    this.sendResponse(response);
    this.sendEvent(new TerminatedEvent());
  }

  protected disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.pauseRequested = true;
    this.sendResponse(response);
  }
}

class LaunchFileError extends Error {}

/** Function symbols of an ELF program; an Image or a raw binary has none. */
function functionSymbols(image: Uint8Array): FunctionSymbol[] {
  let elf: Elf;
  try {
    elf = new Elf(image);
  } catch (e) {
    if (e instanceof ElfError) return [];
    throw e;
  }
  return elf.symbols('symtab')
    .filter((s) => s.shndx !== 0 && s.name && !s.name.startsWith('$') && (s.type === STT_FUNC || s.type === STT_NOTYPE))
    .map((s) => ({ name: s.name, addr: s.value, size: s.size }));
}
