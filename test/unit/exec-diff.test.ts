// Our core against qemu-aarch64 on random instruction sequences, for every class whose rows the core executes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Disassembler } from '../../src/arch/a64/disasm/disassemble';
import { xorshift } from '../../tools/randomWords';
import { compareWithQemu, describeCase } from '../support/diffHarness';
import { allocatedWord, randomCases } from '../support/randomCases';

const dis = new Disassembler();

async function check(groups: readonly string[], seed: number, count = 60, length = 6): Promise<void> {
  const rows = dis.rows.filter((r) => groups.includes(r.group));
  assert.ok(rows.length > 0, `no rows in ${groups.join(', ')}`);
  const cases = randomCases(rows, count, length, xorshift(seed), allocatedWord((w) => dis.decodeRow(w)));
  const failures = await compareWithQemu(cases, describeCase((w) => dis.disassemble(w)));
  assert.equal(failures.length, 0, `${failures.length}/${cases.length} cases differ:\n${failures.slice(0, 5).join('\n')}`);
}

test('data processing (immediate) matches qemu-aarch64', async () => {
  await check(['pcreladdr', 'addsub_imm', 'log_imm', 'movewide', 'bitfield', 'extract'], 1);
});
