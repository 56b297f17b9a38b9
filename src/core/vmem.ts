// Virtual-memory access layer: every load and store goes through here (ARM ARM Mem[], MemAtomic(),
// CheckAlignment(), CheckSPAlignment(), the exclusive monitors); translateData() and translateFetch() are where
// the MMU (mmu/walk.ts behind the TLB of mmu/tlb.ts) plugs in, and the aborts they raise (AArch64.Abort()).
import { HCR_EL2, HPFAR_EL2, SCR_EL3, SCTLR_EL1, SCTLR_EL2, SCTLR_EL3 } from './generated/sysregs';
import { EC, el2Enabled, syncTargetEL, takeException, takeSync, VECTOR_SYNC } from './exception';
import { checkWatchpoints, watchCount } from './debug';
import { busError, clearBusError, isRam, readPhys, writePhys } from './memory';
import { currentEL, highestEL, PC, PSTATE, PSTATE_PAN, SP, X } from './state';
import { setSr, sr } from './sysregs';
import {
  ACC_FETCH, ACC_PAN, ACC_READ, ACC_UNPRIV, ACC_WRITE, FAULT_ACCESS_FLAG, FAULT_ADDRESS_SIZE, FAULT_EXTERNAL_WALK,
  FAULT_PERMISSION, faultIpa, faultLevel, faultS1ptw, faultStage, outPA, REGIME_EL10, REGIME_EL20, translate, walkFault,
} from './mmu/walk';
import {
  checkContext, ctxFlat, ctxRegime, hitFlags, hitPA, insert, lookup, stripTag, TLB_DEVICE, TLB_PAN, TLB_R0, TLB_R1,
  TLB_W0, TLB_W1, TLB_X0, TLB_X1, walkIsDevice,
} from './mmu/tlb';

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
const ISS_WNR: u32 = 1 << 6, ISS_S1PTW: u32 = 1 << 7, ISS_CM: u32 = 1 << 8;
const ISS_ISV: u32 = 1 << 24, ISS_SSE: u32 = 1 << 21, ISS_SF: u32 = 1 << 15, ISS_AR: u32 = 1 << 14;
const PSTATE_UAO: u32 = 1 << 23;
const DFSC_ALIGNMENT: u32 = 0b100001;
const DFSC_SYNC_EXTERNAL: u32 = 0b010000;
/** Address size fault at level 0: with stage 1 off, a VA above PAMax. */
const DFSC_ADDRESS_SIZE_L0: u32 = 0b000000;
const HCR_E2H: u64 = 1 << 34, HCR_TGE: u64 = 1 << 27, HCR_DC: u64 = 1 << 12;
const SCR_EA: u64 = 1 << 3;
const SCTLR_A: u64 = 1 << 1, SCTLR_SA: u64 = 1 << 3, SCTLR_SA0: u64 = 1 << 4;
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

/**
 * What the executing load/store is, for the instruction syndrome of a stage-2 Data Abort (LSInstructionSyndrome()):
 * ISV, SAS, SSE, SRT, SF, AR in their ISS positions, or 0 (ISV = 0: pairs, writeback, SIMD&FP, exclusives, atomics).
 * Cleared by addressBase()/literalBase(); set by the single-register handlers after them (setAccessSyndrome()).
 */
export let accessSyndrome: u32 = 0;

/** Records a single general-purpose register access of `bytes` to Rt: sign-extending, 64-bit register, acquire/release. */
@inline export function setAccessSyndrome(bytes: u32, signed: bool, t: u32, sf: bool, ar: bool): void {
  accessSyndrome = ISS_ISV | (ctz<u32>(bytes) << 22) | (signed ? ISS_SSE : 0) | (t << 16) | (sf ? ISS_SF : 0) | (ar ? ISS_AR : 0);
}

/**
 * AArch64.Abort() for a data access (or an instruction fetch, `fetch`) at va: routes (stage-2 faults to EL2 with
 * HPFAR_EL2; stage 1 to EL1, or EL2 for TGE; external aborts to EL3 with SCR_EL3.EA) and builds the syndrome
 * (AArch64.DataAbort()/InstructionAbort(), AArch64.FaultSyndrome()). `stage2`, `s1ptw`, `ipa` describe the fault.
 */
function abort(va: u64, fsc: u32, write: bool, fetch: bool, external: bool, stage2: bool, s1ptw: bool, ipa: u64, cm: bool): void {
  let target = syncTargetEL();
  if (stage2 && currentEL() < 2) target = 2;
  if (external && highestEL == 3 && (sr(SCR_EL3) & SCR_EA) != 0) target = 3;
  const lower = target > currentEL();
  let ec: u32, iss = fsc;
  if (fetch) {
    ec = lower ? EC.InstrAbortLowerEl : EC.InstrAbortSameEl;
  } else {
    ec = lower ? EC.DataAbortLowerEl : EC.DataAbortSameEl;
    // WnR: 1 for writes, and always for cache maintenance and AT.
    if (write || cm) iss |= ISS_WNR;
    if (cm) iss |= ISS_CM;
    // The instruction syndrome is only reported for stage-2 aborts not on a stage-1 walk.
    if (stage2 && !s1ptw && target == 2) iss |= accessSyndrome;
  }
  if (s1ptw) iss |= ISS_S1PTW;
  // A stage-2 fault taken to EL2 reports the faulting IPA in HPFAR_EL2: FIPA[47:12] at bits 39:4.
  if (stage2 && target == 2) setSr(HPFAR_EL2, ((ipa & 0xfffffffff000) >> 12) << 4);
  takeException(target, VECTOR_SYNC, (<u64>ec << 26) | ESR_IL | <u64>iss, va, true, PC);
  if (!fetch) memFault = true;
}

