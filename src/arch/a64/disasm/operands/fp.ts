// Operand kinds of scalar floating point and AdvSIMD scalar: B/H/S/D/Q registers and FP immediates.
// Every kind starts with `$`; vector registers and elements are the `V…` kinds of simd.ts.
import { compileExpr } from '../../expr';
import { vfpExpandImm } from '../../pseudocode';
import type { OperandFactory } from '../context';
import { REG_FIELD } from './basic';

const SIZE_LETTERS = 'bhsdq';
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
  m = /^\$(d|n|m|a|t2|t)@(.+)$/.exec(spec);
  if (!m) return undefined;
  const field = REG_FIELD[m[1]];
  const size = compileExpr(m[2]);
  return ({ f }) => `${SIZE_LETTERS[Number(size(f))]}${f[field]}`;
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

export const FP_OPERANDS: OperandFactory[] = [scalarRegister, fpImmediate];
