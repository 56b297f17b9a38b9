// Handlers of the AdvSIMD scalar integer forms (ARM ARM C4.1.96): three same (and extra), three different,
// two-register miscellaneous, pairwise ADDP and shift by immediate. Each writes one element and clears the
// rest of Vd; the element operations are the vector forms' (simd/intOps, simd/misc, simd/shift).
import { elem, setRes, writeV } from '../simd/elements';
import { IntOp, longElem, LongOp, sameElem } from '../simd/intOps';
import { miscElem, MiscOp, narrowElem, NarrowOp } from '../simd/misc';
import { suqadd, usqadd } from '../simd/saturate';
import { immShiftLeft, immShiftRight, immShiftSize, narrowShiftElem, NarrowShiftOp, shiftImmElem, ShiftOp } from '../simd/shift';

@inline function writeScalar(d: u32, size: u32, v: u64): void {
  setRes(0, size, v);
  writeV(d, 1 << size);
}

function same(op: IntOp, size: u32, m: u32, n: u32, d: u32): void {
  writeScalar(d, size, sameElem(op, elem(n, 0, size), elem(m, 0, size), elem(d, 0, size), size));
}

export function SQADD_simd_scalar_3same(size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQADD, size, Rm, Rn, Rd); }
export function UQADD_simd_scalar_3same(size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UQADD, size, Rm, Rn, Rd); }
export function SQSUB_simd_scalar_3same(size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQSUB, size, Rm, Rn, Rd); }
export function UQSUB_simd_scalar_3same(size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UQSUB, size, Rm, Rn, Rd); }
export function SQSHL_simd_scalar_3same(size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQSHL, size, Rm, Rn, Rd); }
export function UQSHL_simd_scalar_3same(size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UQSHL, size, Rm, Rn, Rd); }
export function SQRSHL_simd_scalar_3same(size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQRSHL, size, Rm, Rn, Rd); }
export function UQRSHL_simd_scalar_3same(size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UQRSHL, size, Rm, Rn, Rd); }
export function SQDMULH_simd_scalar_3same(size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQDMULH, size, Rm, Rn, Rd); }
export function SQRDMULH_simd_scalar_3same(size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQRDMULH, size, Rm, Rn, Rd); }
export function SQRDMLAH_simd_scalar_3same_extra(size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQRDMLAH, size, Rm, Rn, Rd); }
export function SQRDMLSH_simd_scalar_3same_extra(size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQRDMLSH, size, Rm, Rn, Rd); }
// 64-bit only forms.
export function CMGT_simd_scalar_3same(Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.CMGT, 3, Rm, Rn, Rd); }
export function CMGE_simd_scalar_3same(Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.CMGE, 3, Rm, Rn, Rd); }
export function CMHI_simd_scalar_3same(Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.CMHI, 3, Rm, Rn, Rd); }
export function CMHS_simd_scalar_3same(Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.CMHS, 3, Rm, Rn, Rd); }
export function CMEQ_simd_scalar_3same(Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.CMEQ, 3, Rm, Rn, Rd); }
export function CMTST_simd_scalar_3same(Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.CMTST, 3, Rm, Rn, Rd); }
export function SSHL_simd_scalar_3same(Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SSHL, 3, Rm, Rn, Rd); }
export function USHL_simd_scalar_3same(Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.USHL, 3, Rm, Rn, Rd); }
export function SRSHL_simd_scalar_3same(Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SRSHL, 3, Rm, Rn, Rd); }
export function URSHL_simd_scalar_3same(Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.URSHL, 3, Rm, Rn, Rd); }
export function ADD_simd_scalar_3same(Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.ADD, 3, Rm, Rn, Rd); }
export function SUB_simd_scalar_3same(Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SUB, 3, Rm, Rn, Rd); }

/** Three different, scalar: esize operands, 2*esize result. */
function long(op: LongOp, size: u32, m: u32, n: u32, d: u32): void {
  writeScalar(d, size + 1, longElem(op, elem(n, 0, size), elem(m, 0, size), elem(d, 0, size + 1), size, false));
}

export function SQDMLAL_simd_scalar_3diff(size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.SQDMLAL, size, Rm, Rn, Rd); }
export function SQDMLSL_simd_scalar_3diff(size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.SQDMLSL, size, Rm, Rn, Rd); }
export function SQDMULL_simd_scalar_3diff(size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.SQDMULL, size, Rm, Rn, Rd); }

function unary(op: MiscOp, size: u32, n: u32, d: u32): void { writeScalar(d, size, miscElem(op, elem(n, 0, size), size)); }

