// Exception entry and return: AArch64.TakeException() and the syndromes the core raises. Routing of
// synchronous exceptions (HCR_EL2.TGE) lives here too; interrupts are routed by the machine.
import { HCR_EL2, SCTLR_EL1, SCTLR_EL2, SCTLR_EL3, SCR_EL3 } from './generated/sysregs';
import { currentEL, highestEL, nextPC, PC, PSTATE, PSTATE_DAIF, PSTATE_PAN, setNextPC, setPSTATE } from './state';
import { ELR, ESR, FAR, setSr, SPSR, sr, VBAR } from './sysregs';
import { notifyExceptionTaken } from './debug';
import { bumpTranslationEpoch } from './mmu/tlb';

/** ESR_ELx.EC values (ARM ARM D17.2.37). */
export const enum EC {
  Unknown = 0x00, WFx = 0x01, FPAccess = 0x07, IllegalState = 0x0e,
  SVC64 = 0x15, HVC64 = 0x16, SMC64 = 0x17, SysReg = 0x18,
  InstrAbortLowerEl = 0x20, InstrAbortSameEl = 0x21, PCAlignment = 0x22,
  DataAbortLowerEl = 0x24, DataAbortSameEl = 0x25, SPAlignment = 0x26, FPException64 = 0x2c, SError = 0x2f,
  BreakpointLowerEl = 0x30, BreakpointSameEl = 0x31, SoftwareStepLowerEl = 0x32, SoftwareStepSameEl = 0x33,
  WatchpointLowerEl = 0x34, WatchpointSameEl = 0x35, BRK64 = 0x3c,
}

export const VECTOR_SYNC: u32 = 0x000, VECTOR_IRQ: u32 = 0x080, VECTOR_FIQ: u32 = 0x100, VECTOR_SERROR: u32 = 0x180;

const HCR_TGE: u64 = 1 << 27;
const SCR_NS: u64 = 1;
const SCTLR_SPAN: u64 = 1 << 23;
const SCTLR_DSSBS: u64 = <u64>1 << 44;
const PSTATE_SSBS: u32 = 1 << 12;
const ESR_IL: u64 = 1 << 25;

/** Host-visible record of the last exception taken, for the debugger's exception events. */
export let lastExceptionFromEL: u32 = 0;
export let lastExceptionToEL: u32 = 0;
export let lastExceptionVector: u64 = 0;
export let exceptionTaken: bool = false;

// EL2Enabled(): EL2 is implemented and, where EL3 is, the lower ELs are Non-secure (no Secure EL2 here).
@inline export function el2Enabled(): bool {
  return highestEL >= 2 && (highestEL < 3 || (sr(SCR_EL3) & SCR_NS) != 0);
}

/** The EL a synchronous exception from the current EL goes to when nothing else routes it (EL0 → EL1 or EL2). */
export function syncTargetEL(): u32 {
  const el = currentEL();
  if (el != 0) return el;
  return el2Enabled() && (sr(HCR_EL2) & HCR_TGE) != 0 ? 2 : 1;
}

// AArch64.TakeException()
export function takeException(targetEL: u32, vectorType: u32, esr: u64, far: u64, farValid: bool, preferredReturn: u64): void {
  const fromEL = currentEL();
  let offset: u64 = vectorType;
  if (targetEL > fromEL) offset += 0x400;
  else if (PSTATE & 1) offset += 0x200;
  setSr(SPSR(targetEL), <u64>PSTATE);
  setSr(ELR(targetEL), preferredReturn);
  if (vectorType == VECTOR_SYNC || vectorType == VECTOR_SERROR) setSr(ESR(targetEL), esr);
  if (farValid) setSr(FAR(targetEL), far);
  let ps = (PSTATE & ~(0xf | PSTATE_DAIF | (1 << 20) | (1 << 21) | (1 << 23) | (3 << 10))) | (targetEL << 2) | 1 | PSTATE_DAIF;
  // PAN is set on entry to EL1 (or EL2 in the EL2&0 regime) when SCTLR_ELx.SPAN is 0.
  if (targetEL == 1 && (sr(SCTLR_EL1) & SCTLR_SPAN) == 0) ps |= PSTATE_PAN;
  if (targetEL == 2 && (sr(HCR_EL2) & ((1 << 34) | HCR_TGE)) == ((1 << 34) | HCR_TGE) && (sr(SCTLR_EL2) & SCTLR_SPAN) == 0) ps |= PSTATE_PAN;
  // PSTATE.SSBS takes SCTLR_ELx.DSSBS of the target EL.
  const sctlr = sr(targetEL == 1 ? SCTLR_EL1 : targetEL == 2 ? SCTLR_EL2 : SCTLR_EL3);
  ps = (sctlr & SCTLR_DSSBS) != 0 ? ps | PSTATE_SSBS : ps & ~PSTATE_SSBS;
  setPSTATE(ps);
  const vector = sr(VBAR(targetEL)) + offset;
  setNextPC(vector);
  // The EL (and so the translation regime) changes: cached fetch translations must be looked up again.
  bumpTranslationEpoch();
  lastExceptionFromEL = fromEL;
  lastExceptionToEL = targetEL;
  lastExceptionVector = vector;
  exceptionTaken = true;
  notifyExceptionTaken(targetEL);
}

/** A synchronous exception for the instruction at PC, with the syndrome EC:IL:ISS. */
export function takeSync(targetEL: u32, ec: u32, iss: u32): void {
  takeException(targetEL, VECTOR_SYNC, (<u64>ec << 26) | ESR_IL | <u64>(iss & 0x1ffffff), 0, false, PC);
}

// AArch64.PCAlignmentFault(): FAR holds the misaligned PC, which is also the preferred return address.
export function pcAlignmentFault(): void {
  takeException(syncTargetEL(), VECTOR_SYNC, (<u64>EC.PCAlignment << 26) | ESR_IL, PC, true, PC);
}

/** Raised for an UNALLOCATED encoding or an instruction that is UNDEFINED in the current state. */
export function undefinedInstruction(): void {
  takeSync(syncTargetEL(), EC.Unknown, 0);
}

/** Exception-generating instructions return to the next instruction (SVC, HVC, SMC). */
export function takeCall(targetEL: u32, ec: u32, imm16: u32): void {
  takeException(targetEL, VECTOR_SYNC, (<u64>ec << 26) | ESR_IL | imm16, 0, false, nextPC);
}
