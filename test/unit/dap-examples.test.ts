// The debugger on the example guests over DAP: step in on a guest's HVC lands on the user hypervisor's vector and step
// out returns to EL1 after it (mini hypervisor); C source breakpoints, frame-pointer frames and stepping by line, and
// stepping with interrupts masked (C guest); a user hypervisor ELF given as `hypervisor` with `program` as its guest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { builtFile, repoRoot } from '../support/cross';

const example = (path: string) => join(repoRoot(), 'examples', path);
const lineOf = (file: string, re: RegExp) => readFileSync(file, 'utf8').split('\n').findIndex((l) => re.test(l)) + 1;

async function withClient(config: Record<string, unknown>, fn: (dc: DebugClient) => Promise<void>): Promise<void> {
  const dc = new DebugClient(process.execPath, builtFile('adapter.js'), 'trapdoor');
  await dc.start();
  try {
    await Promise.all([dc.configurationSequence(), dc.launch({ stopOnEntry: true, ...config } as never), dc.waitForEvent('stopped')]);
    await fn(dc);
  } finally {
    await dc.stop();
  }
}

async function request(dc: DebugClient, send: () => Promise<unknown>): Promise<DebugProtocol.StoppedEvent> {
  const [, stop] = await Promise.all([send(), dc.waitForEvent('stopped')]);
  return stop as DebugProtocol.StoppedEvent;
}

