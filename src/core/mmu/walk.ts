// VMSAv8-64 translation table walks (ARM ARM AArch64.TranslationTableWalk(), AArch64.FirstStageTranslate(),
// AArch64.SecondStageTranslate()): one walker for execution and for the debugger's walk record (record.ts).
import {
  HCR_EL2, MAIR_EL1, MAIR_EL2, MAIR_EL3, SCTLR_EL1, SCTLR_EL2, SCTLR_EL3, TCR_EL1, TCR_EL2, TCR_EL3,
  TTBR0_EL1, TTBR0_EL2, TTBR0_EL3, TTBR1_EL1, TTBR1_EL2, VTCR_EL2, VTTBR_EL2,
} from '../generated/sysregs';
import { el2Enabled } from '../exception';
import { highestEL } from '../state';
import { isRam, readPhys } from '../memory';
import { sr } from '../sysregs';
import { recordDescriptor, recording } from './record';

/** Translation regimes the walker serves: EL1&0, EL2, EL3, and the EL2&0 regime of VHE (HCR_EL2.E2H = 1). */
export const REGIME_EL10: u32 = 1, REGIME_EL2: u32 = 2, REGIME_EL3: u32 = 3, REGIME_EL20: u32 = 4;

/**
 * Access kinds: bits 1:0 read/write/fetch; bit 2 an unprivileged (EL0) access; bit 3 a privileged data access
 * under PSTATE.PAN (loses access to EL0-accessible pages); bit 4 a stage-1-only translation (AT S1E0/S1E1 with
 * stage 2 on: the result is the IPA).
 */
export const ACC_READ: u32 = 0, ACC_WRITE: u32 = 1, ACC_FETCH: u32 = 2, ACC_UNPRIV: u32 = 4, ACC_PAN: u32 = 8,
  ACC_S1ONLY: u32 = 16;

/** Whether a regime has two privilege levels (EL1&0 and EL2&0: AP[1], UXN/PXN, ASIDs, two TTBRs). */
@inline export function twoPrivilegeRegime(regime: u32): bool { return regime == REGIME_EL10 || regime == REGIME_EL20; }

/** Fault types (ARM ARM Fault enum, the ones a walk raises). */
export const FAULT_NONE: u32 = 0, FAULT_TRANSLATION: u32 = 1, FAULT_ACCESS_FLAG: u32 = 2,
  FAULT_ADDRESS_SIZE: u32 = 3, FAULT_PERMISSION: u32 = 4, FAULT_EXTERNAL_WALK: u32 = 5;

/** Permission bits of a translation: stage 1 per privilege, stage 2 for the EL1&0 regime. */
export const PERM_R1: u32 = 1, PERM_W1: u32 = 2, PERM_X1: u32 = 4, PERM_R0: u32 = 8, PERM_W0: u32 = 16, PERM_X0: u32 = 32;
export const PERM_S2R: u32 = 1, PERM_S2W: u32 = 2, PERM_S2X: u32 = 4;

/** PAMax(): ID_AA64MMFR0_EL1.PARange of the CPU model is 0b0010, 40 bits. */
const PA_MAX: u32 = 40;

// Result of the last translate(): output address and attributes, or the fault.
export let walkFault: u32 = FAULT_NONE;
export let faultStage: u32 = 0;
export let faultLevel: i32 = 0;
/** The fault was raised by stage 2 while translating a stage-1 table address (ISS.S1PTW). */
export let faultS1ptw: bool = false;
/** The IPA a stage-2 fault is about (HPFAR_EL2 material). */
export let faultIpa: u64 = 0;
export let outPA: u64 = 0;
export let outIPA: u64 = 0;
/** Stage 1: the MAIR_ELx attribute byte, SH, nG, the level and block size (log2) of the final descriptor. */
export let s1Attr: u32 = 0;
export let s1SH: u32 = 0;
export let s1nG: u32 = 0;
export let s1Level: i32 = -1;
export let s1BlockBits: u32 = 0;
export let s1Perms: u32 = 0;
/** Stage 1: the output NS bit (descriptor NS in a Secure regime, else 1), and the ASID of TTBR0/1 per TCR.A1/AS. */
export let s1NS: u32 = 1;
export let s1Asid: u32 = 0;
/** Stage 2: MemAttr[3:0], SH, level, block size (log2), S2AP/XN permissions; s2Level -1 when stage 2 is off. */
export let s2MemAttr: u32 = 0;
export let s2SH: u32 = 0;
export let s2Level: i32 = -1;
export let s2BlockBits: u32 = 0;
export let s2Perms: u32 = 0;

