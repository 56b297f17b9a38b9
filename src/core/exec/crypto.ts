// Handlers of the cryptographic extension (ARM ARM C4.1.9x): AES, SHA-1, SHA-256, SHA-512, SHA-3 (EOR3, RAX1,
// XAR, BCAX), SM3 and SM4, each following the instruction's Operation pseudocode on 32- or 64-bit lanes.
import { elem, resElem, resFromV, setRes, writeV } from '../simd/elements';
import { aesInvSbox, aesSbox, gfMul, sm4Sbox } from '../simd/sbox';

@inline function w(n: u32, i: u32): u32 { return <u32>elem(n, i, 2); }
@inline function rol(x: u32, n: u32): u32 { return rotl<u32>(x, n); }
@inline function ror(x: u32, n: u32): u32 { return rotr<u32>(x, n); }
@inline function setW4(a: u32, b: u32, c: u32, d: u32): void { setRes(0, 2, a); setRes(1, 2, b); setRes(2, 2, c); setRes(3, 2, d); }

// ---- AES: the state's byte 4c+r is row r of column c.

function aesRound(decrypt: bool, Rn: u32, Rd: u32): void {
  const lo = elem(Rd, 0, 3) ^ elem(Rn, 0, 3), hi = elem(Rd, 1, 3) ^ elem(Rn, 1, 3);
  for (let c: u32 = 0; c < 4; c++) {
    for (let r: u32 = 0; r < 4; r++) {
      // ShiftRows/InvShiftRows: row r rotates left/right by r columns.
      const src = r + 4 * ((decrypt ? c + 4 - r : c + r) & 3);
      const byte = <u32>((src < 8 ? lo >> (<u64>src * 8) : hi >> (<u64>(src - 8) * 8)) & 0xff);
      setRes(4 * c + r, 0, decrypt ? aesInvSbox(byte) : aesSbox(byte));
    }
  }
  writeV(Rd, 16);
}

export function AESE_cryptoaes(Rn: u32, Rd: u32): void { aesRound(false, Rn, Rd); }
export function AESD_cryptoaes(Rn: u32, Rd: u32): void { aesRound(true, Rn, Rd); }

/** MixColumns (coefficients 2 3 1 1) or InvMixColumns (14 11 13 9) on each column of Vn. */
function mixColumns(inverse: bool, Rn: u32, Rd: u32): void {
  const k0: u32 = inverse ? 14 : 2, k1: u32 = inverse ? 11 : 3, k2: u32 = inverse ? 13 : 1, k3: u32 = inverse ? 9 : 1;
  for (let c: u32 = 0; c < 4; c++) {
    const a0 = <u32>elem(Rn, 4 * c, 0), a1 = <u32>elem(Rn, 4 * c + 1, 0), a2 = <u32>elem(Rn, 4 * c + 2, 0), a3 = <u32>elem(Rn, 4 * c + 3, 0);
    setRes(4 * c, 0, gfMul(a0, k0, 0x11b) ^ gfMul(a1, k1, 0x11b) ^ gfMul(a2, k2, 0x11b) ^ gfMul(a3, k3, 0x11b));
    setRes(4 * c + 1, 0, gfMul(a0, k3, 0x11b) ^ gfMul(a1, k0, 0x11b) ^ gfMul(a2, k1, 0x11b) ^ gfMul(a3, k2, 0x11b));
    setRes(4 * c + 2, 0, gfMul(a0, k2, 0x11b) ^ gfMul(a1, k3, 0x11b) ^ gfMul(a2, k0, 0x11b) ^ gfMul(a3, k1, 0x11b));
    setRes(4 * c + 3, 0, gfMul(a0, k1, 0x11b) ^ gfMul(a1, k2, 0x11b) ^ gfMul(a2, k3, 0x11b) ^ gfMul(a3, k0, 0x11b));
  }
  writeV(Rd, 16);
}

