// Builds everything: the generated AssemblyScript decoder, the wasm core (asc), and one esbuild bundle
// per runtime (CLI, tests, tools). Usage: node scripts/build.mjs [--out DIR]   (default: out/)
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 ? process.argv[outFlag + 1] : join(root, 'out');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

function testEntries(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.test.ts')).map((f) => join(dir, String(f)));
}

/** Newest modification time of the files the core is generated and compiled from (the disassembler and the
 * assembler are derived from the same table but are not inputs of the core). */
function coreInputsTime() {
  let newest = 0;
  for (const dir of ['src/core', 'src/arch', 'scripts']) {
    for (const f of readdirSync(join(root, dir), { recursive: true })) {
      if (/^a64\/(disasm|asm)\//.test(String(f))) continue;
      newest = Math.max(newest, statSync(join(root, dir, String(f))).mtimeMs);
    }
  }
  return newest;
}

// 1–2. The core is rebuilt only when its inputs changed since the last build into this directory: asc is most of
// a build's time, and work outside the core (adapter, extension, language server) need not wait for it.
const wasm = join(out, 'core.wasm');
mkdirSync(out, { recursive: true });
if (process.argv.includes('--force') || !existsSync(wasm) || statSync(wasm).mtimeMs < coreInputsTime()) {
  // 1. The core's sources plus the AssemblyScript generated from the instruction and system-register tables.
  const coreSrc = join(out, 'core-src');
  cpSync(join(root, 'src/core'), coreSrc, { recursive: true });
  await build({ ...common, entryPoints: [join(root, 'scripts/gen-core.ts')], outfile: join(out, 'gen-core.js') });
  execFileSync(process.execPath, [join(out, 'gen-core.js'), coreSrc], { stdio: 'inherit' });

  // 2. Compile the core to WebAssembly.
  execFileSync(process.execPath, [join(root, 'node_modules/assemblyscript/bin/asc.js'), join(coreSrc, 'index.ts'),
    '--outFile', join(out, 'core.wasm'), '--optimizeLevel', '3', '--shrinkLevel', '0', '--runtime', 'stub', '--noAssert',
    '--exportRuntime', '--exportTable', '--config', join(coreSrc, 'asconfig.json')], { stdio: 'inherit', cwd: root });
}

// 3. Bundles.
const tests = testEntries(join(root, 'test'));
await Promise.all([
  build({ ...common, entryPoints: [join(root, 'src/cli/main.ts')], outfile: join(out, 'cli.js') }),
  build({ ...common, entryPoints: [join(root, 'src/extension/extension.ts')], outfile: join(out, 'extension.js'), external: ['vscode'] }),
  // The webviews' page scripts run in the browser, loaded by nonce from out/media/.
  ...['trapPanel', 'stage2', 'register'].map((w) => build({ bundle: true, platform: 'browser', format: 'iife', target: 'es2022',
    sourcemap: true, logLevel: 'warning', entryPoints: [join(root, `src/extension/webview/${w}.ts`)], outfile: join(out, `media/${w}.js`) })),
  build({ ...common, entryPoints: [join(root, 'src/language/server.ts')], outfile: join(out, 'server.js') }),
  build({ ...common, entryPoints: [join(root, 'src/debug/adapter.ts')], outfile: join(out, 'adapter.js') }),
  ...['compare-objdump', 'fuzz-diff', 'bench'].map((t) =>
    build({ ...common, entryPoints: [join(root, `tools/${t}.ts`)], outfile: join(out, `tools/${t}.js`) })),
  // Tests of the extension's host side supply their own `vscode` module at run time.
  ...tests.map((t) => build({ ...common, entryPoints: [t], outfile: join(out, 'test', relative(join(root, 'test'), t).replace(/\.ts$/, '.js')), external: ['vscode'] })),
]);
