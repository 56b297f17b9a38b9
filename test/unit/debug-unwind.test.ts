// Frame-pointer unwinding on the machine: the C call chain _start → main → outer → middle → inner built with gcc
// -fno-omit-frame-pointer at -O0 and -O1 runs to breakpoints 3 calls deep (at a function's entry, in its body, in
// a frameless leaf, at a `ret` after the epilogue); the callers' pcs are the return addresses of the `bl`s that
// objdump shows. Hand-encoded code covers the prologue forms and a stale LR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Runner } from '../../src/machine/runner';
import { ProgramInfo } from '../../src/debug/programInfo';
import { hasFrameRecord, unwind } from '../../src/debug/unwind';
import { buildCalls, CALLS_BUILDS, FIXTURES } from '../fixtures/dwarf/build';

interface Listing {
  /** Address of each function symbol. */
  readonly symbols: Map<string, bigint>;
  /** Return address (bl + 4) of each call, by caller and callee, in address order. */
  readonly returns: Map<string, bigint[]>;
  /** Address of the first `ret` of each function. */
  readonly rets: Map<string, bigint>;
}

function listing(elf: string): Listing {
  const text = execFileSync('aarch64-linux-gnu-objdump', ['-d', elf], { encoding: 'utf8' });
  const symbols = new Map<string, bigint>(), returns = new Map<string, bigint[]>(), rets = new Map<string, bigint>();
  let fn = '';
  for (const line of text.split('\n')) {
    const sym = /^([0-9a-f]+) <(\w+)>:$/.exec(line);
    if (sym) {
      fn = sym[2];
      symbols.set(fn, BigInt(`0x${sym[1]}`));
      continue;
    }
    const insn = /^\s+([0-9a-f]+):\t[0-9a-f]{8} \t(\S+)\s*(?:[0-9a-f]+ <(\w+)>)?/.exec(line);
    if (!insn) continue;
    const at = BigInt(`0x${insn[1]}`);
    if (insn[2] === 'bl') {
      const key = `${fn}>${insn[3]}`;
      returns.set(key, [...(returns.get(key) ?? []), at + 4n]);
    }
    if (insn[2] === 'ret' && !rets.has(fn)) rets.set(fn, at);
  }
  return { symbols, returns, rets };
}

/** Runs the fixture on the virt board to the first time PC reaches `stop`; returns the unwound pcs. */
async function unwindAt(elf: string, stop: bigint): Promise<{ viaProgram: bigint[]; frames: bigint[] }> {
  const image = readFileSync(elf);
  const runner = await Runner.create(image, {
    el: 1, memory: 128n << 20n, root: dirname(elf), cmdline: elf, console: { write: () => {}, readByte: () => undefined },
  });
  const core = runner.core;
  core.setBreakpoint(stop);
  assert.equal(runner.step(1_000_000n), 'debug');
  assert.equal(core.pc, stop);
  const program = new ProgramInfo();
  program.addElf(image, elf);
  const el = (core.pstate >>> 2) & 3;
  const sp = core.pstate & 1 ? core.getSP(el) : core.getSP(0);
  const [fp, lr] = [core.getX(29), core.getX(30)];
  const viaProgram = program.unwind(core, el, core.pc, sp, fp, lr);
  // The pure unwinder over physical memory (the MMU is off) gives the same frames.
  const frames = unwind({ pc: core.pc, sp, fp, lr }, (va, n) => core.readBytes(va, n), (a) => program.functionAt(a)?.addr);
  return { viaProgram, frames: frames.slice(1).map((f) => f.pc) };
}

/** The callers of a function called from middle: middle, outer (from its call of middle), main's first call, _start. */
function chainFromMiddle(l: Listing): bigint[] {
  return [l.returns.get('middle>inner')![0], l.returns.get('outer>middle')![0], l.returns.get('main>outer')![0], l.returns.get('_start>main')![0]];
}

async function check(elf: string, stop: bigint, want: bigint[]): Promise<void> {
  const { viaProgram, frames } = await unwindAt(elf, stop);
  const hex = (a: bigint[]) => a.map((x) => `0x${x.toString(16)}`);
  assert.deepEqual(hex(viaProgram), hex(want));
  assert.deepEqual(hex(frames), hex(want));
}

