// Where the session's breakpoints live in the core: instruction breakpoints, function breakpoints on ELF symbols
// and on vector entries (`vector:el2:lower64:sync`, following VBAR_ELx), and the exception filters.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { sysRegIndex } from '../arch/sysregs/table';
import { Core } from '../machine/core';

/** Core debug stop kinds (src/core/debug.ts DebugStop). */
export const enum DebugStop { Breakpoint = 1, ExceptionTaken = 2, ExceptionReturn = 3, SysregWrite = 4 }

const VECTOR = /^vector:el([123]):(cur_sp0|cur_spx|lower64|lower32):(sync|irq|fiq|serror)$/;
const SOURCES = ['cur_sp0', 'cur_spx', 'lower64', 'lower32'];
const KINDS = ['sync', 'irq', 'fiq', 'serror'];

export const EXCEPTION_FILTERS: DebugProtocol.ExceptionBreakpointsFilter[] = [
  { filter: 'el1', label: 'Exception taken to EL1', default: false },
  { filter: 'el2', label: 'Exception taken to EL2', default: false },
  { filter: 'el3', label: 'Exception taken to EL3', default: false },
  { filter: 'eret', label: 'Exception return (ERET)', default: false },
];

interface FunctionBreakpoint { readonly name: string; readonly vector?: { el: number; offset: bigint }; readonly symbol?: bigint }

const VBAR = [1, 2, 3].map((el) => sysRegIndex(`VBAR_EL${el}`));
const MOVERS = [1, 2, 3].map((el) => [VBAR[el - 1], sysRegIndex(`SCTLR_EL${el}`), ...(el < 3 ? [sysRegIndex('HCR_EL2')] : [])]);

/** The vector entry's address: VBAR_ELx + offset, through the EL's stage 1 (and stage 2 for EL1) when enabled. */
function vectorAddress(core: Core, el: number, offset: bigint): bigint | undefined {
  return core.fetchAddress(el, (core.getSysreg(VBAR[el - 1]) & ~0x7ffn) + offset);
}

export class Breakpoints {
  private instructions: bigint[] = [];
  private functions: FunctionBreakpoint[] = [];
  private placed = new Set<bigint>();
  /** Exception filters on: 'el1'..'el3', 'eret'. */
  filters = new Set<string>();

  constructor(private readonly core: Core, private readonly symbol: (name: string) => bigint | undefined) {}

  setInstructions(bps: readonly DebugProtocol.InstructionBreakpoint[]): DebugProtocol.Breakpoint[] {
    const out: DebugProtocol.Breakpoint[] = [];
    this.instructions = [];
    for (const b of bps) {
      const addr = BigInt.asUintN(64, BigInt(b.instructionReference) + BigInt(b.offset ?? 0));
      if (addr % 4n !== 0n) { out.push({ verified: false, message: 'A64 instructions are 4-byte aligned' }); continue; }
      this.instructions.push(addr);
      out.push({ verified: true, instructionReference: `0x${addr.toString(16)}` });
    }
    this.place();
    return out;
  }

  setFunctions(bps: readonly DebugProtocol.FunctionBreakpoint[]): DebugProtocol.Breakpoint[] {
    this.functions = [];
    const out = bps.map((b): DebugProtocol.Breakpoint => {
      const v = VECTOR.exec(b.name.trim().toLowerCase());
      if (v) {
        const offset = BigInt(SOURCES.indexOf(v[2]) * 0x200 + KINDS.indexOf(v[3]) * 0x80);
        this.functions.push({ name: b.name, vector: { el: Number(v[1]), offset } });
        return { verified: true, message: `VBAR_EL${v[1]} + 0x${offset.toString(16)}, following VBAR_EL${v[1]}` };
      }
      const addr = this.symbol(b.name.trim());
      if (addr === undefined) return { verified: false, message: `no symbol ${b.name} (or vector:elN:cur_sp0|cur_spx|lower64|lower32:sync|irq|fiq|serror)` };
      this.functions.push({ name: b.name, symbol: addr });
      return { verified: true, instructionReference: `0x${addr.toString(16)}` };
    });
    this.place();
    return out;
  }

  /** Debug events the session needs from the runner: VBAR/SCTLR writes while vector breakpoints exist, the filters. */
  get events(): number {
    let mask = 0;
    if (this.functions.some((f) => f.vector)) mask |= 1 << DebugStop.SysregWrite;
    if (['el1', 'el2', 'el3'].some((f) => this.filters.has(f))) mask |= 1 << DebugStop.ExceptionTaken;
    if (this.filters.has('eret')) mask |= 1 << DebugStop.ExceptionReturn;
    return mask;
  }

  has(pa: bigint): boolean { return this.placed.has(pa); }

  /** The hidden breakpoint of a step over a call or an exception (see session.ts next). */
  private temporary: bigint | undefined;
  setTemporary(pa: bigint | undefined): void {
    this.temporary = pa;
    this.place();
  }

  /** Whether an instruction breakpoint (rather than a function or vector one) is at pa. */
  isInstruction(pa: bigint): boolean { return this.instructions.includes(pa); }

  /** Whether a function or vector-entry breakpoint is at pa now. */
  isFunction(pa: bigint): boolean {
    return this.functions.some((f) => (f.vector ? vectorAddress(this.core, f.vector.el, f.vector.offset) : f.symbol) === pa);
  }

  /** Puts every breakpoint into the core at its current address (vector entries move with VBAR and the MMU). */
  place(): void {
    const want = new Set<bigint>(this.instructions);
    if (this.temporary !== undefined) want.add(this.temporary);
    for (const f of this.functions) {
      const a = f.vector ? vectorAddress(this.core, f.vector.el, f.vector.offset) : f.symbol;
      if (a !== undefined) want.add(a);
    }
    for (const a of this.placed) if (!want.has(a)) this.core.clearBreakpoint(a);
    for (const a of want) if (!this.placed.has(a)) this.core.setBreakpoint(a);
    this.placed = want;
    // What moves a vector entry: its VBAR, and its translation regime's enables (SCTLR_ELx.M, HCR_EL2.VM and E2H).
    const watched = new Set<number>();
    for (const f of this.functions) if (f.vector) for (const r of MOVERS[f.vector.el - 1]) watched.add(r);
    for (const r of new Set(MOVERS.flat())) this.core.watchSysreg(r, watched.has(r));
  }
}
