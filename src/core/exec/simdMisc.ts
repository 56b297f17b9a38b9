// Handlers of AdvSIMD two-register miscellaneous (integer) and across lanes (ARM ARM C4.1.96), vector forms.
import { elem, lanes, ones, selem, setRes, sext, vbytes, writeNarrow, writeV } from '../simd/elements';
import { miscElem, MiscOp, narrowElem, NarrowOp, unsignedRecipEstimate, unsignedRSqrtEstimate } from '../simd/misc';
import { suqadd, usqadd } from '../simd/saturate';

function unary(op: MiscOp, Q: u32, size: u32, n: u32, d: u32): void {
  const count = lanes(Q, size);
  for (let e: u32 = 0; e < count; e++) setRes(e, size, miscElem(op, elem(n, e, size), size));
  writeV(d, vbytes(Q));
}

export function CLS_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.CLS, Q, size, Rn, Rd); }
export function CLZ_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.CLZ, Q, size, Rn, Rd); }
export function CNT_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.CNT, Q, size, Rn, Rd); }
export function NOT_asimdmisc(Q: u32, Rn: u32, Rd: u32): void { unary(MiscOp.NOT, Q, 0, Rn, Rd); }
export function RBIT_asimdmisc(Q: u32, Rn: u32, Rd: u32): void { unary(MiscOp.RBIT, Q, 0, Rn, Rd); }
export function SQABS_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.SQABS, Q, size, Rn, Rd); }
export function SQNEG_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.SQNEG, Q, size, Rn, Rd); }
export function ABS_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.ABS, Q, size, Rn, Rd); }
export function NEG_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.NEG, Q, size, Rn, Rd); }
export function CMGT_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.CMGT0, Q, size, Rn, Rd); }
export function CMGE_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.CMGE0, Q, size, Rn, Rd); }
export function CMEQ_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.CMEQ0, Q, size, Rn, Rd); }
export function CMLE_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.CMLE0, Q, size, Rn, Rd); }
export function CMLT_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { unary(MiscOp.CMLT0, Q, size, Rn, Rd); }

/** REV16/REV32/REV64: reverse the elements within each container of 2^log2Container bytes. */
function rev(log2Container: u32, Q: u32, size: u32, n: u32, d: u32): void {
  const count = lanes(Q, size), flip = (<u32>1 << (log2Container - size)) - 1;
  for (let e: u32 = 0; e < count; e++) setRes(e ^ flip, size, elem(n, e, size));
  writeV(d, vbytes(Q));
}

export function REV64_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { rev(3, Q, size, Rn, Rd); }
export function REV32_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { rev(2, Q, size, Rn, Rd); }
export function REV16_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { rev(1, Q, size, Rn, Rd); }

/** SADDLP/UADDLP/SADALP/UADALP: sums of adjacent pairs, widened, optionally accumulated into Vd. */
function addLongPairwise(unsigned: bool, acc: bool, Q: u32, size: u32, n: u32, d: u32): void {
  const count = lanes(Q, size + 1);
  for (let e: u32 = 0; e < count; e++) {
    const a = elem(n, 2 * e, size), b = elem(n, 2 * e + 1, size);
    let s: u64 = unsigned ? a + b : <u64>(sext(a, size) + sext(b, size));
    if (acc) s += elem(d, e, size + 1);
    setRes(e, size + 1, s & ones(size + 1));
  }
  writeV(d, vbytes(Q));
}

export function SADDLP_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { addLongPairwise(false, false, Q, size, Rn, Rd); }
export function UADDLP_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { addLongPairwise(true, false, Q, size, Rn, Rd); }
export function SADALP_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { addLongPairwise(false, true, Q, size, Rn, Rd); }
export function UADALP_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { addLongPairwise(true, true, Q, size, Rn, Rd); }

export function SUQADD_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void {
  const count = lanes(Q, size);
  for (let e: u32 = 0; e < count; e++) setRes(e, size, suqadd(elem(Rd, e, size), elem(Rn, e, size), size));
  writeV(Rd, vbytes(Q));
}

export function USQADD_asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void {
  const count = lanes(Q, size);
  for (let e: u32 = 0; e < count; e++) setRes(e, size, usqadd(elem(Rd, e, size), elem(Rn, e, size), size));
  writeV(Rd, vbytes(Q));
}