/** Parameters of one stage of one regime, decoded from TCR/VTCR and TTBR/VTTBR. */
let grainsize: u32 = 12;
let inputsize: u32 = 48;
let outputsize: u32 = 40;
let baseReg: u64 = 0;

function fault(type: u32, stage: u32, level: i32, s1ptw: bool, ipa: u64): bool {
  walkFault = type;
  faultStage = stage;
  faultLevel = level;
  faultS1ptw = s1ptw;
  faultIpa = ipa;
  return false;
}

/** TCR.IPS / VTCR.PS decoded, limited to PAMax() (AArch64.PAMax() and the "outputsize > PAMax()" rule). */
function decodePS(ps: u32): u32 {
  const sizes: u32 = ps == 0 ? 32 : ps == 1 ? 36 : ps == 2 ? 40 : ps == 3 ? 42 : ps == 4 ? 44 : 48;
  return sizes > PA_MAX ? PA_MAX : sizes;
}

/** TG0 encodings (00 4K, 01 64K, 10 16K); reserved values behave as 4K (an IMPLEMENTATION DEFINED choice). */
function grainFromTG0(tg: u32): u32 { return tg == 1 ? 16 : tg == 2 ? 14 : 12; }
/** TG1 encodings (01 16K, 10 4K, 11 64K). */
function grainFromTG1(tg: u32): u32 { return tg == 1 ? 14 : tg == 3 ? 16 : 12; }

/** TxSZ to input size, clamped to 25..48 bits (the CONSTRAINED UNPREDICTABLE choice of using the limit). */
function inputFromTxSZ(txsz: u32): u32 {
  const s = 64 - txsz;
  return s > 48 ? 48 : s < 25 ? 25 : s;
}

/**
 * Stage 2 of one access: AArch64.SecondStageTranslate() → AArch64.TranslationTableWalk(secondstage).
 * `s1ptw`: this is the translation of a stage-1 table address (its faults carry S1PTW).
 */
function secondStage(ipa: u64, s1ptw: bool): bool {
  const vtcr = sr(VTCR_EL2);
  grainsize = grainFromTG0(<u32>(vtcr >> 14) & 3);
  const stride = grainsize - 3;
  inputsize = inputFromTxSZ(<u32>vtcr & 63);
  outputsize = decodePS(<u32>(vtcr >> 16) & 7);
  const sl0 = <u32>(vtcr >> 6) & 3;
  // Start level from SL0: 4K granule 2 - SL0, 16K/64K 3 - SL0.
  const level: i32 = grainsize == 12 ? 2 - <i32>sl0 : 3 - <i32>sl0;
  // Starting-level validity (the basefound checks): no level 0 for 16K/64K, no SL0 = 3 (Armv8.0), the
  // starting table must hold 2 to 16 × (granule / 8) entries (concatenation), and the IPA size at most PAMax()
  // (an IPA size above PAMax() faulting is our choice of the CONSTRAINED UNPREDICTABLE behaviours). Without a
  // valid base the fault is a Translation fault at level 0.
  const startsizecheck = <i32>inputsize - ((3 - level) * <i32>stride + <i32>grainsize);
  let basefound = level >= 0 && sl0 != 3 && startsizecheck >= 1 && startsizecheck <= <i32>stride + 4
    && inputsize <= PA_MAX;
  if (grainsize == 12 && level == 0 && PA_MAX < 44) basefound = false;
  if ((ipa >> inputsize) != 0) basefound = false;
  if (!basefound) return fault(FAULT_TRANSLATION, 2, 0, s1ptw, ipa);
  baseReg = sr(VTTBR_EL2);
  return walk(ipa, level, 2, s1ptw);
}

