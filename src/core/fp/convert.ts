// Conversions (ARM ARM): FPRoundInt, FPToFixed, FixedToFP, FPConvert (with FPConvertNaN and the alternative
// half-precision format), FPToFixedJS, VFPExpandImm.
import {
  expBits, fpDefaultNaN, fpInfinity, fpProcessNaN, fpRaise, fpRound, fpUnpack, fpZero, fracBits, FPCR_AHP,
  FPCR_DN, FPCR_FZ16, FPSR_IOC, FPSR_IXC, isNaNType, RA, RM, RN, RP, RZ, T_INF, T_SNAN, T_ZERO,
  upExp, upSig, upSign,
} from './core';

// Integer part and fraction of |value| * 2^scale as splitInt/splitFrac (fraction in 64 bits, 2^63 = one half),
// splitBig when the integer part does not fit in 64 bits.
let splitInt: u64 = 0;
let splitFrac: u64 = 0;
let splitBig: bool = false;

function splitValue(e: i32, sig: u64): void {
  splitBig = false;
  if (e >= 64) { splitBig = true; splitInt = <u64>-1; splitFrac = 0; return; }
  if (e >= 63) { splitInt = sig; splitFrac = 0; return; }
  if (e >= 0) { splitInt = sig >> (63 - e); splitFrac = sig << (e + 1); return; }
  splitInt = 0;
  // Below one half only whether the fraction is zero, below or at one half matters.
  splitFrac = e == -1 ? sig : 1;
}

/** Whether a sign-magnitude value with the split integer part and fraction rounds away from zero. */
function roundsUp(sign: u32, rounding: u32): bool {
  const half: u64 = 0x8000000000000000;
  if (rounding == RN) return splitFrac > half || (splitFrac == half && (splitInt & 1) != 0);
  if (rounding == RP) return splitFrac != 0 && sign == 0;
  if (rounding == RM) return splitFrac != 0 && sign != 0;
  if (rounding == RA) return splitFrac >= half;
  return false;
}

/** FPRoundInt(): round to an integral value in the same format; exact raises IXC when it changes the value. */
export function fpRoundInt(x: u64, N: u32, fpcr: u32, rounding: u32, exact: bool): u64 {
  const t = fpUnpack(x, N, fpcr);
  const sign = upSign, e = upExp, sig = upSig;
  if (isNaNType(t)) return fpProcessNaN(t, x, N, fpcr);
  if (t == T_INF) return fpInfinity(sign, N);
  if (t == T_ZERO) return fpZero(sign, N);
  if (e >= <i32>fracBits(N)) return x;
  splitValue(e, sig);
  const r = splitInt + (roundsUp(sign, rounding) ? 1 : 0);
  if (splitFrac != 0 && exact) fpRaise(FPSR_IXC);
  if (r == 0) return fpZero(sign, N);
  return fpRound(sign, 63, r, N, fpcr, RZ);
}

/** FPToFixed(): to an M-bit (un)signed integer of value * 2^fbits, saturating with IOC. */
export function fpToFixed(x: u64, N: u32, fbits: u32, unsigned: bool, M: u32, fpcr: u32, rounding: u32): u64 {
  const t = fpUnpack(x, N, fpcr);
  const sign = upSign;
  if (isNaNType(t)) { fpRaise(FPSR_IOC); return 0; }
  if (t == T_ZERO) return 0;
  let mag: u64 = 0, over = false;
  if (t == T_INF) over = true;
  else {
    splitValue(upExp + <i32>fbits, upSig);
    const up = roundsUp(sign, rounding);
    over = splitBig || (up && splitInt == <u64>-1);
    mag = splitInt + (up ? 1 : 0);
  }
  const mmask: u64 = M == 64 ? <u64>-1 : (<u64>1 << M) - 1;
  if (unsigned) {
    if (sign != 0 && (over || mag != 0)) { fpRaise(FPSR_IOC); return 0; }
    if (over || mag > mmask) { fpRaise(FPSR_IOC); return mmask; }
  } else {
    const maxPos: u64 = mmask >> 1;
    if (sign == 0 && (over || mag > maxPos)) { fpRaise(FPSR_IOC); return maxPos; }
    if (sign != 0 && (over || mag > maxPos + 1)) { fpRaise(FPSR_IOC); return (maxPos + 1) & mmask; }
    if (sign != 0) mag = (0 - mag) & mmask;
  }
  if (splitFrac != 0) fpRaise(FPSR_IXC);
  return mag;
}

