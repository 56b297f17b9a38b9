// Operand kinds shared by every class: general-purpose registers, computed immediates, shifts,
// extends, conditions and PC-relative targets, printed the way GNU objdump prints them.
import { compileExpr } from '../../expr';
import { decodeBitMasks } from '../../pseudocode';
import type { OperandContext, OperandFactory } from '../context';

const hex = (v: bigint | number) => `0x${v.toString(16)}`;

export function gpr(n: number, is64: boolean, sp: boolean): string {
  if (n === 31) return sp ? (is64 ? 'sp' : 'wsp') : (is64 ? 'xzr' : 'wzr');
  return `${is64 ? 'x' : 'w'}${n}`;
}

/** Register letters of operand specs → table field names (Rd, Rn, ...), shared by every operand file. */
export const REG_FIELD: Record<string, string> = { d: 'Rd', n: 'Rn', m: 'Rm', t: 'Rt', t2: 'Rt2', a: 'Ra', s: 'Rs' };

/** A general-register operand spec: its width letter, field, pair offset, whether it may be SP, and its X selector. */
export interface RegisterSpec { width: 'W' | 'X' | 'R'; field: string; plus: number; sp: boolean; sel?: string }

/** `Wd`, `Xn|SP`, `Rt` (X when sf=1), `Rt@opc==0` (X when the expression holds), `Rs+1` (pair partner). */
export function parseRegisterSpec(spec: string): RegisterSpec | undefined {
  const m = /^([WXR])(d|n|m|t2|t|a|s)(\+1)?(\|SP)?(?:@(.+))?$/.exec(spec);
  if (!m) return undefined;
  return { width: m[1] as RegisterSpec['width'], field: REG_FIELD[m[2]], plus: m[3] ? 1 : 0, sp: !!m[4], sel: m[5] };
}

const register: OperandFactory = (spec) => {
  const r = parseRegisterSpec(spec);
  if (!r) return undefined;
  const { field, plus, sp, width } = r;
  const sel = r.sel ? compileExpr(r.sel) : undefined;
  return ({ f }) => {
    const is64 = width === 'X' || (width === 'R' && !!(sel ? sel(f) : f.sf));
    return gpr((f[field] + plus) & 31, is64, sp);
  };
};

/** `#=expr` decimal, `#x=expr` hex, `#x64=expr` hex of a 64-bit value, computed from the fields. */
const computedImmediate: OperandFactory = (spec) => {
  const m = /^#(x?)=(.+)$/.exec(spec);
  if (!m) return undefined;
  const e = compileExpr(m[2]);
  return m[1] ? ({ f }) => `#${hex(Number(e(f)) >>> 0)}` : ({ f }) => `#${Number(e(f))}`;
};

/** `AIMM`: ADD/SUB immediate with its optional `lsl #12`. */
const addSubImmediate: OperandFactory = (spec) => spec === 'AIMM'
  ? ({ f }) => `#${hex(f.imm12)}${f.sh ? ', lsl #12' : ''}` : undefined;

/** `LIMM`: bitmask immediate of AND/ORR/EOR/ANDS (DecodeBitMasks). */
const logicalImmediate: OperandFactory = (spec) => spec === 'LIMM'
  ? ({ f }) => `#${hex(decodeBitMasks(f.N, f.imms, f.immr, true, f.sf ? 64 : 32) ?? 0n)}` : undefined;

function movValue(ctx: OperandContext, value: bigint, is64: boolean): string {
  const v = is64 ? BigInt.asIntN(64, value) : BigInt.asIntN(32, value);
  ctx.comments.push(`#${v}`);
  // binutils prints the MOV alias immediate as "#0x%-20x": the digits are left-justified in 20 columns.
  return `#0x${(is64 ? BigInt.asUintN(64, value) : BigInt.asUintN(32, value)).toString(16).padEnd(20)}`;
}

/** `MOVW`: imm16 with `lsl #hw*16`; `MOVZ_IMM`/`MOVN_IMM`/`ORR_IMM`: the moved value of the MOV aliases. */
const moveWide: OperandFactory = (spec) => {
  switch (spec) {
    case 'MOVW': return ({ f }) => `#${hex(f.imm16)}${f.hw ? `, lsl #${f.hw * 16}` : ''}`;
    case 'MOVZ_IMM': return (ctx) => movValue(ctx, BigInt(ctx.f.imm16) << BigInt(ctx.f.hw * 16), !!ctx.f.sf);
    case 'MOVN_IMM': return (ctx) => movValue(ctx, ~(BigInt(ctx.f.imm16) << BigInt(ctx.f.hw * 16)), !!ctx.f.sf);
    case 'ORR_IMM': return (ctx) => movValue(ctx, decodeBitMasks(ctx.f.N, ctx.f.imms, ctx.f.immr, true, ctx.f.sf ? 64 : 32) ?? 0n, !!ctx.f.sf);
    default: return undefined;
  }
};

