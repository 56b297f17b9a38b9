// Reciprocal and reciprocal square root estimates exactly as the ARM ARM tabulates them (FPRecipEstimate,
// RecipEstimate, FPRSqrtEstimate, RecipSqrtEstimate) and FPRecpX.
import {
  expBits, fpDefaultNaN, fpInfinity, fpMaxNormal, fpProcessNaN, fpRaise, fpRoundingMode, fpUnpack, fpZero, fracBits,
  FPCR_FZ, FPCR_FZ16, FPSR_DZC, FPSR_IOC, FPSR_IXC, FPSR_OFC, FPSR_UFC, isNaNType, RM, RN, RP, T_INF, T_ZERO,
  upExp, upSign,
} from './core';

/** RecipEstimate(): a in 256..511 (units of 1/512) to an estimate in 256..511 (units of 1/256). */
function recipEstimate(a: u32): u32 {
  a = a * 2 + 1;
  const b = (<u32>1 << 19) / a;
  return (b + 1) >> 1;
}

/** RecipSqrtEstimate(): a in 128..511 to an estimate in 256..511. */
function recipSqrtEstimate(a: u32): u32 {
  if (a < 256) a = a * 2 + 1;
  else { a = (a >> 1) << 1; a = (a + 1) * 2; }
  // b = the smallest b >= 512 with a * (b + 1)^2 >= 2^28.
  let b = <u64>Math.sqrt(268435456.0 / <f64>a);
  if (b < 512) b = 512;
  while (b > 512 && <u64>a * b * b >= 268435456) b--;
  while (<u64>a * (b + 1) * (b + 1) < 268435456) b++;
  return <u32>((b + 1) >> 1);
}

/** The operand's fraction widened to 52 bits and its biased exponent. */
let estFrac: u64 = 0;
let estExp: i32 = 0;
function widen(x: u64, N: u32): void {
  const F = fracBits(N);
  estFrac = (x & ((<u64>1 << F) - 1)) << (52 - F);
  estExp = <i32>((x >> F) & ((1 << expBits(N)) - 1));
}

/** FPRecipEstimate(). */
export function fpRecipEstimate(x: u64, N: u32, fpcr: u32): u64 {
  const t = fpUnpack(x, N, fpcr);
  const sign = upSign, e = upExp;
  if (isNaNType(t)) return fpProcessNaN(t, x, N, fpcr);
  if (t == T_INF) return fpZero(sign, N);
  if (t == T_ZERO) { fpRaise(FPSR_DZC); return fpInfinity(sign, N); }
  if (e < (N == 16 ? -16 : N == 32 ? -128 : -1024)) {
    const rounding = fpRoundingMode(fpcr);
    const toInf = rounding == RN || (rounding == RP && sign == 0) || (rounding == RM && sign == 1);
    fpRaise(FPSR_OFC | FPSR_IXC);
    return toInf ? fpInfinity(sign, N) : fpMaxNormal(sign, N);
  }
  const fz = N == 16 ? (fpcr & FPCR_FZ16) != 0 : (fpcr & FPCR_FZ) != 0;
  if (fz && e >= (N == 16 ? 14 : N == 32 ? 126 : 1022)) { fpRaise(FPSR_UFC); return fpZero(sign, N); }
  widen(x, N);
  let frac = estFrac, exp = estExp;
  if (exp == 0) {
    if ((frac >> 51) == 0) { exp = -1; frac = (frac << 2) & 0xfffffffffffff; }
    else frac = (frac << 1) & 0xfffffffffffff;
  }
  let resultExp: i32 = (N == 16 ? 29 : N == 32 ? 253 : 2045) - exp;
  const est = recipEstimate(<u32>(256 | (frac >> 44)));
  frac = <u64>(est & 0xff) << 44;
  if (resultExp == 0) frac = (<u64>1 << 51) | (frac >> 1);
  else if (resultExp == -1) { frac = (<u64>1 << 50) | (frac >> 2); resultExp = 0; }
  const F = fracBits(N);
  return (<u64>sign << (N - 1)) | (<u64>resultExp << F) | (frac >> (52 - F));
}

/** FPRSqrtEstimate(). */
export function fpRSqrtEstimate(x: u64, N: u32, fpcr: u32): u64 {
  const t = fpUnpack(x, N, fpcr);
  const sign = upSign;
  if (isNaNType(t)) return fpProcessNaN(t, x, N, fpcr);
  if (t == T_ZERO) { fpRaise(FPSR_DZC); return fpInfinity(sign, N); }
  if (sign == 1) { fpRaise(FPSR_IOC); return fpDefaultNaN(N); }
  if (t == T_INF) return fpZero(0, N);
  widen(x, N);
  let frac = estFrac, exp = estExp;
  if (exp == 0) {
    while ((frac >> 51) == 0) { frac = (frac << 1) & 0xfffffffffffff; exp--; }
    frac = (frac << 1) & 0xfffffffffffff;
  }
  const resultExp: i32 = ((N == 16 ? 44 : N == 32 ? 380 : 3068) - exp) >> 1;
  const est = recipSqrtEstimate((exp & 1) != 0 ? <u32>(128 | (frac >> 45)) : <u32>(256 | (frac >> 44)));
  const F = fracBits(N);
  return (<u64>resultExp << F) | (<u64>(est & 0xff) << (F - 8));
}

/** FPRecpX(): the reciprocal exponent (FRECPX). */
export function fpRecpX(x: u64, N: u32, fpcr: u32): u64 {
  const t = fpUnpack(x, N, fpcr);
  if (isNaNType(t)) return fpProcessNaN(t, x, N, fpcr);
  const F = fracBits(N);
  const emask: u64 = (<u64>1 << expBits(N)) - 1;
  const exp = (x >> F) & emask;
  const sbit = x & (<u64>1 << (N - 1));
  return sbit | ((exp == 0 ? emask - 1 : ~exp & emask) << F);
}
