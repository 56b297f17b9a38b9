// The built-in hypervisor's trap records for accesses no device claims: recorded, and the guest gets the same
// synchronous external abort as on the bare board.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath } from '../support/cross';
import { buildGuest, VIRT_GUESTS } from '../support/virtGuests';

test('an access no device claims is recorded and injected as a synchronous external abort, as KVM does', () => {
  const g = VIRT_GUESTS.find((x) => x.name === 'virt-unclaimed')!;
  const trace = join(mkdtempSync(join(tmpdir(), 'trapdoor-traps-')), 'traps.jsonl');
  const r = spawnSync(process.execPath, [cliPath(), 'run', buildGuest(g), ...g.trapdoor, '--hypervisor', 'builtin', '--trace-traps', trace],
    { input: '', encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /ESR 0x96000010\nFAR 0xa800000\n/);
  assert.match(r.stdout, /ESR 0x96000050\nFAR 0xa800008\n/);
  const aborted = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    .filter((rec) => rec.outcome === 'external-abort-injected');
  assert.deepEqual(aborted.map((rec) => [rec.ipa, rec.direction, rec.device]), [['0xa800000', 'read', undefined], ['0xa800008', 'write', undefined]]);
});
