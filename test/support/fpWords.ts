// Differential-test cases for floating point: vector registers filled with FP values biased to the interesting
// ones (zeros, denormals, infinities, quiet/signalling NaNs, extreme normals, values near rounding and integer
// boundaries) in half, single or double lanes, and a random FPCR (RMode, FZ, FZ16, DN, sometimes AHP) per case.
import type { EncodingRow } from '../../src/arch/a64/encoding';
import type { Case } from './diffHarness';
import { allocatedWord, randomState, WordMaker } from './randomCases';

const FORMATS = { 16: { e: 5, f: 10 }, 32: { e: 8, f: 23 }, 64: { e: 11, f: 52 } } as const;
type Size = keyof typeof FORMATS;

function randBits(rand: () => number, n: number): bigint {
  let v = 0n;
  for (let i = 0; i < n; i += 32) v = (v << 32n) | BigInt(rand() >>> 0);
  return BigInt.asUintN(n, v);
}

/** One N-bit FP value from the interesting classes. */
export function fpValue(rand: () => number, n: Size): bigint {
  const { e, f } = FORMATS[n];
  const sign = BigInt(rand() & 1) << BigInt(n - 1);
  const emax = (1n << BigInt(e)) - 1n;
  const bias = (1n << BigInt(e - 1)) - 1n;
  const fmask = (1n << BigInt(f)) - 1n;
  const enc = (ex: bigint, fr: bigint) => sign | (ex << BigInt(f)) | (fr & fmask);
  const r = rand() % 20;
  switch (r) {
    case 0: return sign;                                               // ±0
    case 1: return enc(emax, 0n);                                      // ±inf
    case 2: return enc(emax, (1n << BigInt(f - 1)) | randBits(rand, f)); // quiet NaN
    case 3: return enc(emax, (randBits(rand, f - 1)) || 1n);           // signalling NaN
    case 4: return enc(0n, randBits(rand, f) || 1n);                   // denormal
    case 5: return enc(0n, fmask >> BigInt(rand() % f));               // denormal near min normal
    case 6: return enc(1n, randBits(rand, f) & BigInt(rand() & 3));    // min normal
    case 7: return enc(emax - 1n, fmask - BigInt(rand() & 3));         // near max normal
    case 8: return enc(bias + BigInt(rand() % 3) - 1n, 0n);            // 0.5, 1, 2
    case 9: {                                                          // small integers and halves
      const k = BigInt(rand() % 64 + 1);
      const len = k.toString(2).length;
      const ex = bias + BigInt(len - 1);
      const frac = (k << BigInt(f + 1 - len)) | (BigInt(rand() & 1) << BigInt(f - len));
      return enc(ex, frac);
    }
    case 10: {                                                         // near integer limits 2^15, 2^31, 2^32, 2^63, 2^64
      const p = [15n, 16n, 31n, 32n, 63n, 64n][rand() % 6];
      return enc(bias + p - BigInt(rand() & 1), rand() & 1 ? fmask - BigInt(rand() & 3) : BigInt(rand() & 3));
    }
    case 11: case 12: {                                                // rounding boundaries: low fraction bits patterns
      const pat = [0n, 1n, fmask, fmask - 1n, 1n << BigInt(f - 1), (1n << BigInt(f - 1)) - 1n][rand() % 6];
      return enc(bias + BigInt((rand() % 9) - 4), pat ^ BigInt(rand() & 1));
    }
    case 13: return enc(BigInt(rand() % 4) + 1n, randBits(rand, f));   // tiny normals (underflow on products)
    case 14: return enc(emax - 1n - BigInt(rand() % 4), randBits(rand, f)); // huge (overflow on products)
    case 15: case 16: return enc(bias + BigInt((rand() % 11) - 5), randBits(rand, f)); // ordinary
    default: return randBits(rand, n);                                 // any pattern
  }
}

/** A 128-bit vector register of FP lanes of one random size (the same size for both halves or not). */
export function fpVector(rand: () => number): bigint {
  let v = 0n;
  let pos = 0n;
  while (pos < 128n) {
    const n = ([16, 32, 64] as const)[rand() % 3];
    if (pos % BigInt(n) !== 0n || pos + BigInt(n) > 128n) { v |= fpValue(rand, 16) << pos; pos += 16n; continue; }
    v |= fpValue(rand, n) << pos;
    pos += BigInt(n);
  }
  return v;
}

/** A random FPCR: RMode, FZ, DN, FZ16 and (rarely) AHP; trap enables stay clear (RES0 in our CPU model). */
export function randomFpcr(rand: () => number): number {
  let fpcr = (rand() & 3) << 22;
  if (rand() & 1) fpcr |= 1 << 24;
  if ((rand() & 3) === 0) fpcr |= 1 << 25;
  if (rand() & 1) fpcr |= 1 << 19;
  if ((rand() & 7) === 0) fpcr |= 1 << 26;
  return fpcr >>> 0;
}

/** Cases as randomCases() makes them, with FP-biased vector registers and a random FPCR. */
export function fpCases(rows: readonly EncodingRow[], count: number, length: number, rand: () => number, maker: WordMaker,
  fpcrMask = 0xffffffff): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const words: number[] = [];
    while (words.length < length) {
      const w = maker(rows[rand() % rows.length], rand);
      if (w !== undefined) words.push(w);
    }
    const initial = randomState(rand);
    initial.v = initial.v.map(() => fpVector(rand));
    // Some general registers hold FP bit patterns too (FMOV from general registers, then arithmetic).
    initial.x = initial.x.map((x, k) => (k % 3 === 0 ? fpValue(rand, 64) : x));
    initial.fp = (randomFpcr(rand) & fpcrMask) >>> 0;
    cases.push({ words, initial });
  }
  return cases;
}

/**
 * Random allocated FP/SIMD words that qemu-aarch64 7.2 executes as the architecture says: it sign-extends the
 * 16-bit result of FCVTZS Hd, Hn, #fbits (left out), and FMLAL/FMLSL(2) (vector) with sz (bit 22) = 1 are
 * UNALLOCATED, which the table (like objdump) ignores (cleared).
 */
export function fpWordMaker(decodeRow: (w: number) => EncodingRow | undefined): WordMaker {
  const allocated = allocatedWord(decodeRow);
  return (row, rand, ctx) => {
    const w = allocated(row, rand, ctx);
    if (w === undefined) return undefined;
    if (row.form === 'FCVTZS_simd_scalar_shift' && ((w >>> 19) & 0xf) < 4) return undefined;
    return /^FML[AS]L2?_asimdsame$/.test(row.form) ? (w & ~(1 << 22)) >>> 0 : w;
  };
}
