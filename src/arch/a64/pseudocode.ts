// ARM ARM shared pseudocode used when decoding operands and choosing aliases (TypeScript side).
// Each function names the ARM ARM function it implements.
import { sysOp } from '../sysregs/sysOps';

const M64 = (1n << 64n) - 1n;

export function signExtend(value: number, bits: number): number {
  const shift = 32 - bits;
  return bits >= 32 ? value | 0 : (value << shift) >> shift;
}

// HighestSetBit()
export function highestSetBit(x: number): number {
  for (let i = 31; i >= 0; i--) if ((x >>> i) & 1) return i;
  return -1;
}

function ones(n: number): bigint { return (1n << BigInt(n)) - 1n; }

function ror(x: bigint, shift: number, width: number): bigint {
  if (shift === 0) return x;
  const w = BigInt(width);
  const s = BigInt(shift);
  return ((x >> s) | (x << (w - s))) & ones(width);
}

function replicate(x: bigint, esize: number, width: number): bigint {
  let out = 0n;
  for (let i = 0; i < width; i += esize) out |= x << BigInt(i);
  return out & ones(width);
}

// DecodeBitMasks(): the wmask of a logical immediate, or undefined where the encoding is reserved.
export function decodeBitMasks(n: number, imms: number, immr: number, immediate: boolean, datasize: number): bigint | undefined {
  const len = highestSetBit((n << 6) | (~imms & 0x3f));
  if (len < 1) return undefined;
  const levels = (1 << len) - 1;
  if (immediate && (imms & levels) === levels) return undefined;
  const s = imms & levels;
  const r = immr & levels;
  const esize = 1 << len;
  if (esize > datasize) return undefined;
  const welem = ones(s + 1);
  return replicate(ror(welem, r, esize), esize, datasize) & M64;
}

/** Whether N:imms:immr is a reserved bitmask immediate (DecodeBitMasks() would be UNDEFINED). */
export function LogicalImmReserved(n: number, imms: number, sf: number): boolean {
  const len = highestSetBit((n << 6) | (~imms & 0x3f));
  if (len < 1) return true;
  const levels = (1 << len) - 1;
  return (imms & levels) === levels || (sf === 0 && len > 5);
}

/**
 * Whether a bitmask immediate is also a MOVZ or MOVN value (one non-zero halfword, or one non-0xffff).
 * objdump prints ORR-with-ZR as MOV only when it is not (binutils' wide-constant test, which differs
 * from the ARM ARM's MoveWidePreferred() for some rotations).
 */
export function bitmaskIsWideConstant(n: number, imms: number, immr: number, sf: number): boolean {
  const width = sf ? 64 : 32;
  const v = decodeBitMasks(n, imms, immr, true, width) ?? 0n;
  const one = (x: bigint) => {
    let chunks = 0;
    for (let i = 0; i < width; i += 16) if ((x >> BigInt(i)) & 0xffffn) chunks++;
    return chunks <= 1;
  };
  return one(v) || one(~v & ((1n << BigInt(width)) - 1n));
}

// BFXPreferred(): whether UBFM/SBFM should print as UBFX/SBFX rather than an LSL/LSR/ASR/extend alias.
export function bfxPreferred(sf: number, uns: number, imms: number, immr: number): boolean {
  if (imms < immr) return false;
  if (imms === (sf ? 63 : 31)) return false;
  if (immr === 0) {
    if (sf === 0 && (imms === 7 || imms === 15)) return false;
    if (sf === 1 && uns === 0 && (imms === 7 || imms === 15 || imms === 31)) return false;
  }
  return true;
}

// VFPExpandImm(): the 8-bit floating-point immediate as a number.
export function vfpExpandImm(imm8: number): number {
  const sign = (imm8 >> 7) & 1;
  const bcd = (imm8 >> 4) & 7;
  const n = bcd < 4 ? bcd + 1 : bcd - 7;
  const v = (16 + (imm8 & 15)) / 16 * Math.pow(2, n);
  return sign ? -v : v;
}

// AdvSIMDExpandImm(): the 64-bit value of a modified immediate.
export function advSimdExpandImm(op: number, cmode: number, imm8: number): bigint {
  const b = BigInt(imm8);
  const rep32 = (x: bigint) => (x << 32n) | x;
  const rep16 = (x: bigint) => rep32((x << 16n) | x);
  switch (cmode >> 1) {
    case 0: return rep32(b);
    case 1: return rep32(b << 8n);
    case 2: return rep32(b << 16n);
    case 3: return rep32(b << 24n);
    case 4: return rep16(b);
    case 5: return rep16(b << 8n);
    case 6: return rep32((cmode & 1) ? ((b << 16n) | 0xffffn) : ((b << 8n) | 0xffn));
    default:
      if ((cmode & 1) === 0 && op === 0) { let x = 0n; for (let i = 0; i < 8; i++) x |= b << BigInt(8 * i); return x; }
      if ((cmode & 1) === 0 && op === 1) {
        let x = 0n;
        for (let i = 0; i < 8; i++) if ((imm8 >> i) & 1) x |= 0xffn << BigInt(8 * i);
        return x;
      }
      throw new Error('AdvSIMDExpandImm: reserved cmode');
  }
}

/** Helpers visible to alias and operand expressions in the table. */
export const EXPR_HELPERS: Record<string, unknown> = {
  BitmaskIsWideConstant: bitmaskIsWideConstant,
  BFXPreferred: bfxPreferred,
  DecodeBitMasks: decodeBitMasks,
  HighestSetBit: highestSetBit,
  SignExtend: signExtend,
  LogicalImmReserved,
  SysOp: sysOp,
};
