// Inverses of the load/store operand kinds (src/arch/a64/disasm/operands/mem.ts): addressing modes on an
// X|SP base, prefetch operations and the register lists of structure loads and stores.
import { compileExpr } from '../../expr';
import { EXTENDS } from '../../disasm/operands/basic';
import {
  gprAt, immAt, lit, MatchCtx, MatcherFactory, MatchState, RelocType, setFields, solveNumber, withField, word,
} from '../match';
import { parseVectorList } from './simd';

const LO12_RELOCS: RelocType[] = ['LDST8_ABS_LO12_NC', 'LDST16_ABS_LO12_NC', 'LDST32_ABS_LO12_NC', 'LDST64_ABS_LO12_NC', 'LDST128_ABS_LO12_NC'];

function base(ctx: MatchCtx, st: MatchState): MatchState | undefined {
  const p = lit(ctx, st.pos, '[');
  const r = p === undefined ? undefined : gprAt(ctx, p);
  if (!r || !r.is64 || r.zr) return undefined;
  return withField({ ...st, pos: r.end }, 'Rn', r.n);
}

/** An offset `#e` solved for the fields of `expr`; a `:lo12:` symbol becomes a relocation of the access size. */
function offset(ctx: MatchCtx, st: MatchState, expr: string): MatchState[] {
  const r = ctx.value(st.pos);
  if (!r) return [];
  const next = { ...st, pos: r.end };
  if (r.v.sec !== undefined || r.v.sym !== undefined) {
    if (!r.v.lo12 || !/imm12/.test(expr)) return [];
    const shift = Math.log2(Number(compileExpr(expr)({ ...next.f, imm12: 1 })));
    const s = withField(next, 'imm12', 0);
    return s ? [{ ...s, reloc: { type: LO12_RELOCS[shift], value: r.v } }] : [];
  }
  return solveNumber(ctx, next, expr, Number(r.v.lo12 ? r.v.n & 0xfffn : r.v.n));
}

const address: MatcherFactory = (spec) => {
  const m = /^\[Xn\|SP(.*)$/.exec(spec);
  if (!m) return undefined;
  const rest = m[1];
  if (rest === ']') {
    return (ctx, st) => {
      const b = base(ctx, st);
      let end = b && lit(ctx, b.pos, ']');
      // GNU as also takes an explicit zero offset where the form has none.
      if (b && end === undefined) {
        const z = lit(ctx, b.pos, ',');
        const v = z === undefined ? undefined : immAt(ctx, z);
        if (v && v.n === 0) end = lit(ctx, v.end, ']');
      }
      return b && end !== undefined ? [{ ...b, pos: end }] : [];
    };
  }
  let k = /^(\{)?, #=(.+?)(\})?\](!?)$/.exec(rest);
  if (k && !k[1] === !k[3]) {
    const expr = k[2];
    const optionalOffset = !!k[1];
    const bang = k[4];
    return (ctx, st) => {
      const b = base(ctx, st);
      if (!b) return [];
      const outs: MatchState[] = [];
      const close = (s: MatchState) => {
        let e = lit(ctx, s.pos, ']');
        if (e !== undefined && bang) e = lit(ctx, e, '!');
        else if (e !== undefined && ctx.lower[e] === '!') e = undefined;
        if (e !== undefined) outs.push({ ...s, pos: e });
      };
      const c = lit(ctx, b.pos, ',');
      if (c !== undefined) for (const s of offset(ctx, { ...b, pos: c }, expr)) close(s);
      else if (optionalOffset || !bang) for (const s of solveNumber(ctx, b, expr, 0)) close(s);
      return outs;
    };
  }
  k = /^\], (Xm\|)?#=(.+)$/.exec(rest);
  if (k) {
    const expr = k[2];
    const byReg = !!k[1];
    return (ctx, st) => {
      const b = base(ctx, st);
      const p = b && lit(ctx, b.pos, '],');
      if (!b || p === undefined) return [];
      const r = gprAt(ctx, p);
      if (r) {
        if (!byReg || !r.is64 || r.sp || r.zr) return [];
        const s = withField({ ...b, pos: r.end }, 'Rm', r.n);
        return s ? [s] : [];
      }
      const v = immAt(ctx, p);
      if (!v) return [];
      const s = byReg ? withField({ ...b, pos: v.end }, 'Rm', 31) : { ...b, pos: v.end };
      return s ? solveNumber(ctx, s, expr, v.n) : [];
    };
  }
  k = /^, Rm, EXTEND=(.+)\]$/.exec(rest);
  if (k) {
    const amountExpr = k[1];
    return (ctx, st) => {
      const b = base(ctx, st);
      const p = b && lit(ctx, b.pos, ',');
      const r = p === undefined ? undefined : gprAt(ctx, p);
      if (!b || !r || r.sp) return [];
      let s = withField({ ...b, pos: r.end }, 'Rm', r.n);
      if (!s) return [];
      const c = lit(ctx, s.pos, ',');
      let option = 3;
      let amount: number | undefined;
      let pos = s.pos;
      if (c !== undefined) {
        const w = word(ctx, c);
        if (!w) return [];
        option = w.w === 'lsl' ? 3 : EXTENDS.indexOf(w.w);
        if (option < 0 || (option & 2) === 0) return [];
        pos = w.end;
        if (ctx.lower[pos] !== ']') {
          const v = immAt(ctx, pos);
          if (!v) return [];
          amount = v.n; pos = v.end;
        } else if (w.w === 'lsl') return [];
      }
      if (r.is64 !== ((option & 1) === 1)) return [];
      const end = lit(ctx, pos, ']');
      if (end === undefined) return [];
      const outs: MatchState[] = [];
      for (const S of amount === undefined ? [0] : [1, 0]) {
        s = setFields({ ...b, f: { ...b.f, Rm: r.n } }, { option, S }, end);
        if (!s) continue;
        const want = Number(compileExpr(amountExpr)(s.f));
        if (amount === undefined || (S === 1 && amount === want) || (S === 0 && amount === 0)) { outs.push(s); break; }
      }
      return outs;
    };
  }
  return undefined;
};

