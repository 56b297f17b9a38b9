// Handlers of AdvSIMD three same (integer and bitwise), three same extra (SQRDMLAH/SQRDMLSH, SDOT/UDOT) and the
// integer pairwise operations (ARM ARM C4.1.96), vector forms; elements from simd/intOps.
import { concatElem, elem, lanes, selem, setRes, vbytes, writeV } from '../simd/elements';
import { IntOp, sameElem } from '../simd/intOps';

/** Applies `op` element-wise to Vn and Vm (with the old Vd as accumulator) and writes Vd. */
function same(op: IntOp, Q: u32, size: u32, m: u32, n: u32, d: u32): void {
  const count = lanes(Q, size);
  for (let e: u32 = 0; e < count; e++) setRes(e, size, sameElem(op, elem(n, e, size), elem(m, e, size), elem(d, e, size), size));
  writeV(d, vbytes(Q));
}

/** The pairwise forms: `op` on adjacent element pairs of the concatenation Vm:Vn. */
function pairwise(op: IntOp, Q: u32, size: u32, m: u32, n: u32, d: u32): void {
  const count = lanes(Q, size);
  for (let e: u32 = 0; e < count; e++) {
    const a = concatElem(n, m, 2 * e, count, size), b = concatElem(n, m, 2 * e + 1, count, size);
    setRes(e, size, sameElem(op, a, b, 0, size));
  }
  writeV(d, vbytes(Q));
}

