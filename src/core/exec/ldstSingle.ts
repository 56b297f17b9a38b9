// Handlers of single-register loads and stores (ARM ARM C6.2 LDR/STR and their B/H/SB/SH/SW, unscaled,
// unprivileged, pre/post-index, register-offset and literal forms; PRFM/PRFUM), named after the table's forms.
import { PC, setX } from '../state';
import { AccType, literalBase, memFault, readMem, setAccessSyndrome } from '../vmem';
import { extendReg, Index, LdSt, ldstFP, ldstGPR, loadV } from './ldstCommon';
import { signExtend } from '../pseudocode';

// LDRAA/LDRAB (ldst_pac) have no handler: the CPU model has no FEAT_PAuth, so they are UNDEFINED.

// Prefetches are hints: no access, no alignment or SP check, no fault.
@inline function prefetch(): void {}

// LDTR/STTR (ldst_unpriv) use AccType.Unpriv, which gives them EL0 permissions (vmem.ts unprivileged()).

// ldst_unscaled
export function STURB_ldst_unscaled(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 1, LdSt.Store, false, AccType.Normal); }
export function LDURB_ldst_unscaled(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 1, LdSt.Load, false, AccType.Normal); }
export function LDURSB_ldst_unscaled(opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 1, opc ? LdSt.LoadSigned32 : LdSt.LoadSigned64, opc == 0, AccType.Normal); }
export function STURH_ldst_unscaled(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 2, LdSt.Store, false, AccType.Normal); }
export function LDURH_ldst_unscaled(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 2, LdSt.Load, false, AccType.Normal); }
export function LDURSH_ldst_unscaled(opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 2, opc ? LdSt.LoadSigned32 : LdSt.LoadSigned64, opc == 0, AccType.Normal); }
export function STUR_ldst_unscaled(sf: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 4 << sf, LdSt.Store, sf != 0, AccType.Normal); }
export function LDUR_ldst_unscaled(sf: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 4 << sf, LdSt.Load, sf != 0, AccType.Normal); }
export function LDURSW_ldst_unscaled(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 4, LdSt.LoadSigned64, true, AccType.Normal); }
export function PRFUM_ldst_unscaled(imm9: u32, Rn: u32, Rt: u32): void { prefetch(); }
export function STUR_ldst_unscaled_fpsimd(size: u32, opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstFP(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 1 << (opc << 2 | size), false, AccType.Vec); }
export function LDUR_ldst_unscaled_fpsimd(size: u32, opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstFP(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 1 << (opc << 2 | size), true, AccType.Vec); }

// ldst_immpost
export function STRB_ldst_immpost(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Post, 1, LdSt.Store, false, AccType.Normal); }
export function LDRB_ldst_immpost(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Post, 1, LdSt.Load, false, AccType.Normal); }
export function LDRSB_ldst_immpost(opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Post, 1, opc ? LdSt.LoadSigned32 : LdSt.LoadSigned64, opc == 0, AccType.Normal); }
export function STRH_ldst_immpost(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Post, 2, LdSt.Store, false, AccType.Normal); }
export function LDRH_ldst_immpost(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Post, 2, LdSt.Load, false, AccType.Normal); }
export function LDRSH_ldst_immpost(opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Post, 2, opc ? LdSt.LoadSigned32 : LdSt.LoadSigned64, opc == 0, AccType.Normal); }
export function STR_ldst_immpost(sf: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Post, 4 << sf, LdSt.Store, sf != 0, AccType.Normal); }
export function LDR_ldst_immpost(sf: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Post, 4 << sf, LdSt.Load, sf != 0, AccType.Normal); }
export function LDRSW_ldst_immpost(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Post, 4, LdSt.LoadSigned64, true, AccType.Normal); }
export function STR_ldst_immpost_fpsimd(size: u32, opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstFP(Rn, Rt, signExtend(<u64>imm9, 9), Index.Post, 1 << (opc << 2 | size), false, AccType.Vec); }
export function LDR_ldst_immpost_fpsimd(size: u32, opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstFP(Rn, Rt, signExtend(<u64>imm9, 9), Index.Post, 1 << (opc << 2 | size), true, AccType.Vec); }

