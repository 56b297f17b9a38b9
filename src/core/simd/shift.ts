// The element shifts of the AdvSIMD shift instructions: by a signed register amount ([S|U][Q][R]SHL) and by
// immediate (the right shifts with optional rounding, the saturating left shifts), exact for 64-bit elements.
import { ones, sext } from './elements';
import { setQC } from './saturate';

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
  if (v == 0) return 0;
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
