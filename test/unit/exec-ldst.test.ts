// Loads and stores: random sequences against qemu-aarch64 (memory compared), and unit tests of what user mode
// cannot show: alignment faults on Device memory with their ESR/FAR, SP alignment, external aborts, the monitor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Disassembler } from '../../src/arch/a64/disasm/disassemble';
import { sysRegIndex } from '../../src/arch/sysregs/table';
import { Core } from '../../src/machine/core';
import { xorshift } from '../../tools/randomWords';
import { compareWithQemu, describeCase } from '../support/diffHarness';
import { ldstInitialState, ldstWordMaker } from '../support/ldstWords';
import { randomCases } from '../support/randomCases';

const dis = new Disassembler();

async function check(groups: readonly string[], seed: number, count: number, length = 8): Promise<void> {
  const rows = dis.rows.filter((r) => groups.includes(r.group) && !r.form.startsWith('LDRA'));
  assert.ok(rows.length > 0, `no rows in ${groups.join(', ')}`);
  const rand = xorshift(seed);
  const cases = randomCases(rows, count, length, rand, ldstWordMaker((w) => dis.decodeRow(w), length))
    .map((c) => ({ ...c, initial: ldstInitialState(c.initial, rand) }));
  const failures = await compareWithQemu(cases, describeCase((w) => dis.disassemble(w)));
  assert.equal(failures.length, 0, `${failures.length}/${cases.length} cases differ:\n${failures.slice(0, 5).join('\n')}`);
}

test('single-register loads and stores (all addressing modes, GP and FP/SIMD, literal) match qemu-aarch64', async () => {
  await check(['ldst_unscaled', 'ldst_immpost', 'ldst_immpre', 'ldst_unpriv', 'ldst_pos', 'ldst_regoff', 'loadlit'], 11, 100);
});

test('load/store pair (offset, pre/post-index, non-temporal, LDPSW, FP/SIMD) matches qemu-aarch64', async () => {
  await check(['ldstnapair_offs', 'ldstpair_post', 'ldstpair_off', 'ldstpair_pre'], 12, 80);
});

test('exclusives, acquire/release, LDAPR, CAS/CASP and LSE atomics match qemu-aarch64', async () => {
  await check(['ldstexclr', 'ldstexclp', 'ldstord', 'comswap', 'comswappr', 'memop'], 13, 80);
});

test('AdvSIMD structure loads and stores (multiple, single, replicate, post-index) match qemu-aarch64', async () => {
  await check(['asisdlse', 'asisdlsep', 'asisdlso', 'asisdlsop'], 14, 80);
});

// ---- Unit tests at EL1/EL0 with the MMU off ----

const reg = sysRegIndex;
const CODE = 0x40000000n, DATA = 0x40100000n, VBAR = 0x40080000n;
const EL1H = 0x3c5, EL0 = 0;

async function machine(): Promise<Core> {
  const core = await Core.load();
  core.configureRam(CODE, 0x1000000n);
  core.setSysreg(reg('VBAR_EL1'), VBAR);
  core.setSysreg(reg('CPACR_EL1'), 3n << 20n);
  return core;
}

/** Where the next run() puts its code: fresh words each time, never a rewrite of decoded code. */
let nextCode = CODE;

/** Runs `words` at `pstate`; returns after `steps` instructions with the address they started at. */
function run(core: Core, words: number[], pstate: number, steps = words.length): bigint {
  const at = nextCode;
  nextCode += 0x100n;
  core.writeBytes(at, new Uint8Array(Uint32Array.from(words).buffer));
  core.pc = at;
  core.pstate = pstate;
  core.run(BigInt(steps));
  return at;
}

const esr = (core: Core) => core.getSysreg(reg('ESR_EL1'));
const far = (core: Core) => core.getSysreg(reg('FAR_EL1'));
const dataAbort = (ec: number, wnr: boolean, dfsc: number) => (BigInt(ec) << 26n) | (1n << 25n) | (wnr ? 1n << 6n : 0n) | BigInt(dfsc);

test('MMU off: an unaligned load is an Alignment fault (Device memory): EC 0x25, DFSC 0b100001, FAR = VA, no register written', async () => {
  const core = await machine();
  core.setX(0, 0x1234n);
  core.setX(1, DATA + 4n);
  const at = run(core, [0xf9400020], EL1H); // ldr x0, [x1]
  assert.equal(core.pc, VBAR + 0x200n);
  assert.equal(esr(core), dataAbort(0x25, false, 0x21));
  assert.equal(far(core), DATA + 4n);
  assert.equal(core.getSysreg(reg('ELR_EL1')), at);
  assert.equal(core.getX(0), 0x1234n);
});

