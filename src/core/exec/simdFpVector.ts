// Handlers of the AdvSIMD vector FP rows with two sources (ARM ARM C7: three same, FP16 three same, pairwise and
// by element); each is one call into the element loops of fp/simd.ts.
import {
  B_ABD, B_ACGE, B_ACGT, B_ADD, B_CMEQ, B_CMGE, B_CMGT, B_DIV, B_MAX, B_MAXNM, B_MIN, B_MINNM, B_MLA, B_MLS, B_MUL,
  B_MULX, B_RECPS, B_RSQRTS, B_SUB,
} from '../fp/ops';
import { vecBinary, vecByElement, vecPairwise } from '../fp/simd';

export function FMAXNM_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MAXNM, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FMLA_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MLA, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FADD_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_ADD, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FMULX_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MULX, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FCMEQ_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_CMEQ, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FMAX_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MAX, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FRECPS_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_RECPS, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FMINNM_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MINNM, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FMLS_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MLS, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FSUB_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_SUB, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FMIN_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MIN, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FRSQRTS_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_RSQRTS, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FMAXNMP_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecPairwise(B_MAXNM, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FADDP_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecPairwise(B_ADD, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FMUL_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MUL, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FCMGE_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_CMGE, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FACGE_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_ACGE, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FMAXP_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecPairwise(B_MAX, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FDIV_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_DIV, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FMINNMP_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecPairwise(B_MINNM, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FABD_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_ABD, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FCMGT_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_CMGT, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FACGT_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_ACGT, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FMINP_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { vecPairwise(B_MIN, Q, sz ? 64 : 32, Rm, Rn, Rd); }
export function FMAXNM_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MAXNM, Q, 16, Rm, Rn, Rd); }
export function FMLA_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MLA, Q, 16, Rm, Rn, Rd); }
export function FADD_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_ADD, Q, 16, Rm, Rn, Rd); }
export function FMULX_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MULX, Q, 16, Rm, Rn, Rd); }
export function FCMEQ_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_CMEQ, Q, 16, Rm, Rn, Rd); }
export function FMAX_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MAX, Q, 16, Rm, Rn, Rd); }
export function FRECPS_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_RECPS, Q, 16, Rm, Rn, Rd); }
export function FMINNM_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MINNM, Q, 16, Rm, Rn, Rd); }
export function FMLS_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MLS, Q, 16, Rm, Rn, Rd); }
export function FSUB_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_SUB, Q, 16, Rm, Rn, Rd); }
export function FMIN_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MIN, Q, 16, Rm, Rn, Rd); }
export function FRSQRTS_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_RSQRTS, Q, 16, Rm, Rn, Rd); }
export function FMAXNMP_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecPairwise(B_MAXNM, Q, 16, Rm, Rn, Rd); }
export function FADDP_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecPairwise(B_ADD, Q, 16, Rm, Rn, Rd); }
export function FMUL_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_MUL, Q, 16, Rm, Rn, Rd); }
export function FCMGE_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_CMGE, Q, 16, Rm, Rn, Rd); }
export function FACGE_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_ACGE, Q, 16, Rm, Rn, Rd); }
export function FMAXP_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecPairwise(B_MAX, Q, 16, Rm, Rn, Rd); }
export function FDIV_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_DIV, Q, 16, Rm, Rn, Rd); }
export function FMINNMP_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecPairwise(B_MINNM, Q, 16, Rm, Rn, Rd); }
export function FABD_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_ABD, Q, 16, Rm, Rn, Rd); }
export function FCMGT_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_CMGT, Q, 16, Rm, Rn, Rd); }
export function FACGT_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecBinary(B_ACGT, Q, 16, Rm, Rn, Rd); }
export function FMINP_asimdsamefp16(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { vecPairwise(B_MIN, Q, 16, Rm, Rn, Rd); }
export function FMLA_asimdelem_H(Q: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecByElement(B_MLA, Q, 16, Rm, (H << 2) | (L << 1) | M, Rn, Rd); }
export function FMLA_asimdelem(Q: u32, sz: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecByElement(B_MLA, Q, sz ? 64 : 32, (M << 4) | Rm, sz ? H : (H << 1) | L, Rn, Rd); }
export function FMLS_asimdelem_H(Q: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecByElement(B_MLS, Q, 16, Rm, (H << 2) | (L << 1) | M, Rn, Rd); }
export function FMLS_asimdelem(Q: u32, sz: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecByElement(B_MLS, Q, sz ? 64 : 32, (M << 4) | Rm, sz ? H : (H << 1) | L, Rn, Rd); }
export function FMUL_asimdelem_H(Q: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecByElement(B_MUL, Q, 16, Rm, (H << 2) | (L << 1) | M, Rn, Rd); }
export function FMUL_asimdelem(Q: u32, sz: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecByElement(B_MUL, Q, sz ? 64 : 32, (M << 4) | Rm, sz ? H : (H << 1) | L, Rn, Rd); }
export function FMULX_asimdelem_H(Q: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecByElement(B_MULX, Q, 16, Rm, (H << 2) | (L << 1) | M, Rn, Rd); }
export function FMULX_asimdelem(Q: u32, sz: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecByElement(B_MULX, Q, sz ? 64 : 32, (M << 4) | Rm, sz ? H : (H << 1) | L, Rn, Rd); }
