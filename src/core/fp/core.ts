// Floating-point building blocks on bit patterns (ARM ARM shared/functions/float): formats, FPUnpack, FPRound,
// NaN processing, cumulative FPSR exceptions and the 128-bit significand arithmetic the operations share.
import { FPSR, setFPSR } from '../state';

// FPSR cumulative exception bits (FPProcessException() with every trap disabled: trapping is not implemented).
export const FPSR_IOC: u32 = 1 << 0, FPSR_DZC: u32 = 1 << 1, FPSR_OFC: u32 = 1 << 2, FPSR_UFC: u32 = 1 << 3;
export const FPSR_IXC: u32 = 1 << 4, FPSR_IDC: u32 = 1 << 7;
export const FPCR_AHP: u32 = 1 << 26, FPCR_DN: u32 = 1 << 25, FPCR_FZ: u32 = 1 << 24, FPCR_FZ16: u32 = 1 << 19;

// FPRounding: the FPCR.RMode encodings, then the modes only instructions select.
export const RN: u32 = 0, RP: u32 = 1, RM: u32 = 2, RZ: u32 = 3, RA: u32 = 4, RODD: u32 = 5;

// FPType.
export const T_ZERO: u32 = 0, T_NONZERO: u32 = 1, T_INF: u32 = 2, T_QNAN: u32 = 3, T_SNAN: u32 = 4;

@inline export function fpRaise(bits: u32): void { setFPSR(FPSR | bits); }
@inline export function fpRoundingMode(fpcr: u32): u32 { return (fpcr >> 22) & 3; }

@inline export function fracBits(N: u32): u32 { return N == 16 ? 10 : N == 32 ? 23 : 52; }
@inline export function expBits(N: u32): u32 { return N == 16 ? 5 : N == 32 ? 8 : 11; }
@inline export function signBit(N: u32): u64 { return <u64>1 << (N - 1); }

export function fpZero(sign: u32, N: u32): u64 { return <u64>sign << (N - 1); }
export function fpInfinity(sign: u32, N: u32): u64 {
  return (<u64>sign << (N - 1)) | (((<u64>1 << expBits(N)) - 1) << fracBits(N));
}
export function fpMaxNormal(sign: u32, N: u32): u64 {
  const F = fracBits(N);
  return (<u64>sign << (N - 1)) | (((<u64>1 << expBits(N)) - 2) << F) | ((<u64>1 << F) - 1);
}
export function fpDefaultNaN(N: u32): u64 {
  const F = fracBits(N);
  return (((<u64>1 << expBits(N)) - 1) << F) | (<u64>1 << (F - 1));
}
export function fpTwo(sign: u32, N: u32): u64 { return (<u64>sign << (N - 1)) | (<u64>1 << (N - 2)); }
export function fpOnePointFive(sign: u32, N: u32): u64 {
  const F = fracBits(N);
  return (<u64>sign << (N - 1)) | (((<u64>1 << (expBits(N) - 1)) - 1) << F) | (<u64>1 << (F - 1));
}

/** Whether FPRound flushes tiny results of this size to zero (FPCR.FZ for single/double, FZ16 for half). */
@inline function flushes(N: u32, fpcr: u32): bool { return N == 16 ? (fpcr & FPCR_FZ16) != 0 : (fpcr & FPCR_FZ) != 0; }

// FPUnpack() results: the value is sig * 2^(exp - 63), sig normalized with bit 63 set (0 for zeros).
export let upType: u32 = 0;
export let upSign: u32 = 0;
export let upExp: i32 = 0;
export let upSig: u64 = 0;

/** FPUnpackBase(): FPCR.AHP (in fpcr) makes half-precision exponent 31 an ordinary exponent; callers that
 *  are not conversions pass fpcr without AHP (FPUnpack()), conversions pass it without FZ16 (FPUnpackCV()). */