export function AESMC_cryptoaes(Rn: u32, Rd: u32): void { mixColumns(false, Rn, Rd); }
export function AESIMC_cryptoaes(Rn: u32, Rd: u32): void { mixColumns(true, Rn, Rd); }

// ---- SHA-1 and SHA-256.

@inline function shaChoose(x: u32, y: u32, z: u32): u32 { return ((y ^ z) & x) ^ z; }
@inline function shaParity(x: u32, y: u32, z: u32): u32 { return x ^ y ^ z; }
@inline function shaMajority(x: u32, y: u32, z: u32): u32 { return (x & y) | ((x | y) & z); }

const CHOOSE: u32 = 0, PARITY: u32 = 1, MAJORITY: u32 = 2;

/** SHA1C/SHA1P/SHA1M: four rounds on the hash abcd in Qd, e in Sn, and the four wk words of Vm. */
function sha1Rounds(f: u32, Rm: u32, Rn: u32, Rd: u32): void {
  let x0 = w(Rd, 0), x1 = w(Rd, 1), x2 = w(Rd, 2), x3 = w(Rd, 3), y = w(Rn, 0);
  for (let e: u32 = 0; e < 4; e++) {
    const t = f == CHOOSE ? shaChoose(x1, x2, x3) : f == PARITY ? shaParity(x1, x2, x3) : shaMajority(x1, x2, x3);
    y = y + rol(x0, 5) + t + w(Rm, e);
    x1 = rol(x1, 30);
    // <Y, X> = ROL(Y : X, 32)
    const top = x3;
    x3 = x2; x2 = x1; x1 = x0; x0 = y; y = top;
  }
  setW4(x0, x1, x2, x3);
  writeV(Rd, 16);
}

export function SHA1C_cryptosha3(Rm: u32, Rn: u32, Rd: u32): void { sha1Rounds(CHOOSE, Rm, Rn, Rd); }
export function SHA1P_cryptosha3(Rm: u32, Rn: u32, Rd: u32): void { sha1Rounds(PARITY, Rm, Rn, Rd); }
export function SHA1M_cryptosha3(Rm: u32, Rn: u32, Rd: u32): void { sha1Rounds(MAJORITY, Rm, Rn, Rd); }

export function SHA1SU0_cryptosha3(Rm: u32, Rn: u32, Rd: u32): void {
  // result = Vn<63:0> : Vd<127:64>, EOR Vd EOR Vm.
  setRes(0, 3, elem(Rd, 1, 3) ^ elem(Rd, 0, 3) ^ elem(Rm, 0, 3));
  setRes(1, 3, elem(Rn, 0, 3) ^ elem(Rd, 1, 3) ^ elem(Rm, 1, 3));
  writeV(Rd, 16);
}

export function SHA1H_cryptosha2(Rn: u32, Rd: u32): void {
  setRes(0, 2, rol(w(Rn, 0), 30));
  writeV(Rd, 4);
}

export function SHA1SU1_cryptosha2(Rn: u32, Rd: u32): void {
  // T = Vd EOR LSR(Vn, 32)
  const t0 = w(Rd, 0) ^ w(Rn, 1), t1 = w(Rd, 1) ^ w(Rn, 2), t2 = w(Rd, 2) ^ w(Rn, 3), t3 = w(Rd, 3);
  const w0 = rol(t0, 1);
  setW4(w0, rol(t1, 1), rol(t2, 1), rol(t3, 1) ^ rol(t0, 2));
  writeV(Rd, 16);
}

@inline function sigma0(x: u32): u32 { return ror(x, 2) ^ ror(x, 13) ^ ror(x, 22); }
@inline function sigma1(x: u32): u32 { return ror(x, 6) ^ ror(x, 11) ^ ror(x, 25); }

