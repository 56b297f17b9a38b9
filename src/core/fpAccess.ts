// Traps of FP/SIMD instructions: CPACR_EL1.FPEN, CPTR_EL2 (TFP, or FPEN under E2H) and CPTR_EL3.TFP, raising
// EC 0x07 to the EL that owns the control (AArch64.CheckFPAdvSIMDEnabled()).
import { CPACR_EL1, CPTR_EL2, CPTR_EL3, HCR_EL2 } from './generated/sysregs';
import { EC, el2Enabled, takeSync } from './exception';
import { currentEL, highestEL } from './state';
import { sr } from './sysregs';

const HCR_E2H: u64 = 1 << 34, HCR_TGE: u64 = 1 << 27;
const CPTR_TFP: u64 = 1 << 10;
/** ISS of an FP access trap taken from AArch64: CV = 1, COND = 0b1110. */
const FP_TRAP_ISS: u32 = 0x1e00000;

/** FPEN-style enable (CPACR_EL1, or CPTR_EL2 with E2H): 0b11 enables all, 0b01 all but EL0, else none. */
@inline function fpenTraps(fpen: u32, el: u32): bool {
  return fpen == 0 || fpen == 2 || (fpen == 1 && el == 0);
}

/** True when FP/SIMD may execute; otherwise the trap has been taken and the instruction must do nothing. */
export function fpAccessAllowed(): bool {
  const el = currentEL();
  if (el == 3) {
    if (sr(CPTR_EL3) & CPTR_TFP) { takeSync(3, EC.FPAccess, FP_TRAP_ISS); return false; }
    return true;
  }
  const hcr = el2Enabled() ? sr(HCR_EL2) : 0;
  const e2hTge = (hcr & (HCR_E2H | HCR_TGE)) == (HCR_E2H | HCR_TGE);
  if (el < 2 && !(e2hTge && el == 0)) {
    if (fpenTraps(<u32>(sr(CPACR_EL1) >> 20) & 3, el)) {
      takeSync(el == 0 && (hcr & HCR_TGE) != 0 ? 2 : 1, EC.FPAccess, FP_TRAP_ISS);
      return false;
    }
  }
  if (el2Enabled()) {
    const cptr = sr(CPTR_EL2);
    // With E2H, CPTR_EL2.FPEN: 'x0' traps EL0-EL2, '01' traps EL0 only in the host regime (TGE), '11' nothing.
    const fpen = <u32>(cptr >> 20) & 3;
    const trapped = (hcr & HCR_E2H) != 0
      ? (fpen & 1) == 0 || (fpen == 1 && el == 0 && (hcr & HCR_TGE) != 0)
      : (cptr & CPTR_TFP) != 0;
    if (trapped) { takeSync(2, EC.FPAccess, FP_TRAP_ISS); return false; }
  }
  if (highestEL == 3 && (sr(CPTR_EL3) & CPTR_TFP) != 0) { takeSync(3, EC.FPAccess, FP_TRAP_ISS); return false; }
  return true;
}
