// The generated AssemblyScript decoder (in out/core.wasm) must pick the same row as the TypeScript one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Disassembler } from '../../src/arch/a64/disasm/disassemble';
import { randomWordsForRow, xorshift } from '../../tools/randomWords';
import { Core } from '../../src/machine/core';

test('wasm decoder agrees with the TypeScript decoder', async () => {
  const core = await Core.load(undefined, readFileSync(join(__dirname, '../../core.wasm')));
  const dis = new Disassembler();
  const rand = xorshift(42);
  const words = [...dis.rows.flatMap((r) => randomWordsForRow(r, 8, rand)), ...Array.from({ length: 20000 }, () => rand())];
  for (const w of words) {
    assert.equal(core.decode(w), dis.decodeRow(w)?.index ?? -1, `word ${w.toString(16)}`);
  }
});
