// ProgramInfo: symbols (with extra symbol files at an offset), source locations against addr2line, source-line
// breakpoint addresses against gdb where it is installed, and path matching (relative, prefix-mapped, elsewhere).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ProgramInfo } from '../../src/debug/programInfo';
import { repoRoot } from '../support/cross';
import { buildCalls, buildGuestWithLines, CALLS_BUILDS, FIXTURES, guestSources } from '../fixtures/dwarf/build';

const hasGdb = spawnSync('gdb', ['--version']).status === 0;

function info(elf: string, offset = 0n): ProgramInfo {
  const p = new ProgramInfo();
  assert.equal(p.addElf(readFileSync(elf), elf, offset), true);
  return p;
}

/** Addresses of every instruction of .text, from objdump -d. */
function textAddresses(elf: string): bigint[] {
  const text = execFileSync('aarch64-linux-gnu-objdump', ['-d', elf], { encoding: 'utf8' });
  return [...text.matchAll(/^\s+([0-9a-f]+):\t[0-9a-f]{8} /gm)].map((m) => BigInt(`0x${m[1]}`));
}

/** addr2line's file:line for each address ("??:0" when none). */
function addr2line(elf: string, addrs: bigint[]): string[] {
  const out = execFileSync('aarch64-linux-gnu-addr2line', ['-e', elf, ...addrs.map((a) => `0x${a.toString(16)}`)], { encoding: 'utf8' });
  // A relative name (from a relative comp_dir) is relative to the ELF's directory, as ProgramInfo resolves it.
  return out.trim().split('\n').map((l) => l.replace(/ \(discriminator \d+\)$/, ''))
    .map((l) => (l.startsWith('??') ? l : resolve(dirname(elf), l)));
}

function checkLocations(elf: string): number {
  const p = info(elf);
  const addrs = textAddresses(elf);
  const want = addr2line(elf, addrs);
  const got = addrs.map((a) => {
    const l = p.location(a);
    return l ? `${l.path}:${l.line}` : '??:0';
  });
  // Code outside every line table (literal pools after `b .`) shows ??:0 in addr2line; we agree on the rest.
  const differ = addrs.flatMap((a, i) => (want[i] !== got[i] && !want[i].startsWith('??') ? [`0x${a.toString(16)} ${got[i]} ${want[i]}`] : []));
  assert.deepEqual(differ, [], elf);
  return addrs.length;
}

// Assembly only: for C, addr2line 2.40 ignores is_stmt (gdb takes the statement row where rows share an address)
// and misnames the files of gcc's DWARF 5 tables; the C fixtures are checked against gdb below.
// Guests with .include parts (several files, one table); debug-dwarf.test.ts compares every guest's rows.
const LOCATION_GUESTS = /\/(exceptions|mmu-stage2|virt-hyp|virt-el3|bench-compute)\.S$/;

test('location(addr) is addr2line\'s file:line for every instruction of hello.elf and of five test guests', () => {
  let n = checkLocations(join(repoRoot(), 'examples/hello/hello.elf'));
  for (const src of guestSources().filter((g) => LOCATION_GUESTS.test(g))) n += checkLocations(buildGuestWithLines(src));
  assert.ok(n > 1000, `${n} addresses`);
});

test('symbols: name+offset, addressOf, and an extra symbol file loaded at an offset', () => {
  const elf = buildCalls('calls-O0', CALLS_BUILDS['calls-O0']);
  const p = info(elf);
  const nm = execFileSync('aarch64-linux-gnu-nm', [elf], { encoding: 'utf8' });
  const middle = BigInt(`0x${/^([0-9a-f]+) T middle$/m.exec(nm)![1]}`);
  assert.equal(p.addressOf('middle'), middle);
  assert.equal(p.symbolAt(middle), 'middle');
  assert.equal(p.symbolAt(middle + 0x10n), 'middle+0x10');
  assert.equal(p.functionAt(middle + 4n)?.name, 'middle');
  assert.equal(p.symbolAt(0x1000n), undefined);
  assert.ok(p.symbolNames().includes('_start') && !p.symbolNames().some((s) => s.startsWith('$')));

  const OFFSET = 0xffff800000000000n;
  p.addElf(readFileSync(elf), elf, OFFSET);
  assert.equal(p.symbolAt(OFFSET + middle + 8n), 'middle+0x8');
  assert.deepEqual(p.location(OFFSET + middle), p.location(middle));
  assert.equal(p.addresses(join(FIXTURES(), 'calls.c'), 16)!.addresses.length, 2, 'line 16 at both load addresses');
  assert.equal(new ProgramInfo().addElf(new Uint8Array([1, 2, 3, 4, 5]), 'raw.bin'), false, 'a raw binary has no symbols');
});

