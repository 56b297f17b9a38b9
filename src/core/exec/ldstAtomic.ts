// Handlers of the exclusive, ordered and atomic loads and stores (ARM ARM C6.2 LDXR/STXR/LDXP/STXP and acquire/
// release forms, LDAR/STLR/LDLAR/STLLR, LDAPR, CAS/CASP, the LSE LD<op>/SWP), named after the table's forms.
import { setW, setX, X } from '../state';
import {
  AccType, addressBase, exclusiveMonitorsPass, hi128, memAtomic, memAtomicCompareAndSwap,
  memAtomicCompareAndSwap128, MemAtomicOp, memFault, readMem, readMem128, setAccessSyndrome, setExclusiveMonitors, writeMem, writeMem128,
} from '../vmem';

@inline function regMask(bytes: u32): u64 { return bytes == 8 ? <u64>-1 : (<u64>1 << (<u64>bytes << 3)) - 1; }

// ---- Exclusives: the monitor lives in vmem.ts ----

/** LDXR/LDAXR of 1, 2, 4 or 8 bytes. */
@inline function loadExclusive(n: u32, t: u32, bytes: u32, acctype: u32): void {
  const address = addressBase(n);
  const v = readMem(address, bytes, acctype);
  if (memFault) return;
  setExclusiveMonitors(address, bytes, v, 0);
  setX(t, v);
}

/**
 * STXR/STLXR: Ws = 0 when the store happened, 1 when the monitor check failed. Rt is read before Ws is written,
 * so Rs == Rt or Rs == Rn (CONSTRAINED UNPREDICTABLE) store the register's old value, as QEMU does.
 */
@inline function storeExclusive(s: u32, n: u32, t: u32, bytes: u32, acctype: u32): void {
  const address = addressBase(n);
  if (memFault) return;
  const data = X(t);
  if (exclusiveMonitorsPass(address, bytes, acctype)) {
    writeMem(address, bytes, data, acctype);
    if (memFault) return;
    setW(s, 0);
  } else if (!memFault) {
    setW(s, 1);
  }
}

/** LDXP/LDAXP: two W registers as one 8-byte access, or two X registers that must be 16-byte aligned. */
@inline function loadExclusivePair(n: u32, t: u32, t2: u32, sf: u32, acctype: u32): void {
  const address = addressBase(n);
  if (sf) {
    const lo = readMem128(address, acctype), hi = hi128;
    if (memFault) return;
    setExclusiveMonitors(address, 16, lo, hi);
    // Rt then Rt2: with Rt == Rt2 (CONSTRAINED UNPREDICTABLE) Rt2's value stays, as in QEMU.
    setX(t, lo);
    setX(t2, hi);
  } else {
    const v = readMem(address, 8, acctype);
    if (memFault) return;
    setExclusiveMonitors(address, 8, v, 0);
    setX(t, v & 0xffffffff);
    setX(t2, v >> 32);
  }
}

@inline function storeExclusivePair(s: u32, n: u32, t: u32, t2: u32, sf: u32, acctype: u32): void {
  const address = addressBase(n);
  if (memFault) return;
  const d1 = X(t), d2 = X(t2);
  if (exclusiveMonitorsPass(address, sf ? 16 : 8, acctype)) {
    if (sf) writeMem128(address, d1, d2, acctype); else writeMem(address, 8, (d1 & 0xffffffff) | (d2 << 32), acctype);
    if (memFault) return;
    setW(s, 0);
  } else if (!memFault) {
    setW(s, 1);
  }
}

export function STXP_ldstexclp(sf: u32, Rs: u32, Rt2: u32, Rn: u32, Rt: u32): void { storeExclusivePair(Rs, Rn, Rt, Rt2, sf, AccType.Atomic); }
export function STLXP_ldstexclp(sf: u32, Rs: u32, Rt2: u32, Rn: u32, Rt: u32): void { storeExclusivePair(Rs, Rn, Rt, Rt2, sf, AccType.OrderedAtomic); }
export function LDXP_ldstexclp(sf: u32, Rt2: u32, Rn: u32, Rt: u32): void { loadExclusivePair(Rn, Rt, Rt2, sf, AccType.Atomic); }
export function LDAXP_ldstexclp(sf: u32, Rt2: u32, Rn: u32, Rt: u32): void { loadExclusivePair(Rn, Rt, Rt2, sf, AccType.OrderedAtomic); }

