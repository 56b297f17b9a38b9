// Handlers of MRS, MSR (register) and MSR (immediate) (ARM ARM C5.2, C6.2.225-229): the access rules generated
// from the system-register table decide OK / UNDEFINED / trap (EC 0x18); PSTATE views map to state.ts.
import {
  CCSIDR_EL1, CNTPCT_EL0, CNTVCT_EL0, CNTVOFF_EL2, CSSELR_EL1, CurrentEL, DAIF, DCZID_EL0, DIT, FPCR as FPCR_IDX,
  FPSR as FPSR_IDX, HCR_EL2, ID_AA64PFR0_EL1, ISR_EL1, MIDR_EL1, MPIDR_EL1, NZCV as NZCV_IDX, PAN, SP_EL0, SP_EL1,
  SP_EL2, SPSel, SSBS, sysregIndex, UAO, VMPIDR_EL2, VPIDR_EL2,
} from '../generated/sysregs';
import {
  ACCESS_OK, ACCESS_UNDEFINED, ccsidrFor, ID_AA64PFR0_EL2_SHIFT, ID_AA64PFR0_EL3_SHIFT, isGicCpuRegister, sysregAccess, sysregAliasOf,
  sysregE2HRedirect, sysregE2HRedirectEL0, sysregRao, sysregReset,
} from '../generated/sysregAccess';
import { notifySysregWrite } from '../debug';
import { gicSystemRegisters, hostGicRead, hostGicWrite } from '../gicCpuInterface';
import { isTimerRegister, physicalCount, readTimerRegister, writeTimerRegister } from '../timer';
import { systemRegisterWritten } from '../mmu/tlb';
import { EC, el2Enabled, takeSync, undefinedInstruction } from '../exception';
import { fpAccessAllowed } from '../fpAccess';
import {
  currentEL, FPCR, FPSR, highestEL, PSTATE, PSTATE_DAIF, PSTATE_NZCV, PSTATE_PAN, setFPCR, setFPSR,
  setPSTATE, setX, SP_BASE, X,
} from '../state';
import { setSr, sr } from '../sysregs';
import { interruptStatus, updateInterruptLines } from './exceptionInterrupt';
import { effectiveHCR, HCR_E2H, HCR_TDZ, HCR_TIDCP, inHost, SCTLR_DZE, SCTLR_UMA, sctlrEL0Allows } from './systemTraps';

const PSTATE_UAO: u32 = 1 << 23, PSTATE_DIT: u32 = 1 << 24, PSTATE_SSBS: u32 = 1 << 12;
/** FPCR bits the model implements: AHP, DN, FZ, RMode, FZ16 (trap enables are RAZ/WI: no FP exception traps). */
const FPCR_MASK: u32 = 0x07c80000;
/** FPSR bits: NZCV, QC and the cumulative exception flags. */
const FPSR_MASK: u32 = 0xf800009f;

/** Reset of every system register to the CPU model's value (the host calls it again for a machine reset). */
export function resetSystemRegisters(): void {
  sysregReset();
  updateInterruptLines();
}

// The core comes out of instantiation in its reset state.
resetSystemRegisters();

/** ID_AA64PFR0_EL1.GIC, bits 27:24: 1 when the GIC CPU interface system registers are implemented. */
const ID_AA64PFR0_GIC_SHIFT: u64 = 24;

/** ID_AA64PFR0_EL1 as configured: EL2 and EL3 reported only when implemented (highestEL), GIC as the board has it. */
function idAA64PFR0(): u64 {
  let v = sr(ID_AA64PFR0_EL1) & ~(<u64>0xf << ID_AA64PFR0_GIC_SHIFT);
  if (gicSystemRegisters) v |= <u64>1 << ID_AA64PFR0_GIC_SHIFT;
  if (highestEL < 2) v &= ~(<u64>0xf << ID_AA64PFR0_EL2_SHIFT);
  if (highestEL < 3) v &= ~(<u64>0xf << ID_AA64PFR0_EL3_SHIFT);
  return v;
}

/** ISS of a trapped MSR/MRS/SYS (EC 0x18): Op0, Op2, Op1, CRn, Rt, CRm, Direction (1 = read). */
export function sysRegISS(op0: u32, op1: u32, CRn: u32, CRm: u32, op2: u32, Rt: u32, read: bool): u32 {
  return (op0 << 20) | (op2 << 17) | (op1 << 14) | (CRn << 10) | (Rt << 5) | (CRm << 1) | (read ? 1 : 0);
}

// AArch64.SystemAccessTrap()
export function systemAccessTrap(targetEL: u32, iss: u32): void {
  takeSync(targetEL, EC.SysReg, iss);
}