test('MMU off at EL0: an unaligned store faults to EL1 with EC 0x24 and WnR, memory unchanged', async () => {
  const core = await machine();
  core.writeBytes(DATA, new Uint8Array(16));
  core.setX(0, 0x1122334455667788n);
  core.setX(1, DATA + 2n);
  run(core, [0xf9000020], EL0); // str x0, [x1]
  assert.equal(core.pc, VBAR + 0x400n);
  assert.equal(esr(core), dataAbort(0x24, true, 0x21));
  assert.equal(far(core), DATA + 2n);
  assert.deepEqual([...core.readBytes(DATA, 16)], new Array(16).fill(0));
});

test('a faulting pre-index load does no writeback; a 16-byte LDP Q on an 8-aligned address faults', async () => {
  const core = await machine();
  core.setX(0, 7n);
  core.setX(1, DATA);
  run(core, [0xf8401c20], EL1H); // ldr x0, [x1, #1]!
  assert.equal(esr(core), dataAbort(0x25, false, 0x21));
  assert.equal(core.getX(1), DATA);
  assert.equal(core.getX(0), 7n);
  core.setV(0, 5n);
  core.setX(1, DATA + 8n);
  run(core, [0xad400420], EL1H); // ldp q0, q1, [x1]
  assert.equal(esr(core), dataAbort(0x25, false, 0x21));
  assert.equal(core.getV(0), 5n);
});

test('Normal memory (the test switch): unaligned ordinary accesses work, exclusives and acquires still fault, SCTLR.A faults all', async () => {
  const core = await machine();
  core.setDataAccessesNormal(true);
  core.writeBytes(DATA, Uint8Array.from({ length: 16 }, (_, i) => i));
  core.setX(1, DATA + 1n);
  const at = run(core, [0xf9400020], EL1H); // ldr x0, [x1]
  assert.equal(core.pc, at + 4n);
  assert.equal(core.getX(0), 0x0807060504030201n);
  for (const w of [0xc85f7c20, 0xc8dffc20, 0xf8230020]) { // ldxr, ldar, ldadd
    run(core, [w], EL1H);
    assert.equal(core.pc, VBAR + 0x200n, `0x${w.toString(16)}`);
    assert.equal(esr(core) & 0x3fn, 0x21n);
    assert.equal(far(core), DATA + 1n);
  }
  core.setSysreg(reg('SCTLR_EL1'), 1n << 1n); // A
  run(core, [0xf9400020], EL1H);
  assert.equal(esr(core), dataAbort(0x25, false, 0x21));
});

test('SP alignment check: SCTLR_EL1.SA with a misaligned SP raises EC 0x26', async () => {
  const core = await machine();
  core.setSysreg(reg('SCTLR_EL1'), 1n << 3n); // SA
  core.setSP(1, DATA + 8n);
  core.setX(0, 3n);
  run(core, [0xf94003e0], EL1H); // ldr x0, [sp]
  assert.equal(core.pc, VBAR + 0x200n);
  assert.equal(esr(core), (0x26n << 26n) | (1n << 25n));
  assert.equal(core.getX(0), 3n);
  core.setSP(1, DATA + 16n);
  const at = run(core, [0xf94003e0], EL1H);
  assert.equal(core.pc, at + 4n);
});

test('a load from an address no RAM or device answers is a synchronous external abort (DFSC 0b010000)', async () => {
  const core = await machine();
  core.setX(0, 9n);
  core.setX(1, 0x9000000n);
  run(core, [0xf9400020], EL1H); // ldr x0, [x1]
  assert.equal(core.pc, VBAR + 0x200n);
  assert.equal(esr(core), dataAbort(0x25, false, 0x10));
  assert.equal(far(core), 0x9000000n);
  assert.equal(core.getX(0), 9n);
  // The bus answering makes the access succeed.
  core.setBus({ read: () => 0x42n, write: () => true });
  run(core, [0xf9400020], EL1H);
  assert.equal(core.getX(0), 0x42n);
});

