// Handlers of the scalar floating-point data-processing rows (ARM ARM C7 FMOV/FABS/FNEG/FSQRT/FCVT/FRINT*,
// FCMP(E), FCCMP(E), FMOV immediate, the two- and three-source arithmetic and FCSEL), single, double and half.
import { fpAbs, fpAdd, fpDiv, fpMaxMin, fpMaxMinNum, fpMul, fpMulAdd, fpNeg, fpSqrt, fpSub } from '../fp/arith';
import { fpCompare } from '../fp/compare';
import { fpConvert, fpRoundInt, vfpExpandImm } from '../fp/convert';
import { fpRoundingMode, RA, RM, RN, RP, RZ } from '../fp/core';
import { elem, fpcrArith, ftypeBits, setScalar } from '../fp/vreg';
import { conditionHolds } from '../pseudocode';
import { FPCR, setNZCV } from '../state';

@inline function src(n: u32, N: u32): u64 { return elem(n, 0, N); }

export function FMOV_floatdp1(ftype: u32, Rn: u32, Rd: u32): void {
  const N = ftypeBits(ftype);
  setScalar(Rd, src(Rn, N), N);
}

export function FABS_floatdp1(ftype: u32, Rn: u32, Rd: u32): void {
  const N = ftypeBits(ftype);
  setScalar(Rd, fpAbs(src(Rn, N), N), N);
}

export function FNEG_floatdp1(ftype: u32, Rn: u32, Rd: u32): void {
  const N = ftypeBits(ftype);
  setScalar(Rd, fpNeg(src(Rn, N), N), N);
}

export function FSQRT_floatdp1(ftype: u32, Rn: u32, Rd: u32): void {
  const N = ftypeBits(ftype);
  setScalar(Rd, fpSqrt(src(Rn, N), N, fpcrArith()), N);
}

export function FCVT_floatdp1(ftype: u32, opc: u32, Rn: u32, Rd: u32): void {
  const N = ftypeBits(ftype), M = ftypeBits(opc);
  setScalar(Rd, fpConvert(src(Rn, N), N, M, FPCR, fpRoundingMode(FPCR)), M);
}

@inline function frint(ftype: u32, Rn: u32, Rd: u32, rounding: u32, exact: bool): void {
  const N = ftypeBits(ftype);
  setScalar(Rd, fpRoundInt(src(Rn, N), N, fpcrArith(), rounding, exact), N);
}

export function FRINTN_floatdp1(ftype: u32, Rn: u32, Rd: u32): void { frint(ftype, Rn, Rd, RN, false); }
export function FRINTP_floatdp1(ftype: u32, Rn: u32, Rd: u32): void { frint(ftype, Rn, Rd, RP, false); }
export function FRINTM_floatdp1(ftype: u32, Rn: u32, Rd: u32): void { frint(ftype, Rn, Rd, RM, false); }
export function FRINTZ_floatdp1(ftype: u32, Rn: u32, Rd: u32): void { frint(ftype, Rn, Rd, RZ, false); }
export function FRINTA_floatdp1(ftype: u32, Rn: u32, Rd: u32): void { frint(ftype, Rn, Rd, RA, false); }
export function FRINTX_floatdp1(ftype: u32, Rn: u32, Rd: u32): void { frint(ftype, Rn, Rd, fpRoundingMode(FPCR), true); }
export function FRINTI_floatdp1(ftype: u32, Rn: u32, Rd: u32): void { frint(ftype, Rn, Rd, fpRoundingMode(FPCR), false); }

@inline function fcmp(ftype: u32, Rm: u32, Rn: u32, withZero: bool, signalNaNs: bool): void {
  const N = ftypeBits(ftype);
  setNZCV(fpCompare(src(Rn, N), withZero ? 0 : src(Rm, N), N, fpcrArith(), signalNaNs));
}

export function FCMP_floatcmp(ftype: u32, Rm: u32, Rn: u32): void { fcmp(ftype, Rm, Rn, false, false); }
export function FCMP_floatcmp_zero(ftype: u32, Rm: u32, Rn: u32): void { fcmp(ftype, Rm, Rn, true, false); }
export function FCMPE_floatcmp(ftype: u32, Rm: u32, Rn: u32): void { fcmp(ftype, Rm, Rn, false, true); }
export function FCMPE_floatcmp_zero(ftype: u32, Rm: u32, Rn: u32): void { fcmp(ftype, Rm, Rn, true, true); }

export function FMOV_floatimm(ftype: u32, imm8: u32, Rd: u32): void {
  const N = ftypeBits(ftype);
  setScalar(Rd, vfpExpandImm(imm8, N), N);
}

@inline function fccmp(ftype: u32, Rm: u32, cond: u32, Rn: u32, nzcv: u32, signalNaNs: bool): void {
  if (conditionHolds(cond)) fcmp(ftype, Rm, Rn, false, signalNaNs);
  else setNZCV(nzcv);
}