/** The register an access at the current EL reaches: _EL12/_EL02 aliases, and _EL1/_EL0 names under VHE. */
function effectiveRegister(idx: i32): i32 {
  const alias = sysregAliasOf(idx);
  if (alias != idx) return alias;
  const el = currentEL();
  if (el == 2 && (sr(HCR_EL2) & HCR_E2H) != 0) return sysregE2HRedirect(idx);
  if (el == 0 && inHost()) return sysregE2HRedirectEL0(idx);
  return idx;
}

/** The register checkAccess() found the access reaches. */
let accessIndex: i32 = -1;

/** Checks an MRS/MSR of the encoding: false (exception taken) when it is UNDEFINED or trapped. */
function checkAccess(op0: u32, op1: u32, CRn: u32, CRm: u32, op2: u32, Rt: u32, read: bool): bool {
  const key = (op0 << 14) | (op1 << 11) | (CRn << 7) | (CRm << 3) | op2;
  const idx = sysregIndex(key, !read);
  if (idx < 0) {
    // IMPLEMENTATION DEFINED encodings (CRn 11 and 15): none exist here, but HCR_EL2.TIDCP traps EL1 accesses.
    if (op0 == 3 && (CRn == 11 || CRn == 15) && currentEL() == 1 && (effectiveHCR() & HCR_TIDCP) != 0) {
      systemAccessTrap(2, sysRegISS(op0, op1, CRn, CRm, op2, Rt, read));
    } else undefinedInstruction();
    return false;
  }
  if ((idx == FPCR_IDX || idx == FPSR_IDX) && !fpAccessAllowed()) return false;
  const a = sysregAccess(idx, !read);
  if (a == ACCESS_UNDEFINED) { undefinedInstruction(); return false; }
  if (a != ACCESS_OK) { systemAccessTrap(a, sysRegISS(op0, op1, CRn, CRm, op2, Rt, read)); return false; }
  accessIndex = effectiveRegister(idx);
  return true;
}

/** DCZID_EL0: the block size, with DZP set when DC ZVA is not permitted at the current EL. */
function dczid(): u64 {
  const el = currentEL();
  const prohibited = (el == 0 && sctlrEL0Allows(0, SCTLR_DZE) != 0) || (el <= 1 && (effectiveHCR() & HCR_TDZ) != 0);
  return sr(DCZID_EL0) | (prohibited ? 16 : 0);
}


function readRegister(idx: i32): u64 {
  const el = currentEL();
  if (idx == NZCV_IDX) return <u64>(PSTATE & PSTATE_NZCV);
  if (idx == DAIF) return <u64>(PSTATE & PSTATE_DAIF);
  if (idx == CurrentEL) return <u64>(PSTATE & 0xc);
  if (idx == SPSel) return <u64>(PSTATE & 1);
  if (idx == PAN) return <u64>(PSTATE & PSTATE_PAN);
  if (idx == UAO) return <u64>(PSTATE & PSTATE_UAO);
  if (idx == DIT) return <u64>(PSTATE & PSTATE_DIT);
  if (idx == SSBS) return <u64>(PSTATE & PSTATE_SSBS);
  if (idx == FPCR_IDX) return <u64>FPCR;
  if (idx == FPSR_IDX) return <u64>FPSR;
  if (idx == SP_EL0) return load<u64>(SP_BASE);
  if (idx == SP_EL1) return load<u64>(SP_BASE + 8);
  if (idx == SP_EL2) return load<u64>(SP_BASE + 16);
  // EL1 reads the virtual IDs the hypervisor chose.
  if (idx == MIDR_EL1 && el == 1 && el2Enabled()) return sr(VPIDR_EL2);
  if (idx == MPIDR_EL1 && el == 1 && el2Enabled()) return sr(VMPIDR_EL2);
  if (idx == DCZID_EL0) return dczid();
  if (idx == ID_AA64PFR0_EL1) return idAA64PFR0();
  if (idx == CCSIDR_EL1) return ccsidrFor(sr(CSSELR_EL1));
  if (idx == ISR_EL1) return <u64>interruptStatus();
  if (isTimerRegister(idx)) return readTimerRegister(idx);
  if (isGicCpuRegister(idx)) return hostGicRead(idx);
  if (idx == CNTPCT_EL0) return physicalCount();
  // CNTVOFF_EL2 does not apply in the EL2&0 host regime.
  if (idx == CNTVCT_EL0) return (el == 2 && (sr(HCR_EL2) & HCR_E2H) != 0) || (el == 0 && inHost()) ? physicalCount() : physicalCount() - (el2Enabled() ? sr(CNTVOFF_EL2) : 0);
  return sr(idx);
}

