// The .vsix from `npm run package` holds only the allowlisted runtime files, and what it holds runs on its own:
// the bundles need nothing but Node's built-in modules (and `vscode`), and the adapter answers DAP from the package.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { builtFile, repoRoot } from '../support/cross';

/** The entries of a zip archive (its central directory), with their contents. */
function readZip(zip: Buffer): Map<string, Buffer> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'no zip end-of-central-directory record');
  const entries = new Map<string, Buffer>();
  let p = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    assert.equal(zip.readUInt32LE(p), 0x02014b50, 'bad central directory entry');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    entries.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return entries;
}

const ALLOWED = [
  /^\[Content_Types\]\.xml$/, /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE(\.txt)?)$/i,
  /^extension\/out\/[\w.-]+\.js$/, /^extension\/out\/core\.wasm$/, /^extension\/out\/media\/[\w./-]+$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/, /^extension\/media\/[\w./-]+$/,
];

let dir = '';
let files = new Map<string, Buffer>();
let manifest: Record<string, any> = {};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'trapdoor-vsix-test-'));
  const build = dirname(builtFile('extension.js'));
  execFileSync(process.execPath, [join(repoRoot(), 'scripts/package.mjs'), '--no-build', '--build', build, '--out', dir],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  const { version } = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8'));
  files = readZip(readFileSync(join(dir, `trapdoor-${version}.vsix`)));
  manifest = JSON.parse(files.get('extension/package.json')!.toString());
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the .vsix holds only allowlisted files: bundles, wasm, grammar, media and the documents', () => {
  const stray = [...files.keys()].filter((f) => !ALLOWED.some((re) => re.test(f)));
  assert.deepEqual(stray, []);
  for (const f of [...files.keys()]) assert.doesNotMatch(f, /node_modules|\.map$|\.ts$|\/test\/|\/src\//);
});

test('everything the manifest points at is in the package', () => {
  const need = ['extension/out/extension.js', 'extension/out/adapter.js', 'extension/out/server.js', 'extension/out/core.wasm',
    `extension/${manifest.icon}`, ...manifest.contributes.grammars.map((g: { path: string }) => `extension/${g.path.replace(/^\.\//, '')}`),
    ...manifest.contributes.debuggers.map((d: { program: string }) => `extension/${d.program.replace(/^\.\//, '')}`),
    `extension/${manifest.main.replace(/^\.\//, '')}`];
  for (const f of need) assert.ok(files.has(f), `${f} missing from the .vsix`);
});

test('the marketplace fields: icon 128×128 PNG, categories, keywords, license, changelog', () => {
  const icon = files.get(`extension/${manifest.icon}`)!;
  assert.equal(icon.toString('latin1', 1, 4), 'PNG');
  assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
  assert.ok(manifest.categories.includes('Debuggers'));
  assert.ok(manifest.keywords.length >= 5);
  assert.equal(manifest.license, 'MIT');
  assert.ok([...files.keys()].some((f) => /^extension\/LICENSE(\.txt)?$/i.test(f)));
  assert.match(files.get('extension/changelog.md')?.toString() ?? files.get('extension/CHANGELOG.md')!.toString(), /## \d+\.\d+\.\d+/);
});

test('the bundles need nothing from node_modules at run time', () => {
  const builtins = new Set(builtinModules);
  for (const [name, data] of files) {
    if (!name.endsWith('.js')) continue;
    const required = [...data.toString().matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    const outside = required.filter((m) => !builtins.has(m.replace(/^node:/, '')) && !(m === 'vscode' && name.endsWith('/extension.js')));
    assert.deepEqual(outside, [], `${name} requires modules that are not bundled`);
  }
});

/** A minimal DAP client over a child's stdio: requests and the messages received so far. */
function dapClient(child: ReturnType<typeof spawn>) {
  const messages: Record<string, any>[] = [];
  let buffer = Buffer.alloc(0);
  let seq = 1;
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = buffer.indexOf('\r\n\r\n');
      const length = Number(/Content-Length: (\d+)/.exec(buffer.toString('latin1', 0, Math.max(header, 0)))?.[1]);
      if (header < 0 || buffer.length < header + 4 + length) return;
      messages.push(JSON.parse(buffer.toString('utf8', header + 4, header + 4 + length)));
      buffer = buffer.subarray(header + 4 + length);
    }
  });
  const send = (command: string, args: object) => {
    const body = JSON.stringify({ seq: seq++, type: 'request', command, arguments: args });
    child.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const waitFor = async (what: string, match: (m: Record<string, any>) => boolean) => {
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      const m = messages.find(match);
      if (m) return m;
    }
    throw new Error(`no ${what}; got ${JSON.stringify(messages).slice(0, 2000)}`);
  };
  return { messages, send, waitFor };
}

test('the packaged adapter runs a guest from outside the repository: its wasm core is in the package', async () => {
  for (const [name, data] of files) {
    if (!name.startsWith('extension/')) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  const adapter = spawn(process.execPath, [join(dir, 'extension/out/adapter.js')], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const dap = dapClient(adapter);
    dap.send('initialize', { adapterID: 'trapdoor', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
    const init = await dap.waitFor('initialize response', (m) => m.command === 'initialize');
    assert.equal(init.success, true, init.message);
    assert.ok(init.body.supportsFunctionBreakpoints);
    dap.send('launch', { program: join(repoRoot(), 'examples/hello/hello.elf'), stopOnEntry: false });
    await dap.waitFor('initialized event', (m) => m.event === 'initialized');
    dap.send('configurationDone', {});
    await dap.waitFor('terminated event', (m) => m.event === 'terminated');
    const output = dap.messages.filter((m) => m.event === 'output').map((m) => m.body.output).join('');
    assert.match(output, /Hello/i);
  } finally {
    adapter.kill();
  }
});