// ldst_immpre
export function STRB_ldst_immpre(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Pre, 1, LdSt.Store, false, AccType.Normal); }
export function LDRB_ldst_immpre(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Pre, 1, LdSt.Load, false, AccType.Normal); }
export function LDRSB_ldst_immpre(opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Pre, 1, opc ? LdSt.LoadSigned32 : LdSt.LoadSigned64, opc == 0, AccType.Normal); }
export function STRH_ldst_immpre(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Pre, 2, LdSt.Store, false, AccType.Normal); }
export function LDRH_ldst_immpre(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Pre, 2, LdSt.Load, false, AccType.Normal); }
export function LDRSH_ldst_immpre(opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Pre, 2, opc ? LdSt.LoadSigned32 : LdSt.LoadSigned64, opc == 0, AccType.Normal); }
export function STR_ldst_immpre(sf: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Pre, 4 << sf, LdSt.Store, sf != 0, AccType.Normal); }
export function LDR_ldst_immpre(sf: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Pre, 4 << sf, LdSt.Load, sf != 0, AccType.Normal); }
export function LDRSW_ldst_immpre(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Pre, 4, LdSt.LoadSigned64, true, AccType.Normal); }
export function STR_ldst_immpre_fpsimd(size: u32, opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstFP(Rn, Rt, signExtend(<u64>imm9, 9), Index.Pre, 1 << (opc << 2 | size), false, AccType.Vec); }
export function LDR_ldst_immpre_fpsimd(size: u32, opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstFP(Rn, Rt, signExtend(<u64>imm9, 9), Index.Pre, 1 << (opc << 2 | size), true, AccType.Vec); }

// ldst_unpriv
export function STTRB_ldst_unpriv(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 1, LdSt.Store, false, AccType.Unpriv); }
export function LDTRB_ldst_unpriv(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 1, LdSt.Load, false, AccType.Unpriv); }
export function LDTRSB_ldst_unpriv(opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 1, opc ? LdSt.LoadSigned32 : LdSt.LoadSigned64, opc == 0, AccType.Unpriv); }
export function STTRH_ldst_unpriv(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 2, LdSt.Store, false, AccType.Unpriv); }
export function LDTRH_ldst_unpriv(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 2, LdSt.Load, false, AccType.Unpriv); }
export function LDTRSH_ldst_unpriv(opc: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 2, opc ? LdSt.LoadSigned32 : LdSt.LoadSigned64, opc == 0, AccType.Unpriv); }
export function STTR_ldst_unpriv(sf: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 4 << sf, LdSt.Store, sf != 0, AccType.Unpriv); }
export function LDTR_ldst_unpriv(sf: u32, imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 4 << sf, LdSt.Load, sf != 0, AccType.Unpriv); }
export function LDTRSW_ldst_unpriv(imm9: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, signExtend(<u64>imm9, 9), Index.Offset, 4, LdSt.LoadSigned64, true, AccType.Unpriv); }

// ldst_regoff
export function STRB_ldst_regoff(Rm: u32, option: u32, S: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, extendReg(Rm, option, S ? 0 : 0), Index.Offset, 1, LdSt.Store, false, AccType.Normal); }
export function LDRB_ldst_regoff(Rm: u32, option: u32, S: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, extendReg(Rm, option, S ? 0 : 0), Index.Offset, 1, LdSt.Load, false, AccType.Normal); }
export function LDRSB_ldst_regoff(opc: u32, Rm: u32, option: u32, S: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, extendReg(Rm, option, S ? 0 : 0), Index.Offset, 1, opc ? LdSt.LoadSigned32 : LdSt.LoadSigned64, opc == 0, AccType.Normal); }
export function STRH_ldst_regoff(Rm: u32, option: u32, S: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, extendReg(Rm, option, S ? 1 : 0), Index.Offset, 2, LdSt.Store, false, AccType.Normal); }
export function LDRH_ldst_regoff(Rm: u32, option: u32, S: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, extendReg(Rm, option, S ? 1 : 0), Index.Offset, 2, LdSt.Load, false, AccType.Normal); }
export function LDRSH_ldst_regoff(opc: u32, Rm: u32, option: u32, S: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, extendReg(Rm, option, S ? 1 : 0), Index.Offset, 2, opc ? LdSt.LoadSigned32 : LdSt.LoadSigned64, opc == 0, AccType.Normal); }
export function STR_ldst_regoff(sf: u32, Rm: u32, option: u32, S: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, extendReg(Rm, option, S ? 2 + sf : 0), Index.Offset, 4 << sf, LdSt.Store, sf != 0, AccType.Normal); }
export function LDR_ldst_regoff(sf: u32, Rm: u32, option: u32, S: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, extendReg(Rm, option, S ? 2 + sf : 0), Index.Offset, 4 << sf, LdSt.Load, sf != 0, AccType.Normal); }
export function LDRSW_ldst_regoff(Rm: u32, option: u32, S: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, extendReg(Rm, option, S ? 2 : 0), Index.Offset, 4, LdSt.LoadSigned64, true, AccType.Normal); }
export function PRFM_ldst_regoff(Rm: u32, option: u32, S: u32, Rn: u32, Rt: u32): void { prefetch(); }
export function STR_ldst_regoff_fpsimd(size: u32, opc: u32, Rm: u32, option: u32, S: u32, Rn: u32, Rt: u32): void { ldstFP(Rn, Rt, extendReg(Rm, option, S ? (opc << 2 | size) : 0), Index.Offset, 1 << (opc << 2 | size), false, AccType.Vec); }
export function LDR_ldst_regoff_fpsimd(size: u32, opc: u32, Rm: u32, option: u32, S: u32, Rn: u32, Rt: u32): void { ldstFP(Rn, Rt, extendReg(Rm, option, S ? (opc << 2 | size) : 0), Index.Offset, 1 << (opc << 2 | size), true, AccType.Vec); }

