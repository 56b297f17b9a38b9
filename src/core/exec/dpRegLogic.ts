// Handlers of Data Processing -- Register, bitwise and 1-/2-source (ARM ARM C4.1.95): logical (shifted register),
// RBIT/REV*/CLZ/CLS, UDIV/SDIV, the variable shifts and CRC32/CRC32C.
// PACGA and the register forms PAC*, AUT*, XPAC* (FEAT_PAuth, v8.3) have no handler: the CPU model does not
// implement FEAT_PAuth, so they are UNDEFINED, as the dispatch makes every row without a handler. (Their HINT-space
// counterparts, which execute as NOPs, belong to the system instructions.)
import { setNZCV, setX, W, X } from '../state';
import { shiftReg32, shiftReg64 } from './dpRegOperands';

// ---- Logical (shifted register): register 31 is XZR in every operand.

const AND: u32 = 0, ORR: u32 = 1, EOR: u32 = 2;

@inline function logicalShifted(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32, op: u32, invert: bool, setFlags: bool): void {
  let m = sf ? shiftReg64(X(Rm), shift, imm6) : <u64>shiftReg32(W(Rm), shift, imm6);
  if (invert) m = ~m;
  const n = X(Rn);
  let r = op == AND ? n & m : op == ORR ? n | m : n ^ m;
  if (!sf) r &= 0xffffffff;
  if (setFlags) {
    // N is the result's top bit; C and V are cleared.
    const negative = sf ? <u32>(r >> 63) : <u32>(r >> 31);
    setNZCV((negative << 3) | (r == 0 ? 4 : 0));
  }
  setX(Rd, r);
}

export function AND_log_shift(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32): void { logicalShifted(sf, shift, Rm, imm6, Rn, Rd, AND, false, false); }
export function BIC_log_shift(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32): void { logicalShifted(sf, shift, Rm, imm6, Rn, Rd, AND, true, false); }
export function ORR_log_shift(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32): void { logicalShifted(sf, shift, Rm, imm6, Rn, Rd, ORR, false, false); }
export function ORN_log_shift(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32): void { logicalShifted(sf, shift, Rm, imm6, Rn, Rd, ORR, true, false); }
export function EOR_log_shift(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32): void { logicalShifted(sf, shift, Rm, imm6, Rn, Rd, EOR, false, false); }
export function EON_log_shift(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32): void { logicalShifted(sf, shift, Rm, imm6, Rn, Rd, EOR, true, false); }
export function ANDS_log_shift(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32): void { logicalShifted(sf, shift, Rm, imm6, Rn, Rd, AND, false, true); }
export function BICS_log_shift(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32): void { logicalShifted(sf, shift, Rm, imm6, Rn, Rd, AND, true, true); }

// ---- 1-source.

/** BitReverse() of 64 bits: swap ever larger neighbouring groups of bits, the bytes last. */
@inline function bitReverse64(x: u64): u64 {
  x = ((x >> 1) & 0x5555555555555555) | ((x & 0x5555555555555555) << 1);
  x = ((x >> 2) & 0x3333333333333333) | ((x & 0x3333333333333333) << 2);
  x = ((x >> 4) & 0x0f0f0f0f0f0f0f0f) | ((x & 0x0f0f0f0f0f0f0f0f) << 4);
  return bswap<u64>(x);
}

export function RBIT_dp_1src(sf: u32, Rn: u32, Rd: u32): void {
  setX(Rd, sf ? bitReverse64(X(Rn)) : bitReverse64(<u64>W(Rn)) >> 32);
}

export function REV16_dp_1src(sf: u32, Rn: u32, Rd: u32): void {
  const x = sf ? X(Rn) : <u64>W(Rn);
  setX(Rd, ((x >> 8) & 0x00ff00ff00ff00ff) | ((x & 0x00ff00ff00ff00ff) << 8));
}

export function REV_32_dp_1src(Rn: u32, Rd: u32): void { setX(Rd, <u64>bswap<u32>(W(Rn))); }
/** REV32 reverses the bytes of each word: the 64-bit byte reversal with the words swapped back. */
export function REV32_dp_1src(Rn: u32, Rd: u32): void { setX(Rd, rotr<u64>(bswap<u64>(X(Rn)), 32)); }
export function REV_64_dp_1src(Rn: u32, Rd: u32): void { setX(Rd, bswap<u64>(X(Rn))); }

export function CLZ_dp_1src(sf: u32, Rn: u32, Rd: u32): void {
  setX(Rd, sf ? clz<u64>(X(Rn)) : <u64>clz<u32>(W(Rn)));
}

// CountLeadingSignBits(x) = CountLeadingZeroBits(x<N-1:1> EOR x<N-2:0>): the N-1 bits sit at the top of
// x EOR (x << 1); setting bit 0 caps the count at N-1 when all bits equal the sign.
export function CLS_dp_1src(sf: u32, Rn: u32, Rd: u32): void {
  if (sf) {
    const x = X(Rn);
    setX(Rd, clz<u64>((x ^ (x << 1)) | 1));
  } else {
    const x = W(Rn);
    setX(Rd, <u64>clz<u32>((x ^ (x << 1)) | 1));
  }
}

