// The debugger's memory and its console commands on a machine stopped at a stage-2 MMIO fault
// (test/guests/mmu-stage2.S): address parsing, reads and writes page by page through both stages, unreadable tails,
// devices never accessed, decoded code dropped on writes, and the output of translate, tlb, vectors, traps and help.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseAddress, readMemory, writeMemory } from '../../src/debug/addressSpace';
import { runCommand } from '../../src/debug/commands';
import { assign, EvalError, evaluate } from '../../src/debug/evaluate';
import { Core } from '../../src/machine/core';
import { RAM_BASE, Runner } from '../../src/machine/runner';
import { stage2Stop, StoppedGuest } from '../support/debugMachine';
import { buildGuest, VIRT_GUESTS } from '../support/virtGuests';

let g: StoppedGuest;
before(async () => { g = await stage2Stop(); });

const CURRENT = { kind: 'va', regime: 'current' } as const;
const u64At = (data: Uint8Array, at: number): bigint => new DataView(data.buffer, data.byteOffset).getBigUint64(at, true);

test('parseAddress: prefixes name the space, expressions give the address', () => {
  assert.deepEqual(parseAddress('0x40600000', g.env), { space: CURRENT, addr: 0x40600000n });
  assert.deepEqual(parseAddress('va:x21 + 8', g.env), { space: CURRENT, addr: 0x40600008n });
  assert.deepEqual(parseAddress('el1:0xffff000000001000', g.env), { space: { kind: 'va', regime: 'el10' }, addr: 0xffff000000001000n });
  assert.deepEqual(parseAddress('el2:0x1000', g.env), { space: { kind: 'va', regime: 'el2' }, addr: 0x1000n });
  assert.deepEqual(parseAddress('ipa:0x09000000', g.env), { space: { kind: 'ipa' }, addr: 0x09000000n });
  assert.deepEqual(parseAddress('PA:main', g.env), { space: { kind: 'pa' }, addr: g.symbols.get('main') });
  assert.throws(() => parseAddress('zz:0x10', g.env), EvalError);
});

test('reads translate page by page: two VA pages that stage 2 maps to one physical page', () => {
  // VA 0x40600ff8.. (IPA page 0 → PA 0x40401000) and 0x40601000.. (IPA page 1, read-only → the same PA page).
  const { data, unreadable } = readMemory(CURRENT, 0x40600ff8n, 16, g.env);
  assert.equal(unreadable, 0);
  assert.equal(u64At(data, 8), 0x2222n);
  assert.deepEqual(data.subarray(0, 8), readMemory({ kind: 'pa' }, 0x40401ff8n, 8, g.env).data);
  assert.deepEqual(readMemory({ kind: 'ipa' }, 0x40600ff8n, 16, g.env).data, data);
  assert.deepEqual(readMemory({ kind: 'va', regime: 'el10' }, 0x40600ff8n, 16, g.env).data, data);
});

test('reads stop at the first byte that is unmapped or not RAM: the rest is unreadable', () => {
  // IPA page 4 is mapped at stage 2, page 5 is not.
  let r = readMemory(CURRENT, 0x40604ff8n, 16, g.env);
  assert.equal(r.data.length, 8);
  assert.equal(r.unreadable, 8);
  r = readMemory(CURRENT, 0x80000000n, 64, g.env);
  assert.deepEqual([r.data.length, r.unreadable], [0, 64]);
  const end = RAM_BASE + (128n << 20n);
  r = readMemory({ kind: 'pa' }, end - 4n, 8, g.env);
  assert.deepEqual([r.data.length, r.unreadable], [4, 4]);
  r = readMemory({ kind: 'ipa' }, 0x09000000n, 4, g.env);
  assert.deepEqual([r.data.length, r.unreadable], [0, 4]);
});

test('devices are never read or written: the UART sees no access', () => {
  const seen: string[] = [];
  const printed = g.output.length;
  const map = g.runner.board.map;
  map.observer = (e) => { seen.push(`${e.direction} ${e.pa.toString(16)}`); };
  try {
    assert.deepEqual(readMemory({ kind: 'pa' }, 0x09000000n, 0x30, g.env).unreadable, 0x30);
    assert.equal(writeMemory({ kind: 'pa' }, 0x09000000n, Uint8Array.of(0x7e), g.env), 0);
    assert.equal(readMemory({ kind: 'va', regime: 'el2' }, 0x08ffffffn, 2, g.env).unreadable, 2, 'not RAM below the UART either');
    assert.throws(() => assign('*(u8*)pa:0x09000000', '0x7e', g.env), /pl011 MMIO/);
    runCommand('translate pa:0x09000000', g.env);
  } finally {
    map.observer = undefined;
  }
  assert.deepEqual(seen, []);
  assert.equal(g.output.length, printed, 'nothing reached the UART');
});

