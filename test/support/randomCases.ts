// Random differential-test cases: instruction sequences drawn from table rows, with random registers,
// flags, vector registers and scratch memory. Rows that need a particular machine state (loads and stores,
// branches, system instructions) get their words from a class-specific maker.
import type { EncodingRow } from '../../src/arch/a64/encoding';
import { randomWordsForRow } from '../../tools/randomWords';
import type { Case, MachineState } from './diffHarness';
import { SCRATCH_SIZE } from './diffHarness';

/** Where a word goes: its index in a sequence of `length` words (branch makers keep their targets inside). */
export interface Slot { readonly index: number; readonly length: number; }

/** A word for `row`, or undefined to have another row drawn; makers that place branches need the `slot`. */
export type WordMaker = (row: EncodingRow, rand: () => number, slot?: Slot) => number | undefined;

function rand64(rand: () => number): bigint {
  const r = rand() & 7;
  // Edges matter for flags and overflow: 0, all ones, sign boundaries, small values.
  if (r === 0) return 0n;
  if (r === 1) return (1n << 64n) - 1n;
  if (r === 2) return 1n << 63n;
  if (r === 3) return BigInt(rand() & 0xff);
  if (r === 4) return (1n << 31n) + BigInt(rand() & 3) - 2n;
  return (BigInt(rand()) << 32n) | BigInt(rand());
}

export function randomState(rand: () => number): MachineState {
  const scratch = new Uint8Array(SCRATCH_SIZE);
  for (let i = 0; i < scratch.length; i += 4) new DataView(scratch.buffer).setUint32(i, rand(), true);
  return {
    x: Array.from({ length: 31 }, () => rand64(rand)),
    sp: 0x7f0000n,
    nzcv: (rand() & 0xf) << 28,
    fp: 0,
    v: Array.from({ length: 32 }, () => (rand64(rand) << 64n) | rand64(rand)),
    scratch,
  };
}

/** A random word of the row that decodes as that row (not UNALLOCATED, not a more specific row). */
export function allocatedWord(decodeRow: (w: number) => EncodingRow | undefined): WordMaker {
  return (row, rand) => {
    const w = randomWordsForRow(row, 1, rand)[0];
    return decodeRow(w) === row ? w : undefined;
  };
}

export function randomCases(rows: readonly EncodingRow[], count: number, length: number, rand: () => number, maker: WordMaker): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const words: number[] = [];
    while (words.length < length) {
      const w = maker(rows[rand() % rows.length], rand, { index: words.length, length });
      if (w !== undefined) words.push(w);
    }
    cases.push({ words, initial: randomState(rand) });
  }
  return cases;
}
