// Inverses of the basic operand kinds (src/arch/a64/disasm/operands/basic.ts): registers, computed immediates,
// add/sub, logical and move-wide immediates, shifts, extends, conditions and PC-relative targets.
import { decodeBitMasks } from '../../pseudocode';
import { CONDITIONS, EXTENDS, parseRegisterSpec } from '../../disasm/operands/basic';
import {
  gprAt, immAt, lit, MatchCtx, MatcherFactory, MatchState, OperandMatcher, RelocType, setFields, solveNumber, withField, word,
} from '../match';

const register: MatcherFactory = (spec) => {
  const parsed = parseRegisterSpec(spec);
  if (!parsed) return undefined;
  const { field, plus, sp: allowSp, width, sel } = parsed;
  return (ctx, st) => {
    const r = gprAt(ctx, st.pos);
    if (!r || (r.sp && !allowSp) || (r.zr && allowSp)) return [];
    let s: MatchState | undefined = withField({ ...st, pos: r.end }, field, (r.n - plus) & 31);
    if (!s) return [];
    if (width === 'W' || width === 'X') return r.is64 === (width === 'X') ? [s] : [];
    // TBZ/TBNZ: the bit number decides b5; GNU as takes either register width.
    if (sel === 'b5') return [s];
    if (sel) return solveNumberOrBool(ctx, s, sel, r.is64);
    s = withField(s, 'sf', r.is64 ? 1 : 0);
    return s ? [s] : [];
  };
};

function solveNumberOrBool(ctx: MatchCtx, st: MatchState, expr: string, want: boolean): MatchState[] {
  return solveNumber(ctx, st, `(${expr}) ? 1 : 0`, want ? 1 : 0);
}

const computedImmediate: MatcherFactory = (spec) => {
  const m = /^#(x?)=(.+)$/.exec(spec);
  if (!m) return undefined;
  const expr = m[2];
  return (ctx, st) => {
    const v = immAt(ctx, st.pos);
    if (!v) return [];
    return solveNumber(ctx, { ...st, pos: v.end }, expr, v.n);
  };
};

/** `, lsl #n` after an immediate, or nothing: the amount, or undefined when absent. */
function lslAmount(ctx: MatchCtx, pos: number): { amount?: number; end: number } | undefined {
  const p = lit(ctx, pos, ',lsl');
  if (p === undefined) return { end: pos };
  const v = immAt(ctx, p);
  return v ? { amount: v.n, end: v.end } : undefined;
}

const addSubImmediate: MatcherFactory = (spec) => spec !== 'AIMM' ? undefined : (ctx, st) => {
  const r = ctx.value(st.pos);
  if (!r) return [];
  const sh = lslAmount(ctx, r.end);
  if (!sh) return [];
  if (r.v.sec !== undefined || r.v.sym !== undefined) {
    if (!r.v.lo12 || sh.amount !== undefined) return [];
    const s = setFields(st, { sh: 0, imm12: 0 }, sh.end);
    return s ? [{ ...s, reloc: { type: 'ADD_ABS_LO12_NC', value: r.v } }] : [];
  }
  const n = Number(r.v.lo12 ? r.v.n & 0xfffn : r.v.n);
  let f: { sh: number; imm12: number } | undefined;
  if (sh.amount === 12) f = n >= 0 && n < 4096 ? { sh: 1, imm12: n } : undefined;
  else if (sh.amount === undefined || sh.amount === 0) {
    if (n >= 0 && n < 4096) f = { sh: 0, imm12: n };
    else if (sh.amount === undefined && (n & 0xfff) === 0 && n >= 0 && n < 4096 * 4096) f = { sh: 1, imm12: n / 4096 };
  }
  const s = f && setFields(st, f, sh.end);
  return s ? [s] : [];
};

/** The N:immr:imms encoding of a bitmask immediate of `size` bits (the inverse of DecodeBitMasks). */
function encodeBitMask(value: bigint, size: number): { N: number; immr: number; imms: number } | undefined {
  const mask = (1n << BigInt(size)) - 1n;
  let v = value & mask;
  if (v === 0n || v === mask) return undefined;
  let e = size;
  while (e > 2) {
    const half = e / 2;
    const hm = (1n << BigInt(half)) - 1n;
    if ((v & hm) !== ((v >> BigInt(half)) & hm)) break;
    e = half;
  }
  const em = (1n << BigInt(e)) - 1n;
  v &= em;
  let ones = 0;
  for (let i = 0; i < e; i++) if ((v >> BigInt(i)) & 1n) ones++;
  const runOnes = (1n << BigInt(ones)) - 1n;
  for (let r = 0; r < e; r++) {
    const rotated = ((runOnes >> BigInt(r)) | (runOnes << BigInt(e - r))) & em;
    if (rotated === v) {
      const imms = ((~(e - 1) << 1) & 0x3f) | (ones - 1);
      return { N: e === 64 ? 1 : 0, immr: r, imms };
    }
  }
  return undefined;
}

