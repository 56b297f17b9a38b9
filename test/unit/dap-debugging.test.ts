// The adapter's debugging features over DAP on test/guests/dap-program.S (built with `as -g`): a source breakpoint
// in the .S file, conditions, hit counts and logpoints, data breakpoints on memory and on a system register, next
// over an SVC at EL0, an exception filter with a condition, pause of a guest spinning with interrupts masked,
// evaluate/completions/memory, the custom requests, and the standalone server mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { builtFile, repoRoot } from '../support/cross';

const SOURCE = join(repoRoot(), 'test/guests/dap-program.S');
let built: string | undefined;
function program(): string {
  if (built) return built;
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-dapprog-'));
  execFileSync('aarch64-linux-gnu-as', ['-g', '-o', join(dir, 'p.o'), SOURCE]);
  execFileSync('aarch64-linux-gnu-ld', ['-Ttext=0x40080000', '-o', join(dir, 'p.elf'), join(dir, 'p.o')]);
  return (built = join(dir, 'p.elf'));
}

/** The line of the first source line matching `re`. */
function lineOf(re: RegExp): number {
  return readFileSync(SOURCE, 'utf8').split('\n').findIndex((l) => re.test(l)) + 1;
}

async function withClient(fn: (dc: DebugClient) => Promise<void>, config: Record<string, unknown> = {}): Promise<void> {
  const dc = new DebugClient(process.execPath, builtFile('adapter.js'), 'trapdoor');
  await dc.start();
  try {
    await Promise.all([dc.configurationSequence(), dc.launch({ program: program(), stopOnEntry: true, ...config } as never), dc.waitForEvent('stopped')]);
    await fn(dc);
  } finally {
    await dc.stop();
  }
}

async function cont(dc: DebugClient): Promise<DebugProtocol.StoppedEvent> {
  const [, stop] = await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
  return stop as DebugProtocol.StoppedEvent;
}

const evalText = async (dc: DebugClient, expression: string, context = 'watch'): Promise<string> =>
  (await dc.evaluateRequest({ expression, context })).body.result;

test('a source breakpoint in the .S file stops at its line; the frame shows the source', () => withClient(async (dc) => {
  const line = lineOf(/^\tbl\tcount/);
  const set = await dc.setBreakpointsRequest({ source: { path: SOURCE }, breakpoints: [{ line }] });
  assert.equal(set.body.breakpoints[0].verified, true);
  assert.equal(set.body.breakpoints[0].line, line);
  const stop = await cont(dc);
  assert.equal(stop.body.reason, 'breakpoint');
  const frame = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0];
  assert.equal(frame.source?.path, SOURCE);
  assert.equal(frame.line, line);
  assert.equal(frame.name, 'EL1 · loop+0x4');
  // A line with no code moves to the next one that has some.
  const blank = lineOf(/^\t\/\/ To EL0/);
  const moved = await dc.setBreakpointsRequest({ source: { path: SOURCE }, breakpoints: [{ line: blank }] });
  assert.equal(moved.body.breakpoints[0].line, blank + 1);
}));

test('conditions, hit counts and logpoints on a function breakpoint', () => withClient(async (dc) => {
  // The hit count counts the hits where the condition holds: the 3rd odd x0 is 5.
  await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'count', condition: 'x0 & 1', hitCondition: '3' }] });
  const stop = await cont(dc);
  assert.equal(stop.body.reason, 'function breakpoint');
  assert.equal(await evalText(dc, 'x0'), '0x5 (5)');
  await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'count', condition: 'x0 == 7 && x20 > 0' }] });
  await cont(dc);
  assert.equal(await evalText(dc, 'x0'), '0x7 (7)');
  assert.equal(await evalText(dc, 'x20'), '0x15 (21)');
}));

