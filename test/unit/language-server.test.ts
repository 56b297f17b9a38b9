// The bundled language server over stdio, on the fixture workspace test/fixtures/lsp (boot.S includes
// platform.h with #include, macros.inc and lib/uart.inc with .include, and calls into lib/console.S): hover,
// completion, definition and references across the includes, document symbols, the assembler's diagnostics.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { repoRoot } from '../support/cross';

function server(): string {
  for (let d = __dirname; d !== dirname(d); d = dirname(d)) if (existsSync(join(d, 'server.js'))) return join(d, 'server.js');
  throw new Error('server.js not built');
}

const fixtures = join(repoRoot(), 'test/fixtures/lsp');
const uriOf = (name: string) => pathToFileURL(join(fixtures, name)).href;
const boot = uriOf('boot.S');
const bootLines = readFileSync(join(fixtures, 'boot.S'), 'utf8').split('\n');

/** The position of the `nth` occurrence of `text` in boot.S (plus `offset` characters). */
function at(text: string, nth = 0, offset = 1): { line: number; character: number } {
  let seen = 0;
  for (let line = 0; line < bootLines.length; line++) {
    for (let i = bootLines[line].indexOf(text); i >= 0; i = bootLines[line].indexOf(text, i + 1)) {
      if (seen++ === nth) return { line, character: i + offset };
    }
  }
  throw new Error(`${text} not in boot.S`);
}

interface Location { uri: string; range: { start: { line: number; character: number } } }
interface Symbol { name: string; kind: number; children?: Symbol[] }

let proc: ChildProcess;
let conn: MessageConnection;
const published = new Map<string, ((d: Diagnostic[]) => void)[]>();
/** The next diagnostics the server publishes for a document. */
const nextDiagnostics = (uri: string) => new Promise<Diagnostic[]>((resolve) => published.set(uri, [...(published.get(uri) ?? []), resolve]));

interface Diagnostic { range: { start: { line: number; character: number } }; severity: number; message: string }
let bootDiagnostics: Promise<Diagnostic[]>;
const request = <T>(method: string, position: { line: number; character: number }, extra: object = {}) =>
  conn.sendRequest(method, { textDocument: { uri: boot }, position, ...extra }) as Promise<T>;

before(async () => {
  proc = spawn(process.execPath, [server(), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onNotification('textDocument/publishDiagnostics', ({ uri, diagnostics }: { uri: string; diagnostics: Diagnostic[] }) => {
    const waiting = published.get(uri) ?? [];
    published.delete(uri);
    waiting.forEach((w) => w(diagnostics));
  });
  conn.listen();
  const init = await conn.sendRequest('initialize', {
    processId: process.pid, rootUri: pathToFileURL(fixtures).href, capabilities: {},
  }) as { capabilities: Record<string, unknown> };
  for (const c of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider']) assert.equal(init.capabilities[c], true, c);
  await conn.sendNotification('initialized', {});
  bootDiagnostics = nextDiagnostics(boot);
  await conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: boot, languageId: 'aarch64-asm', version: 1, text: bootLines.join('\n') },
  });
});

after(() => {
  conn.dispose();
  proc.kill();
});

test('hover on a mnemonic: meaning, examples from the disassembler, encodings and aliases', async () => {
  const csel = await request<{ contents: { value: string } }>('textDocument/hover', at('csel'));
  assert.match(csel.contents.value, /^\*\*csel\*\* — Conditional select/);
  assert.match(csel.contents.value, /csel x0, x2, x3, eq/);
  assert.match(csel.contents.value, /`CSEL_condsel` — Conditional select/);
  const mov = await request<{ contents: { value: string } }>('textDocument/hover', at('mov'));
  assert.match(mov.contents.value, /alias\) of: .*`movz`/);
  const bne = await request<{ contents: { value: string } }>('textDocument/hover', at('b.ne', 0, 2));
  assert.match(bne.contents.value, /\*\*b\.cond\*\* — Branch if the condition holds/);
  assert.match(bne.contents.value, /`ne`: Not equal \(Z == 0\)/);
  const eq = await request<{ contents: { value: string } }>('textDocument/hover', at(', eq', 0, 3));
  assert.equal(eq.contents.value, 'condition **eq** — Equal (Z == 1)');
});

test('hover on a system register: fields with bit ranges, access, owning EL', async () => {
  const esr = await request<{ contents: { value: string } }>('textDocument/hover', at('ESR_EL2', 0, 3));
  const text = esr.contents.value;
  assert.match(text, /\*\*ESR_EL2\*\*/);
  assert.match(text, /Encoding: `S3_4_C5_C2_0`/);
  assert.match(text, /Access: read\/write/);
  assert.match(text, /Owning EL: EL2/);
  assert.match(text, /\| \[31:26\] \| EC \| Exception Class/);
  assert.match(text, /\| \[6\] \| WnR \|/);
});

