// IEEE 754 arithmetic as the ARM ARM defines it (FPAdd, FPSub, FPMul, FPMulX, FPMulAdd, FPDiv, FPSqrt, FPRecipStepFused,
// FPRSqrtStepFused, FPMax/FPMin/FPMaxNum/FPMinNum) on N-bit patterns, with FPCR modes and FPSR flags.
import {
  addWide, fpDefaultNaN, fpInfinity, fpOnePointFive, fpProcessNaN, fpProcessNaNs, fpProcessNaNs3, fpRaise, fpRound,
  fpRoundingMode, fpTwo, fpUnpack, fpZero, FPSR_DZC, FPSR_IOC, mul64To128, nanDone, RM, sumExp, sumSig, sumSign,
  T_INF, T_NONZERO, T_QNAN, T_SNAN, T_ZERO, upExp, upSig, upSign, wHi, wLo, isNaNType, signBit,
} from './core';
import { fpConvertNaN } from './convert';

/** FPNeg(), FPAbs(): sign-bit operations, NaNs included. */
@inline export function fpNeg(x: u64, N: u32): u64 { return x ^ signBit(N); }
@inline export function fpAbs(x: u64, N: u32): u64 { return x & ~signBit(N); }

/** Rounds the sum globals, or gives the exactly-zero result whose sign the rounding mode decides. */
function roundSum(N: u32, fpcr: u32): u64 {
  const rounding = fpRoundingMode(fpcr);
  if (sumSig == 0) return fpZero(rounding == RM ? 1 : 0, N);
  return fpRound(sumSign, sumExp, sumSig, N, fpcr, rounding);
}

/** FPAdd() and FPSub(): the same operation with op2's sign flipped for subtraction (after NaN processing). */
function fpAddSub(a: u64, b: u64, N: u32, fpcr: u32, negate: u32): u64 {
  const t1 = fpUnpack(a, N, fpcr); const s1 = upSign, e1 = upExp, g1 = upSig;
  const t2 = fpUnpack(b, N, fpcr); const s2 = upSign ^ negate, e2 = upExp, g2 = upSig;
  const r = fpProcessNaNs(t1, t2, a, b, N, fpcr);
  if (nanDone) return r;
  const inf1 = t1 == T_INF, inf2 = t2 == T_INF;
  if (inf1 && inf2 && s1 != s2) { fpRaise(FPSR_IOC); return fpDefaultNaN(N); }
  if (inf1) return fpInfinity(s1, N);
  if (inf2) return fpInfinity(s2, N);
  if (t1 == T_ZERO && t2 == T_ZERO && s1 == s2) return fpZero(s1, N);
  addWide(s1, e1, g1, 0, s2, e2, g2, 0);
  return roundSum(N, fpcr);
}

/** FPAdd(). */
export function fpAdd(a: u64, b: u64, N: u32, fpcr: u32): u64 { return fpAddSub(a, b, N, fpcr, 0); }

/** FPSub(). */
export function fpSub(a: u64, b: u64, N: u32, fpcr: u32): u64 { return fpAddSub(a, b, N, fpcr, 1); }

/** FPMul(); with mulx, FPMulX() (infinity times zero gives 2.0). */
export function fpMul(a: u64, b: u64, N: u32, fpcr: u32, mulx: bool): u64 {
  const t1 = fpUnpack(a, N, fpcr); const s1 = upSign, e1 = upExp, g1 = upSig;
  const t2 = fpUnpack(b, N, fpcr); const s2 = upSign, e2 = upExp, g2 = upSig;
  const r = fpProcessNaNs(t1, t2, a, b, N, fpcr);
  if (nanDone) return r;
  const inf1 = t1 == T_INF, inf2 = t2 == T_INF, zero1 = t1 == T_ZERO, zero2 = t2 == T_ZERO;
  if ((inf1 && zero2) || (zero1 && inf2)) {
    if (mulx) return fpTwo(s1 ^ s2, N);
    fpRaise(FPSR_IOC); return fpDefaultNaN(N);
  }
  if (inf1 || inf2) return fpInfinity(s1 ^ s2, N);
  if (zero1 || zero2) return fpZero(s1 ^ s2, N);
  mul64To128(g1, g2);
  return fpRound(s1 ^ s2, e1 + e2 + 1, wHi | (wLo != 0 ? 1 : 0), N, fpcr, fpRoundingMode(fpcr));
}

