// Random load/store words for differential tests: every access lands in the scratch buffer. A few registers are
// reserved as bases and indexes (no instruction writes them, except a writeback form's own base), immediates are
// clamped so that a case's accesses and base drift stay inside the buffer, and atomic/exclusive/ordered accesses
// use bases that stay naturally aligned (qemu-aarch64 delivers SIGBUS for unaligned ones, as the architecture asks).
import type { EncodingRow, Fields } from '../../src/arch/a64/encoding';
import { encodeFields, extractFields } from '../../src/arch/a64/encoding';
import { randomWordsForRow } from '../../tools/randomWords';
import type { MachineState } from './diffHarness';
import { SCRATCH_VA } from './diffHarness';
import type { WordMaker } from './randomCases';

/** 16-byte aligned bases of the atomic, exclusive and ordered forms (no writeback ever moves them). */
const ALIGNED_BASES = [19, 20];
/** Bases of the other forms (SP too); writeback moves them, by at most 256 bytes per instruction. */
const BASES = [21, 22, 23, 31];
/** Small non-negative values for register offsets and post-index by register. */
const INDEXES = [24, 25];
const RESERVED = new Set([...ALIGNED_BASES, ...BASES.filter((r) => r !== 31), ...INDEXES]);

const ATOMIC_GROUPS = new Set(['comswappr', 'ldstexclp', 'ldstexclr', 'ldstord', 'comswap', 'memop']);
const WRITEBACK_GROUPS = new Set(['ldst_immpost', 'ldst_immpre', 'ldstpair_post', 'ldstpair_pre']);

/** Gives each reserved register its value: bases into the middle of scratch, indexes small. */
export function ldstInitialState(s: MachineState, rand: () => number): MachineState {
  const x = [...s.x];
  x[19] = SCRATCH_VA + 0x1000n + BigInt((rand() & 0x3f) * 16);
  x[20] = SCRATCH_VA + 0x1800n + BigInt((rand() & 0x3f) * 16);
  for (const r of [21, 22, 23]) x[r] = SCRATCH_VA + 0x1800n + BigInt(rand() & 0xfff);
  for (const r of INDEXES) x[r] = BigInt(rand() & 0x3f);
  return { ...s, x, sp: SCRATCH_VA + 0x1c00n + BigInt((rand() & 0x3f) * 16) };
}

const pick = <T>(xs: readonly T[], rand: () => number): T => xs[rand() % xs.length];

function freeReg(rand: () => number): number {
  for (;;) {
    const r = rand() & 31;
    if (!RESERVED.has(r)) return r;
  }
}

/** An even register whose pair (r, r + 1) avoids the reserved ones (CASP). */
function freePair(rand: () => number): number {
  for (;;) {
    const r = (rand() & 31) & ~1;
    if (!RESERVED.has(r) && !RESERVED.has(r + 1)) return r;
  }
}

const isFP = (row: EncodingRow) => row.form.includes('fpsimd') || row.group.startsWith('asisd');
/** Bytes of one access of a GP row of the atomic groups (B/H by name, else 4 << sf; pairs twice that). */
function exclusiveBytes(row: EncodingRow, f: Fields): number {
  const base = /^[A-Z]+B_/.test(row.form) && !row.form.startsWith('CASP') ? 1 : /^[A-Z]+H_/.test(row.form) ? 2 : 4 << (f.sf ?? 0);
  return row.group === 'ldstexclp' ? base * 2 : base;
}

/**
 * A maker for sequences of `length` words. It counts the words it hands out to know each one's position, so that
 * literal loads target words of the same sequence, and it tracks the exclusive monitor so that a store-exclusive
 * never follows a load-exclusive of the same address but another size (CONSTRAINED UNPREDICTABLE, and QEMU's
 * compare-and-swap emulation reports such a store as failed while doing it).
 */
export function ldstWordMaker(decodeRow: (w: number) => EncodingRow | undefined, length: number): WordMaker {
  let produced = 0;
  let monitor: { base: number; bytes: number } | undefined;
  return (row, rand) => {
    const pos = produced % length;
    if (pos === 0) monitor = undefined;
    const f = extractFields(row, randomWordsForRow(row, 1, rand)[0]);
    const fp = isFP(row);
    const atomic = ATOMIC_GROUPS.has(row.group);
    if ('Rn' in f) f.Rn = pick(atomic ? ALIGNED_BASES : BASES, rand);
    if (!fp) {
      for (const k of ['Rt', 'Rt2', 'Rs']) if (k in f) f[k] = freeReg(rand);
      if (row.form.startsWith('CASP')) { f.Rs = freePair(rand); f.Rt = freePair(rand); }
      // The CONSTRAINED UNPREDICTABLE base-is-a-destination cases, which QEMU resolves as our core does.
      if (WRITEBACK_GROUPS.has(row.group) && f.Rn !== 31 && (rand() & 7) === 0) f[(rand() & 1) && 'Rt2' in f ? 'Rt2' : 'Rt'] = f.Rn;
    }
    if ('Rm' in f) f.Rm = row.group === 'ldst_regoff' ? pick(INDEXES, rand) : pick([...INDEXES, 31], rand);
    // At most 512 bytes from the base; pairs move it by at most 256 (16 elements of up to 16 bytes).
    if ('imm12' in f) f.imm12 = rand() % 32;
    if ('imm7' in f) f.imm7 = (rand() % 32 - 16) & 0x7f;
    if ('imm19' in f) {
      // Literal: a word of this sequence such that the whole access (up to 16 bytes) stays inside it.
      const bytes = row.form === 'LDR_loadlit_fpsimd' ? 4 << f.opc : row.form === 'LDR_loadlit' ? 4 << f.sf : 4;
      const last = length - bytes / 4;
      if (last < 0) return undefined;
      f.imm19 = ((rand() % (last + 1)) - pos) & 0x7ffff;
    }
    let next = monitor;
    const exclusive = row.group === 'ldstexclr' || row.group === 'ldstexclp';
    const isStoreExclusive = exclusive && /^ST/.test(row.form);
    // With the monitor open, prefer a store-exclusive that can pass: same base and size.
    if (monitor && !isStoreExclusive && (rand() & 1)) return undefined;
    if (exclusive) {
      if (isStoreExclusive && monitor) {
        if ('sf' in f && exclusiveBytes(row, { ...f, sf: f.sf ^ 1 }) === monitor.bytes) f.sf ^= 1;
        if (exclusiveBytes(row, f) === monitor.bytes) {
          if (rand() & 3) f.Rn = monitor.base;
        } else if (f.Rn === monitor.base) {
          f.Rn = ALIGNED_BASES.find((b) => b !== monitor!.base)!;
        }
      }
      next = isStoreExclusive ? undefined : { base: f.Rn, bytes: exclusiveBytes(row, f) };
    }
    const w = encodeFields(row, f) | (randomWordsForRow(row, 1, rand)[0] & ~row.mask & ~fieldBits(row));
    if (decodeRow(w >>> 0) !== row) return undefined;
    monitor = next;
    produced++;
    return w >>> 0;
  };
}

function fieldBits(row: EncodingRow): number {
  let m = 0;
  for (const s of row.fields) m |= ((1 << s.width) - 1) << s.lo;
  return m;
}