test('exclusive monitor: tagged by LDXR, STXR passes once, fails after a changing store or on another size', async () => {
  const core = await machine();
  core.writeBytes(DATA, new Uint8Array(16));
  core.setX(1, DATA);
  core.setX(3, 0xabcdn);
  const LDXR_X = 0xc85f7c20, STXR_X = 0xc8027c23, LDXR_W = 0x885f7c20, STR_X4 = 0xf9000024;
  run(core, [LDXR_X], EL1H);
  assert.ok(core.exclusiveMonitorTagged);
  run(core, [STXR_X], EL1H);
  assert.equal(core.getX(2), 0n);
  assert.equal(core.exports.readPhys(DATA, 8), 0xabcdn);
  assert.ok(!core.exclusiveMonitorTagged);
  run(core, [STXR_X], EL1H);
  assert.equal(core.getX(2), 1n, 'the monitor is open after a store-exclusive');
  core.setX(4, 0x77n);
  run(core, [LDXR_X, STR_X4, STXR_X], EL1H);
  assert.equal(core.getX(2), 1n, 'a store changing the tagged location makes the store-exclusive fail');
  assert.equal(core.exports.readPhys(DATA, 8), 0x77n);
  run(core, [LDXR_W, STXR_X], EL1H);
  assert.equal(core.getX(2), 1n, 'another size fails');
  // LDXP/STXP of X registers: a 16-byte granule.
  core.setX(4, 0x5555n);
  run(core, [0xc87f1420, 0xc8221023], EL1H); // ldxp x0, x5, [x1]; stxp w2, x3, x4, [x1]
  assert.equal(core.getX(2), 0n);
  assert.equal(core.exports.readPhys(DATA + 8n, 8), 0x5555n);
});

test('a structure load that aborts part-way writes no register and does no writeback; FAR is the faulting element', async () => {
  const core = await machine();
  const end = CODE + 0x1000000n;
  core.setV(0, 0x11n);
  core.setV(1, 0x22n);
  core.setX(1, end - 16n);
  run(core, [0x4cdfa020], EL1H); // ld1 {v0.16b, v1.16b}, [x1], #32
  assert.equal(esr(core), dataAbort(0x25, false, 0x10));
  assert.equal(far(core), end);
  assert.equal(core.getV(0), 0x11n);
  assert.equal(core.getV(1), 0x22n);
  assert.equal(core.getX(1), end - 16n);
});

test('an atomic read-modify-write reports a fault as a write (WnR); EL0 faults go to EL2 under HCR_EL2.TGE', async () => {
  const core = await machine();
  core.setX(1, DATA + 4n);
  run(core, [0xf8230020], EL1H); // ldadd x3, x0, [x1]
  assert.equal(esr(core), dataAbort(0x25, true, 0x21));
  core.setHighestEL(2);
  core.setSysreg(reg('HCR_EL2'), 1n << 27n); // TGE
  core.setSysreg(reg('VBAR_EL2'), VBAR + 0x1000n);
  run(core, [0xf9400020], EL0); // ldr x0, [x1]
  assert.equal(core.pc, VBAR + 0x1400n);
  assert.equal(core.getSysreg(reg('ESR_EL2')), dataAbort(0x24, false, 0x21));
  assert.equal(core.getSysreg(reg('FAR_EL2')), DATA + 4n);
});

test('MMU off: HCR_EL2.DC makes EL1&0 data Normal (no alignment fault); a VA above PAMax is an Address size fault', async () => {
  const core = await machine();
  core.setHighestEL(2);
  core.setSysreg(reg('HCR_EL2'), 1n << 12n); // DC
  // DC makes stage 2 behave as enabled: an identity 1 GB block for the RAM (VTCR: T0SZ 25, SL0 1, 4K, PS 40 bits).
  const s2table = DATA + 0x1000n;
  const desc = new Uint8Array(8);
  new DataView(desc.buffer).setBigUint64(0, 0x40000000n | 1n | (0xfn << 2n) | (3n << 6n) | (3n << 8n) | (1n << 10n), true);
  core.writeBytes(s2table + 8n, desc);
  core.setSysreg(reg('VTCR_EL2'), 25n | (1n << 6n) | (2n << 16n));
  core.setSysreg(reg('VTTBR_EL2'), s2table);
  core.writeBytes(DATA, Uint8Array.from({ length: 16 }, (_, i) => i));
  core.setX(1, DATA + 1n);
  const at = run(core, [0xf9400020], EL1H); // ldr x0, [x1]
  assert.equal(core.pc, at + 4n);
  assert.equal(core.getX(0), 0x0807060504030201n);
  core.setX(1, 1n << 40n);
  run(core, [0xf9400020], EL1H);
  assert.equal(esr(core), dataAbort(0x25, false, 0x00));
  assert.equal(far(core), 1n << 40n);
});
