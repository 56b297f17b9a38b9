// Inverses of the FP and AdvSIMD operand kinds (src/arch/a64/disasm/operands/fp.ts and simd.ts): B/H/S/D/Q
// registers, vectors with arrangements, elements, register lists, FP and modified immediates, immediate shifts.
import { advSimdExpandImm, vfpExpandImm } from '../../pseudocode';
import { REG_FIELD } from '../../disasm/operands/basic';
import { immAt, lit, MatchCtx, MatcherFactory, MatchState, OperandMatcher, solve, solveNumber, withField } from '../match';

const SIZE_LETTERS = 'bhsdq';
const FTYPE_LETTERS = ['s', 'd', '?', 'h'];
const ARRANGEMENTS = ['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d', '', '1q'];
const SCALARS = ['b', 'h', 's', 'd', 'q'];

function scalarAt(ctx: MatchCtx, pos: number): { letter: string; n: number; end: number } | undefined {
  const m = /^([bhsdq])([0-9]|[12][0-9]|3[01])(?![0-9a-z_.])/.exec(ctx.lower.slice(pos));
  return m ? { letter: m[1], n: Number(m[2]), end: pos + m[0].length } : undefined;
}

const scalarRegister: MatcherFactory = (spec) => {
  let m = /^\$([BHSDQF])(d|n|m|a)$/.exec(spec);
  if (m) {
    const field = REG_FIELD[m[2]];
    const kind = m[1];
    return (ctx, st) => {
      const r = scalarAt(ctx, st.pos);
      if (!r) return [];
      const s = withField({ ...st, pos: r.end }, field, r.n);
      if (!s) return [];
      if (kind !== 'F') return r.letter === kind.toLowerCase() ? [s] : [];
      const ftype = FTYPE_LETTERS.indexOf(r.letter);
      const t = ftype < 0 ? undefined : withField(s, 'ftype', ftype);
      return t ? [t] : [];
    };
  }
  m = /^\$(d|n|m|a|t2|t)@(.+)$/.exec(spec);
  if (!m) return undefined;
  const field = REG_FIELD[m[1]];
  const expr = m[2];
  return (ctx, st) => {
    const r = scalarAt(ctx, st.pos);
    const s = r && withField({ ...st, pos: r.end }, field, r.n);
    return s ? solveNumber(ctx, s, expr, SIZE_LETTERS.indexOf(r!.letter)) : [];
  };
};

/** A floating-point literal (`#1.0`, `#-2.5e+00`, `#3`). */
function fpAt(ctx: MatchCtx, pos: number): { v: number; end: number } | undefined {
  const m = /^#?([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)/.exec(ctx.lower.slice(pos));
  return m ? { v: Number(m[1]), end: pos + m[0].length } : undefined;
}

function fpImm8(v: number): number | undefined {
  for (let i = 0; i < 256; i++) if (vfpExpandImm(i) === v) return i;
  return undefined;
}

const fpImmediate: MatcherFactory = (spec) => spec === '$FPIMM' ? (ctx, st) => {
  const v = fpAt(ctx, st.pos);
  const i = v && fpImm8(v.v);
  const s = i === undefined ? undefined : withField({ ...st, pos: v!.end }, 'imm8', i);
  return s ? [s] : [];
} : undefined;

const REG = '([dnma]|\\([^)]*\\))';

/** Binds a register operand: a field, or a computed number `(M*16+Rm)` solved for its fields. */
function bindRegister(ctx: MatchCtx, st: MatchState, sel: string, n: number): MatchState[] {
  if (REG_FIELD[sel]) { const s = withField(st, REG_FIELD[sel], n); return s ? [s] : []; }
  return solve(ctx, st, sel.slice(1, -1), (v) => (Number(v) & 31) === n);
}

/** Binds a name chosen by an expression (an index into `names`, or a string), or a literal name. */
function bindName(ctx: MatchCtx, st: MatchState, sel: string, names: readonly string[], name: string): MatchState[] {
  if (names.includes(sel) || /^\d+[bhsdq]$/.test(sel)) return sel === name ? [st] : [];
  return solve(ctx, st, sel, (v) => (typeof v === 'string' ? v === name : names[Number(v)] === name));
}

function vectorAt(ctx: MatchCtx, pos: number): { n: number; suffix: string; end: number } | undefined {
  const m = /^v([0-9]|[12][0-9]|3[01])\.(\d*[bhsdq])(?![0-9a-z_])/.exec(ctx.lower.slice(pos));
  return m ? { n: Number(m[1]), suffix: m[2], end: pos + m[0].length } : undefined;
}

