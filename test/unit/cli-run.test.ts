// `trapdoor run`: semihosting console and files, exit status, and the reports of guests that stop on their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../support/cross';

function cli(): string {
  for (let d = __dirname; d !== dirname(d); d = dirname(d)) if (existsSync(join(d, 'cli.js'))) return join(d, 'cli.js');
  throw new Error('cli.js not built');
}

function build(dir: string, source: string, name: string): string {
  execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, `${name}.o`), source]);
  execFileSync('aarch64-linux-gnu-ld', ['-Ttext=0x40080000', '-o', join(dir, `${name}.elf`), join(dir, `${name}.o`)]);
  return join(dir, `${name}.elf`);
}

test('a semihosting guest prints, uses files in the launch directory only, and sets the exit status', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-run-'));
  try {
    const work = join(dir, 'work');
    execFileSync('mkdir', [work]);
    const elf = build(dir, join(repoRoot(), 'test/guests/semihosting.S'), 'semi');
    const r = spawnSync(process.execPath, [cli(), 'run', elf, '--', 'alpha', 'beta'], { cwd: work, encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, `hello from semihosting\n${elf} alpha beta\ndata\noutside file refused\n`);
    assert.equal(r.status, 42);
    assert.equal(readFileSync(join(work, 'out.txt'), 'utf8'), 'data\n');
    assert.ok(!existsSync(join(dir, 'escape.txt')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a guest that spins or leaves RAM gets a report with PC and EL, exit status 3', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-run-'));
  try {
    writeFileSync(join(dir, 'spin.S'), '.text\n.global _start\n_start: mov x0, #1\n1: b 1b\n');
    const spin = spawnSync(process.execPath, [cli(), 'run', build(dir, join(dir, 'spin.S'), 'spin')], { encoding: 'utf8' });
    assert.equal(spin.status, 3);
    assert.match(spin.stderr, /^trapdoor: the guest spins on a branch to itself: PC 0x40080004 at EL1/);
    writeFileSync(join(dir, 'jump.S'), '.text\n.global _start\n_start: mov x0, #0x1000\nbr x0\n');
    const away = spawnSync(process.execPath, [cli(), 'run', build(dir, join(dir, 'jump.S'), 'jump'), '--el', '2'], { encoding: 'utf8' });
    assert.equal(away.status, 3);
    assert.match(away.stderr, /^trapdoor: execution left RAM: PC 0x1000 at EL2/);
    const limited = spawnSync(process.execPath, [cli(), 'run', join(dir, 'spin.elf'), '--max-insns', '1000'], { encoding: 'utf8' });
    assert.match(limited.stderr, /^trapdoor: (instruction limit reached|the guest spins)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad run arguments and files: one line, exit status 2', () => {
  // Anything without the ELF magic is a raw image, as for QEMU's -kernel; a damaged ELF is an error.
  const brokenElf = join(mkdtempSync(join(tmpdir(), 'trapdoor-bad-')), 'broken.elf');
  writeFileSync(brokenElf, Buffer.from('\x7fELF\x02\x01\x01 this is not a real header', 'latin1'));
  const cases: [string[], RegExp][] = [
    [['run'], /^trapdoor: usage: trapdoor run FILE/],
    [['run', '/nonexistent.elf'], /^trapdoor: cannot read \/nonexistent.elf: ENOENT/],
    [['run', brokenElf], /^trapdoor: .*ELF/],
    [['run', __filename, '--el', '4'], /^trapdoor: --el takes 1, 2 or 3/],
    [['run', __filename, '--memory', 'lots'], /^trapdoor: --memory needs a size/],
    [['run', __filename, '--gic', '4'], /^trapdoor: --gic takes 2 or 3/],
    [['run', __filename, '--cpus', '0'], /^trapdoor: --cpus takes a number from 1 to 123/],
    [['run', __filename, '--gic', '2', '--cpus', '9'], /^trapdoor: --cpus must be between 1 and 8 with GICv2/],
    [['run', __filename, '--dtb', brokenElf], /^trapdoor: .*the DTB is malformed: /],
  ];
  for (const [args, re] of cases) {
    const r = spawnSync(process.execPath, [cli(), ...args], { encoding: 'utf8' });
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('a .S guest is assembled by the built-in assembler and runs as its as + ld build does; one that does not assemble is an error', () => {
  const hello = join(repoRoot(), 'examples/hello');
  const run = (file: string) => spawnSync(process.execPath, [cli(), 'run', file, '--hypervisor', 'builtin'], { encoding: 'utf8', input: '' });
  const fromSource = run(join(hello, 'hello.S'));
  const fromElf = run(join(hello, 'hello.elf'));
  assert.equal(fromSource.status, 0, fromSource.stderr);
  assert.equal(fromSource.stdout, fromElf.stdout);
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-cli-as-'));
  try {
    const bad = join(dir, 'bad.S');
    writeFileSync(bad, '\t.text\n_start:\n\tmovz x0\n');
    const r = run(bad);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^trapdoor: .*bad\.S does not assemble:\n.*bad\.S:3: Error: /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