/** SHA256hash(X, Y, W, part1): four rounds; SHA256H returns X (X = Vd, Y = Vn), SHA256H2 Y (X = Vn, Y = Vd). */
function sha256Hash(part1: bool, Rm: u32, Rn: u32, Rd: u32): void {
  const xr = part1 ? Rd : Rn, yr = part1 ? Rn : Rd;
  let x0 = w(xr, 0), x1 = w(xr, 1), x2 = w(xr, 2), x3 = w(xr, 3);
  let y0 = w(yr, 0), y1 = w(yr, 1), y2 = w(yr, 2), y3 = w(yr, 3);
  for (let e: u32 = 0; e < 4; e++) {
    const chs = shaChoose(y0, y1, y2), maj = shaMajority(x0, x1, x2);
    const t1 = y3 + sigma1(y0) + chs + w(Rm, e);
    x3 = t1 + x3;
    y3 = t1 + sigma0(x0) + maj;
    // <Y, X> = ROL(Y : X, 32)
    const xTop = x3, yTop = y3;
    x3 = x2; x2 = x1; x1 = x0; x0 = yTop;
    y3 = y2; y2 = y1; y1 = y0; y0 = xTop;
  }
  if (part1) setW4(x0, x1, x2, x3);
  else setW4(y0, y1, y2, y3);
  writeV(Rd, 16);
}

export function SHA256H_cryptosha3(Rm: u32, Rn: u32, Rd: u32): void { sha256Hash(true, Rm, Rn, Rd); }
export function SHA256H2_cryptosha3(Rm: u32, Rn: u32, Rd: u32): void { sha256Hash(false, Rm, Rn, Rd); }

export function SHA256SU0_cryptosha2(Rn: u32, Rd: u32): void {
  // T = Vn<31:0> : Vd<127:32>
  for (let e: u32 = 0; e < 4; e++) {
    const t = e < 3 ? w(Rd, e + 1) : w(Rn, 0);
    setRes(e, 2, (ror(t, 7) ^ ror(t, 18) ^ (t >> 3)) + w(Rd, e));
  }
  writeV(Rd, 16);
}

export function SHA256SU1_cryptosha3(Rm: u32, Rn: u32, Rd: u32): void {
  // T0 = Vm<31:0> : Vn<127:32>; T1 = Vm<127:64>, then the first two results.
  for (let e: u32 = 0; e < 4; e++) {
    const t1 = e < 2 ? w(Rm, e + 2) : <u32>resElem(e - 2, 2);
    const t0 = e < 3 ? w(Rn, e + 1) : w(Rm, 0);
    setRes(e, 2, (ror(t1, 17) ^ ror(t1, 19) ^ (t1 >> 10)) + w(Rd, e) + t0);
  }
  writeV(Rd, 16);
}

// ---- SHA-512.

@inline function ror64(x: u64, n: u64): u64 { return rotr<u64>(x, n); }

export function SHA512H_cryptosha512_3(Rm: u32, Rn: u32, Rd: u32): void {
  const x0 = elem(Rn, 0, 3), x1 = elem(Rn, 1, 3), y0 = elem(Rm, 0, 3), y1 = elem(Rm, 1, 3), w0 = elem(Rd, 0, 3), w1 = elem(Rd, 1, 3);
  let s = ror64(y1, 14) ^ ror64(y1, 18) ^ ror64(y1, 41);
  const hi = ((y1 & x0) ^ (~y1 & x1)) + s + w1;
  const tmp = hi + y0;
  s = ror64(tmp, 14) ^ ror64(tmp, 18) ^ ror64(tmp, 41);
  const lo = ((tmp & y1) ^ (~tmp & x0)) + s + w0;
  setRes(0, 3, lo);
  setRes(1, 3, hi);
  writeV(Rd, 16);
}

export function SHA512H2_cryptosha512_3(Rm: u32, Rn: u32, Rd: u32): void {
  const x0 = elem(Rn, 0, 3), y0 = elem(Rm, 0, 3), y1 = elem(Rm, 1, 3), w0 = elem(Rd, 0, 3), w1 = elem(Rd, 1, 3);
  let s = ror64(y0, 28) ^ ror64(y0, 34) ^ ror64(y0, 39);
  const hi = ((x0 & y1) ^ (x0 & y0) ^ (y1 & y0)) + s + w1;
  s = ror64(hi, 28) ^ ror64(hi, 34) ^ ror64(hi, 39);
  const lo = ((hi & y0) ^ (hi & y1) ^ (y1 & y0)) + s + w0;
  setRes(0, 3, lo);
  setRes(1, 3, hi);
  writeV(Rd, 16);
}