// Results of walk() for the stage it ran.
let walkOut: u64 = 0;
let walkDesc: u64 = 0;
let walkLevel: i32 = 0;
let walkBlockBits: u32 = 0;
let apTable: u32 = 0;
let xnTable: u32 = 0;
let pxnTable: u32 = 0;
let nsTable: u32 = 0;

/**
 * The descriptor loop of AArch64.TranslationTableWalk() for `stage`, with grainsize/inputsize/outputsize/baseReg
 * set up. Stage-1 table addresses go through stage 2 when nestedStage2 (the EL1&0 regime with HCR_EL2.VM = 1);
 * `s1ptw`: this stage-2 walk translates a stage-1 table address.
 */
function walk(ia: u64, startLevel: i32, stage: u32, s1ptw: bool): bool {
  const faultIa = stage == 2 ? ia : 0;
  const stride = grainsize - 3;
  let level = startLevel;
  // TTBR.BADDR above the output size: Address size fault at level 0 (stage 1) / the start level rule of stage 2.
  if (outputsize < 48 && ((baseReg & 0xffffffffffff) >> outputsize) != 0) {
    return fault(FAULT_ADDRESS_SIZE, stage, 0, s1ptw, faultIa);
  }
  const baselowerbound = 3 + inputsize - ((3 - <u32>level) * stride + grainsize);
  let base = baseReg & 0xffffffffffff & ~((<u64>1 << baselowerbound) - 1);
  let top = inputsize - 1;
  apTable = 0; xnTable = 0; pxnTable = 0; nsTable = 0;
  const firstblocklevel: i32 = grainsize == 12 ? 1 : 2;
  while (true) {
    const bottom = (3 - <u32>level) * stride + grainsize;
    const index = ((ia >> bottom) & ((<u64>1 << (top - bottom + 1)) - 1)) << 3;
    const tableAddr = base;
    let descaddr = base | index;
    if (stage == 1 && nestedStage2) {
      // Stage-1 table addresses are IPAs: translate them by stage 2 (AArch64.SecondStageWalk()).
      const savedGrain = grainsize, savedIn = inputsize, savedOut = outputsize, savedBase = baseReg;
      const savedAP = apTable, savedXN = xnTable, savedPXN = pxnTable, savedNS = nsTable;
      if (!secondStage(descaddr, true)) return false;
      // A stage-1 walk reads its tables: stage 2 must grant read (S2AP[0]), else a Permission fault with S1PTW.
      if (((walkDesc >> 6) & 1) == 0) return fault(FAULT_PERMISSION, 2, walkLevel, true, descaddr);
      descaddr = walkOut;
      grainsize = savedGrain; inputsize = savedIn; outputsize = savedOut; baseReg = savedBase;
      apTable = savedAP; xnTable = savedXN; pxnTable = savedPXN; nsTable = savedNS;
    }
    // Descriptors are read from RAM only: a walk into anything else is an external abort on the walk,
    // and the debugger's walk must not touch devices.
    if (!isRam(descaddr)) return fault(FAULT_EXTERNAL_WALK, stage, level, s1ptw, faultIa);
    const desc = readPhys(descaddr, 8);
    if (recording) recordDescriptor(stage, level, tableAddr, descaddr, desc);
    // Invalid (x0), or Block (01) at level 3 (reserved): Translation fault.
    if ((desc & 1) == 0 || ((desc & 3) == 1 && level == 3)) {
      return fault(FAULT_TRANSLATION, stage, level, s1ptw, faultIa);
    }
    if ((desc & 3) == 1 || level == 3) {
      // Block or page. A block below the first block level of the granule is a Translation fault.
      if (level < firstblocklevel) return fault(FAULT_TRANSLATION, stage, level, s1ptw, faultIa);
      const mask = (<u64>1 << bottom) - 1;
      walkOut = (desc & 0xffffffffffff & ~mask) | (ia & mask);
      if (outputsize < 48 && (walkOut >> outputsize) != 0) {
        return fault(FAULT_ADDRESS_SIZE, stage, level, s1ptw, faultIa);
      }
      // Access flag (no hardware update, TCR.HA / VTCR.HA not implemented).
      if ((desc & (1 << 10)) == 0) return fault(FAULT_ACCESS_FLAG, stage, level, s1ptw, faultIa);
      walkDesc = desc;
      walkLevel = level;
      walkBlockBits = bottom;
      return true;
    }
    // Table: next-level address above the output size is an Address size fault at this level.
    if (outputsize < 48 && (((desc & 0xffffffffffff) >> outputsize) != 0)) {
      return fault(FAULT_ADDRESS_SIZE, stage, level, s1ptw, faultIa);
    }
    base = desc & 0xffffffffffff & ~((<u64>1 << grainsize) - 1);
    if (stage == 1) {
      // Hierarchical attributes: APTable[62:61], UXNTable/XNTable[60], PXNTable[59].
      apTable |= <u32>(desc >> 61) & 3;
      xnTable |= <u32>(desc >> 60) & 1;
      pxnTable |= <u32>(desc >> 59) & 1;
      nsTable |= <u32>(desc >> 63) & 1;
    }
    level++;
    top = bottom - 1;
  }
}