const vector: MatcherFactory = (spec) => {
  const m = new RegExp(`^V${REG}\\.(.+)$`).exec(spec);
  if (!m || m[2].includes('.')) return undefined;
  const [, reg, arr] = m;
  return (ctx, st) => {
    const v = vectorAt(ctx, st.pos);
    if (!v || !/^\d/.test(v.suffix)) return [];
    return bindRegister(ctx, { ...st, pos: v.end }, reg, v.n).flatMap((s) => bindName(ctx, s, arr, ARRANGEMENTS, v.suffix));
  };
};

const element: MatcherFactory = (spec) => {
  const m = new RegExp(`^VE${REG}\\.([^.]+)\\.(.+)$`).exec(spec);
  if (!m) return undefined;
  const [, reg, type, idx] = m;
  return (ctx, st) => {
    const v = vectorAt(ctx, st.pos);
    if (!v || /^\d/.test(v.suffix) && !/^4b$|^2h$/.test(v.suffix)) return [];
    const open = lit(ctx, v.end, '[');
    const i = open === undefined ? undefined : immAt(ctx, open);
    const close = i && lit(ctx, i.end, ']');
    if (!i || close === undefined) return [];
    return bindRegister(ctx, { ...st, pos: close }, reg, v.n)
      .flatMap((s) => bindName(ctx, s, type, SCALARS, v.suffix))
      .flatMap((s) => solveNumber(ctx, s, idx, i.n));
  };
};

/** `{v0.4s, v1.4s}` or `{v0.4s-v3.4s}`: first register, count and the common suffix. */
export function parseVectorList(ctx: MatchCtx, pos: number): { first: number; count: number; suffix: string; end: number } | undefined {
  let p = lit(ctx, pos, '{');
  if (p === undefined) return undefined;
  const first = vectorAt(ctx, p);
  if (!first) return undefined;
  let count = 1;
  p = first.end;
  if (ctx.lower[p] === '-') {
    const last = vectorAt(ctx, p + 1);
    if (!last || last.suffix !== first.suffix) return undefined;
    count = ((last.n - first.n) & 31) + 1;
    p = last.end;
  } else {
    while (ctx.lower[p] === ',') {
      const next = vectorAt(ctx, p + 1);
      if (!next || next.suffix !== first.suffix || next.n !== ((first.n + count) & 31)) return undefined;
      count++;
      p = next.end;
    }
  }
  const end = lit(ctx, p, '}');
  return end === undefined ? undefined : { first: first.n, count, suffix: first.suffix, end };
}

const registerList: MatcherFactory = (spec) => {
  const m = /^VLIST\.(\w+)$/.exec(spec);
  if (!m) return undefined;
  return (ctx, st) => {
    const l = parseVectorList(ctx, st.pos);
    if (!l || l.suffix !== m[1] || l.count > 4) return [];
    const s = withField({ ...st, pos: l.end }, 'Rn', l.first);
    const t = s && withField(s, 'len', l.count - 1);
    return t ? [t] : [];
  };
};

const imm8Fields = (i: number) => ({ abc: i >> 5, defgh: i & 31 });

function withImm8(st: MatchState, i: number, pos: number): MatchState[] {
  const f = imm8Fields(i);
  const s = withField({ ...st, pos }, 'abc', f.abc);
  const t = s && withField(s, 'defgh', f.defgh);
  return t ? [t] : [];
}

const modifiedImmediate: MatcherFactory = (spec) => {
  if (spec === 'VIMM_64') {
    return (ctx, st) => {
      const v = immAt(ctx, st.pos);
      if (!v) return [];
      const x = BigInt.asUintN(64, v.big);
      for (let i = 0; i < 256; i++) if (advSimdExpandImm(1, 0b1110, i) === x) return withImm8(st, i, v.end);
      return [];
    };
  }
  if (spec === 'VIMM_FP') {
    return (ctx, st) => {
      const v = fpAt(ctx, st.pos);
      const i = v && fpImm8(v.v);
      return i === undefined ? [] : withImm8(st, i, v!.end);
    };
  }
  return undefined;
};

const immediateShift: MatcherFactory = (spec) => {
  const m = /^V(LSL|MSL)=(.+)$/.exec(spec);
  if (!m) return undefined;
  const op = m[1].toLowerCase();
  const expr = m[2];
  const matcher: OperandMatcher = (ctx, st) => {
    const p = lit(ctx, st.pos, op);
    const v = p === undefined ? undefined : immAt(ctx, p);
    return v ? solveNumber(ctx, { ...st, pos: v.end }, expr, v.n) : [];
  };
  if (op === 'lsl') matcher.absent = (ctx, st) => solveNumber(ctx, st, expr, 0);
  return matcher;
};

export const SIMD_MATCHERS: MatcherFactory[] = [
  scalarRegister, fpImmediate, registerList, modifiedImmediate, immediateShift, element, vector,
];