test('a logpoint on a source line writes its message with values and does not stop', () => withClient(async (dc) => {
  const logged: string[] = [];
  dc.on('output', (e: DebugProtocol.OutputEvent) => { if (e.body.category === 'console') logged.push(e.body.output); });
  await dc.setBreakpointsRequest({ source: { path: SOURCE }, breakpoints: [{ line: lineOf(/^\tadd\tx20, x20, x0/), logMessage: 'count({x0}) total {x20}' }] });
  await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'user' }] });
  const stop = await cont(dc);
  assert.equal(stop.body.reason, 'function breakpoint');
  assert.equal(logged.filter((l) => l.startsWith('count(')).length, 10);
  assert.equal(logged.find((l) => l.startsWith('count(0x3'))!, 'count(0x3 (3)) total 0x3 (3)\n');
}));

test('data breakpoints: a write to memory, and a write to a system register', () => withClient(async (dc) => {
  const el1 = async () => {
    const scopes = (await dc.scopesRequest({ frameId: 0 })).body.scopes;
    const system = (await dc.variablesRequest({ variablesReference: scopes.find((s) => s.name === 'System registers')!.variablesReference })).body.variables;
    return system.find((v) => v.name === 'EL1')!.variablesReference;
  };
  const sys = await dc.dataBreakpointInfoRequest({ name: 'VBAR_EL1', variablesReference: await el1() });
  assert.equal(sys.body.dataId, 'sysreg:VBAR_EL1');
  const mem = await dc.dataBreakpointInfoRequest({ name: 'watched' });
  assert.match(mem.body.dataId!, /^pa:0x40090f98:8$/);
  await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: sys.body.dataId!, accessType: 'write' }, { dataId: mem.body.dataId!, accessType: 'write' }] });
  let stop = await cont(dc);
  assert.equal(stop.body.reason, 'data breakpoint');
  assert.match(stop.body.description!, /^VBAR_EL1 written: 0x40080800$/);
  stop = await cont(dc);
  assert.equal(stop.body.reason, 'data breakpoint');
  assert.match(stop.body.description!, /PA 0x40090f98/);
  assert.equal(await evalText(dc, '*(u64*)watched'), '0x55 (85)');
}));

test('next over an SVC at EL0 runs the handler and stops at the following instruction at EL0', () => withClient(async (dc) => {
  await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'user' }] });
  await cont(dc);
  await Promise.all([dc.nextRequest({ threadId: 1, granularity: 'instruction' }), dc.waitForEvent('stopped')]);
  await Promise.all([dc.nextRequest({ threadId: 1, granularity: 'instruction' }), dc.waitForEvent('stopped')]);
  const frame = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0];
  assert.equal(frame.name, 'EL0 · user+0x8');
  assert.equal(await evalText(dc, 'el'), '0x0 (0)');
}));

test('the SVC filter with a condition stops only at the SVC it names; pause stops a spin with interrupts masked', () => withClient(async (dc) => {
  await dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'call', condition: 'iss == 1' }] });
  const stop = await cont(dc);
  assert.equal(stop.body.reason, 'exception');
  assert.equal(stop.body.description, 'SVC in AArch64 state from EL0 taken to EL1, ESR 0x56000001');
  await dc.setExceptionBreakpointsRequest({ filters: [] });
  await dc.continueRequest({ threadId: 1 });
  await new Promise((r) => setTimeout(r, 300));
  const [, paused] = await Promise.all([dc.pauseRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
  assert.equal(paused.body.reason, 'pause');
  assert.equal((await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0].name.split(' · ')[1], 'spin+0x4');
  assert.match(await evalText(dc, 'pstate.I'), /^0x1/);
}));

