// The per-element operations of the AdvSIMD integer "three same" instructions, shared by the vector and scalar
// forms and by the by-element forms (ARM ARM shared/functions and each instruction's Operation).
import { ones, sext } from './elements';
import { signedSatQ, sqadd, sqsub, uqadd, uqsub } from './saturate';
import { shiftByRegister } from './shift';

export const enum IntOp {
  ADD, SUB, SQADD, UQADD, SQSUB, UQSUB, SHADD, UHADD, SRHADD, URHADD, SHSUB, UHSUB,
  CMGT, CMHI, CMGE, CMHS, CMEQ, CMTST, SSHL, USHL, SQSHL, UQSHL, SRSHL, URSHL, SQRSHL, UQRSHL,
  SMAX, UMAX, SMIN, UMIN, SABD, UABD, SABA, UABA, MLA, MLS, MUL, PMUL, SQDMULH, SQRDMULH, SQRDMLAH, SQRDMLSH,
}

/** PolynomialMult() of two 8-bit values, low 8 bits (PMUL). */
@inline function pmul8(a: u64, b: u64): u64 {
  let r: u64 = 0;
  for (let i: u64 = 0; i < 8; i++) if ((b >> i) & 1) r ^= a << i;
  return r & 0xff;
}

/**
 * SQDMULH/SQRDMULH/SQRDMLAH/SQRDMLSH for 16/32-bit elements: SignedSatQ(((d << esize) ± 2*a*b + round) >> esize).
 * Everything is halved first (all terms are even), which keeps the 32-bit case within i64.
 */
export function sqrdmulhAcc(a: u64, b: u64, d: u64, size: u32, rounding: bool, accumulate: bool, sub: bool): u64 {
  const esize = <i64>8 << size;
  let p = sext(a, size) * sext(b, size);
  if (sub) p = -p;
  let acc = p + (rounding ? <i64>1 << (esize - 2) : 0);
  if (accumulate) acc += sext(d, size) << (esize - 1);
  return signedSatQ(acc >> (esize - 1), size);
}

@inline function cmp(c: bool, size: u32): u64 { return c ? ones(size) : 0; }

/** Elem[result] of the three-same operation `op` on elements a (Vn), b (Vm) and d (the old Vd). */
export function sameElem(op: IntOp, a: u64, b: u64, d: u64, size: u32): u64 {
  const m = ones(size);
  switch (op) {
    case IntOp.ADD: return (a + b) & m;
    case IntOp.SUB: return (a - b) & m;
    case IntOp.SQADD: return sqadd(a, b, size);
    case IntOp.UQADD: return uqadd(a, b, size);
    case IntOp.SQSUB: return sqsub(a, b, size);
    case IntOp.UQSUB: return uqsub(a, b, size);
    case IntOp.SHADD: return <u64>((sext(a, size) + sext(b, size)) >> 1) & m;
    case IntOp.UHADD: return (a + b) >> 1;
    case IntOp.SRHADD: return <u64>((sext(a, size) + sext(b, size) + 1) >> 1) & m;
    case IntOp.URHADD: return (a + b + 1) >> 1;
    case IntOp.SHSUB: return <u64>((sext(a, size) - sext(b, size)) >> 1) & m;
    case IntOp.UHSUB: return <u64>((<i64>a - <i64>b) >> 1) & m;
    case IntOp.CMGT: return cmp(sext(a, size) > sext(b, size), size);
    case IntOp.CMHI: return cmp(a > b, size);
    case IntOp.CMGE: return cmp(sext(a, size) >= sext(b, size), size);
    case IntOp.CMHS: return cmp(a >= b, size);
    case IntOp.CMEQ: return cmp(a == b, size);
    case IntOp.CMTST: return cmp((a & b) != 0, size);
    case IntOp.SSHL: return shiftByRegister(a, b, size, false, false, false);
    case IntOp.USHL: return shiftByRegister(a, b, size, true, false, false);
    case IntOp.SQSHL: return shiftByRegister(a, b, size, false, false, true);
    case IntOp.UQSHL: return shiftByRegister(a, b, size, true, false, true);
    case IntOp.SRSHL: return shiftByRegister(a, b, size, false, true, false);
    case IntOp.URSHL: return shiftByRegister(a, b, size, true, true, false);
    case IntOp.SQRSHL: return shiftByRegister(a, b, size, false, true, true);
    case IntOp.UQRSHL: return shiftByRegister(a, b, size, true, true, true);
    case IntOp.SMAX: return sext(a, size) > sext(b, size) ? a : b;
    case IntOp.UMAX: return a > b ? a : b;
    case IntOp.SMIN: return sext(a, size) < sext(b, size) ? a : b;
    case IntOp.UMIN: return a < b ? a : b;
    case IntOp.SABD: return <u64>abs(sext(a, size) - sext(b, size)) & m;
    case IntOp.UABD: return a > b ? a - b : b - a;
    case IntOp.SABA: return (d + <u64>abs(sext(a, size) - sext(b, size))) & m;
    case IntOp.UABA: return (d + (a > b ? a - b : b - a)) & m;
    case IntOp.MLA: return (d + a * b) & m;
    case IntOp.MLS: return (d - a * b) & m;
    case IntOp.MUL: return (a * b) & m;
    case IntOp.PMUL: return pmul8(a, b);
    case IntOp.SQDMULH: return sqrdmulhAcc(a, b, d, size, false, false, false);
    case IntOp.SQRDMULH: return sqrdmulhAcc(a, b, d, size, true, false, false);
    case IntOp.SQRDMLAH: return sqrdmulhAcc(a, b, d, size, true, true, false);
    case IntOp.SQRDMLSH: return sqrdmulhAcc(a, b, d, size, true, true, true);
  }
  return 0;
}