export function FCCMP_floatccmp(ftype: u32, Rm: u32, cond: u32, Rn: u32, nzcv: u32): void { fccmp(ftype, Rm, cond, Rn, nzcv, false); }
export function FCCMPE_floatccmp(ftype: u32, Rm: u32, cond: u32, Rn: u32, nzcv: u32): void { fccmp(ftype, Rm, cond, Rn, nzcv, true); }

// Two-source operations, by the opcode of the floatdp2 encoding.
const OP_MUL: u32 = 0, OP_DIV: u32 = 1, OP_ADD: u32 = 2, OP_SUB: u32 = 3, OP_MAX: u32 = 4, OP_MIN: u32 = 5;
const OP_MAXNM: u32 = 6, OP_MINNM: u32 = 7, OP_NMUL: u32 = 8;

function dp2(ftype: u32, Rm: u32, Rn: u32, Rd: u32, op: u32): void {
  const N = ftypeBits(ftype), fpcr = fpcrArith();
  const a = src(Rn, N), b = src(Rm, N);
  let r: u64;
  switch (op) {
    case OP_MUL: r = fpMul(a, b, N, fpcr, false); break;
    case OP_DIV: r = fpDiv(a, b, N, fpcr); break;
    case OP_ADD: r = fpAdd(a, b, N, fpcr); break;
    case OP_SUB: r = fpSub(a, b, N, fpcr); break;
    case OP_MAX: r = fpMaxMin(a, b, N, fpcr, true); break;
    case OP_MIN: r = fpMaxMin(a, b, N, fpcr, false); break;
    case OP_MAXNM: r = fpMaxMinNum(a, b, N, fpcr, true); break;
    case OP_MINNM: r = fpMaxMinNum(a, b, N, fpcr, false); break;
    default: r = fpNeg(fpMul(a, b, N, fpcr, false), N);
  }
  setScalar(Rd, r, N);
}

export function FMUL_floatdp2(ftype: u32, Rm: u32, Rn: u32, Rd: u32): void { dp2(ftype, Rm, Rn, Rd, OP_MUL); }
export function FDIV_floatdp2(ftype: u32, Rm: u32, Rn: u32, Rd: u32): void { dp2(ftype, Rm, Rn, Rd, OP_DIV); }
export function FADD_floatdp2(ftype: u32, Rm: u32, Rn: u32, Rd: u32): void { dp2(ftype, Rm, Rn, Rd, OP_ADD); }
export function FSUB_floatdp2(ftype: u32, Rm: u32, Rn: u32, Rd: u32): void { dp2(ftype, Rm, Rn, Rd, OP_SUB); }
export function FMAX_floatdp2(ftype: u32, Rm: u32, Rn: u32, Rd: u32): void { dp2(ftype, Rm, Rn, Rd, OP_MAX); }
export function FMIN_floatdp2(ftype: u32, Rm: u32, Rn: u32, Rd: u32): void { dp2(ftype, Rm, Rn, Rd, OP_MIN); }
export function FMAXNM_floatdp2(ftype: u32, Rm: u32, Rn: u32, Rd: u32): void { dp2(ftype, Rm, Rn, Rd, OP_MAXNM); }
export function FMINNM_floatdp2(ftype: u32, Rm: u32, Rn: u32, Rd: u32): void { dp2(ftype, Rm, Rn, Rd, OP_MINNM); }
export function FNMUL_floatdp2(ftype: u32, Rm: u32, Rn: u32, Rd: u32): void { dp2(ftype, Rm, Rn, Rd, OP_NMUL); }

export function FCSEL_floatsel(ftype: u32, Rm: u32, cond: u32, Rn: u32, Rd: u32): void {
  const N = ftypeBits(ftype);
  setScalar(Rd, src(conditionHolds(cond) ? Rn : Rm, N), N);
}

/** FMADD/FMSUB/FNMADD/FNMSUB: FPMulAdd() with the addend and/or first factor negated. */
@inline function dp3(ftype: u32, Rm: u32, Ra: u32, Rn: u32, Rd: u32, negA: bool, negN: bool): void {
  const N = ftypeBits(ftype);
  let a = src(Ra, N), n = src(Rn, N);
  if (negA) a = fpNeg(a, N);
  if (negN) n = fpNeg(n, N);
  setScalar(Rd, fpMulAdd(a, n, src(Rm, N), N, fpcrArith()), N);
}

export function FMADD_floatdp3(ftype: u32, Rm: u32, Ra: u32, Rn: u32, Rd: u32): void { dp3(ftype, Rm, Ra, Rn, Rd, false, false); }
export function FMSUB_floatdp3(ftype: u32, Rm: u32, Ra: u32, Rn: u32, Rd: u32): void { dp3(ftype, Rm, Ra, Rn, Rd, false, true); }
export function FNMADD_floatdp3(ftype: u32, Rm: u32, Ra: u32, Rn: u32, Rd: u32): void { dp3(ftype, Rm, Ra, Rn, Rd, true, true); }
export function FNMSUB_floatdp3(ftype: u32, Rm: u32, Ra: u32, Rn: u32, Rd: u32): void { dp3(ftype, Rm, Ra, Rn, Rd, true, false); }