test('hover on a directive and on a name defined in an included file', async () => {
  const equ = await request<{ contents: { value: string } }>('textDocument/hover', at('.equ'));
  assert.match(equ.contents.value, /\*\*\.equ\*\* — Define a symbol's value/);
  const uart = await request<{ contents: { value: string } }>('textDocument/hover', at('UART_BASE'));
  assert.match(uart.contents.value, /#define \*\*UART_BASE\*\* \(platform\.h:2\) = `0x09000000`/);
});

test('completion: mnemonics and macros first in a statement, system registers after mrs, labels in operands', async () => {
  const labels = async (position: { line: number; character: number }) =>
    new Set((await request<{ label: string }[]>('textDocument/completion', position)).map((i) => i.label));
  const head = await labels(at('cmp', 0, 0));
  for (const m of ['add', 'ldaddal', 'fmla', 'eret', 'b.eq', 'cset', 'save_context', '.macro']) assert.ok(head.has(m), m);
  const sysregs = await labels(at('CurrentEL', 0, 0));
  for (const r of ['currentel', 'esr_el2', 'hcr_el2', 'vbar_el1']) assert.ok(sysregs.has(r), r);
  assert.ok(!sysregs.has('x0'));
  const operands = await labels(at('b\tmain_loop', 0, 2));
  for (const l of ['main_loop', '_start', 'STACK_TOP', 'UART_BASE', 'x0', 'wzr']) assert.ok(operands.has(l), l);
  assert.ok(!operands.has('eq'), 'conditions only for instructions that take one');
  assert.ok((await labels(at(', eq', 0, 2))).has('eq'));
  assert.equal((await labels({ line: 0, character: 10 })).size, 0, 'nothing in a comment');
  // Typing `,` or ` ` opens the list by itself only where the choice is a closed set.
  const typed = (position: { line: number; character: number }, triggerCharacter: string) =>
    request<{ label: string }[]>('textDocument/completion', position, { context: { triggerKind: 2, triggerCharacter } });
  assert.ok((await typed(at('CurrentEL', 0, -1), ',')).some((i) => i.label === 'currentel'));
  assert.equal((await typed(at('b\tmain_loop', 0, 2), '\t')).length, 0);
});

test('go to definition across #include and .include, and of a local label', async () => {
  const def = (p: { line: number; character: number }) => request<Location[]>('textDocument/definition', p);
  const [macro] = await def(at('save_context'));
  assert.equal(macro.uri, uriOf('macros.inc'));
  assert.equal(macro.range.start.line, 1);
  const [define] = await def(at('UART_BASE'));
  assert.equal(define.uri, uriOf('platform.h'));
  assert.equal(define.range.start.line, 1);
  const [label] = await def(at('main_loop'));
  assert.deepEqual([label.uri, label.range.start.line], [boot, at('main_loop:').line]);
  const [equ] = await def(at('UART_DR'));
  assert.deepEqual([equ.uri, equ.range.start.line], [uriOf('lib/uart.inc'), 1], 'an include found by its name in the workspace');
  const [linked] = await def(at('console_init'));
  assert.deepEqual([linked.uri, linked.range.start.line], [uriOf('lib/console.S'), 2], 'a label of another object');
  const [local] = await def(at('1f'));
  assert.deepEqual([local.uri, local.range.start.line], [boot, at('1:').line]);
});

test('references of a label, and of a macro from the file that defines it', async () => {
  const refs = await request<Location[]>('textDocument/references', at('main_loop'), { context: { includeDeclaration: true } });
  assert.deepEqual(refs.map((r) => r.range.start.line).sort((a, b) => a - b),
    [at('main_loop').line, at('main_loop:').line, at('b\tmain_loop').line]);
  const fromHeader = await conn.sendRequest('textDocument/references', {
    textDocument: { uri: uriOf('macros.inc') }, position: { line: 1, character: 10 }, context: { includeDeclaration: false },
  }) as Location[];
  assert.deepEqual(fromHeader.map((r) => [r.uri, r.range.start.line]), [[boot, at('save_context').line]]);
});

test('document symbols: sections with their labels and symbols', async () => {
  const symbols = await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: boot } }) as Symbol[];
  const outline = symbols.map((s) => `${s.name}(${(s.children ?? []).map((c) => c.name).join(',')})`);
  assert.deepEqual(outline, ['.text.boot(_start,STACK_TOP)', '.text(main_loop)']);
});

test('diagnostics from the built-in assembler: none on the fixture, errors where an instruction is wrong, undefined symbols', async () => {
  assert.deepEqual(await bootDiagnostics, []);
  const bad = uriOf('bad.S');
  const diagnostics = nextDiagnostics(bad);
  await conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: bad, languageId: 'aarch64-asm', version: 1, text: '_start:\n\tmov x0, #1\n\tadd x0, x1\n\tbl nowhere\n' },
  });
  const [error, ...rest] = await diagnostics;
  assert.equal(error.severity, 1);
  assert.equal(error.range.start.line, 2);
  assert.match(error.message, /operand/);
  assert.deepEqual(rest, []);
  // Once it assembles, a symbol no file defines is a warning where it is used.
  const linked = nextDiagnostics(bad);
  await conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: bad, version: 2 }, contentChanges: [{ text: '_start:\n\tmov x0, #1\n\tbl nowhere\n\tbl main_loop\n' }],
  });
  const [warning, ...others] = await linked;
  assert.deepEqual([warning.severity, warning.range.start], [2, { line: 2, character: 4 }]);
  assert.match(warning.message, /undefined reference to `nowhere'/);
  assert.deepEqual(others, [], 'main_loop is defined by boot.S, another file of the workspace');
  // An error in an included file is shown on the include.
  const included = nextDiagnostics(bad);
  await conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: bad, version: 3 }, contentChanges: [{ text: '_start:\n\t.include "broken.inc"\n' }],
  });
  const [inInclude] = await included;
  assert.equal(inInclude.range.start.line, 1);
  assert.match(inInclude.message, /^broken\.inc:3: .*sub x0, ?x1/);
});