test('addresses(path, line): the first statement of the line, or of the next line with code; sources()', () => {
  const elf = join(repoRoot(), 'examples/hello/hello.elf');
  const hello = join(repoRoot(), 'examples/hello/hello.S');
  const p = info(elf);
  assert.deepEqual(p.sources(), [hello]);
  const lines = readFileSync(hello, 'utf8').split('\n');
  // Every line that holds an instruction maps to itself; the lines before it (comments, labels) slide to it.
  for (let l = 1; l <= lines.length; l++) {
    const r = p.addresses(hello, l);
    if (!r) continue;
    assert.equal(r.addresses.length, 1);
    assert.equal(p.location(r.addresses[0])!.line, r.line);
    assert.ok(r.line >= l);
    for (let k = l; k < r.line; k++) assert.equal(p.addresses(hello, k)!.line, r.line);
  }
  assert.equal(p.addresses(hello, 11)!.addresses[0], 0x40080000n);
  assert.equal(p.addresses('/elsewhere/hello.S', 11)!.addresses[0], 0x40080000n, 'matched by file name when built elsewhere');
  assert.equal(p.addresses(join(repoRoot(), 'examples/hello/./../hello/hello.S'), 11)!.addresses[0], 0x40080000n);
  assert.equal(p.addresses('/elsewhere/other.S', 11), undefined);
  assert.equal(p.addresses(hello, lines.length + 10), undefined);
});

test('prefix-mapped debug info (comp_dir ".") resolves beside the ELF', () => {
  const elf = buildCalls('calls-O0-prefix-map', CALLS_BUILDS['calls-O0-prefix-map']);
  const p = info(elf);
  const dir = elf.replace(/\/[^/]*$/, '');
  assert.deepEqual(p.sources().sort(), ['calls.c', 'calls.h', 'start.S'].map((f) => join(dir, f)));
  assert.ok(p.addresses(join(FIXTURES(), 'calls.c'), 16), 'the real source still matches by name');
});

/** Runs gdb in batch mode on an ELF; each command's stdout follows a marker line "@i". */
function gdb(elf: string, commands: string[]): string[][] {
  const args = commands.flatMap((c, i) => ['-ex', `echo @${i}\\n`, '-ex', c]);
  const out = execFileSync('gdb', ['-nx', '-batch', ...args, elf], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const res: string[][] = commands.map(() => []);
  let at = -1;
  for (const l of out.split('\n')) {
    const m = /^@(\d+)$/.exec(l);
    if (m) at = Number(m[1]);
    else if (at >= 0) res[at].push(l);
  }
  return res;
}

/** gdb's `break FILE:LINE` for every line: "line address", or undefined for "No line N in file". */
function gdbBreaks(elf: string, file: string, lines: number): (string | undefined)[] {
  return gdb(elf, Array.from({ length: lines }, (_, i) => `break ${file}:${i + 1}`)).map((out) => {
    const m = /^Breakpoint \d+ at 0x([0-9a-f]+): file .*, line (\d+)\.$/.exec(out[0] ?? '');
    return m ? `${m[2]} ${m[1]}` : undefined;
  });
}

/** gdb's `info line *ADDR` for each address: "file:line" (the file's base name), "??" when it has none. */
function gdbLines(elf: string, addrs: bigint[]): string[] {
  return gdb(elf, addrs.map((a) => `info line *0x${a.toString(16)}`)).map((out) => {
    const m = /^Line (\d+) of "(?:[^"]*\/)?([^"/]+)"/.exec(out[0] ?? '');
    return m ? `${m[2]}:${m[1]}` : '??';
  });
}

test('location(addr) is gdb\'s `info line` for every instruction of the C fixtures', { skip: !hasGdb && 'gdb is not installed' }, () => {
  for (const name of ['calls-O0', 'calls-O1', 'calls-O1-dwarf4', 'calls-O0-dwarf3']) {
    const elf = buildCalls(name, CALLS_BUILDS[name]);
    const p = info(elf);
    const addrs = textAddresses(elf);
    const got = addrs.map((a) => {
      const l = p.location(a);
      return l ? `${l.path.replace(/^.*\//, '')}:${l.line}` : '??';
    });
    const want = gdbLines(elf, addrs);
    const differ = addrs.flatMap((a, i) => (want[i] !== got[i] && want[i] !== '??' ? [`0x${a.toString(16)} ${got[i]} ${want[i]}`] : []));
    assert.deepEqual(differ, [], name);
  }
});

test('addresses(path, line) places breakpoints where gdb does: hello.S, start.S, calls.c at -O0/-O1', { skip: !hasGdb && 'gdb is not installed' }, () => {
  const cases: [string, string][] = [
    [join(repoRoot(), 'examples/hello/hello.elf'), join(repoRoot(), 'examples/hello/hello.S')],
    [buildCalls('calls-O0', CALLS_BUILDS['calls-O0']), join(FIXTURES(), 'start.S')],
    ...['calls-O0', 'calls-O1', 'calls-O1-dwarf4', 'calls-O0-dwarf3'].map((n): [string, string] => [buildCalls(n, CALLS_BUILDS[n]), join(FIXTURES(), 'calls.c')]),
  ];
  for (const [elf, src] of cases) {
    const n = readFileSync(src, 'utf8').split('\n').length;
    const p = info(elf);
    const ours = Array.from({ length: n }, (_, i) => {
      const r = p.addresses(src, i + 1);
      return r && `${r.line} ${r.addresses.map((a) => a.toString(16)).join(',')}`;
    });
    assert.deepEqual(ours, gdbBreaks(elf, src.replace(/^.*\//, ''), n), src);
  }
});