export function STXRB_ldstexclr(Rs: u32, Rn: u32, Rt: u32): void { storeExclusive(Rs, Rn, Rt, 1, AccType.Atomic); }
export function STXRH_ldstexclr(Rs: u32, Rn: u32, Rt: u32): void { storeExclusive(Rs, Rn, Rt, 2, AccType.Atomic); }
export function STXR_ldstexclr(sf: u32, Rs: u32, Rn: u32, Rt: u32): void { storeExclusive(Rs, Rn, Rt, 4 << sf, AccType.Atomic); }
export function STLXRB_ldstexclr(Rs: u32, Rn: u32, Rt: u32): void { storeExclusive(Rs, Rn, Rt, 1, AccType.OrderedAtomic); }
export function STLXRH_ldstexclr(Rs: u32, Rn: u32, Rt: u32): void { storeExclusive(Rs, Rn, Rt, 2, AccType.OrderedAtomic); }
export function STLXR_ldstexclr(sf: u32, Rs: u32, Rn: u32, Rt: u32): void { storeExclusive(Rs, Rn, Rt, 4 << sf, AccType.OrderedAtomic); }
export function LDXRB_ldstexclr(Rn: u32, Rt: u32): void { loadExclusive(Rn, Rt, 1, AccType.Atomic); }
export function LDXRH_ldstexclr(Rn: u32, Rt: u32): void { loadExclusive(Rn, Rt, 2, AccType.Atomic); }
export function LDXR_ldstexclr(sf: u32, Rn: u32, Rt: u32): void { loadExclusive(Rn, Rt, 4 << sf, AccType.Atomic); }
export function LDAXRB_ldstexclr(Rn: u32, Rt: u32): void { loadExclusive(Rn, Rt, 1, AccType.OrderedAtomic); }
export function LDAXRH_ldstexclr(Rn: u32, Rt: u32): void { loadExclusive(Rn, Rt, 2, AccType.OrderedAtomic); }
export function LDAXR_ldstexclr(sf: u32, Rn: u32, Rt: u32): void { loadExclusive(Rn, Rt, 4 << sf, AccType.OrderedAtomic); }

// ---- Ordered: load-acquire, store-release; the LORegion forms (no LORegions here) and LDAPR behave alike ----

// Single-register acquire/release accesses report their instruction syndrome with AR = 1.
@inline function loadOrdered(n: u32, t: u32, bytes: u32, acctype: u32): void {
  const address = addressBase(n);
  setAccessSyndrome(bytes, false, t, bytes == 8, true);
  const v = readMem(address, bytes, acctype);
  if (!memFault) setX(t, v);
}

@inline function storeOrdered(n: u32, t: u32, bytes: u32, acctype: u32): void {
  const address = addressBase(n);
  setAccessSyndrome(bytes, false, t, bytes == 8, true);
  writeMem(address, bytes, X(t), acctype);
}

export function STLLRB_ldstord(Rn: u32, Rt: u32): void { storeOrdered(Rn, Rt, 1, AccType.LimitedOrdered); }
export function STLLRH_ldstord(Rn: u32, Rt: u32): void { storeOrdered(Rn, Rt, 2, AccType.LimitedOrdered); }
export function STLLR_ldstord(sf: u32, Rn: u32, Rt: u32): void { storeOrdered(Rn, Rt, 4 << sf, AccType.LimitedOrdered); }
export function STLRB_ldstord(Rn: u32, Rt: u32): void { storeOrdered(Rn, Rt, 1, AccType.Ordered); }
export function STLRH_ldstord(Rn: u32, Rt: u32): void { storeOrdered(Rn, Rt, 2, AccType.Ordered); }
export function STLR_ldstord(sf: u32, Rn: u32, Rt: u32): void { storeOrdered(Rn, Rt, 4 << sf, AccType.Ordered); }
export function LDLARB_ldstord(Rn: u32, Rt: u32): void { loadOrdered(Rn, Rt, 1, AccType.LimitedOrdered); }
export function LDLARH_ldstord(Rn: u32, Rt: u32): void { loadOrdered(Rn, Rt, 2, AccType.LimitedOrdered); }
export function LDLAR_ldstord(sf: u32, Rn: u32, Rt: u32): void { loadOrdered(Rn, Rt, 4 << sf, AccType.LimitedOrdered); }
export function LDARB_ldstord(Rn: u32, Rt: u32): void { loadOrdered(Rn, Rt, 1, AccType.Ordered); }
export function LDARH_ldstord(Rn: u32, Rt: u32): void { loadOrdered(Rn, Rt, 2, AccType.Ordered); }
export function LDAR_ldstord(sf: u32, Rn: u32, Rt: u32): void { loadOrdered(Rn, Rt, 4 << sf, AccType.Ordered); }

// LDAPR (FEAT_LRCPC): load-acquire RCpc, ordered like LDAR for alignment.
export function LDAPRB_memop(Rn: u32, Rt: u32): void { loadOrdered(Rn, Rt, 1, AccType.Ordered); }
export function LDAPRH_memop(Rn: u32, Rt: u32): void { loadOrdered(Rn, Rt, 2, AccType.Ordered); }
export function LDAPR_memop(sf: u32, Rn: u32, Rt: u32): void { loadOrdered(Rn, Rt, 4 << sf, AccType.Ordered); }

// ---- Compare and swap ----

/** CAS{A}{L}{B,H}: Rs gets the old memory value (zero-extended) whether or not the swap happened. */
@inline function compareAndSwap(s: u32, n: u32, t: u32, bytes: u32, L: u32, o0: u32): void {
  const address = addressBase(n);
  if (memFault) return;
  const old = memAtomicCompareAndSwap(address, bytes, X(s), X(t) & regMask(bytes), L | o0 ? AccType.OrderedAtomicRW : AccType.AtomicRW);
  if (!memFault) setX(s, old);
}

