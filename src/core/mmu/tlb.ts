// The TLB: a direct-mapped cache of walker results (walk.ts) per 4 KB VA page, tagged with the translation context
// (regime, VMID, ASID or global), so that a hit costs a few loads and compares. Also the translation context of the
// current EL (regime, ASID, VMID, TBI), recomputed whenever translationEpoch moves, and the TLBI invalidations.
import {
  HCR_EL2, MAIR_EL1, MAIR_EL2, MAIR_EL3, SCR_EL3, SCTLR_EL1, SCTLR_EL2, SCTLR_EL3, TCR_EL1, TCR_EL2, TCR_EL3, TTBR0_EL1,
  TTBR0_EL2, TTBR0_EL3, TTBR1_EL1, TTBR1_EL2, VTCR_EL2, VTTBR_EL2,
} from '../generated/sysregs';
import { el2Enabled } from '../exception';
import { currentEL } from '../state';
import { sr } from '../sysregs';
import {
  outPA, PERM_R0, PERM_R1, PERM_S2R, PERM_S2W, PERM_S2X, PERM_W0, PERM_W1, PERM_X0, PERM_X1, REGIME_EL10, REGIME_EL2,
  REGIME_EL20, REGIME_EL3, s1Attr, s1BlockBits, s1nG, s1Perms, s2BlockBits, s2Level, s2MemAttr, s2Perms,
} from './walk';

/**
 * Bumped by everything after which a cached translation or fetch page may be stale: TLB invalidation, writes to the
 * registers that control translation, exception entry and return. The execute loop's fetch cache compares it.
 */
export let translationEpoch: u32 = 1;
@inline export function bumpTranslationEpoch(): void { translationEpoch++; }

const TLB_ENTRIES: u32 = 256;
const TLB_ENTRY_SIZE: u32 = 32;
/** Entry: VA page | 1 (0 = invalid), context tag, PA page, flags (u32), block size log2 (u32). */
const tlb: usize = memory.data(<i32>(TLB_ENTRIES * TLB_ENTRY_SIZE), 16);

/** Where the entries are, for the debugger's `tlb` command (TLB_ENTRIES entries of TLB_ENTRY_SIZE bytes). */
export function tlbPointer(): usize { return tlb; }

/** Entry flags: the accesses allowed by both stages, the PAN condition (EL0 can read), Device memory. */
export const TLB_R1: u32 = 1, TLB_W1: u32 = 2, TLB_X1: u32 = 4, TLB_R0: u32 = 8, TLB_W0: u32 = 16, TLB_X0: u32 = 32;
export const TLB_PAN: u32 = 64, TLB_DEVICE: u32 = 128;

/** The VMID (VTTBR_EL2.VMID): 16 bits with VTCR_EL2.VS = 1 (ID_AA64MMFR1_EL1.VMIDBits says 16), else 8. */
export function currentVmid(): u32 {
  if (!el2Enabled()) return 0;
  const vmid = <u32>(sr(VTTBR_EL2) >> 48) & 0xffff;
  return (sr(VTCR_EL2) >> 19) & 1 ? vmid : vmid & 0xff;
}

/** Context tag: regime in bits 2:0, VMID in 23:8, ASID in 39:24, bit 40 set for global (nG = 0) entries. */
const TAG_ASID_SHIFT: u64 = 24;
const TAG_ASID_MASK: u64 = 0xffff << TAG_ASID_SHIFT;
const TAG_GLOBAL: u64 = <u64>1 << 40;

// The translation context of the current EL, valid while contextEpoch == translationEpoch.
let contextEpoch: u32 = 0;
export let ctxRegime: u32 = REGIME_EL10;
/** Neither stage 1 nor stage 2 translates: VA = PA (the TLB is not used). */
export let ctxFlat: bool = true;
let ctxTag: u64 = 0;
let ctxTagGlobal: u64 = 0;
/** TCR TBI0/TBI1 (bit 0 / bit 1): the top byte of data addresses is ignored. */
let ctxTbi: u32 = 0;
export let ctxVmid: u32 = 0;
let ctxStage2: bool = false;

const HCR_VM: u64 = 1, HCR_DC: u64 = 1 << 12, HCR_TGE: u64 = 1 << 27, HCR_E2H: u64 = <u64>1 << 34;

/** The translation regime of the current EL (ARM ARM TranslationRegime()). */
export function currentRegime(): u32 {
  const el = currentEL();
  if (el == 3) return REGIME_EL3;
  const hcr = el2Enabled() ? sr(HCR_EL2) : 0;
  if (el == 2) return (hcr & HCR_E2H) != 0 ? REGIME_EL20 : REGIME_EL2;
  if (el == 0 && (hcr & (HCR_E2H | HCR_TGE)) == (HCR_E2H | HCR_TGE)) return REGIME_EL20;
  return REGIME_EL10;
}

