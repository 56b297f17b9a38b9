// Handler of SYS (ARM ARM C5.3 "System instructions"): DC ZVA zeroes a block through vmem; the other DC and IC
// operations and TLBI are no-ops past their EL checks and traps (HCR_EL2.TPU/TPCP/TSW/TTLB/TDZ, SCTLR_EL1.UCI/DZE);
// AT writes PAR_EL1. SYSL names no operation in Armv8.2, so it has no handler and is UNDEFINED.
import { PAR_EL1, SCR_EL3 } from '../generated/sysregs';
import { DCZ_BLOCK_BYTES } from '../generated/sysregAccess';
import { undefinedInstruction } from '../exception';
import { currentEL, highestEL, X } from '../state';
import { setSr, sr } from '../sysregs';
import { AccType, addressBase, memFault, writeMem } from '../vmem';
import { sysRegISS, systemAccessTrap } from './system';
import {
  effectiveHCR, HCR_TDZ, HCR_TPCP, HCR_TPU, HCR_TSW, HCR_TTLB, SCR_NS, SCTLR_DZE, SCTLR_UCI, sctlrEL0Allows,
} from './systemTraps';

/** What an operation is, for its EL and trap checks. */
const enum Op { Undefined, IcAll, IcPoU, DcPoU, DcPoC, DcSetWay, DcZva, DcInvalidate, At1, At2, At3, Tlbi1, Tlbi2, Tlbi3 }

/** The operation op1:CRn:CRm:op2 names among those of an Armv8.2 CPU without MTE, RME or FEAT_TLBIRANGE/OS. */
function classify(op1: u32, CRn: u32, CRm: u32, op2: u32): Op {
  const enc = (op1 << 11) | (CRn << 7) | (CRm << 3) | op2;
  switch (enc) {
    case 0x0388: case 0x03a8: return Op.IcAll; // IC IALLUIS, IC IALLU
    case 0x1ba9: return Op.IcPoU; // IC IVAU
    case 0x1bd9: return Op.DcPoU; // DC CVAU
    case 0x1bd1: case 0x1bf1: case 0x1be1: return Op.DcPoC; // DC CVAC, CIVAC, CVAP
    case 0x03b1: return Op.DcInvalidate; // DC IVAC
    case 0x03b2: case 0x03d2: case 0x03f2: return Op.DcSetWay; // DC ISW, CSW, CISW
    case 0x1ba1: return Op.DcZva; // DC ZVA
    case 0x03c0: case 0x03c1: case 0x03c2: case 0x03c3: case 0x03c8: case 0x03c9: return Op.At1; // AT S1E1R/W, S1E0R/W, S1E1RP/WP
    case 0x23c0: case 0x23c1: case 0x23c4: case 0x23c5: case 0x23c6: case 0x23c7: return Op.At2; // AT S1E2R/W, S12E1R/W, S12E0R/W
    case 0x33c0: case 0x33c1: return Op.At3; // AT S1E3R/W
  }
  if (CRn != 8) return Op.Undefined;
  // TLBI: Inner Shareable (CRm 3) and local (CRm 7) forms, and the stage-2 IPA forms (CRm 0 and 4) at EL2.
  if (op1 == 0 && (CRm == 3 || CRm == 7) && (op2 <= 3 || op2 == 5 || op2 == 7)) return Op.Tlbi1;
  if (op1 == 4 && (CRm == 0 || CRm == 4) && (op2 == 1 || op2 == 5)) return Op.Tlbi2;
  if (op1 == 4 && (CRm == 3 || CRm == 7) && (op2 == 0 || op2 == 1 || op2 == 4 || op2 == 5 || op2 == 6)) return Op.Tlbi2;
  if (op1 == 6 && (CRm == 3 || CRm == 7) && (op2 == 0 || op2 == 1 || op2 == 5)) return Op.Tlbi3;
  return Op.Undefined;
}

/** The lowest EL an operation executes at. */
function minimumEL(op: Op): u32 {
  if (op == Op.IcPoU || op == Op.DcPoU || op == Op.DcPoC || op == Op.DcZva) return 0;
  if (op == Op.At2 || op == Op.Tlbi2) return 2;
  if (op == Op.At3 || op == Op.Tlbi3) return 3;
  return 1;
}

/** The trap that applies (0 if none): EL0 enables in SCTLR[], then HCR_EL2 (EL0 and EL1 only). */
function trapTarget(op: Op, el: u32): u32 {
  if (op == Op.DcZva) {
    const t = sctlrEL0Allows(el, SCTLR_DZE);
    if (t != 0) return t;
  } else if (op == Op.DcPoU || op == Op.DcPoC || op == Op.IcPoU) {
    const t = sctlrEL0Allows(el, SCTLR_UCI);
    if (t != 0) return t;
  }
  if (el > 1) return 0;
  const hcr = effectiveHCR();
  let bit: u64 = 0;
  if (op == Op.IcAll || op == Op.IcPoU || op == Op.DcPoU) bit = HCR_TPU;
  else if (op == Op.DcPoC || op == Op.DcInvalidate) bit = HCR_TPCP;
  else if (op == Op.DcSetWay) bit = HCR_TSW;
  else if (op == Op.DcZva) bit = HCR_TDZ;
  else if (op == Op.Tlbi1 && el == 1) bit = HCR_TTLB;
  return (hcr & bit) != 0 ? 2 : 0;
}

// DC ZVA: zeroes the naturally aligned DCZID_EL0-sized block holding Xt.
function dcZeroByVA(Rt: u32): void {
  addressBase(Rt);
  const base = X(Rt) & ~(DCZ_BLOCK_BYTES - 1);
  for (let off: u64 = 0; off < DCZ_BLOCK_BYTES && !memFault; off += 8) writeMem(base + off, 8, 0, AccType.Normal);
}

/**
 * AT: the address translation result in PAR_EL1. FIXME(out-of-spec): without the MMU (issue #4) every regime is
 * taken as stage 1 off: PA = VA, Device-nGnRnE (ATTR 0x00), Outer Shareable, NS as the regime's security state.
 */
function addressTranslate(op: Op, Rt: u32): void {
  const va = X(Rt);
  const ns: u64 = op != Op.At3 && (highestEL < 3 || (sr(SCR_EL3) & SCR_NS) != 0) ? 1 : 0;
  setSr(PAR_EL1, (va & 0xfffffffff000) | (ns << 9) | (2 << 7));
}

// SYS #<op1>, <Cn>, <Cm>, #<op2>{, <Xt>}: the DC, IC, AT and TLBI aliases.
export function SYS_systeminstrs(op1: u32, CRn: u32, CRm: u32, op2: u32, Rt: u32): void {
  const op = classify(op1, CRn, CRm, op2);
  const el = currentEL();
  if (op == Op.Undefined || el < minimumEL(op)) { undefinedInstruction(); return; }
  // TLBI and the cache maintenance operations have nothing to act on until the TLB exists (issue #4).
  const t = trapTarget(op, el);
  if (t != 0) { systemAccessTrap(t, sysRegISS(1, op1, CRn, CRm, op2, Rt, false)); return; }
  if (op == Op.DcZva) dcZeroByVA(Rt);
  else if (op == Op.At1 || op == Op.At2 || op == Op.At3) addressTranslate(op, Rt);
}