const top = async (dc: DebugClient) => (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames;
const value = async (dc: DebugClient, e: string) => (await dc.evaluateRequest({ expression: e, context: 'watch' })).body.result;

test('mini hypervisor: step in on the guest\'s HVC lands on VBAR_EL2 + 0x400; step out returns to EL1 after the HVC', () =>
  withClient({ program: example('mini-hypervisor/mini-hypervisor.elf'), entryEl: 2, gic: 3 }, async (dc) => {
    const guest = example('mini-hypervisor/guest.S');
    const line = lineOf(guest, /hvc\s+#0\s+\/\/ a call/);
    await dc.setBreakpointsRequest({ source: { path: guest }, breakpoints: [{ line }] });
    await request(dc, () => dc.continueRequest({ threadId: 1 }));
    let frames = await top(dc);
    assert.equal(frames[0].line, line);
    assert.match(frames[0].name, /^EL1 · guest_entry\+0x[0-9a-f]+$/);
    const hvc = BigInt(frames[0].instructionPointerReference!);

    await request(dc, () => dc.stepInRequest({ threadId: 1 }));
    frames = await top(dc);
    const vbar = BigInt((await value(dc, 'VBAR_EL2')).split(' ')[0]);
    assert.equal(BigInt(frames[0].instructionPointerReference!), vbar + 0x400n);
    assert.match(frames[0].name, /^EL2 · /);
    assert.equal(frames[frames.length - 1].name, 'EL1 · HVC in AArch64 state from EL1');
    assert.equal(BigInt(frames[frames.length - 1].instructionPointerReference!), hvc + 4n);

    await request(dc, () => dc.stepOutRequest({ threadId: 1 }));
    frames = await top(dc);
    assert.equal(BigInt(frames[0].instructionPointerReference!), hvc + 4n);
    assert.equal(frames[0].line, line + 1);
    assert.equal(await value(dc, 'el'), '0x1 (1)');
    assert.equal(await value(dc, 'x0'), '0x2 (2)');
  }));

test('C guest: a source breakpoint in kernel.c, its callers by frame pointers, and next by line', () =>
  withClient({ program: example('c-guest/c-guest.elf'), hypervisor: 'builtin', gic: 3 }, async (dc) => {
    const kernel = example('c-guest/kernel.c');
    const init = lineOf(kernel, /^\s+uart_init\(\);/);
    await dc.setBreakpointsRequest({ source: { path: kernel }, breakpoints: [{ line: init }] });
    await request(dc, () => dc.continueRequest({ threadId: 1 }));
    let frames = await top(dc);
    assert.equal(frames[0].source?.path, kernel);
    assert.equal(frames[0].line, init);
    assert.match(frames[0].name, /^EL1 · kernel_main/);
    // next by statement runs the whole call and stops on the following line.
    const newline = lineOf(kernel, /uart_putdec\(\(read_sysreg\(CurrentEL\)/) + 1;
    await dc.setBreakpointsRequest({ source: { path: kernel }, breakpoints: [{ line: newline }] });
    await request(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.equal((await top(dc))[0].line, newline);
    await request(dc, () => dc.nextRequest({ threadId: 1 }));
    frames = await top(dc);
    assert.equal(frames[0].line, newline + 1);
    assert.match(frames[0].name, /^EL1 · kernel_main/);

    const tick = lineOf(kernel, /uart_puts\("tick "\);/);
    await dc.setBreakpointsRequest({ source: { path: kernel }, breakpoints: [{ line: tick }] });
    await request(dc, () => dc.continueRequest({ threadId: 1 }));
    frames = await top(dc);
    assert.equal(frames[0].line, tick);
    assert.match(frames[0].name, /^EL1 · irq_exception\+0x[0-9a-f]+$/);
    // The caller is the vector code's BLR in start.S, shown at the call's line.
    assert.equal(frames[1].source?.path, example('c-guest/start.S'));
    assert.match(frames[1].name, /^EL1 · call_handler\+0x[0-9a-f]+$/);
    // step out returns to that caller, though X30 has since pointed elsewhere (irq_exception made calls).
    const caller = frames[1].instructionPointerReference;
    await dc.setBreakpointsRequest({ source: { path: kernel }, breakpoints: [] });
    await request(dc, () => dc.stepOutRequest({ threadId: 1 }));
    frames = await top(dc);
    assert.equal(BigInt(frames[0].instructionPointerReference!), BigInt(caller!));
    assert.match(frames[0].name, /^EL1 · call_handler\+0x[0-9a-f]+$/);
  }));

test('C guest: code the compiler inlined has frames of its own; next steps through it by its lines', () =>
  withClient({ program: example('c-guest/c-guest.elf'), hypervisor: 'builtin', gic: 3 }, async (dc) => {
    const kernel = example('c-guest/kernel.c');
    // uart_init() is static and inlined into kernel_main at -O1: its line 48 is one of kernel_main's addresses.
    const line = lineOf(kernel, /mmio_write32\(UART_BASE \+ UARTIBRD, 13\)/);
    await dc.setBreakpointsRequest({ source: { path: kernel }, breakpoints: [{ line }] });
    await request(dc, () => dc.continueRequest({ threadId: 1 }));
    let frames = await top(dc);
    assert.deepEqual(frames.slice(0, 2).map((f) => [f.name.replace(/\+0x[0-9a-f]+$/, ''), f.line]),
      [['EL1 · uart_init (inlined)', line], ['EL1 · kernel_main', lineOf(kernel, /^\s+uart_init\(\);/)]]);
    assert.equal(frames[0].instructionPointerReference, frames[1].instructionPointerReference);
    await dc.setBreakpointsRequest({ source: { path: kernel }, breakpoints: [] });
    await request(dc, () => dc.nextRequest({ threadId: 1 }));
    frames = await top(dc);
    assert.equal(frames[0].name, 'EL1 · uart_init (inlined)');
    assert.equal(frames[0].line, line + 1);
  }));

test('maskInterruptsWhileStepping: stepping over the WFI loop never enters the IRQ vector', () =>
  withClient({ program: example('c-guest/c-guest.elf'), hypervisor: 'builtin', gic: 3, maskInterruptsWhileStepping: true }, async (dc) => {
    const kernel = example('c-guest/kernel.c');
    await dc.setBreakpointsRequest({ source: { path: kernel }, breakpoints: [{ line: lineOf(kernel, /while \(ticks < TICKS\)/) }] });
    await request(dc, () => dc.continueRequest({ threadId: 1 }));
    await dc.setBreakpointsRequest({ source: { path: kernel }, breakpoints: [] });
    for (let i = 0; i < 12; i++) {
      await request(dc, () => dc.stepInRequest({ threadId: 1, granularity: 'instruction' }));
      assert.match((await top(dc))[0].name, /^EL1 · kernel_main\+/);
    }
  }));

test('a user hypervisor ELF as "hypervisor", with "program" loaded beside it by its program headers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-hypguest-'));
  execFileSync('aarch64-linux-gnu-as', ['-g', '-o', join(dir, 'g.o'), join(repoRoot(), 'test/guests/dap-program.S')]);
  execFileSync('aarch64-linux-gnu-ld', ['-Ttext=0x44000000', '-z', 'max-page-size=4096', '-o', join(dir, 'g.elf'), join(dir, 'g.o')]);
  const text = execFileSync('aarch64-linux-gnu-objdump', ['-d', '--start-address=0x44000000', '--stop-address=0x44000004', join(dir, 'g.elf')], { encoding: 'utf8' });
  const first = /44000000:\s+([0-9a-f]{8})/.exec(text)![1];
  return withClient({ hypervisor: example('mini-hypervisor/mini-hypervisor.elf'), program: join(dir, 'g.elf'), gic: 3 }, async (dc) => {
    assert.match((await top(dc))[0].name, /^EL2 · /);
    assert.equal((await value(dc, '*(u32*)pa:0x44000000')).split(' ')[0], `0x${first.replace(/^0+/, '')}`);
    // Both programs' symbols are known: the hypervisor's guest entry and the program's functions.
    assert.match(await value(dc, 'guest_entry'), /^0x402000[0-9a-f]{2} /);
    assert.match(await value(dc, 'count'), /^0x44000054 /);
  });
});