/** XTN/SQXTN/UQXTN/SQXTUN{2}: 2*esize elements of Vn narrowed into half Q of Vd. */
function narrow(op: NarrowOp, Q: u32, size: u32, n: u32, d: u32): void {
  const count = lanes(0, size);
  for (let e: u32 = 0; e < count; e++) setRes(e, size, narrowElem(op, elem(n, e, size + 1), size));
  writeNarrow(d, Q);
}

export function XTN_V2__asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { narrow(NarrowOp.XTN, Q, size, Rn, Rd); }
export function SQXTN_V2__asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { narrow(NarrowOp.SQXTN, Q, size, Rn, Rd); }
export function UQXTN_V2__asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { narrow(NarrowOp.UQXTN, Q, size, Rn, Rd); }
export function SQXTUN_V2__asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void { narrow(NarrowOp.SQXTUN, Q, size, Rn, Rd); }

/** SHLL{2}: elements of half Q of Vn widened and shifted left by esize. */
export function SHLL_V2__asimdmisc(Q: u32, size: u32, Rn: u32, Rd: u32): void {
  const count = lanes(0, size), base = Q ? count : 0;
  for (let e: u32 = 0; e < count; e++) setRes(e, size + 1, elem(Rn, base + e, size) << (<u64>8 << size));
  writeV(Rd, 16);
}

export function URECPE_asimdmisc(Q: u32, Rn: u32, Rd: u32): void {
  const count = lanes(Q, 2);
  for (let e: u32 = 0; e < count; e++) setRes(e, 2, unsignedRecipEstimate(<u32>elem(Rn, e, 2)));
  writeV(Rd, vbytes(Q));
}

export function URSQRTE_asimdmisc(Q: u32, Rn: u32, Rd: u32): void {
  const count = lanes(Q, 2);
  for (let e: u32 = 0; e < count; e++) setRes(e, 2, unsignedRSqrtEstimate(<u32>elem(Rn, e, 2)));
  writeV(Rd, vbytes(Q));
}

// Across lanes: one scalar result from all lanes of Vn, the rest of Vd cleared.
const ADDV: u32 = 0, SADDLV: u32 = 1, UADDLV: u32 = 2, SMAXV: u32 = 3, UMAXV: u32 = 4, SMINV: u32 = 5, UMINV: u32 = 6;

function across(op: u32, Q: u32, size: u32, n: u32, d: u32): void {
  const count = lanes(Q, size);
  let acc: i64 = op == SADDLV || op == SMAXV || op == SMINV ? selem(n, 0, size) : <i64>elem(n, 0, size);
  for (let e: u32 = 1; e < count; e++) {
    const u = elem(n, e, size), s = sext(u, size);
    switch (op) {
      case ADDV: case UADDLV: acc += <i64>u; break;
      case SADDLV: acc += s; break;
      case SMAXV: if (s > acc) acc = s; break;
      case SMINV: if (s < acc) acc = s; break;
      case UMAXV: if (<u64>u > <u64>acc) acc = <i64>u; break;
      default: if (<u64>u < <u64>acc) acc = <i64>u; break;
    }
  }
  const rsize = op == SADDLV || op == UADDLV ? size + 1 : size;
  setRes(0, rsize, <u64>acc & ones(rsize));
  writeV(d, <u32>1 << rsize);
}

export function ADDV_asimdall(Q: u32, size: u32, Rn: u32, Rd: u32): void { across(ADDV, Q, size, Rn, Rd); }
export function SADDLV_asimdall(Q: u32, size: u32, Rn: u32, Rd: u32): void { across(SADDLV, Q, size, Rn, Rd); }
export function UADDLV_asimdall(Q: u32, size: u32, Rn: u32, Rd: u32): void { across(UADDLV, Q, size, Rn, Rd); }
export function SMAXV_asimdall(Q: u32, size: u32, Rn: u32, Rd: u32): void { across(SMAXV, Q, size, Rn, Rd); }
export function UMAXV_asimdall(Q: u32, size: u32, Rn: u32, Rd: u32): void { across(UMAXV, Q, size, Rn, Rd); }
export function SMINV_asimdall(Q: u32, size: u32, Rn: u32, Rd: u32): void { across(SMINV, Q, size, Rn, Rd); }
export function UMINV_asimdall(Q: u32, size: u32, Rn: u32, Rd: u32): void { across(UMINV, Q, size, Rn, Rd); }