/** Data Abort to the EL synchronous exceptions go to, FAR = va (faults outside translation: alignment, bus). */
function dataAbort(va: u64, dfsc: u32, write: bool, external: bool): void {
  abort(va, dfsc, write, false, external, false, false, 0, false);
}

/** The DFSC/IFSC of the walker's fault (walk.ts): type and level (ARM ARM EncodeLDFSC()). */
export function walkFaultStatus(): u32 {
  const level = <u32>faultLevel & 3;
  if (walkFault == FAULT_ADDRESS_SIZE) return level;
  if (walkFault == FAULT_ACCESS_FLAG) return 0b001000 | level;
  if (walkFault == FAULT_PERMISSION) return 0b001100 | level;
  if (walkFault == FAULT_EXTERNAL_WALK) return 0b010100 | level;
  return 0b000100 | level;
}

/** Takes the abort for the walker's last fault on an access at va (`cm`: a cache maintenance or AT instruction). */
export function translationAbort(va: u64, write: bool, fetch: bool, cm: bool): void {
  abort(va, walkFaultStatus(), write, fetch, walkFault == FAULT_EXTERNAL_WALK, faultStage == 2, faultS1ptw, faultIpa, cm);
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
  accessSyndrome = 0;
  if (n == 31) {
    checkSPAlignment();
    return SP();
  }
  return X(n);
}

/** Starts a load/store without an SP base (literal loads, prefetches): clears memFault. */
export function literalBase(): void { memFault = false; accessSyndrome = 0; }

/**
 * Stage-1 (and stage-2) translation of a data access: returns the PA, or takes the fault and sets memFault.
 * With the MMU off the address is flat and data is Device-nGnRnE (Normal with HCR_EL2.DC in EL1&0), so an
 * access not aligned to its size, or by DC ZVA, is an Alignment fault (AArch64.TranslateAddressS1Off()).
 */
export function translateData(va: u64, size: u32, write: bool, acctype: u32): u64 {
  const pa = translateDataAccess(va, size, write, acctype);
  if (watchCount != 0 && !memFault) checkWatchpoints(pa, size, write);
  return pa;
}

function translateDataAccess(va: u64, size: u32, write: bool, acctype: u32): u64 {
  checkContext();
  if (ctxFlat) {
    if ((va >> PA_MAX) != 0) { dataAbort(va, DFSC_ADDRESS_SIZE_L0, write, false); return 0; }
    if (((va & (<u64>size - 1)) != 0 || acctype == <u32>AccType.DCZVA) && !dataAccessesNormal
      && !(regimeIsEL10() && el2Enabled() && (sr(HCR_EL2) & HCR_DC) != 0)) {
      alignmentFault(va, write);
      return 0;
    }
    return va;
  }
  va = stripTag(va);
  const unpriv = unprivileged(acctype);
  const pan = !unpriv && (PSTATE & PSTATE_PAN) != 0 && (ctxRegime == REGIME_EL10 || ctxRegime == REGIME_EL20);
  const need: u32 = write ? (unpriv ? TLB_W0 : TLB_W1) : (unpriv ? TLB_R0 : TLB_R1);
  let pa: u64, device: bool;
  if (lookup(va) && (hitFlags & need) != 0 && !(pan && (hitFlags & TLB_PAN) != 0)) {
    pa = hitPA | (va & 0xfff);
    device = (hitFlags & TLB_DEVICE) != 0;
  } else {
    const acc = (write ? ACC_WRITE : ACC_READ) | (unpriv ? ACC_UNPRIV : 0) | (pan ? ACC_PAN : 0);
    if (!translate(va, ctxRegime, acc)) { translationAbort(va, write, false, false); return 0; }
    insert(va);
    pa = outPA;
    device = walkIsDevice();
  }
  // Device memory: any unaligned access, and DC ZVA, is an Alignment fault.
  if (device && ((va & (<u64>size - 1)) != 0 || acctype == <u32>AccType.DCZVA)) { alignmentFault(va, write); return 0; }
  return pa;
}

/**
 * Whether a data access is made with EL0 permissions: at EL0, and LDTR/STTR at EL1 (EL2 in the EL2&0 host
 * regime) unless PSTATE.UAO.
 */
@inline function unprivileged(acctype: u32): bool {
  const el = currentEL();
  if (el == 0) return true;
  if (acctype != <u32>AccType.Unpriv || (PSTATE & PSTATE_UAO) != 0) return false;
  return el == 1 || (el == 2 && ctxRegime == REGIME_EL20 && (sr(HCR_EL2) & HCR_TGE) != 0);
}

/** translateFetch() result when the fetch took an Instruction Abort (nextPC is the vector). */
export const FETCH_FAULTED: u64 = u64.MAX_VALUE;

/**
 * Translates the instruction fetch at va: the PA, or FETCH_FAULTED after taking the Instruction Abort. With the
 * MMU off the PA is va (the loop reports a fetch outside RAM); with it on, a PA outside RAM is a synchronous
 * external abort on the fetch (IFSC 0b010000).
 */
export function translateFetch(va: u64): u64 {
  checkContext();
  if (ctxFlat) return va;
  const unpriv = currentEL() == 0;
  let pa: u64;
  if (lookup(va) && (hitFlags & (unpriv ? TLB_X0 : TLB_X1)) != 0) {
    pa = hitPA | (va & 0xfff);
  } else {
    if (!translate(va, ctxRegime, ACC_FETCH | (unpriv ? ACC_UNPRIV : 0))) { translationAbort(va, false, true, false); return FETCH_FAULTED; }
    insert(va);
    pa = outPA;
  }
  if (!isRam(pa)) {
    abort(va, DFSC_SYNC_EXTERNAL, false, true, true, false, false, 0, false);
    return FETCH_FAULTED;
  }
  return pa;
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