export function SHA512SU0_cryptosha512_2(Rn: u32, Rd: u32): void {
  const x0 = elem(Rd, 0, 3), x1 = elem(Rd, 1, 3), w0 = elem(Rn, 0, 3);
  setRes(0, 3, x0 + (ror64(x1, 1) ^ ror64(x1, 8) ^ (x1 >> 7)));
  setRes(1, 3, x1 + (ror64(w0, 1) ^ ror64(w0, 8) ^ (w0 >> 7)));
  writeV(Rd, 16);
}

export function SHA512SU1_cryptosha512_3(Rm: u32, Rn: u32, Rd: u32): void {
  const x0 = elem(Rn, 0, 3), x1 = elem(Rn, 1, 3);
  setRes(1, 3, elem(Rd, 1, 3) + (ror64(x1, 19) ^ ror64(x1, 61) ^ (x1 >> 6)) + elem(Rm, 1, 3));
  setRes(0, 3, elem(Rd, 0, 3) + (ror64(x0, 19) ^ ror64(x0, 61) ^ (x0 >> 6)) + elem(Rm, 0, 3));
  writeV(Rd, 16);
}

// ---- SHA-3.

export function EOR3_crypto4(Rm: u32, Ra: u32, Rn: u32, Rd: u32): void {
  for (let h: u32 = 0; h < 2; h++) setRes(h, 3, elem(Rn, h, 3) ^ elem(Rm, h, 3) ^ elem(Ra, h, 3));
  writeV(Rd, 16);
}

export function BCAX_crypto4(Rm: u32, Ra: u32, Rn: u32, Rd: u32): void {
  for (let h: u32 = 0; h < 2; h++) setRes(h, 3, elem(Rn, h, 3) ^ (elem(Rm, h, 3) & ~elem(Ra, h, 3)));
  writeV(Rd, 16);
}

export function RAX1_cryptosha512_3(Rm: u32, Rn: u32, Rd: u32): void {
  for (let h: u32 = 0; h < 2; h++) setRes(h, 3, elem(Rn, h, 3) ^ rotl<u64>(elem(Rm, h, 3), 1));
  writeV(Rd, 16);
}

export function XAR_crypto3_imm6(Rm: u32, imm6: u32, Rn: u32, Rd: u32): void {
  for (let h: u32 = 0; h < 2; h++) setRes(h, 3, ror64(elem(Rn, h, 3) ^ elem(Rm, h, 3), imm6));
  writeV(Rd, 16);
}

// ---- SM3.

export function SM3SS1_crypto4(Rm: u32, Ra: u32, Rn: u32, Rd: u32): void {
  setW4(0, 0, 0, rol(rol(w(Rn, 3), 12) + w(Rm, 3) + w(Ra, 3), 7));
  writeV(Rd, 16);
}

/** SM3TT1A/1B/2A/2B: one compression step on Vd with Vn<127:96> (SS1) and the word Vm.S[imm2]. */
function sm3tt(two: bool, b: bool, Rm: u32, imm2: u32, Rn: u32, Rd: u32): void {
  const d0 = w(Rd, 0), d1 = w(Rd, 1), d2 = w(Rd, 2), d3 = w(Rd, 3), n3 = w(Rn, 3), wj = w(Rm, imm2);
  let tt: u32;
  if (!two) {
    const ss2 = n3 ^ rol(d3, 12);
    tt = b ? (d3 & d1) | (d3 & d2) | (d1 & d2) : d1 ^ d3 ^ d2;
    tt = tt + d0 + ss2 + wj;
    setW4(d1, rol(d2, 9), d3, tt);
  } else {
    tt = b ? (d3 & d2) | (~d3 & d1) : d1 ^ d3 ^ d2;
    tt = tt + d0 + n3 + wj;
    setW4(d1, rol(d2, 19), d3, tt ^ rol(tt, 9) ^ rol(tt, 17));
  }
  writeV(Rd, 16);
}