test('writes go through both stages to RAM and stop where memory does', () => {
  const before = readMemory({ kind: 'pa' }, 0x40401ffcn, 8, g.env).data;
  // The last 4 bytes of VA page 0 and the first 4 of VA page 1: both in PA page 0x40401000.
  assert.equal(writeMemory(CURRENT, 0x40600ffcn, Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), g.env), 8);
  assert.deepEqual([...readMemory({ kind: 'pa' }, 0x40401ffcn, 4, g.env).data], [1, 2, 3, 4]);
  assert.deepEqual([...readMemory({ kind: 'pa' }, 0x40401000n, 4, g.env).data], [5, 6, 7, 8]);
  // A debugger writes the stage-2 read-only page (IPA page 1) as a JTAG probe would.
  assert.equal(writeMemory({ kind: 'ipa' }, 0x40601000n, Uint8Array.from([0x22, 0x22, 0, 0]), g.env), 4);
  assert.equal(writeMemory(CURRENT, 0x40604ffen, new Uint8Array(4), g.env), 2);
  writeMemory({ kind: 'pa' }, 0x40401ffcn, before.subarray(0, 4), g.env);
});

test('a write over an instruction the core has decoded takes effect at the next execution', async () => {
  const core = await Core.load();
  const base = 0x40000000n;
  core.configureRam(base, 1n << 20n);
  const env = { core, el: 1 };
  const movz = (imm: number) => Uint8Array.from(new Uint8Array(Uint32Array.of(0xd2800000 | (imm << 5)).buffer));
  writeMemory({ kind: 'pa' }, base, movz(1), env);
  core.pstate = 0x3c5;
  for (const expected of [1n, 1n]) {
    core.pc = base;
    core.run(1n);
    assert.equal(core.getX(0), expected);
  }
  assert.equal(writeMemory(CURRENT, base, movz(2), env), 4);
  core.pc = base;
  core.run(1n);
  assert.equal(core.getX(0), 2n);
  // A bare core knows its RAM by asking: the end of RAM is unreadable.
  assert.deepEqual(readMemory(CURRENT, base + (1n << 20n) - 2n, 4, env).unreadable, 2);
});

test('translate: both stages level by level with descriptors decoded, and the result', () => {
  const out = runCommand('translate x21', g.env)!.split('\n');
  assert.equal(out[0], 'VA 0x40600000 in the EL1&0 regime: TCR_EL1 0x200803519, TTBR0_EL1 0x40200000; stage 2: VTTBR_EL2 0x5000040300000');
  // Stage-2 walks of the stage-1 tables' addresses are indented under the stage-1 steps they serve.
  assert.equal(out[1], '    S2 L1  0x40300000[1] @ 0x40300008 = 0x0000000040301003  table → 0x40301000');
  assert.equal(out[2], '    S2 L2  0x40301000[1] @ 0x40301008 = 0x00000000402007fd  block → 0x40200000  MemAttr 0xf S2AP 0b11 SH 3 AF');
  assert.equal(out[3], '  S1 L1  0x40200000[1] @ 0x40200008 = 0x0000000040201003  table → 0x40201000');
  assert.equal(out[6], '  S1 L2  0x40201000[3] @ 0x40201018 = 0x0000000040600705  block → 0x40600000  AttrIndx 1 AP 0b00 SH 3 AF');
  assert.equal(out[9], '  S2 L3  0x40302000[0] @ 0x40302000 = 0x00000000404017ff  page → 0x40401000  MemAttr 0xf S2AP 0b11 SH 3 AF');
  assert.deepEqual(out.slice(10), [
    '→ IPA 0x40600000 → PA 0x40401000',
    'stage 1: level 2 2 MB block, Normal (MAIR 0xff), Inner Shareable, EL1/2 rwx, EL0 --x, global',
    'stage 2: level 3 4 KB page, Normal (MemAttr 0xf), Inner Shareable, rwx',
  ]);
});

test('translate: where a walk stops and why; stage 2 alone for ipa:, no walk for pa: or with the MMU off', () => {
  let out = runCommand('translate el1:0x40a00000', g.env)!.split('\n');
  assert.equal(out.at(-2), '    S2 L3  0x40303000[0] @ 0x40303000 = 0x0000000000000000  invalid');
  assert.equal(out.at(-1), 'stopped: stage 2 at IPA 0x40800000: translation fault, level 3, on a stage-1 table walk');
  out = runCommand('translate 0x80000000', g.env)!.split('\n');
  assert.deepEqual(out.slice(-2), ['  S1 L1  0x40200000[2] @ 0x40200010 = 0x0000000000000000  invalid', 'stopped: stage 1: translation fault, level 1']);
  assert.equal(runCommand('translate ipa:0x09000000', g.env), [
    'IPA 0x9000000, stage 2 of the EL1&0 regime (VTCR_EL2 0x80023559, VTTBR_EL2 0x5000040300000)',
    '  S2 L1  0x40300000[0] @ 0x40300000 = 0x0000000000000000  invalid',
    'stopped: stage 2 at IPA 0x9000000: translation fault, level 1',
  ].join('\n'));
  out = runCommand('translate ipa:0x40601008', g.env)!.split('\n');
  assert.equal(out.length, 6);
  assert.equal(out[4], '→ PA 0x40401008');
  assert.equal(out[5], 'stage 2: level 3 4 KB page, Normal (MemAttr 0xf), Inner Shareable, r-x');
  assert.equal(runCommand('translate 0x9000000 el2', g.env),
    'VA 0x9000000 in the EL2 regime: TCR_EL2 0x0, TTBR0_EL2 0x0\n  no walk: translation is off\n→ PA 0x9000000 (pl011)');
  assert.equal(runCommand('translate pa:0x40000000', g.env), 'PA 0x40000000: physical, no translation');
  assert.throws(() => runCommand('translate', g.env), /usage: translate <addr>/);
  assert.throws(() => runCommand('translate ipa:0x1000 el2', g.env), /el2 names a VA regime/);
});

