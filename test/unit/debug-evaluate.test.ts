// Debug Console and Watch expressions on a machine stopped at a stage-2 MMIO fault (test/guests/mmu-stage2.S at the
// EL2 vector): integers and operators, general and system registers, fields with their meaning, symbols, memory in
// each address space, errors that name the problem, assignments, completions.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sysRegIndex } from '../../src/arch/sysregs/table';
import { assign, completions, EvalEnv, EvalError, evaluate, splitAssignment } from '../../src/debug/evaluate';
import { stage2Stop, StoppedGuest } from '../support/debugMachine';

let g: StoppedGuest;
before(async () => { g = await stage2Stop(); });

const value = (expr: string, env: EvalEnv = g.env): bigint => evaluate(expr, env).value;
const text = (expr: string, env: EvalEnv = g.env): string => evaluate(expr, env).text;
const fails = (expr: string, message: RegExp, env: EvalEnv = g.env): void => {
  assert.throws(() => evaluate(expr, env), (e: Error) => e instanceof EvalError && message.test(e.message), expr);
};

test('integers and C operators, 64-bit wrap, hex and decimal text', () => {
  assert.equal(value('1 + 2 * 3'), 7n);
  assert.equal(value('(1 + 2) * 3'), 9n);
  assert.equal(value('0b101 | 0x10'), 0x15n);
  assert.equal(value('1_000 / 7 % 10'), 2n);
  assert.equal(value('1 << 4 >> 2'), 4n);
  assert.equal(value('0xff & ~0xf ^ 0x1'), 0xf1n);
  assert.equal(value('-1'), 0xffffffffffffffffn);
  assert.equal(value('0xffffffffffffffff + 2'), 1n);
  assert.equal(value('1 ? 2 : 3'), 2n);
  assert.equal(value('0 ? 2 : 0 ? 3 : 4'), 4n);
  assert.equal(text('36'), '0x24 (36)');
  assert.equal(text('-2'), '0xfffffffffffffffe (-2)');
  assert.equal(text('3 > 2 && !0'), 'true');
  assert.equal(text('3 <= 2 || 1 != 1'), 'false');
  fails('1 / 0', /division by zero/);
  fails('1 +', /ends too early/);
  fails('(1', /expected `\)'/);
  fails('1 2', /unexpected `2' at column 3/);
  fails('1 # 2', /unexpected `#' at column 3/);
});

test('general registers, PSTATE views and el at the EL2 vector', () => {
  const core = g.runner.core;
  assert.equal(value('x21'), 0x40600000n);
  assert.equal(value('X22'), 0x09000000n);
  assert.equal(value('w21'), 0x40600000n);
  assert.equal(value('pc'), core.getSysreg(sysRegIndex('VBAR_EL2')) + 0x400n);
  assert.equal(value('lr'), core.getX(30));
  assert.equal(value('fp'), core.getX(29));
  assert.equal(value('sp'), core.getSP(2));
  assert.equal(value('xzr'), 0n);
  assert.equal(value('pstate'), BigInt(core.pstate));
  assert.equal(value('currentel'), 8n);
  assert.equal(value('currentel >> 2'), 2n);
  assert.equal(value('daif'), 0x3c0n, 'exception entry masks D, A, I, F');
  assert.equal(value('nzcv'), BigInt(core.pstate) & 0xf0000000n);
  assert.equal(value('el'), 1n, 'the frame\'s EL');
  assert.equal(evaluate('x21', g.env).memoryReference, '0x40600000');
  assert.equal(evaluate('pc', g.env).memoryReference, `0x${core.pc.toString(16)}`);
});

test('system registers by any case, with their fields and the meaning of their values from the table', () => {
  const core = g.runner.core;
  assert.equal(value('ESR_EL2'), 0x93830005n);
  assert.equal(value('esr_el2'), 0x93830005n);
  assert.equal(text('ESR_EL2.EC'), '0x24 — Data Abort from a lower Exception level');
  assert.equal(text('esr_el2.dfsc'), '0x5 — Translation fault, level 1');
  assert.equal(text('ESR_EL2.SAS'), '0x2 — word');
  assert.equal(value('ESR_EL2.SRT'), 3n);
  assert.equal(text('SPSR_EL2.M'), '0x5 — EL1h (EL1, SP_EL1)');
  assert.equal(text('HCR_EL2.VM'), '0x1 — enabled');
  assert.equal(value('HCR_EL2.VM && ESR_EL2.EC == 0x24'), 1n);
  assert.equal(value('HPFAR_EL2 << 8'), 0x09000000n);
  assert.equal(value('VTTBR_EL2 >> 48'), 5n, 'VMID 5');
  assert.equal(value('FAR_EL2'), 0x09000000n);
  assert.equal(evaluate('FAR_EL2', g.env).memoryReference, '0x9000000');
  assert.equal(text('pstate.M'), '0x9 — EL2h (EL2, SP_EL2)');
  assert.equal(value('SCTLR_EL12'), core.getSysreg(sysRegIndex('SCTLR_EL1')), 'an _EL12 name reads the register it stands for');
  // The counter is computed (instructions executed), not read from storage.
  assert.equal(value('CNTPCT_EL0'), core.insnCount >> 4n);
  assert.equal(value('CurrentEL'), 8n);
  fails('ESR_EL2.imm16', /ESR_EL2\.imm16 is not present while ESR_EL2\.EC = 0x24/);
  fails('HCR_EL2.NOPE', /HCR_EL2 has no field NOPE \(.*VM.*\)/);
  fails('ZCR_EL1', /ZCR_EL1 is not implemented by this CPU model/);
  fails('ICC_PMR_EL1', /GICv2\) has no system-register interface/);
  fails('ICC_EOIR1_EL1', /write-only/);
  fails('foo', /unknown register or symbol `foo'/);
});

test('ELF symbols and extra names (exception-filter conditions)', () => {
  assert.equal(value('el2_at'), g.symbols.get('el2_at'));
  assert.equal(value('main + 4'), g.symbols.get('main')! + 4n);
  assert.equal(evaluate('vectors2', g.env).memoryReference, `0x${g.symbols.get('vectors2')!.toString(16)}`);
  assert.equal(value('pc - vectors2'), 0x400n);
  const filter = { ...g.env, extra: { ec: 0x24n, iss: 0x1830005n, el: 2n } };
  assert.equal(value('ec == 0x24 && EL == 2', filter), 1n);
  assert.equal(value('iss & 0x3f', filter), 5n);
});

test('memory: *(type*) in the frame\'s regime (stage 1 and stage 2), and in el1:, ipa: and pa: spaces', () => {
  // x21 = VA 0x40600000: stage 1 block → IPA 0x40600000, stage 2 page → PA 0x40401000, which holds 0x2222.
  assert.equal(value('*(u64*)x21'), 0x2222n);
  assert.equal(value('*x21'), 0x2222n);
  assert.equal(value('*(u16*)(x21 + 1)'), 0x22n);
  assert.equal(value('*(u64*)el1:0x40600000'), 0x2222n);
  assert.equal(value('*(u64*)ipa:0x40600000'), 0x2222n);
  assert.equal(value('*(u64*)pa:0x40401000'), 0x2222n);
  assert.equal(value('*(u64*)pa:0x40400000'), 0x1111n);
  assert.equal(value('*(u8*)pa:0x40401000'), 0x22n);
  // At EL2 (its MMU off) VAs are PAs: VA 0x40600000 is not the page the guest sees there.
  assert.equal(value('*(u64*)el2:0x40401000'), 0x2222n);
  assert.equal(value('*(u64*)x21', { ...g.env, el: 2 }), value('*(u64*)pa:0x40600000'));
  // The instruction at PC: an unconditional branch to the handler.
  assert.equal(value('*(u32*)pc >> 26', { ...g.env, el: 2 }), 0b000101n);
  assert.equal(evaluate('ipa:0x40600000 + 8', g.env).memoryReference, 'ipa:0x40600008');
  assert.equal(evaluate('pa:0x40000000', g.env).memoryReference, 'pa:0x40000000');
  fails('*(u32*)ipa:0x09000000', /^IPA 0x9000000 not mapped at stage 2 \(translation fault, level 1\)$/);
  fails('*(u32*)x22', /^address 0x9000000 not mapped at stage 2 \(IPA 0x9000000: translation fault, level 1\)$/);
  fails('*(u64*)el1:0x80000000', /^address 0x80000000 not mapped at stage 1 \(translation fault, level 1\)$/);
  fails('*(u64*)el1:0x40a00000', /stage 2 \(IPA 0x40800000: translation fault, level 3, on a stage-1 table walk\)/);
  fails('*(u32*)pa:0x09000000', /^PA 0x9000000 is pl011 MMIO: the debugger does not access devices$/);
  fails('*(u32*)pa:0x20000000', /^PA 0x20000000 is not RAM$/);
  fails('*(u33*)x21', /unknown type `u33'/);
});

test('signed loads sign-extend', () => {
  assign('*(u32*)pa:0x40402000', '0x8000ff80', g.env);
  assert.equal(value('*(s8*)pa:0x40402000'), 0xffffffffffffff80n);
  assert.equal(value('*(s16*)pa:0x40402000'), 0xffffffffffffff80n);
  assert.equal(value('*(s32*)pa:0x40402000'), 0xffffffff8000ff80n);
  assert.equal(text('*(s32*)pa:0x40402000'), '0xffffffff8000ff80 (-2147418240)');
});

test('assign: general registers, W writes zero-extend, PSTATE views, system registers and fields, memory', async () => {
  const m = await stage2Stop();
  const core = m.runner.core;
  assert.equal(assign('x0', '5', m.env), '0x5 (5)');
  assert.equal(core.getX(0), 5n);
  core.setX(1, 0x1234567890n);
  assign('w1', '-1', m.env);
  assert.equal(core.getX(1), 0xffffffffn);
  assign('x2', 'x21 + 0x10', m.env);
  assert.equal(core.getX(2), 0x40600010n);
  assign('nzcv', '0x60000000', m.env);
  assert.equal(core.pstate >>> 28, 6);
  assign('pstate.N', '1', m.env);
  assert.equal(core.pstate >>> 28, 0xe);
  assert.equal(assign('ESR_EL2.EC', '0x16', m.env), '0x16 — HVC in AArch64 state');
  assert.equal(core.getSysreg(sysRegIndex('ESR_EL2')), 0x5b830005n);
  assign('ELR_EL2', 'el2_at', m.env);
  assert.equal(core.getSysreg(sysRegIndex('ELR_EL2')), m.symbols.get('el2_at'));
  assert.throws(() => assign('HCR_EL2.VM', '2', m.env), /0x2 does not fit HCR_EL2\.VM \(1 bit\)/);
  assert.throws(() => assign('MIDR_EL1', '0', m.env), /MIDR_EL1 is read-only/);
  assert.throws(() => assign('el2_at', '0', m.env), /el2_at cannot be assigned/);
  assert.throws(() => assign('x0 + 1', '0', m.env), /cannot assign to `x0 \+ 1'/);
  assert.throws(() => assign('currentel', '0', m.env), /pstate\.M/);
  // Memory through the guest's stage 1 and stage 2 lands in the page stage 2 maps.
  assert.equal(assign('*(u32*)x21', '0xdeadbeef', m.env), '0xdeadbeef (3735928559)');
  assert.equal(value('*(u64*)pa:0x40401000', m.env), 0xdeadbeefn);
  assert.throws(() => assign('*(u32*)pa:0x09000000', '0x41', m.env), /pl011 MMIO/);
  // A tagged pointer walks as its untagged VA once TCR_EL1.TBI0 says the top byte is ignored.
  assert.throws(() => evaluate('*(u64*)(x21 | 0x5a << 56)', m.env), /not mapped at stage 1 \(translation fault, level 0\)/);
  assign('TCR_EL1', 'TCR_EL1 | 1 << 37', m.env);
  assert.equal(value('*(u64*)(x21 | 0x5a << 56)', m.env), 0xdeadbeefn);
  // HCR_EL2.VM = 0 is an MSR: stage 2 goes, and the TLB with it; VA = IPA = PA for this stage-1 block.
  assign('HCR_EL2.VM', '0', m.env);
  assert.equal(core.getSysreg(sysRegIndex('HCR_EL2')) & 1n, 0n);
  assert.equal(value('*(u64*)x21', m.env), value('*(u64*)pa:0x40600000', m.env));
  assert.equal(value('*(u64*)ipa:0x40401000', m.env), 0xdeadbeefn, 'stage 2 off: IPAs are PAs');
});

test('splitAssignment finds the one `=` that is not a comparison', () => {
  assert.deepEqual(splitAssignment('x0 = 5'), ['x0', '5']);
  assert.deepEqual(splitAssignment('*(u32*)pa:0x40000000 = x1 == 2'), ['*(u32*)pa:0x40000000', 'x1 == 2']);
  assert.equal(splitAssignment('x0 == 5'), undefined);
  assert.equal(splitAssignment('x0 <= 5 && x1 != 2 && x2 >= 1'), undefined);
});

test('completions: registers, system registers in the case typed, fields, casts, prefixes, symbols, commands', () => {
  const labels = (t: string, column = t.length + 1) => completions(t, column, g.env).map((c) => c.label);
  assert.ok(labels('x2').includes('x21'));
  assert.ok(labels('hcr_').includes('hcr_el2'));
  assert.ok(labels('HCR_').includes('HCR_EL2'));
  assert.ok(!labels('ZCR').includes('ZCR_EL1'), 'absent registers are not offered');
  assert.deepEqual(labels('ESR_EL2.E'), ['ESR_EL2.EC', 'ESR_EL2.EA']);
  assert.ok(labels('1 + HCR_EL2.V').includes('HCR_EL2.VM'));
  assert.deepEqual(labels('*(u'), ['u8*)', 'u16*)', 'u32*)', 'u64*)']);
  assert.ok(labels('*(u32*)ip').includes('ipa:'));
  assert.ok(labels('el2_').includes('el2_at'));
  assert.ok(labels('tr').includes('translate') && labels('t').includes('traps'));
  assert.ok(!labels('x0 + tr').includes('translate'), 'commands only at the start of the line');
  assert.deepEqual(completions('x21 + hcr_el', 4, g.env).map((c) => c.label), ['x21']);
  const ec = completions('1 + ESR_EL2.', 13, g.env).find((c) => c.label === 'ESR_EL2.EC');
  assert.deepEqual(ec, { label: 'ESR_EL2.EC', type: 'property', start: 4, length: 8 }, 'the whole REG.FIELD word is replaced');
});
