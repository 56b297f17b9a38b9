// Shared pieces of the load/store handlers: the ARM ARM's single-register transfer of a general-purpose or
// FP/SIMD register in the immediate, register and literal addressing modes, with writeback (C6.2 LDR/STR...).
import { setX, setXSP, V_BASE, X } from '../state';
import { addressBase, hi128, memFault, readMem, readMem128, setAccessSyndrome, writeMem, writeMem128 } from '../vmem';
import { signExtend } from '../pseudocode';

/** MemOp with the extension a load applies: zero-extend, sign-extend to 64 bits, sign-extend to 32 bits. */
export const enum LdSt { Store = 0, Load = 1, LoadSigned64 = 2, LoadSigned32 = 3 }

/** Addressing: [Xn, #off] (or register offset), [Xn], #off (post-index), [Xn, #off]! (pre-index). */
export const enum Index { Offset = 0, Post = 1, Pre = 2 }


@inline export function vreg(n: u32): usize { return V_BASE + (<usize>(n & 31) << 4); }

// ExtendReg(): Xm extended by option (UXTB..SXTX), shifted left by `shift`.
export function extendReg(m: u32, option: u32, shift: u32): u64 {
  let v = X(m);
  const bits: u32 = 8 << (option & 3);
  if (bits < 64) v = (option & 4) != 0 ? signExtend(v, bits) : v & ((<u64>1 << bits) - 1);
  return v << shift;
}

/** The value a load of `bytes` writes to Rt for `op`. */
@inline export function extendLoaded(v: u64, bytes: u32, op: u32, regsize64: bool): u64 {
  if (op == LdSt.LoadSigned64 || op == LdSt.LoadSigned32) v = signExtend(v, bytes << 3);
  return regsize64 ? v : v & 0xffffffff;
}

/**
 * A general-purpose register load or store of `bytes` at Xn|SP + offset (LDR/STR and variants). Writeback happens
 * after the load, so with Rn == Rt the written-back address wins (the CONSTRAINED UNPREDICTABLE case, as QEMU
 * does); a store with Rn == Rt stores the register's value before writeback. A faulting access writes nothing.
 * The forms without writeback report their instruction syndrome (ISV = 1) in a stage-2 Data Abort.
 */
@inline export function ldstGPR(n: u32, t: u32, offset: u64, index: u32, bytes: u32, op: u32, regsize64: bool, acctype: u32): void {
  let address = addressBase(n);
  if (memFault) return;
  if (index == Index.Offset) setAccessSyndrome(bytes, op == LdSt.LoadSigned64 || op == LdSt.LoadSigned32, t, regsize64, false);
  if (index != Index.Post) address += offset;
  if (op == LdSt.Store) {
    writeMem(address, bytes, X(t), acctype);
    if (memFault) return;
  } else {
    const v = readMem(address, bytes, acctype);
    if (memFault) return;
    setX(t, extendLoaded(v, bytes, op, regsize64));
  }
  if (index != Index.Offset) setXSP(n, index == Index.Post ? address + offset : address);
}

/** The high half of the last readVec(). */
export let vecHi: u64 = 0;

/** Reads `bytes` (1..16) at address as a zero-extended 128-bit value: the low half returned, the high in vecHi. */
export function readVec(address: u64, bytes: u32, acctype: u32): u64 {
  if (bytes == 16) {
    const lo = readMem128(address, acctype);
    vecHi = hi128;
    return lo;
  }
  vecHi = 0;
  return readMem(address, bytes, acctype);
}

@inline export function setV128(t: u32, lo: u64, hi: u64): void {
  store<u64>(vreg(t), lo);
  store<u64>(vreg(t) + 8, hi);
}

/** Loads `bytes` (1..16) at address into V[t], zeroing the rest of the register; nothing on a fault. */
export function loadV(address: u64, t: u32, bytes: u32, acctype: u32): void {
  const lo = readVec(address, bytes, acctype);
  if (!memFault) setV128(t, lo, vecHi);
}

/** Stores the low `bytes` (1..16) of V[t] at address. */
export function storeV(address: u64, t: u32, bytes: u32, acctype: u32): void {
  const lo = load<u64>(vreg(t));
  if (bytes == 16) writeMem128(address, lo, load<u64>(vreg(t) + 8), acctype);
  else writeMem(address, bytes, lo, acctype);
}

/** An FP/SIMD register (B/H/S/D/Q) load or store at Xn|SP + offset, with writeback as ldstGPR(). */
@inline export function ldstFP(n: u32, t: u32, offset: u64, index: u32, bytes: u32, isLoad: bool, acctype: u32): void {
  let address = addressBase(n);
  if (memFault) return;
  if (index != Index.Post) address += offset;
  if (isLoad) loadV(address, t, bytes, acctype); else storeV(address, t, bytes, acctype);
  if (memFault) return;
  if (index != Index.Offset) setXSP(n, index == Index.Post ? address + offset : address);
}