test('tlb: the valid entries with their context; an MSR-like write of HCR_EL2 flushes them', async () => {
  const m = await stage2Stop();
  const out = runCommand('tlb', m.env)!.split('\n');
  assert.match(out[0], /^TLB: \d+ valid entr(y|ies) of 256 \(4 KB each\)$/);
  assert.ok(out.includes('  VA 0x40080000 → PA 0x40080000  EL1&0 VMID 5 global  EL1/2 rwx EL0 --x  Normal  (of a 2 MB mapping)'), out.join('\n'));
  assign('HCR_EL2.VM', '0', m.env);
  assert.equal(runCommand('tlb', m.env), 'TLB: 0 valid entries of 256 (4 KB each)');
});

test('vectors: VBAR_EL1..3 and their 16 entries with symbols', () => {
  const out = runCommand('vectors', g.env)!.split('\n');
  assert.equal(out.length, 3 * 17);
  const vbar2 = g.symbols.get('vectors2')!;
  assert.equal(out[17], `VBAR_EL2 0x${vbar2.toString(16)}  vectors2`);
  assert.equal(out[17 + 9], `  +0x400  0x${(vbar2 + 0x400n).toString(16).padEnd(16)}  vector:el2:lower64:sync    vectors2+0x400`);
  assert.equal(BigInt(out[17 + 9].split(/\s+/)[2]), g.runner.core.pc, 'the entry the stop is at');
  assert.match(out[34], /^VBAR_EL3 0x[0-9a-f]+ {2}vectors3$/);
});

test('traps [n], help, and lines that are not commands', () => {
  assert.match(runCommand('traps', g.env)!, new RegExp(
    '^last 1 of 1 trap records:\\n#0 vCPU 0 EL1 0x[0-9a-f]+ <el1\\+0x[0-9a-f]+> {2}DataAbortLowerEl \\(ESR 0x93830005\\) ' +
    'IPA 0x9000000 pl011 read 32-bit w3: pending$'));
  assert.equal(runCommand('traps 0', g.env), 'last 0 of 1 trap records:');
  assert.throws(() => runCommand('traps x', g.env), /usage: traps \[n\]/);
  assert.match(runCommand('help', g.env)!, /translate <addr> \[el10\|el20\|el2\|el3\]/);
  assert.equal(runCommand('x0 + 1', g.env), undefined);
  assert.equal(runCommand('  ', g.env), undefined);
});

test('under the built-in hypervisor with a GICv3: IPAs through its stage-2 tables, ICC registers from the GIC, MMIO traps', async () => {
  const image = readFileSync(buildGuest(VIRT_GUESTS.find((v) => v.name === 'virt-uart-gicv3')!));
  const uart: number[] = [];
  const runner = await Runner.create(image, {
    el: 1, hypervisor: 'builtin', gic: 3, memory: 128n << 20n, root: tmpdir(), cmdline: 'g.elf',
    console: { write: (b) => { uart.push(...b); }, readByte: () => undefined },
  });
  const env = { core: runner.core, runner, el: 1 };
  while (runner.traps.records.length < 3) assert.equal(runner.step(10_000n), undefined);
  // Stage 2 maps RAM only: the UART's IPA faults at stage 2, RAM is identity-mapped.
  assert.match(runCommand('translate ipa:0x09000000', env)!, /stopped: stage 2 at IPA 0x9000000: translation fault, level \d$/);
  assert.match(runCommand('translate ipa:0x40080000', env)!, /\n→ PA 0x40080000\nstage 2: level \d \d+ [KMG]B (page|block), Normal/);
  assert.equal(readMemory({ kind: 'ipa' }, 0x09000000n, 4, env).unreadable, 4);
  // ICC_SRE_EL1 reads as enabled from the GIC's CPU interface (its storage in the core holds nothing).
  assert.equal(evaluate('ICC_SRE_EL1 & 1', env).value, 1n);
  assert.throws(() => evaluate('ICC_IAR1_EL1', env), /acknowledges an interrupt/);
  assert.throws(() => evaluate('*(u32*)el3:0x40000000', env), /EL3 is not implemented on this machine/);
  const traps = runCommand('traps 2', env)!.split('\n');
  assert.match(traps[0], /^last 2 of \d+ trap records:$/);
  assert.match(traps[1], /^#\d+ vCPU 0 EL1 0x[0-9a-f]+ {2}DataAbortLowerEl \(ESR 0x[0-9a-f]+\) IPA 0x90000[0-9a-f]{2} pl011 (read|write) 32-bit w\d+ = 0x[0-9a-f]+: emulated$/);
});
