// Virtual-memory access layer for data: every load and store goes through here (ARM ARM Mem[], MemAtomic(),
// CheckAlignment(), CheckSPAlignment(), the exclusive monitors). translateData() is the one place the MMU plugs in.
import { HCR_EL2, SCR_EL3, SCTLR_EL1, SCTLR_EL2, SCTLR_EL3 } from './generated/sysregs';
import { EC, el2Enabled, syncTargetEL, takeException, takeSync, VECTOR_SYNC } from './exception';
import { busError, clearBusError, readPhys, writePhys } from './memory';
import { currentEL, highestEL, PC, SP, X } from './state';
import { sr } from './sysregs';

/** AccType: what kind of access (ARM ARM AccType), which decides alignment checking and, with the MMU, permissions. */
export const enum AccType {
  Normal = 0, Vec = 1, Stream = 2, VecStream = 3, Unpriv = 4,
  /** DC ZVA's writes: an Alignment fault on Device memory whatever the address. */
  DCZVA = 5,
  // Atomic and ordered accesses always require natural alignment (CheckAlignment()).
  Atomic = 8, AtomicRW = 9, Ordered = 10, OrderedRW = 11, LimitedOrdered = 12, OrderedAtomic = 13, OrderedAtomicRW = 14,
}

/** The MemAtomic() operations of the LSE instructions. */
export const enum MemAtomicOp { ADD = 0, BIC = 1, EOR = 2, ORR = 3, SMAX = 4, SMIN = 5, UMAX = 6, UMIN = 7, SWP = 8 }

const ESR_IL: u64 = 1 << 25;
const ISS_WNR: u32 = 1 << 6;
const DFSC_ALIGNMENT: u32 = 0b100001;
const DFSC_SYNC_EXTERNAL: u32 = 0b010000;
/** Address size fault at level 0: with stage 1 off, a VA above PAMax. */
const DFSC_ADDRESS_SIZE_L0: u32 = 0b000000;
const HCR_E2H: u64 = 1 << 34, HCR_TGE: u64 = 1 << 27, HCR_DC: u64 = 1 << 12;
const SCR_EA: u64 = 1 << 3;
const SCTLR_M: u64 = 1, SCTLR_A: u64 = 1 << 1, SCTLR_SA: u64 = 1 << 3, SCTLR_SA0: u64 = 1 << 4;
/** PAMax(): ID_AA64MMFR0_EL1.PARange of the CPU model (src/arch/sysregs/model.ts) is 0b0010, 40 bits. */
const PA_MAX: u64 = 40;

/**
 * Set when the current load/store took an exception (alignment, SP alignment, abort). Handlers test it before
 * writing any register: a faulting instruction changes no register and does no base writeback. Cleared by
 * addressBase()/literalBase(), which every load/store calls first; once set, further accesses do nothing.
 */
export let memFault: bool = false;

/**
 * Test-only: data accesses with stage 1 off behave as Normal memory instead of Device-nGnRnE, so that unaligned
 * accesses do not fault (what qemu-aarch64 user mode, which runs with the MMU on, does).
 */
let dataAccessesNormal: bool = false;
export function setDataAccessesNormal(on: bool): void { dataAccessesNormal = on; }

/** The SCTLR_ELx of the current translation regime (SCTLR[]). */
function sctlr(): u64 {
  const el = currentEL();
  if (el == 3) return sr(SCTLR_EL3);
  if (el == 2) return sr(SCTLR_EL2);
  if (el == 0 && el2Enabled() && (sr(HCR_EL2) & (HCR_E2H | HCR_TGE)) == (HCR_E2H | HCR_TGE)) return sr(SCTLR_EL2);
  return sr(SCTLR_EL1);
}

/** Whether the current regime is EL1&0 (where HCR_EL2.DC applies). */
@inline function regimeIsEL10(): bool {
  const el = currentEL();
  return el == 1 || (el == 0 && !(el2Enabled() && (sr(HCR_EL2) & (HCR_E2H | HCR_TGE)) == (HCR_E2H | HCR_TGE)));
}