/** A 64-bit or 32-bit value for a W/X operation: negative numbers wrap, wider values are refused. */
function valueFor(n: bigint, sf: number): bigint | undefined {
  if (sf) return n >= -(1n << 64n) && n < (1n << 64n) ? BigInt.asUintN(64, n) : undefined;
  return n >= -(1n << 32n) && n < (1n << 32n) ? BigInt.asUintN(32, n) : undefined;
}

const logicalImmediate: MatcherFactory = (spec) => spec !== 'LIMM' ? undefined : (ctx, st) => {
  const v = immAt(ctx, st.pos);
  if (!v) return [];
  const sf = st.f.sf ?? 1;
  const x = valueFor(v.big, sf);
  const enc = x === undefined ? undefined : encodeBitMask(x, sf ? 64 : 32);
  const s = enc && setFields(st, enc, v.end);
  return s && decodeBitMasks(enc.N, enc.imms, enc.immr, true, sf ? 64 : 32) !== undefined ? [s] : [];
};

/** MOVZ/MOVN/ORR values of the MOV aliases, and MOVW's `#imm{, lsl #n}`. */
const moveWide: MatcherFactory = (spec) => {
  if (spec === 'MOVW') {
    return (ctx, st) => {
      const v = immAt(ctx, st.pos);
      if (!v) return [];
      const sh = lslAmount(ctx, v.end);
      if (!sh) return [];
      const sf = st.f.sf ?? 1;
      const outs: MatchState[] = [];
      for (let hw = 0; hw < (sf ? 4 : 2); hw++) {
        if (sh.amount !== undefined) {
          if (sh.amount !== hw * 16 || v.n < 0 || v.n > 0xffff) continue;
          const s = setFields(st, { hw, imm16: v.n }, sh.end);
          if (s) outs.push(s);
        } else {
          const x = valueFor(v.big, sf);
          if (x === undefined || (x & ~(0xffffn << BigInt(hw * 16))) !== 0n) continue;
          const s = setFields(st, { hw, imm16: Number(x >> BigInt(hw * 16)) }, sh.end);
          if (s) { outs.push(s); break; }
        }
      }
      return outs.slice(0, 1);
    };
  }
  if (spec !== 'MOVZ_IMM' && spec !== 'MOVN_IMM' && spec !== 'ORR_IMM') return undefined;
  return (ctx, st) => {
    const v = immAt(ctx, st.pos);
    if (!v) return [];
    const sf = st.f.sf ?? 1;
    const size = sf ? 64 : 32;
    const x = valueFor(v.big, sf);
    if (x === undefined) return [];
    if (spec === 'ORR_IMM') {
      const enc = encodeBitMask(x, size);
      const s = enc && setFields(st, enc, v.end);
      return s ? [s] : [];
    }
    const mask = (1n << BigInt(size)) - 1n;
    const want = spec === 'MOVN_IMM' ? ~x & mask : x;
    for (let hw = 0; hw < size / 16; hw++) {
      if ((want & ~(0xffffn << BigInt(hw * 16))) !== 0n) continue;
      const imm16 = Number(want >> BigInt(hw * 16));
      if (imm16 === 0 && hw !== 0) continue;
      const s = setFields(st, { hw, imm16 }, v.end);
      return s ? [s] : [];
    }
    return [];
  };
};

const SHIFTS = ['lsl', 'lsr', 'asr', 'ror'];

const shiftedRegister: MatcherFactory = (spec) => {
  if (spec !== 'SHIFT') return undefined;
  const m: OperandMatcher = (ctx, st) => {
    const w = word(ctx, st.pos);
    const shift = w ? SHIFTS.indexOf(w.w) : -1;
    if (!w || shift < 0) return [];
    const v = immAt(ctx, w.end);
    const s = v && setFields(st, { shift, imm6: v.n }, v.end);
    return s && v.n >= 0 && v.n < 64 ? [s] : [];
  };
  m.absent = (_ctx, st) => { const s = setFields(st, { shift: 0, imm6: 0 }); return s ? [s] : []; };
  return m;
};

const extendedRegister: MatcherFactory = (spec) => {
  if (spec === 'EXT_Rm') {
    return (ctx, st) => {
      const r = gprAt(ctx, st.pos);
      if (!r || r.sp) return [];
      const s = withField({ ...st, pos: r.end }, 'Rm', r.n);
      return s ? [{ ...s, f: { ...s.f, _rm64: r.is64 ? 1 : 0 } }] : [];
    };
  }
  if (spec !== 'EXTEND' && spec !== 'EXTEND_S') return undefined;
  const rdIsSp = spec === 'EXTEND';
  const lslOption = (st: MatchState) => (st.f.sf ? 3 : 2);
  const lslAllowed = (st: MatchState) => (rdIsSp && st.f.Rd === 31) || st.f.Rn === 31;
  const rmOk = (st: MatchState, option: number) => (st.f._rm64 === 1) === ((option & 3) === 3) || (!st.f.sf && st.f._rm64 === 0);
  const m: OperandMatcher = (ctx, st) => {
    const w = word(ctx, st.pos);
    if (!w) return [];
    let option = EXTENDS.indexOf(w.w);
    if (w.w === 'lsl') {
      if (!lslAllowed(st)) return [];
      option = lslOption(st);
    }
    if (option < 0 || !rmOk(st, option)) return [];
    const v = ctx.lower[w.end] === undefined || ctx.lower[w.end] === ',' ? { n: 0, end: w.end } : immAt(ctx, w.end);
    if (!v || v.n < 0 || v.n > 4) return [];
    const s = setFields(st, { option, imm3: v.n }, v.end);
    return s ? [s] : [];
  };
  m.absent = (_ctx, st) => {
    if (!lslAllowed(st) || !rmOk(st, lslOption(st))) return [];
    const s = setFields(st, { option: lslOption(st), imm3: 0 });
    return s ? [s] : [];
  };
  return m;
};

