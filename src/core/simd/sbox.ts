// The AES and SM4 S-boxes, computed once on first use from their algebraic definitions (multiplicative inverse
// in GF(2^8) followed by an affine map), as the ARM ARM's Sbox()/FFmul tables define them.
const AES_SBOX: usize = memory.data(256);
const AES_INV_SBOX: usize = memory.data(256);
const SM4_SBOX: usize = memory.data(256);
let ready = false;

/** Product in GF(2^8) modulo the polynomial `poly` (degree-8 bit included). */
export function gfMul(a: u32, b: u32, poly: u32): u32 {
  let r: u32 = 0;
  while (b) {
    if (b & 1) r ^= a;
    a <<= 1;
    if (a & 0x100) a ^= poly;
    b >>= 1;
  }
  return r;
}

/** x^254 = x^-1 in GF(2^8) (0 maps to 0). */
function gfInverse(x: u32, poly: u32): u32 {
  let r: u32 = 1, p = x;
  for (let e: u32 = 254; e; e >>= 1) {
    if (e & 1) r = gfMul(r, p, poly);
    p = gfMul(p, p, poly);
  }
  return r;
}

@inline function rotl8(x: u32, n: u32): u32 { return ((x << n) | (x >> (8 - n))) & 0xff; }

/** SM4's affine map: output bit i is the parity of x AND row i of its circulant matrix. */
function sm4Affine(x: u32): u32 {
  const rows: u64 = 0xd3e9f47a3d9e4fa7; // rows 7..0, one byte each
  let r: u32 = 0;
  for (let i: u32 = 0; i < 8; i++) r |= (popcnt<u32>(x & <u32>((rows >> (i * 8)) & 0xff)) & 1) << i;
  return r;
}

function init(): void {
  for (let x: u32 = 0; x < 256; x++) {
    const b = gfInverse(x, 0x11b);
    const s = b ^ rotl8(b, 1) ^ rotl8(b, 2) ^ rotl8(b, 3) ^ rotl8(b, 4) ^ 0x63;
    store<u8>(AES_SBOX + x, <u8>s);
    store<u8>(AES_INV_SBOX + s, <u8>x);
    store<u8>(SM4_SBOX + x, <u8>(sm4Affine(gfInverse(sm4Affine(x) ^ 0xd3, 0x1f5)) ^ 0xd3));
  }
  ready = true;
}

export function aesSbox(x: u32): u32 { if (!ready) init(); return load<u8>(AES_SBOX + (x & 0xff)); }
export function aesInvSbox(x: u32): u32 { if (!ready) init(); return load<u8>(AES_INV_SBOX + (x & 0xff)); }
export function sm4Sbox(x: u32): u32 { if (!ready) init(); return load<u8>(SM4_SBOX + (x & 0xff)); }
