// The per-element FP operations of the AdvSIMD forms, selected by an operation code so that vector, pairwise,
// across-lanes, by-element and scalar forms share one loop each and the same primitives as the scalar FP rows.
import { fpAbs, fpAdd, fpDiv, fpMaxMin, fpMaxMinNum, fpMul, fpMulAdd, fpNeg, fpSqrt, fpStepFused, fpSub } from './arith';
import { CMP_EQ, CMP_GE, CMP_GT, fpCompareCond } from './compare';
import { fixedToFP, fpRoundInt, fpToFixed } from './convert';
import { fpRoundingMode, RA, RM, RN, RP, RZ } from './core';
import { fpRecipEstimate, fpRecpX, fpRSqrtEstimate } from './estimate';

// Binary operations: op(a, b), with the destination element d as the accumulator of FMLA/FMLS.
export const B_ADD: u32 = 0, B_SUB: u32 = 1, B_MUL: u32 = 2, B_MULX: u32 = 3, B_DIV: u32 = 4, B_MAX: u32 = 5;
export const B_MIN: u32 = 6, B_MAXNM: u32 = 7, B_MINNM: u32 = 8, B_ABD: u32 = 9, B_RECPS: u32 = 10;
export const B_RSQRTS: u32 = 11, B_CMEQ: u32 = 12, B_CMGE: u32 = 13, B_CMGT: u32 = 14, B_ACGE: u32 = 15;
export const B_ACGT: u32 = 16, B_MLA: u32 = 17, B_MLS: u32 = 18;

@inline function mask(t: bool, N: u32): u64 { return t ? (N == 64 ? <u64>-1 : (<u64>1 << N) - 1) : 0; }

export function fpBinary(op: u32, a: u64, b: u64, d: u64, N: u32, fpcr: u32): u64 {
  switch (op) {
    case B_ADD: return fpAdd(a, b, N, fpcr);
    case B_SUB: return fpSub(a, b, N, fpcr);
    case B_MUL: return fpMul(a, b, N, fpcr, false);
    case B_MULX: return fpMul(a, b, N, fpcr, true);
    case B_DIV: return fpDiv(a, b, N, fpcr);
    case B_MAX: return fpMaxMin(a, b, N, fpcr, true);
    case B_MIN: return fpMaxMin(a, b, N, fpcr, false);
    case B_MAXNM: return fpMaxMinNum(a, b, N, fpcr, true);
    case B_MINNM: return fpMaxMinNum(a, b, N, fpcr, false);
    case B_ABD: return fpAbs(fpSub(a, b, N, fpcr), N);
    case B_RECPS: return fpStepFused(a, b, N, fpcr, false);
    case B_RSQRTS: return fpStepFused(a, b, N, fpcr, true);
    case B_CMEQ: return mask(fpCompareCond(a, b, N, fpcr, CMP_EQ), N);
    case B_CMGE: return mask(fpCompareCond(a, b, N, fpcr, CMP_GE), N);
    case B_CMGT: return mask(fpCompareCond(a, b, N, fpcr, CMP_GT), N);
    case B_ACGE: return mask(fpCompareCond(fpAbs(a, N), fpAbs(b, N), N, fpcr, CMP_GE), N);
    case B_ACGT: return mask(fpCompareCond(fpAbs(a, N), fpAbs(b, N), N, fpcr, CMP_GT), N);
    case B_MLA: return fpMulAdd(d, a, b, N, fpcr);
    default: return fpMulAdd(d, fpNeg(a, N), b, N, fpcr);
  }
}

// Unary operations.
export const U_ABS: u32 = 0, U_NEG: u32 = 1, U_SQRT: u32 = 2, U_RECPE: u32 = 3, U_RSQRTE: u32 = 4, U_RECPX: u32 = 5;
export const U_RINTN: u32 = 6, U_RINTP: u32 = 7, U_RINTM: u32 = 8, U_RINTZ: u32 = 9, U_RINTA: u32 = 10;
export const U_RINTX: u32 = 11, U_RINTI: u32 = 12;
// FCVT[NPMZA]S, then the unsigned ones: base + rounding (RN, RP, RM, RZ, RA).
export const U_CVTS: u32 = 13, U_CVTU: u32 = 18;
export const U_SCVTF: u32 = 23, U_UCVTF: u32 = 24;
export const U_CMGT0: u32 = 25, U_CMGE0: u32 = 26, U_CMEQ0: u32 = 27, U_CMLT0: u32 = 28, U_CMLE0: u32 = 29;

export function fpUnary(op: u32, a: u64, N: u32, fpcr: u32): u64 {
  if (op >= U_CVTS && op < U_SCVTF) {
    const unsigned = op >= U_CVTU;
    return fpToFixed(a, N, 0, unsigned, N, fpcr, op - (unsigned ? U_CVTU : U_CVTS));
  }
  switch (op) {
    case U_ABS: return fpAbs(a, N);
    case U_NEG: return fpNeg(a, N);
    case U_SQRT: return fpSqrt(a, N, fpcr);
    case U_RECPE: return fpRecipEstimate(a, N, fpcr);
    case U_RSQRTE: return fpRSqrtEstimate(a, N, fpcr);
    case U_RECPX: return fpRecpX(a, N, fpcr);
    case U_RINTN: return fpRoundInt(a, N, fpcr, RN, false);
    case U_RINTP: return fpRoundInt(a, N, fpcr, RP, false);
    case U_RINTM: return fpRoundInt(a, N, fpcr, RM, false);
    case U_RINTZ: return fpRoundInt(a, N, fpcr, RZ, false);
    case U_RINTA: return fpRoundInt(a, N, fpcr, RA, false);
    case U_RINTX: return fpRoundInt(a, N, fpcr, fpRoundingMode(fpcr), true);
    case U_RINTI: return fpRoundInt(a, N, fpcr, fpRoundingMode(fpcr), false);
    case U_SCVTF: return fixedToFP(a, N, 0, false, N, fpcr, fpRoundingMode(fpcr));
    case U_UCVTF: return fixedToFP(a, N, 0, true, N, fpcr, fpRoundingMode(fpcr));
    case U_CMGT0: return mask(fpCompareCond(a, 0, N, fpcr, CMP_GT), N);
    case U_CMGE0: return mask(fpCompareCond(a, 0, N, fpcr, CMP_GE), N);
    case U_CMEQ0: return mask(fpCompareCond(a, 0, N, fpcr, CMP_EQ), N);
    case U_CMLT0: return mask(fpCompareCond(0, a, N, fpcr, CMP_GT), N);
    default: return mask(fpCompareCond(0, a, N, fpcr, CMP_GE), N);
  }
}