export function CASB_comswap(L: u32, Rs: u32, o0: u32, Rn: u32, Rt: u32): void { compareAndSwap(Rs, Rn, Rt, 1, L, o0); }
export function CASH_comswap(L: u32, Rs: u32, o0: u32, Rn: u32, Rt: u32): void { compareAndSwap(Rs, Rn, Rt, 2, L, o0); }
export function CAS_comswap(sf: u32, L: u32, Rs: u32, o0: u32, Rn: u32, Rt: u32): void { compareAndSwap(Rs, Rn, Rt, 4 << sf, L, o0); }

/** CASP{A}{L}: <Rs, Rs+1> compared with memory, <Rt, Rt+1> stored; the first register of each pair is the low half. */
export function CASP_comswappr(sf: u32, L: u32, Rs: u32, o0: u32, Rn: u32, Rt: u32): void {
  const address = addressBase(Rn);
  if (memFault) return;
  const acctype = L | o0 ? AccType.OrderedAtomicRW : AccType.AtomicRW;
  if (sf) {
    const lo = memAtomicCompareAndSwap128(address, X(Rs), X(Rs + 1), X(Rt), X(Rt + 1), acctype);
    if (memFault) return;
    const hi = hi128;
    setX(Rs, lo);
    setX(Rs + 1, hi);
  } else {
    const expected = (X(Rs) & 0xffffffff) | (X(Rs + 1) << 32);
    const v = memAtomicCompareAndSwap(address, 8, expected, (X(Rt) & 0xffffffff) | (X(Rt + 1) << 32), acctype);
    if (memFault) return;
    setX(Rs, v & 0xffffffff);
    setX(Rs + 1, v >> 32);
  }
}

// ---- LSE atomic memory operations: Rt gets the old value; ST<op> are these with Rt = XZR ----

@inline function atomicOp(op: u32, s: u32, n: u32, t: u32, bytes: u32, A: u32, R: u32): void {
  const address = addressBase(n);
  if (memFault) return;
  const acctype = (A != 0 && t != 31) || R != 0 ? AccType.OrderedAtomicRW : AccType.AtomicRW;
  const old = memAtomic(address, bytes, op, X(s), acctype);
  if (!memFault) setX(t, old);
}

export function LDADDB_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.ADD, Rs, Rn, Rt, 1, A, R); }
export function LDADDH_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.ADD, Rs, Rn, Rt, 2, A, R); }
export function LDADD_memop(sf: u32, A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.ADD, Rs, Rn, Rt, 4 << sf, A, R); }
export function LDCLRB_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.BIC, Rs, Rn, Rt, 1, A, R); }
export function LDCLRH_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.BIC, Rs, Rn, Rt, 2, A, R); }
export function LDCLR_memop(sf: u32, A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.BIC, Rs, Rn, Rt, 4 << sf, A, R); }
export function LDEORB_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.EOR, Rs, Rn, Rt, 1, A, R); }
export function LDEORH_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.EOR, Rs, Rn, Rt, 2, A, R); }
export function LDEOR_memop(sf: u32, A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.EOR, Rs, Rn, Rt, 4 << sf, A, R); }
export function LDSETB_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.ORR, Rs, Rn, Rt, 1, A, R); }
export function LDSETH_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.ORR, Rs, Rn, Rt, 2, A, R); }
export function LDSET_memop(sf: u32, A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.ORR, Rs, Rn, Rt, 4 << sf, A, R); }
export function LDSMAXB_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.SMAX, Rs, Rn, Rt, 1, A, R); }
export function LDSMAXH_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.SMAX, Rs, Rn, Rt, 2, A, R); }
export function LDSMAX_memop(sf: u32, A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.SMAX, Rs, Rn, Rt, 4 << sf, A, R); }
export function LDSMINB_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.SMIN, Rs, Rn, Rt, 1, A, R); }
export function LDSMINH_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.SMIN, Rs, Rn, Rt, 2, A, R); }
export function LDSMIN_memop(sf: u32, A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.SMIN, Rs, Rn, Rt, 4 << sf, A, R); }
export function LDUMAXB_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.UMAX, Rs, Rn, Rt, 1, A, R); }
export function LDUMAXH_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.UMAX, Rs, Rn, Rt, 2, A, R); }
export function LDUMAX_memop(sf: u32, A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.UMAX, Rs, Rn, Rt, 4 << sf, A, R); }
export function LDUMINB_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.UMIN, Rs, Rn, Rt, 1, A, R); }
export function LDUMINH_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.UMIN, Rs, Rn, Rt, 2, A, R); }
export function LDUMIN_memop(sf: u32, A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.UMIN, Rs, Rn, Rt, 4 << sf, A, R); }
export function SWPB_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.SWP, Rs, Rn, Rt, 1, A, R); }
export function SWPH_memop(A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.SWP, Rs, Rn, Rt, 2, A, R); }
export function SWP_memop(sf: u32, A: u32, R: u32, Rs: u32, Rn: u32, Rt: u32): void { atomicOp(MemAtomicOp.SWP, Rs, Rn, Rt, 4 << sf, A, R); }
