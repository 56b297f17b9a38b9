// Operand kinds of loads and stores: addressing modes, register lists of
// structure loads/stores, prefetch operations and the ordering suffixes of atomics, as objdump prints them.
import { compileExpr } from '../../expr';
import type { OperandFactory } from '../context';
import { EXTENDS, gpr } from './basic';

/** In a mnemonic: `{A?a}` prints `a` when field A is set (ordering suffixes of atomics: `ldaddal`). */
const flagSuffix: OperandFactory = (spec) => {
  const m = /^([A-Za-z]\w*)\?([a-z]+)$/.exec(spec);
  if (!m) return undefined;
  const [, field, text] = m;
  return ({ f }) => (f[field] ? text : '');
};


/**
 * Addressing modes, all on base `Xn|SP`:
 * `[Xn|SP]`; `[Xn|SP, #=e]` (offset), `[Xn|SP{, #=e}]` (the same, `[xn]` when 0), either with `!` (pre-index);
 * `[Xn|SP], #=e` (post-index);
 * `[Xn|SP], Xm|#=e` (post-index by Xm, or by the immediate when Rm is 31);
 * `[Xn|SP, Rm, EXTEND=e]` (register offset: LSL when option is 011, amount e shown when S is set).
 */
const address: OperandFactory = (spec) => {
  const m = /^\[Xn\|SP(.*)$/.exec(spec);
  if (!m) return undefined;
  const rest = m[1];
  const base = ({ f }: { f: Record<string, number> }) => gpr(f.Rn, true, true);
  if (rest === ']') return (ctx) => `[${base(ctx)}]`;
  let k = /^(\{)?, #=(.+?)(\})?\](!?)$/.exec(rest);
  if (k && !k[1] === !k[3]) {
    const e = compileExpr(k[2]);
    const optional = !!k[1];
    const bang = k[4];
    return (ctx) => {
      const v = Number(e(ctx.f));
      return v || !optional ? `[${base(ctx)}, #${v}]${bang}` : `[${base(ctx)}]${bang}`;
    };
  }
  k = /^\], (Xm\|)?#=(.+)$/.exec(rest);
  if (k) {
    const e = compileExpr(k[2]);
    const byReg = !!k[1];
    return (ctx) => (byReg && ctx.f.Rm !== 31
      ? `[${base(ctx)}], ${gpr(ctx.f.Rm, true, false)}`
      : `[${base(ctx)}], #${Number(e(ctx.f))}`);
  }
  k = /^, Rm, EXTEND=(.+)\]$/.exec(rest);
  if (k) {
    const e = compileExpr(k[1]);
    return (ctx) => {
      const { option, S, Rm } = ctx.f;
      const rm = gpr(Rm, (option & 1) === 1, false);
      const amount = S ? ` #${Number(e(ctx.f))}` : '';
      if (option === 3) return S ? `[${base(ctx)}, ${rm}, lsl${amount}]` : `[${base(ctx)}, ${rm}]`;
      return `[${base(ctx)}, ${rm}, ${EXTENDS[option]}${amount}]`;
    };
  }
  return undefined;
};

const PRF_TYPES = ['pld', 'pli', 'pst'];
const PRF_TARGETS = ['l1', 'l2', 'l3'];

/** `PRFOP`: the prefetch operation in Rt (`pldl1keep`), or `#0x1f` for the unnamed ones. */
const prefetchOp: OperandFactory = (spec) => spec === 'PRFOP'
  ? ({ f }) => {
    const type = PRF_TYPES[f.Rt >> 3];
    const target = PRF_TARGETS[(f.Rt >> 1) & 3];
    if (type && target) return `${type}${target}${f.Rt & 1 ? 'strm' : 'keep'}`;
    return `#0x${f.Rt.toString(16).padStart(2, '0')}`;
  } : undefined;

const ARRANGEMENTS = ['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d'];

/** The register list `{v0.4s, v1.4s}`; three or more ascending registers print as a range `{v0.4s-v2.4s}`. */
function registerList(first: number, count: number, suffix: string): string {
  if (count > 2 && first + count - 1 <= 31) return `{v${first}.${suffix}-v${first + count - 1}.${suffix}}`;
  const regs = Array.from({ length: count }, (_, i) => `v${(first + i) & 31}.${suffix}`);
  return `{${regs.join(', ')}}`;
}

/**
 * Structure load/store lists: `{Vt.T}*n` (n registers, arrangement from size:Q) and
 * `{Vt.s}*n[e]` (n elements of one size, lane index e).
 */
const structureList: OperandFactory = (spec) => {
  const m = /^\{Vt\.([bhsdT])\}\*(\d)(?:\[(.+)\])?$/.exec(spec);
  if (!m) return undefined;
  const count = Number(m[2]);
  if (m[1] === 'T') return ({ f }) => registerList(f.Rt, count, ARRANGEMENTS[f.size * 2 + f.Q]);
  const element = m[1];
  const index = compileExpr(m[3]);
  return ({ f }) => `${registerList(f.Rt, count, element)}[${Number(index(f))}]`;
};

export const MEM_OPERANDS: OperandFactory[] = [
  flagSuffix, address, prefetchOp, structureList,
];
