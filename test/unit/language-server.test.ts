// The bundled language server over stdio: initialize, then hover and completion on an assembly document,
// answered from the instruction table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

function server(): string {
  for (let d = __dirname; d !== dirname(d); d = dirname(d)) if (existsSync(join(d, 'server.js'))) return join(d, 'server.js');
  throw new Error('server.js not built');
}

test('hover shows a mnemonic\'s encodings and aliases; completion lists mnemonics', async () => {
  const proc = spawn(process.execPath, [server(), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.listen();
  try {
    const init = await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }) as { capabilities: { hoverProvider: boolean } };
    assert.equal(init.capabilities.hoverProvider, true);
    await conn.sendNotification('initialized', {});
    const uri = 'file:///guest.S';
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'aarch64-asm', version: 1, text: '_start:\n\tmov x0, #1\n\tcsel x1, x2, x3, eq\n' },
    });
    const hover = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } }) as { contents: { value: string } };
    assert.match(hover.contents.value, /\*\*csel\*\*/);
    assert.match(hover.contents.value, /CSEL_condsel/);
    const mov = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } }) as { contents: { value: string } };
    assert.match(mov.contents.value, /alias\) of: .*`movz`/);
    const items = await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 1 } }) as { label: string }[];
    const labels = new Set(items.map((i) => i.label));
    for (const m of ['add', 'ldr', 'fmla', 'eret', 'b.cond', 'cset']) assert.ok(labels.has(m), m);
  } finally {
    conn.dispose();
    proc.kill();
  }
});
