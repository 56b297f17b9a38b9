// The language server follows files created and deleted outside the editor (the client's file watcher): a label in a
// new file becomes a definition, and goes away with the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { builtFile } from '../support/cross';

interface Location { uri: string; range: { start: { line: number } } }

test('definitions follow workspace/didChangeWatchedFiles: created, then deleted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-lsp-watch-'));
  const main = join(dir, 'main.S');
  const text = '\t.text\n_start:\n\tbl\thelper\n\tb\t.\n';
  writeFileSync(main, text);
  const proc = spawn(process.execPath, [builtFile('server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.listen();
  try {
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    await conn.sendNotification('initialized', {});
    const uri = pathToFileURL(main).href;
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'aarch64-asm', version: 1, text } });
    const definition = async () => ((await conn.sendRequest('textDocument/definition', {
      textDocument: { uri }, position: { line: 2, character: 4 },
    })) ?? []) as Location[];
    assert.deepEqual(await definition(), []);

    const helper = join(dir, 'helper.S');
    writeFileSync(helper, '\t.text\n\t.global helper\nhelper:\n\tret\n');
    await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(helper).href, type: 1 }] });
    const found = await definition();
    assert.deepEqual(found.map((l) => [l.uri, l.range.start.line]), [[pathToFileURL(helper).href, 2]]);

    unlinkSync(helper);
    await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(helper).href, type: 3 }] });
    assert.deepEqual(await definition(), []);
  } finally {
    conn.dispose();
    proc.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
