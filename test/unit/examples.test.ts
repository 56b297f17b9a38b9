// Bundled example guests are reproducible: rebuilding each from source gives the committed binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/cross';

test('examples/hello/hello.elf is rebuilt byte for byte from hello.S', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-example-'));
  try {
    const src = join(repoRoot(), 'examples/hello');
    execFileSync('make', ['-s', '-B', '-C', src, `OUT=${dir}`]);
    assert.ok(readFileSync(join(dir, 'hello.elf')).equals(readFileSync(join(src, 'hello.elf'))), 'rebuilt hello.elf differs from the committed one');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