export function SM3TT1A_crypto3_imm2(Rm: u32, imm2: u32, Rn: u32, Rd: u32): void { sm3tt(false, false, Rm, imm2, Rn, Rd); }
export function SM3TT1B_crypto3_imm2(Rm: u32, imm2: u32, Rn: u32, Rd: u32): void { sm3tt(false, true, Rm, imm2, Rn, Rd); }
export function SM3TT2A_crypto3_imm2(Rm: u32, imm2: u32, Rn: u32, Rd: u32): void { sm3tt(true, false, Rm, imm2, Rn, Rd); }
export function SM3TT2B_crypto3_imm2(Rm: u32, imm2: u32, Rn: u32, Rd: u32): void { sm3tt(true, true, Rm, imm2, Rn, Rd); }

@inline function sm3p1(x: u32): u32 { return x ^ rol(x, 15) ^ rol(x, 23); }

export function SM3PARTW1_cryptosha512_3(Rm: u32, Rn: u32, Rd: u32): void {
  const r0 = sm3p1(w(Rd, 0) ^ w(Rn, 0) ^ rol(w(Rm, 1), 15));
  const r1 = sm3p1(w(Rd, 1) ^ w(Rn, 1) ^ rol(w(Rm, 2), 15));
  const r2 = sm3p1(w(Rd, 2) ^ w(Rn, 2) ^ rol(w(Rm, 3), 15));
  const r3 = sm3p1(w(Rd, 3) ^ w(Rn, 3) ^ rol(r0, 15));
  setW4(r0, r1, r2, r3);
  writeV(Rd, 16);
}

export function SM3PARTW2_cryptosha512_3(Rm: u32, Rn: u32, Rd: u32): void {
  const t0 = w(Rn, 0) ^ rol(w(Rm, 0), 7), t1 = w(Rn, 1) ^ rol(w(Rm, 1), 7);
  const t2 = w(Rn, 2) ^ rol(w(Rm, 2), 7), t3 = w(Rn, 3) ^ rol(w(Rm, 3), 7);
  const t = sm3p1(rol(t0, 15));
  setW4(w(Rd, 0) ^ t0, w(Rd, 1) ^ t1, w(Rd, 2) ^ t2, w(Rd, 3) ^ t3 ^ t);
  writeV(Rd, 16);
}

// ---- SM4.

@inline function sm4Subst(x: u32): u32 {
  return sm4Sbox(x) | (sm4Sbox(x >> 8) << 8) | (sm4Sbox(x >> 16) << 16) | (sm4Sbox(x >> 24) << 24);
}

/** Four SM4 rounds on the state in RES with the round keys (or key-schedule constants) of Vk. */
function sm4Rounds(key: bool, k: u32): void {
  for (let i: u32 = 0; i < 4; i++) {
    const r0 = <u32>resElem(0, 2), r1 = <u32>resElem(1, 2), r2 = <u32>resElem(2, 2), r3 = <u32>resElem(3, 2);
    let t = sm4Subst(r3 ^ r2 ^ r1 ^ w(k, i));
    t = key ? t ^ rol(t, 13) ^ rol(t, 23) : t ^ rol(t, 2) ^ rol(t, 10) ^ rol(t, 18) ^ rol(t, 24);
    setW4(r1, r2, r3, t ^ r0);
  }
}

export function SM4E_cryptosha512_2(Rn: u32, Rd: u32): void {
  resFromV(Rd);
  sm4Rounds(false, Rn);
  writeV(Rd, 16);
}

export function SM4EKEY_cryptosha512_3(Rm: u32, Rn: u32, Rd: u32): void {
  resFromV(Rn);
  sm4Rounds(true, Rm);
  writeV(Rd, 16);
}