/** Whether stage-1 table walks of the current translation go through stage 2. */
let nestedStage2: bool = false;

/** Stage-1 permissions of a final descriptor (AArch64.CheckPermission()'s decoding of AP, UXN/PXN, WXN). */
function stage1Perms(desc: u64, regime: u32, wxn: bool): u32 {
  let ap = <u32>(desc >> 6) & 3;
  // APTable[1] forces read-only, APTable[0] denies EL0 access.
  if ((apTable & 2) != 0) ap |= 2;
  if ((apTable & 1) != 0) ap &= 2;
  if (!twoPrivilegeRegime(regime)) {
    // One privilege level: AP[1] is ignored, XN is bit 54 (and XNTable).
    const w = (ap & 2) == 0;
    let p = PERM_R1 | (w ? PERM_W1 : 0);
    const xn = ((desc >> 54) & 1) != 0 || xnTable != 0 || (w && wxn);
    if (!xn) p |= PERM_X1;
    return p;
  }
  const uw = ap == 1, ur = (ap & 1) != 0, pw = (ap & 2) == 0;
  let p = PERM_R1 | (pw ? PERM_W1 : 0) | (ur ? PERM_R0 : 0) | (uw ? PERM_W0 : 0);
  // EL0 may execute what it cannot read (execute-only memory): UXN alone decides.
  const uxn = ((desc >> 54) & 1) != 0 || xnTable != 0 || (uw && wxn);
  // Privileged execute-never also when EL0 can write the page.
  const pxn = ((desc >> 53) & 1) != 0 || pxnTable != 0 || (pw && wxn) || uw;
  if (!uxn) p |= PERM_X0;
  if (!pxn) p |= PERM_X1;
  return p;
}

/**
 * Whether `perms` (stage-1 bits) allow the access `acc` (AArch64.CheckPermission()): PAN takes privileged data
 * access away from pages EL0 can read.
 */
export function stage1Allows(perms: u32, acc: u32, regime: u32): bool {
  const el0 = twoPrivilegeRegime(regime) && (acc & ACC_UNPRIV) != 0;
  const kind = acc & 3;
  if (kind == ACC_FETCH) return (perms & (el0 ? PERM_X0 : PERM_X1)) != 0;
  if (!el0 && (acc & ACC_PAN) != 0 && (perms & PERM_R0) != 0) return false;
  if (kind == ACC_WRITE) return (perms & (el0 ? PERM_W0 : PERM_W1)) != 0;
  return (perms & (el0 ? PERM_R0 : PERM_R1)) != 0;
}

