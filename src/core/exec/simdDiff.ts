// Handlers of AdvSIMD three different (ARM ARM C4.1.96): the widening (long, wide), narrowing-high and
// polynomial forms, the `2` variants (Q = 1) taking their narrow operands from, or writing, the upper half.
import { elem, lanes, setRes, writeNarrow, writeV } from '../simd/elements';
import { longElem, LongOp, polynomialMult64 } from '../simd/intOps';

/** Long forms: esize elements of half Q of Vn and Vm, 2*esize results (accumulating into Vd). */
function long(op: LongOp, unsigned: bool, Q: u32, size: u32, m: u32, n: u32, d: u32): void {
  const count = lanes(0, size), base = Q ? count : 0;
  for (let e: u32 = 0; e < count; e++) {
    setRes(e, size + 1, longElem(op, elem(n, base + e, size), elem(m, base + e, size), elem(d, e, size + 1), size, unsigned));
  }
  writeV(d, 16);
}

/** Wide forms: 2*esize elements of Vn with the esize elements of half Q of Vm. */
function wide(sub: bool, unsigned: bool, Q: u32, size: u32, m: u32, n: u32, d: u32): void {
  const count = lanes(0, size), base = Q ? count : 0;
  for (let e: u32 = 0; e < count; e++) {
    const a = elem(n, e, size + 1);
    const b = elem(m, base + e, size);
    const y: u64 = unsigned ? b : <u64>(<i64>(b << (64 - (8 << size))) >> (64 - (8 << size)));
    setRes(e, size + 1, sub ? a - y : a + y);
  }
  writeV(d, 16);
}

/** ADDHN/SUBHN and the rounding forms: the high halves of 2*esize sums, written to half Q of Vd. */
function narrowHigh(sub: bool, round: bool, Q: u32, size: u32, m: u32, n: u32, d: u32): void {
  const count = lanes(0, size), esize: u64 = 8 << size;
  for (let e: u32 = 0; e < count; e++) {
    const a = elem(n, e, size + 1), b = elem(m, e, size + 1);
    const sum = (sub ? a - b : a + b) + (round ? <u64>1 << (esize - 1) : 0);
    setRes(e, size, sum >> esize);
  }
  writeNarrow(d, Q);
}

export function SADDL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.ADD, false, Q, size, Rm, Rn, Rd); }
export function UADDL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.ADD, true, Q, size, Rm, Rn, Rd); }
export function SSUBL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.SUB, false, Q, size, Rm, Rn, Rd); }
export function USUBL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.SUB, true, Q, size, Rm, Rn, Rd); }
export function SABAL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.ABA, false, Q, size, Rm, Rn, Rd); }
export function UABAL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.ABA, true, Q, size, Rm, Rn, Rd); }
export function SABDL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.ABD, false, Q, size, Rm, Rn, Rd); }
export function UABDL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.ABD, true, Q, size, Rm, Rn, Rd); }
export function SMLAL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.MLA, false, Q, size, Rm, Rn, Rd); }
export function UMLAL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.MLA, true, Q, size, Rm, Rn, Rd); }
export function SMLSL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.MLS, false, Q, size, Rm, Rn, Rd); }
export function UMLSL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.MLS, true, Q, size, Rm, Rn, Rd); }
export function SMULL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.MUL, false, Q, size, Rm, Rn, Rd); }
export function UMULL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.MUL, true, Q, size, Rm, Rn, Rd); }
export function SQDMLAL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.SQDMLAL, false, Q, size, Rm, Rn, Rd); }
export function SQDMLSL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.SQDMLSL, false, Q, size, Rm, Rn, Rd); }
export function SQDMULL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { long(LongOp.SQDMULL, false, Q, size, Rm, Rn, Rd); }

export function SADDW_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { wide(false, false, Q, size, Rm, Rn, Rd); }
export function UADDW_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { wide(false, true, Q, size, Rm, Rn, Rd); }
export function SSUBW_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { wide(true, false, Q, size, Rm, Rn, Rd); }
export function USUBW_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { wide(true, true, Q, size, Rm, Rn, Rd); }

export function ADDHN_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { narrowHigh(false, false, Q, size, Rm, Rn, Rd); }
export function RADDHN_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { narrowHigh(false, true, Q, size, Rm, Rn, Rd); }
export function SUBHN_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { narrowHigh(true, false, Q, size, Rm, Rn, Rd); }
export function RSUBHN_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { narrowHigh(true, true, Q, size, Rm, Rn, Rd); }

/** PMULL/PMULL2: 8-bit lanes to 16-bit, or (size 3, FEAT_PMULL) one 64-bit lane to the 128-bit product. */
export function PMULL_V2__asimddiff(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void {
  if (size == 3) {
    polynomialMult64(elem(Rn, Q, 3), elem(Rm, Q, 3));
    writeV(Rd, 16);
    return;
  }
  long(LongOp.PMUL, true, Q, size, Rm, Rn, Rd);
}
