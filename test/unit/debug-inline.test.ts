// Inlined-function frames from DWARF: ProgramInfo.frameLocations/inlineChain against addr2line -f -i (names and lines
// at every level) for every instruction of c-guest.elf and of DWARF 4/5, -O1 to -O3, cold-partition and LTO builds,
// with gdb's `info line` deciding the innermost line where addr2line ignores is_stmt; and every DW_RLE_* form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProgramInfo } from '../../src/debug/programInfo';
import { Elf } from '../../src/machine/loaders/elf';
import { InlinedSubroutine, readCompileUnits } from '../../src/machine/loaders/dwarfInfo';
import { dieRanges, DW_FORM_rnglistx, RangeUnit } from '../../src/machine/loaders/dwarfRanges';
import { repoRoot } from '../support/cross';
import { buildCGuest, buildInline, buildRnglistx, C_GUEST_BUILDS, INLINE_BUILDS } from '../fixtures/dwarf/inline';

const hasGdb = spawnSync('gdb', ['--version']).status === 0;
const C_GUEST = (): string => join(repoRoot(), 'examples/c-guest/c-guest.elf');

function info(elf: string): ProgramInfo {
  const p = new ProgramInfo();
  assert.equal(p.addElf(readFileSync(elf), elf), true);
  assert.deepEqual(p.warnings, []);
  return p;
}

/** Every instruction of the ELF with the function objdump puts it in. */
function instructions(elf: string): { addr: bigint; fn: string }[] {
  const out: { addr: bigint; fn: string }[] = [];
  let fn = '';
  for (const l of execFileSync('aarch64-linux-gnu-objdump', ['-d', elf], { encoding: 'utf8' }).split('\n')) {
    const head = /^[0-9a-f]+ <([^>]+)>:$/.exec(l);
    if (head) fn = head[1];
    const m = /^\s+([0-9a-f]+):\t[0-9a-f]{8} /.exec(l);
    if (m) out.push({ addr: BigInt(`0x${m[1]}`), fn });
  }
  return out;
}

/** addr2line -f -i's frames per address, innermost first: "name:line" (line 0 for "?"), discriminators dropped. */
function addr2lineFrames(elf: string, addrs: bigint[]): string[][] {
  const out = execFileSync('aarch64-linux-gnu-addr2line', ['-a', '-f', '-i', '-e', elf, ...addrs.map((a) => `0x${a.toString(16)}`)],
    { encoding: 'utf8', maxBuffer: 1 << 26 });
  return out.split(/^0x[0-9a-f]+\n/m).slice(1).map((block) => {
    const l = block.trimEnd().split('\n');
    const frames: string[] = [];
    for (let i = 0; i + 1 < l.length; i += 2) frames.push(`${l[i]}:${Number(/:(\d+)(?: \(discriminator \d+\))?$/.exec(l[i + 1])?.[1] ?? 0)}`);
    return frames;
  });
}

