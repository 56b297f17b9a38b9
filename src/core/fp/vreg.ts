// FP/SIMD register access for the FP handlers: elements of V0..V31 (state.ts V_BASE, little-endian), scalar
// writes that clear the rest of the register, and the FPCR views the operations take.
import { FPCR, V_BASE } from '../state';
import { FPCR_AHP } from './core';

@inline export function vAddr(n: u32): usize { return V_BASE + (<usize>n << 4); }

/** Element e of size N bits (8..64) of Vn. */
export function elem(n: u32, e: u32, N: u32): u64 {
  const a = vAddr(n) + <usize>(e * (N >> 3));
  return N == 64 ? load<u64>(a) : N == 32 ? <u64>load<u32>(a) : N == 16 ? <u64>load<u16>(a) : <u64>load<u8>(a);
}

export function setElem(n: u32, e: u32, N: u32, v: u64): void {
  const a = vAddr(n) + <usize>(e * (N >> 3));
  if (N == 64) store<u64>(a, v);
  else if (N == 32) store<u32>(a, <u32>v);
  else if (N == 16) store<u16>(a, <u16>v);
  else store<u8>(a, <u8>v);
}

/** V[d] = ZeroExtend(v) for an N-bit scalar result. */
export function setScalar(n: u32, v: u64, N: u32): void {
  const a = vAddr(n);
  store<u64>(a, N == 64 ? v : v & ((<u64>1 << N) - 1));
  store<u64>(a + 8, 0);
}

/** The upper 64 bits of a 64-bit vector result are zero. */
@inline export function clearHigh(n: u32): void { store<u64>(vAddr(n) + 8, 0); }

/** FPCR as FPUnpack()/FPRound() see it for arithmetic: AHP applies to conversions only. */
@inline export function fpcrArith(): u32 { return FPCR & ~FPCR_AHP; }

/** ftype of the scalar FP encodings: 0 single, 1 double, 3 half. */
@inline export function ftypeBits(ftype: u32): u32 { return ftype == 0 ? 32 : ftype == 1 ? 64 : 16; }