/** FPMulAdd(): addend + op1 * op2 with a single rounding. */
export function fpMulAdd(addend: u64, a: u64, b: u64, N: u32, fpcr: u32): u64 {
  const tA = fpUnpack(addend, N, fpcr); const sA = upSign, eA = upExp, gA = upSig;
  const t1 = fpUnpack(a, N, fpcr); const s1 = upSign, e1 = upExp, g1 = upSig;
  const t2 = fpUnpack(b, N, fpcr); const s2 = upSign, e2 = upExp, g2 = upSig;
  const inf1 = t1 == T_INF, inf2 = t2 == T_INF, zero1 = t1 == T_ZERO, zero2 = t2 == T_ZERO;
  const r = fpProcessNaNs3(tA, t1, t2, addend, a, b, N, fpcr);
  const done = nanDone;
  if (tA == T_QNAN && ((inf1 && zero2) || (zero1 && inf2))) { fpRaise(FPSR_IOC); return fpDefaultNaN(N); }
  if (done) return r;
  const infA = tA == T_INF, zeroA = tA == T_ZERO;
  const sP = s1 ^ s2, infP = inf1 || inf2, zeroP = zero1 || zero2;
  if ((inf1 && zero2) || (zero1 && inf2) || (infA && infP && sA != sP)) { fpRaise(FPSR_IOC); return fpDefaultNaN(N); }
  if ((infA && sA == 0) || (infP && sP == 0)) return fpInfinity(0, N);
  if ((infA && sA == 1) || (infP && sP == 1)) return fpInfinity(1, N);
  if (zeroA && zeroP && sA == sP) return fpZero(sA, N);
  mulAddValues(sA, eA, gA, sP, e1 + e2 + 1, g1, g2);
  return roundSum(N, fpcr);
}

/** FPMulAddH(): single-precision addend + the product of two half-precision operands, with one rounding
 *  (FMLAL/FMLSL); a NaN operand of half precision is converted after FPProcessNaN() (FPProcessNaNs3H()). */
export function fpMulAddH(addend: u64, a: u64, b: u64, fpcr: u32): u64 {
  const tA = fpUnpack(addend, 32, fpcr); const sA = upSign, eA = upExp, gA = upSig;
  const t1 = fpUnpack(a, 16, fpcr); const s1 = upSign, e1 = upExp, g1 = upSig;
  const t2 = fpUnpack(b, 16, fpcr); const s2 = upSign, e2 = upExp, g2 = upSig;
  const inf1 = t1 == T_INF, inf2 = t2 == T_INF, zero1 = t1 == T_ZERO, zero2 = t2 == T_ZERO;
  let r: u64 = 0;
  let done = true;
  if (tA == T_SNAN) r = fpProcessNaN(tA, addend, 32, fpcr);
  else if (t1 == T_SNAN) r = fpConvertNaN(fpProcessNaN(t1, a, 16, fpcr), 16, 32);
  else if (t2 == T_SNAN) r = fpConvertNaN(fpProcessNaN(t2, b, 16, fpcr), 16, 32);
  else if (tA == T_QNAN) r = fpProcessNaN(tA, addend, 32, fpcr);
  else if (t1 == T_QNAN) r = fpConvertNaN(fpProcessNaN(t1, a, 16, fpcr), 16, 32);
  else if (t2 == T_QNAN) r = fpConvertNaN(fpProcessNaN(t2, b, 16, fpcr), 16, 32);
  else done = false;
  if (tA == T_QNAN && ((inf1 && zero2) || (zero1 && inf2))) { fpRaise(FPSR_IOC); return fpDefaultNaN(32); }
  if (done) return r;
  const infA = tA == T_INF, zeroA = tA == T_ZERO;
  const sP = s1 ^ s2, infP = inf1 || inf2, zeroP = zero1 || zero2;
  if ((inf1 && zero2) || (zero1 && inf2) || (infA && infP && sA != sP)) { fpRaise(FPSR_IOC); return fpDefaultNaN(32); }
  if ((infA && sA == 0) || (infP && sP == 0)) return fpInfinity(0, 32);
  if ((infA && sA == 1) || (infP && sP == 1)) return fpInfinity(1, 32);
  if (zeroA && zeroP && sA == sP) return fpZero(sA, 32);
  mulAddValues(sA, eA, gA, sP, e1 + e2 + 1, g1, g2);
  return roundSum(32, fpcr);
}

