// Handlers of AdvSIMD vector x indexed element (integer forms) and scalar x indexed element (ARM ARM C4.1.96):
// the operations of three same / three different with one lane of Vm for every lane.
import { elem, lanes, setRes, vbytes, writeV } from '../simd/elements';
import { IntOp, longElem, LongOp, sameElem } from '../simd/intOps';

/** Vm register number: M:Rm for 32-bit elements, Rm alone (V0-V15) for 16-bit ones. */
@inline function elemReg(size: u32, M: u32, Rm: u32): u32 { return size == 1 ? Rm : (M << 4) | Rm; }
/** Lane index: H:L:M for 16-bit elements, H:L for 32-bit ones. */
@inline function elemIndex(size: u32, L: u32, M: u32, H: u32): u32 { return size == 1 ? (H << 2) | (L << 1) | M : (H << 1) | L; }

function byElem(op: IntOp, count: u32, bytes: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, n: u32, d: u32): void {
  const b = elem(elemReg(size, M, Rm), elemIndex(size, L, M, H), size);
  for (let e: u32 = 0; e < count; e++) setRes(e, size, sameElem(op, elem(n, e, size), b, elem(d, e, size), size));
  writeV(d, bytes);
}

function longByElem(op: LongOp, unsigned: bool, count: u32, base: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, n: u32, d: u32): void {
  const b = elem(elemReg(size, M, Rm), elemIndex(size, L, M, H), size);
  for (let e: u32 = 0; e < count; e++) setRes(e, size + 1, longElem(op, elem(n, base + e, size), b, elem(d, e, size + 1), size, unsigned));
  writeV(d, count << (size + 1));
}

function vec(op: IntOp, Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void {
  byElem(op, lanes(Q, size), vbytes(Q), size, L, M, Rm, H, Rn, Rd);
}

function vecLong(op: LongOp, unsigned: bool, Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void {
  const count = lanes(0, size);
  longByElem(op, unsigned, count, Q ? count : 0, size, L, M, Rm, H, Rn, Rd);
}

export function MUL_asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vec(IntOp.MUL, Q, size, L, M, Rm, H, Rn, Rd); }
export function MLA_asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vec(IntOp.MLA, Q, size, L, M, Rm, H, Rn, Rd); }
export function MLS_asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vec(IntOp.MLS, Q, size, L, M, Rm, H, Rn, Rd); }
export function SQDMULH_asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vec(IntOp.SQDMULH, Q, size, L, M, Rm, H, Rn, Rd); }
export function SQRDMULH_asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vec(IntOp.SQRDMULH, Q, size, L, M, Rm, H, Rn, Rd); }
export function SQRDMLAH_asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vec(IntOp.SQRDMLAH, Q, size, L, M, Rm, H, Rn, Rd); }
export function SQRDMLSH_asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vec(IntOp.SQRDMLSH, Q, size, L, M, Rm, H, Rn, Rd); }

export function SMLAL_V2__asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecLong(LongOp.MLA, false, Q, size, L, M, Rm, H, Rn, Rd); }
export function UMLAL_V2__asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecLong(LongOp.MLA, true, Q, size, L, M, Rm, H, Rn, Rd); }
export function SMLSL_V2__asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecLong(LongOp.MLS, false, Q, size, L, M, Rm, H, Rn, Rd); }
export function UMLSL_V2__asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecLong(LongOp.MLS, true, Q, size, L, M, Rm, H, Rn, Rd); }
export function SMULL_V2__asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecLong(LongOp.MUL, false, Q, size, L, M, Rm, H, Rn, Rd); }
export function UMULL_V2__asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecLong(LongOp.MUL, true, Q, size, L, M, Rm, H, Rn, Rd); }
export function SQDMLAL_V2__asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecLong(LongOp.SQDMLAL, false, Q, size, L, M, Rm, H, Rn, Rd); }
export function SQDMLSL_V2__asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecLong(LongOp.SQDMLSL, false, Q, size, L, M, Rm, H, Rn, Rd); }
export function SQDMULL_V2__asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { vecLong(LongOp.SQDMULL, false, Q, size, L, M, Rm, H, Rn, Rd); }

// Scalar forms: one element, the rest of Vd cleared.
export function SQDMULH_simd_scalar_elem(size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { byElem(IntOp.SQDMULH, 1, 1 << size, size, L, M, Rm, H, Rn, Rd); }
export function SQRDMULH_simd_scalar_elem(size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { byElem(IntOp.SQRDMULH, 1, 1 << size, size, L, M, Rm, H, Rn, Rd); }
export function SQRDMLAH_simd_scalar_elem(size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { byElem(IntOp.SQRDMLAH, 1, 1 << size, size, L, M, Rm, H, Rn, Rd); }
export function SQRDMLSH_simd_scalar_elem(size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { byElem(IntOp.SQRDMLSH, 1, 1 << size, size, L, M, Rm, H, Rn, Rd); }
export function SQDMLAL_simd_scalar_elem(size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { longByElem(LongOp.SQDMLAL, false, 1, 0, size, L, M, Rm, H, Rn, Rd); }
export function SQDMLSL_simd_scalar_elem(size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { longByElem(LongOp.SQDMLSL, false, 1, 0, size, L, M, Rm, H, Rn, Rd); }
export function SQDMULL_simd_scalar_elem(size: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { longByElem(LongOp.SQDMULL, false, 1, 0, size, L, M, Rm, H, Rn, Rd); }
