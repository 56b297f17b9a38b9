// Handlers of the exception-generating instructions (ARM ARM C6.2): SVC, HVC, SMC with their routing and
// UNDEFINED cases, BRK, and HLT as the semihosting call. UDF, DCPS1-3 and DRPS have no handler: with halting
// debug off they are UNDEFINED, which the dispatch does for every row without one.
import { HCR_EL2, MDCR_EL2, SCR_EL3 } from '../generated/sysregs';
import { EC, el2Enabled, takeCall, takeSync, undefinedInstruction } from '../exception';
import { Exit, requestExit } from '../debug';
import { currentEL, highestEL } from '../state';
import { sr } from '../sysregs';
import { effectiveHCR, HCR_HCD, HCR_TGE, HCR_TSC, SCR_HCE, SCR_NS, SCR_SMD } from './systemTraps';

const MDCR_TDE: u64 = 1 << 8;
/** The HLT immediate of the Arm semihosting interface in A64. */
const SEMIHOSTING_HLT: u32 = 0xf000;

/** Whether HLT #0xF000 is a semihosting call rather than UNDEFINED; on unless the host turns it off. */
let semihosting: bool = true;
export function setSemihosting(on: bool): void { semihosting = on; }

/**
 * The board's firmware conduit for PSCI, as QEMU's virt machine emulates firmware: 0 none (the guest brings its
 * own EL3), 1 HVC, 2 SMC. A call on the conduit from EL1 or above goes to the host instead of an exception level.
 */
export const CONDUIT_NONE: u32 = 0, CONDUIT_HVC: u32 = 1, CONDUIT_SMC: u32 = 2;
let firmwareConduit: u32 = CONDUIT_NONE;
export function setFirmwareConduit(conduit: u32): void { firmwareConduit = conduit; }

// SVC: AArch64.CallSupervisor(); from EL0 to EL1, or EL2 when HCR_EL2.TGE.
export function SVC_exception(imm16: u32): void {
  const el = currentEL();
  const target = el == 0 ? ((effectiveHCR() & HCR_TGE) != 0 ? 2 : 1) : el;
  takeCall(target, EC.SVC64, imm16);
}

// HVC: UNDEFINED at EL0, without EL2, in Secure EL1, or when disabled (SCR_EL3.HCE, or HCR_EL2.HCD without EL3).
export function HVC_exception(imm16: u32): void {
  const el = currentEL();
  if (el != 0 && firmwareConduit == CONDUIT_HVC) { requestExit(Exit.FirmwareCall); return; }
  const secure = highestEL == 3 && (sr(SCR_EL3) & SCR_NS) == 0;
  if (highestEL < 2 || el == 0 || (el == 1 && secure)) { undefinedInstruction(); return; }
  const enabled = highestEL == 3 ? (sr(SCR_EL3) & SCR_HCE) != 0 : (sr(HCR_EL2) & HCR_HCD) == 0;
  if (!enabled) { undefinedInstruction(); return; }
  // AArch64.CallHypervisor(): to EL3 when executed there, else EL2.
  takeCall(el == 3 ? 3 : 2, EC.HVC64, imm16);
}

// SMC: UNDEFINED at EL0 or without EL3 (and no SMC firmware conduit); HCR_EL2.TSC traps it from EL1 to EL2
// (returning to the SMC itself) before the conduit or SCR_EL3.SMD; otherwise AArch64.CallSecureMonitor().
export function SMC_exception(imm16: u32): void {
  const el = currentEL();
  if (el == 0 || (highestEL < 3 && firmwareConduit != CONDUIT_SMC)) { undefinedInstruction(); return; }
  if (el == 1 && el2Enabled() && (sr(HCR_EL2) & HCR_TSC) != 0) { takeSync(2, EC.SMC64, imm16); return; }
  if (firmwareConduit == CONDUIT_SMC) { requestExit(Exit.FirmwareCall); return; }
  if ((sr(SCR_EL3) & SCR_SMD) != 0) { undefinedInstruction(); return; }
  takeCall(3, EC.SMC64, imm16);
}

// BRK: AArch64.SoftwareBreakpoint(); ESR.ISS holds the comment (imm16), ELR the BRK itself. EL0/EL1 breakpoints
// go to EL2 when HCR_EL2.TGE or MDCR_EL2.TDE.
export function BRK_exception(imm16: u32): void {
  const el = currentEL();
  let target = el == 0 ? 1 : el;
  if (el <= 1 && el2Enabled() && ((sr(HCR_EL2) & HCR_TGE) != 0 || (sr(MDCR_EL2) & MDCR_TDE) != 0)) target = 2;
  takeSync(target, EC.BRK64, imm16);
}

// HLT: the semihosting call when enabled (the host performs it and resumes at the next instruction); otherwise
// UNDEFINED, as halting debug is not enabled.
export function HLT_exception(imm16: u32): void {
  if (semihosting && imm16 == SEMIHOSTING_HLT) requestExit(Exit.Semihosting);
  else undefinedInstruction();
}
