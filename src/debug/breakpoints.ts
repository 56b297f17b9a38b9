// Where the session's breakpoints live in the core: source-line, instruction, function (ELF symbol) and vector-entry
// breakpoints (`vector:el2:lower64:sync`, following VBAR_ELx), with their conditions, hit counts and log messages;
// data breakpoints on memory ranges and system registers; and the exception filters with their conditions.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { sysRegIndex, SYSREGS } from '../arch/sysregs/table';
import type { Core } from '../machine/core';

/** Core debug stop kinds (src/core/debug.ts DebugStop). */
export const enum DebugStop { Breakpoint = 1, ExceptionTaken = 2, ExceptionReturn = 3, SysregWrite = 4, Watchpoint = 5 }

const VECTOR = /^vector:el([123]):(cur_sp0|cur_spx|lower64|lower32):(sync|irq|fiq|serror)$/;
const SOURCES = ['cur_sp0', 'cur_spx', 'lower64', 'lower32'];
const KINDS = ['sync', 'irq', 'fiq', 'serror'];

/** What the user attached to a breakpoint, and how often its condition held. */
interface Options { condition?: string; hitCondition?: string; logMessage?: string; hits: number }

/** A breakpoint on code: at virtual addresses (a source line may have several), or on a vector entry. */
interface CodeBreakpoint extends Options {
  readonly id: number;
  readonly kind: 'source' | 'instruction' | 'function';
  readonly name: string;
  readonly vas?: readonly bigint[];
  readonly vector?: { el: number; offset: bigint };
  /** A source breakpoint's line (where it really is, after moving to a line with code). */
  readonly line?: number;
}

interface DataBreakpoint extends Options {
  readonly dataId: string;
  readonly sysreg?: number;
  readonly range?: { lo: bigint; hi: bigint };
  readonly reads: boolean;
  readonly writes: boolean;
}

const VBAR = [1, 2, 3].map((el) => sysRegIndex(`VBAR_EL${el}`));
/** What moves a breakpoint's physical address: VBAR, and the translation regimes' enables and table bases. */
const MOVERS = ['VBAR_EL1', 'VBAR_EL2', 'VBAR_EL3', 'SCTLR_EL1', 'SCTLR_EL2', 'SCTLR_EL3', 'HCR_EL2', 'TTBR0_EL1',
  'TTBR1_EL1', 'TTBR0_EL2', 'TTBR1_EL2', 'TTBR0_EL3', 'VTTBR_EL2'].map(sysRegIndex);

/** `hitCondition`: "5" or ">= 5" (from the 5th hit on), "== 5", "> 5", "< 5", "<= 5", "% 5" (every 5th). */
export function hitConditionHolds(cond: string, hits: number): boolean {
  const m = /^\s*(>=|<=|==|=|>|<|%)?\s*([0-9]+)\s*$/.exec(cond);
  if (!m) throw new Error(`hit count "${cond}" is not N, >= N, > N, == N, < N, <= N or % N`);
  const n = Number(m[2]);
  switch (m[1] ?? '>=') {
    case '>=': return hits >= n;
    case '>': return hits > n;
    case '<': return hits < n;
    case '<=': return hits <= n;
    case '%': return n > 0 && hits % n === 0;
    default: return hits === n;
  }
}

export class Breakpoints {
  private code: CodeBreakpoint[] = [];
  private data: DataBreakpoint[] = [];
  private nextId = 1;
  /** Physical address → the breakpoints there now. */
  private placed = new Map<bigint, CodeBreakpoint[]>();
  /** The hidden breakpoint of a step over a call or an exception (see session.ts next). */
  private temporary: bigint | undefined;
  /** Exception filters on, with their conditions. */
  filters = new Map<string, string | undefined>();

  constructor(private readonly core: Core) {}

  /** The physical address code at `va` is fetched from now: the current EL's regime first, then EL1&0's. */
  private codeAddress(va: bigint): bigint | undefined {
    const el = (this.core.pstate >>> 2) & 3;
    return this.core.fetchAddress(Math.max(el, 1), va) ?? (el > 1 ? this.core.fetchAddress(1, va) : undefined);
  }

  private vectorAddress(el: number, offset: bigint): bigint | undefined {
    return this.core.fetchAddress(el, (this.core.getSysreg(VBAR[el - 1]) & ~0x7ffn) + offset);
  }

  private options(b: { condition?: string; hitCondition?: string; logMessage?: string }): Options {
    return { condition: b.condition?.trim() || undefined, hitCondition: b.hitCondition?.trim() || undefined, logMessage: b.logMessage, hits: 0 };
  }

  private replace(kind: CodeBreakpoint['kind'], next: CodeBreakpoint[]): void {
    this.code = [...this.code.filter((b) => b.kind !== kind), ...next];
    this.place();
  }

