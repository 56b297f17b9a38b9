// Predicates of the trap controls of src/arch/sysregs/access.ts, one per control and named after it: each
// returns 0 (does not apply), the EL an MRS/MSR or SYS traps to with EC 0x18, or ACCESS_UNDEFINED.
// The generated generated/sysregAccess.ts calls them in the order the table gives.
import {
  CNTHCTL_EL2, CNTKCTL_EL1, CPTR_EL2, CPTR_EL3, HCR_EL2, MDCR_EL2, MDCR_EL3, MDSCR_EL1, PMUSERENR_EL0, SCR_EL3,
  SCTLR_EL1, SCTLR_EL2,
} from '../generated/sysregs';
import { el2Enabled } from '../exception';
import { highestEL, PSTATE } from '../state';
import { sr } from '../sysregs';

const UNDEFINED: u32 = 4;

export const HCR_TVM: u64 = 1 << 26, HCR_TRVM: u64 = 1 << 30, HCR_TID1: u64 = 1 << 16, HCR_TID2: u64 = 1 << 17;
export const HCR_TID3: u64 = 1 << 18, HCR_TACR: u64 = 1 << 21, HCR_TSW: u64 = 1 << 22, HCR_TPCP: u64 = 1 << 23;
export const HCR_TPU: u64 = 1 << 24, HCR_TTLB: u64 = 1 << 25, HCR_TDZ: u64 = 1 << 28, HCR_TSC: u64 = 1 << 19;
export const HCR_TIDCP: u64 = 1 << 20, HCR_TWI: u64 = 1 << 13, HCR_TWE: u64 = 1 << 14, HCR_TGE: u64 = 1 << 27;
export const HCR_E2H: u64 = <u64>1 << 34, HCR_TLOR: u64 = <u64>1 << 35, HCR_TERR: u64 = <u64>1 << 36, HCR_HCD: u64 = 1 << 29;
export const HCR_IMO: u64 = 1 << 4, HCR_FMO: u64 = 1 << 3, HCR_AMO: u64 = 1 << 5;
export const HCR_VI: u64 = 1 << 7, HCR_VF: u64 = 1 << 6, HCR_VSE: u64 = 1 << 8;
export const SCR_NS: u64 = 1, SCR_IRQ: u64 = 2, SCR_FIQ: u64 = 4, SCR_EA: u64 = 8, SCR_SMD: u64 = 1 << 7, SCR_HCE: u64 = 1 << 8;
export const SCR_ST: u64 = 1 << 11, SCR_TWI: u64 = 1 << 12, SCR_TWE: u64 = 1 << 13, SCR_TLOR: u64 = 1 << 14, SCR_TERR: u64 = 1 << 15;
export const SCTLR_UMA: u64 = 1 << 9, SCTLR_DZE: u64 = 1 << 14, SCTLR_UCT: u64 = 1 << 15, SCTLR_NTWI: u64 = 1 << 16;
export const SCTLR_NTWE: u64 = 1 << 18, SCTLR_UCI: u64 = 1 << 26;
const MDCR_TPMCR: u64 = 1 << 5, MDCR_TPM: u64 = 1 << 6, MDCR_TDE: u64 = 1 << 8, MDCR_TDA: u64 = 1 << 9;
const MDCR_TDOSA: u64 = 1 << 10, MDCR_TDRA: u64 = 1 << 11;
const CPTR_TCPAC: u64 = 1 << 31;

/** HCR_EL2 as it applies to EL0/EL1: all zero when EL2 is not enabled. */
@inline export function effectiveHCR(): u64 { return el2Enabled() ? sr(HCR_EL2) : 0; }

/** HCR_EL2.{E2H,TGE} = {1,1}: EL0 runs in the EL2&0 host regime. */
@inline export function inHost(): bool { return (effectiveHCR() & (HCR_E2H | HCR_TGE)) == (HCR_E2H | HCR_TGE); }

/** Where an EL0 trap to "EL1" goes: EL2 when HCR_EL2.TGE routes EL0 exceptions there. */
@inline export function el0TrapTarget(): u32 { return (effectiveHCR() & HCR_TGE) != 0 ? 2 : 1; }

