// Deterministic random instruction words for a table row: free bits random, fields biased to their edges
// (0, all ones, 31) where decoders and aliases tend to go wrong.
import type { EncodingRow } from '../src/arch/a64/encoding';

export function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
}

export function randomWordsForRow(row: EncodingRow, n: number, rand: () => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let w = rand();
    for (const f of row.fields) {
      const r = rand() & 7;
      const ones = (1 << f.width) - 1;
      if (r === 0) w &= ~(ones << f.lo);
      else if (r === 1) w |= ones << f.lo;
    }
    out.push(((w & ~row.mask) | row.value) >>> 0);
  }
  return out;
}
