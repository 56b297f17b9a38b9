// The generated AssemblyScript decoder (in out/core.wasm) must pick the same row as the TypeScript one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Disassembler } from '../../src/arch/a64/disasm/disassemble';
import { randomWordsForRow, xorshift } from '../../tools/randomWords';
import { instantiateCore } from '../support/wasm';

test('wasm decoder agrees with the TypeScript decoder', async () => {
  const wasm = readFileSync(join(__dirname, '../../core.wasm'));
  const decode = (await instantiateCore(wasm)).decode as (w: number) => number;
  const dis = new Disassembler();
  const rand = xorshift(42);
  const words = [...dis.rows.flatMap((r) => randomWordsForRow(r, 8, rand)), ...Array.from({ length: 20000 }, () => rand())];
  for (const w of words) {
    assert.equal(decode(w | 0), dis.decodeRow(w)?.index ?? -1, `word ${w.toString(16)}`);
  }
});
