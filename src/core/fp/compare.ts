// Comparisons (ARM ARM): FPCompare (NZCV for FCMP/FCCMP), FPCompareEQ/GE/GT for the AdvSIMD compare masks.
import { fpRaise, fpUnpack, FPSR_IOC, isNaNType, T_SNAN, upExp, upSig, upSign } from './core';
import { fpCmpValues } from './arith';

/** FPCompare(): NZCV of op1 against op2; unordered is 0b0011, with IOC for signalling NaNs (any NaN when signalNaNs). */
export function fpCompare(a: u64, b: u64, N: u32, fpcr: u32, signalNaNs: bool): u32 {
  const t1 = fpUnpack(a, N, fpcr); const s1 = upSign, e1 = upExp, g1 = upSig;
  const t2 = fpUnpack(b, N, fpcr); const s2 = upSign, e2 = upExp, g2 = upSig;
  if (isNaNType(t1) || isNaNType(t2)) {
    if (t1 == T_SNAN || t2 == T_SNAN || signalNaNs) fpRaise(FPSR_IOC);
    return 0b0011;
  }
  const c = fpCmpValues(t1, s1, e1, g1, t2, s2, e2, g2);
  return c == 0 ? 0b0110 : c < 0 ? 0b1000 : 0b0010;
}

// Kinds of FPCompareEQ/GE/GT.
export const CMP_EQ: u32 = 0, CMP_GE: u32 = 1, CMP_GT: u32 = 2;

/** FPCompareEQ() (IOC for signalling NaNs), FPCompareGE() and FPCompareGT() (IOC for any NaN). */
export function fpCompareCond(a: u64, b: u64, N: u32, fpcr: u32, kind: u32): bool {
  const t1 = fpUnpack(a, N, fpcr); const s1 = upSign, e1 = upExp, g1 = upSig;
  const t2 = fpUnpack(b, N, fpcr); const s2 = upSign, e2 = upExp, g2 = upSig;
  if (isNaNType(t1) || isNaNType(t2)) {
    if (kind != CMP_EQ || t1 == T_SNAN || t2 == T_SNAN) fpRaise(FPSR_IOC);
    return false;
  }
  const c = fpCmpValues(t1, s1, e1, g1, t2, s2, e2, g2);
  return kind == CMP_EQ ? c == 0 : kind == CMP_GE ? c >= 0 : c > 0;
}
