// Packages the extension as trapdoor-<version>.vsix with @vscode/vsce, from a staging copy holding only what ships.
// Usage: node scripts/package.mjs [--build DIR] [--out DIR] [--no-build]   (defaults: build into out/, vsix into .)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? resolve(process.argv[i + 1]) : fallback;
};
const buildDir = option('--build', join(root, 'out'));
const outDir = option('--out', root);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(outDir, `trapdoor-${version}.vsix`);

if (!process.argv.includes('--no-build')) {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out', buildDir], { stdio: 'inherit' });
}

// vsce packages a directory: stage the manifest, documents, grammar, media and the runtime part of the build (the
// bundles, the wasm core and the webview scripts, never the tests, tools or the core's generated sources), so that
// .vscodeignore is the only filter and a build elsewhere than out/ packages the same.
const stage = mkdtempSync(join(tmpdir(), 'trapdoor-vsix-'));
try {
  for (const f of ['package.json', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'syntaxes', 'media']) {
    if (existsSync(join(root, f))) cpSync(join(root, f), join(stage, f), { recursive: true });
  }
  // The README's screenshots live in the repository (docs/), which has no public URL a package could point at: the
  // packaged README goes without them.
  const readme = readFileSync(join(root, 'README.md'), 'utf8').replace(/\n?!\[[^\]]*\]\(docs\/[^)]+\)\n/g, '\n');
  writeFileSync(join(stage, 'README.md'), readme);
  mkdirSync(join(stage, 'out'));
  for (const f of readdirSync(buildDir)) {
    if (/\.(js|wasm)$/.test(f) || f === 'media') cpSync(join(buildDir, f), join(stage, 'out', f), { recursive: true });
  }
  mkdirSync(outDir, { recursive: true });
  rmSync(vsix, { force: true });
  // Everything the extension runs is bundled by esbuild, so no node_modules are packaged (--no-dependencies); the
  // project has no public repository yet, and vsce would otherwise ask for one.
  execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies',
    '--allow-missing-repository', '--out', vsix], { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