/** Data Abort to the EL synchronous exceptions go to, FAR = va (AArch64.Abort() → AArch64.DataAbort()). */
function dataAbort(va: u64, dfsc: u32, write: bool, external: bool): void {
  let target = syncTargetEL();
  // SCR_EL3.EA routes synchronous external aborts to EL3.
  if (external && highestEL == 3 && (sr(SCR_EL3) & SCR_EA) != 0) target = 3;
  const ec: u32 = target > currentEL() ? EC.DataAbortLowerEl : EC.DataAbortSameEl;
  // ISV = 0: the instruction syndrome is only reported for stage-2 aborts (AArch64.FaultSyndrome()).
  const iss = dfsc | (write ? ISS_WNR : 0);
  takeException(target, VECTOR_SYNC, (<u64>ec << 26) | ESR_IL | <u64>iss, va, true, PC);
  memFault = true;
}

// AArch64.AlignmentFault()
function alignmentFault(va: u64, write: bool): void { dataAbort(va, DFSC_ALIGNMENT, write, false); }

// AArch64.SPAlignmentFault(): EC 0x26, no FAR.
function spAlignmentFault(): void {
  takeSync(syncTargetEL(), EC.SPAlignment, 0);
  memFault = true;
}

// CheckSPAlignment()
export function checkSPAlignment(): void {
  const check = currentEL() == 0 ? (sctlr() & SCTLR_SA0) != 0 : (sctlr() & SCTLR_SA) != 0;
  if (check && (SP() & 15) != 0) spAlignmentFault();
}

/** Starts a load/store: clears memFault and returns Xn, or SP after CheckSPAlignment() when n is 31. */
export function addressBase(n: u32): u64 {
  memFault = false;
  if (n == 31) {
    checkSPAlignment();
    return SP();
  }
  return X(n);
}

/** Starts a load/store without an SP base (literal loads, prefetches): clears memFault. */
export function literalBase(): void { memFault = false; }

/**
 * Stage-1 (and stage-2) translation of a data access: returns the PA, or takes the fault and sets memFault.
 * With the MMU off the address is flat and data is Device-nGnRnE (Normal with HCR_EL2.DC in EL1&0), so an
 * access not aligned to its size, or by DC ZVA, is an Alignment fault (AArch64.TranslateAddressS1Off()).
 */
export function translateData(va: u64, size: u32, write: bool, acctype: u32): u64 {
  const s = sctlr();
  if ((s & SCTLR_M) == 0) {
    if ((va >> PA_MAX) != 0) { dataAbort(va, DFSC_ADDRESS_SIZE_L0, write, false); return 0; }
    if (((va & (<u64>size - 1)) != 0 || acctype == <u32>AccType.DCZVA) && !dataAccessesNormal
      && !(regimeIsEL10() && el2Enabled() && (sr(HCR_EL2) & HCR_DC) != 0)) {
      alignmentFault(va, write);
      return 0;
    }
    return va;
  }
  // FIXME(out-of-spec): stage-1/stage-2 translation is issue #4; until then an enabled MMU maps flat as Normal memory.
  return va;
}

// AArch64.CheckAlignment(): atomic and ordered accesses, or any access with SCTLR_ELx.A, must be naturally aligned.
@inline function checkAlignment(va: u64, alignment: u32, acctype: u32, write: bool): bool {
  if ((va & (<u64>alignment - 1)) == 0) return true;
  if (acctype >= <u32>AccType.Atomic || (sctlr() & SCTLR_A) != 0) { alignmentFault(va, write); return false; }
  return true;
}

/** Translates an access of `size` bytes; one not crossing a 4 KB page needs one translation. */
function accessPA(va: u64, size: u32, write: bool, acctype: u32): u64 {
  if (!checkAlignment(va, size, acctype, write)) return 0;
  return translateData(va, size, write, acctype);
}

@inline function crossesPage(va: u64, size: u32): bool { return ((va & 0xfff) + <u64>size) > 0x1000; }

function externalAbort(va: u64, write: bool): void {
  clearBusError();
  dataAbort(va, DFSC_SYNC_EXTERNAL, write, true);
}

/** Reads `size` (1, 2, 4, 8) bytes at va, little-endian (Mem[] read). 0 and memFault on a fault. */
export function readMem(va: u64, size: u32, acctype: u32): u64 {
  if (memFault) return 0;
  const pa = accessPA(va, size, false, acctype);
  if (memFault) return 0;
  let v: u64;
  if (crossesPage(va, size)) {
    // An unaligned access crossing a page: the bytes on the next page are translated on their own.
    v = 0;
    for (let i: u32 = 0; i < size; i++) {
      const b = va + i;
      const bpa = (b >> 12) == (va >> 12) ? pa + i : translateData(b, 1, false, acctype);
      if (memFault) return 0;
      v |= readPhys(bpa, 1) << (<u64>i << 3);
    }
  } else {
    v = readPhys(pa, size);
  }
  if (busError) { externalAbort(va, false); return 0; }
  return v;
}