test('evaluate, completions, memory and the console commands', () => withClient(async (dc) => {
  assert.equal(await evalText(dc, 'x1 = 0x1234', 'repl'), '0x1234 (4660)');
  assert.equal(await evalText(dc, 'x1 + 1'), '0x1235 (4661)');
  assert.match(await evalText(dc, 'SCTLR_EL1.M'), /^0x0/);
  const targets = (await dc.completionsRequest({ text: 'VBAR_E', column: 7 })).body.targets.map((t) => t.label);
  assert.ok(targets.includes('VBAR_EL1'));
  assert.match(await evalText(dc, 'translate 0x40080000', 'repl'), /0x40080000/);
  const w = await dc.customRequest('writeMemory', { memoryReference: 'watched', data: Buffer.from([1, 2, 3, 4]).toString('base64') });
  assert.equal(w.body.bytesWritten, 4);
  const r = await dc.customRequest('readMemory', { memoryReference: 'pa:0x40090f98', count: 8 });
  assert.deepEqual([...Buffer.from(r.body.data, 'base64')], [1, 2, 3, 4, 0, 0, 0, 0]);
  // A device is never read by the debugger (a read could pop a FIFO): its bytes are unreadable.
  const dev = await dc.customRequest('readMemory', { memoryReference: 'pa:0x09000000', count: 4 });
  assert.equal(dev.body.unreadableBytes, 4);
  const info = await dc.customRequest('trapdoor/registerInfo', { name: 'hcr_el2' });
  assert.equal(info.body.name, 'HCR_EL2');
  assert.ok(info.body.fields.some((f: { name: string; lsb: number }) => f.name === 'VM' && f.lsb === 0));
  const tr = await dc.customRequest('trapdoor/translate', { address: '0x40080000' });
  assert.equal(tr.body.walk.pa, '0x40080000');
}));

test('under the built-in hypervisor: trap events for the MMIO panel, and the MMIO trap filter', () => withClient(async (dc) => {
  const records: { device?: string; direction?: string }[] = [];
  dc.on('trapdoor/traps', (e: DebugProtocol.Event) => records.push(...(e.body.records as typeof records)));
  await dc.setExceptionBreakpointsRequest({ filters: ['mmio'] });
  const stop = await cont(dc);
  assert.equal(stop.body.reason, 'exception');
  assert.match(stop.body.description!, /^Data Abort from a lower EL taken to EL2, ESR 0x9[0-9a-f]+, IPA 0x9000018$/);
  await dc.setExceptionBreakpointsRequest({ filters: [] });
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('terminated')]);
  assert.ok(records.length > 20);
  const mmio = records.filter((r) => r.device !== undefined);
  assert.ok(mmio.length > 20 && mmio.every((r) => r.device === 'pl011'));
  assert.ok(mmio.some((r) => r.direction === 'write') && mmio.some((r) => r.direction === 'read'));
}, { program: join(repoRoot(), 'examples/hello/hello.elf'), hypervisor: 'builtin' }));

test('--server=PORT serves a session to a DAP client over TCP', async () => {
  const proc = spawn(process.execPath, [builtFile('adapter.js'), '--server=0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve) => {
      proc.stdout.on('data', (d: Buffer) => {
        const m = /listening on 127\.0\.0\.1:([0-9]+)/.exec(d.toString());
        if (m) resolve(Number(m[1]));
      });
    });
    const dc = new DebugClient('unused', 'unused', 'trapdoor');
    await dc.start(port);
    await Promise.all([dc.configurationSequence(), dc.launch({ program: program(), stopOnEntry: true } as never), dc.waitForEvent('stopped')]);
    assert.equal((await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0].name, 'EL1 · _start');
    await dc.stop();
  } finally {
    proc.kill();
  }
});

test('"program" may be a .S file: the built-in assembler builds it, with line information for source breakpoints', () => withClient(async (dc) => {
  const line = lineOf(/^\tbl\tcount/);
  const set = await dc.setBreakpointsRequest({ source: { path: SOURCE }, breakpoints: [{ line }] });
  assert.equal(set.body.breakpoints[0].verified, true);
  await cont(dc);
  const frame = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0];
  assert.equal(frame.source?.path, SOURCE);
  assert.equal(frame.line, line);
}, { program: SOURCE }));

test('a .S program that does not assemble is a launch error with GNU as\'s messages', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-bad-'));
  const bad = join(dir, 'bad.S');
  writeFileSync(bad, '\t.text\n_start:\n\tmovz x0\n');
  const dc = new DebugClient(process.execPath, builtFile('adapter.js'), 'trapdoor');
  await dc.start();
  try {
    await assert.rejects(dc.launch({ program: bad } as never), /"program": .*bad\.S does not assemble:\n.*bad\.S:3: Error: /);
  } finally {
    await dc.stop();
  }
});
