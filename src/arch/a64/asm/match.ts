// What an operand-kind inverse works with: the operand text, a cursor, the fields solved so far, and a solver
// that finds field values for which one of the table's expressions gives the value the source wrote.
import { compileExpr } from '../expr';
import type { EncodingRow, Fields } from '../encoding';

/** A value from the source: a number, or a symbol's location that a relocation resolves. */
export interface Value {
  n: bigint;
  /** Section index the value is relative to; undefined for an absolute number. */
  sec?: number;
  /** Symbol a relocation must name (global or undefined symbols); the value is then `addend` n. */
  sym?: string;
  /** A global symbol the value is relative to: relocations name it rather than its section. */
  global?: string;
  /** The `:lo12:` operator was applied. */
  lo12?: boolean;
}

export type RelocType =
  | 'ABS64' | 'ABS32' | 'ABS16'
  | 'ADR_PREL_LO21' | 'ADR_PREL_PG_HI21' | 'ADD_ABS_LO12_NC'
  | 'LDST8_ABS_LO12_NC' | 'LDST16_ABS_LO12_NC' | 'LDST32_ABS_LO12_NC' | 'LDST64_ABS_LO12_NC' | 'LDST128_ABS_LO12_NC'
  | 'JUMP26' | 'CALL26' | 'CONDBR19' | 'TSTBR14' | 'LD_PREL_LO19';

export interface PendingReloc { type: RelocType; value: Value; }

export interface MatchState { pos: number; f: Fields; reloc?: PendingReloc; }

export interface MatchCtx {
  /** Operand text with insignificant blanks removed (see normalizeOperands), and its lowercase copy. */
  readonly text: string;
  readonly lower: string;
  readonly row: EncodingRow;
  /** Address of the instruction within its section and that section's index. */
  readonly pc: bigint;
  readonly section: number;
  readonly widths: Readonly<Record<string, number>>;
  /** Parses an expression at pos (after an optional `#`), or undefined when none is there. */
  value(pos: number): { end: number; v: Value } | undefined;
}

export interface OperandMatcher {
  (ctx: MatchCtx, st: MatchState): MatchState[];
  /** How the operand is left out (its defaults), for operands the source may omit. */
  absent?: (ctx: MatchCtx, st: MatchState) => MatchState[];
}

export type MatcherFactory = (spec: string, mnemonic: string) => OperandMatcher | undefined;

/** Removes blanks around punctuation so that matchers see `[x0,#8]!`, `x1,lsl#3`, `{v0.4s-v1.4s}`. */
export function normalizeOperands(s: string): string {
  return s.trim().replace(/\s+/g, ' ').replace(/\s*([,[\]{}!#:-])\s*/g, '$1').replace(/\s*([+*/()<>&|^~])\s*/g, '$1');
}

export function withField(st: MatchState, name: string, v: number): MatchState | undefined {
  const cur = st.f[name];
  if (cur !== undefined) return cur === v ? st : undefined;
  return { ...st, f: { ...st.f, [name]: v } };
}

export function setFields(st: MatchState, f: Fields, pos = st.pos): MatchState | undefined {
  let s: MatchState | undefined = { ...st, pos };
  for (const [k, v] of Object.entries(f)) if (s) s = withField(s, k, v);
  return s;
}

/** Matches literal text (already lowercase) at the cursor. */
export function lit(ctx: MatchCtx, pos: number, s: string): number | undefined {
  return ctx.lower.startsWith(s, pos) ? pos + s.length : undefined;
}

/** An identifier-like word at pos (register names, shift and condition names), lowercase. */
export function word(ctx: MatchCtx, pos: number): { w: string; end: number } | undefined {
  const m = /^[a-z_][a-z0-9_.]*/.exec(ctx.lower.slice(pos));
  return m ? { w: m[0], end: pos + m[0].length } : undefined;
}

export function gprAt(ctx: MatchCtx, pos: number): { n: number; is64: boolean; sp: boolean; zr: boolean; end: number } | undefined {
  const m = /^(?:([xw])([0-9]|[12][0-9]|30)|(xzr|wzr|sp|wsp))(?![a-z0-9_.])/.exec(ctx.lower.slice(pos));
  if (!m) return undefined;
  const end = pos + m[0].length;
  if (m[1]) return { n: Number(m[2]), is64: m[1] === 'x', sp: false, zr: false, end };
  const name = m[3];
  return { n: 31, is64: name === 'xzr' || name === 'sp', sp: name.endsWith('sp'), zr: name.endsWith('zr'), end };
}

/** An absolute immediate (`#` optional), as a JS number. */
export function immAt(ctx: MatchCtx, pos: number, hashRequired = false): { n: number; big: bigint; end: number; v: Value } | undefined {
  if (hashRequired && ctx.text[pos] !== '#') return undefined;
  const r = ctx.value(pos);
  if (!r || r.v.sec !== undefined || r.v.sym !== undefined) return undefined;
  return { n: Number(r.v.n), big: r.v.n, end: r.end, v: r.v };
}

const MAX_SOLUTIONS = 64;
const BRUTE_BITS = 16;

/**
 * Every assignment (up to a few dozen) of the fields `expr` names and `st` has not fixed for which `ok` holds.
 * Small fields are enumerated; a wide one is solved as an affine function of itself and checked.
 */
export function solve(ctx: MatchCtx, st: MatchState, expr: string, ok: (v: unknown) => boolean, target?: number): MatchState[] {
  const e = compileExpr(expr);
  const ids = [...new Set(expr.match(/\b[A-Za-z_][A-Za-z0-9_]*\b/g) ?? [])];
  const free = ids.filter((id) => ctx.widths[id] !== undefined && st.f[id] === undefined);
  const test = (f: Fields) => { try { return ok(e(f)); } catch { return false; } };
  if (!free.length) return test(st.f) ? [st] : [];
  free.sort((a, b) => ctx.widths[a] - ctx.widths[b]);
  const totalBits = free.reduce((s, id) => s + ctx.widths[id], 0);
  const affine = totalBits > BRUTE_BITS && target !== undefined ? free.pop()! : undefined;
  const out: MatchState[] = [];
  const f: Fields = { ...st.f };
  const visit = (i: number): boolean => {
    if (i === free.length) {
      if (affine !== undefined) {
        const w = ctx.widths[affine];
        f[affine] = 0; const a = Number(e(f));
        f[affine] = 1; const b = Number(e(f)) - a;
        if (!b || (target! - a) % b !== 0) return false;
        f[affine] = ((target! - a) / b) & ((2 ** w) - 1) >>> 0;
        if (w >= 31) f[affine] = Number(BigInt.asUintN(w, BigInt((target! - a) / b)));
      }
      if (test(f)) out.push({ ...st, f: { ...f } });
      return out.length >= MAX_SOLUTIONS;
    }
    const id = free[i];
    for (let v = 0; v < 2 ** ctx.widths[id]; v++) { f[id] = v; if (visit(i + 1)) return true; }
    return false;
  };
  visit(0);
  return out;
}

export const solveNumber = (ctx: MatchCtx, st: MatchState, expr: string, n: number): MatchState[] =>
  solve(ctx, st, expr, (v) => Number(v) === n, n);
