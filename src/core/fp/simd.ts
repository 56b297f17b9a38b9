// Element loops of the AdvSIMD FP forms (ARM ARM C7 vector, pairwise, across-lanes, by-element and scalar shapes),
// all over fpBinary()/fpUnary() so that every form computes with the same primitives.
import { fpBinary, fpUnary } from './ops';
import { fixedToFP, fpConvert, fpToFixed } from './convert';
import { RZ, fpRoundingMode } from './core';
import { clearHigh, elem, fpcrArith, setElem, setScalar, vAddr } from './vreg';
import { FPCR } from '../state';

/** Copies of source registers, for the forms whose result elements do not line up with their sources. */
const TMP: usize = memory.data(48, 16);
@inline function copyToTmp(n: u32, slot: u32): void {
  const s = vAddr(n), d = TMP + (<usize>slot << 4);
  store<u64>(d, load<u64>(s));
  store<u64>(d + 8, load<u64>(s + 8));
}
@inline function tmpElem(e: u32, N: u32): u64 {
  const a = TMP + <usize>(e * (N >> 3));
  return N == 64 ? load<u64>(a) : N == 32 ? <u64>load<u32>(a) : <u64>load<u16>(a);
}

/** Vd[e] = op(Vn[e], Vm[e]) (Vd[e] the accumulator) for the 64- or 128-bit vector. */
export function vecBinary(op: u32, Q: u32, N: u32, Rm: u32, Rn: u32, Rd: u32): void {
  const fpcr = fpcrArith();
  const n = (Q ? <u32>128 : 64) / N;
  for (let e: u32 = 0; e < n; e++) setElem(Rd, e, N, fpBinary(op, elem(Rn, e, N), elem(Rm, e, N), elem(Rd, e, N), N, fpcr));
  if (!Q) clearHigh(Rd);
}

/** Vd[e] = op(Vn[e], Vm[index]): the by-element forms. */
export function vecByElement(op: u32, Q: u32, N: u32, Rm: u32, index: u32, Rn: u32, Rd: u32): void {
  const fpcr = fpcrArith();
  const n = (Q ? <u32>128 : 64) / N;
  const b = elem(Rm, index, N);
  for (let e: u32 = 0; e < n; e++) setElem(Rd, e, N, fpBinary(op, elem(Rn, e, N), b, elem(Rd, e, N), N, fpcr));
  if (!Q) clearHigh(Rd);
}

/** Scalar: Vd = op(Vn[0], Vm[index]) with the rest of Vd cleared. */
export function scalarBinary(op: u32, N: u32, Rm: u32, index: u32, Rn: u32, Rd: u32): void {
  setScalar(Rd, fpBinary(op, elem(Rn, 0, N), elem(Rm, index, N), elem(Rd, 0, N), N, fpcrArith()), N);
}

/** Pairwise: the elements of Vm:Vn (Vn lowest) combined two by two. */
export function vecPairwise(op: u32, Q: u32, N: u32, Rm: u32, Rn: u32, Rd: u32): void {
  const fpcr = fpcrArith();
  const n = (Q ? <u32>128 : 64) / N;
  copyToTmp(Rn, 0);
  copyToTmp(Rm, 1);
  // With a 64-bit vector, Vm's elements follow Vn's low half directly.
  if (!Q) { store<u64>(TMP + 8, load<u64>(TMP + 16)); }
  for (let e: u32 = 0; e < n; e++) setElem(Rd, e, N, fpBinary(op, tmpElem(2 * e, N), tmpElem(2 * e + 1, N), 0, N, fpcr));
  if (!Q) clearHigh(Rd);
}

/** Scalar pairwise: op(Vn[0], Vn[1]). */
export function scalarPairwise(op: u32, N: u32, Rn: u32, Rd: u32): void {
  setScalar(Rd, fpBinary(op, elem(Rn, 0, N), elem(Rn, 1, N), 0, N, fpcrArith()), N);
}

/** Reduce(): across lanes as a tree of halves, lower half first. */
function reduce(op: u32, lo: u32, count: u32, N: u32, fpcr: u32): u64 {
  if (count == 1) return tmpElem(lo, N);
  const half = count >> 1;
  const a = reduce(op, lo, half, N, fpcr);
  const b = reduce(op, lo + half, half, N, fpcr);
  return fpBinary(op, a, b, 0, N, fpcr);
}

export function vecReduce(op: u32, Q: u32, N: u32, Rn: u32, Rd: u32): void {
  copyToTmp(Rn, 0);
  setScalar(Rd, reduce(op, 0, (Q ? <u32>128 : 64) / N, N, fpcrArith()), N);
}

/** Vd[e] = op(Vn[e]). */
export function vecUnary(op: u32, Q: u32, N: u32, Rn: u32, Rd: u32): void {
  const fpcr = fpcrArith();
  const n = (Q ? <u32>128 : 64) / N;
  for (let e: u32 = 0; e < n; e++) setElem(Rd, e, N, fpUnary(op, elem(Rn, e, N), N, fpcr));
  if (!Q) clearHigh(Rd);
}

export function scalarUnary(op: u32, N: u32, Rn: u32, Rd: u32): void {
  setScalar(Rd, fpUnary(op, elem(Rn, 0, N), N, fpcrArith()), N);
}

/** Element size and fraction bits of the fixed-point shift encodings (immh:immb). */
export let shiftN: u32 = 0;
export let shiftFbits: u32 = 0;
export function decodeFixedShift(immh: u32, immb: u32): void {
  shiftN = immh >= 8 ? 64 : immh >= 4 ? 32 : 16;
  shiftFbits = 2 * shiftN - ((immh << 3) | immb);
}

/** FCVTZS/FCVTZU/SCVTF/UCVTF with fbits, over count elements (scalar: 1, rest cleared). */
export function fixedShift(toFixed: bool, unsigned: bool, count: u32, Q: u32, Rn: u32, Rd: u32, scalar: bool): void {
  const N = shiftN, fbits = shiftFbits, fpcr = fpcrArith();
  for (let e: u32 = 0; e < count; e++) {
    const a = elem(Rn, e, N);
    const r = toFixed ? fpToFixed(a, N, fbits, unsigned, N, fpcr, RZ) : fixedToFP(a, N, fbits, unsigned, N, fpcr, fpRoundingMode(fpcr));
    if (scalar) setScalar(Rd, r, N); else setElem(Rd, e, N, r);
  }
  if (!scalar && !Q) clearHigh(Rd);
}

/** FCVTN/FCVTXN: narrow the 2N-bit elements of Vn into the lower (Q = 0, upper cleared) or upper half of Vd. */
export function narrow(Q: u32, N: u32, Rn: u32, Rd: u32, rounding: u32): void {
  copyToTmp(Rn, 0);
  const n = <u32>64 / N;
  for (let e: u32 = 0; e < n; e++) setElem(Rd, Q ? e + n : e, N, fpConvert(tmpElem(e, 2 * N), 2 * N, N, FPCR, rounding));
  if (!Q) clearHigh(Rd);
}

/** FCVTL: widen the N-bit elements of the lower (Q = 0) or upper half of Vn. */
export function widen(Q: u32, N: u32, Rn: u32, Rd: u32): void {
  copyToTmp(Rn, 0);
  const n = <u32>64 / N;
  const rounding = fpRoundingMode(FPCR);
  for (let e: u32 = 0; e < n; e++) setElem(Rd, e, 2 * N, fpConvert(tmpElem(Q ? e + n : e, N), N, 2 * N, FPCR, rounding));
}
