// Deterministic random instruction words for a table row: random field values (biased to their edges —
// 0, all ones — where decoders and aliases tend to go wrong) encoded into the row's fixed bits.
import { encodeFields, EncodingRow, Fields } from '../src/arch/a64/encoding';

export function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
}

export function randomFields(row: EncodingRow, rand: () => number): Fields {
  const f: Fields = {};
  for (const s of row.fields) {
    const ones = s.width >= 32 ? 0xffffffff : (1 << s.width) - 1;
    const r = rand() & 7;
    f[s.name] = r === 0 ? 0 : r === 1 ? ones : (rand() & ones) >>> 0;
  }
  return f;
}

/** Words for a row; bits the pattern leaves free (neither fixed nor a field) are random too. */
export function randomWordsForRow(row: EncodingRow, n: number, rand: () => number): number[] {
  const out: number[] = [];
  let fieldMask = 0;
  for (const s of row.fields) fieldMask |= ((1 << s.width) - 1) << s.lo;
  const free = ~(row.mask | fieldMask) >>> 0;
  for (let i = 0; i < n; i++) out.push((encodeFields(row, randomFields(row, rand)) | (rand() & free)) >>> 0);
  return out;
}
