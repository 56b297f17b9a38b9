// Handler of SYS (ARM ARM C5.3 "System instructions"): DC ZVA zeroes a block through vmem; TLBI invalidates the
// TLB (mmu/tlb.ts); AT runs the walker and writes PAR_EL1; the other DC and IC operations are no-ops past their EL
// checks and traps (HCR_EL2.TPU/TPCP/TSW/TTLB/TDZ, SCTLR_EL1.UCI/DZE). SYSL names no operation in Armv8.2, so it
// has no handler and is UNDEFINED.
import { HCR_EL2, PAR_EL1 } from '../generated/sysregs';
import { DCZ_BLOCK_BYTES } from '../generated/sysregAccess';
import { undefinedInstruction } from '../exception';
import { currentEL, PSTATE, PSTATE_PAN, X } from '../state';
import { setSr, sr } from '../sysregs';
import { AccType, addressBase, memFault, translationAbort, walkFaultStatus, writeMem } from '../vmem';
import {
  ACC_PAN, ACC_READ, ACC_S1ONLY, ACC_UNPRIV, ACC_WRITE, faultS1ptw, faultStage, outPA, REGIME_EL10, REGIME_EL2,
  REGIME_EL20, REGIME_EL3, s1Attr, s1NS, s1SH, s2Level, s2MemAttr, s2SH, translate,
} from '../mmu/walk';
import { currentVmid, flushStage2, invalidate, MATCH_ASID, MATCH_VA, MATCH_VMID } from '../mmu/tlb';
import { sysRegISS, systemAccessTrap } from './system';
import {
  effectiveHCR, HCR_TDZ, HCR_TPCP, HCR_TPU, HCR_TSW, HCR_TTLB, SCTLR_DZE, SCTLR_UCI, sctlrEL0Allows,
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
  for (let off: u64 = 0; off < DCZ_BLOCK_BYTES && !memFault; off += 8) writeMem(base + off, 8, 0, AccType.DCZVA);
}

const HCR_TGE: u64 = 1 << 27, HCR_E2H: u64 = <u64>1 << 34;

/** The EL2&0 regime replaces EL1&0 for the *E1 operations executed at EL2 with HCR_EL2.{E2H,TGE} = {1,1}. */
function el1Regime(el: u32): u32 {
  return el == 2 && (sr(HCR_EL2) & (HCR_E2H | HCR_TGE)) == (HCR_E2H | HCR_TGE) ? REGIME_EL20 : REGIME_EL10;
}

/** Stage-2 MemAttr[3:0] as a MAIR-format byte (Device: 0000ddxx → 0000dd00; Normal: outer:inner → oooo:iiii). */
function s2AsMair(m: u32): u32 {
  if ((m & 0xc) == 0) return (m & 3) << 2;
  return (s2CacheAsMair(m >> 2) << 4) | s2CacheAsMair(m & 3);
}

/** A stage-2 cacheability (01 NC, 10 WT, 11 WB) as a MAIR nibble (0100 NC, 1010 WT RA, 1111 WB RWA). */
function s2CacheAsMair(c: u32): u32 { return c == 1 ? 4 : c == 2 ? 0xa : 0xf; }

/** Cacheability rank of a MAIR nibble: Non-cacheable 1 < Write-Through 2 < Write-Back 3. */
function cacheRank(c: u32): u32 { return c == 4 ? 1 : (c & 0xc) == 8 || (c & 0xc) == 0 ? 2 : 3; }

/** One MAIR cache policy nibble combined with stage 2's (CombineS1S2Desc()): the weaker of NC < WT < WB wins. */
function combineCache(s1: u32, s2: u32): u32 {
  return cacheRank(s1) <= cacheRank(s2) ? s1 : (s2 == 4 ? 4 : (s2 & 0xc) | (s1 & 3));
}

/** The MAIR-format attributes of a two-stage translation (CombineS1S2Desc()): Device wins, then the weaker cacheability. */
function combinedAttr(s1: u32, s2: u32): u32 {
  const d1 = (s1 & 0xf0) == 0, d2 = (s2 & 0xf0) == 0;
  if (d1 || d2) {
    // The stronger Device type: the smaller dd encoding.
    if (!d1) return s2;
    if (!d2) return s1;
    return s1 < s2 ? s1 : s2;
  }
  return (combineCache(s1 >> 4, s2 >> 4) << 4) | combineCache(s1 & 15, s2 & 15);
}

/**
 * AT (AArch64.AT()): translates Xt in `regime` for `acc` and writes PAR_EL1: PA[47:12], NS, SH, ATTR on success;
 * F = 1 with FST, PTW, S on a fault. A stage-2 fault on the stage-1 walk of an AT executed at EL1 is not reported
 * in PAR but taken to EL2 as a Data Abort (S1PTW, CM and WnR set).
 * FIXME(out-of-spec): the operand's top byte is not stripped under TBI.
 */
