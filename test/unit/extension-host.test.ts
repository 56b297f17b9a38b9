// The extension's host side against a stand-in `vscode` module: the trap panel's batching, backfill, row opening and
// export; the stage-2 inspector's Translate Address command; register pages; the debug configuration provider.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrapRecordView } from '../../src/extension/contract';

/** Calls the stand-in records, and the answers the test gives to dialogs and requests. */
const calls: { name: string; args: unknown[] }[] = [];
const answers: Record<string, unknown[]> = {};
const answer = (name: string): unknown => answers[name]?.shift();
const record = (name: string) => (...args: unknown[]): unknown => { calls.push({ name, args }); return answer(name); };
const called = (name: string) => calls.filter((c) => c.name === name);

class Uri {
  constructor(readonly scheme: string, readonly path: string) {}
  static file(p: string): Uri { return new Uri('file', p); }
  static joinPath(u: Uri, ...parts: string[]): Uri { return new Uri(u.scheme, join(u.path, ...parts)); }
  static from(c: { scheme: string; path: string }): Uri { return new Uri(c.scheme, c.path); }
  get fsPath(): string { return this.path; }
  toString(): string { return `${this.scheme}://${this.path}`; }
}
class Range { constructor(readonly startLine: number, readonly startCharacter: number, readonly endLine: number, readonly endCharacter: number) {} }
class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (f: (e: T) => void) => { this.listeners.push(f); return { dispose() {} }; };
  fire(e: T): void { for (const f of this.listeners) f(e); }
  dispose(): void { this.listeners = []; }
}
class TabInputText { constructor(readonly uri: Uri) {} }
class TabInputCustom { constructor(readonly uri: Uri) {} }

let lastPanel: ReturnType<typeof webviewHolder> | undefined;
const fake = {
  Uri, Range, EventEmitter, TabInputText, TabInputCustom,
  ViewColumn: { One: 1, Beside: -2 },
  window: {
    activeTab: undefined as unknown,
    get tabGroups() { return { activeTabGroup: { activeTab: fake.window.activeTab } }; },
    activeTextEditor: undefined,
    showErrorMessage: record('showErrorMessage'),
    showWarningMessage: record('showWarningMessage'),
    showInformationMessage: record('showInformationMessage'),
    setStatusBarMessage: record('setStatusBarMessage'),
    showSaveDialog: record('showSaveDialog'),
    showTextDocument: record('showTextDocument'),
    showInputBox: record('showInputBox'),
    showQuickPick: (items: { label: string }[], options: unknown) => {
      calls.push({ name: 'showQuickPick', args: [items, options] });
      const label = answer('showQuickPick');
      return items.find((i) => i.label === label);
    },
    createWebviewPanel: (...args: unknown[]) => { calls.push({ name: 'createWebviewPanel', args }); lastPanel = webviewHolder(); return lastPanel; },
  },
  workspace: {
    workspaceFolders: [{ uri: Uri.file('/ws') }],
    fs: { writeFile: record('writeFile') },
    openTextDocument: record('openTextDocument'),
  },
  debug: { activeDebugSession: undefined as unknown },
  commands: { executeCommand: record('executeCommand') },
};

/** A webview view or panel: what the page would post back goes through `receive`. */
function webviewHolder() {
  const posted: unknown[] = [];
  let receive: (m: unknown) => void = () => {};
  const webview = {
    options: {} as { localResourceRoots?: Uri[] }, html: '', cspSource: 'vscode-resource:',
    asWebviewUri: (u: Uri) => u,
    postMessage: (m: unknown) => { posted.push(m); return Promise.resolve(true); },
    onDidReceiveMessage: (f: (m: unknown) => void) => { receive = f; },
  };
  return { webview, posted, receive: (m: unknown) => receive(m), onDidDispose: () => {}, reveal: record('reveal') };
}

// Every module below imports `vscode`: they load after the stand-in is in place.
const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown });
const original = load._load;
load._load = function (request: string, ...rest: unknown[]) { return request === 'vscode' ? fake : original.call(this, request, ...rest); };
const { TrapPanel, DisassemblyListings } = require('../../src/extension/trapPanelView') as typeof import('../../src/extension/trapPanelView');
const { Stage2Inspector } = require('../../src/extension/stage2View') as typeof import('../../src/extension/stage2View');
const { RegisterPages, registerNameFrom } = require('../../src/extension/registerPanel') as typeof import('../../src/extension/registerPanel');
const { InitialConfigurations } = require('../../src/extension/debugProvider') as typeof import('../../src/extension/debugProvider');