  /** Source-line breakpoints of one file; `resolve` maps a line to its code addresses (and the line really used). */
  setSource(path: string, bps: readonly DebugProtocol.SourceBreakpoint[],
    resolve: (line: number) => { line: number; addresses: readonly bigint[] } | undefined): DebugProtocol.Breakpoint[] {
    const kept = this.code.filter((b) => !(b.kind === 'source' && b.name === path));
    const out: DebugProtocol.Breakpoint[] = [];
    for (const b of bps) {
      const r = resolve(b.line);
      if (!r || r.addresses.length === 0) {
        out.push({ verified: false, line: b.line, message: `no code for line ${b.line} in the program's line table` });
        continue;
      }
      const bp: CodeBreakpoint = { id: this.nextId++, kind: 'source', name: path, vas: r.addresses, line: r.line, ...this.options(b) };
      kept.push(bp);
      out.push({ id: bp.id, verified: true, line: r.line, instructionReference: `0x${r.addresses[0].toString(16)}` });
    }
    this.code = kept;
    this.place();
    return out;
  }

  setInstructions(bps: readonly DebugProtocol.InstructionBreakpoint[]): DebugProtocol.Breakpoint[] {
    const next: CodeBreakpoint[] = [];
    const out = bps.map((b): DebugProtocol.Breakpoint => {
      const va = BigInt.asUintN(64, BigInt(b.instructionReference) + BigInt(b.offset ?? 0));
      if (va % 4n !== 0n) return { verified: false, message: 'A64 instructions are 4-byte aligned' };
      const bp: CodeBreakpoint = { id: this.nextId++, kind: 'instruction', name: b.instructionReference, vas: [va], ...this.options(b) };
      next.push(bp);
      return { id: bp.id, verified: true, instructionReference: `0x${va.toString(16)}` };
    });
    this.replace('instruction', next);
    return out;
  }

  setFunctions(bps: readonly DebugProtocol.FunctionBreakpoint[], symbol: (name: string) => bigint | undefined): DebugProtocol.Breakpoint[] {
    const next: CodeBreakpoint[] = [];
    const out = bps.map((b): DebugProtocol.Breakpoint => {
      const v = VECTOR.exec(b.name.trim().toLowerCase());
      if (v) {
        const offset = BigInt(SOURCES.indexOf(v[2]) * 0x200 + KINDS.indexOf(v[3]) * 0x80);
        const bp: CodeBreakpoint = { id: this.nextId++, kind: 'function', name: b.name, vector: { el: Number(v[1]), offset }, ...this.options(b) };
        next.push(bp);
        return { id: bp.id, verified: true, message: `VBAR_EL${v[1]} + 0x${offset.toString(16)}, following VBAR_EL${v[1]}` };
      }
      const addr = symbol(b.name.trim());
      if (addr === undefined) return { verified: false, message: `no symbol ${b.name} (or vector:elN:cur_sp0|cur_spx|lower64|lower32:sync|irq|fiq|serror)` };
      const bp: CodeBreakpoint = { id: this.nextId++, kind: 'function', name: b.name, vas: [addr], ...this.options(b) };
      next.push(bp);
      return { id: bp.id, verified: true, instructionReference: `0x${addr.toString(16)}` };
    });
    this.replace('function', next);
    return out;
  }

  /**
   * dataBreakpointInfo for a system register (writes) or a memory range given by its physical address; `what`
   * names it for the UI.
   */
  static dataInfoForSysreg(name: string): DebugProtocol.DataBreakpointInfoResponse['body'] {
    const r = SYSREGS.find((x) => x.name === name.toUpperCase() && !x.absent);
    if (!r) return { dataId: null, description: `${name} is not a system register` };
    return { dataId: `sysreg:${r.name}`, description: `${r.name} written`, accessTypes: ['write'], canPersist: true };
  }

  static dataInfoForMemory(pa: bigint, bytes: number, what: string): DebugProtocol.DataBreakpointInfoResponse['body'] {
    return { dataId: `pa:0x${pa.toString(16)}:${bytes}`, description: `${what} (${bytes} bytes at PA 0x${pa.toString(16)})`,
      accessTypes: ['read', 'write', 'readWrite'], canPersist: false };
  }

