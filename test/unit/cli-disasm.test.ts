// `trapdoor disasm` against objdump -d on programs built from test/programs at test time and on the cross
// toolchain's libraries: every line identical except instructions outside the table's scope. Plus address
// ranges, raw binaries and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listing } from '../../src/cli/disasmListing';
import { Elf, ElfError } from '../../src/machine/loaders/elf';
import { haveObjdump, OBJDUMP, objdumpFile } from '../../tools/objdumpOracle';
import { diffListing, summary } from '../../tools/listingDiff';
import { repoRoot } from '../support/cross';
import { inSveOrSmeSpace, isOutOfScope } from '../support/outOfScope';

const CC = 'aarch64-linux-gnu-gcc';
const programs = join(repoRoot(), 'test/programs');
const toolchain = haveObjdump() && spawnSync(CC, ['--version']).status === 0;
assert.ok(toolchain, 'these tests need the Debian cross toolchain: apt-get install binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu');
const dir = mkdtempSync(join(tmpdir(), 'trapdoor-cli-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Builds the test programs once; file name → path (empty, with the reason in buildError, on failure). */
let buildError: unknown;
const built = toolchain ? tryBuild() : new Map<string, string>();

function tryBuild(): Map<string, string> {
  try {
    return buildAll();
  } catch (e) {
    buildError = e;
    return new Map();
  }
}

function buildAll(): Map<string, string> {
  const out = new Map<string, string>();
  const cc = (name: string, args: string[]) => {
    const path = join(dir, name);
    execFileSync(CC, ['-fno-ident', '-o', path, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    out.set(name, path);
  };
  const sort = join(programs, 'sort.c');
  for (const o of ['-O0', '-O2', '-O3']) cc(`sort${o}`, [o, sort]);
  cc('sort-static', ['-O2', '-static', sort]);
  cc('sort.o', ['-O2', '-c', sort]);
  cc('libshlib.so', ['-O2', '-shared', '-fPIC', join(programs, 'shlib.c')]);
  const stripped = join(dir, 'libshlib-stripped.so');
  execFileSync('aarch64-linux-gnu-strip', ['-o', stripped, out.get('libshlib.so')!]);
  out.set('libshlib-stripped.so', stripped);
  cc('mapping.o', ['-c', join(programs, 'mapping.S')]);
  cc('relocs.o', ['-c', join(programs, 'relocs.S')]);
  cc('mapping.elf', ['-nostdlib', '-static', '-Wl,-e,start', join(programs, 'mapping.S')]);
  const crt1 = '/usr/aarch64-linux-gnu/lib/crt1.o';
  if (existsSync(crt1)) out.set('crt1.o', crt1);
  return out;
}

const names = ['sort-O0', 'sort-O2', 'sort-O3', 'sort-static', 'sort.o', 'libshlib.so', 'libshlib-stripped.so', 'mapping.o',
  'mapping.elf', 'relocs.o', 'crt1.o'];
for (const name of names) {
  test(`listing of ${name} matches objdump -d line for line`, (t) => {
    assert.equal(buildError, undefined, 'building the test programs failed');
    const path = built.get(name);
    if (!path) return t.skip(`${name} not available`);
    const d = diffListing(path);
    t.diagnostic(summary(name, d));
    assert.deepEqual(d.structure.slice(0, 10), [], `${d.structure.length} structural differences`);
    assert.deepEqual(d.annotationMismatches.slice(0, 10), [], `${d.annotationMismatches.length} annotation differences`);
    assert.deepEqual(unexplainedLines(path).slice(0, 10), [], 'lines that differ from objdump for an in-scope instruction');
  });
}

/**
 * Lines of our listing that differ from objdump's, other than instructions outside the table's scope (SVE,
 * SME and the post-Armv8.2 extensions of test/support/outOfScope.ts, which we print as `.inst`).
 */
function unexplainedLines(path: string): string[] {
  const theirs = objdumpFile(path).split('\n');
  const ours = listing(readFileSync(path), { fileName: path }).split('\n');
  const out: string[] = [];
  theirs.forEach((t, i) => {
    if (t === ours[i]) return;
    const m = /^ *[0-9a-f]+:\t([0-9a-f]{8}) \t(.*)$/.exec(t);
    if (m && (inSveOrSmeSpace(parseInt(m[1], 16)) || isOutOfScope(m[2]))) return;
    out.push(`objdump: ${t}\n    ours: ${ours[i]}`);
  });
  return out;
}

for (const lib of ['libc.so.6', 'libm.so.6', 'libstdc++.so.6']) {
  test(`${lib} of the cross toolchain lists as objdump -d does, line for line`, (t) => {
    const path = `/usr/aarch64-linux-gnu/lib/${lib}`;
    assert.ok(existsSync(path), `${path} missing: apt-get install libc6-arm64-cross libstdc++6-arm64-cross`);
    const d = diffListing(path);
    t.diagnostic(summary(lib, d));
    assert.deepEqual(d.structure.slice(0, 10), []);
    assert.deepEqual(unexplainedLines(path).slice(0, 10), []);
  });
}

test('the glibc dynamic linker (stripped, versioned dynamic symbols) matches objdump -d', (t) => {
  const path = '/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1';
  if (!existsSync(path)) return t.skip('no cross ld.so');
  const d = diffListing(path);
  t.diagnostic(summary('ld-linux-aarch64.so.1', d));
  assert.deepEqual(d.structure.slice(0, 10), []);
  assert.deepEqual(d.annotationMismatches.slice(0, 10), []);
});

/** Our listing's non-instruction lines and objdump's must agree for an address range. */
function sameRange(path: string, ours: string, objdumpArgs: string[]): void {
  const theirs = execFileSync(OBJDUMP, objdumpArgs, { encoding: 'utf8' });
  const d = diffListing(path, theirs, ours);
  assert.deepEqual(d.structure, [], `${objdumpArgs.join(' ')}`);
  assert.deepEqual(d.annotationMismatches, [], `${objdumpArgs.join(' ')}`);
}

test('--start/--stop select what --start-address/--stop-address do', () => {
  const ranges: [string, string][] = [['0x0', '0x10'], ['0x6e4', '0x700'], ['0x400090', '0x4000d6'], ['0x4000a0', '0x4000b0'],
    ['0x5', '0x2e'], ['0x850', '0x99999'], ['0x400000', '0x400081'], ['0x4000ba', '0x4000c9']];
  for (const name of ['sort-O2', 'mapping.elf', 'mapping.o', 'libshlib-stripped.so']) {
    const path = built.get(name)!;
    for (const [a, b] of ranges) {
      const ours = listing(readFileSync(path), { fileName: path, start: BigInt(a), stop: BigInt(b) });
      sameRange(path, ours, ['-d', `--start-address=${a}`, `--stop-address=${b}`, path]);
    }
  }
});

test('raw binaries list as objdump -D -b binary --adjust-vma does', () => {
  const files: Record<string, number[]> = {
    'nops-zeroes-tail.bin': [0x1f, 0x20, 0x03, 0xd5, ...Array(12).fill(0), 0x1f, 0x20, 0x03, 0xd5, 0, 0, 0, 0, 0x1f, 0x20, 0x03, 0xd5, 0xab, 0xcd, 0xef],
    'short-zero-tail.bin': [0x1f, 0x20, 0x03, 0xd5, 0, 0],
    'zeroes.bin': Array(9).fill(0),
  };
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, Uint8Array.from(bytes));
    for (const base of ['0x0', '0x40080000', '0xffffffffffff0000']) {
      const theirs = execFileSync(OBJDUMP, ['-D', '-b', 'binary', '-maarch64', `--adjust-vma=${base}`, path], { encoding: 'utf8' });
      assert.equal(listing(readFileSync(path), { fileName: path, raw: true, base: BigInt(base) }), theirs, `${name} at ${base}`);
    }
  }
});

test('corrupted and truncated ELF files only ever raise ElfError', () => {
  let seed = 0x5eed;
  const rand = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) / 2 ** 32; };
  for (const name of ['sort-O0', 'sort.o', 'libshlib-stripped.so']) {
    const orig = readFileSync(built.get(name)!);
    const shoff = Number(orig.readBigUInt64LE(40));
    for (let i = 0; i < 150; i++) {
      let d = Buffer.from(orig);
      if (i % 3 === 0) d = d.subarray(0, Math.floor(rand() * d.length));
      else for (let k = 0; k < 1 + i % 8; k++) {
        const r = rand();
        const pos = r < 0.3 ? Math.floor(rand() * 64) : r < 0.7 ? shoff + Math.floor(rand() * (d.length - shoff)) : Math.floor(rand() * d.length);
        d[pos] = i % 3 === 1 ? Math.floor(rand() * 256) : 0xff;
      }
      try {
        listing(d, { fileName: name });
      } catch (e) {
        if (!(e instanceof ElfError)) assert.fail(`${name} mutation ${i}: ${(e as Error).stack}`);
      }
    }
  }
});