export function SQABS_simd_scalar_misc(size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.SQABS, size, Rn, Rd); }
export function SQNEG_simd_scalar_misc(size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.SQNEG, size, Rn, Rd); }
export function ABS_simd_scalar_misc(Rn: u32, Rd: u32): void { unary(MiscOp.ABS, 3, Rn, Rd); }
export function NEG_simd_scalar_misc(Rn: u32, Rd: u32): void { unary(MiscOp.NEG, 3, Rn, Rd); }
export function CMGT_simd_scalar_misc(Rn: u32, Rd: u32): void { unary(MiscOp.CMGT0, 3, Rn, Rd); }
export function CMGE_simd_scalar_misc(Rn: u32, Rd: u32): void { unary(MiscOp.CMGE0, 3, Rn, Rd); }
export function CMEQ_simd_scalar_misc(Rn: u32, Rd: u32): void { unary(MiscOp.CMEQ0, 3, Rn, Rd); }
export function CMLE_simd_scalar_misc(Rn: u32, Rd: u32): void { unary(MiscOp.CMLE0, 3, Rn, Rd); }
export function CMLT_simd_scalar_misc(Rn: u32, Rd: u32): void { unary(MiscOp.CMLT0, 3, Rn, Rd); }

export function SUQADD_simd_scalar_misc(size: u32, Rn: u32, Rd: u32): void { writeScalar(Rd, size, suqadd(elem(Rd, 0, size), elem(Rn, 0, size), size)); }
export function USQADD_simd_scalar_misc(size: u32, Rn: u32, Rd: u32): void { writeScalar(Rd, size, usqadd(elem(Rd, 0, size), elem(Rn, 0, size), size)); }

function narrow(op: NarrowOp, size: u32, n: u32, d: u32): void { writeScalar(d, size, narrowElem(op, elem(n, 0, size + 1), size)); }

export function SQXTN_simd_scalar_misc(size: u32, Rn: u32, Rd: u32): void { narrow(NarrowOp.SQXTN, size, Rn, Rd); }
export function UQXTN_simd_scalar_misc(size: u32, Rn: u32, Rd: u32): void { narrow(NarrowOp.UQXTN, size, Rn, Rd); }
export function SQXTUN_simd_scalar_misc(size: u32, Rn: u32, Rd: u32): void { narrow(NarrowOp.SQXTUN, size, Rn, Rd); }

/** ADDP (scalar): the sum of the two 64-bit lanes of Vn. */
export function ADDP_simd_scalar_pair(Rn: u32, Rd: u32): void { writeScalar(Rd, 3, elem(Rn, 0, 3) + elem(Rn, 1, 3)); }

function shiftImm(op: ShiftOp, left: bool, immh: u32, immb: u32, n: u32, d: u32): void {
  const size = immShiftSize(immh), s = left ? immShiftLeft(immh, immb) : immShiftRight(immh, immb);
  writeScalar(d, size, shiftImmElem(op, elem(n, 0, size), elem(d, 0, size), s, size));
}

export function SSHR_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SSHR, false, immh, immb, Rn, Rd); }
export function USHR_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.USHR, false, immh, immb, Rn, Rd); }
export function SRSHR_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SRSHR, false, immh, immb, Rn, Rd); }
export function URSHR_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.URSHR, false, immh, immb, Rn, Rd); }
export function SSRA_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SSRA, false, immh, immb, Rn, Rd); }
export function USRA_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.USRA, false, immh, immb, Rn, Rd); }
export function SRSRA_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SRSRA, false, immh, immb, Rn, Rd); }
export function URSRA_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.URSRA, false, immh, immb, Rn, Rd); }
export function SRI_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SRI, false, immh, immb, Rn, Rd); }
export function SHL_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SHL, true, immh, immb, Rn, Rd); }
export function SLI_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SLI, true, immh, immb, Rn, Rd); }
export function SQSHL_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SQSHL, true, immh, immb, Rn, Rd); }
export function UQSHL_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.UQSHL, true, immh, immb, Rn, Rd); }
export function SQSHLU_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SQSHLU, true, immh, immb, Rn, Rd); }

function narrowShift(op: NarrowShiftOp, immh: u32, immb: u32, n: u32, d: u32): void {
  const size = immShiftSize(immh);
  writeScalar(d, size, narrowShiftElem(op, elem(n, 0, size + 1), immShiftRight(immh, immb), size));
}

export function SQSHRN_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.SQSHRN, immh, immb, Rn, Rd); }
export function SQRSHRN_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.SQRSHRN, immh, immb, Rn, Rd); }
export function UQSHRN_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.UQSHRN, immh, immb, Rn, Rd); }
export function UQRSHRN_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.UQRSHRN, immh, immb, Rn, Rd); }
export function SQSHRUN_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.SQSHRUN, immh, immb, Rn, Rd); }
export function SQRSHRUN_simd_scalar_shift(immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.SQRSHRUN, immh, immb, Rn, Rd); }
