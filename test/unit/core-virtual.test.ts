// Host services acting for the guest (semihosting) read and write its memory through the current EL's translation
// regime, stage 2 included: Core.accessVirtual on mmu-stage2's EL1 mappings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMemory } from '../../src/debug/addressSpace';
import { stage2Stop } from '../support/debugMachine';

test('accessVirtual reads and writes through stage 1 and stage 2, page by page; an unmapped page is refused', async () => {
  const g = await stage2Stop();
  const core = g.runner.core;
  // The EL1 guest's view: the machine is at EL2's vector, so look from EL1 as semihosting at EL1 would.
  core.pstate = (core.pstate & ~0xf) | 0x5;
  const read = core.accessVirtual(0x40600ff8n, 16);
  assert.ok(read instanceof Uint8Array);
  assert.deepEqual(read, readMemory({ kind: 'va', regime: 'el10' }, 0x40600ff8n, 16, g.env).data);
  assert.equal(new DataView(read.buffer).getBigUint64(8, true), 0x2222n);
  assert.notEqual(core.accessVirtual(0x40600ff8n, 4, Uint8Array.of(1, 2, 3, 4)), false);
  assert.deepEqual(readMemory({ kind: 'va', regime: 'el10' }, 0x40600ff8n, 4, g.env).data, Uint8Array.of(1, 2, 3, 4));
  assert.equal(core.accessVirtual(0x40605000n, 8), false);
});