export function fpUnpack(x: u64, N: u32, fpcr: u32): u32 {
  const F = fracBits(N), E = expBits(N);
  const bias: i32 = (1 << (E - 1)) - 1;
  upSign = <u32>(x >> (N - 1)) & 1;
  const e = <u32>(x >> F) & ((1 << E) - 1);
  const frac = x & ((<u64>1 << F) - 1);
  if (e == 0) {
    if (frac == 0 || flushes(N, fpcr)) {
      // Denormal inputs flushed by FZ raise IDC; FZ16 flushes silently.
      if (frac != 0 && N != 16) fpRaise(FPSR_IDC);
      upType = T_ZERO; upExp = 0; upSig = 0;
      return T_ZERO;
    }
    const s = <i32>clz(frac);
    upType = T_NONZERO; upSig = frac << s;
    upExp = 64 - bias - <i32>F - s;
    return T_NONZERO;
  }
  if (e == (1 << E) - 1 && !(N == 16 && (fpcr & FPCR_AHP) != 0)) {
    upExp = 0; upSig = 0;
    upType = frac == 0 ? T_INF : (frac >> (F - 1)) != 0 ? T_QNAN : T_SNAN;
    return upType;
  }
  upType = T_NONZERO;
  upExp = <i32>e - bias;
  upSig = ((<u64>1 << F) | frac) << (63 - F);
  return T_NONZERO;
}

@inline export function isNaNType(t: u32): bool { return t >= T_QNAN; }

/** FPProcessNaN(): quiets a signalling NaN (raising IOC); FPCR.DN gives the default NaN instead. */
export function fpProcessNaN(t: u32, x: u64, N: u32, fpcr: u32): u64 {
  if (t == T_SNAN) { fpRaise(FPSR_IOC); x |= <u64>1 << (fracBits(N) - 1); }
  return (fpcr & FPCR_DN) ? fpDefaultNaN(N) : x;
}

/** FPProcessNaNs(): signalling NaNs before quiet ones, the first operand first. nanDone tells whether it chose. */
export let nanDone: bool = false;
export function fpProcessNaNs(t1: u32, t2: u32, x1: u64, x2: u64, N: u32, fpcr: u32): u64 {
  nanDone = true;
  if (t1 == T_SNAN) return fpProcessNaN(t1, x1, N, fpcr);
  if (t2 == T_SNAN) return fpProcessNaN(t2, x2, N, fpcr);
  if (t1 == T_QNAN) return fpProcessNaN(t1, x1, N, fpcr);
  if (t2 == T_QNAN) return fpProcessNaN(t2, x2, N, fpcr);
  nanDone = false;
  return 0;
}

/** FPProcessNaNs3(). */
export function fpProcessNaNs3(t1: u32, t2: u32, t3: u32, x1: u64, x2: u64, x3: u64, N: u32, fpcr: u32): u64 {
  nanDone = true;
  if (t1 == T_SNAN) return fpProcessNaN(t1, x1, N, fpcr);
  if (t2 == T_SNAN) return fpProcessNaN(t2, x2, N, fpcr);
  if (t3 == T_SNAN) return fpProcessNaN(t3, x3, N, fpcr);
  if (t1 == T_QNAN) return fpProcessNaN(t1, x1, N, fpcr);
  if (t2 == T_QNAN) return fpProcessNaN(t2, x2, N, fpcr);
  if (t3 == T_QNAN) return fpProcessNaN(t3, x3, N, fpcr);
  nanDone = false;
  return 0;
}

/** Shift right keeping a sticky bit: any 1 shifted out sets bit 0. */
@inline export function shiftRightJam(x: u64, n: i32): u64 {
  if (n <= 0) return x;
  if (n >= 64) return x != 0 ? 1 : 0;
  return (x >> n) | ((x << (64 - n)) != 0 ? 1 : 0);
}

/** FPRound() / FPRoundBase(): the value sig * 2^(exp - 63) (sig != 0, low bit may be a sticky bit) rounded
 *  to N bits with the given FPRounding, raising UFC/OFC/IXC (and IOC for the alternative half format). */
