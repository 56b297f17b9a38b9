// `npm run test:e2e`: bundles the end-to-end runner (test/e2e/main.ts) and runs it; its arguments pass through
// (--build DIR to use a build other than out/, --no-build to package the build as it is).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(join(tmpdir(), 'trapdoor-e2e-'));
try {
  const outfile = join(dir, 'main.js');
  // playwright-core and @vscode/test-electron stay outside the bundle: they are loaded from the repository's
  // node_modules at run time (see deps.ts).
  await build({ entryPoints: [join(root, 'test/e2e/main.ts')], outfile, bundle: true, platform: 'node', target: 'node20',
    format: 'cjs', sourcemap: 'inline', logLevel: 'warning', external: ['playwright-core', '@vscode/test-electron'] });
  const r = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, TRAPDOOR_ROOT: root } });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