function writeRegister(idx: i32, v: u64): void {
  const bits = <u32>v;
  if (idx == NZCV_IDX) setPSTATE((PSTATE & ~PSTATE_NZCV) | (bits & PSTATE_NZCV));
  else if (idx == DAIF) setPSTATE((PSTATE & ~PSTATE_DAIF) | (bits & PSTATE_DAIF));
  else if (idx == SPSel) setPSTATE((PSTATE & ~1) | (bits & 1));
  else if (idx == PAN) setPSTATE((PSTATE & ~PSTATE_PAN) | (bits & PSTATE_PAN));
  else if (idx == UAO) setPSTATE((PSTATE & ~PSTATE_UAO) | (bits & PSTATE_UAO));
  else if (idx == DIT) setPSTATE((PSTATE & ~PSTATE_DIT) | (bits & PSTATE_DIT));
  else if (idx == SSBS) setPSTATE((PSTATE & ~PSTATE_SSBS) | (bits & PSTATE_SSBS));
  else if (idx == FPCR_IDX) setFPCR(bits & FPCR_MASK);
  else if (idx == FPSR_IDX) setFPSR(bits & FPSR_MASK);
  else if (idx == SP_EL0) store<u64>(SP_BASE, v);
  else if (idx == SP_EL1) store<u64>(SP_BASE + 8, v);
  else if (idx == SP_EL2) store<u64>(SP_BASE + 16, v);
  else if (isTimerRegister(idx)) writeTimerRegister(idx, v);
  else if (isGicCpuRegister(idx)) hostGicWrite(idx, v);
  else {
    setSr(idx, v | sysregRao(idx));
    if (idx == HCR_EL2) updateInterruptLines();
    systemRegisterWritten(idx);
  }
}

/**
 * The debugger's MRS and MSR: what they read and do at the current EL (PSTATE views, computed timer values, TLB
 * flushes on translation-register writes), without their access checks and write events.
 */
export function debugReadSysreg(idx: i32): u64 { return readRegister(idx); }
export function debugWriteSysreg(idx: i32, v: u64): void { writeRegister(idx, v); }

// MRS <Xt>, <systemreg>
export function MRS_systemmove(op0: u32, op1: u32, CRn: u32, CRm: u32, op2: u32, Rt: u32): void {
  if (!checkAccess(op0, op1, CRn, CRm, op2, Rt, true)) return;
  if (isGicCpuRegister(accessIndex) && !gicSystemRegisters) { undefinedInstruction(); return; }
  setX(Rt, readRegister(accessIndex));
}

// MSR <systemreg>, <Xt>
export function MSR_systemmove(op0: u32, op1: u32, CRn: u32, CRm: u32, op2: u32, Rt: u32): void {
  if (!checkAccess(op0, op1, CRn, CRm, op2, Rt, false)) return;
  if (isGicCpuRegister(accessIndex) && !gicSystemRegisters) { undefinedInstruction(); return; }
  writeRegister(accessIndex, X(Rt));
  notifySysregWrite(accessIndex);
}

// MSR <pstatefield>, #<imm>: SPSel, DAIFSet/DAIFClr, PAN, UAO, DIT, SSBS (the others name absent features).
export function MSR_pstate(op1: u32, CRm: u32, op2: u32): void {
  const el = currentEL();
  const field = (op1 << 3) | op2;
  const one = (CRm & 1) != 0;
  if (field == 0x05 || field == 0x03 || field == 0x04) { // SPSel, UAO, PAN: not at EL0
    if (el == 0) { undefinedInstruction(); return; }
    const bit: u32 = field == 0x05 ? 1 : field == 0x03 ? PSTATE_UAO : PSTATE_PAN;
    setPSTATE(one ? PSTATE | bit : PSTATE & ~bit);
  } else if (field == 0x1e || field == 0x1f) { // DAIFSet, DAIFClr: EL0 only with SCTLR_EL1.UMA
    const t = sctlrEL0Allows(el, SCTLR_UMA);
    if (t != 0) { systemAccessTrap(t, sysRegISS(0, op1, 4, CRm, op2, 31, false)); return; }
    const bits = (CRm & 0xf) << 6;
    setPSTATE(field == 0x1e ? PSTATE | bits : PSTATE & ~bits);
  } else if (field == 0x1a) setPSTATE(one ? PSTATE | PSTATE_DIT : PSTATE & ~PSTATE_DIT);
  else if (field == 0x19) setPSTATE(one ? PSTATE | PSTATE_SSBS : PSTATE & ~PSTATE_SSBS);
  else undefinedInstruction();
}
