// AdvSIMD element access shared by the vector and scalar handlers: Elem[] reads of V registers by element size,
// and a result buffer written back with the ARM ARM's zeroing of the bits above the datasize (V[d] = result).
import { V_BASE } from '../state';

/** Address of Vn's 16 bytes. */
@inline export function vreg(n: u32): usize { return V_BASE + (<usize>(n & 31) << 4); }

/** All ones in an element of 8 << size bits. */
@inline export function ones(size: u32): u64 { return size >= 3 ? <u64>-1 : (<u64>1 << (<u64>8 << size)) - 1; }

/** Sign-extends the low 8 << size bits of v. */
@inline export function sext(v: u64, size: u32): i64 {
  const sh = <u64>64 - (<u64>8 << size);
  return (<i64>(v << sh)) >> sh;
}

/** Loads element `e` of size 8 << size bits at `p`, zero-extended. */
@inline export function loadElem(p: usize, e: u32, size: u32): u64 {
  const a = p + (<usize>e << size);
  if (size == 0) return <u64>load<u8>(a);
  if (size == 1) return <u64>load<u16>(a);
  if (size == 2) return <u64>load<u32>(a);
  return load<u64>(a);
}

@inline export function storeElem(p: usize, e: u32, size: u32, v: u64): void {
  const a = p + (<usize>e << size);
  if (size == 0) store<u8>(a, <u8>v);
  else if (size == 1) store<u16>(a, <u16>v);
  else if (size == 2) store<u32>(a, <u32>v);
  else store<u64>(a, v);
}

/** Elem[V[n], e, 8 << size], zero-extended. */
@inline export function elem(n: u32, e: u32, size: u32): u64 { return loadElem(vreg(n), e, size); }
/** Elem[V[n], e, 8 << size], sign-extended. */
@inline export function selem(n: u32, e: u32, size: u32): i64 { return sext(loadElem(vreg(n), e, size), size); }

/** The result being built; handlers fill it completely before writeV so that Vd may also be a source. */
export const RES: usize = memory.data(32, 16);

@inline export function setRes(e: u32, size: u32, v: u64): void { storeElem(RES, e, size, v); }
@inline export function resElem(e: u32, size: u32): u64 { return loadElem(RES, e, size); }

/** RES := V[n] (for writes that keep part of Vd: INS, the `2` narrowing forms). */
@inline export function resFromV(n: u32): void { memory.copy(RES, vreg(n), 16); }

/** V[d] = RES<bytes*8-1:0>, zeroing the register above it (Q = 0 vectors: 8 bytes; scalars: the element). */
export function writeV(d: u32, bytes: u32): void {
  const p = vreg(d);
  memory.copy(p, RES, bytes);
  if (bytes < 16) memory.fill(p + bytes, 0, 16 - bytes);
}

/** Number of elements of 8 << size bits in a 64-bit (Q = 0) or 128-bit (Q = 1) vector. */
@inline export function lanes(Q: u32, size: u32): u32 { return (8 << Q) >> size; }
/** Bytes of a 64-bit (Q = 0) or 128-bit (Q = 1) vector. */
@inline export function vbytes(Q: u32): u32 { return 8 << Q; }

/** Writes the narrow result RES<63:0> to half `part` of Vd (Vpart[d, part] = result): part 1 keeps the low half. */
export function writeNarrow(d: u32, part: u32): void {
  if (part) {
    memory.copy(RES + 8, RES, 8);
    memory.copy(RES, vreg(d), 8);
    writeV(d, 16);
  } else writeV(d, 8);
}

/** Element e of the concatenation Vm:Vn of two `lanes`-element vectors (pairwise and permute operands). */
@inline export function concatElem(n: u32, m: u32, e: u32, count: u32, size: u32): u64 {
  return e < count ? elem(n, e, size) : elem(m, e - count, size);
}
