// Handlers of the AdvSIMD vector FP rows with one source (ARM ARM C7: two-register misc and its FP16 form,
// across lanes, fixed-point shifts, FCVTN/FCVTXN/FCVTL, FMOV vector immediate).
import { vfpExpandImm } from '../fp/convert';
import { fpRoundingMode, RODD } from '../fp/core';
import {
  B_MAX, B_MAXNM, B_MIN, B_MINNM, U_ABS, U_CMEQ0, U_CMGE0, U_CMGT0, U_CMLE0, U_CMLT0, U_CVTS, U_CVTU, U_NEG, U_RECPE,
  U_RINTA, U_RINTI, U_RINTM, U_RINTN, U_RINTP, U_RINTX, U_RINTZ, U_RSQRTE, U_SCVTF, U_SQRT, U_UCVTF,
} from '../fp/ops';
import { decodeFixedShift, fixedShift, narrow, shiftN, vecReduce, vecUnary, widen } from '../fp/simd';
import { clearHigh, setElem } from '../fp/vreg';
import { FPCR } from '../state';

export function FCVTN_V2__asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { narrow(Q, sz ? 32 : 16, Rn, Rd, fpRoundingMode(FPCR)); }
export function FCVTXN_V2__asimdmisc(Q: u32, Rn: u32, Rd: u32): void { narrow(Q, 32, Rn, Rd, RODD); }
export function FCVTL_V2__asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { widen(Q, sz ? 32 : 16, Rn, Rd); }

/** FMOV (vector, immediate): the expanded immediate in every element. */
function fmovVector(Q: u32, N: u32, imm8: u32, Rd: u32): void {
  const v = vfpExpandImm(imm8, N);
  const n = (Q ? <u32>128 : 64) / N;
  for (let e: u32 = 0; e < n; e++) setElem(Rd, e, N, v);
  if (!Q) clearHigh(Rd);
}

export function FMOV_asimdimm_S(Q: u32, abc: u32, defgh: u32, Rd: u32): void { fmovVector(Q, 32, (abc << 5) | defgh, Rd); }
export function FMOV_asimdimm_H(Q: u32, abc: u32, defgh: u32, Rd: u32): void { fmovVector(Q, 16, (abc << 5) | defgh, Rd); }
export function FMOV_asimdimm_D(abc: u32, defgh: u32, Rd: u32): void { fmovVector(1, 64, (abc << 5) | defgh, Rd); }

