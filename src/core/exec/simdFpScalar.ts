// Handlers of the AdvSIMD scalar FP rows (ARM ARM C7: scalar pairwise, three same, two-register misc, shift by
// immediate and by element, FP16 included); each is one call into the element loops of fp/simd.ts.
import { fpConvert } from '../fp/convert';
import { RODD } from '../fp/core';
import {
  B_ABD, B_ACGE, B_ACGT, B_ADD, B_CMEQ, B_CMGE, B_CMGT, B_MAX, B_MAXNM, B_MIN, B_MINNM, B_MLA, B_MLS, B_MUL, B_MULX,
  B_RECPS, B_RSQRTS, U_CMEQ0, U_CMGE0, U_CMGT0, U_CMLE0, U_CMLT0, U_CVTS, U_CVTU, U_RECPE, U_RECPX, U_RSQRTE,
  U_SCVTF, U_UCVTF,
} from '../fp/ops';
import { decodeFixedShift, fixedShift, scalarBinary, scalarPairwise, scalarUnary } from '../fp/simd';
import { elem, setScalar } from '../fp/vreg';
import { FPCR } from '../state';

// The scalar by-element encodings: size 0 half (index H:L:M, Vm 0-15), 2 single (H:L), 3 double (H).
@inline function elemSize(size: u32): u32 { return size == 0 ? 16 : size == 2 ? 32 : 64; }
@inline function elemReg(size: u32, M: u32, Rm: u32): u32 { return size == 0 ? Rm : (M << 4) | Rm; }
@inline function elemIndex(size: u32, H: u32, L: u32, M: u32): u32 { return size == 0 ? (H << 2) | (L << 1) | M : size == 2 ? (H << 1) | L : H; }

/** FCVTXN (scalar): double to single rounding to odd. */
export function FCVTXN_simd_scalar_misc(Rn: u32, Rd: u32): void { setScalar(Rd, fpConvert(elem(Rn, 0, 64), 64, 32, FPCR, RODD), 32); }