/** Condition names with the other spellings GNU as accepts. */
export const CONDITION_NAMES: Record<string, number> = {
  ...Object.fromEntries(CONDITIONS.map((c, i) => [c, i])), hs: 2, lo: 3, none: 0, any: 1, nlast: 2, ul: 3, last: 3,
  first: 4, nfrst: 5, pmore: 8, plast: 9, tcont: 10, tstop: 11,
};

const condition: MatcherFactory = (spec) => {
  const m = /^cond(\^1)?$/.exec(spec);
  if (!m) return undefined;
  const invert = m[1] ? 1 : 0;
  return (ctx, st) => {
    const w = word(ctx, st.pos);
    const c = w ? CONDITION_NAMES[w.w] : undefined;
    if (c === undefined) return [];
    const s = withField({ ...st, pos: w!.end }, 'cond', c ^ invert);
    return s ? [s] : [];
  };
};

/** The relocation GNU as emits for a PC-relative operand of a row whose target is not resolved locally. */
function pcRelReloc(ctx: MatchCtx): RelocType {
  const { row } = ctx;
  if (row.group === 'loadlit') return 'LD_PREL_LO19';
  if (row.mnemonic === 'adr') return 'ADR_PREL_LO21';
  if (row.mnemonic === 'bl') return 'CALL26';
  if (row.mnemonic === 'b') return 'JUMP26';
  if (row.group === 'testbranch') return 'TSTBR14';
  return 'CONDBR19';
}

const pcRelative: MatcherFactory = (spec) => {
  const m = /^(rel|page)=(.+)$/.exec(spec);
  if (!m) return undefined;
  const expr = m[2];
  const page = m[1] === 'page';
  return (ctx, st) => {
    const r = ctx.value(st.pos);
    if (!r || r.v.lo12) return [];
    const next = { ...st, pos: r.end };
    const zero = () => {
      const z: Record<string, number> = {};
      for (const id of expr.match(/\b[a-z][A-Za-z0-9_]*\b/g) ?? []) if (ctx.widths[id] !== undefined) z[id] = 0;
      return setFields(next, z);
    };
    if (page || r.v.sym !== undefined || r.v.global !== undefined || (r.v.sec !== undefined && r.v.sec !== ctx.section)) {
      if (page && r.v.sec === undefined && r.v.sym === undefined) {
        return solveNumber(ctx, next, expr, Number((r.v.n & ~0xfffn) - (ctx.pc & ~0xfffn)));
      }
      const s = zero();
      return s ? [{ ...s, reloc: { type: page ? 'ADR_PREL_PG_HI21' : pcRelReloc(ctx), value: r.v } }] : [];
    }
    if (r.v.sec === undefined) return [];
    return solveNumber(ctx, next, expr, Number(r.v.n - ctx.pc));
  };
};

const literal: MatcherFactory = (spec) => {
  const m = /^'(.*)'$/.exec(spec);
  if (!m) return undefined;
  const texts = m[1] === '#0.0' ? ['#0.0', '#0'] : [m[1]];
  return (ctx, st) => {
    for (const t of texts) {
      const end = lit(ctx, st.pos, t);
      if (end !== undefined && !/[0-9a-z._]/.test(ctx.lower[end] ?? '')) return [{ ...st, pos: end }];
    }
    return [];
  };
};

/** `opt(Rn == 30):kind`: the kind, or nothing, which sets the field to its default. */
export function optional(inner: MatcherFactory): MatcherFactory {
  return (spec, mnemonic) => {
    const m = /^opt\((\w+) == (\d+)\):(.+)$/.exec(spec);
    if (!m) return undefined;
    const k = inner(m[3], mnemonic);
    if (!k) return undefined;
    const matcher: OperandMatcher = (ctx, st) => k(ctx, st);
    matcher.absent = (_ctx, st) => { const s = withField(st, m[1], Number(m[2])); return s ? [s] : []; };
    return matcher;
  };
}

export const BASIC_MATCHERS: MatcherFactory[] = [
  register, computedImmediate, addSubImmediate, logicalImmediate, moveWide, shiftedRegister, extendedRegister,
  condition, pcRelative, literal,
];

