// Handlers of the hint space (NOP, YIELD, WFE, WFI, SEV, SEVL, ESB, PSB, TSB, CSDB, and the PAuth/BTI hints,
// NOPs because the CPU model has neither) and the barriers (DSB, DMB, ISB, SSBB, PSSBB, CLREX).
import { SCR_EL3 } from '../generated/sysregs';
import { EC, takeSync } from '../exception';
import { Exit, requestExit } from '../debug';
import { currentEL, highestEL } from '../state';
import { sr } from '../sysregs';
import { clearExclusiveLocal } from '../vmem';
import { interruptLines } from './exceptionInterrupt';
import {
  effectiveHCR, HCR_TWE, HCR_TWI, inHost, SCR_TWE, SCR_TWI, SCTLR_NTWE, SCTLR_NTWI, sctlrEL0Allows,
} from './systemTraps';

/** The event register WFE waits on (SEV, SEVL and exception return set it). */
let eventRegister: bool = false;

export function setEventRegister(): void { eventRegister = true; }

/** ISS of a trapped WFx: CV = 1, COND = 0b1110, TI = 0 (WFI) or 1 (WFE). */
@inline function wfxISS(wfe: bool): u32 { return (1 << 24) | (0xe << 20) | (wfe ? 1 : 0); }

// AArch64.CheckForWFxTrap() at each level: SCTLR[].nTWx for EL0, HCR_EL2.TWx for EL0/EL1, SCR_EL3.TWx below EL3.
function wfxTrapped(wfe: bool): bool {
  const el = currentEL();
  const t = sctlrEL0Allows(el, wfe ? SCTLR_NTWE : SCTLR_NTWI);
  if (t != 0) { takeSync(t, EC.WFx, wfxISS(wfe)); return true; }
  if (el <= 1 && !inHost() && (effectiveHCR() & (wfe ? HCR_TWE : HCR_TWI)) != 0) { takeSync(2, EC.WFx, wfxISS(wfe)); return true; }
  if (el < 3 && highestEL == 3 && (sr(SCR_EL3) & (wfe ? SCR_TWE : SCR_TWI)) != 0) { takeSync(3, EC.WFx, wfxISS(wfe)); return true; }
  return false;
}

/** Whether the last Exit.WaitForInterrupt came from WFE (an event also ends the wait) rather than WFI. */
let waitForEvent: bool = false;
export function waitIsForEvent(): bool { return waitForEvent; }

// WFI: completes at once when an interrupt is pending (even masked), otherwise the host idles until one is.
export function WFI_hints(): void {
  if (wfxTrapped(false)) return;
  waitForEvent = false;
  if (interruptLines == 0) requestExit(Exit.WaitForInterrupt);
}

// WFE: consumes a pending event, otherwise waits like WFI.
export function WFE_hints(): void {
  if (wfxTrapped(true)) return;
  waitForEvent = true;
  if (eventRegister) eventRegister = false;
  else if (interruptLines == 0) requestExit(Exit.WaitForInterrupt);
}

// SEV signals every PE, this one included; SEVL only this one. FIXME(out-of-spec): SMP delivery is the machine's.
export function SEV_hints(): void { eventRegister = true; }
export function SEVL_hints(): void { eventRegister = true; }

// Hints that have no architectural effect on a single in-order PE without PAuth, BTI, SPE or trace.
export function NOP_hints(): void {}
export function YIELD_hints(): void {}
export function HINT_hints(CRm: u32, op2: u32): void {}
export function ESB_hints(): void {}
export function PSB_hints(): void {}
export function TSB_hints(): void {}
export function CSDB_hints(): void {}
export function CLEARBHB_hints(): void {}
export function XPACLRI_hints(): void {}
export function PACIA1716_hints(): void {}
export function PACIB1716_hints(): void {}
export function AUTIA1716_hints(): void {}
export function AUTIB1716_hints(): void {}
export function PACIAZ_hints(): void {}
export function PACIASP_hints(): void {}
export function PACIBZ_hints(): void {}
export function PACIBSP_hints(): void {}
export function AUTIAZ_hints(): void {}
export function AUTIASP_hints(): void {}
export function AUTIBZ_hints(): void {}
export function AUTIBSP_hints(): void {}
export function BTI_hints(targets: u32): void {}

// Barriers order memory accesses and synchronize context; one PE executing in order needs neither.
export function DSB_barriers(CRm: u32): void {}
export function DMB_barriers(CRm: u32): void {}
export function ISB_barriers(CRm: u32): void {}
export function SSBB_barriers(): void {}
export function PSSBB_barriers(): void {}

// CLREX: ClearExclusiveLocal().
export function CLREX_barriers(CRm: u32): void { clearExclusiveLocal(); }
