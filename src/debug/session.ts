// The Debug Adapter Protocol session: translates DAP requests into machine operations (run, pause, step,
// breakpoints, registers, memory, disassembly) and machine events into DAP events. Thin by design.
import {
  DebugSession, ExitedEvent, Handles, InitializedEvent, OutputEvent, Scope, StackFrame, StoppedEvent,
  TerminatedEvent, Thread,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Disassembler } from '../arch/a64/disasm/disassemble';
import { Elf, ElfError, STT_FUNC, STT_NOTYPE } from '../machine/loaders/elf';
import { LoadError } from '../machine/loaders/load';
import { Runner } from '../machine/runner';
import { validateLaunch, LaunchArguments } from './launchConfig';
import { registerVariables, RegisterGroup } from './registers';

const THREAD_ID = 1;
/** Instructions per slice while running: small enough that pause answers within a few milliseconds. */
const SLICE = 200_000n;

interface FunctionSymbol { readonly name: string; readonly addr: bigint; readonly size: bigint; }

export class TrapdoorSession extends DebugSession {
  private runner?: Runner;
  private symbols: FunctionSymbol[] = [];
  private readonly groups = new Handles<RegisterGroup>();
  private running = false;
  private pauseRequested = false;
  private readonly breakpoints = new Set<bigint>();
  private readonly disassembler = new Disassembler();