/**
 * Translates `va` in `regime` for an access `acc` (AArch64.FullTranslate()): true with outPA and the attributes,
 * or false with the fault. The caller has applied TBI (bits 63:56 of va are the sign extension of bit 55 when the
 * top byte is ignored). No side effects beyond the result variables and, when recording, the walk record.
 * FIXME(out-of-spec): hardware AF/dirty updates are not modelled.
 */
export function translate(va: u64, regime: u32, acc: u32): bool {
  walkFault = FAULT_NONE; outPA = 0; outIPA = 0; faultStage = 0; faultLevel = 0; faultS1ptw = false; faultIpa = 0;
  s1Level = -1; s2Level = -1; s1Perms = 0; s2Perms = 0; s1Attr = 0; s1SH = 0; s1nG = 0; s1BlockBits = 0;
  s2MemAttr = 0; s2SH = 0; s2BlockBits = 0; s1NS = 1; s1Asid = 0;
  const hcr = sr(HCR_EL2);
  // Stage 2 of EL1&0: HCR_EL2.VM (DC behaves as VM = 1), ignored while TGE = 1.
  const stage2 = regime == REGIME_EL10 && el2Enabled() && (hcr & ((1 << 12) | 1)) != 0 && (hcr & (1 << 27)) == 0;
  nestedStage2 = false;
  const sctlr = sr(regime == REGIME_EL10 ? SCTLR_EL1 : regime == REGIME_EL3 ? SCTLR_EL3 : SCTLR_EL2);
  let ipa: u64;
  // SCTLR_EL1.M behaves as 0 while HCR_EL2.TGE or DC is 1.
  const s1off = (sctlr & 1) == 0
    || (regime == REGIME_EL10 && el2Enabled() && (hcr & ((1 << 27) | (1 << 12))) != 0);
  if (s1off) {
    // Stage 1 off (AArch64.TranslateAddressS1Off()): flat, an Address size fault at level 0 above PAMax().
    // Data is Device-nGnRnE, or Normal Write-Back with HCR_EL2.DC.
    if ((va >> PA_MAX) != 0) return fault(FAULT_ADDRESS_SIZE, 1, 0, false, 0);
    ipa = va;
    s1Perms = PERM_R1 | PERM_W1 | PERM_X1 | PERM_R0 | PERM_W0 | PERM_X0;
    s1Attr = stage2 && (hcr & (1 << 12)) != 0 ? 0xff : 0;
    s1SH = 2;
    if (regime == REGIME_EL3 || (regime == REGIME_EL10 && !el2Enabled() && highestEL == 3)) s1NS = 0;
  } else {
    if (!firstStage(va, regime, acc, stage2, (sctlr & (1 << 19)) != 0)) return false;
    ipa = outIPA;
  }
  outIPA = ipa;
  if (!stage2 || (acc & ACC_S1ONLY) != 0) { outPA = ipa; return true; }
  if (!secondStage(ipa, false)) return false;
  outPA = walkOut;
  s2Level = walkLevel;
  s2BlockBits = walkBlockBits;
  s2MemAttr = <u32>(walkDesc >> 2) & 15;
  s2SH = <u32>(walkDesc >> 8) & 3;
  const s2ap = <u32>(walkDesc >> 6) & 3;
  s2Perms = ((s2ap & 1) != 0 ? PERM_S2R : 0) | ((s2ap & 2) != 0 ? PERM_S2W : 0) | (((walkDesc >> 54) & 1) == 0 ? PERM_S2X : 0);
  // AArch64.CheckS2Permission(): S2AP[0] read, S2AP[1] write, XN[54] execute.
  const kind = acc & 3;
  const need = kind == ACC_FETCH ? PERM_S2X : kind == ACC_WRITE ? PERM_S2W : PERM_S2R;
  if ((s2Perms & need) == 0) return fault(FAULT_PERMISSION, 2, walkLevel, false, ipa);
  return true;
}