// ---- 2-source: division (a zero divisor gives 0, no exception), variable shifts (amount modulo the size).

export function UDIV_dp_2src(sf: u32, Rm: u32, Rn: u32, Rd: u32): void {
  if (sf) {
    const m = X(Rm);
    setX(Rd, m == 0 ? 0 : X(Rn) / m);
  } else {
    const m = W(Rm);
    setX(Rd, m == 0 ? 0 : <u64>(W(Rn) / m));
  }
}

// RoundTowardsZero(n / m); the one overflowing quotient, MIN / -1, wraps to MIN (wasm's division would trap).
export function SDIV_dp_2src(sf: u32, Rm: u32, Rn: u32, Rd: u32): void {
  if (sf) {
    const n = <i64>X(Rn), m = <i64>X(Rm);
    setX(Rd, m == 0 ? 0 : m == -1 ? <u64>(0 - n) : <u64>(n / m));
  } else {
    const n = <i32>W(Rn), m = <i32>W(Rm);
    setX(Rd, m == 0 ? 0 : <u64>(m == -1 ? <u32>0 - <u32>n : <u32>(n / m)));
  }
}

export function LSLV_dp_2src(sf: u32, Rm: u32, Rn: u32, Rd: u32): void {
  setX(Rd, sf ? X(Rn) << (X(Rm) & 63) : <u64>(W(Rn) << (W(Rm) & 31)));
}
export function LSRV_dp_2src(sf: u32, Rm: u32, Rn: u32, Rd: u32): void {
  setX(Rd, sf ? X(Rn) >> (X(Rm) & 63) : <u64>(W(Rn) >> (W(Rm) & 31)));
}
export function ASRV_dp_2src(sf: u32, Rm: u32, Rn: u32, Rd: u32): void {
  setX(Rd, sf ? <u64>(<i64>X(Rn) >> (X(Rm) & 63)) : <u64><u32>(<i32>W(Rn) >> (W(Rm) & 31)));
}
export function RORV_dp_2src(sf: u32, Rm: u32, Rn: u32, Rd: u32): void {
  setX(Rd, sf ? rotr<u64>(X(Rn), X(Rm) & 63) : <u64>rotr<u32>(W(Rn), W(Rm) & 31));
}

// ---- CRC32/CRC32C: BitReverse(Poly32Mod2(BitReverse(acc):Zeros(size) EOR BitReverse(val):Zeros(32), poly)),
// which is the bit-reflected CRC update, least significant bit first, with no initial or final inversion.

const CRC32_POLY_REFLECTED: u32 = 0xedb88320;  // 0x04C11DB7 bit-reversed
const CRC32C_POLY_REFLECTED: u32 = 0x82f63b78; // 0x1EDC6F41 bit-reversed

function crc32Update(acc: u32, val: u64, bytes: u32, poly: u32): u32 {
  let crc = acc;
  for (let i: u32 = 0; i < bytes; i++) {
    crc ^= <u32>(val >> (i << 3)) & 0xff;
    for (let k = 0; k < 8; k++) crc = (crc >> 1) ^ (poly & (0 - (crc & 1)));
  }
  return crc;
}

export function CRC32B_dp_2src(Rm: u32, Rn: u32, Rd: u32): void { setX(Rd, crc32Update(W(Rn), X(Rm), 1, CRC32_POLY_REFLECTED)); }
export function CRC32H_dp_2src(Rm: u32, Rn: u32, Rd: u32): void { setX(Rd, crc32Update(W(Rn), X(Rm), 2, CRC32_POLY_REFLECTED)); }
export function CRC32W_dp_2src(Rm: u32, Rn: u32, Rd: u32): void { setX(Rd, crc32Update(W(Rn), X(Rm), 4, CRC32_POLY_REFLECTED)); }
export function CRC32X_dp_2src(Rm: u32, Rn: u32, Rd: u32): void { setX(Rd, crc32Update(W(Rn), X(Rm), 8, CRC32_POLY_REFLECTED)); }
export function CRC32CB_dp_2src(Rm: u32, Rn: u32, Rd: u32): void { setX(Rd, crc32Update(W(Rn), X(Rm), 1, CRC32C_POLY_REFLECTED)); }
export function CRC32CH_dp_2src(Rm: u32, Rn: u32, Rd: u32): void { setX(Rd, crc32Update(W(Rn), X(Rm), 2, CRC32C_POLY_REFLECTED)); }
export function CRC32CW_dp_2src(Rm: u32, Rn: u32, Rd: u32): void { setX(Rd, crc32Update(W(Rn), X(Rm), 4, CRC32C_POLY_REFLECTED)); }
export function CRC32CX_dp_2src(Rm: u32, Rn: u32, Rd: u32): void { setX(Rd, crc32Update(W(Rn), X(Rm), 8, CRC32C_POLY_REFLECTED)); }
