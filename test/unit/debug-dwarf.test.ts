// The .debug_line parser against `objdump --dwarf=decodedline`: every row (file, line, address, is_stmt, end of
// sequence) of the example guest, every test guest assembled with -g, the C fixtures (gcc -g at -O0/-O1, DWARF 3, 4
// and 5, compressed sections) and start.S from `as -g`/-gdwarf-4/-gdwarf-5; every file a row names exists on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Elf } from '../../src/machine/loaders/elf';
import { readLineTables } from '../../src/machine/loaders/dwarfLine';
import { readCompileUnits } from '../../src/machine/loaders/dwarfInfo';
import { ProgramInfo } from '../../src/debug/programInfo';
import { repoRoot } from '../support/cross';
import { buildCalls, buildGuestWithLines, CALLS_BUILDS, guestSources } from '../fixtures/dwarf/build';

/** objdump's decoded rows, one string each: `file line|- address [x]`. */
function objdumpRows(elf: string): string[] {
  const text = execFileSync('aarch64-linux-gnu-objdump', ['--dwarf=decodedline', elf], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const rows: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+(\d+|-)\s+(0x[0-9a-f]+)(?:\s+\d+)?(\s+x)?\s*$/.exec(line);
    if (m) rows.push(`${m[1]} ${m[2]} ${BigInt(m[3]).toString(16)}${m[4] ? ' x' : ''}`);
  }
  return rows;
}

function ourRows(elfPath: string): string[] {
  const rows: string[] = [];
  for (const t of readLineTables(new Elf(readFileSync(elfPath)))) {
    for (const r of t.rows) {
      const file = basename(t.files[r.file] ?? '?');
      rows.push(`${file} ${r.endSequence ? '-' : r.line} ${r.address.toString(16)}${r.isStmt && !r.endSequence ? ' x' : ''}`);
    }
  }
  return rows;
}

/** Every file a row refers to, resolved as the debugger does (a relative path against the ELF's directory). */
function rowFiles(elfPath: string): string[] {
  const files = new Set<string>();
  for (const t of readLineTables(new Elf(readFileSync(elfPath)))) {
    for (const r of t.rows) {
      const f = t.files[r.file];
      assert.ok(f !== undefined, `${elfPath}: a row names missing file ${r.file}`);
      files.add(resolve(dirname(elfPath), f));
    }
  }
  return [...files];
}

function compare(elf: string): number {
  const want = objdumpRows(elf);
  assert.ok(want.length > 0, `${elf}: objdump shows no rows`);
  assert.deepEqual(ourRows(elf), want, elf);
  return want.length;
}

test('examples/hello/hello.elf: every row as objdump decodes it; its ./hello.S resolves beside the ELF', () => {
  const elf = join(repoRoot(), 'examples/hello/hello.elf');
  compare(elf);
  assert.deepEqual(rowFiles(elf), [join(repoRoot(), 'examples/hello/hello.S')]);
});

for (const debug of ['-g', '-gdwarf-5']) {
  test(`every test guest assembled with as ${debug}: rows identical to objdump, files (with .include parts) on disk`, () => {
    let rows = 0;
    const sources = guestSources();
    assert.ok(sources.length >= 15);
    for (const src of sources) {
      const elf = buildGuestWithLines(src, debug);
      rows += compare(elf);
      for (const f of rowFiles(elf)) assert.ok(existsSync(f), `${f} exists`);
    }
    assert.ok(rows > 1000, `${rows} rows`);
  });
}

for (const [name, b] of Object.entries(CALLS_BUILDS)) {
  test(`C fixture ${name}: rows identical to objdump, files calls.c/calls.h/start.S found on disk`, () => {
    const elf = buildCalls(name, b);
    if (b.ldflags) assert.ok(new Elf(readFileSync(elf)).section('.debug_line')!.flags & 0x800n, 'SHF_COMPRESSED');
    compare(elf);
    const files = rowFiles(elf).map((f) => basename(f)).sort();
    assert.deepEqual(files.filter((f) => f !== 'calls.h'), ['calls.c', 'start.S']);
    for (const f of rowFiles(elf)) {
      const where = b.prefixMap ? dirname(elf) : join(repoRoot(), 'test/fixtures/dwarf');
      assert.equal(f, join(where, basename(f)));
    }
  });
}

test('compile units: names, comp_dir and the C functions with their ranges', () => {
  const elf = buildCalls('calls-O0', CALLS_BUILDS['calls-O0']);
  const units = readCompileUnits(new Elf(readFileSync(elf)));
  const fixtures = join(repoRoot(), 'test/fixtures/dwarf');
  assert.deepEqual(units.map((u) => [u.name, u.compDir]), [[join(fixtures, 'start.S'), fixtures], [join(fixtures, 'calls.c'), fixtures]]);
  const syms = execFileSync('aarch64-linux-gnu-nm', ['-S', elf], { encoding: 'utf8' });
  const want = new Map<string, [bigint, bigint]>();
  for (const m of syms.matchAll(/^([0-9a-f]+) ([0-9a-f]+) [tT] (\w+)$/gm)) want.set(m[3], [BigInt(`0x${m[1]}`), BigInt(`0x${m[1]}`) + BigInt(`0x${m[2]}`)]);
  const got = units[1].subprograms.map((s) => [s.name, s.low, s.high]);
  assert.deepEqual(got.map(([n]) => n).sort(), ['inner', 'main', 'middle', 'outer', 'twice']);
  for (const [n, lo, hi] of got) assert.deepEqual([lo, hi], want.get(n as string), String(n));
});

test('corrupt debug sections: the symbols stay, the line information is dropped with a warning, nothing throws', () => {
  const elfPath = buildCalls('calls-O0', CALLS_BUILDS['calls-O0']);
  const good = readFileSync(elfPath);
  const elf = new Elf(good);
  const targets = ['.debug_line', '.debug_info', '.debug_abbrev', '.debug_line_str', '.debug_str'].map((n) => elf.section(n)!);
  let seed = 12345;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  let warned = 0;
  for (let i = 0; i < 200; i++) {
    const bytes = Uint8Array.from(good);
    const s = targets[i % targets.length];
    for (let k = 0; k < 1 + rand(4); k++) bytes[s.offset + rand(s.size)] = rand(256);
    const p = new ProgramInfo();
    assert.equal(p.addElf(bytes, elfPath), true);
    assert.ok(p.addressOf('inner') !== undefined);
    warned += p.warnings.length;
  }
  assert.ok(warned > 25, `${warned} of 200 corruptions were noticed`);
  const truncated = Uint8Array.from(good);
  const line = elf.section('.debug_line')!;
  truncated.fill(0xff, line.offset, line.offset + 4);
  const p = new ProgramInfo();
  p.addElf(truncated, elfPath);
  assert.match(p.warnings[0], /line information ignored: \.debug_line: /);
  assert.deepEqual(p.sources(), []);
});