export const SHIFTS = ['lsl', 'lsr', 'asr', 'ror'];

/** `SHIFT`: the shifted-register operand's `, lsl #n` (absent for LSL #0). */
const shiftedRegister: OperandFactory = (spec) => spec === 'SHIFT'
  ? ({ f }) => (f.shift === 0 && f.imm6 === 0 ? '' : `${SHIFTS[f.shift]} #${f.imm6}`) : undefined;

export const EXTENDS = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'];

/**
 * `EXT_Rm` and `EXTEND`: the extended-register operand (Rm is an X register only for 64-bit UXTX/SXTX);
 * LSL replaces UXTW/UXTX next to SP. `EXTEND_S` is the flag-setting form, where Rd = 31 is ZR, not SP.
 */
const extendedRegister: OperandFactory = (spec) => {
  if (spec === 'EXT_Rm') return ({ f }) => gpr(f.Rm, !!f.sf && (f.option & 3) === 3, false);
  if (spec !== 'EXTEND' && spec !== 'EXTEND_S') return undefined;
  const rdIsSp = spec === 'EXTEND';
  return ({ f }) => {
    const lslForm = ((rdIsSp && f.Rd === 31) || f.Rn === 31) && f.option === (f.sf ? 3 : 2);
    if (lslForm) return f.imm3 ? `lsl #${f.imm3}` : '';
    return f.imm3 ? `${EXTENDS[f.option]} #${f.imm3}` : EXTENDS[f.option];
  };
};

export const CONDITIONS = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];
/** The other names GNU as accepts for a condition, which objdump lists in a comment. */
export const CONDITION_ALIASES = ['none', 'any', 'hs, nlast', 'lo, ul, last', 'first', 'nfrst', '', '', 'pmore', 'plast', 'tcont', 'tstop', '', '', '', ''];

/** `cond` prints the condition with its `// ne = any` comment; `cond^1` the inverted one (CSET, CINC…). */
const condition: OperandFactory = (spec) => {
  const m = /^cond(\^1)?$/.exec(spec);
  if (!m) return undefined;
  const invert = m[1] ? 1 : 0;
  return (ctx) => {
    const c = ctx.f.cond ^ invert;
    if (CONDITION_ALIASES[c]) ctx.comments.push(`${CONDITIONS[c]} = ${CONDITION_ALIASES[c]}`);
    return CONDITIONS[c];
  };
};

/** In a mnemonic: `{cond}` of B.cond, whose comment spells the alternative mnemonics (`// b.hs, b.nlast`). */
const branchCondition: OperandFactory = (spec) => {
  const m = /^bcond:(\w+)$/.exec(spec);
  if (!m) return undefined;
  const prefix = m[1];
  return (ctx) => {
    const c = ctx.f.cond;
    const alt = CONDITION_ALIASES[c];
    if (alt) ctx.mnemonicComments.push(alt.split(', ').map((a) => `${prefix}.${a}`).join(', '));
    return CONDITIONS[c];
  };
};

export function formatTarget(ctx: OperandContext, addr: bigint): string {
  const a = BigInt.asUintN(64, addr);
  const sym = ctx.symbolize?.(a);
  return sym === undefined ? hex(a) : `${a.toString(16)} ${sym}`;
}

/** `rel=expr`: PC + byte offset; `page=expr`: the 4 KB page of PC + offset (ADRP). */
const pcRelative: OperandFactory = (spec) => {
  const m = /^(rel|page)=(.+)$/.exec(spec);
  if (!m) return undefined;
  const e = compileExpr(m[2]);
  const page = m[1] === 'page';
  return (ctx) => {
    const off = BigInt(Number(e(ctx.f)));
    return formatTarget(ctx, page ? (ctx.pc & ~0xfffn) + off : ctx.pc + off);
  };
};

/** `'text'`: a literal operand such as `vl` or a fixed register name. */
const literal: OperandFactory = (spec) => {
  const m = /^'(.*)'$/.exec(spec);
  return m ? () => m[1] : undefined;
};

export const BASIC_OPERANDS: OperandFactory[] = [
  register, computedImmediate, addSubImmediate, logicalImmediate, moveWide, shiftedRegister, extendedRegister,
  condition, branchCondition, pcRelative, literal,
];