function addressTranslate(Rt: u32, regime: u32, acc: u32): void {
  const va = X(Rt);
  const el = currentEL();
  if (!translate(va, regime, acc)) {
    if (faultStage == 2 && faultS1ptw && el == 1) { translationAbort(va, (acc & ACC_WRITE) != 0, false, true); return; }
    setSr(PAR_EL1, 1 | (<u64>walkFaultStatus() << 1) | (faultS1ptw ? 1 << 8 : 0) | (faultStage == 2 ? 1 << 9 : 0) | (1 << 11));
    return;
  }
  let attr = s1Attr, sh = s1SH;
  if (s2Level >= 0) {
    attr = combinedAttr(s1Attr, s2AsMair(s2MemAttr));
    // The more shareable of the two: Outer (10) over Inner (11) over Non-shareable (00).
    if (s2SH == 2 || (s2SH == 3 && sh == 0)) sh = s2SH;
  }
  // Device and Normal Non-cacheable memory report Outer Shareable.
  if ((attr & 0xf0) == 0 || attr == 0x44) sh = 2;
  // Bit 11 is RES1 in both formats.
  setSr(PAR_EL1, (outPA & 0xfffffffff000) | (1 << 11) | (<u64>s1NS << 9) | (<u64>sh << 7) | (<u64>attr << 56));
}

/** The AT operation named by op1:CRm:op2 (CRn = 7), with its regime and access kind. */
function addressTranslateOp(op1: u32, CRm: u32, op2: u32, Rt: u32): void {
  const el = currentEL();
  const kind = (op2 & 1) != 0 ? ACC_WRITE : ACC_READ;
  if (op1 == 6) { addressTranslate(Rt, REGIME_EL3, kind); return; }
  if (op1 == 4) {
    if (op2 < 2) { addressTranslate(Rt, (sr(HCR_EL2) & HCR_E2H) != 0 ? REGIME_EL20 : REGIME_EL2, kind); return; }
    // S12E1R/W, S12E0R/W: both stages of EL1&0 (just stage 1 when stage 2 is off).
    addressTranslate(Rt, REGIME_EL10, kind | (op2 >= 6 ? ACC_UNPRIV : 0));
    return;
  }
  // S1E1R/W, S1E0R/W, S1E1RP/WP (CRm 9: with PSTATE.PAN): stage 1 only, PAR holds the IPA when stage 2 is on.
  let acc = kind | ACC_S1ONLY;
  if (op2 >= 2) acc |= ACC_UNPRIV;
  if (CRm == 9 && (PSTATE & PSTATE_PAN) != 0) acc |= ACC_PAN;
  addressTranslate(Rt, el1Regime(el), acc);
}

/**
 * TLBI (CRn = 8): drops what the operation names. The Inner Shareable forms act as the local ones (one PE);
 * the last-level (VALE, VAALE, IPAS2LE) forms as the full ones; by-IPA forms drop the VMID's combined entries.
 */
function tlbInvalidate(op1: u32, CRm: u32, op2: u32, Rt: u32): void {
  const xt = X(Rt);
  const va = (xt & 0xfffffffffff) << 12;
  const asid = <u32>(xt >> 48);
  const el = currentEL();
  if (op1 == 0) {
    const regime = el1Regime(el);
    const vm: u32 = regime == REGIME_EL10 ? MATCH_VMID : 0;
    const vmid = currentVmid();
    if (op2 == 0) invalidate(regime, vm, 0, 0, vmid); // VMALLE1
    else if (op2 == 1 || op2 == 5) invalidate(regime, vm | MATCH_VA | MATCH_ASID, va, asid, vmid); // VAE1, VALE1
    else if (op2 == 2) invalidate(regime, vm | MATCH_ASID, 0, asid, vmid); // ASIDE1
    else invalidate(regime, vm | MATCH_VA, va, 0, vmid); // VAAE1, VAALE1
    return;
  }
  if (op1 == 6) {
    if (op2 == 0) invalidate(REGIME_EL3, 0, 0, 0, 0); // ALLE3
    else invalidate(REGIME_EL3, MATCH_VA, va, 0, 0); // VAE3, VALE3
    return;
  }
  if (CRm == 0 || CRm == 4) { flushStage2(currentVmid()); return; } // IPAS2E1, IPAS2LE1
  if (op2 == 0) { invalidate(REGIME_EL2, 0, 0, 0, 0); invalidate(REGIME_EL20, 0, 0, 0, 0); } // ALLE2
  else if (op2 == 4) invalidate(REGIME_EL10, 0, 0, 0, 0); // ALLE1: every VMID
  else if (op2 == 6) invalidate(REGIME_EL10, MATCH_VMID, 0, 0, currentVmid()); // VMALLS12E1
  else if ((sr(HCR_EL2) & HCR_E2H) != 0) invalidate(REGIME_EL20, MATCH_VA | MATCH_ASID, va, asid, 0); // VAE2, VALE2
  else invalidate(REGIME_EL2, MATCH_VA, va, 0, 0);
}

// SYS #<op1>, <Cn>, <Cm>, #<op2>{, <Xt>}: the DC, IC, AT and TLBI aliases.
export function SYS_systeminstrs(op1: u32, CRn: u32, CRm: u32, op2: u32, Rt: u32): void {
  const op = classify(op1, CRn, CRm, op2);
  const el = currentEL();
  if (op == Op.Undefined || el < minimumEL(op)) { undefinedInstruction(); return; }
  // The cache maintenance operations other than DC ZVA have nothing to act on (no caches are modelled).
  const t = trapTarget(op, el);
  if (t != 0) { systemAccessTrap(t, sysRegISS(1, op1, CRn, CRm, op2, Rt, false)); return; }
  if (op == Op.DcZva) dcZeroByVA(Rt);
  else if (op == Op.At1 || op == Op.At2 || op == Op.At3) addressTranslateOp(op1, CRm, op2, Rt);
  else if (op == Op.Tlbi1 || op == Op.Tlbi2 || op == Op.Tlbi3) tlbInvalidate(op1, CRm, op2, Rt);
}