const PRF_TYPES = ['pld', 'pli', 'pst'];
const PRF_TARGETS = ['l1', 'l2', 'l3'];

const prefetchOp: MatcherFactory = (spec) => spec === 'PRFOP' ? (ctx, st) => {
  const m = /^(pld|pli|pst)(l[123])(keep|strm)(?![a-z0-9_])/.exec(ctx.lower.slice(st.pos));
  if (m) {
    const rt = (PRF_TYPES.indexOf(m[1]) << 3) | (PRF_TARGETS.indexOf(m[2]) << 1) | (m[3] === 'strm' ? 1 : 0);
    const s = withField({ ...st, pos: st.pos + m[0].length }, 'Rt', rt);
    return s ? [s] : [];
  }
  const v = immAt(ctx, st.pos);
  const s = v && v.n >= 0 && v.n < 32 ? withField({ ...st, pos: v.end }, 'Rt', v.n) : undefined;
  return s ? [s] : [];
} : undefined;

const ARRANGEMENTS = ['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d'];

const structureList: MatcherFactory = (spec) => {
  const m = /^\{Vt\.([bhsdT])\}\*(\d)(?:\[(.+)\])?$/.exec(spec);
  if (!m) return undefined;
  const count = Number(m[2]);
  const element = m[1];
  const indexExpr = m[3];
  return (ctx, st) => {
    const l = parseVectorList(ctx, st.pos);
    if (!l || l.count !== count) return [];
    let s = withField({ ...st, pos: l.end }, 'Rt', l.first);
    if (!s) return [];
    if (element === 'T') {
      const i = ARRANGEMENTS.indexOf(l.suffix);
      return i < 0 ? [] : solveNumber(ctx, s, 'size * 2 + Q', i);
    }
    if (l.suffix !== element) return [];
    const open = lit(ctx, s.pos, '[');
    const v = open === undefined ? undefined : immAt(ctx, open);
    const close = v && lit(ctx, v.end, ']');
    if (!v || close === undefined) return [];
    s = { ...s, pos: close };
    return solveNumber(ctx, s, indexExpr, v.n);
  };
};

export const MEM_MATCHERS: MatcherFactory[] = [address, prefetchOp, structureList];