export function fpRound(sign: u32, exp: i32, sig: u64, N: u32, fpcr: u32, rounding: u32): u64 {
  const s = <i32>clz(sig);
  sig <<= s; exp -= s;
  const F = fracBits(N), E = expBits(N);
  const minExp: i32 = 2 - (1 << (E - 1));
  const sbit = <u64>sign << (N - 1);
  if (exp < minExp && flushes(N, fpcr)) { fpRaise(FPSR_UFC); return sbit; }
  let biased: i32 = exp - minExp + 1;
  if (biased <= 0) { sig = shiftRightJam(sig, 1 - biased); biased = 0; }
  const low = 63 - F;
  let mant = sig >> low;
  const rest = sig & ((<u64>1 << low) - 1);
  const half = <u64>1 << (low - 1);
  if (biased == 0 && rest != 0) fpRaise(FPSR_UFC);
  let up = false, overflowToInf = false;
  if (rounding == RN) { up = rest > half || (rest == half && (mant & 1) != 0); overflowToInf = true; }
  else if (rounding == RP) { up = rest != 0 && sign == 0; overflowToInf = sign == 0; }
  else if (rounding == RM) { up = rest != 0 && sign != 0; overflowToInf = sign != 0; }
  else if (rounding == RA) { up = rest >= half; overflowToInf = true; }
  if (up) {
    mant++;
    if (mant == (<u64>1 << F)) biased = 1;
    else if (mant == (<u64>1 << (F + 1))) { biased++; mant >>= 1; }
  }
  if (rounding == RODD && rest != 0) mant |= 1;
  if (N == 16 && (fpcr & FPCR_AHP) != 0) {
    if (biased >= (1 << E)) { fpRaise(FPSR_IOC); return sbit | 0x7fff; }
  } else if (biased >= (1 << E) - 1) {
    fpRaise(FPSR_OFC | FPSR_IXC);
    return overflowToInf ? fpInfinity(sign, N) : fpMaxNormal(sign, N);
  }
  if (rest != 0) fpRaise(FPSR_IXC);
  return sbit | (<u64>biased << F) | (mant & ((<u64>1 << F) - 1));
}

// 128-bit significand arithmetic: results in wHi:wLo.
export let wHi: u64 = 0;
export let wLo: u64 = 0;

/** The full 128-bit product a * b. */
export function mul64To128(a: u64, b: u64): void {
  const a0 = a & 0xffffffff, a1 = a >> 32, b0 = b & 0xffffffff, b1 = b >> 32;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  wLo = (mid << 32) | (p00 & 0xffffffff);
  wHi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/** hi:lo shifted right by n with a sticky bit, into wHi:wLo. */
export function shiftRightJam128(hi: u64, lo: u64, n: i32): void {
  if (n <= 0) { wHi = hi; wLo = lo; return; }
  if (n < 64) { wLo = (lo >> n) | (hi << (64 - n)) | ((lo << (64 - n)) != 0 ? 1 : 0); wHi = hi >> n; return; }
  wHi = 0;
  if (n == 64) { wLo = hi | (lo != 0 ? 1 : 0); return; }
  if (n < 128) { wLo = (hi >> (n - 64)) | ((hi << (128 - n)) != 0 || lo != 0 ? 1 : 0); return; }
  wLo = (hi | lo) != 0 ? 1 : 0;
}

// The exact sum of two values (sig128 * 2^(exp - 127)), as a sign, exponent and 64-bit jammed significand
// (sumSig == 0 for an exact zero), ready for fpRound().
export let sumSign: u32 = 0;
export let sumExp: i32 = 0;
export let sumSig: u64 = 0;

export function addWide(sa: u32, ea: i32, ha: u64, la: u64, sb: u32, eb: i32, hb: u64, lb: u64): void {
  if ((hb | lb) == 0) { setSum(sa, ea, ha, la); return; }
  if ((ha | la) == 0) { setSum(sb, eb, hb, lb); return; }
  // Order by magnitude so that the difference is never negative (both are normalized).
  if (eb > ea || (eb == ea && (hb > ha || (hb == ha && lb > la)))) {
    let t: u64 = ha; ha = hb; hb = t; t = la; la = lb; lb = t;
    const te = ea; ea = eb; eb = te;
    const ts = sa; sa = sb; sb = ts;
  }
  shiftRightJam128(hb, lb, 1 + ea - eb);
  hb = wHi; lb = wLo;
  shiftRightJam128(ha, la, 1);
  ha = wHi; la = wLo;
  let hi: u64, lo: u64;
  if (sa == sb) {
    lo = la + lb;
    hi = ha + hb + (lo < la ? 1 : 0);
  } else {
    lo = la - lb;
    hi = ha - hb - (la < lb ? 1 : 0);
  }
  setSum(sa, ea + 1, hi, lo);
}

function setSum(sign: u32, exp: i32, hi: u64, lo: u64): void {
  sumSign = sign;
  if ((hi | lo) == 0) { sumSig = 0; sumExp = 0; return; }
  let s: i32 = hi != 0 ? <i32>clz(hi) : 64 + <i32>clz(lo);
  if (s >= 64) { hi = lo; lo = 0; s -= 64; exp -= 64; }
  if (s > 0) { hi = (hi << s) | (lo >> (64 - s)); lo <<= s; exp -= s; }
  sumExp = exp;
  sumSig = hi | (lo != 0 ? 1 : 0);
}
