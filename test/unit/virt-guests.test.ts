// The QEMU-virt test guests print the same bytes and exit with the same status on Trapdoor as on
// qemu-system-aarch64 with the same machine options, and the EL1 ones the same under the built-in hypervisor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, repoRoot } from '../support/cross';
import { buildGuest, runOnQemu, VIRT_GUESTS } from '../support/virtGuests';

for (const g of VIRT_GUESTS) {
  if (!existsSync(join(repoRoot(), 'test/guests/virt', g.source))) continue;
  test(`${g.name}: same output as qemu-system-aarch64`, () => {
    const qemu = runOnQemu(g);
    const ours = spawnSync(process.execPath, [cliPath(), 'run', buildGuest(g), ...g.trapdoor],
      { input: g.stdin ?? '', encoding: 'utf8', timeout: 60000 });
    assert.equal(ours.stdout, qemu.stdout, `stderr: ${ours.stderr}`);
    assert.equal(ours.status, qemu.status, `stderr: ${ours.stderr}`);
  });
}

for (const g of VIRT_GUESTS) {
  if (!existsSync(join(repoRoot(), 'test/guests/virt', g.source)) || g.trapdoor[g.trapdoor.indexOf('--el') + 1] !== '1') continue;
  test(`${g.name}: the same output under --hypervisor builtin as on the bare board`, () => {
    const elf = buildGuest(g);
    const run = (extra: string[]) => spawnSync(process.execPath, [cliPath(), 'run', elf, ...g.trapdoor, ...extra],
      { input: g.stdin ?? '', encoding: 'utf8', timeout: 60000 });
    const bare = run([]);
    const hosted = run(['--hypervisor', 'builtin']);
    assert.equal(hosted.stdout, bare.stdout, `stderr: ${hosted.stderr}`);
    assert.equal(hosted.status, bare.status, `stderr: ${hosted.stderr}`);
  });
}

test('the built-in hypervisor traces every UART access of hello.elf in order, then the PSCI call', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-traps-'));
  const trace = join(dir, 'traps.jsonl');
  const r = spawnSync(process.execPath, [cliPath(), 'run', join(repoRoot(), 'examples/hello/hello.elf'), '--hypervisor', 'builtin',
    '--trace-traps', trace], { input: '', encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  const records = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  records.forEach((rec, i) => assert.equal(rec.seq, i));
  const written = records.filter((rec) => rec.direction === 'write').map((rec) => String.fromCharCode(Number(rec.value))).join('');
  assert.equal(written, r.stdout);
  const reads = records.filter((rec) => rec.direction === 'read');
  assert.ok(reads.every((rec) => rec.ipa === '0x9000018' && rec.device === 'pl011' && rec.width === 32 && rec.outcome === 'emulated'));
  const last = records[records.length - 1];
  assert.equal(last.ec, 'HVC64');
  assert.match(last.detail, /function 0x84000008/);
  assert.ok(records.slice(0, -1).every((rec) => rec.ec === 'DataAbortLowerEl' && rec.esr.startsWith('0x93')));
});

test('a user hypervisor (--hypervisor none): its EL2 data aborts and calls are recorded, completed with the value it returned', () => {
  const g = VIRT_GUESTS.find((x) => x.name === 'virt-hyp')!;
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-traps-'));
  const trace = join(dir, 'traps.jsonl');
  const r = spawnSync(process.execPath, [cliPath(), 'run', buildGuest(g), ...g.trapdoor, '--trace-traps', trace],
    { input: '', encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  const records = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(records.every((rec) => ['DataAbortLowerEl', 'HVC64', 'SMC64'].includes(rec.ec) && rec.el === 1));
  // An HVC is recorded at the HVC itself, with its immediate and function id, and completed with X0 when EL2 returns;
  // the last (SYSTEM_OFF) never returns: it stays pending when the run ends.
  const calls = records.filter((rec) => rec.ec !== 'DataAbortLowerEl');
  assert.ok(calls.length >= 2);
  for (const call of calls) assert.match(call.detail, /^imm 0x[0-9a-f]+ function 0x[0-9a-f]+$/);
  for (const call of calls.slice(0, -1)) {
    assert.equal(call.outcome, 'hypercall');
    assert.match(call.value, /^0x[0-9a-f]+$/);
  }
  assert.equal(records[records.length - 1].outcome, 'pending');
  assert.equal(records[records.length - 1].ec, 'HVC64');
  // Each access the guest reports ("guest: <insn> -> value") has its record, in order, with that value.
  const seen = [...r.stdout.matchAll(/^guest: (ldr|str)\S* [^(\n]*-> (0x[0-9a-f]+)$/gm)].map((m) => m[2]);
  const recorded = records.filter((rec) => rec.register !== undefined).map((rec) => rec.value);
  assert.ok(seen.length >= 12, r.stdout);
  assert.deepEqual(recorded.slice(0, seen.length), seen);
  assert.ok(records.filter((rec) => rec.register !== undefined).every((rec) => rec.outcome === 'emulated'));
});

for (const name of ['virt-timer-el1-gicv2', 'virt-timer-el1-gicv3']) {
  test(`${name}: under --hypervisor builtin the timers' interrupts are injected through list registers and recorded`, () => {
    const g = VIRT_GUESTS.find((x) => x.name === name)!;
    const dir = mkdtempSync(join(tmpdir(), 'trapdoor-traps-'));
    const trace = join(dir, 'traps.jsonl');
    const r = spawnSync(process.execPath, [cliPath(), 'run', buildGuest(g), ...g.trapdoor, '--hypervisor', 'builtin',
      '--trace-traps', trace], { input: '', encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 0, r.stderr);
    const records = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const injected = records.filter((rec) => rec.outcome === 'interrupt');
    assert.ok(injected.every((rec) => rec.ec === 'IRQ' && rec.el === 1 && /^INTID \d+ in (ICH_LR\d_EL2|GICH_LR\d)$/.test(rec.detail)));
    const ids = new Set(injected.map((rec) => Number(/INTID (\d+)/.exec(rec.detail)![1])));
    // The EL1 virtual (27) and physical (30) timers, forwarded as HW interrupts.
    assert.deepEqual([...ids].sort(), [27, 30]);
    // The guest's CPU-interface accesses reach the virtual interface without an exit (ICV_* / GICV mapped at stage 2).
    assert.ok(records.every((rec) => rec.device !== 'gicc'));
  });
}
