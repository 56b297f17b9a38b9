// The bundled debug adapter driven over DAP (@vscode/debugadapter-testsupport): launch, stop on entry,
// instruction breakpoints, registers, disassembly, stepping, guest output and exit, and launch errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { builtFile, repoRoot } from '../support/cross';

function buildGuest(dir: string): string {
  execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 'g.o'), join(repoRoot(), 'test/guests/semihosting.S')]);
  execFileSync('aarch64-linux-gnu-ld', ['-Ttext=0x40080000', '-o', join(dir, 'g.elf'), join(dir, 'g.o')]);
  return join(dir, 'g.elf');
}

async function withClient(fn: (dc: DebugClient, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-dap-'));
  const dc = new DebugClient(process.execPath, builtFile('adapter.js'), 'trapdoor');
  await dc.start();
  try {
    await fn(dc, dir);
  } finally {
    await dc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('launch stops on entry at EL1 with PC at the ELF entry', () => withClient(async (dc, dir) => {
  const program = buildGuest(dir);
  await Promise.all([
    dc.configurationSequence(),
    dc.launch({ program, stopOnEntry: true } as never),
    dc.waitForEvent('stopped'),
  ]);
  const st = await dc.stackTraceRequest({ threadId: 1 });
  assert.equal(st.body.stackFrames[0].name, 'EL1 · _start');
  assert.equal(st.body.stackFrames[0].instructionPointerReference, '0x40080000');
  const scopes = await dc.scopesRequest({ frameId: 0 });
  const vars = await dc.variablesRequest({ variablesReference: scopes.body.scopes[0].variablesReference });
  const pstate = vars.body.variables.find((v) => v.name === 'pstate')!;
  assert.match(pstate.value, /\(EL1h DAIF nzcv\)$/);
  const dis = await dc.disassembleRequest({ memoryReference: '0x40080000', instructionCount: 3 });
  const text = dis.body!.instructions.map((i) => i.instruction);
  assert.equal(text[0], 'mov x0, #0x4                   \t// #4');
  assert.match(text[1], /^adr x1, [0-9a-f]+ <hello>$/);
  assert.equal(text[2], 'hlt #0xf000');
}));

test('an instruction breakpoint stops there; stepping and continuing run the guest to its exit', () => withClient(async (dc, dir) => {
  const program = buildGuest(dir);
  await Promise.all([dc.configurationSequence(), dc.launch({ program, stopOnEntry: true, cwd: dir } as never), dc.waitForEvent('stopped')]);
  await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: '0x40080008' }] });
  const output = dc.waitForEvent('output');
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('instruction breakpoint', {})]);
  let st = await dc.stackTraceRequest({ threadId: 1 });
  assert.equal(st.body.stackFrames[0].instructionPointerReference, '0x40080008');
  await Promise.all([dc.stepInRequest({ threadId: 1, granularity: 'instruction' }), dc.waitForEvent('stopped')]);
  st = await dc.stackTraceRequest({ threadId: 1 });
  assert.equal(st.body.stackFrames[0].instructionPointerReference, '0x4008000c');
  assert.equal((await output).body.output, 'hello from semihosting\n');
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('exited').then((e) => assert.equal(e.body.exitCode, 42)), dc.waitForEvent('terminated')]);
}));

test('a wrong launch configuration names the field', () => withClient(async (dc) => {
  await assert.rejects(dc.launch({ program: '/nonexistent.elf', entryEl: 4 } as never), /"entryEl" must be 1, 2 or 3/);
}));

test('next runs a BL call and an SVC handler, stopping at the following instruction at the same EL', () => withClient(async (dc) => {
  const program = join(repoRoot(), 'examples/hello/hello.elf');
  await Promise.all([dc.configurationSequence(), dc.launch({ program, stopOnEntry: true } as never), dc.waitForEvent('stopped')]);
  await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: '0x40080018' }] });
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('instruction breakpoint', {})]);
  const pc = async () => (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0].instructionPointerReference;
  let output = '';
  dc.on('output', (e: { body: { output: string } }) => { output += e.body.output; });
  // bl puts: the whole call runs (the greeting is printed), the stop is after it.
  await Promise.all([dc.nextRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
  assert.equal(await pc(), '0x4008001c');
  assert.equal(output, 'Hello from EL1\n');
  // svc #0x42: the EL1 handler runs and returns with ERET; next stops after the SVC, at EL1.
  await Promise.all([dc.nextRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
  assert.equal(await pc(), '0x40080020');
  assert.equal(output, 'Hello from EL1\nSVC taken to EL1 (EC 0x15)\n');
  // step in on a BL follows it.
  await Promise.all([dc.nextRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
  await Promise.all([dc.stepInRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
  assert.equal(await pc(), '0x40080038');
}));

/** examples/hello: the EL1 synchronous exception handler (reached by `b` from the vector, so X30 is stale there). */
const EL1_SYNC = '0x40080058';

test('step out returns from a function to X30, and from an exception handler through its ERET', () => withClient(async (dc) => {
  const program = join(repoRoot(), 'examples/hello/hello.elf');
  await Promise.all([dc.configurationSequence(), dc.launch({ program, stopOnEntry: true } as never), dc.waitForEvent('stopped')]);
  const pc = async () => (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0].instructionPointerReference;
  await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: '0x40080038' }] });
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('instruction breakpoint', {})]);
  await Promise.all([dc.stepOutRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
  assert.equal(await pc(), '0x4008001c');
  await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: EL1_SYNC }] });
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('instruction breakpoint', {})]);
  await Promise.all([dc.stepOutRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
  assert.equal(await pc(), '0x40080020');
}));