export function FMAXNMP_simd_scalar_pair(U: u32, sz: u32, Rn: u32, Rd: u32): void { scalarPairwise(B_MAXNM, U == 0 ? 16 : sz ? 64 : 32, Rn, Rd); }
export function FADDP_simd_scalar_pair(U: u32, sz: u32, Rn: u32, Rd: u32): void { scalarPairwise(B_ADD, U == 0 ? 16 : sz ? 64 : 32, Rn, Rd); }
export function FMAXP_simd_scalar_pair(U: u32, sz: u32, Rn: u32, Rd: u32): void { scalarPairwise(B_MAX, U == 0 ? 16 : sz ? 64 : 32, Rn, Rd); }
export function FMINNMP_simd_scalar_pair(U: u32, sz: u32, Rn: u32, Rd: u32): void { scalarPairwise(B_MINNM, U == 0 ? 16 : sz ? 64 : 32, Rn, Rd); }
export function FMINP_simd_scalar_pair(U: u32, sz: u32, Rn: u32, Rd: u32): void { scalarPairwise(B_MIN, U == 0 ? 16 : sz ? 64 : 32, Rn, Rd); }
export function FMULX_simd_scalar_3same(sz: u32, Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_MULX, sz ? 64 : 32, Rm, 0, Rn, Rd); }
export function FCMEQ_simd_scalar_3same(sz: u32, Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_CMEQ, sz ? 64 : 32, Rm, 0, Rn, Rd); }
export function FRECPS_simd_scalar_3same(sz: u32, Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_RECPS, sz ? 64 : 32, Rm, 0, Rn, Rd); }
export function FRSQRTS_simd_scalar_3same(sz: u32, Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_RSQRTS, sz ? 64 : 32, Rm, 0, Rn, Rd); }
export function FCMGE_simd_scalar_3same(sz: u32, Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_CMGE, sz ? 64 : 32, Rm, 0, Rn, Rd); }
export function FACGE_simd_scalar_3same(sz: u32, Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_ACGE, sz ? 64 : 32, Rm, 0, Rn, Rd); }
export function FABD_simd_scalar_3same(sz: u32, Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_ABD, sz ? 64 : 32, Rm, 0, Rn, Rd); }
export function FCMGT_simd_scalar_3same(sz: u32, Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_CMGT, sz ? 64 : 32, Rm, 0, Rn, Rd); }
export function FACGT_simd_scalar_3same(sz: u32, Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_ACGT, sz ? 64 : 32, Rm, 0, Rn, Rd); }
export function FMULX_simd_scalar_3same_fp16(Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_MULX, 16, Rm, 0, Rn, Rd); }
export function FCMEQ_simd_scalar_3same_fp16(Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_CMEQ, 16, Rm, 0, Rn, Rd); }
export function FRECPS_simd_scalar_3same_fp16(Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_RECPS, 16, Rm, 0, Rn, Rd); }
export function FRSQRTS_simd_scalar_3same_fp16(Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_RSQRTS, 16, Rm, 0, Rn, Rd); }
export function FCMGE_simd_scalar_3same_fp16(Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_CMGE, 16, Rm, 0, Rn, Rd); }
export function FACGE_simd_scalar_3same_fp16(Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_ACGE, 16, Rm, 0, Rn, Rd); }
export function FABD_simd_scalar_3same_fp16(Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_ABD, 16, Rm, 0, Rn, Rd); }
export function FCMGT_simd_scalar_3same_fp16(Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_CMGT, 16, Rm, 0, Rn, Rd); }
export function FACGT_simd_scalar_3same_fp16(Rm: u32, Rn: u32, Rd: u32): void { scalarBinary(B_ACGT, 16, Rm, 0, Rn, Rd); }
export function FCVTNS_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CVTS + 0, sz ? 64 : 32, Rn, Rd); }
export function FCVTMS_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CVTS + 2, sz ? 64 : 32, Rn, Rd); }
export function FCVTAS_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CVTS + 4, sz ? 64 : 32, Rn, Rd); }
export function SCVTF_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_SCVTF, sz ? 64 : 32, Rn, Rd); }
export function FCMGT_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CMGT0, sz ? 64 : 32, Rn, Rd); }
export function FCMEQ_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CMEQ0, sz ? 64 : 32, Rn, Rd); }
export function FCMLT_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CMLT0, sz ? 64 : 32, Rn, Rd); }
export function FCVTPS_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CVTS + 1, sz ? 64 : 32, Rn, Rd); }
export function FCVTZS_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CVTS + 3, sz ? 64 : 32, Rn, Rd); }
export function FRECPE_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_RECPE, sz ? 64 : 32, Rn, Rd); }
export function FRECPX_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_RECPX, sz ? 64 : 32, Rn, Rd); }
export function FCVTNU_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CVTU + 0, sz ? 64 : 32, Rn, Rd); }
export function FCVTMU_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CVTU + 2, sz ? 64 : 32, Rn, Rd); }
export function FCVTAU_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CVTU + 4, sz ? 64 : 32, Rn, Rd); }
export function UCVTF_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_UCVTF, sz ? 64 : 32, Rn, Rd); }
export function FCMGE_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CMGE0, sz ? 64 : 32, Rn, Rd); }
export function FCMLE_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CMLE0, sz ? 64 : 32, Rn, Rd); }
export function FCVTPU_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CVTU + 1, sz ? 64 : 32, Rn, Rd); }
export function FCVTZU_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_CVTU + 3, sz ? 64 : 32, Rn, Rd); }
export function FRSQRTE_simd_scalar_misc(sz: u32, Rn: u32, Rd: u32): void { scalarUnary(U_RSQRTE, sz ? 64 : 32, Rn, Rd); }
export function FCVTNS_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CVTS + 0, 16, Rn, Rd); }
export function FCVTMS_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CVTS + 2, 16, Rn, Rd); }
export function FCVTAS_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CVTS + 4, 16, Rn, Rd); }
export function SCVTF_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_SCVTF, 16, Rn, Rd); }
export function FCMGT_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CMGT0, 16, Rn, Rd); }
export function FCMEQ_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CMEQ0, 16, Rn, Rd); }
export function FCMLT_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CMLT0, 16, Rn, Rd); }
export function FCVTPS_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CVTS + 1, 16, Rn, Rd); }
export function FCVTZS_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CVTS + 3, 16, Rn, Rd); }
export function FRECPE_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_RECPE, 16, Rn, Rd); }
export function FRECPX_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_RECPX, 16, Rn, Rd); }
export function FCVTNU_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CVTU + 0, 16, Rn, Rd); }
export function FCVTMU_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CVTU + 2, 16, Rn, Rd); }
export function FCVTAU_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CVTU + 4, 16, Rn, Rd); }
export function UCVTF_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_UCVTF, 16, Rn, Rd); }
export function FCMGE_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CMGE0, 16, Rn, Rd); }
export function FCMLE_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CMLE0, 16, Rn, Rd); }
export function FCVTPU_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CVTU + 1, 16, Rn, Rd); }
export function FCVTZU_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_CVTU + 3, 16, Rn, Rd); }
export function FRSQRTE_simd_scalar_misc_fp16(Rn: u32, Rd: u32): void { scalarUnary(U_RSQRTE, 16, Rn, Rd); }
export function SCVTF_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { decodeFixedShift(immh, immb); fixedShift(false, false, 1, 0, Rn, Rd, true); }
export function FCVTZS_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { decodeFixedShift(immh, immb); fixedShift(true, false, 1, 0, Rn, Rd, true); }
export function UCVTF_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { decodeFixedShift(immh, immb); fixedShift(false, true, 1, 0, Rn, Rd, true); }
export function FCVTZU_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { decodeFixedShift(immh, immb); fixedShift(true, true, 1, 0, Rn, Rd, true); }
export function FMLA_simd_scalar_elem(size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { scalarBinary(B_MLA, elemSize(size), elemReg(size, M, Rm), elemIndex(size, H, L, M), Rn, Rd); }
export function FMLS_simd_scalar_elem(size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { scalarBinary(B_MLS, elemSize(size), elemReg(size, M, Rm), elemIndex(size, H, L, M), Rn, Rd); }
export function FMUL_simd_scalar_elem(size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { scalarBinary(B_MUL, elemSize(size), elemReg(size, M, Rm), elemIndex(size, H, L, M), Rn, Rd); }
export function FMULX_simd_scalar_elem(size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { scalarBinary(B_MULX, elemSize(size), elemReg(size, M, Rm), elemIndex(size, H, L, M), Rn, Rd); }