/** Recomputes the context after translationEpoch moved (inlined test at the callers). */
export function refreshContext(): void {
  contextEpoch = translationEpoch;
  const regime = currentRegime();
  ctxRegime = regime;
  const hcr = el2Enabled() ? sr(HCR_EL2) : 0;
  ctxStage2 = regime == REGIME_EL10 && (hcr & (HCR_VM | HCR_DC)) != 0 && (hcr & HCR_TGE) == 0;
  const sctlr = sr(regime == REGIME_EL10 ? SCTLR_EL1 : regime == REGIME_EL3 ? SCTLR_EL3 : SCTLR_EL2);
  // SCTLR_EL1.M behaves as 0 while HCR_EL2.TGE (or DC, which turns stage 2 on) is 1.
  ctxFlat = ((sctlr & 1) == 0 || (regime == REGIME_EL10 && (hcr & HCR_TGE) != 0)) && !ctxStage2;
  // EL1&0 translations are tagged with the VMID whenever EL2 is enabled, stage 2 on or off.
  ctxVmid = regime == REGIME_EL10 && el2Enabled() ? currentVmid() : 0;
  let asid: u32 = 0;
  if (regime == REGIME_EL10 || regime == REGIME_EL20) {
    const el1 = regime == REGIME_EL10;
    const tcr = sr(el1 ? TCR_EL1 : TCR_EL2);
    const ttbr = sr((tcr & (1 << 22)) != 0 ? (el1 ? TTBR1_EL1 : TTBR1_EL2) : (el1 ? TTBR0_EL1 : TTBR0_EL2));
    asid = <u32>(ttbr >> 48) & ((tcr & (<u64>1 << 36)) != 0 ? 0xffff : 0xff);
    ctxTbi = <u32>(tcr >> 37) & 3;
  } else {
    // TCR_EL2 (E2H = 0) and TCR_EL3: one TBI bit, 20.
    ctxTbi = (sr(regime == REGIME_EL2 ? TCR_EL2 : TCR_EL3) & (1 << 20)) != 0 ? 1 : 0;
  }
  const base = <u64>regime | (<u64>ctxVmid << 8);
  ctxTag = base | (<u64>asid << TAG_ASID_SHIFT);
  ctxTagGlobal = base | TAG_GLOBAL;
}

@inline export function checkContext(): void { if (contextEpoch != translationEpoch) refreshContext(); }

/** AArch64 TBI on a data address: with the top byte ignored, bits 63:56 become copies of bit 55 (AddrTop()). */
@inline export function stripTag(va: u64): u64 {
  if (ctxTbi == 0) return va;
  const upper = ((va >> 55) & 1) != 0;
  if ((ctxTbi & (upper && (ctxRegime == REGIME_EL10 || ctxRegime == REGIME_EL20) ? 2 : 1)) == 0) return va;
  return upper ? va | 0xff00000000000000 : va & 0x00ffffffffffffff;
}

@inline function entryOf(va: u64): usize { return tlb + <usize>((<u32>(va >> 12) & (TLB_ENTRIES - 1)) * TLB_ENTRY_SIZE); }

/** The PA page and flags of a hit are left here by lookup(). */
export let hitPA: u64 = 0;
export let hitFlags: u32 = 0;

/** Looks va up in the current context: true on a hit (hitPA: PA of the page, hitFlags). */
@inline export function lookup(va: u64): bool {
  const e = entryOf(va);
  if (load<u64>(e) != ((va & ~<u64>0xfff) | 1)) return false;
  const tag = load<u64>(e, 8);
  if (tag != ctxTag && tag != ctxTagGlobal) return false;
  hitPA = load<u64>(e, 16);
  hitFlags = load<u32>(e, 24);
  return true;
}

/** Memory type of the last successful walk: Device when stage 1 or stage 2 says Device (the combination rule). */
export function walkIsDevice(): bool {
  return (s1Attr & 0xf0) == 0 || (s2Level >= 0 && (s2MemAttr & 0xc) == 0);
}

