// The element shifts of the AdvSIMD shift instructions: by a signed register amount ([S|U][Q][R]SHL) and by
// immediate (the right shifts with optional rounding, the saturating left shifts), exact for 64-bit elements.
import { ones, sext } from './elements';
import { setQC, signedSatQ, unsignedSatQ, unsignedSatQSigned } from './saturate';

/**
 * (element + round) >> s at full precision for s >= 1, rounding adding 1 << (s - 1): computed as
 * (element >> s) + element<s-1> so that 64-bit elements need no 65-bit sum. Signed results are sign-extended.
 */
export function shiftRight(a: u64, s: u32, size: u32, unsigned: bool, rounding: bool): u64 {
  if (unsigned) {
    const q: u64 = s >= 64 ? 0 : a >> s;
    const r: u64 = rounding && s <= 64 ? (a >> (s - 1)) & 1 : 0;
    return q + r;
  }
  const v = sext(a, size);
  const q = v >> <i64>min(s, 63);
  const r: i64 = rounding ? (v >> <i64>min(s - 1, 63)) & 1 : 0;
  return <u64>(q + r);
}

/** Left shift of an element by s >= 0 with saturation to the element size (SatQ(element << s)). */
export function shiftLeftSat(a: u64, s: u32, size: u32, unsignedIn: bool, unsignedOut: bool): u64 {
  const esize: u32 = 8 << size;
  const m = ones(size);
  if (unsignedIn) {
    if (a == 0 || s == 0) return a;
    if (s >= esize || (a >> (esize - s)) != 0) { setQC(); return m; }
    return (a << s) & m;
  }
  const v = sext(a, size);
  if (unsignedOut && v < 0) { setQC(); return 0; }
  if (v == 0 || s == 0) return a;
  if (unsignedOut) {
    if (s >= esize || (<u64>v >> (esize - s)) != 0) { setQC(); return m; }
    return (<u64>v << s) & m;
  }
  if (s < esize) {
    const r = sext(<u64>v << s, size);
    if ((r >> s) == v) return <u64>r & m;
  }
  setQC();
  return v < 0 ? (m >> 1) + 1 : m >> 1;
}

/** The element operation of SSHL/USHL/SRSHL/URSHL/SQSHL/UQSHL/SQRSHL/UQRSHL: shift by SInt(amount<7:0>). */
export function shiftByRegister(a: u64, amount: u64, size: u32, unsigned: bool, rounding: bool, saturating: bool): u64 {
  const shift = <i32>(<i8>amount);
  if (shift < 0) return shiftRight(a, <u32>-shift, size, unsigned, rounding) & ones(size);
  if (saturating) return shiftLeftSat(a, <u32>shift, size, unsigned, unsigned);
  return shift >= (8 << size) ? 0 : (a << <u64>shift) & ones(size);
}

export const enum ShiftOp { SSHR, USHR, SRSHR, URSHR, SSRA, USRA, SRSRA, URSRA, SRI, SHL, SLI, SQSHL, UQSHL, SQSHLU }

/** Element size (log2 bytes) of a shift-by-immediate encoding: 8 << HighestSetBit(immh). */
@inline export function immShiftSize(immh: u32): u32 { return 31 - clz<u32>(immh); }
/** Right shift amount: 2 * esize - UInt(immh:immb). */
@inline export function immShiftRight(immh: u32, immb: u32): u32 { return (16 << immShiftSize(immh)) - ((immh << 3) | immb); }
/** Left shift amount: UInt(immh:immb) - esize. */
@inline export function immShiftLeft(immh: u32, immb: u32): u32 { return ((immh << 3) | immb) - (8 << immShiftSize(immh)); }

/** Elem[result] of a shift by immediate s (right shifts: 1..esize, left shifts: 0..esize-1); d is the old Vd element. */
export function shiftImmElem(op: ShiftOp, a: u64, d: u64, s: u32, size: u32): u64 {
  const m = ones(size);
  switch (op) {
    case ShiftOp.SSHR: return shiftRight(a, s, size, false, false) & m;
    case ShiftOp.USHR: return shiftRight(a, s, size, true, false) & m;
    case ShiftOp.SRSHR: return shiftRight(a, s, size, false, true) & m;
    case ShiftOp.URSHR: return shiftRight(a, s, size, true, true) & m;
    case ShiftOp.SSRA: return (d + shiftRight(a, s, size, false, false)) & m;
    case ShiftOp.USRA: return (d + shiftRight(a, s, size, true, false)) & m;
    case ShiftOp.SRSRA: return (d + shiftRight(a, s, size, false, true)) & m;
    case ShiftOp.URSRA: return (d + shiftRight(a, s, size, true, true)) & m;
    case ShiftOp.SRI: {
      const keep: u64 = s >= 64 ? m : ~(m >> s) & m;
      return (d & keep) | shiftRight(a, s, size, true, false);
    }
    case ShiftOp.SHL: return (a << s) & m;
    case ShiftOp.SLI: return (d & ~(m << s) & m) | ((a << s) & m);
    case ShiftOp.SQSHL: return shiftLeftSat(a, s, size, false, false);
    case ShiftOp.UQSHL: return shiftLeftSat(a, s, size, true, true);
    case ShiftOp.SQSHLU: return shiftLeftSat(a, s, size, false, true);
  }
  return 0;
}

export const enum NarrowShiftOp { SHRN, RSHRN, SQSHRN, SQRSHRN, UQSHRN, UQRSHRN, SQSHRUN, SQRSHRUN }

/** Elem[result, e, esize] of a narrowing right shift by s of the 2*esize element a (size = the narrow size). */
export function narrowShiftElem(op: NarrowShiftOp, a: u64, s: u32, size: u32): u64 {
  const round = op == NarrowShiftOp.RSHRN || op == NarrowShiftOp.SQRSHRN || op == NarrowShiftOp.UQRSHRN || op == NarrowShiftOp.SQRSHRUN;
  const unsignedIn = op == NarrowShiftOp.SHRN || op == NarrowShiftOp.RSHRN || op == NarrowShiftOp.UQSHRN || op == NarrowShiftOp.UQRSHRN;
  const r = shiftRight(a, s, size + 1, unsignedIn, round);
  switch (op) {
    case NarrowShiftOp.SQSHRN: case NarrowShiftOp.SQRSHRN: return signedSatQ(<i64>r, size);
    case NarrowShiftOp.UQSHRN: case NarrowShiftOp.UQRSHRN: return unsignedSatQ(r, size);
    case NarrowShiftOp.SQSHRUN: case NarrowShiftOp.SQRSHRUN: return unsignedSatQSigned(<i64>r, size);
  }
  return r & ones(size);
}