/** FixedToFP(): the M-bit (un)signed integer x divided by 2^fbits, rounded to N bits. */
export function fixedToFP(x: u64, M: u32, fbits: u32, unsigned: bool, N: u32, fpcr: u32, rounding: u32): u64 {
  if (M < 64) x &= (<u64>1 << M) - 1;
  let sign: u32 = 0;
  if (!unsigned && (x >> (M - 1)) != 0) { sign = 1; x = M == 64 ? 0 - x : ((<u64>1 << M) - x); }
  if (x == 0) return 0;
  return fpRound(sign, 63 - <i32>fbits, x, N, fpcr, rounding);
}

/** FPConvertNaN(): the sign and the top of the payload, quieted. */
export function fpConvertNaN(x: u64, N: u32, M: u32): u64 {
  const sign = (x >> (N - 1)) & 1;
  const FN = fracBits(N), FM = fracBits(M);
  let payload = x & ((<u64>1 << (FN - 1)) - 1);
  payload = FM >= FN ? payload << (FM - FN) : payload >> (FN - FM);
  return (sign << (M - 1)) | (((<u64>1 << expBits(M)) - 1) << FM) | (<u64>1 << (FM - 1)) | payload;
}

/** FPConvert(): N-bit to M-bit format (FPUnpackCV/FPRoundCV: FZ16 is ignored, AHP selects the alternative
 *  half-precision format). */
export function fpConvert(x: u64, N: u32, M: u32, fpcr: u32, rounding: u32): u64 {
  fpcr &= ~FPCR_FZ16;
  const t = fpUnpack(x, N, N == 16 ? fpcr : fpcr & ~FPCR_AHP);
  const sign = upSign;
  const altHP = M == 16 && (fpcr & FPCR_AHP) != 0;
  if (isNaNType(t)) {
    let r: u64;
    if (altHP) r = fpZero(sign, M);
    else if (fpcr & FPCR_DN) r = fpDefaultNaN(M);
    else r = fpConvertNaN(x, N, M);
    if (t == T_SNAN || altHP) fpRaise(FPSR_IOC);
    return r;
  }
  if (t == T_INF) {
    if (altHP) { fpRaise(FPSR_IOC); return (<u64>sign << 15) | 0x7fff; }
    return fpInfinity(sign, M);
  }
  if (t == T_ZERO) return fpZero(sign, M);
  return fpRound(sign, upExp, upSig, M, M == 16 ? fpcr : fpcr & ~FPCR_AHP, rounding);
}

// FPToFixedJS() returns the Z flag here.
export let jsZ: u32 = 0;

/** FPToFixedJS(): double to a 32-bit integer, rounding toward zero, modulo 2^32 (FJCVTZS). */
export function fpToFixedJS(x: u64, fpcr: u32): u32 {
  const t = fpUnpack(x, 64, fpcr);
  const sign = upSign;
  jsZ = 1;
  if (isNaNType(t) || t == T_INF) { fpRaise(FPSR_IOC); jsZ = 0; return 0; }
  if (t == T_ZERO) {
    if (sign != 0 || (x & 0xfffffffffffff) != 0) jsZ = 0;
    return 0;
  }
  splitValue(upExp, upSig);
  const inexact = splitFrac != 0;
  // Beyond 2^64 only the low 32 bits of the integer part matter.
  const shift = upExp - 63;
  const low = splitBig ? (shift < 32 ? upSig << shift : 0) : splitInt;
  const result = <u32>(sign ? 0 - low : low);
  if (splitBig || splitInt > (sign ? <u64>0x80000000 : <u64>0x7fffffff)) { fpRaise(FPSR_IOC); jsZ = 0; }
  else if (inexact) { fpRaise(FPSR_IXC); jsZ = 0; }
  return result;
}

/** VFPExpandImm(): the 8-bit FMOV immediate as an N-bit value. */
export function vfpExpandImm(imm8: u32, N: u32): u64 {
  const E = expBits(N), F = fracBits(N);
  const sign = <u64>(imm8 >> 7);
  const b6 = (imm8 >> 6) & 1;
  const exp = <u64>(((b6 ^ 1) << (E - 1)) | ((b6 ? (1 << (E - 1)) - 4 : 0)) | ((imm8 >> 4) & 3));
  return (sign << (N - 1)) | (exp << F) | (<u64>(imm8 & 15) << (F - 4));
}