// The bundled CLI sits next to the test bundles: OUT/cli.js and OUT/test/unit/cli-disasm.test.js.
const cli = join(__dirname, '../../cli.js');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function badFile(name: string, edit: (b: Buffer) => Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, edit(Buffer.from(readFileSync(built.get('sort-O2')!))));
  return path;
}

test('bad input: one `trapdoor:` line on stderr, exit code 2', { skip: !existsSync(cli) }, () => {
  const elf = new Elf(readFileSync(built.get('sort-O2')!));
  const shoff = Number(readFileSync(built.get('sort-O2')!).readBigUInt64LE(40));
  const dynsym = elf.section('.dynsym')!;
  const cases: [string, string[]][] = [
    ['missing file', ['disasm', join(dir, 'does-not-exist')]],
    ['not an ELF', ['disasm', join(programs, 'sort.c')]],
    ['empty file', ['disasm', badFile('empty', () => Buffer.alloc(0))]],
    ['truncated header', ['disasm', badFile('trunc-header', (b) => b.subarray(0, 40))]],
    ['truncated file', ['disasm', badFile('trunc', (b) => b.subarray(0, 1000))]],
    ['wrong machine', ['disasm', badFile('x86', (b) => { b.writeUInt16LE(62, 18); return b; })]],
    ['32-bit class', ['disasm', badFile('class32', (b) => { b[4] = 1; return b; })]],
    ['absurd section count', ['disasm', badFile('shnum', (b) => { b.writeUInt16LE(0xfff0, 60); return b; })]],
    ['section headers past the end', ['disasm', badFile('shoff', (b) => { b.writeBigUInt64LE(0xffffffffn, 40); return b; })]],
    ['symbol name outside its string table', ['disasm', badFile('symname', (b) => {
      b.writeUInt32LE(0x7fffffff, dynsym.offset + 24);
      return b;
    })]],
    ['section name outside the name table', ['disasm', badFile('secname', (b) => {
      b.writeUInt32LE(0x7fffffff, shoff + 64);
      return b;
    })]],
    ['unknown option', ['disasm', built.get('sort-O2')!, '--frobnicate']],
    ['bad address', ['disasm', built.get('sort-O2')!, '--start', 'zz']],
    ['stop before start', ['disasm', built.get('sort-O2')!, '--start', '0x900', '--stop', '0x800']],
    ['no command', []],
    ['unknown command', ['frobnicate']],
  ];
  for (const [what, args] of cases) {
    const r = run(args);
    assert.equal(r.status, 2, `${what}: exit ${r.status}, stderr ${r.stderr}`);
    assert.equal(r.stdout, '', what);
    assert.match(r.stderr, /^trapdoor: [^\n]+\n$/, `${what}: ${JSON.stringify(r.stderr)}`);
  }
});

test('the CLI prints the listing of a good file with exit code 0', { skip: !existsSync(cli) }, () => {
  const path = built.get('sort-O2')!;
  const r = run(['disasm', path]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, listing(readFileSync(path), { fileName: path }));
});