/** SCTLR_EL1, or SCTLR_EL2 for EL0 in the host regime: the SCTLR[] that controls EL0. */
@inline export function el0Sctlr(): u64 { return inHost() ? sr(SCTLR_EL2) : sr(SCTLR_EL1); }

/** An EL0 control bit of SCTLR[] that allows the access when 1. */
@inline export function sctlrEL0Allows(el: u32, bit: u64): u32 {
  if (el != 0 || (el0Sctlr() & bit) != 0) return 0;
  return el0TrapTarget();
}

@inline function hcrAt(el: u32, bit: u64): u32 { return el == 1 && (effectiveHCR() & bit) != 0 ? 2 : 0; }
@inline function hcrAtEL01(el: u32, bit: u64): u32 { return el <= 1 && (effectiveHCR() & bit) != 0 ? 2 : 0; }
@inline function el3Control(): bool { return highestEL == 3; }

export function e2hAliasAccessible(el: u32): bool {
  return (el == 2 || el == 3) && el2Enabled() && (sr(HCR_EL2) & HCR_E2H) != 0;
}

export function PSTATE_SP(el: u32, write: bool): u32 { return (PSTATE & 1) == 0 ? UNDEFINED : 0; }
export function CNTFRQ_WRITE(el: u32, write: bool): u32 { return write && el != highestEL ? UNDEFINED : 0; }
export function EL0_READ_ONLY(el: u32, write: bool): u32 { return el == 0 && write ? UNDEFINED : 0; }
export function SCTLR_EL1_UCT(el: u32, write: bool): u32 { return sctlrEL0Allows(el, SCTLR_UCT); }
export function SCTLR_EL1_UMA(el: u32, write: bool): u32 { return sctlrEL0Allows(el, SCTLR_UMA); }

/** CNTKCTL_EL1 (or CNTHCTL_EL2 in the host regime, which has the EL0 bits at the same places) for EL0. */
@inline function cntEL0(el: u32, bits: u64): u32 {
  if (el != 0) return 0;
  if (inHost()) return (sr(CNTHCTL_EL2) & bits) == 0 ? 2 : 0;
  return (sr(CNTKCTL_EL1) & bits) == 0 ? el0TrapTarget() : 0;
}
export function CNTKCTL_EL1_EL0PCTEN(el: u32, write: bool): u32 { return cntEL0(el, 1); }
export function CNTKCTL_EL1_EL0VCTEN(el: u32, write: bool): u32 { return cntEL0(el, 2); }
export function CNTKCTL_EL1_EL0xCTEN(el: u32, write: bool): u32 { return cntEL0(el, 3); }
export function CNTKCTL_EL1_EL0VTEN(el: u32, write: bool): u32 { return cntEL0(el, 1 << 8); }
export function CNTKCTL_EL1_EL0PTEN(el: u32, write: bool): u32 { return cntEL0(el, 1 << 9); }

export function PMUSERENR_EL0_EN(el: u32, write: bool): u32 {
  return el == 0 && (sr(PMUSERENR_EL0) & 1) == 0 ? el0TrapTarget() : 0;
}
export function MDSCR_EL1_TDCC(el: u32, write: bool): u32 {
  return el == 0 && (sr(MDSCR_EL1) & (1 << 12)) != 0 ? el0TrapTarget() : 0;
}

export function HCR_EL2_TRVM(el: u32, write: bool): u32 { return write ? 0 : hcrAt(el, HCR_TRVM); }
export function HCR_EL2_TVM(el: u32, write: bool): u32 { return write ? hcrAt(el, HCR_TVM) : 0; }
export function HCR_EL2_TID1(el: u32, write: bool): u32 { return hcrAt(el, HCR_TID1); }
export function HCR_EL2_TID2(el: u32, write: bool): u32 { return hcrAtEL01(el, HCR_TID2); }
export function HCR_EL2_TID3(el: u32, write: bool): u32 { return hcrAt(el, HCR_TID3); }
export function HCR_EL2_TACR(el: u32, write: bool): u32 { return hcrAt(el, HCR_TACR); }
export function HCR_EL2_TLOR(el: u32, write: bool): u32 { return hcrAt(el, HCR_TLOR); }
export function HCR_EL2_TERR(el: u32, write: bool): u32 { return hcrAt(el, HCR_TERR); }
export function CPTR_EL2_TCPAC(el: u32, write: bool): u32 { return el == 1 && el2Enabled() && (sr(CPTR_EL2) & CPTR_TCPAC) != 0 ? 2 : 0; }

