// The adapter's exception-level views over DAP: vCPU threads, a vector-entry breakpoint that follows VBAR_EL2 to
// the first stage-2 MMIO exit, ESR_EL2 decoded in Variables, the EL chain in the stack, exception filters, UART
// input and output through the Debug Console, and launch configurations with a wrong field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { builtFile } from '../support/cross';
import { buildGuest, VIRT_GUESTS } from '../support/virtGuests';

const guest = (name: string) => buildGuest(VIRT_GUESTS.find((g) => g.name === name)!);

async function withClient(fn: (dc: DebugClient) => Promise<void>): Promise<void> {
  const dc = new DebugClient(process.execPath, builtFile('adapter.js'), 'trapdoor');
  await dc.start();
  try {
    await fn(dc);
  } finally {
    await dc.stop();
  }
}

async function launch(dc: DebugClient, config: Record<string, unknown>): Promise<void> {
  await Promise.all([dc.configurationSequence(), dc.launch(config as never), dc.waitForEvent('stopped')]);
}

async function variables(dc: DebugClient, ref: number): Promise<Map<string, DebugProtocol.Variable>> {
  const r = await dc.variablesRequest({ variablesReference: ref });
  return new Map(r.body.variables.map((v) => [v.name, v]));
}

test('a 2-CPU guest: both powered vCPUs are threads with their MPIDR; the stop names the vCPU', () => withClient(async (dc) => {
  await launch(dc, { program: guest('virt-smp-el1'), cpus: 2, gic: 2, stopOnEntry: true });
  let threads = (await dc.threadsRequest()).body.threads;
  assert.deepEqual(threads.map((t) => t.id), [1]);
  assert.equal(threads[0].name, 'vCPU 0 (MPIDR 0x80000000)');
  await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'secondary' }] });
  const [, stop] = await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
  assert.equal(stop.body.reason, 'function breakpoint');
  assert.equal(stop.body.threadId, 2);
  threads = (await dc.threadsRequest()).body.threads;
  assert.deepEqual(threads.map((t) => t.name), ['vCPU 0 (MPIDR 0x80000000)', 'vCPU 1 (MPIDR 0x80000001)']);
  const st = await dc.stackTraceRequest({ threadId: 2 });
  assert.match(st.body.stackFrames[0].name, /^EL1 · secondary$/);
  const other = await dc.stackTraceRequest({ threadId: 1 });
  assert.match(other.body.stackFrames[0].name, /^EL1 · /);
}));

test('vector:el2:lower64:sync stops at VBAR_EL2+0x400 on the first stage-2 MMIO exit; ESR_EL2 and the EL chain', () => withClient(async (dc) => {
  const output: string[] = [];
  dc.on('output', (e: DebugProtocol.OutputEvent) => { output.push(e.body.output); });
  await launch(dc, { program: guest('virt-hyp'), entryEl: 2, gic: 3, stopOnEntry: true });
  // Set before the guest writes VBAR_EL2: the breakpoint follows the write.
  const set = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'vector:el2:lower64:sync' }] });
  assert.equal(set.body.breakpoints[0].verified, true);
  const [, stop] = await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
  assert.equal(stop.body.reason, 'function breakpoint');
  assert.match(output.join(''), /guest at EL1\n$/);

  const allScopes = (await dc.scopesRequest({ frameId: 0 })).body.scopes;
  assert.deepEqual(allScopes.map((s) => s.name), ['Stage-2 fault', 'General registers', 'System registers', 'FP/SIMD registers']);
  // The stage-2 fault that brought EL2 here: the guest's address at each stage, and the walk that stopped.
  const fault = await variables(dc, allScopes[0].variablesReference);
  assert.equal(fault.get('VA')!.value, '0x40601000');
  assert.equal(fault.get('IPA')!.value, '0x40601000');
  assert.equal(fault.get('access')!.value, 'read');
  assert.equal(fault.get('fault')!.value, 'translation fault, stage 2, level 3');
  const s2walk = await variables(dc, fault.get('stage-2 walk')!.variablesReference);
  assert.ok(s2walk.size >= 2);
  const scopes = allScopes.slice(1);
  const general = await variables(dc, scopes[0].variablesReference);
  assert.match(general.get('pstate')!.value, /\(EL2h DAIF nzcv\)$/);
  const groups = await variables(dc, scopes[1].variablesReference);
  assert.ok(['EL1', 'EL2', 'Timer', 'GIC'].every((g) => groups.has(g)));
  assert.ok(!groups.has('EL3'));
  const el2 = await variables(dc, groups.get('EL2')!.variablesReference);
  const vbar = BigInt(el2.get('VBAR_EL2')!.value);
  const esr = el2.get('ESR_EL2')!;
  assert.match(esr.value, /^0x0000000093030007 \(EC 0x24 Data Abort from a lower Exception level\)$/);
  const fields = await variables(dc, esr.variablesReference);
  assert.equal(fields.get('EC')!.value, '0x24 Data Abort from a lower Exception level');
  assert.equal(fields.get('ISV')!.value.split(' ')[0], '1');
  assert.equal(fields.get('SRT')!.value, '0x3');
  assert.equal(fields.get('WnR')!.value.split(' ')[0], '0');
  assert.match(fields.get('DFSC')!.value, /^0x7 Translation fault, level 3$/);

  const frames = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames;
  assert.equal(frames[0].instructionPointerReference, `0x${(vbar + 0x400n).toString(16)}`);
  assert.match(frames[0].name, /^EL2 · vectors_el2\+0x400$/);
  assert.equal(frames[1].name, 'EL1 · Data Abort from EL1');
  assert.equal(frames[1].instructionPointerReference, el2.get('ELR_EL2')!.value.replace(/^0x0*/, '0x'));
  assert.equal(frames.length, 2);
  // The EL1 frame shows what the exception entry recorded about it: ELR_EL2, SPSR_EL2 decoded, ESR_EL2, FAR_EL2...
  const entryScope = (await dc.scopesRequest({ frameId: frames[1].id })).body.scopes[0];
  assert.equal(entryScope.name, 'Exception taken to EL2');
  const entry = await variables(dc, entryScope.variablesReference);
  assert.deepEqual([...entry.keys()], ['ELR_EL2', 'SPSR_EL2', 'ESR_EL2', 'FAR_EL2', 'HPFAR_EL2']);
  assert.match(entry.get('SPSR_EL2')!.value, /\(EL1h DAIF [nzcvNZCV]{4}\)$/);
  assert.equal(entry.get('FAR_EL2')!.value, '0x0000000040601000');

  // setVariable: a general register, and a field of a system register.
  const set1 = await dc.setVariableRequest({ variablesReference: scopes[0].variablesReference, name: 'x5', value: '0x1234' });
  assert.equal(set1.body.value, '0x0000000000001234');
  const set2 = await dc.setVariableRequest({ variablesReference: esr.variablesReference, name: 'SRT', value: '7' });
  assert.equal(set2.body.value, '0x7');
  const again = await variables(dc, (await variables(dc, (await variables(dc, scopes[1].variablesReference)).get('EL2')!.variablesReference)).get('ESR_EL2')!.variablesReference);
  assert.equal(again.get('SRT')!.value, '0x7');
}));