/** Caches the last successful walk of va (walk.ts results) in the current context. */
export function insert(va: u64): void {
  const e = entryOf(va);
  const p1 = s1Perms;
  let s2: u32 = PERM_S2R | PERM_S2W | PERM_S2X;
  if (s2Level >= 0) s2 = s2Perms;
  let f: u32 = 0;
  if ((s2 & PERM_S2R) != 0) f |= ((p1 & PERM_R1) != 0 ? TLB_R1 : 0) | ((p1 & PERM_R0) != 0 ? TLB_R0 : 0);
  if ((s2 & PERM_S2W) != 0) f |= ((p1 & PERM_W1) != 0 ? TLB_W1 : 0) | ((p1 & PERM_W0) != 0 ? TLB_W0 : 0);
  if ((s2 & PERM_S2X) != 0) f |= ((p1 & PERM_X1) != 0 ? TLB_X1 : 0) | ((p1 & PERM_X0) != 0 ? TLB_X0 : 0);
  if ((p1 & PERM_R0) != 0) f |= TLB_PAN;
  if (walkIsDevice()) f |= TLB_DEVICE;
  // The entry covers the smaller of the two stages' blocks (a 4 KB slice is cached; TLBI by VA uses the size).
  let bits: u32 = s1BlockBits == 0 ? 12 : s1BlockBits;
  if (s2Level >= 0 && s2BlockBits < bits) bits = s2BlockBits;
  const global = s1nG == 0 || !(ctxRegime == REGIME_EL10 || ctxRegime == REGIME_EL20);
  store<u64>(e, (va & ~<u64>0xfff) | 1);
  store<u64>(e, global ? ctxTagGlobal : ctxTag, 8);
  store<u64>(e, outPA & ~<u64>0xfff, 16);
  store<u32>(e, f, 24);
  store<u32>(e, bits, 28);
}

/** Drops every entry (TLBI ALL forms, translation register writes, the host changing state). */
export function flushAll(): void {
  memory.fill(tlb, 0, <usize>(TLB_ENTRIES * TLB_ENTRY_SIZE));
  bumpTranslationEpoch();
}

/** TLBI selection: which entries an invalidation drops. */
export const MATCH_VA: u32 = 1, MATCH_ASID: u32 = 2, MATCH_VMID: u32 = 4;

/**
 * Drops the entries of `regime` (VMID `vmid` when MATCH_VMID) that translate va (MATCH_VA: VA[55:12] << 12, within
 * the entry's block) and belong to ASID `asid` or are global (MATCH_ASID; global entries survive an ASID-only invalidation).
 * Entries combine both stages, so invalidations by IPA use flushStage2() instead.
 */
export function invalidate(regime: u32, match: u32, va: u64, asid: u32, vmid: u32): void {
  for (let i: u32 = 0; i < TLB_ENTRIES; i++) {
    const e = tlb + <usize>(i * TLB_ENTRY_SIZE);
    const page = load<u64>(e);
    if (page == 0) continue;
    const tag = load<u64>(e, 8);
    if (<u32>(tag & 7) != regime) continue;
    if ((match & MATCH_VMID) != 0 && (<u32>(tag >> 8) & 0xffff) != vmid) continue;
    const global = (tag & TAG_GLOBAL) != 0;
    if ((match & MATCH_ASID) != 0) {
      if (global) { if ((match & MATCH_VA) == 0) continue; }
      else if (<u32>((tag & TAG_ASID_MASK) >> TAG_ASID_SHIFT) != asid) continue;
    }
    // The TLBI operand carries VA[55:12]: compare bits 55:bits, where bits is the block size of the entry.
    if ((match & MATCH_VA) != 0 && (((page & 0x00fffffffffff000) ^ va) >> <u64>load<u32>(e, 28)) != 0) continue;
    store<u64>(e, 0);
  }
  bumpTranslationEpoch();
}

/** Drops every entry of the EL1&0 regime with stage 2 for `vmid` (TLBI IPAS2*: combined entries, conservatively). */
export function flushStage2(vmid: u32): void { invalidate(REGIME_EL10, MATCH_VMID, 0, 0, vmid); }

/**
 * A write to a system register: those that control translation (SCTLR, TCR, TTBR, MAIR, HCR_EL2, VTCR, VTTBR,
 * SCR_EL3) flush the TLB and move the epoch (the architecture allows them to be cached; we never keep stale ones).
 */
export function systemRegisterWritten(idx: i32): void {
  if (idx == SCTLR_EL1 || idx == SCTLR_EL2 || idx == SCTLR_EL3 || idx == TCR_EL1 || idx == TCR_EL2 || idx == TCR_EL3
    || idx == TTBR0_EL1 || idx == TTBR1_EL1 || idx == TTBR0_EL2 || idx == TTBR1_EL2 || idx == TTBR0_EL3
    || idx == MAIR_EL1 || idx == MAIR_EL2 || idx == MAIR_EL3 || idx == HCR_EL2 || idx == VTCR_EL2 || idx == VTTBR_EL2
    || idx == SCR_EL3) flushAll();
}
