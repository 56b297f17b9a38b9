// Handler of ERET: AArch64.ExceptionReturn() with the illegal-return checks of IllegalExceptionReturn(). An
// illegal return keeps the EL and SP, sets PSTATE.IL, and the next instruction takes the Illegal State exception
// (EC 0x0e, raised by the run loop). ERETAA/ERETAB (PAuth) and DRPS (debug state) have no handler: UNDEFINED.
import { HCR_EL2, SCR_EL3 } from '../generated/sysregs';
import { el2Enabled, undefinedInstruction } from '../exception';
import { notifyExceptionReturn } from '../debug';
import { currentEL, highestEL, nextPC, PSTATE, PSTATE_IL, setNextPC, setPC, setPSTATE } from '../state';
import { ELR, SPSR, sr } from '../sysregs';
import { clearExclusiveLocal } from '../vmem';
import { bumpTranslationEpoch } from '../mmu/tlb';
import { setEventRegister } from './systemHints';
import { HCR_TGE, SCR_NS } from './systemTraps';

/** SPSR bits restored into PSTATE: NZCV, DIT, UAO, PAN, IL, SSBS, DAIF, M[3:0] (SS: no software step). */
const RESTORED: u32 = 0xf1d013cf;
/** Kept from PSTATE on an illegal return: EL and SP, and DIT, UAO, SSBS, which become UNKNOWN (we keep them, as QEMU). */
const KEPT_WHEN_ILLEGAL: u32 = 0x0180100f;
const SPSR_NRW: u32 = 1 << 4;

// IllegalExceptionReturn(): AArch32 (not implemented), reserved M values, an EL not implemented or above the
// current one, EL2 in Secure state, EL1 while HCR_EL2.TGE routes EL0/EL1 to EL2.
function illegalReturn(spsr: u32): bool {
  if ((spsr & SPSR_NRW) != 0) return true;
  const target = (spsr >> 2) & 3;
  if ((spsr & 2) != 0 || (target == 0 && (spsr & 1) != 0)) return true;
  if (target > highestEL || target > currentEL()) return true;
  if (target == 2 && highestEL == 3 && (sr(SCR_EL3) & SCR_NS) == 0) return true;
  if (target == 1 && el2Enabled() && (sr(HCR_EL2) & HCR_TGE) != 0) return true;
  return false;
}

// ERET
export function ERET_branch_reg(): void {
  const el = currentEL();
  if (el == 0) { undefinedInstruction(); return; }
  const spsr = <u32>sr(SPSR(el));
  const target = sr(ELR(el));
  // SetPSTATEFromPSR(): an illegal return keeps EL and SPSel and sets IL; NZCV, PAN and DAIF come from SPSR.
  const keep: u32 = illegalReturn(spsr) ? KEPT_WHEN_ILLEGAL : 0;
  setPSTATE((spsr & RESTORED & ~keep) | (PSTATE & keep) | (keep != 0 ? PSTATE_IL : 0));
  clearExclusiveLocal();
  setEventRegister();
  setNextPC(target);
  bumpTranslationEpoch();
  notifyExceptionReturn();
}

/** ERET performed by the host for the EL it plays (the built-in hypervisor), from the current EL's ELR and SPSR. */
export function hostExceptionReturn(): void {
  ERET_branch_reg();
  setPC(nextPC);
}