// ldst_pos
export function STRB_ldst_pos(imm12: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, <u64>imm12 << 0, Index.Offset, 1, LdSt.Store, false, AccType.Normal); }
export function LDRB_ldst_pos(imm12: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, <u64>imm12 << 0, Index.Offset, 1, LdSt.Load, false, AccType.Normal); }
export function LDRSB_ldst_pos(opc: u32, imm12: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, <u64>imm12 << 0, Index.Offset, 1, opc ? LdSt.LoadSigned32 : LdSt.LoadSigned64, opc == 0, AccType.Normal); }
export function STRH_ldst_pos(imm12: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, <u64>imm12 << 1, Index.Offset, 2, LdSt.Store, false, AccType.Normal); }
export function LDRH_ldst_pos(imm12: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, <u64>imm12 << 1, Index.Offset, 2, LdSt.Load, false, AccType.Normal); }
export function LDRSH_ldst_pos(opc: u32, imm12: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, <u64>imm12 << 1, Index.Offset, 2, opc ? LdSt.LoadSigned32 : LdSt.LoadSigned64, opc == 0, AccType.Normal); }
export function STR_ldst_pos(sf: u32, imm12: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, <u64>imm12 << 2 + sf, Index.Offset, 4 << sf, LdSt.Store, sf != 0, AccType.Normal); }
export function LDR_ldst_pos(sf: u32, imm12: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, <u64>imm12 << 2 + sf, Index.Offset, 4 << sf, LdSt.Load, sf != 0, AccType.Normal); }
export function LDRSW_ldst_pos(imm12: u32, Rn: u32, Rt: u32): void { ldstGPR(Rn, Rt, <u64>imm12 << 2, Index.Offset, 4, LdSt.LoadSigned64, true, AccType.Normal); }
export function PRFM_ldst_pos(imm12: u32, Rn: u32, Rt: u32): void { prefetch(); }
export function STR_ldst_pos_fpsimd(size: u32, opc: u32, imm12: u32, Rn: u32, Rt: u32): void { ldstFP(Rn, Rt, <u64>imm12 << (opc << 2 | size), Index.Offset, 1 << (opc << 2 | size), false, AccType.Vec); }
export function LDR_ldst_pos_fpsimd(size: u32, opc: u32, imm12: u32, Rn: u32, Rt: u32): void { ldstFP(Rn, Rt, <u64>imm12 << (opc << 2 | size), Index.Offset, 1 << (opc << 2 | size), true, AccType.Vec); }

// loadlit: PC-relative, no SP base.
@inline function literalAddress(imm19: u32): u64 { return PC + (signExtend(<u64>imm19, 19) << 2); }

export function LDR_loadlit(sf: u32, imm19: u32, Rt: u32): void {
  literalBase();
  setAccessSyndrome(4 << sf, false, Rt, sf != 0, false);
  const v = readMem(literalAddress(imm19), 4 << sf, AccType.Normal);
  if (!memFault) setX(Rt, v);
}

export function LDRSW_loadlit(imm19: u32, Rt: u32): void {
  literalBase();
  setAccessSyndrome(4, true, Rt, true, false);
  const v = readMem(literalAddress(imm19), 4, AccType.Normal);
  if (!memFault) setX(Rt, signExtend(v, 32));
}

export function PRFM_loadlit(imm19: u32, Rt: u32): void { prefetch(); }

export function LDR_loadlit_fpsimd(opc: u32, imm19: u32, Rt: u32): void {
  literalBase();
  loadV(literalAddress(imm19), Rt, 4 << opc, AccType.Vec);
}
