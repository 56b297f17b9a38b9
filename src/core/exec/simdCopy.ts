// Handlers of AdvSIMD copy (DUP, INS, UMOV, SMOV, scalar DUP) and modified immediate (MOVI, MVNI, ORR, BIC;
// the FMOV forms are the FP handlers') (ARM ARM C4.1.96).
import { elem, lanes, resFromV, setRes, sext, vbytes, writeV } from '../simd/elements';
import { setW, setX, X } from '../state';

/** Element size (log2 bytes) of a copy encoding: LowestSetBit(imm5). */
@inline function copySize(imm5: u32): u32 { return ctz<u32>(imm5); }
/** Element index of a copy encoding: imm5<4:size+1>. */
@inline function copyIndex(imm5: u32): u32 { return imm5 >> (copySize(imm5) + 1); }

export function DUP_asimdins_DV_v(Q: u32, imm5: u32, Rn: u32, Rd: u32): void {
  const size = copySize(imm5), v = elem(Rn, copyIndex(imm5), size), count = lanes(Q, size);
  for (let e: u32 = 0; e < count; e++) setRes(e, size, v);
  writeV(Rd, vbytes(Q));
}

export function DUP_asimdins_DR_r(Q: u32, imm5: u32, Rn: u32, Rd: u32): void {
  const size = copySize(imm5), v = X(Rn), count = lanes(Q, size);
  for (let e: u32 = 0; e < count; e++) setRes(e, size, v);
  writeV(Rd, vbytes(Q));
}

/** DUP (element), scalar: the element alone, the rest of Vd cleared. */
export function DUP_simd_scalar_copy(imm5: u32, Rn: u32, Rd: u32): void {
  const size = copySize(imm5);
  setRes(0, size, elem(Rn, copyIndex(imm5), size));
  writeV(Rd, 1 << size);
}

export function SMOV_asimdins(Q: u32, imm5: u32, Rn: u32, Rd: u32): void {
  const size = copySize(imm5), v = sext(elem(Rn, copyIndex(imm5), size), size);
  if (Q) setX(Rd, <u64>v);
  else setW(Rd, <u32>v);
}

export function UMOV_asimdins(Q: u32, imm5: u32, Rn: u32, Rd: u32): void {
  const size = copySize(imm5);
  setX(Rd, elem(Rn, copyIndex(imm5), size));
}

export function INS_asimdins_IR_r(imm5: u32, Rn: u32, Rd: u32): void {
  const size = copySize(imm5);
  resFromV(Rd);
  setRes(copyIndex(imm5), size, X(Rn));
  writeV(Rd, 16);
}

export function INS_asimdins_IV_v(imm5: u32, imm4: u32, Rn: u32, Rd: u32): void {
  const size = copySize(imm5), v = elem(Rn, imm4 >> size, size);
  resFromV(Rd);
  setRes(copyIndex(imm5), size, v);
  writeV(Rd, 16);
}

/** AdvSIMDExpandImm(op, cmode, imm8) for the integer forms (cmode 1111 is FMOV's). */
function expandImm(op: u32, cmode: u32, imm8: u32): u64 {
  const i = <u64>imm8;
  switch (cmode >> 1) {
    case 0: return i * 0x0000000100000001;
    case 1: return (i << 8) * 0x0000000100000001;
    case 2: return (i << 16) * 0x0000000100000001;
    case 3: return (i << 24) * 0x0000000100000001;
    case 4: return i * 0x0001000100010001;
    case 5: return (i << 8) * 0x0001000100010001;
    case 6: return (cmode & 1 ? (i << 16) | 0xffff : (i << 8) | 0xff) * 0x0000000100000001;
  }
  if (op == 0) return i * 0x0101010101010101;
  let r: u64 = 0;
  for (let b: u64 = 0; b < 8; b++) if ((i >> b) & 1) r |= <u64>0xff << (b * 8);
  return r;
}

const MOVI: u32 = 0, MVNI: u32 = 1, ORR: u32 = 2, BIC: u32 = 3;

function modifiedImm(operation: u32, Q: u32, op: u32, cmode: u32, abc: u32, defgh: u32, d: u32): void {
  const imm = expandImm(op, cmode, (abc << 5) | defgh);
  for (let h: u32 = 0; h <= Q; h++) {
    let r = imm;
    if (operation == MVNI) r = ~imm;
    else if (operation == ORR) r = elem(d, h, 3) | imm;
    else if (operation == BIC) r = elem(d, h, 3) & ~imm;
    setRes(h, 3, r);
  }
  writeV(d, vbytes(Q));
}

// The table splits cmode across rows: `_32` rows hold cmode<2:1>, `_16` rows cmode<1>, `_32_ones` rows cmode<0>.
export function MOVI_asimdimm_32(Q: u32, abc: u32, cmode: u32, defgh: u32, Rd: u32): void { modifiedImm(MOVI, Q, 0, cmode << 1, abc, defgh, Rd); }
export function MOVI_asimdimm_16(Q: u32, abc: u32, cmode: u32, defgh: u32, Rd: u32): void { modifiedImm(MOVI, Q, 0, 8 | (cmode << 1), abc, defgh, Rd); }
export function ORR_asimdimm_32(Q: u32, abc: u32, cmode: u32, defgh: u32, Rd: u32): void { modifiedImm(ORR, Q, 0, (cmode << 1) | 1, abc, defgh, Rd); }
export function ORR_asimdimm_16(Q: u32, abc: u32, cmode: u32, defgh: u32, Rd: u32): void { modifiedImm(ORR, Q, 0, 9 | (cmode << 1), abc, defgh, Rd); }
export function MVNI_asimdimm_32(Q: u32, abc: u32, cmode: u32, defgh: u32, Rd: u32): void { modifiedImm(MVNI, Q, 1, cmode << 1, abc, defgh, Rd); }
export function MVNI_asimdimm_16(Q: u32, abc: u32, cmode: u32, defgh: u32, Rd: u32): void { modifiedImm(MVNI, Q, 1, 8 | (cmode << 1), abc, defgh, Rd); }
export function BIC_asimdimm_32(Q: u32, abc: u32, cmode: u32, defgh: u32, Rd: u32): void { modifiedImm(BIC, Q, 1, (cmode << 1) | 1, abc, defgh, Rd); }
export function BIC_asimdimm_16(Q: u32, abc: u32, cmode: u32, defgh: u32, Rd: u32): void { modifiedImm(BIC, Q, 1, 9 | (cmode << 1), abc, defgh, Rd); }
export function MOVI_asimdimm_32_ones(Q: u32, abc: u32, cmode: u32, defgh: u32, Rd: u32): void { modifiedImm(MOVI, Q, 0, 12 | cmode, abc, defgh, Rd); }
export function MVNI_asimdimm_32_ones(Q: u32, abc: u32, cmode: u32, defgh: u32, Rd: u32): void { modifiedImm(MVNI, Q, 1, 12 | cmode, abc, defgh, Rd); }
export function MOVI_asimdimm_8(Q: u32, abc: u32, defgh: u32, Rd: u32): void { modifiedImm(MOVI, Q, 0, 14, abc, defgh, Rd); }
export function MOVI_asimdimm_64_scalar(abc: u32, defgh: u32, Rd: u32): void { modifiedImm(MOVI, 0, 1, 14, abc, defgh, Rd); }
export function MOVI_asimdimm_64_vector(abc: u32, defgh: u32, Rd: u32): void { modifiedImm(MOVI, 1, 1, 14, abc, defgh, Rd); }
