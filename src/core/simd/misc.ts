// Per-element operations of the AdvSIMD two-register miscellaneous integer instructions, shared by the vector
// and scalar forms (ARM ARM C4.1.96 "two-register miscellaneous").
import { ones, sext } from './elements';
import { signedSatQ, setQC, unsignedSatQ, unsignedSatQSigned } from './saturate';

export const enum MiscOp { CLS, CLZ, CNT, NOT, RBIT, SQABS, SQNEG, ABS, NEG, CMGT0, CMGE0, CMEQ0, CMLE0, CMLT0 }

/** Elem[result] of the unary operation `op` on element a. */
export function miscElem(op: MiscOp, a: u64, size: u32): u64 {
  const m = ones(size), esize: u64 = <u64>8 << size;
  const v = sext(a, size);
  switch (op) {
    // CountLeadingSignBits(x) = CountLeadingZeroBits(x<esize-1:1> EOR x<esize-2:0>)
    case MiscOp.CLS: return clz<u64>((a ^ (a >> 1)) & (m >> 1)) - (65 - esize);
    case MiscOp.CLZ: return clz<u64>(a) - (64 - esize);
    case MiscOp.CNT: return popcnt<u64>(a);
    case MiscOp.NOT: return ~a & m;
    case MiscOp.RBIT: {
      let r: u64 = 0;
      for (let i: u64 = 0; i < esize; i++) r |= ((a >> i) & 1) << (esize - 1 - i);
      return r;
    }
    case MiscOp.SQABS: return saturatingNegate(v < 0, a, size);
    case MiscOp.SQNEG: return saturatingNegate(true, a, size);
    case MiscOp.ABS: return (v < 0 ? 0 - a : a) & m;
    case MiscOp.NEG: return (0 - a) & m;
    case MiscOp.CMGT0: return v > 0 ? m : 0;
    case MiscOp.CMGE0: return v >= 0 ? m : 0;
    case MiscOp.CMEQ0: return v == 0 ? m : 0;
    case MiscOp.CMLE0: return v <= 0 ? m : 0;
    case MiscOp.CMLT0: return v < 0 ? m : 0;
  }
  return 0;
}

/** -a saturated (SQNEG, and SQABS of a negative element); only the most negative value saturates. */
function saturatingNegate(negate: bool, a: u64, size: u32): u64 {
  if (!negate) return a;
  const min = (ones(size) >> 1) + 1;
  if (a == min) { setQC(); return min - 1; }
  return (0 - a) & ones(size);
}

/** The narrowing conversions XTN, SQXTN, UQXTN, SQXTUN of a 2*esize element a (size = the narrow size). */
export const enum NarrowOp { XTN, SQXTN, UQXTN, SQXTUN }

export function narrowElem(op: NarrowOp, a: u64, size: u32): u64 {
  switch (op) {
    case NarrowOp.SQXTN: return signedSatQ(sext(a, size + 1), size);
    case NarrowOp.UQXTN: return unsignedSatQ(a, size);
    case NarrowOp.SQXTUN: return unsignedSatQSigned(sext(a, size + 1), size);
  }
  return a & ones(size);
}

/** UnsignedRecipEstimate(): URECPE of a 32-bit element. */
export function unsignedRecipEstimate(a: u32): u32 {
  if ((a >> 31) == 0) return 0xffffffff;
  // RecipEstimate() on the top 9 bits: a in [256, 511].
  const x = ((a >> 23) << 1) + 1;
  const b = (<u32>1 << 19) / x;
  const r = (b + 1) >> 1;
  return (r & 0x1ff) << 23;
}

/** UnsignedRSqrtEstimate(): URSQRTE of a 32-bit element. */
export function unsignedRSqrtEstimate(a: u32): u32 {
  if ((a >> 30) == 0) return 0xffffffff;
  // RecipSqrtEstimate() on the top 9 bits: a in [128, 511].
  let x: u64 = a >> 23;
  if (x < 256) x = x * 2 + 1;
  else x = ((x >> 1) << 1) * 2 + 2;
  let b: u64 = 512;
  while (x * (b + 1) * (b + 1) < (<u64>1 << 28)) b++;
  const r = (b + 1) >> 1;
  return (<u32>r & 0x1ff) << 23;
}