test('the "EL2" exception filter stops where the exception is taken, with its description', () => withClient(async (dc) => {
  await launch(dc, { program: guest('virt-hyp'), entryEl: 2, gic: 3, stopOnEntry: true });
  await dc.setExceptionBreakpointsRequest({ filters: ['el2'] });
  const [, stop] = await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
  assert.equal(stop.body.reason, 'exception');
  assert.equal(stop.body.description, 'Data Abort from a lower EL taken to EL2, ESR 0x93030007, IPA 0x40601000');
  const frames = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames;
  assert.match(frames[0].name, /^EL2 · vectors_el2\+0x400$/);
  await dc.setExceptionBreakpointsRequest({ filters: ['eret'] });
  const [, ret] = await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
  assert.match(ret.body.description, /^ERET to EL1h /);
}));

test('each wrong launch field gets an error that names it', () => withClient(async (dc) => {
  const program = guest('virt-hyp');
  const cases: [Record<string, unknown>, RegExp][] = [
    [{}, /"program" must be/],
    [{ program, entryEl: 4 }, /"entryEl" must be 1, 2 or 3/],
    [{ program, hypervisor: 42 }, /"hypervisor" must be "builtin", "none" or the path of your hypervisor's ELF/],
    [{ program, hypervisor: 'kvm.elf' }, /"hypervisor": cannot read kvm.elf/],
    [{ program, hypervisor: program, entryEl: 1 }, /"entryEl" must be 2 or 3 when "hypervisor" is your own/],
    [{ program, symbols: [{ offset: 1 }] }, /"symbols" must be a list of ELF files/],
    [{ program, hypervisor: 'builtin', entryEl: 2 }, /"entryEl" must be 1 with "hypervisor": "builtin"/],
    [{ program, cpus: 0 }, /"cpus" must be a whole number from 1 to 8 with GICv2/],
    [{ program, gic: 4 }, /"gic" must be 2 or 3/],
    [{ program, memory: '12X' }, /"memory" must be a size/],
    [{ program, dtb: 5 }, /"dtb" must be the path/],
    [{ program, dtb: '/nonexistent.dtb' }, /"dtb": cannot read/],
    [{ program, bootargs: ['a'] }, /"bootargs" must be a string/],
    [{ program, stopOnEntry: 'yes' }, /"stopOnEntry" must be true or false/],
    [{ program, maskInterruptsWhileStepping: 1 }, /"maskInterruptsWhileStepping" must be true or false/],
    [{ program: '/nonexistent.elf' }, /"program": cannot read/],
  ];
  for (const [config, error] of cases) await assert.rejects(dc.launch(config as never), error);
}));

test('UART output reaches the Debug Console; ">text" typed there reaches the UART', () => withClient(async (dc) => {
  let output = '';
  const seen = (text: string) => new Promise<void>((done) => {
    const check = (e?: DebugProtocol.OutputEvent) => {
      if (e) output += e.body.output;
      if (output.includes(text)) { dc.removeListener('output', check); done(); }
    };
    dc.on('output', check);
    check();
  });
  await launch(dc, { program: guest('virt-uart-gicv3'), gic: 3, stopOnEntry: true });
  // Typed while stopped, so that the guest's polling (which gives up after a while) finds it deterministically.
  await dc.evaluateRequest({ expression: '>ABCDEFG', context: 'repl' });
  await dc.customRequest('uartInput', { text: 'ijklmnop' });
  await dc.continueRequest({ threadId: 1 });
  await seen('first IRQ INTID');
  assert.match(output, /^hello from EL1 through the PL011\n/);
  assert.match(output, /poll: ABCDEFG\n\nirq: ijklmnop\n/);
}));
