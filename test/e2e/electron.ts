// The desktop VS Code runner of the end-to-end scenarios (where one exists; not here): @vscode/test-electron starts
// VS Code on a copy of examples/ with this extension, and this same file, loaded as the extension tests, drives the
// window's workbench over CDP with the scenarios the code-server runner uses.
//   node scripts/run-ts.mjs test/e2e/electron.ts   (after `npm run build`; TRAPDOOR_ROOT = the repository)
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, requireFromRoot } from './deps';
import { SCENARIOS } from './scenarios';
import { Workbench } from './workbench';
import { prepareWorkspace } from './workspace';

const CDP_PORT = Number(process.env.TRAPDOOR_E2E_CDP_PORT ?? 9339);

/** Extension-tests entry point, run inside VS Code's extension host. */
export async function run(): Promise<void> {
  const { chromium } = requireFromRoot<typeof import('playwright-core')>('playwright-core');
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${CDP_PORT}`);
  try {
    const page = browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().includes('workbench'));
    assert.ok(page, 'no workbench window on the CDP endpoint');
    const wb = new Workbench(page, join(repoRoot(), 'test-artifacts', 'e2e-electron'));
    await wb.ready();
    const ctx = { target: JSON.parse(process.env.TRAPDOOR_E2E_TARGET!), manifest: requireFromRoot<any>('./package.json'), log: console.log };
    for (const scenario of SCENARIOS) {
      console.log(`scenario: ${scenario.name}`);
      await scenario.run(wb, ctx);
    }
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const { runTests } = requireFromRoot<typeof import('@vscode/test-electron')>('@vscode/test-electron');
  const root = repoRoot();
  const workspace = join(mkdtempSync(join(tmpdir(), 'trapdoor-electron-')), 'examples');
  const target = prepareWorkspace(root, workspace);
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: __filename,
    launchArgs: [workspace, `--remote-debugging-port=${CDP_PORT}`, '--disable-workspace-trust', '--skip-welcome'],
    extensionTestsEnv: { TRAPDOOR_ROOT: root, TRAPDOOR_E2E_TARGET: JSON.stringify(target), TRAPDOOR_E2E_CDP_PORT: String(CDP_PORT) },
  });
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