/** Writes `size` (1, 2, 4, 8) bytes at va (Mem[] write); sets memFault on a fault. */
export function writeMem(va: u64, size: u32, value: u64, acctype: u32): void {
  if (memFault) return;
  const pa = accessPA(va, size, true, acctype);
  if (memFault) return;
  if (crossesPage(va, size)) {
    // Translate both pages before writing anything, so that a fault on the second leaves memory unchanged.
    const next = (va | 0xfff) + 1;
    const pa2 = translateData(next, 1, true, acctype);
    if (memFault) return;
    for (let i: u32 = 0; i < size; i++) {
      const b = va + i;
      writePhys(b < next ? pa + i : pa2 + (b - next), 1, value >> (<u64>i << 3));
    }
  } else {
    writePhys(pa, size, value);
  }
  if (busError) externalAbort(va, true);
}

/** The high 64 bits of the last readMem128(). */
export let hi128: u64 = 0;

/**
 * 16-byte accesses (Q registers, LDXP/STXP/CASP of X registers): alignment checked on the whole size, then
 * two 8-byte accesses (Mem[] treats a 128-bit SIMD&FP access as a pair of 64-bit single-copy atomic accesses).
 */
export function readMem128(va: u64, acctype: u32): u64 {
  if (memFault) return 0;
  if (!checkAlignment(va, 16, acctype, false)) return 0;
  const pa = translateData(va, 16, false, acctype);
  if (memFault) return 0;
  if ((va & 15) != 0) {
    const lo = readMem(va, 8, acctype);
    const hi = readMem(va + 8, 8, acctype);
    hi128 = hi;
    return lo;
  }
  const lo = readPhys(pa, 8);
  const hi = readPhys(pa + 8, 8);
  if (busError) { externalAbort(va, false); return 0; }
  hi128 = hi;
  return lo;
}

export function writeMem128(va: u64, lo: u64, hi: u64, acctype: u32): void {
  if (memFault) return;
  if (!checkAlignment(va, 16, acctype, true)) return;
  const pa = translateData(va, 16, true, acctype);
  if (memFault) return;
  if ((va & 15) != 0) {
    // Check both halves before storing either: a fault must leave memory as it was.
    if (crossesPage(va, 16)) {
      translateData((va | 0xfff) + 1, 1, true, acctype);
      if (memFault) return;
    }
    writeMem(va, 8, lo, acctype);
    writeMem(va + 8, 8, hi, acctype);
    return;
  }
  writePhys(pa, 8, lo);
  writePhys(pa + 8, 8, hi);
  if (busError) externalAbort(va, true);
}

// ---- LSE atomics (MemAtomic(), MemAtomicCompareAndSwap()) ----

@inline function sext(v: u64, size: u32): i64 { const sh = 64 - (size << 3); return (<i64>(v << sh)) >> sh; }

/** The value `op` stores given the old memory value and the register operand (both `size` bytes, zero-extended). */
function atomicResult(op: u32, old: u64, operand: u64, size: u32): u64 {
  switch (op) {
    case MemAtomicOp.ADD: return old + operand;
    case MemAtomicOp.BIC: return old & ~operand;
    case MemAtomicOp.EOR: return old ^ operand;
    case MemAtomicOp.ORR: return old | operand;
    case MemAtomicOp.SMAX: return sext(old, size) > sext(operand, size) ? old : operand;
    case MemAtomicOp.SMIN: return sext(old, size) < sext(operand, size) ? old : operand;
    case MemAtomicOp.UMAX: return old > operand ? old : operand;
    case MemAtomicOp.UMIN: return old < operand ? old : operand;
    default: return operand;
  }
}

@inline function sizeMask(size: u32): u64 { return size == 8 ? <u64>-1 : (<u64>1 << (<u64>size << 3)) - 1; }