  protected initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsDisassembleRequest: true,
      supportsSteppingGranularity: true,
      supportsInstructionBreakpoints: true,
      supportsReadMemoryRequest: true,
      supportsTerminateRequest: true,
    };
    this.sendResponse(response);
  }

  protected async launchRequest(response: DebugProtocol.LaunchResponse, raw: DebugProtocol.LaunchRequestArguments): Promise<void> {
    const problem = validateLaunch(raw as Record<string, unknown>);
    if (typeof problem === 'string') {
      this.sendErrorResponse(response, { id: 1001, format: problem, showUser: true });
      return;
    }
    const args: LaunchArguments = problem;
    const cwd = args.cwd ?? dirname(resolve(args.program));
    try {
      const image = readFileSync(resolve(cwd, args.program));
      this.symbols = functionSymbols(new Elf(image));
      this.runner = await Runner.create(image, {
        el: args.entryEl, memory: args.memoryBytes, root: cwd, cmdline: args.program,
        console: {
          write: (bytes) => this.sendEvent(new OutputEvent(Buffer.from(bytes).toString('latin1'), 'stdout')),
          readByte: () => undefined,
        },
      });
    } catch (e) {
      const msg = e instanceof ElfError || e instanceof LoadError ? `${args.program}: ${e.message}` : `cannot launch ${args.program}: ${(e as Error).message}`;
      this.sendErrorResponse(response, { id: 1002, format: msg, showUser: true });
      return;
    }
    this.sendResponse(response);
    this.sendEvent(new InitializedEvent());
    this.stopOnEntry = args.stopOnEntry;
  }

  private stopOnEntry = true;

  protected configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.sendResponse(response);
    if (this.stopOnEntry) this.sendEvent(new StoppedEvent('entry', THREAD_ID));
    else this.resume();
  }

  protected threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: [new Thread(THREAD_ID, 'vCPU 0')] };
    this.sendResponse(response);
  }

  private symbolAt(addr: bigint): string | undefined {
    let best: FunctionSymbol | undefined;
    for (const s of this.symbols) if (s.addr <= addr && (!best || s.addr > best.addr)) best = s;
    if (!best || (best.size > 0n && addr >= best.addr + best.size)) return undefined;
    return addr === best.addr ? best.name : `${best.name}+0x${(addr - best.addr).toString(16)}`;
  }

  protected stackTraceRequest(response: DebugProtocol.StackTraceResponse): void {
    const core = this.runner!.core;
    const pc = core.pc;
    const el = (core.pstate >> 2) & 3;
    const frame = new StackFrame(0, `EL${el}: ${this.symbolAt(pc) ?? `0x${pc.toString(16)}`}`);
    frame.instructionPointerReference = `0x${pc.toString(16)}`;
    response.body = { stackFrames: [frame], totalFrames: 1 };
    this.sendResponse(response);
  }

  protected scopesRequest(response: DebugProtocol.ScopesResponse): void {
    response.body = {
      scopes: [
        new Scope('General registers', this.groups.create('general'), false),
        new Scope('Exception registers', this.groups.create('exception'), false),
      ],
    };
    this.sendResponse(response);
  }

  protected variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    const group = this.groups.get(args.variablesReference);
    response.body = { variables: group && this.runner ? registerVariables(this.runner.core, group) : [] };
    this.sendResponse(response);
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

  /** `next` and `step in` at instruction granularity: one instruction (exception-aware stepping: issue #6). */
  protected nextRequest(response: DebugProtocol.NextResponse): void {
    this.sendResponse(response);
    this.stepInstruction();
  }

  protected stepInRequest(response: DebugProtocol.StepInResponse): void {
    this.sendResponse(response);
    this.stepInstruction();
  }

  private stepInstruction(): void {
    const core = this.runner!.core;
    if (this.breakpoints.has(core.pc)) core.resumeOverBreakpoint();
    const result = this.runner!.step(1n);
    if (result === undefined || result === 'debug') this.sendEvent(new StoppedEvent('step', THREAD_ID));
    else this.finish(result);
  }

  private resume(): void {
    const runner = this.runner!;
    if (this.running) return;
    this.running = true;
    this.pauseRequested = false;
    if (this.breakpoints.has(runner.core.pc)) runner.core.resumeOverBreakpoint();
    const slice = (): void => {
      if (this.pauseRequested) {
        this.running = false;
        this.sendEvent(new StoppedEvent('pause', THREAD_ID));
        return;
      }
      const result = runner.step(SLICE);
      if (result === 'debug') {
        this.running = false;
        this.sendEvent(new StoppedEvent('instruction breakpoint', THREAD_ID));
      } else if (result !== undefined) {
        this.running = false;
        this.finish(result);
      } else {
        setImmediate(slice);
      }
    };
    setImmediate(slice);
  }

  private finish(result: Exclude<ReturnType<Runner['step']>, undefined | 'debug'>): void {
    if (result.kind === 'exit') {
      this.sendEvent(new ExitedEvent(result.status));
      this.sendEvent(new TerminatedEvent());
      return;
    }
    // The guest cannot go on by itself (spinning, waiting, left RAM): stop there so the user can look.
    this.sendEvent(new OutputEvent(`trapdoor: ${result.report}\n`, 'console'));
    this.sendEvent(new StoppedEvent('exception', THREAD_ID, result.report));
  }

  protected setInstructionBreakpointsRequest(response: DebugProtocol.SetInstructionBreakpointsResponse,
    args: DebugProtocol.SetInstructionBreakpointsArguments): void {
    const core = this.runner?.core;
    for (const a of this.breakpoints) core?.clearBreakpoint(a);
    this.breakpoints.clear();
    response.body = {
      breakpoints: args.breakpoints.map((b) => {
        const addr = BigInt.asUintN(64, BigInt(b.instructionReference) + BigInt(b.offset ?? 0));
        if (addr % 4n !== 0n) return { verified: false, message: 'A64 instructions are 4-byte aligned' };
        core?.setBreakpoint(addr);
        this.breakpoints.add(addr);
        return { verified: true, instructionReference: `0x${addr.toString(16)}` };
      }),
    };
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

function functionSymbols(elf: Elf): FunctionSymbol[] {
  return elf.symbols('symtab')
    .filter((s) => s.shndx !== 0 && s.name && !s.name.startsWith('$') && (s.type === STT_FUNC || s.type === STT_NOTYPE))
    .map((s) => ({ name: s.name, addr: s.value, size: s.size }));
}