for (const name of ['calls-O0', 'calls-O1']) {
  test(`${name}: at inner's entry (no frame record yet) the callers are LR, then the frame-record chain`, async () => {
    const elf = buildCalls(name, CALLS_BUILDS[name]);
    const l = listing(elf);
    await check(elf, l.symbols.get('inner')!, chainFromMiddle(l));
  });

  test(`${name}: at inner's ret the callers are the same`, async () => {
    const elf = buildCalls(name, CALLS_BUILDS[name]);
    const l = listing(elf);
    await check(elf, l.rets.get('inner')!, chainFromMiddle(l));
  });

  test(`${name}: at middle's ret (after the epilogue's ldp) the callers come from LR again`, async () => {
    const elf = buildCalls(name, CALLS_BUILDS[name]);
    const l = listing(elf);
    await check(elf, l.rets.get('middle')!, chainFromMiddle(l).slice(1));
  });
}

test('calls-O0: in inner\'s body (its frame record pushed) the chain starts at its own record', async () => {
  const elf = buildCalls('calls-O0', CALLS_BUILDS['calls-O0']);
  const l = listing(elf);
  const p = new ProgramInfo();
  p.addElf(readFileSync(elf), elf);
  // Line 10 (`sink = y;`) is past the prologue.
  const line10 = p.addresses(join(FIXTURES(), 'calls.c'), 10)!.addresses[0];
  assert.ok(line10 > l.symbols.get('inner')! + 8n);
  await check(elf, line10, chainFromMiddle(l));
});

/** Words at 0x1000: a framed function with an epilogue in the middle of its body. */
const BASE = 0x1000n;
const CODE = [
  0xa9bf7bfd, // stp x29, x30, [sp, #-16]!
  0x910003fd, // mov x29, sp
  0x94000000, // bl .
  0xb4000040, // cbz x0, +8
  0xa8c17bfd, // ldp x29, x30, [sp], #16
  0xd65f03c0, // ret
  0xd2800000, // mov x0, #0  (reached from the cbz: still framed)
];
const codeReader = (words: number[]) => (va: bigint, n: number): Uint8Array | undefined => {
  const bytes = new Uint8Array(Uint32Array.from(words).buffer);
  const o = Number(va - BASE);
  return o >= 0 && o + n <= bytes.length ? bytes.slice(o, o + n) : undefined;
};

test('hasFrameRecord follows the prologue (stp, then mov x29, sp) and an epilogue up to the branch away', () => {
  const read = codeReader(CODE);
  const framed = CODE.map((_, i) => hasFrameRecord(read, BASE, BASE + BigInt(i * 4)));
  assert.deepEqual(framed, [false, false, true, true, true, false, true]);
  // `sub sp` then `stp x29, x30, [sp, #16]` and `add x29, sp, #16`: gcc's form for larger frames.
  const big = codeReader([0xd10083ff, 0xa9017bfd, 0x910043fd, 0xd503201f]);
  assert.deepEqual([1, 2, 3].map((i) => hasFrameRecord(big, BASE, BASE + BigInt(i * 4))), [false, false, true]);
});

test('an LR that points into the stopped function itself (assembly saving X30 without a record) is no caller', () => {
  // stp x29, x30, [sp, #-16]!; bl .+8; nop — stopped at the nop, LR = the nop.
  const read = codeReader([0xa9bf7bfd, 0x94000002, 0xd503201f, 0xd503201f]);
  const frames = unwind({ pc: BASE + 8n, sp: 0x8000n, fp: 0n, lr: BASE + 8n }, read, (a) => (a >= BASE && a < BASE + 16n ? BASE : undefined));
  assert.deepEqual(frames, [{ pc: BASE + 8n, fp: 0n }]);
  const leaf = unwind({ pc: BASE + 8n, sp: 0x8000n, fp: 0n, lr: 0x2000n }, codeReader([0xd503201f, 0xd503201f, 0xd503201f]), (a) => (a >= BASE && a < BASE + 12n ? BASE : undefined));
  assert.deepEqual(leaf.map((f) => f.pc), [BASE + 8n, 0x2000n]);
});
