// Handlers of AdvSIMD shift by immediate (integer forms; the fixed-point conversions are the FP handlers')
// (ARM ARM C4.1.96), vector forms: right/left shifts, accumulate, insert, saturating, narrowing, lengthening.
import { elem, lanes, setRes, vbytes, writeNarrow, writeV } from '../simd/elements';
import { immShiftLeft, immShiftRight, immShiftSize, narrowShiftElem, NarrowShiftOp, shiftImmElem, ShiftOp } from '../simd/shift';

function shiftImm(op: ShiftOp, left: bool, Q: u32, immh: u32, immb: u32, n: u32, d: u32): void {
  const size = immShiftSize(immh), count = lanes(Q, size);
  const s = left ? immShiftLeft(immh, immb) : immShiftRight(immh, immb);
  for (let e: u32 = 0; e < count; e++) setRes(e, size, shiftImmElem(op, elem(n, e, size), elem(d, e, size), s, size));
  writeV(d, vbytes(Q));
}

export function SSHR_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SSHR, false, Q, immh, immb, Rn, Rd); }
export function USHR_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.USHR, false, Q, immh, immb, Rn, Rd); }
export function SRSHR_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SRSHR, false, Q, immh, immb, Rn, Rd); }
export function URSHR_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.URSHR, false, Q, immh, immb, Rn, Rd); }
export function SSRA_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SSRA, false, Q, immh, immb, Rn, Rd); }
export function USRA_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.USRA, false, Q, immh, immb, Rn, Rd); }
export function SRSRA_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SRSRA, false, Q, immh, immb, Rn, Rd); }
export function URSRA_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.URSRA, false, Q, immh, immb, Rn, Rd); }
export function SRI_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SRI, false, Q, immh, immb, Rn, Rd); }
export function SHL_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SHL, true, Q, immh, immb, Rn, Rd); }
export function SLI_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SLI, true, Q, immh, immb, Rn, Rd); }
export function SQSHL_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SQSHL, true, Q, immh, immb, Rn, Rd); }
export function UQSHL_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.UQSHL, true, Q, immh, immb, Rn, Rd); }
export function SQSHLU_asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftImm(ShiftOp.SQSHLU, true, Q, immh, immb, Rn, Rd); }

/** The narrowing right shifts{2}: 2*esize elements of Vn into half Q of Vd. */
function narrowShift(op: NarrowShiftOp, Q: u32, immh: u32, immb: u32, n: u32, d: u32): void {
  const size = immShiftSize(immh), count = lanes(0, size), s = immShiftRight(immh, immb);
  for (let e: u32 = 0; e < count; e++) setRes(e, size, narrowShiftElem(op, elem(n, e, size + 1), s, size));
  writeNarrow(d, Q);
}

export function SHRN_V2__asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.SHRN, Q, immh, immb, Rn, Rd); }
export function RSHRN_V2__asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.RSHRN, Q, immh, immb, Rn, Rd); }
export function SQSHRN_V2__asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.SQSHRN, Q, immh, immb, Rn, Rd); }
export function SQRSHRN_V2__asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.SQRSHRN, Q, immh, immb, Rn, Rd); }
export function UQSHRN_V2__asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.UQSHRN, Q, immh, immb, Rn, Rd); }
export function UQRSHRN_V2__asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.UQRSHRN, Q, immh, immb, Rn, Rd); }
export function SQSHRUN_V2__asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.SQSHRUN, Q, immh, immb, Rn, Rd); }
export function SQRSHRUN_V2__asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { narrowShift(NarrowShiftOp.SQRSHRUN, Q, immh, immb, Rn, Rd); }

/** SSHLL/USHLL{2}: elements of half Q of Vn extended to 2*esize and shifted left. */
function shiftLong(unsigned: bool, Q: u32, immh: u32, immb: u32, n: u32, d: u32): void {
  const size = immShiftSize(immh), count = lanes(0, size), base = Q ? count : 0, s = immShiftLeft(immh, immb);
  const ext: u64 = 64 - (<u64>8 << size);
  for (let e: u32 = 0; e < count; e++) {
    const a = elem(n, base + e, size);
    const x: u64 = unsigned ? a : <u64>((<i64>(a << ext)) >> ext);
    setRes(e, size + 1, x << s);
  }
  writeV(d, 16);
}

export function SSHLL_V2__asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftLong(false, Q, immh, immb, Rn, Rd); }
export function USHLL_V2__asimdshf(Q: u32, immh: u32, immb: u32, Rn: u32, Rd: u32): void { shiftLong(true, Q, immh, immb, Rn, Rd); }
