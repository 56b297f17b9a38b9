// Builds a test guest that starts at EL3 and reports through semihosting, runs it in `trapdoor run --el 3` and in
// qemu-system-aarch64 -M virt,secure=on,virtualization=on, and asserts that both print the same lines.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, repoRoot } from './cross';

/** test/guests/<name>.S on both machines, compared line for line; returns our output lines. */
export function compareEl3GuestWithQemu(name: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-guest-'));
  try {
    const guests = join(repoRoot(), 'test/guests');
    const elf = join(dir, 'g.elf');
    execFileSync('aarch64-linux-gnu-as', ['-I', guests, '-o', join(dir, 'g.o'), join(guests, `${name}.S`)]);
    execFileSync('aarch64-linux-gnu-ld', ['-Ttext=0x40080000', '-o', elf, join(dir, 'g.o')]);
    const qemu = spawnSync('qemu-system-aarch64', ['-M', 'virt,secure=on,virtualization=on', '-cpu', 'max', '-nographic',
      '-semihosting', '-kernel', elf], { encoding: 'utf8', timeout: 60000 });
    const ours = spawnSync(process.execPath, [cliPath(), 'run', elf, '--el', '3'], { encoding: 'utf8', timeout: 60000 });
    assert.equal(ours.stderr, '');
    assert.equal(ours.status, 0);
    assert.equal(qemu.status, 0);
    // QEMU writes the semihosting console to stderr when its standard streams are not a terminal.
    const q = (qemu.stdout + qemu.stderr).split('\n');
    const t = ours.stdout.split('\n');
    q.forEach((line, i) => assert.equal(t[i], line, `line ${i + 1}`));
    assert.equal(t.length, q.length);
    return t;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