  setData(bps: readonly DebugProtocol.DataBreakpoint[]): DebugProtocol.Breakpoint[] {
    this.data = [];
    const out = bps.map((b): DebugProtocol.Breakpoint => {
      const access = b.accessType ?? 'write';
      const opts = { reads: access !== 'write', writes: access !== 'read', ...this.options(b) };
      const sys = /^sysreg:(\S+)$/.exec(b.dataId);
      if (sys) {
        if (opts.reads) return { verified: false, message: 'system registers can be watched for writes only' };
        this.data.push({ dataId: b.dataId, sysreg: sysRegIndex(sys[1]), ...opts });
        return { verified: true, message: `${sys[1]} written` };
      }
      const mem = /^pa:(0x[0-9a-f]+):([0-9]+)$/i.exec(b.dataId);
      if (!mem) return { verified: false, message: `unknown data breakpoint ${b.dataId}` };
      const lo = BigInt(mem[1]);
      this.data.push({ dataId: b.dataId, range: { lo, hi: lo + BigInt(mem[2]) }, ...opts });
      return { verified: true };
    });
    this.core.clearWatchpoints();
    for (const d of this.data) {
      if (d.range && !this.core.addWatchpoint(d.range.lo, d.range.hi, d.reads, d.writes)) {
        out[this.data.indexOf(d)] = { verified: false, message: 'too many memory data breakpoints (32 at most)' };
      }
    }
    this.place();
    return out;
  }

  /** The data breakpoints hit by the last stop: a write to system register `sysreg`, or an access at `pa`. */
  dataHits(stop: { sysreg?: number; pa?: bigint }): DataBreakpoint[] {
    return this.data.filter((d) => (stop.sysreg !== undefined && d.sysreg === stop.sysreg)
      || (stop.pa !== undefined && d.range !== undefined && stop.pa >= d.range.lo && stop.pa < d.range.hi));
  }

  /** Debug events the session needs from the runner. */
  get events(): number {
    let mask = 0;
    // Every code breakpoint is at a VA: a write to what moves it (MOVERS) places it again.
    if (this.code.length > 0 || this.data.some((d) => d.sysreg !== undefined)) mask |= 1 << DebugStop.SysregWrite;
    if (this.filters.has('eret')) mask |= 1 << DebugStop.ExceptionReturn;
    if (this.data.some((d) => d.range)) mask |= 1 << DebugStop.Watchpoint;
    return mask;
  }

  has(pa: bigint): boolean { return this.placed.has(pa) || this.temporary === pa; }

  setTemporary(pa: bigint | undefined): void {
    this.temporary = pa;
    this.place();
  }

  /**
   * Where source breakpoint `id` is, when it is at virtual address `va`: a stop there shows the breakpoint's line even
   * where the line table gives that address to code inlined from elsewhere.
   */
  sourceLine(id: number, va: bigint): { path: string; line: number } | undefined {
    const b = this.code.find((x) => x.id === id && x.kind === 'source');
    return b && b.vas?.includes(va) ? { path: b.name, line: b.line! } : undefined;
  }

  /** The user's breakpoints at physical address pa now (none for the temporary one alone). */
  at(pa: bigint): readonly CodeBreakpoint[] { return this.placed.get(pa) ?? []; }

  /**
   * Whether the breakpoints hit decide to stop: a condition that holds, then the hit count; a logpoint logs instead.
   * `test` evaluates a condition (throws on a bad one: that stops, with the error); `log` writes a logpoint's message.
   */
  decide(hit: readonly Options[], test: (expr: string) => boolean, log: (message: string) => void): { stop: boolean; error?: string } {
    let stop = false;
    for (const b of hit) {
      try {
        if (b.condition && !test(b.condition)) continue;
        b.hits++;
        if (b.hitCondition && !hitConditionHolds(b.hitCondition, b.hits)) continue;
      } catch (e) {
        return { stop: true, error: (e as Error).message };
      }
      if (b.logMessage !== undefined) log(b.logMessage);
      else stop = true;
    }
    return { stop };
  }

  /** Puts every breakpoint into the core at its current physical address. */
  place(): void {
    const want = new Map<bigint, CodeBreakpoint[]>();
    const add = (pa: bigint | undefined, b: CodeBreakpoint): void => {
      if (pa !== undefined) want.set(pa, [...(want.get(pa) ?? []), b]);
    };
    for (const b of this.code) {
      if (b.vector) add(this.vectorAddress(b.vector.el, b.vector.offset), b);
      for (const va of b.vas ?? []) add(this.codeAddress(va), b);
    }
    const all = new Set(want.keys());
    if (this.temporary !== undefined) all.add(this.temporary);
    const before = new Set(this.placed.keys());
    if (this.placedTemporary !== undefined) before.add(this.placedTemporary);
    for (const a of before) if (!all.has(a)) this.core.clearBreakpoint(a);
    for (const a of all) if (!before.has(a)) this.core.setBreakpoint(a);
    this.placed = want;
    this.placedTemporary = this.temporary;
    const watched = new Set<number>(this.data.filter((d) => d.sysreg !== undefined).map((d) => d.sysreg!));
    if (this.code.length > 0) for (const r of MOVERS) watched.add(r);
    for (const r of new Set([...MOVERS, ...this.watchedBefore])) this.core.watchSysreg(r, watched.has(r));
    for (const r of watched) this.core.watchSysreg(r, true);
    this.watchedBefore = watched;
  }

  private placedTemporary: bigint | undefined;
  private watchedBefore = new Set<number>();
}
