// `trapdoor as`: the CLI writes the executable (or the object with -c) and prints errors as GNU as does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliPath, repoRoot } from '../support/cross';
import { Scratch } from '../support/asmCompare';

const scratch = new Scratch();
process.on('exit', () => scratch.dispose());

test('trapdoor as: hello.S becomes examples/hello/hello.elf byte for byte', () => {
  const out = scratch.path('hello.elf');
  const r = spawnSync(process.execPath, [cliPath(), 'as', 'hello.S', '-o', out], { cwd: join(repoRoot(), 'examples/hello'), encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.ok(readFileSync(out).equals(readFileSync(join(repoRoot(), 'examples/hello/hello.elf'))));
});

test('trapdoor as: -c writes a relocatable object', () => {
  const out = scratch.path('hello.o');
  const r = spawnSync(process.execPath, [cliPath(), 'as', '-c', 'hello.S', '-o', out], { cwd: join(repoRoot(), 'examples/hello'), encoding: 'utf8' });
  assert.equal(r.status, 0);
  const elf = readFileSync(out);
  assert.equal(elf.readUInt16LE(16), 1, 'ET_REL');
});

test('trapdoor as: errors are `file:line: Error: …` and exit status 1', () => {
  const src = scratch.write('bad.s', '\tnop\n\tmovx x0, #1\n');
  const r = spawnSync(process.execPath, [cliPath(), 'as', src, '-o', scratch.path('bad.elf')], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `${src}:2: Error: unknown mnemonic \`movx' -- \`movx x0,#1'\n`);
});
