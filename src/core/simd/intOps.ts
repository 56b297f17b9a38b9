// The per-element operations of the AdvSIMD integer "three same" and "three different" (widening) instructions,
// shared by the vector, scalar and by-element forms (ARM ARM shared/functions and each instruction's Operation).
import { ones, setRes, sext } from './elements';
import { setQC, signedSatQ, sqadd, sqsub, uqadd, uqsub } from './saturate';
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

export const enum LongOp { ADD, SUB, ABA, ABD, MLA, MLS, MUL, SQDMLAL, SQDMLSL, SQDMULL, PMUL }

/** SignedSatQ(2 * a * b, 2 * esize) of two signed 16/32-bit elements (the doubling of SQDMULL and friends). */
export function sqdmull(a: i64, b: i64, size: u32): u64 {
  const p = a * b;
  if (size == 2) {
    if (p == (<i64>1 << 62)) { setQC(); return (<u64>1 << 63) - 1; }
    return <u64>(p << 1);
  }
  return signedSatQ(p << 1, size + 1);
}

/** PolynomialMult() of two 8-bit values, 16-bit result (PMULL .8h). */
@inline function pmull8(a: u64, b: u64): u64 {
  let r: u64 = 0;
  for (let i: u64 = 0; i < 8; i++) if ((b >> i) & 1) r ^= a << i;
  return r;
}

/**
 * Elem[result, e, 2*esize] of the widening operation `op` on esize elements a, b (zero-extended bits) and the
 * 2*esize accumulator d; `unsigned` picks UInt or SInt for the sources.
 */
export function longElem(op: LongOp, a: u64, b: u64, d: u64, size: u32, unsigned: bool): u64 {
  const m = ones(size + 1);
  const x: u64 = unsigned ? a : <u64>sext(a, size), y: u64 = unsigned ? b : <u64>sext(b, size);
  const diff: u64 = unsigned ? (a > b ? a - b : b - a) : <u64>abs(<i64>x - <i64>y);
  switch (op) {
    case LongOp.ADD: return (x + y) & m;
    case LongOp.SUB: return (x - y) & m;
    case LongOp.ABA: return (d + diff) & m;
    case LongOp.ABD: return diff & m;
    case LongOp.MLA: return (d + x * y) & m;
    case LongOp.MLS: return (d - x * y) & m;
    case LongOp.MUL: return (x * y) & m;
    case LongOp.SQDMLAL: return sqadd(d, sqdmull(<i64>x, <i64>y, size) & m, size + 1);
    case LongOp.SQDMLSL: return sqsub(d, sqdmull(<i64>x, <i64>y, size) & m, size + 1);
    case LongOp.SQDMULL: return sqdmull(<i64>x, <i64>y, size) & m;
    case LongOp.PMUL: return pmull8(a, b);
  }
  return 0;
}

/** PolynomialMult() of two 64-bit values (PMULL .1q): the 128-bit carry-less product, into RES. */
export function polynomialMult64(a: u64, b: u64): void {
  let lo: u64 = 0, hi: u64 = 0;
  for (let i: u64 = 0; i < 64; i++) {
    if ((b >> i) & 1) {
      lo ^= a << i;
      if (i) hi ^= a >> (64 - i);
    }
  }
  setRes(0, 3, lo);
  setRes(1, 3, hi);
}
