// Handlers of the branches (ARM ARM C4.1.93): unconditional immediate (B, BL), conditional (B.cond),
// compare/test and branch (CBZ/CBNZ, TBZ/TBNZ) and to a register (BR, BLR, RET); all go through BranchTo().
// The pointer-authenticating forms (BRAA*/BRAB*, BLRAA*/BLRAB*, RETAA/RETAB, ERETAA/ERETAB) have no handler: the
// CPU model does not implement FEAT_PAuth, so they are UNDEFINED, as the dispatch makes every row without a handler.
import { el2Enabled } from '../exception';
import { HCR_EL2, TCR_EL1, TCR_EL2, TCR_EL3 } from '../generated/sysregs';
import { conditionHolds, signExtend } from '../pseudocode';
import { currentEL, PC, setNextPC, setX, W, X } from '../state';
import { sr } from '../sysregs';

const HCR_TGE: u64 = 1 << 27;
const HCR_E2H: u64 = <u64>1 << 34;
/** TCR_EL1 and TCR_EL2 with E2H = 1: TBI0 (bit 37) and TBI1 (bit 38); TCR_EL2 otherwise and TCR_EL3: TBI (bit 20). */
const TCR_TBI0: u32 = 37, TCR_TBI: u32 = 20;

// ELIsInHost(el): EL2 with HCR_EL2.E2H set, or EL0 under it with HCR_EL2.TGE set too.
@inline function elIsInHost(el: u32): bool {
  if (!el2Enabled()) return false;
  const hcr = sr(HCR_EL2);
  return (hcr & HCR_E2H) != 0 && (el == 2 || (el == 0 && (hcr & HCR_TGE) != 0));
}

// AddrTop(address, IsInstr = TRUE, el): 55 when the translation regime ignores the top byte (TBI), else 63.
// Without FEAT_PAuth there is no TBID, so instruction addresses follow TBI like data addresses.
function addrTop(address: u64, el: u32): u32 {
  const upper: u32 = <u32>(address >> 55) & 1;
  let tbi: u64;
  if (el == 3) tbi = sr(TCR_EL3) >> TCR_TBI;
  else if (el == 2 || elIsInHost(el)) {
    tbi = (sr(HCR_EL2) & HCR_E2H) != 0 ? sr(TCR_EL2) >> (TCR_TBI0 + upper) : sr(TCR_EL2) >> TCR_TBI;
  } else tbi = sr(TCR_EL1) >> (TCR_TBI0 + upper);
  return (tbi & 1) ? 55 : 63;
}

// AArch64.BranchAddr(): with the top byte ignored, bits 63:56 of the new PC copy bit 55 in the regimes with
// two VA ranges (EL0/EL1 and the EL2&0 host) and are zero otherwise.
function branchAddr(vaddress: u64): u64 {
  const el = currentEL();
  if (addrTop(vaddress, el) == 63) return vaddress;
  if ((el <= 1 || elIsInHost(el)) && ((vaddress >> 55) & 1) != 0) return signExtend(vaddress, 56);
  return vaddress & 0x00ffffffffffffff;
}

// BranchTo()
@inline function branchTo(target: u64): void { setNextPC(branchAddr(target)); }

/**
 * BranchTo() of a PC-relative target. PC is already what AArch64.BranchAddr() makes of it, so a target that keeps
 * PC's bits 63:55 comes out of BranchAddr() unchanged: only a target that changes them needs the full rule.
 */
@inline function branchToRelative(target: u64): void {
  if (((target ^ PC) >> 55) == 0) setNextPC(target);
  else branchTo(target);
}

export function B_branch_imm(imm26: u32): void { branchToRelative(PC + signExtend(<u64>imm26 << 2, 28)); }

export function BL_branch_imm(imm26: u32): void {
  setX(30, PC + 4);
  branchToRelative(PC + signExtend(<u64>imm26 << 2, 28));
}

export function B_only_condbranch(imm19: u32, cond: u32): void {
  if (conditionHolds(cond)) branchToRelative(PC + signExtend(<u64>imm19 << 2, 21));
}

@inline function registerOperand(sf: u32, Rt: u32): u64 { return sf ? X(Rt) : <u64>W(Rt); }

export function CBZ_compbranch(sf: u32, imm19: u32, Rt: u32): void {
  if (registerOperand(sf, Rt) == 0) branchToRelative(PC + signExtend(<u64>imm19 << 2, 21));
}

export function CBNZ_compbranch(sf: u32, imm19: u32, Rt: u32): void {
  if (registerOperand(sf, Rt) != 0) branchToRelative(PC + signExtend(<u64>imm19 << 2, 21));
}

/** The tested bit is b5:b40; b5 = 1 names an X register, which the test reads the same way. */
@inline function testedBit(b5: u32, b40: u32, Rt: u32): u64 { return (X(Rt) >> ((b5 << 5) | b40)) & 1; }

export function TBZ_testbranch(b5: u32, b40: u32, imm14: u32, Rt: u32): void {
  if (testedBit(b5, b40, Rt) == 0) branchToRelative(PC + signExtend(<u64>imm14 << 2, 16));
}

export function TBNZ_testbranch(b5: u32, b40: u32, imm14: u32, Rt: u32): void {
  if (testedBit(b5, b40, Rt) != 0) branchToRelative(PC + signExtend(<u64>imm14 << 2, 16));
}

export function BR_branch_reg(Rn: u32): void { branchTo(X(Rn)); }

/** The target is read before X30 is written, so BLR X30 branches to the old X30. */
export function BLR_branch_reg(Rn: u32): void {
  const target = X(Rn);
  setX(30, PC + 4);
  branchTo(target);
}

export function RET_branch_reg(Rn: u32): void { branchTo(X(Rn)); }
