// The Debug Adapter Protocol session: translates DAP requests into machine operations and machine events into DAP
// events. Threads are vCPUs. Running and stepping are in runControl.ts, what a stop shows in variables.ts and stack.ts.
import {
  DebugSession, Event, ExitedEvent, InitializedEvent, OutputEvent, Source, StackFrame, StoppedEvent, TerminatedEvent, Thread,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { basename } from 'node:path';
import { Disassembler } from '../arch/a64/disasm/disassemble';
import { sysRegIndex } from '../arch/sysregs/table';
import type { RunOutcome } from '../machine/runner';
import { Runner } from '../machine/runner';
import { physicalRuns, readMemory, writeMemory } from './addressSpace';
import { Breakpoints } from './breakpoints';
import { runCommand } from './commands';
import { registerInfo, stage2FaultView, translate, TrapBatch } from './customProtocol';
import { assign, completions, evaluate, evaluateAddress, EvalEnv, splitAssignment } from './evaluate';
import { EXCEPTION_FILTERS } from './exceptionFilters';
import { launchMachine, LaunchFailure } from './launch';
import { ProgramInfo } from './programInfo';
import { RunControl, Stop } from './runControl';
import { sameStatement, SourceFrame, sourceFrames } from './sourceFrames';
import { elChain } from './stack';
import { RegisterVariables } from './variables';

const ELR_EL2 = sysRegIndex('ELR_EL2');

const sourceAt = (loc: { path: string; line: number } | undefined): SourceFrame => ({ path: loc?.path, line: loc?.line });

export class TrapdoorSession extends DebugSession {
  private runner?: Runner;
  private program?: ProgramInfo;
  private registers?: RegisterVariables;
  private breakpoints?: Breakpoints;
  private run?: RunControl;
  private stopOnEntry = true;
  /** The EL of each frame of the current vCPU's last stack trace (frame ids are indices). */
  private frameEls: number[] = [];
  private readonly disassembler = new Disassembler();
  private traps?: TrapBatch;
  /** The latest stage-2 fault, for the Variables scope and the inspector (sent once per run slice). */
  private stage2?: { view: Record<string, unknown>; sent: boolean };

  protected initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsDisassembleRequest: true,
      supportsSteppingGranularity: true,
      supportsInstructionBreakpoints: true,
      supportsFunctionBreakpoints: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsDataBreakpoints: true,
      supportsSetVariable: true,
      supportsSetExpression: true,
      supportsReadMemoryRequest: true,
      supportsWriteMemoryRequest: true,
      supportsEvaluateForHovers: true,
      supportsCompletionsRequest: true,
      completionTriggerCharacters: ['.', ':'],
      supportsExceptionFilterOptions: true,
      supportsTerminateRequest: true,
      exceptionBreakpointFilters: EXCEPTION_FILTERS,
    };
    this.sendResponse(response);
  }

  protected async launchRequest(response: DebugProtocol.LaunchResponse, raw: DebugProtocol.LaunchRequestArguments): Promise<void> {
    let launched: Awaited<ReturnType<typeof launchMachine>>;
    try {
      launched = await launchMachine(raw as Record<string, unknown>, {
        write: (bytes, stream) => this.sendEvent(new OutputEvent(Buffer.from(bytes).toString('latin1'), stream)),
        onTrap: (r) => this.traps?.add(r),
      });
    } catch (e) {
      if (!(e instanceof LaunchFailure)) throw e;
      this.sendErrorResponse(response, { id: 1001, format: e.message, showUser: true });
      return;
    }
    const { runner, program, args } = launched;
    this.runner = runner;
    this.program = program;
    this.traps = new TrapBatch((pc) => ({ symbol: program.symbolAt(pc), source: program.location(pc) }));
    // The Debug Console can always type more: a guest waiting for UART input waits, it is not stuck.
    runner.setUartInputOpen(true);
    const core = runner.core;
    this.registers = new RegisterVariables(core, { highestEl: args.hypervisor === 'none' ? args.entryEl : Math.max(args.entryEl, 1), gicv3: args.gic === 3 });
    this.breakpoints = new Breakpoints(core);
    this.run = new RunControl(runner, this.breakpoints, this.disassembler, {
      stopped: (stop) => this.stopped(stop),
      finished: (result) => this.finish(result),
      flush: () => this.flush(),
      exception: (facts, e) => {
        if (facts.filters.has('stage2') && facts.ipa !== undefined) {
          this.stage2 = { view: stage2FaultView(core, e.vcpu, facts.ipa, core.getSysreg(ELR_EL2)), sent: false };
        }
      },
      test: (condition, extra) => evaluate(condition, { ...this.env(), extra }).value !== 0n,
      log: (message) => this.sendEvent(new OutputEvent(`${this.interpolate(message)}\n`, 'console')),
    }, args.maskInterruptsWhileStepping);
    this.stopOnEntry = args.stopOnEntry;
    this.sendResponse(response);
    this.sendEvent(new Event('trapdoor/sessionInfo', { entryEl: args.entryEl, hypervisor: args.hypervisor, gic: args.gic, cpus: args.cpus }));
    this.sendEvent(new InitializedEvent());
  }

  /** A logpoint's message with each {expression} replaced by its value. */
  private interpolate(message: string): string {
    return message.replace(/\{([^{}]+)\}/g, (_, expr: string) => {
      try {
        return evaluate(expr, this.env()).text;
      } catch (e) {
        return `<${(e as Error).message}>`;
      }
    });
  }

  /** What expressions see: the machine, the selected frame's EL, the program's symbols. */
  private env(frameId?: number): EvalEnv {
    const core = this.runner!.core;
    const program = this.program!;
    return {
      core, runner: this.runner, el: (frameId !== undefined ? this.frameEls[frameId] : undefined) ?? (core.pstate >>> 2) & 3,
      symbol: (name) => program.addressOf(name), symbolAt: (a) => program.symbolAt(a), symbolNames: () => program.symbolNames(),
    };
  }

  protected configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.sendResponse(response);
    if (this.stopOnEntry) this.stopped({ reason: 'entry' });
    else this.run!.resume();
  }

  /** The vCPU on the core, as a DAP thread id (threads are numbered from 1). */
  private get currentThread(): number { return this.runner!.board.runningCpu + 1; }

  private stopped(stop: Stop): void {
    this.registers?.reset();
    this.lastHit = stop.hitBreakpointIds;
    this.stepDepth = stop.reason === 'step' ? this.nextDepth : undefined;
    this.nextDepth = undefined;
    const e = new StoppedEvent(stop.reason, this.currentThread) as DebugProtocol.StoppedEvent;
    e.body.allThreadsStopped = true;
    if (stop.description) e.body.description = e.body.text = stop.description;
    if (stop.hitBreakpointIds) e.body.hitBreakpointIds = stop.hitBreakpointIds;
    this.sendEvent(e);
  }

  /** Trap records and the latest stage-2 fault gathered while running, to the extension's views. */
  private flush(): void {
    const batch = this.traps?.take();
    if (batch) this.sendEvent(new Event('trapdoor/traps', batch));
    if (this.stage2 && !this.stage2.sent) {
      this.stage2.sent = true;
      this.sendEvent(new Event('trapdoor/stage2Fault', this.stage2.view));
    }
  }

  private finish(result: RunOutcome): void {
    if (result.kind === 'exit') {
      this.sendEvent(new ExitedEvent(result.status));
      this.sendEvent(new TerminatedEvent());
      return;
    }
    // The guest cannot go on by itself (spinning, waiting, left RAM): stop there so the user can look.
    this.sendEvent(new OutputEvent(`trapdoor: ${result.report}\n`, 'console'));
    this.stopped({ reason: 'exception', description: result.report });
  }

  protected threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    const cpus = this.runner?.vcpuStates.filter((v) => v.power !== 'off') ?? [];
    response.body = {
      threads: cpus.map((v) => new Thread(v.index + 1, `vCPU ${v.index} (MPIDR 0x${v.mpidr.toString(16)})`)),
    };
    this.sendResponse(response);
  }

  /** The breakpoints the last stop hit (their source lines win for the top frame). */
  private lastHit: number[] | undefined;

  /** The source level a `next` by line runs at, and the level of the stop it ended with. */
  private nextDepth: number | undefined;
  private stepDepth: number | undefined;

  /** The source frames the stack showed for the top of the current EL, where `next` and `step in` start from. */
  private topShown: { pc: bigint; frames: SourceFrame[] } | undefined;

  /** The line of the source breakpoint the current stop is at, if it is at one. */
  private hitLine(): { path: string; line: number } | undefined {
    const pc = this.runner!.core.pc;
    return this.lastHit?.map((id) => this.breakpoints!.sourceLine(id, pc)).find((l) => l !== undefined);
  }

  protected stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    const runner = this.runner!;
    // Looking at another vCPU puts it on the core (all are stopped), so that every view shows its registers.
    if (!this.run!.isRunning && args.threadId !== this.currentThread) runner.focus(args.threadId - 1);
    const program = this.program!;
    const chain = elChain(runner.core, (a) => program.symbolAt(a), (el) => this.callers(el));
    // A caller's frame is at its return address, which may begin the next line: its line is the call's (pc - 4).
    const callers = chain.els.filter((el) => el === chain.els[0]).length;
    const hit = this.hitLine();
    const frames: StackFrame[] = [];
    this.frameEls = [];
    chain.frames.forEach((machine, i) => {
      const el = chain.els[i];
      const lookup = i > 0 && i < callers ? chain.pcs[i] - 4n : chain.pcs[i];
      // The current EL's frames expand into the functions inlined at their PC; the EL chain's are single frames.
      const levels = i < callers ? sourceFrames(program, lookup, i === 0 ? hit : undefined) : [];
      if (i === 0 && this.stepDepth !== undefined && levels.length > this.stepDepth) levels.splice(0, levels.length - this.stepDepth);
      if (i === 0) this.topShown = { pc: chain.pcs[0], frames: [...levels] };
      if (levels.length === 0) levels.push(sourceAt(program.location(lookup)));
      for (const level of levels) {
        const f = new StackFrame(frames.length, level.inlined ? `EL${el} · ${level.inlined} (inlined)` : machine.name);
        f.instructionPointerReference = machine.instructionPointerReference;
        if (level.path !== undefined && level.line !== undefined) {
          f.source = new Source(basename(level.path), level.path);
          f.line = level.line;
          f.column = 1;
        }
        frames.push(f);
        this.frameEls.push(el);
      }
    });
    const start = args.startFrame ?? 0;
    const shown = frames.slice(start, args.levels ? start + args.levels : undefined);
    response.body = { stackFrames: shown, totalFrames: frames.length };
    this.sendResponse(response);
  }

  /**
   * The callers of the current EL's function by frame-pointer unwinding (see unwind.ts), each a return address just
   * after a BL or BLR. None at an exception vector or outside any known function: there X29/X30 still belong to the
   * level the exception came from.
   */
  private callers(el: number): bigint[] {
    const core = this.runner!.core;
    const program = this.program!;
    const vbar = el > 0 ? core.getSysreg(sysRegIndex(`VBAR_EL${el}`)) & ~0x7ffn : undefined;
    if ((vbar !== undefined && core.pc >= vbar && core.pc < vbar + 0x800n) || !program.functionAt(core.pc)) return [];
    const env = this.env();
    const afterCall = (ret: bigint): boolean => {
      const { data } = readMemory({ kind: 'va', regime: 'current' }, ret - 4n, 4, env);
      return data.length === 4 && /^BLR?[A-Z]*_branch_(imm|reg)$/.test(this.disassembler.decodeRow(Buffer.from(data).readUInt32LE())?.form ?? '');
    };
    const sp = core.getSP(core.pstate & 1 ? el : 0);
    const out: bigint[] = [];
    for (const ret of program.unwind(core, el, core.pc, sp, core.getX(29), core.getX(30))) {
      if (!afterCall(ret)) break;
      out.push(ret);
    }
    return out;
  }

  /** A frame of the EL chain below the first was left by the exception taken to the EL of the frame above it. */
  protected scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    const takenTo = this.frameEls[args.frameId] !== this.frameEls[args.frameId - 1] && args.frameId > 0 ? this.frameEls[args.frameId - 1] : undefined;
    // The stage-2 fault scope belongs to the hypervisor handling it: shown while this vCPU is at EL2 (or above).
    const core = this.runner?.core;
    const fault = this.stage2 && core && ((core.pstate >>> 2) & 3) >= 2 && this.stage2.view.vcpu === this.runner!.board.runningCpu
      ? this.stage2.view : undefined;
    response.body = { scopes: this.registers?.scopes(takenTo, args.frameId === 0 ? fault : undefined) ?? [] };
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
      this.breakpoints?.place();
    } catch (e) {
      this.sendErrorResponse(response, { id: 1003, format: (e as Error).message, showUser: true });
    }
  }

  protected setExpressionRequest(response: DebugProtocol.SetExpressionResponse, args: DebugProtocol.SetExpressionArguments): void {
    try {
      response.body = { value: assign(args.expression, args.value, this.env(args.frameId)) };
      this.sendResponse(response);
      this.changedState();
    } catch (e) {
      this.sendErrorResponse(response, { id: 1003, format: (e as Error).message, showUser: true });
    }
  }

  /**
   * Debug Console and Watch: `>text` (or any input while the guest runs) goes to the UART; commands (`translate`,
   * `tlb`, `vectors`, `traps`, `help`); `lhs = value`; otherwise an expression.
   */
  protected evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    const runner = this.runner;
    if (!runner) {
      this.sendErrorResponse(response, { id: 1004, format: 'no guest is running', showUser: false });
      return;
    }
    if (args.context === 'repl' && (args.expression.startsWith('>') || this.run!.isRunning)) {
      const text = args.expression.startsWith('>') ? args.expression.slice(1) : args.expression;
      runner.pushUartInput(Buffer.from(`${text}\n`, 'latin1'));
      response.body = { result: '', variablesReference: 0 };
      this.sendResponse(response);
      return;
    }
    try {
      const env = this.env(args.frameId);
      const command = args.context === 'repl' ? runCommand(args.expression, env) : undefined;
      if (command !== undefined) {
        response.body = { result: command, variablesReference: 0 };
      } else {
        const split = args.context === 'repl' ? splitAssignment(args.expression) : undefined;
        if (split) {
          response.body = { result: assign(split[0], split[1], env), variablesReference: 0 };
          this.changedState();
        } else {
          const r = evaluate(args.expression, env);
          response.body = { result: r.text, variablesReference: 0, memoryReference: r.memoryReference };
        }
      }
      this.sendResponse(response);
    } catch (e) {
      this.sendErrorResponse(response, { id: 1004, format: (e as Error).message, showUser: false });
    }
  }

  /**
   * The user wrote a register or memory: breakpoints are placed again (a VBAR or a translation may have moved) and the
   * client refreshes what it shows.
   */
  private changedState(): void {
    this.breakpoints?.place();
    this.registers?.reset();
    this.sendEvent(new Event('invalidated', { areas: ['variables'] }));
  }

  protected completionsRequest(response: DebugProtocol.CompletionsResponse, args: DebugProtocol.CompletionsArguments): void {
    const items = this.runner ? completions(args.text, args.column, this.env(args.frameId)) : [];
    // `start` is 0-based in the evaluator; the session's columns are 1-based, the client's as it said.
    response.body = {
      targets: items.map((i) => ({
        label: i.label, type: i.type as DebugProtocol.CompletionItemType, start: this.convertDebuggerColumnToClient(i.start + 1), length: i.length,
      })),
    };
    this.sendResponse(response);
  }

  /** Custom requests: UART input, and the extension's views (see customProtocol.ts). */
  protected customRequest(command: string, response: DebugProtocol.Response, args: Record<string, unknown> | undefined): void {
    const runner = this.runner;
    try {
      switch (command) {
        case 'uartInput':
          if (typeof args?.text !== 'string') throw new Error('uartInput needs { text: string }');
          runner?.pushUartInput(Buffer.from(args.text, 'latin1'));
          break;
        case 'trapdoor/translate':
          if (!runner) throw new Error('no guest is running');
          response.body = translate(runner.core, runner, args ?? {});
          break;
        case 'trapdoor/registerInfo':
          response.body = registerInfo(runner?.core, args?.name);
          break;
        case 'trapdoor/traps': {
          const from = typeof args?.from === 'number' ? args.from : 0;
          response.body = { records: (runner?.traps.records ?? []).filter((r) => r.seq >= from).map((r) => this.traps!.view(r)) };
          break;
        }
        default:
          super.customRequest(command, response, args);
          return;
      }
      this.sendResponse(response);
    } catch (e) {
      this.sendErrorResponse(response, { id: 1005, format: (e as Error).message, showUser: false });
    }
  }

  protected continueRequest(response: DebugProtocol.ContinueResponse): void {
    response.body = { allThreadsContinued: true };
    this.sendResponse(response);
    this.run!.resume();
  }

  protected pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.run?.pause();
    this.sendResponse(response);
  }

  protected nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): void {
    this.sendResponse(response);
    this.focusThread(args.threadId);
    this.run!.next(this.lineStepping(args.granularity, true));
  }

  protected stepInRequest(response: DebugProtocol.StepInResponse, args: DebugProtocol.StepInArguments): void {
    this.sendResponse(response);
    this.focusThread(args.threadId);
    this.run!.stepIn(this.lineStepping(args.granularity, false));
  }

  /**
   * Stepping by statement where the PC has a source line that is not one instruction per line (C): steps go on while
   * the line and the EL stay the same. Assembly source steps one instruction per step, as each line is one.
   */
  private lineStepping(granularity: DebugProtocol.SteppingGranularity | undefined, over: boolean): ((pc: bigint, el: number) => boolean) | undefined {
    const core = this.runner!.core;
    const start = this.program?.location(core.pc);
    if (granularity === 'instruction' || !start || /\.s$/i.test(start.path)) return undefined;
    const el0 = (core.pstate >>> 2) & 3;
    // The statement as the stack showed it (a breakpoint's line hides the inlined code inside it).
    const shown = this.topShown?.pc === core.pc ? this.topShown.frames : sourceFrames(this.program!, core.pc, this.hitLine());
    const same = sameStatement(this.program!, shown, over);
    // A `next` stops at its level: where it lands at the start of inlined code, that code was stepped over.
    if (over) this.nextDepth = shown.length;
    return (pc, el) => el === el0 && same(pc);
  }

  protected stepOutRequest(response: DebugProtocol.StepOutResponse, args: DebugProtocol.StepOutArguments): void {
    this.sendResponse(response);
    this.focusThread(args.threadId);
    this.run!.stepOut(this.callers((this.runner!.core.pstate >>> 2) & 3)[0]);
  }

  /** Steps act on the thread the user chose. */
  private focusThread(threadId: number): void {
    if (threadId !== this.currentThread) this.runner!.focus(threadId - 1);
  }

  protected setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    const path = args.source.path ?? args.source.name ?? '';
    const program = this.program;
    response.body = {
      breakpoints: this.breakpoints?.setSource(path, args.breakpoints ?? [], (line) => program?.addresses(path, line)) ?? [],
    };
    for (const b of response.body.breakpoints) b.source = args.source;
    this.sendResponse(response);
  }

  protected setInstructionBreakpointsRequest(response: DebugProtocol.SetInstructionBreakpointsResponse,
    args: DebugProtocol.SetInstructionBreakpointsArguments): void {
    response.body = { breakpoints: this.breakpoints?.setInstructions(args.breakpoints) ?? [] };
    this.sendResponse(response);
  }

  protected setFunctionBreakPointsRequest(response: DebugProtocol.SetFunctionBreakpointsResponse,
    args: DebugProtocol.SetFunctionBreakpointsArguments): void {
    response.body = { breakpoints: this.breakpoints?.setFunctions(args.breakpoints, (name) => this.program?.addressOf(name)) ?? [] };
    this.sendResponse(response);
  }

  protected setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse,
    args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    if (this.breakpoints) {
      const filters = new Map<string, string | undefined>(args.filters.map((f) => [f, undefined]));
      for (const o of args.filterOptions ?? []) filters.set(o.filterId, o.condition?.trim() || undefined);
      this.breakpoints.filters = filters;
    }
    this.sendResponse(response);
  }

  /** A data breakpoint: a system register from the Variables view (writes), or memory at an address expression. */
  protected dataBreakpointInfoRequest(response: DebugProtocol.DataBreakpointInfoResponse, args: DebugProtocol.DataBreakpointInfoArguments): void {
    const sysreg = args.variablesReference !== undefined ? this.registers?.systemRegisterName(args.variablesReference, args.name) : undefined;
    if (sysreg) {
      response.body = Breakpoints.dataInfoForSysreg(sysreg);
    } else {
      try {
        const env = this.env(args.frameId);
        const size = args.bytes ?? 8;
        const { space, addr } = evaluateAddress(args.name, env);
        const { runs, stop } = physicalRuns(space, addr, size, env, false);
        if (runs.length === 0) throw new Error(stop ?? `${args.name} is not in RAM`);
        const pa = runs[0].pa;
        response.body = Breakpoints.dataInfoForMemory(pa, size, args.name);
      } catch (e) {
        response.body = { dataId: null, description: (e as Error).message };
      }
    }
    this.sendResponse(response);
  }

  protected setDataBreakpointsRequest(response: DebugProtocol.SetDataBreakpointsResponse, args: DebugProtocol.SetDataBreakpointsArguments): void {
    response.body = { breakpoints: this.breakpoints?.setData(args.breakpoints) ?? [] };
    this.sendResponse(response);
  }

  protected disassembleRequest(response: DebugProtocol.DisassembleResponse, args: DebugProtocol.DisassembleArguments): void {
    const env = this.env();
    const program = this.program!;
    const start = BigInt.asUintN(64, BigInt(args.memoryReference) + BigInt(args.offset ?? 0) + BigInt((args.instructionOffset ?? 0) * 4)) & ~3n;
    const instructions: DebugProtocol.DisassembledInstruction[] = [];
    let lastLine: string | undefined;
    for (let i = 0; i < args.instructionCount; i++) {
      const addr = BigInt.asUintN(64, start + BigInt(i * 4));
      const { data } = readMemory({ kind: 'va', regime: 'current' }, addr, 4, env);
      if (data.length < 4) {
        instructions.push({ address: `0x${addr.toString(16)}`, instruction: '<unmapped>', presentationHint: 'invalid' });
        continue;
      }
      const word = Buffer.from(data).readUInt32LE();
      const text = this.disassembler.disassemble(word, addr, (a) => {
        const s = program.symbolAt(a);
        return s === undefined ? undefined : `<${s}>`;
      });
      const sym = program.symbolAt(addr);
      const loc = program.location(addr);
      const key = loc && `${loc.path}:${loc.line}`;
      instructions.push({
        address: `0x${addr.toString(16)}`,
        instructionBytes: word.toString(16).padStart(8, '0'),
        instruction: text.replace('\t', ' '),
        symbol: sym && !sym.includes('+') ? sym : undefined,
        // The source location only where it changes, as VS Code groups the instructions under it.
        location: loc && key !== lastLine ? new Source(basename(loc.path), loc.path) : undefined,
        line: loc && key !== lastLine ? loc.line : undefined,
      });
      lastLine = key;
    }
    response.body = { instructions };
    this.sendResponse(response);
  }

  /** Memory references are address expressions with an optional space: `0x…` (current regime), `el2:…`, `ipa:…`, `pa:…`. */
  protected readMemoryRequest(response: DebugProtocol.ReadMemoryResponse, args: DebugProtocol.ReadMemoryArguments): void {
    try {
      const env = this.env();
      const { space, addr } = evaluateAddress(args.memoryReference, env);
      const at = BigInt.asUintN(64, addr + BigInt(args.offset ?? 0));
      const { data, unreadable } = readMemory(space, at, Math.min(args.count, 1 << 20), env);
      response.body = { address: `0x${at.toString(16)}`, data: Buffer.from(data).toString('base64'), unreadableBytes: unreadable };
      this.sendResponse(response);
    } catch (e) {
      this.sendErrorResponse(response, { id: 1006, format: (e as Error).message, showUser: false });
    }
  }

  protected writeMemoryRequest(response: DebugProtocol.WriteMemoryResponse, args: DebugProtocol.WriteMemoryArguments): void {
    try {
      const env = this.env();
      const { space, addr } = evaluateAddress(args.memoryReference, env);
      const at = BigInt.asUintN(64, addr + BigInt(args.offset ?? 0));
      const data = Buffer.from(args.data, 'base64');
      const written = writeMemory(space, at, data, env);
      if (written === 0 && data.length > 0) throw new Error(`0x${at.toString(16)} cannot be written (not mapped to RAM)`);
      response.body = { bytesWritten: written };
      this.sendResponse(response);
      this.sendEvent(new Event('memory', { memoryReference: args.memoryReference, offset: args.offset ?? 0, count: written }));
    } catch (e) {
      this.sendErrorResponse(response, { id: 1007, format: (e as Error).message, showUser: true });
    }
  }

  protected terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.run?.pause();
    this.sendResponse(response);
    this.sendEvent(new TerminatedEvent());
  }

  protected disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.run?.pause();
    this.sendResponse(response);
  }
}
