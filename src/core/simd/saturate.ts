// Saturation for the AdvSIMD integer instructions (SignedSatQ/UnsignedSatQ and the saturating add/subtract),
// setting FPSR.QC whenever a result saturates.
import { FPSR, setFPSR } from '../state';
import { ones, sext } from './elements';

const FPSR_QC: u32 = 1 << 27;

@inline export function setQC(): void { setFPSR(FPSR | FPSR_QC); }

/** SignedSatQ(v, 8 << size) for size < 3: the element bits of the clamped value. */
export function signedSatQ(v: i64, size: u32): u64 {
  const bits = <i64>8 << size;
  const max = (<i64>1 << (bits - 1)) - 1, min = -(<i64>1 << (bits - 1));
  if (v > max) { setQC(); return <u64>max; }
  if (v < min) { setQC(); return <u64>min & ones(size); }
  return <u64>v & ones(size);
}

/** UnsignedSatQ(v, 8 << size) of a signed integer (size < 3). */
export function unsignedSatQSigned(v: i64, size: u32): u64 {
  if (v < 0) { setQC(); return 0; }
  if (<u64>v > ones(size)) { setQC(); return ones(size); }
  return <u64>v;
}

/** UnsignedSatQ(v, 8 << size) of a non-negative integer held as u64 (any size). */
export function unsignedSatQ(v: u64, size: u32): u64 {
  if (v > ones(size)) { setQC(); return ones(size); }
  return v;
}

/** SQADD of two elements (zero-extended bits). */
export function sqadd(a: u64, b: u64, size: u32): u64 {
  if (size < 3) return signedSatQ(sext(a, size) + sext(b, size), size);
  const r = a + b;
  if ((<i64>((a ^ r) & (b ^ r))) < 0) { setQC(); return (<i64>a) < 0 ? <u64>1 << 63 : (<u64>1 << 63) - 1; }
  return r;
}

/** SQSUB of two elements. */
export function sqsub(a: u64, b: u64, size: u32): u64 {
  if (size < 3) return signedSatQ(sext(a, size) - sext(b, size), size);
  const r = a - b;
  if ((<i64>((a ^ b) & (a ^ r))) < 0) { setQC(); return (<i64>a) < 0 ? <u64>1 << 63 : (<u64>1 << 63) - 1; }
  return r;
}

/** UQADD of two elements. */
export function uqadd(a: u64, b: u64, size: u32): u64 {
  const r = (a + b) & ones(size);
  if (r < a) { setQC(); return ones(size); }
  return r;
}

/** UQSUB of two elements. */
export function uqsub(a: u64, b: u64, size: u32): u64 {
  if (a < b) { setQC(); return 0; }
  return a - b;
}

/** SUQADD: signed accumulator a plus unsigned b, saturated to signed. */
export function suqadd(a: u64, b: u64, size: u32): u64 {
  if (size < 3) return signedSatQ(sext(a, size) + <i64>b, size);
  // a signed, b unsigned: the sum only overflows past MAX, i.e. when b > MAX - a (exact in u64 for any a).
  const max: u64 = (<u64>1 << 63) - 1;
  if (b > max - a) { setQC(); return max; }
  return a + b;
}

/** USQADD: unsigned accumulator a plus signed b, saturated to unsigned. */
export function usqadd(a: u64, b: u64, size: u32): u64 {
  if (size < 3) return unsignedSatQSigned(<i64>a + sext(b, size), size);
  const r = a + b;
  if ((<i64>b) >= 0) {
    if (r < a) { setQC(); return <u64>-1; }
  } else if (r > a) { setQC(); return 0; }
  return r;
}
