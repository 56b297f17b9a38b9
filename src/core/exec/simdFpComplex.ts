// Handlers of the AdvSIMD FP rows that pair elements: FCADD and FCMLA (FEAT_FCMA, complex numbers as
// real/imaginary pairs, by vector and by element) and FMLAL/FMLSL(2) (FEAT_FHM, half products into singles).
import { fpAdd, fpMulAdd, fpMulAddH, fpNeg } from '../fp/arith';
import { clearHigh, elem, fpcrArith, setElem, vAddr } from '../fp/vreg';
import { undefinedInstruction } from '../exception';

/** Source copies: the results of these forms read elements other than their own. */
const SRC: usize = memory.data(48, 16);
function copySources(n: u32, m: u32, d: u32): void {
  memory.copy(SRC, vAddr(n), 16);
  memory.copy(SRC + 16, vAddr(m), 16);
  memory.copy(SRC + 32, vAddr(d), 16);
}
@inline function src(which: u32, e: u32, N: u32): u64 {
  const a = SRC + (<usize>which << 4) + <usize>(e * (N >> 3));
  return N == 64 ? load<u64>(a) : N == 32 ? <u64>load<u32>(a) : <u64>load<u16>(a);
}
const OPN: u32 = 0, OPM: u32 = 1, OPD: u32 = 2;

export function FCADD_asimdsame2(Q: u32, size: u32, Rm: u32, rot: u32, Rn: u32, Rd: u32): void {
  const N: u32 = 8 << size, fpcr = fpcrArith();
  const pairs = (Q ? <u32>128 : 64) / N / 2;
  copySources(Rn, Rm, Rd);
  for (let e: u32 = 0; e < pairs; e++) {
    let e1 = src(OPM, 2 * e + 1, N), e3 = src(OPM, 2 * e, N);
    if (rot) e3 = fpNeg(e3, N); else e1 = fpNeg(e1, N);
    setElem(Rd, 2 * e, N, fpAdd(src(OPN, 2 * e, N), e1, N, fpcr));
    setElem(Rd, 2 * e + 1, N, fpAdd(src(OPN, 2 * e + 1, N), e3, N, fpcr));
  }
  if (!Q) clearHigh(Rd);
}

/** FCMLA: for each pair e, the products of one part of Vn's pair with Vm's pair element(s) at mPair, rotated. */
function fcmla(Q: u32, N: u32, mPairFixed: i32, rot: u32, Rn: u32, Rm: u32, Rd: u32): void {
  const fpcr = fpcrArith();
  const pairs = (Q ? <u32>128 : 64) / N / 2;
  copySources(Rn, Rm, Rd);
  for (let e: u32 = 0; e < pairs; e++) {
    const mp: u32 = mPairFixed < 0 ? e : <u32>mPairFixed;
    const mRe = src(OPM, 2 * mp, N), mIm = src(OPM, 2 * mp + 1, N);
    const nPart = src(OPN, 2 * e + (rot & 1), N);
    let e1: u64, e3: u64;
    if (rot == 0) { e1 = mRe; e3 = mIm; }
    else if (rot == 1) { e1 = fpNeg(mIm, N); e3 = mRe; }
    else if (rot == 2) { e1 = fpNeg(mRe, N); e3 = fpNeg(mIm, N); }
    else { e1 = mIm; e3 = fpNeg(mRe, N); }
    setElem(Rd, 2 * e, N, fpMulAdd(src(OPD, 2 * e, N), nPart, e1, N, fpcr));
    setElem(Rd, 2 * e + 1, N, fpMulAdd(src(OPD, 2 * e + 1, N), nPart, e3, N, fpcr));
  }
  if (!Q) clearHigh(Rd);
}

export function FCMLA_asimdsame2(Q: u32, size: u32, Rm: u32, rot: u32, Rn: u32, Rd: u32): void {
  fcmla(Q, 8 << size, -1, rot, Rn, Rm, Rd);
}

export function FCMLA_asimdelem(Q: u32, size: u32, L: u32, M: u32, Rm: u32, rot: u32, H: u32, Rn: u32, Rd: u32): void {
  fcmla(Q, 8 << size, size == 1 ? <i32>((H << 1) | L) : <i32>H, rot, Rn, (M << 4) | Rm, Rd);
}

/** FMLAL/FMLSL(2): Vd.S[e] += (-)Vn.H[part*n + e] * (Vm.H[same] or Vm.H[index]), fused, single-precision result. */
function fmlal(Q: u32, upper: bool, sub: bool, Rm: u32, index: i32, Rn: u32, Rd: u32): void {
  const fpcr = fpcrArith();
  const n: u32 = Q ? 4 : 2;
  const base: u32 = upper ? n : 0;
  copySources(Rn, Rm, Rd);
  for (let e: u32 = 0; e < n; e++) {
    let a = src(OPN, base + e, 16);
    if (sub) a = fpNeg(a, 16);
    const b = index < 0 ? src(OPM, base + e, 16) : src(OPM, <u32>index, 16);
    setElem(Rd, e, 32, fpMulAddH(elem(Rd, e, 32), a, b, fpcr));
  }
  if (!Q) clearHigh(Rd);
}

export function FMLAL_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { if (sz) undefinedInstruction(); else fmlal(Q, false, false, Rm, -1, Rn, Rd); }
export function FMLSL_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { if (sz) undefinedInstruction(); else fmlal(Q, false, true, Rm, -1, Rn, Rd); }
export function FMLAL2_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { if (sz) undefinedInstruction(); else fmlal(Q, true, false, Rm, -1, Rn, Rd); }
export function FMLSL2_asimdsame(Q: u32, sz: u32, Rm: u32, Rn: u32, Rd: u32): void { if (sz) undefinedInstruction(); else fmlal(Q, true, true, Rm, -1, Rn, Rd); }

@inline function fhmIndex(H: u32, L: u32, M: u32): i32 { return <i32>((H << 2) | (L << 1) | M); }
export function FMLAL_asimdelem(Q: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { fmlal(Q, false, false, Rm, fhmIndex(H, L, M), Rn, Rd); }
export function FMLSL_asimdelem(Q: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { fmlal(Q, false, true, Rm, fhmIndex(H, L, M), Rn, Rd); }
export function FMLAL2_asimdelem(Q: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { fmlal(Q, true, false, Rm, fhmIndex(H, L, M), Rn, Rd); }
export function FMLSL2_asimdelem(Q: u32, L: u32, M: u32, Rm: u32, H: u32, Rn: u32, Rd: u32): void { fmlal(Q, true, true, Rm, fhmIndex(H, L, M), Rn, Rd); }
