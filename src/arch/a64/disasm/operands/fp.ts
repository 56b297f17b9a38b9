// Operand kinds of scalar floating point, AdvSIMD scalar and crypto: B/H/S/D/Q registers, vector registers
// with a fixed or computed arrangement, elements, and FP immediates. Every kind starts with `$`.
import { compileExpr } from '../../expr';
import { vfpExpandImm } from '../../pseudocode';
import type { OperandFactory } from '../context';

const SIZE_LETTERS = 'bhsdq';
const REG_FIELD: Record<string, string> = { d: 'Rd', n: 'Rn', m: 'Rm', a: 'Ra' };
/** ftype of the FP instructions: 00 single, 01 double, 11 half. */
const FTYPE_LETTERS = ['s', 'd', '?', 'h'];

/** `$Sd` fixed size, `$Fn` size from ftype, `$m@expr` size index (0 b … 4 q) computed from the fields. */
const scalarRegister: OperandFactory = (spec) => {
  let m = /^\$([BHSDQF])(d|n|m|a)$/.exec(spec);
  if (m) {
    const field = REG_FIELD[m[2]];
    if (m[1] === 'F') return ({ f }) => `${FTYPE_LETTERS[f.ftype]}${f[field]}`;
    const letter = m[1].toLowerCase();
    return ({ f }) => `${letter}${f[field]}`;
  }
  m = /^\$(d|n|m|a)@(.+)$/.exec(spec);
  if (!m) return undefined;
  const field = REG_FIELD[m[1]];
  const size = compileExpr(m[2]);
  return ({ f }) => `${SIZE_LETTERS[Number(size(f))]}${f[field]}`;
};

/** `$Vd.16b` fixed arrangement, `$Vn@expr` arrangement text computed from the fields (`sz ? '2d' : '2s'`). */
const vectorRegister: OperandFactory = (spec) => {
  let m = /^\$V(d|n|m|a)\.(\w+)$/.exec(spec);
  if (m) {
    const field = REG_FIELD[m[1]];
    const arr = m[2];
    return ({ f }) => `v${f[field]}.${arr}`;
  }
  m = /^\$V(d|n|m|a)@(.+)$/.exec(spec);
  if (!m) return undefined;
  const field = REG_FIELD[m[1]];
  const arr = compileExpr(m[2]);
  return ({ f }) => `v${f[field]}.${String(arr(f))}`;
};

/** `$E;reg;size;index`: the element `v2.s[3]`, each part an expression over the fields (size 0 b … 3 d). */
const element: OperandFactory = (spec) => {
  const m = /^\$E;([^;]+);([^;]+);([^;]+)$/.exec(spec);
  if (!m) return undefined;
  const [reg, size, index] = [m[1], m[2], m[3]].map((e) => compileExpr(e));
  return ({ f }) => `v${Number(reg(f))}.${SIZE_LETTERS[Number(size(f))]}[${Number(index(f))}]`;
};

/** C's "%.18e": mantissa with 18 decimals and an exponent of at least two digits. */
export function formatFpImmediate(v: number): string {
  const [mant, exp] = v.toExponential(18).split('e');
  const sign = exp[0] === '-' ? '-' : '+';
  return `${mant}e${sign}${exp.replace(/^[+-]/, '').padStart(2, '0')}`;
}

/** `$FPIMM`: FMOV's 8-bit floating-point immediate, printed as objdump does. */
const fpImmediate: OperandFactory = (spec) => spec === '$FPIMM'
  ? ({ f }) => `#${formatFpImmediate(vfpExpandImm(f.imm8))}` : undefined;

export const FP_OPERANDS: OperandFactory[] = [scalarRegister, vectorRegister, element, fpImmediate];
