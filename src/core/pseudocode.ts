// ARM ARM shared pseudocode for the core (AssemblyScript), each function named after the one it implements.
import { NZCV } from './state';

/** AddWithCarry(): the sum and, through `flags`, the NZCV it produces (64-bit). */
export let flags: u32 = 0;

export function addWithCarry64(x: u64, y: u64, carry: u32): u64 {
  const result = x + y + <u64>carry;
  const n = <u32>(result >> 63);
  const z: u32 = result == 0 ? 1 : 0;
  const c: u32 = (result < x || (carry != 0 && result == x)) ? 1 : 0;
  const v = <u32>((~(x ^ y) & (x ^ result)) >> 63);
  flags = (n << 3) | (z << 2) | (c << 1) | v;
  return result;
}

export function addWithCarry32(x: u32, y: u32, carry: u32): u32 {
  const wide = <u64>x + <u64>y + <u64>carry;
  const result = <u32>wide;
  const n = result >> 31;
  const z: u32 = result == 0 ? 1 : 0;
  const c = <u32>(wide >> 32);
  const v = (~(x ^ y) & (x ^ result)) >> 31;
  flags = (n << 3) | (z << 2) | (c << 1) | v;
  return result;
}

// ConditionHolds()
export function conditionHolds(cond: u32): bool {
  const nzcv = NZCV();
  const n = (nzcv >> 3) & 1, z = (nzcv >> 2) & 1, c = (nzcv >> 1) & 1, v = nzcv & 1;
  let result: bool;
  switch (cond >> 1) {
    case 0: result = z == 1; break;
    case 1: result = c == 1; break;
    case 2: result = n == 1; break;
    case 3: result = v == 1; break;
    case 4: result = c == 1 && z == 0; break;
    case 5: result = n == v; break;
    case 6: result = n == v && z == 0; break;
    default: result = true;
  }
  return (cond & 1) != 0 && cond != 15 ? !result : result;
}

// SignExtend(): the low `bits` bits of v, sign-extended to 64.
@inline export function signExtend(v: u64, bits: u32): u64 { return <u64>((<i64>(v << (64 - bits))) >> (64 - bits)); }

@inline function ones(n: u32): u64 { return n >= 64 ? <u64>-1 : (<u64>1 << n) - 1; }

@inline function ror(x: u64, shift: u32, width: u32): u64 {
  if (shift == 0) return x;
  return ((x >> shift) | (x << (width - shift))) & ones(width);
}

@inline function replicate(x: u64, esize: u32, width: u32): u64 {
  let out: u64 = 0;
  for (let i: u32 = 0; i < width; i += esize) out |= x << i;
  return out;
}

/** DecodeBitMasks(): wmask in the return value, tmask in `tmask` (the decoder already rejected reserved values). */
export let tmask: u64 = 0;

export function decodeBitMasks(n: u32, imms: u32, immr: u32, datasize: u32): u64 {
  const len = 31 - clz<u32>((n << 6) | (~imms & 0x3f));
  const levels: u32 = (1 << len) - 1;
  const s = imms & levels;
  const r = immr & levels;
  const diff = (s - r) & levels;
  const esize: u32 = 1 << len;
  const welem = ones(s + 1);
  const telem = ones(diff + 1);
  tmask = replicate(telem, esize, datasize);
  return replicate(ror(welem, r, esize), esize, datasize);
}