export function SHADD_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SHADD, Q, size, Rm, Rn, Rd); }
export function UHADD_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UHADD, Q, size, Rm, Rn, Rd); }
export function SQADD_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQADD, Q, size, Rm, Rn, Rd); }
export function UQADD_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UQADD, Q, size, Rm, Rn, Rd); }
export function SRHADD_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SRHADD, Q, size, Rm, Rn, Rd); }
export function URHADD_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.URHADD, Q, size, Rm, Rn, Rd); }
export function SHSUB_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SHSUB, Q, size, Rm, Rn, Rd); }
export function UHSUB_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UHSUB, Q, size, Rm, Rn, Rd); }
export function SQSUB_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQSUB, Q, size, Rm, Rn, Rd); }
export function UQSUB_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UQSUB, Q, size, Rm, Rn, Rd); }
export function CMGT_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.CMGT, Q, size, Rm, Rn, Rd); }
export function CMHI_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.CMHI, Q, size, Rm, Rn, Rd); }
export function CMGE_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.CMGE, Q, size, Rm, Rn, Rd); }
export function CMHS_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.CMHS, Q, size, Rm, Rn, Rd); }
export function SSHL_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SSHL, Q, size, Rm, Rn, Rd); }
export function USHL_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.USHL, Q, size, Rm, Rn, Rd); }
export function SQSHL_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQSHL, Q, size, Rm, Rn, Rd); }
export function UQSHL_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UQSHL, Q, size, Rm, Rn, Rd); }
export function SRSHL_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SRSHL, Q, size, Rm, Rn, Rd); }
export function URSHL_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.URSHL, Q, size, Rm, Rn, Rd); }
export function SQRSHL_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQRSHL, Q, size, Rm, Rn, Rd); }
export function UQRSHL_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UQRSHL, Q, size, Rm, Rn, Rd); }
export function SMAX_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SMAX, Q, size, Rm, Rn, Rd); }
export function UMAX_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UMAX, Q, size, Rm, Rn, Rd); }
export function SMIN_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SMIN, Q, size, Rm, Rn, Rd); }
export function UMIN_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UMIN, Q, size, Rm, Rn, Rd); }
export function SABD_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SABD, Q, size, Rm, Rn, Rd); }
export function UABD_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UABD, Q, size, Rm, Rn, Rd); }
export function SABA_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SABA, Q, size, Rm, Rn, Rd); }
export function UABA_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.UABA, Q, size, Rm, Rn, Rd); }
export function ADD_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.ADD, Q, size, Rm, Rn, Rd); }
export function SUB_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SUB, Q, size, Rm, Rn, Rd); }
export function CMTST_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.CMTST, Q, size, Rm, Rn, Rd); }
export function CMEQ_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.CMEQ, Q, size, Rm, Rn, Rd); }
export function MLA_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.MLA, Q, size, Rm, Rn, Rd); }
export function MLS_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.MLS, Q, size, Rm, Rn, Rd); }
export function MUL_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.MUL, Q, size, Rm, Rn, Rd); }
export function PMUL_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.PMUL, Q, size, Rm, Rn, Rd); }
export function SQDMULH_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQDMULH, Q, size, Rm, Rn, Rd); }
export function SQRDMULH_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQRDMULH, Q, size, Rm, Rn, Rd); }
export function SQRDMLAH_asimdsame2(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQRDMLAH, Q, size, Rm, Rn, Rd); }
export function SQRDMLSH_asimdsame2(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { same(IntOp.SQRDMLSH, Q, size, Rm, Rn, Rd); }

export function SMAXP_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { pairwise(IntOp.SMAX, Q, size, Rm, Rn, Rd); }
export function UMAXP_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { pairwise(IntOp.UMAX, Q, size, Rm, Rn, Rd); }
export function SMINP_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { pairwise(IntOp.SMIN, Q, size, Rm, Rn, Rd); }
export function UMINP_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { pairwise(IntOp.UMIN, Q, size, Rm, Rn, Rd); }
export function ADDP_asimdsame(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { pairwise(IntOp.ADD, Q, size, Rm, Rn, Rd); }

// Bitwise three same on 64-bit halves: AND/BIC/ORR/ORN/EOR and the selects BSL/BIT/BIF.
const AND: u32 = 0, BIC: u32 = 1, ORR: u32 = 2, ORN: u32 = 3, EOR: u32 = 4, BSL: u32 = 5, BIT: u32 = 6, BIF: u32 = 7;

function logical(op: u32, Q: u32, m: u32, n: u32, d: u32): void {
  for (let h: u32 = 0; h <= Q; h++) {
    const a = elem(n, h, 3), b = elem(m, h, 3), c = elem(d, h, 3);
    let r: u64 = 0;
    switch (op) {
      case AND: r = a & b; break;
      case BIC: r = a & ~b; break;
      case ORR: r = a | b; break;
      case ORN: r = a | ~b; break;
      case EOR: r = a ^ b; break;
      case BSL: r = (c & a) | (~c & b); break;
      case BIT: r = (b & a) | (~b & c); break;
      default: r = (~b & a) | (b & c); break;
    }
    setRes(h, 3, r);
  }
  writeV(d, vbytes(Q));
}

export function AND_asimdsame(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { logical(AND, Q, Rm, Rn, Rd); }
export function BIC_asimdsame(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { logical(BIC, Q, Rm, Rn, Rd); }
export function ORR_asimdsame(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { logical(ORR, Q, Rm, Rn, Rd); }
export function ORN_asimdsame(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { logical(ORN, Q, Rm, Rn, Rd); }
export function EOR_asimdsame(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { logical(EOR, Q, Rm, Rn, Rd); }
export function BSL_asimdsame(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { logical(BSL, Q, Rm, Rn, Rd); }
export function BIT_asimdsame(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { logical(BIT, Q, Rm, Rn, Rd); }
export function BIF_asimdsame(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { logical(BIF, Q, Rm, Rn, Rd); }

/** SDOT/UDOT (vector): each 32-bit lane of Vd accumulates the four byte products of its lanes of Vn and Vm. */
function dot(signed: bool, Q: u32, m: u32, n: u32, d: u32, mIndex: i32): void {
  const count = lanes(Q, 2);
  for (let e: u32 = 0; e < count; e++) {
    let sum = <u32>elem(d, e, 2);
    const me: u32 = mIndex < 0 ? e : <u32>mIndex;
    for (let i: u32 = 0; i < 4; i++) {
      sum += signed
        ? <u32>(<i32>selem(n, 4 * e + i, 0) * <i32>selem(m, 4 * me + i, 0))
        : <u32>elem(n, 4 * e + i, 0) * <u32>elem(m, 4 * me + i, 0);
    }
    setRes(e, 2, sum);
  }
  writeV(d, vbytes(Q));
}

export function SDOT_asimdsame2(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { dot(true, Q, Rm, Rn, Rd, -1); }
export function UDOT_asimdsame2(Q: u32, Rm: u32, Rn: u32, Rd: u32): void { dot(false, Q, Rm, Rn, Rd, -1); }

/** SDOT/UDOT (by element): the products use 32-bit lane `H:L` of Vm (register M:Rm) for every lane. */
export function SDOT_asimdelem(Q: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void {
  dot(true, Q, (M << 4) | Rm, Rn, Rd, <i32>((H << 1) | L));
}
export function UDOT_asimdelem(Q: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void {
  dot(false, Q, (M << 4) | Rm, Rn, Rd, <i32>((H << 1) | L));
}