export function FRINTN_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTN, Q, sz ? 64 : 32, Rn, Rd); }
export function FRINTM_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTM, Q, sz ? 64 : 32, Rn, Rd); }
export function FCVTNS_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTS + 0, Q, sz ? 64 : 32, Rn, Rd); }
export function FCVTMS_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTS + 2, Q, sz ? 64 : 32, Rn, Rd); }
export function FCVTAS_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTS + 4, Q, sz ? 64 : 32, Rn, Rd); }
export function SCVTF_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_SCVTF, Q, sz ? 64 : 32, Rn, Rd); }
export function FCMGT_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CMGT0, Q, sz ? 64 : 32, Rn, Rd); }
export function FCMEQ_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CMEQ0, Q, sz ? 64 : 32, Rn, Rd); }
export function FCMLT_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CMLT0, Q, sz ? 64 : 32, Rn, Rd); }
export function FABS_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_ABS, Q, sz ? 64 : 32, Rn, Rd); }
export function FRINTP_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTP, Q, sz ? 64 : 32, Rn, Rd); }
export function FRINTZ_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTZ, Q, sz ? 64 : 32, Rn, Rd); }
export function FCVTPS_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTS + 1, Q, sz ? 64 : 32, Rn, Rd); }
export function FCVTZS_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTS + 3, Q, sz ? 64 : 32, Rn, Rd); }
export function FRECPE_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_RECPE, Q, sz ? 64 : 32, Rn, Rd); }
export function FRINTA_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTA, Q, sz ? 64 : 32, Rn, Rd); }
export function FRINTX_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTX, Q, sz ? 64 : 32, Rn, Rd); }
export function FCVTNU_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTU + 0, Q, sz ? 64 : 32, Rn, Rd); }
export function FCVTMU_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTU + 2, Q, sz ? 64 : 32, Rn, Rd); }
export function FCVTAU_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTU + 4, Q, sz ? 64 : 32, Rn, Rd); }
export function UCVTF_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_UCVTF, Q, sz ? 64 : 32, Rn, Rd); }
export function FCMGE_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CMGE0, Q, sz ? 64 : 32, Rn, Rd); }
export function FCMLE_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CMLE0, Q, sz ? 64 : 32, Rn, Rd); }
export function FNEG_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_NEG, Q, sz ? 64 : 32, Rn, Rd); }
export function FRINTI_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTI, Q, sz ? 64 : 32, Rn, Rd); }
export function FCVTPU_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTU + 1, Q, sz ? 64 : 32, Rn, Rd); }
export function FCVTZU_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTU + 3, Q, sz ? 64 : 32, Rn, Rd); }
export function FRSQRTE_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_RSQRTE, Q, sz ? 64 : 32, Rn, Rd); }
export function FSQRT_asimdmisc(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecUnary(U_SQRT, Q, sz ? 64 : 32, Rn, Rd); }
export function FRINTN_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTN, Q, 16, Rn, Rd); }
export function FRINTM_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTM, Q, 16, Rn, Rd); }
export function FCVTNS_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTS + 0, Q, 16, Rn, Rd); }
export function FCVTMS_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTS + 2, Q, 16, Rn, Rd); }
export function FCVTAS_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTS + 4, Q, 16, Rn, Rd); }
export function SCVTF_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_SCVTF, Q, 16, Rn, Rd); }
export function FCMGT_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CMGT0, Q, 16, Rn, Rd); }
export function FCMEQ_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CMEQ0, Q, 16, Rn, Rd); }
export function FCMLT_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CMLT0, Q, 16, Rn, Rd); }
export function FABS_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_ABS, Q, 16, Rn, Rd); }
export function FRINTP_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTP, Q, 16, Rn, Rd); }
export function FRINTZ_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTZ, Q, 16, Rn, Rd); }
export function FCVTPS_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTS + 1, Q, 16, Rn, Rd); }
export function FCVTZS_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTS + 3, Q, 16, Rn, Rd); }
export function FRECPE_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_RECPE, Q, 16, Rn, Rd); }
export function FRINTA_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTA, Q, 16, Rn, Rd); }
export function FRINTX_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTX, Q, 16, Rn, Rd); }
export function FCVTNU_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTU + 0, Q, 16, Rn, Rd); }
export function FCVTMU_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTU + 2, Q, 16, Rn, Rd); }
export function FCVTAU_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTU + 4, Q, 16, Rn, Rd); }
export function UCVTF_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_UCVTF, Q, 16, Rn, Rd); }
export function FCMGE_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CMGE0, Q, 16, Rn, Rd); }
export function FCMLE_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CMLE0, Q, 16, Rn, Rd); }
export function FNEG_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_NEG, Q, 16, Rn, Rd); }
export function FRINTI_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_RINTI, Q, 16, Rn, Rd); }
export function FCVTPU_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTU + 1, Q, 16, Rn, Rd); }
export function FCVTZU_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_CVTU + 3, Q, 16, Rn, Rd); }
export function FRSQRTE_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_RSQRTE, Q, 16, Rn, Rd); }
export function FSQRT_asimdmiscfp16(Q: u32, Rn: u32, Rd: u32): void { vecUnary(U_SQRT, Q, 16, Rn, Rd); }
export function FMAXNMV_asimdall(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecReduce(B_MAXNM, Q, 32, Rn, Rd); }
export function FMINNMV_asimdall(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecReduce(B_MINNM, Q, 32, Rn, Rd); }
export function FMAXV_asimdall(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecReduce(B_MAX, Q, 32, Rn, Rd); }
export function FMINV_asimdall(Q: u32, sz: u32, Rn: u32, Rd: u32): void { vecReduce(B_MIN, Q, 32, Rn, Rd); }
export function FMAXNMV_asimdall_fp16(Q: u32, Rn: u32, Rd: u32): void { vecReduce(B_MAXNM, Q, 16, Rn, Rd); }
export function FMINNMV_asimdall_fp16(Q: u32, Rn: u32, Rd: u32): void { vecReduce(B_MINNM, Q, 16, Rn, Rd); }
export function FMAXV_asimdall_fp16(Q: u32, Rn: u32, Rd: u32): void { vecReduce(B_MAX, Q, 16, Rn, Rd); }
export function FMINV_asimdall_fp16(Q: u32, Rn: u32, Rd: u32): void { vecReduce(B_MIN, Q, 16, Rn, Rd); }
export function SCVTF_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { decodeFixedShift(immh, immb); fixedShift(false, false, (Q ? <u32>128 : 64) / shiftN, Q, Rn, Rd, false); }
export function UCVTF_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { decodeFixedShift(immh, immb); fixedShift(false, true, (Q ? <u32>128 : 64) / shiftN, Q, Rn, Rd, false); }
export function FCVTZS_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { decodeFixedShift(immh, immb); fixedShift(true, false, (Q ? <u32>128 : 64) / shiftN, Q, Rn, Rd, false); }
export function FCVTZU_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { decodeFixedShift(immh, immb); fixedShift(true, true, (Q ? <u32>128 : 64) / shiftN, Q, Rn, Rd, false); }