/** The exact addend + product (product significands g1 * g2, exponent eP of bit 127) into the sum globals. */
function mulAddValues(sA: u32, eA: i32, gA: u64, sP: u32, eP: i32, g1: u64, g2: u64): void {
  let pHi: u64 = 0, pLo: u64 = 0;
  if (g1 != 0 && g2 != 0) {
    mul64To128(g1, g2);
    pHi = wHi; pLo = wLo;
    if ((pHi >> 63) == 0) { pHi = (pHi << 1) | (pLo >> 63); pLo <<= 1; eP--; }
  }
  addWide(sA, eA, gA, 0, sP, eP, pHi, pLo);
}

/** FPRecipStepFused() (rsqrt false: 2 - op1*op2) and FPRSqrtStepFused() (rsqrt true: (3 - op1*op2) / 2). */
export function fpStepFused(a: u64, b: u64, N: u32, fpcr: u32, rsqrt: bool): u64 {
  a = fpNeg(a, N);
  const t1 = fpUnpack(a, N, fpcr); const s1 = upSign, e1 = upExp, g1 = upSig;
  const t2 = fpUnpack(b, N, fpcr); const s2 = upSign, e2 = upExp, g2 = upSig;
  const r = fpProcessNaNs(t1, t2, a, b, N, fpcr);
  if (nanDone) return r;
  const inf1 = t1 == T_INF, inf2 = t2 == T_INF, zero1 = t1 == T_ZERO, zero2 = t2 == T_ZERO;
  if ((inf1 && zero2) || (zero1 && inf2)) return rsqrt ? fpOnePointFive(0, N) : fpTwo(0, N);
  if (inf1 || inf2) return fpInfinity(s1 ^ s2, N);
  mulAddValues(0, 1, rsqrt ? 0xc000000000000000 : 0x8000000000000000, s1 ^ s2, e1 + e2 + 1, g1, g2);
  if (rsqrt && sumSig != 0) sumExp--;
  return roundSum(N, fpcr);
}

/** FPDiv(). */
export function fpDiv(a: u64, b: u64, N: u32, fpcr: u32): u64 {
  const t1 = fpUnpack(a, N, fpcr); const s1 = upSign, e1 = upExp, g1 = upSig;
  const t2 = fpUnpack(b, N, fpcr); const s2 = upSign, e2 = upExp, g2 = upSig;
  const r = fpProcessNaNs(t1, t2, a, b, N, fpcr);
  if (nanDone) return r;
  const inf1 = t1 == T_INF, inf2 = t2 == T_INF, zero1 = t1 == T_ZERO, zero2 = t2 == T_ZERO;
  if ((inf1 && inf2) || (zero1 && zero2)) { fpRaise(FPSR_IOC); return fpDefaultNaN(N); }
  if (inf1 || zero2) {
    if (!inf1) fpRaise(FPSR_DZC);
    return fpInfinity(s1 ^ s2, N);
  }
  if (zero1 || inf2) return fpZero(s1 ^ s2, N);
  // Long division of the 53-bit significands, 11 quotient bits a step: q = floor(n / d * 2^55).
  const d = g2 >> 11;
  let rem = g1 >> 11, q: u64 = 0;
  for (let i = 0; i < 5; i++) {
    rem <<= 11;
    q = (q << 11) | (rem / d);
    rem = rem % d;
  }
  return fpRound(s1 ^ s2, e1 - e2 + 8, q | (rem != 0 ? 1 : 0), N, fpcr, fpRoundingMode(fpcr));
}