const rec = (seq: number, o: Partial<TrapRecordView> = {}): TrapRecordView => ({
  seq, insnCount: String(seq), vcpu: 0, pc: '0x40080010', el: 1, esr: '0x93c08006', ec: 'DataAbortLowerEl', ipa: '0x9000000',
  device: 'pl011', direction: seq % 2 ? 'read' : 'write', width: 32, register: 'w1', value: '0x41', outcome: 'emulated', ...o,
});
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => rec(from + i));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Trapdoor session whose custom requests the test answers. */
function session(handlers: Record<string, (args: Record<string, unknown>) => unknown>) {
  const requests: [string, unknown][] = [];
  return {
    type: 'trapdoor', requests,
    customRequest: async (command: string, args: Record<string, unknown>) => {
      requests.push([command, args]);
      const h = handlers[command];
      if (!h) throw new Error(`no ${command}`);
      return h(args);
    },
  };
}

test('trap panel: the CSP page from media/, records batched to the page, a gap backfilled, a new session cleared', async () => {
  calls.length = 0;
  const listings = new DisassemblyListings();
  const panel = new TrapPanel(Uri.file('/ext') as never, listings);
  const view = webviewHolder();
  panel.resolveWebviewView(view as never);
  assert.match(view.webview.html, /script-src &#39;nonce-[A-Za-z0-9+/=]{24}&#39;/);
  assert.match(view.webview.html, /src="file:\/\/\/ext\/out\/media\/trapPanel\.js"/);
  assert.deepEqual(view.webview.options.localResourceRoots?.map((u) => u.path), ['/ext/media', '/ext/out/media']);

  const s = session({ 'trapdoor/traps': (a) => ({ records: range(a.from as number, 12000) }) });
  panel.add(s as never, range(0, 3));
  panel.sessionInfo({ entryEl: 1, hypervisor: 'builtin', gic: 2, cpus: 1 });
  view.receive({ type: 'ready' });
  assert.deepEqual(view.posted, [{ type: 'session', info: { entryEl: 1, hypervisor: 'builtin', gic: 2, cpus: 1 } }, { type: 'reset', records: range(0, 3) }]);
  view.posted.length = 0;
  panel.add(s as never, range(3, 5));
  panel.add(s as never, range(5, 8));
  assert.equal(view.posted.length, 0);
  await sleep(150);
  assert.deepEqual(view.posted, [{ type: 'append', records: range(3, 8) }]);

  // Records 8..11999 missed (the panel's extension came up late): a backfill from 8, then the whole list again.
  view.posted.length = 0;
  panel.add(s as never, [rec(12000)]);
  await sleep(10);
  assert.deepEqual(s.requests, [['trapdoor/traps', { from: 8 }]]);
  assert.equal(panel.store.size, 12001);
  const sent = (view.posted as { type: string; records: TrapRecordView[] }[]).filter((m) => m.type !== 'session');
  assert.deepEqual(sent.map((m) => [m.type, m.records.length]), [['reset', 2000], ...Array(5).fill(['append', 2000]), ['append', 1]]);
  assert.deepEqual(sent.flatMap((m) => m.records.map((r) => r.seq)), range(0, 12001).map((r) => r.seq));

  view.posted.length = 0;
  panel.sessionStarted();
  assert.deepEqual(view.posted, [{ type: 'session', info: undefined }, { type: 'reset', records: [] }]);
  await sleep(150);
  assert.equal(view.posted.length, 2);
});

test('trap panel: a row opens its source line, or the disassembly at its PC; export writes the filtered rows', async () => {
  calls.length = 0;
  const listings = new DisassemblyListings();
  const panel = new TrapPanel(Uri.file('/ext') as never, listings);
  const view = webviewHolder();
  panel.resolveWebviewView(view as never);
  view.receive({ type: 'ready' });
  const s = session({
    disassemble: () => ({ instructions: [{ address: '0x4008000c', instruction: 'nop' }, { address: '0x40080010', instruction: 'str w1, [x0]', symbol: 'putc' }] }),
  });
  fake.debug.activeDebugSession = s;
  panel.add(s as never, [rec(0, { source: { path: '/src/uart.S', line: 12 } }), rec(1, { symbol: 'putc' }), rec(2, { device: 'gicd' })]);

  view.receive({ type: 'open', seq: 0 });
  await sleep(10);
  const shown = called('showTextDocument');
  assert.equal(shown.length, 1);
  assert.deepEqual(shown[0].args[0], Uri.file('/src/uart.S'));
  assert.deepEqual((shown[0].args[1] as { selection: Range }).selection, new Range(11, 0, 11, 0));

  answers.openTextDocument = [{ uri: 'doc' }];
  view.receive({ type: 'open', seq: 1 });
  await sleep(10);
  assert.deepEqual(s.requests.at(-1), ['disassemble', { memoryReference: '0x40080010', instructionOffset: -16, instructionCount: 48, resolveSymbols: true }]);
  const uri = called('openTextDocument')[0].args[0] as Uri;
  assert.equal(uri.toString(), 'trapdoor-disasm:///0x40080010.dis');
  assert.match(listings.provideTextDocumentContent(uri as never), /^\/\/ exit #1 at 0x40080010 <putc>\n\n  4008000c:\t \tnop\n\n0000000040080010 <putc>:\n=>40080010:/);
  assert.deepEqual((called('showTextDocument')[1].args[1] as { selection: Range }).selection, new Range(5, 0, 5, 0));

  answers.showSaveDialog = [Uri.file('/ws/out.csv')];
  view.receive({ type: 'export', format: 'csv', filter: { device: 'pl011', from: '', to: '', direction: 'read' } });
  await sleep(10);
  const [target, bytes] = called('writeFile')[0].args as [Uri, Buffer];
  assert.equal(target.path, '/ws/out.csv');
  const lines = Buffer.from(bytes).toString('utf8').trim().split('\r\n');
  assert.deepEqual(lines.map((l) => l.split(',')[0]), ['seq', '1']);
  view.receive({ type: 'export', format: 'jsonl', filter: { device: '', from: 'x', to: '', direction: '' } });
  await sleep(10);
  assert.match(String(called('showErrorMessage')[0].args[0]), /From must be a hex address/);
  fake.debug.activeDebugSession = undefined;
});

test('Translate Address: address, regime and access asked, the walk shown in the inspector; errors reported', async () => {
  calls.length = 0;
  const inspector = new Stage2Inspector(Uri.file('/ext') as never);
  const view = webviewHolder();
  inspector.resolveWebviewView(view as never);
  view.receive({ type: 'ready' });
  assert.deepEqual(view.posted, [{ type: 'clear' }]);
  await inspector.translateCommand();
  assert.match(String(called('showErrorMessage')[0].args[0]), /needs a running Trapdoor debug session/);

  const walk = { steps: [], pa: '0x40001000' };
  const s = session({ 'trapdoor/translate': (a) => (a.address === '0xdead' ? Promise.reject(new Error('bad address')) : { regime: 'el10', va: a.address, walk }) });
  fake.debug.activeDebugSession = s;
  answers.showInputBox = ['0x4000_1000'];
  answers.showQuickPick = ['EL1&0', 'write'];
  await inspector.translateCommand();
  assert.deepEqual(s.requests, [['trapdoor/translate', { address: '0x40001000', regime: 'el10', access: 'write' }]]);
  assert.deepEqual(view.posted.at(-1), { type: 'translation', translation: { regime: 'el10', va: '0x40001000', walk }, access: 'write' });
  const validate = (called('showInputBox')[0].args[0] as { validateInput: (v: string) => string | undefined }).validateInput;
  assert.equal(validate('0x10'), undefined);
  assert.equal(validate('x10'), 'A hex address, such as 0x40080000');

  answers.showQuickPick = ['Current', 'read'];
  await inspector.translateCommand('0xdead');
  assert.match(String(called('showErrorMessage').at(-1)!.args[0]), /cannot translate 0xdead: bad address/);

  // Faults in quick succession: the page gets the latest one.
  const count = view.posted.length;
  const fault = { vcpu: 0, va: '0x9000000' };
  inspector.showFault({ vcpu: 0, va: '0x9000008' } as never);
  inspector.showFault(fault as never);
  await sleep(150);
  assert.deepEqual(view.posted.slice(count), [{ type: 'fault', fault }]);
  inspector.sessionStarted();
  assert.deepEqual(view.posted.at(-1), { type: 'clear' });
  fake.debug.activeDebugSession = undefined;
});

test('Show System Register: names from Variables entries, the page fed from the session or the table', async () => {
  calls.length = 0;
  assert.equal(registerNameFrom({ variable: { name: 'ESR_EL2' } }), 'ESR_EL2');
  assert.equal(registerNameFrom({ variable: { name: 'EC' }, container: { name: 'esr_el2' } }), 'ESR_EL2');
  assert.equal(registerNameFrom({ variable: { name: 'x0' } }), undefined);
  assert.equal(registerNameFrom('hcr_el2'), 'HCR_EL2');

  const pages = new RegisterPages(Uri.file('/ext') as never);
  await pages.command({ variable: { name: 'x0' } });
  assert.match(String(called('showWarningMessage')[0].args[0]), /x0 is not a system register/);

  // No session: the page is built from the table when it says it is ready.
  answers.showQuickPick = ['SCTLR_EL1'];
  await pages.command();
  const picked = called('showQuickPick')[0].args[0] as { label: string }[];
  assert.ok(picked.some((i) => i.label === 'ESR_EL2'));
  assert.equal(called('createWebviewPanel')[0].args[1], 'SCTLR_EL1');
  lastPanel!.receive({ type: 'ready' });
  await sleep(10);
  const fromTable = lastPanel!.posted[0] as { info: { name: string; value?: string; fields: unknown[] }; stopped: boolean };
  assert.deepEqual([fromTable.info.name, fromTable.info.value, fromTable.stopped], ['SCTLR_EL1', undefined, false]);
  assert.ok(fromTable.info.fields.length > 10);

  const info = { name: 'ESR_EL2', description: 'd', value: '0x1', fields: [] };
  const s = session({ 'trapdoor/registerInfo': () => info });
  fake.debug.activeDebugSession = s;
  await pages.command({ variable: { name: 'ESR_EL2' } });
  const view = lastPanel!;
  view.receive({ type: 'ready' });
  await sleep(10);
  assert.deepEqual(s.requests, [['trapdoor/registerInfo', { name: 'ESR_EL2' }]]);
  assert.deepEqual(view.posted, [{ type: 'register', info, stopped: true }]);
  // The same register again: the page is revealed and read again.
  await pages.command('esr_el2');
  assert.equal(called('reveal').length, 1);
  assert.equal(view.posted.length, 2);
  fake.debug.activeDebugSession = undefined;
});

test('debug configurations: F5 without launch.json runs the active .S or .elf, else says what to open; checks name the fault', async () => {
  calls.length = 0;
  const p = new InitialConfigurations();
  assert.equal(p.provideDebugConfigurations().length, 3);
  fake.window.activeTab = { input: new TabInputCustom(Uri.file('/ws/guest.elf')) };
  assert.deepEqual(p.resolveDebugConfiguration(undefined, {} as never),
    { type: 'trapdoor', request: 'launch', name: 'Trapdoor: guest.elf', program: '/ws/guest.elf', stopOnEntry: true });
  fake.window.activeTab = { input: new TabInputText(Uri.file('/ws/notes.md')) };
  assert.equal(p.resolveDebugConfiguration(undefined, {} as never), undefined);
  assert.match(String(called('showErrorMessage')[0].args[0]), /cannot run notes\.md/);
  const given = { type: 'trapdoor', request: 'launch', name: 'mine', program: 'x' };
  assert.equal(p.resolveDebugConfiguration(undefined, given as never), given);

  const dir = mkdtempSync(join(tmpdir(), 'td-ui-host-'));
  writeFileSync(join(dir, 'guest.elf'), 'x');
  const folder = { uri: Uri.file(dir) };
  assert.deepEqual(await p.resolveDebugConfigurationWithSubstitutedVariables(folder as never, { ...given, program: 'guest.elf' } as never),
    { ...given, program: join(dir, 'guest.elf') });
  answers.showErrorMessage = ['Open launch.json'];
  assert.equal(await p.resolveDebugConfigurationWithSubstitutedVariables(folder as never, { ...given, program: 'gone.elf' } as never), null);
  assert.match(String(called('showErrorMessage').at(-1)!.args[0]), /^Trapdoor \(mine\): "program": .*gone\.elf does not exist/);
  assert.equal(await p.resolveDebugConfigurationWithSubstitutedVariables(folder as never, { ...given, gic: 4 } as never), undefined);
  fake.window.activeTab = undefined;
  rmSync(dir, { recursive: true, force: true });
});