/** Stage 1 of translate() with stage 1 enabled (AArch64.FirstStageTranslate()): sets outIPA. */
function firstStage(va: u64, regime: u32, acc: u32, stage2: bool, wxn: bool): bool {
  let tcr: u64, ttbr: u64, mair: u64;
  if (twoPrivilegeRegime(regime)) {
    // EL1&0, or EL2&0 whose TCR_EL2 has the TCR_EL1 layout.
    const el1 = regime == REGIME_EL10;
    tcr = sr(el1 ? TCR_EL1 : TCR_EL2);
    mair = sr(el1 ? MAIR_EL1 : MAIR_EL2);
    // The ASID comes from TTBR1 when TCR.A1, 16 bits when TCR.AS.
    const asidTtbr = sr((tcr & (1 << 22)) != 0 ? (el1 ? TTBR1_EL1 : TTBR1_EL2) : (el1 ? TTBR0_EL1 : TTBR0_EL2));
    s1Asid = <u32>(asidTtbr >> 48) & ((tcr & (<u64>1 << 36)) != 0 ? 0xffff : 0xff);
    const upper = ((va >> 55) & 1) != 0;
    if (upper) {
      // TTBR1: T1SZ[21:16], EPD1[23], TG1[31:30].
      inputsize = inputFromTxSZ(<u32>(tcr >> 16) & 63);
      grainsize = grainFromTG1(<u32>(tcr >> 30) & 3);
      ttbr = sr(el1 ? TTBR1_EL1 : TTBR1_EL2);
      if ((tcr & (1 << 23)) != 0 || (va >> inputsize) != (0xffffffffffffffff >> inputsize)) {
        return fault(FAULT_TRANSLATION, 1, 0, false, 0);
      }
    } else {
      inputsize = inputFromTxSZ(<u32>tcr & 63);
      grainsize = grainFromTG0(<u32>(tcr >> 14) & 3);
      ttbr = sr(el1 ? TTBR0_EL1 : TTBR0_EL2);
      if ((tcr & (1 << 7)) != 0 || (va >> inputsize) != 0) return fault(FAULT_TRANSLATION, 1, 0, false, 0);
    }
    outputsize = decodePS(<u32>(tcr >> 32) & 7);
  } else {
    tcr = sr(regime == REGIME_EL2 ? TCR_EL2 : TCR_EL3);
    ttbr = sr(regime == REGIME_EL2 ? TTBR0_EL2 : TTBR0_EL3);
    mair = sr(regime == REGIME_EL2 ? MAIR_EL2 : MAIR_EL3);
    inputsize = inputFromTxSZ(<u32>tcr & 63);
    grainsize = grainFromTG0(<u32>(tcr >> 14) & 3);
    outputsize = decodePS(<u32>(tcr >> 16) & 7);
    if ((va >> inputsize) != 0) return fault(FAULT_TRANSLATION, 1, 0, false, 0);
  }
  // Start level: 4 - RoundUp((inputsize - grainsize) / stride).
  const stride = grainsize - 3;
  const level = 4 - <i32>((inputsize - grainsize + stride - 1) / stride);
  baseReg = ttbr;
  nestedStage2 = stage2;
  if (!walk(va, level, 1, false)) return false;
  nestedStage2 = false;
  const desc = walkDesc;
  outIPA = walkOut;
  s1Level = walkLevel;
  s1BlockBits = walkBlockBits;
  s1Attr = <u32>(mair >> ((<u64>(desc >> 2) & 7) << 3)) & 0xff;
  s1SH = <u32>(desc >> 8) & 3;
  s1nG = <u32>(desc >> 11) & 1;
  s1Perms = stage1Perms(desc, regime, wxn);
  // The NS bit of the descriptor (and NSTable) counts in Secure regimes only: EL3, and EL1&0 while SCR_EL3.NS = 0.
  if (regime == REGIME_EL3 || (regime == REGIME_EL10 && !el2Enabled() && highestEL == 3)) {
    s1NS = nsTable != 0 ? 1 : <u32>(desc >> 5) & 1;
  }
  if (!stage1Allows(s1Perms, acc, regime)) return fault(FAULT_PERMISSION, 1, walkLevel, false, 0);
  return true;
}