/** MemAtomic(): atomic read-modify-write of `size` bytes; returns the old value (0 and memFault on a fault). */
export function memAtomic(va: u64, size: u32, op: u32, operand: u64, acctype: u32): u64 {
  if (memFault) return 0;
  // Read-modify-write accesses report faults as writes (WnR = 1), as QEMU does.
  const pa = accessPA(va, size, true, acctype);
  if (memFault) return 0;
  const old = readPhys(pa, size);
  if (busError) { externalAbort(va, true); return 0; }
  writePhys(pa, size, atomicResult(op, old, operand & sizeMask(size), size));
  if (busError) { externalAbort(va, true); return 0; }
  return old;
}

/** MemAtomicCompareAndSwap() of up to 8 bytes: stores `newValue` when memory equals `expected`; returns the old value. */
export function memAtomicCompareAndSwap(va: u64, size: u32, expected: u64, newValue: u64, acctype: u32): u64 {
  if (memFault) return 0;
  const pa = accessPA(va, size, true, acctype);
  if (memFault) return 0;
  const old = readPhys(pa, size);
  if (busError) { externalAbort(va, true); return 0; }
  if (old == (expected & sizeMask(size))) writePhys(pa, size, newValue);
  if (busError) { externalAbort(va, true); return 0; }
  return old;
}

/** The 16-byte compare-and-swap of CASP with X registers; the old high half is left in hi128. */
export function memAtomicCompareAndSwap128(va: u64, expLo: u64, expHi: u64, newLo: u64, newHi: u64, acctype: u32): u64 {
  if (memFault) return 0;
  const pa = accessPA(va, 16, true, acctype);
  if (memFault) return 0;
  const lo = readPhys(pa, 8);
  const hi = readPhys(pa + 8, 8);
  if (busError) { externalAbort(va, true); return 0; }
  if (lo == expLo && hi == expHi) {
    writePhys(pa, 8, newLo);
    writePhys(pa + 8, 8, newHi);
    if (busError) { externalAbort(va, true); return 0; }
  }
  hi128 = hi;
  return lo;
}

// ---- Exclusive monitors ----
// One local monitor: Open, or Exclusive with a tag (address and size). IMPLEMENTATION DEFINED choices follow
// QEMU: ordinary stores of this PE do not clear the monitor; a store-exclusive passes only if its address and
// size match the tag AND memory still holds the value the load-exclusive read (QEMU's compare-and-swap, which
// also stands in for the global monitor seeing a write by another observer); every store-exclusive clears it.

let exclusiveOpen: bool = true;
let exclusiveAddr: u64 = 0;
let exclusiveSize: u32 = 0;
let exclusiveLo: u64 = 0;
let exclusiveHi: u64 = 0;

// ClearExclusiveLocal(): CLREX, and whatever else the architecture says clears the monitor.
export function clearExclusiveLocal(): void { exclusiveOpen = true; }

/** Whether the local monitor is in the Exclusive Access state (for tests and the debugger). */
export function exclusiveMonitorTagged(): bool { return !exclusiveOpen; }

/**
 * AArch64.SetExclusiveMonitors() after a load-exclusive of `size` bytes at va that read lo (and hi for 16 bytes).
 * Called only when the load did not fault.
 */
export function setExclusiveMonitors(va: u64, size: u32, lo: u64, hi: u64): void {
  exclusiveOpen = false;
  exclusiveAddr = va;
  exclusiveSize = size;
  exclusiveLo = lo;
  exclusiveHi = hi;
}

/**
 * AArch64.ExclusiveMonitorsPass(): alignment checked first (fault), then the tag, then translation (fault);
 * clears the monitor. The caller stores only on true and must test memFault.
 */
export function exclusiveMonitorsPass(va: u64, size: u32, acctype: u32): bool {
  if (memFault) return false;
  if ((va & (<u64>size - 1)) != 0) { alignmentFault(va, true); return false; }
  const tagged = !exclusiveOpen && exclusiveAddr == va && exclusiveSize == size;
  exclusiveOpen = true;
  if (!tagged) return false;
  const pa = translateData(va, size, true, acctype);
  if (memFault) return false;
  let same: bool;
  if (size == 16) same = readPhys(pa, 8) == exclusiveLo && readPhys(pa + 8, 8) == exclusiveHi;
  else same = readPhys(pa, size) == exclusiveLo;
  if (busError) { externalAbort(va, true); return false; }
  return same;
}