/** The 128-bit square of r compared with hi:lo: -1, 0 or 1. */
function cmpSquare(r: u64, hi: u64, lo: u64): i32 {
  mul64To128(r, r);
  if (wHi != hi) return wHi < hi ? -1 : 1;
  if (wLo != lo) return wLo < lo ? -1 : 1;
  return 0;
}

/** FPSqrt(). */
export function fpSqrt(a: u64, N: u32, fpcr: u32): u64 {
  const t = fpUnpack(a, N, fpcr); const s = upSign;
  let e = upExp;
  if (isNaNType(t)) return fpProcessNaN(t, a, N, fpcr);
  if (t == T_ZERO) return fpZero(s, N);
  if (t == T_INF && s == 0) return fpInfinity(0, N);
  if (s == 1) { fpRaise(FPSR_IOC); return fpDefaultNaN(N); }
  // value = m * 2^k with m the 53-bit significand and k even; root of M = m * 2^56 has 55 bits.
  let m = upSig >> 11;
  let k = e - 52;
  if (k & 1) { m <<= 1; k--; }
  const hi = m >> 8, lo = m << 56;
  let r = <u64>Math.sqrt(<f64>hi * 18446744073709551616.0 + <f64>lo);
  while (cmpSquare(r, hi, lo) > 0) r--;
  while (cmpSquare(r + 1, hi, lo) <= 0) r++;
  const exact = cmpSquare(r, hi, lo) == 0;
  return fpRound(0, (k >> 1) + 35, r | (exact ? 0 : 1), N, fpcr, fpRoundingMode(fpcr));
}

/** Orders two non-NaN unpacked values: -1, 0 or 1. */
export function fpCmpValues(t1: u32, s1: u32, e1: i32, g1: u64, t2: u32, s2: u32, e2: i32, g2: u64): i32 {
  if (t1 == T_ZERO && t2 == T_ZERO) return 0;
  if (s1 != s2) return s1 ? -1 : 1;
  let m: i32 = 0;
  if (t1 != t2) m = t1 < t2 ? -1 : 1;
  else if (t1 == T_NONZERO) {
    if (e1 != e2) m = e1 < e2 ? -1 : 1;
    else if (g1 != g2) m = g1 < g2 ? -1 : 1;
  }
  return s1 ? -m : m;
}

/** FPMax() (isMax) and FPMin(). */
export function fpMaxMin(a: u64, b: u64, N: u32, fpcr: u32, isMax: bool): u64 {
  const t1 = fpUnpack(a, N, fpcr); const s1 = upSign, e1 = upExp, g1 = upSig;
  const t2 = fpUnpack(b, N, fpcr); const s2 = upSign, e2 = upExp, g2 = upSig;
  const r = fpProcessNaNs(t1, t2, a, b, N, fpcr);
  if (nanDone) return r;
  const c = fpCmpValues(t1, s1, e1, g1, t2, s2, e2, g2);
  const first = isMax ? c > 0 : c < 0;
  const t = first ? t1 : t2;
  if (t == T_ZERO) return fpZero(isMax ? s1 & s2 : s1 | s2, N);
  if (t == T_INF) return fpInfinity(first ? s1 : s2, N);
  return first ? a : b;
}

/** FPMaxNum() (isMax) and FPMinNum(): a single quiet NaN loses to a number. */
export function fpMaxMinNum(a: u64, b: u64, N: u32, fpcr: u32, isMax: bool): u64 {
  const t1 = fpUnpack(a, N, fpcr);
  const t2 = fpUnpack(b, N, fpcr);
  if (t1 == T_QNAN && t2 != T_QNAN) a = fpInfinity(isMax ? 1 : 0, N);
  else if (t1 != T_QNAN && t2 == T_QNAN) b = fpInfinity(isMax ? 1 : 0, N);
  return fpMaxMin(a, b, N, fpcr, isMax);
}