/** gdb's `info line *ADDR` line for each address (0 when it has none), in one batch run. */
function gdbLines(elf: string, addrs: bigint[]): number[] {
  const args = addrs.flatMap((a, i) => ['-ex', `echo @${i}\\n`, '-ex', `info line *0x${a.toString(16)}`]);
  const out = execFileSync('gdb', ['-nx', '-batch', ...args, elf], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = addrs.map(() => 0);
  for (const m of out.matchAll(/^@(\d+)\nLine (\d+) of/gm)) lines[Number(m[1])] = Number(m[2]);
  return lines;
}

/**
 * Compares the frames at every instruction inside a function (not the padding between functions, where addr2line
 * falls back to the symbol below) with addr2line's. Returns the number of addresses and of inlined frames.
 */
function compare(elf: string): { addresses: number; inlined: number; gdb: number } {
  const p = info(elf);
  const insns = instructions(elf).filter(({ addr }) => p.functionAt(addr) !== undefined);
  const addrs = insns.map((i) => i.addr);
  const want = addr2lineFrames(elf, addrs);
  assert.equal(want.length, addrs.length);
  const differ: string[] = [], innermost: number[] = [];
  let inlined = 0;
  addrs.forEach((a, i) => {
    const frames = p.frameLocations(a);
    const chain = p.inlineChain(a);
    inlined += chain.length;
    assert.deepEqual(chain.map((c) => c.name), frames.slice(0, -1).map((f) => f.name));
    assert.deepEqual(chain.map((c) => c.call.line), frames.slice(1).map((f) => f.line));
    assert.equal(frames[0]?.line, p.location(a)?.line);
    const got = frames.map((f) => `${f.name}:${f.line ?? 0}`);
    // addr2line takes the last row at an address, gdb (and location()) the last statement row: gdb decides.
    if (got.length === want[i].length && got.length > 0 && got[0] !== want[i][0] && got[0].split(':')[0] === want[i][0].split(':')[0]) {
      innermost.push(i);
      got[0] = want[i][0];
    }
    if (got.join(' ') !== want[i].join(' ')) differ.push(`0x${a.toString(16)} ${got.join(' ')} | addr2line ${want[i].join(' ')}`);
  });
  assert.deepEqual(differ, [], elf);
  if (innermost.length > 0 && hasGdb) {
    const lines = gdbLines(elf, innermost.map((i) => addrs[i]));
    const gdbDiffer = innermost.flatMap((i, k) => (p.location(addrs[i])?.line === lines[k] ? [] : [`0x${addrs[i].toString(16)} gdb ${lines[k]}`]));
    assert.deepEqual(gdbDiffer, [], `${elf}: innermost lines`);
  }
  return { addresses: addrs.length, inlined, gdb: innermost.length };
}

test('c-guest.elf: the frames at every instruction of kernel_main and irq_exception (and the rest) are addr2line -i\'s', (t) => {
  const elf = C_GUEST();
  const p = info(elf);
  const n = compare(elf);
  t.diagnostic(`c-guest.elf: ${n.addresses} addresses, ${n.inlined} inlined frames, ${n.gdb} innermost lines decided by gdb`);
  const insns = instructions(elf).filter((i) => i.fn === 'kernel_main' || i.fn === 'irq_exception');
  assert.ok(insns.length > 100);
  const deepest = Math.max(...insns.map((i) => p.inlineChain(i.addr).length));
  assert.ok(deepest >= 3, `deepest inline chain ${deepest}`);
  // The call sites name the real source file (addr2line misnames gcc's DWARF 5 files, so it is not the judge here).
  const source = join(repoRoot(), 'examples/c-guest/kernel.c');
  for (const { addr } of insns) for (const c of p.inlineChain(addr)) assert.equal(c.call.path, source);
  for (const { addr } of insns) for (const f of p.frameLocations(addr)) assert.equal(f.path, source);
  // 0x40081280 is inside uart_init's inlined mmio_write32 calls, inlined into kernel_main at line 158.
  const at = insns.find((i) => i.fn === 'kernel_main')!.addr + 0x14n;
  assert.deepEqual(p.frameLocations(at).map((f) => f.name), ['mmio_write32', 'uart_init', 'kernel_main']);
  assert.deepEqual(p.inlineChain(at).map((c) => c.call.line), [47, 158]);
});

for (const name of Object.keys(C_GUEST_BUILDS)) {
  test(`${name}: the frames at every instruction are addr2line -i's`, (t) => {
    const n = compare(buildCGuest(name));
    t.diagnostic(`${name}: ${n.addresses} addresses, ${n.inlined} inlined frames, ${n.gdb} innermost lines decided by gdb`);
    assert.ok(n.inlined > 100);
  });
}

/** How many DW_AT_abstract_origin references (readelf's view) point into another compile unit. */
function crossUnitOrigins(elf: string): number {
  const dump = execFileSync('aarch64-linux-gnu-readelf', ['--debug-dump=info', elf], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const units = [...dump.matchAll(/Compilation Unit @ offset (0x[0-9a-f]+):/g)].map((m) => Number(m[1]));
  const unitOf = (off: number) => units.filter((u) => u <= off).length;
  return [...dump.matchAll(/^\s*<([0-9a-f]+)>\s+DW_AT_abstract_origin: <0x([0-9a-f]+)>/gm)]
    .filter((m) => unitOf(parseInt(m[1], 16)) !== unitOf(parseInt(m[2], 16))).length;
}

for (const name of Object.keys(INLINE_BUILDS)) {
  test(`${name}: the frames at every instruction are addr2line -i's`, (t) => {
    const elf = buildInline(name);
    // Link-time optimisation names inlined functions through DW_FORM_ref_addr into the unit of early debug info.
    if (INLINE_BUILDS[name].lto) assert.ok(crossUnitOrigins(elf) > 10, 'abstract origins in another unit');
    const n = compare(elf);
    t.diagnostic(`${name}: ${n.addresses} addresses, ${n.inlined} inlined frames, ${n.gdb} innermost lines decided by gdb`);
    assert.ok(n.inlined > 20);
  });
}

/** Every inlined subroutine of the ELF, depth first. */
function inlinedOf(elf: string): InlinedSubroutine[] {
  const all: InlinedSubroutine[] = [];
  const walk = (s: InlinedSubroutine) => {
    all.push(s);
    s.inlined.forEach(walk);
  };
  for (const u of readCompileUnits(new Elf(readFileSync(elf)))) for (const f of u.subprograms) f.inlined.forEach(walk);
  return all;
}

test('DW_AT_ranges: .debug_rnglists (DWARF 5) and .debug_ranges (DWARF 4) give split inlined calls and a cold partition', () => {
  for (const [elf, section] of [[C_GUEST(), '.debug_rnglists'], [buildCGuest('c-guest-dwarf4'), '.debug_ranges']]) {
    assert.ok(new Elf(readFileSync(elf)).section(section), `${elf} has ${section}`);
    assert.ok(inlinedOf(elf).some((s) => s.ranges.length > 1), `${elf}: an inlined call in several ranges`);
  }
  for (const name of ['inline-O2', 'inline-O2-dwarf4']) {
    const elf = buildInline(name);
    const run = readCompileUnits(new Elf(readFileSync(elf))).flatMap((u) => u.subprograms).find((s) => s.name === 'run')!;
    assert.equal(run.ranges.length, 2, `${name}: run and run.cold`);
    const nm = execFileSync('aarch64-linux-gnu-nm', [elf], { encoding: 'utf8' });
    const cold = BigInt(`0x${/^([0-9a-f]+) t run\.cold$/m.exec(nm)![1]}`);
    assert.ok(run.ranges.some((r) => r.low === cold));
    const frames = info(elf).frameLocations(cold);
    assert.equal(frames[frames.length - 1].name, 'run', 'the cold part belongs to run');
  }
});

test('hand-written DWARF 5 with rnglistx, startx/base_addressx entries, ref_udata/ref4 and a specification: gdb\'s blocks', () => {
  const elf = buildRnglistx();
  const p = info(elf);
  const chain = (a: bigint) => p.frameLocations(a).map((f) => `${f.name}:${f.line}`).join(' ');
  const want = ['outer:10', 'inner:2 outer:10', 'leaf:20 inner:3 outer:10', 'inner:4 outer:10', 'outer:11', 'inner:5 outer:10',
    'leaf:21 inner:3 outer:10', 'leaf:21 inner:3 outer:10', 'outer:12', 'inner:6 outer:10', 'outer:13', 'outer:13'];
  const addrs = want.map((_, i) => 0x40080000n + 4n * BigInt(i));
  assert.deepEqual(addrs.map(chain), want);
  assert.deepEqual(p.inlineChain(0x40080008n).map((c) => c.call.path.replace(/^.*\//, '')), ['rnglistx.c', 'rnglistx.c']);
  if (!hasGdb) return;
  // binutils 2.40 finds no inlined subroutine here; gdb's innermost block at each address names its function.
  const args = addrs.flatMap((a, i) => ['-ex', `echo @${i}\\n`, '-ex', `info scope *0x${a.toString(16)}`]);
  const out = execFileSync('gdb', ['-nx', '-batch', ...args, elf], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const innermost = out.split(/^@\d+\n/m).slice(1).map((b) => /^Symbol (\w+) is a function/m.exec(b)?.[1] ?? 'outer');
  assert.deepEqual(addrs.map((a) => p.frameLocations(a)[0].name), innermost);
});

test('every DW_RLE_* entry kind, DW_FORM_rnglistx through rnglists_base, and .debug_ranges base selection', () => {
  const addrs = [0x1000n, 0x2000n, 0x3000n];
  const uleb = (n: number): number[] => {
    const b: number[] = [];
    do {
      b.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
      n >>>= 7;
    } while (n > 0);
    return b;
  };
  const u64 = (v: bigint): number[] => Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn));
  // A 12-byte header, a one-entry offset table (rnglists_base = 12), then the list at table offset 4.
  const list = [
    4, ...uleb(0x10), ...uleb(0x20), // offset_pair from the unit base 0x40000000
    1, ...uleb(1), 4, ...uleb(0), ...uleb(8), // base_addressx 0x2000, offset_pair
    2, ...uleb(0), ...uleb(2), // startx_endx 0x1000-0x3000
    3, ...uleb(2), ...uleb(0x40), // startx_length
    5, ...u64(0x50000000n), 4, ...uleb(4), ...uleb(12), // base_address, offset_pair
    6, ...u64(0x60000000n), ...u64(0x60000100n), // start_end
    7, ...u64(0x70000000n), ...uleb(0x300), // start_length
    4, ...uleb(5), ...uleb(5), // empty: dropped
    0,
  ];
  const rnglists = Uint8Array.from([...new Array(12).fill(0), 4, 0, 0, 0, ...list]);
  const ranges = Uint8Array.from([
    ...u64(0x10n), ...u64(0x20n), ...u64(0xffffffffffffffffn), ...u64(0x8000n), ...u64(0x4n), ...u64(0x8n), ...u64(0n), ...u64(0n),
  ]);
  const unit = (version: number): RangeUnit => ({
    version, addressSize: 8, offsetSize: 4, base: 0x40000000n, rnglistsBase: 12, rnglists, ranges,
    address: (i) => addrs[i],
  });
  const want = [[0x40000010n, 0x40000020n], [0x2000n, 0x2008n], [0x1000n, 0x3000n], [0x3000n, 0x3040n], [0x50000004n, 0x5000000cn],
    [0x60000000n, 0x60000100n], [0x70000000n, 0x70000300n]];
  const pairs = (rs: { low: bigint; high: bigint }[]) => rs.map((r) => [r.low, r.high]);
  assert.deepEqual(pairs(dieRanges(unit(5), undefined, undefined, { kind: 'num', v: 0n, form: DW_FORM_rnglistx })), want);
  assert.deepEqual(pairs(dieRanges(unit(5), undefined, undefined, { kind: 'num', v: 16n, form: 0x17 })), want);
  assert.deepEqual(pairs(dieRanges(unit(4), undefined, undefined, { kind: 'num', v: 0n, form: 0x17 })), [[0x40000010n, 0x40000020n], [0x8004n, 0x8008n]]);
  assert.deepEqual(pairs(dieRanges(unit(5), { kind: 'num', v: 0x100n, form: 0x01 }, { kind: 'num', v: 0x20n, form: 0x06 }, undefined)), [[0x100n, 0x120n]]);
  assert.deepEqual(pairs(dieRanges(unit(5), { kind: 'num', v: 0x100n, form: 0x01 }, { kind: 'num', v: 0x180n, form: 0x01 }, undefined)), [[0x100n, 0x180n]]);
  assert.throws(() => dieRanges(unit(5), undefined, undefined, { kind: 'num', v: 200n, form: 0x17 }), /truncated/);
});

test('corrupt .debug_info, .debug_abbrev and .debug_rnglists: a warning at most, never a throw, the symbols stay', () => {
  const good = readFileSync(C_GUEST());
  const elf = new Elf(good);
  const targets = ['.debug_info', '.debug_abbrev', '.debug_rnglists'].map((n) => elf.section(n)!);
  let seed = 4242;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  let warned = 0;
  for (let i = 0; i < 300; i++) {
    const bytes = Uint8Array.from(good);
    const s = targets[i % targets.length];
    for (let k = 0; k < 1 + rand(4); k++) bytes[s.offset + rand(s.size)] = rand(256);
    const p = new ProgramInfo();
    assert.equal(p.addElf(bytes, C_GUEST()), true);
    assert.ok(p.addressOf('kernel_main') !== undefined);
    for (let a = 0x40081144n; a < 0x40081424n; a += 4n) p.frameLocations(a);
    warned += p.warnings.length;
  }
  assert.ok(warned > 30, `${warned} of 300 corruptions were noticed`);
});