/** MDCR_EL2 debug trap bits, forced on by MDCR_EL2.TDE or HCR_EL2.TGE. */
@inline function mdcrDebug(el: u32, bit: u64): u32 {
  if (el > 1 || !el2Enabled()) return 0;
  return (sr(MDCR_EL2) & (bit | MDCR_TDE)) != 0 || (sr(HCR_EL2) & HCR_TGE) != 0 ? 2 : 0;
}
export function MDCR_EL2_TDOSA(el: u32, write: bool): u32 { return mdcrDebug(el, MDCR_TDOSA); }
export function MDCR_EL2_TDRA(el: u32, write: bool): u32 { return mdcrDebug(el, MDCR_TDRA); }
export function MDCR_EL2_TDA(el: u32, write: bool): u32 { return mdcrDebug(el, MDCR_TDA); }
export function MDCR_EL2_TPMCR(el: u32, write: bool): u32 { return el <= 1 && el2Enabled() && (sr(MDCR_EL2) & MDCR_TPMCR) != 0 ? 2 : 0; }
export function MDCR_EL2_TPM(el: u32, write: bool): u32 { return el <= 1 && el2Enabled() && (sr(MDCR_EL2) & MDCR_TPM) != 0 ? 2 : 0; }

/** CNTHCTL_EL2 for EL0/EL1 outside the host regime: bit `nvhe` when E2H = 0, bit `vhe` when E2H = 1. */
@inline function cnthctl(el: u32, nvhe: u64, vhe: u64): u32 {
  if (el > 1 || !el2Enabled() || inHost()) return 0;
  const bit = (sr(HCR_EL2) & HCR_E2H) != 0 ? vhe : nvhe;
  return (sr(CNTHCTL_EL2) & bit) == 0 ? 2 : 0;
}
export function CNTHCTL_EL2_EL1PCTEN(el: u32, write: bool): u32 { return cnthctl(el, 1, 1 << 10); }
export function CNTHCTL_EL2_EL1PCEN(el: u32, write: bool): u32 { return cnthctl(el, 2, 1 << 11); }

export function CPTR_EL3_TCPAC(el: u32, write: bool): u32 {
  return el3Control() && (el == 1 || el == 2) && (sr(CPTR_EL3) & CPTR_TCPAC) != 0 ? 3 : 0;
}
export function SCR_EL3_TLOR(el: u32, write: bool): u32 { return el3Control() && (el == 1 || el == 2) && (sr(SCR_EL3) & SCR_TLOR) != 0 ? 3 : 0; }
export function SCR_EL3_TERR(el: u32, write: bool): u32 { return el3Control() && (el == 1 || el == 2) && (sr(SCR_EL3) & SCR_TERR) != 0 ? 3 : 0; }

/** CNTPS_*_EL1: Secure EL1 only (trapped to EL3 unless SCR_EL3.ST), UNDEFINED in Non-secure EL1 and at EL2. */
export function SCR_EL3_ST(el: u32, write: bool): u32 {
  if (el == 3) return 0;
  if (el != 1 || !el3Control() || (sr(SCR_EL3) & SCR_NS) != 0) return UNDEFINED;
  return (sr(SCR_EL3) & SCR_ST) == 0 ? 3 : 0;
}
export function MDCR_EL3_TDOSA(el: u32, write: bool): u32 { return el3Control() && (el == 1 || el == 2) && (sr(MDCR_EL3) & MDCR_TDOSA) != 0 ? 3 : 0; }
export function MDCR_EL3_TDA(el: u32, write: bool): u32 { return el3Control() && el <= 2 && (sr(MDCR_EL3) & MDCR_TDA) != 0 ? 3 : 0; }
export function MDCR_EL3_TPM(el: u32, write: bool): u32 { return el3Control() && el <= 2 && (sr(MDCR_EL3) & MDCR_TPM) != 0 ? 3 : 0; }
