// The code-server runner of the end-to-end tests: packages the extension, installs the .vsix into code-server, opens
// a copy of examples/ in headless Chromium and runs the scenarios; screenshots go to test-artifacts/e2e/.
import { after, before, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureCodeServer, installExtension, startCodeServer, type RunningCodeServer } from './codeServer';
import { repoRoot, requireFromRoot } from './deps';
import { SCENARIOS, type ScenarioContext } from './scenarios';
import { Workbench } from './workbench';
import { prepareWorkspace } from './workspace';

const root = repoRoot();
const argv = process.argv.slice(2);
const buildIndex = argv.indexOf('--build');
const buildDir = buildIndex >= 0 ? resolve(argv[buildIndex + 1]) : join(root, 'out');
const artifacts = join(root, 'test-artifacts', 'e2e');
/** The workplace's installer when the checkout sits beside it, else the copy in scripts/ (a clone elsewhere, CI). */
const shared = join(root, '..', 'shared', 'tools', 'install-code-server.sh');
const installer = process.env.TRAPDOOR_CODE_SERVER_INSTALLER ?? (existsSync(shared) ? shared : join(root, 'scripts', 'install-code-server.sh'));

/** User settings for a quiet, repeatable window: no welcome page, no tips, the default dark theme. */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.enabled': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'editor.hover.delay': 200,
  'debug.toolBarLocation': 'floating',
};

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
let tmp = '';
let server: RunningCodeServer | undefined;
let browser: Browser | undefined;
let wb: Workbench;
let ctx: ScenarioContext;
const serverLog: string[] = [];

before(async () => {
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'trapdoor-e2e-'));
  const installed = ensureCodeServer(installer);
  console.log(`# code-server: ${installed ? `installed in ${installed.toFixed(0)} s` : 'already installed'}`);

  let t = Date.now();
  execFileSync(process.execPath, [join(root, 'scripts/package.mjs'), '--build', buildDir, '--out', tmp,
    ...(argv.includes('--no-build') ? ['--no-build'] : [])], { stdio: ['ignore', 'ignore', 'inherit'] });
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const extensions = join(tmp, 'extensions');
  installExtension(join(tmp, `trapdoor-${version}.vsix`), extensions);
  const manifest = JSON.parse(readFileSync(join(extensions, `trapdoor.trapdoor-${version}`, 'package.json'), 'utf8'));
  console.log(`# built, packaged and installed the .vsix in ${seconds(t)} s`);

  const userData = join(tmp, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const workspace = join(tmp, 'examples');
  const target = prepareWorkspace(root, workspace);
  console.log(`# debugging target: "${target.config}" with ${target.breakpoint}`);

  t = Date.now();
  server = await startCodeServer({ extensionsDir: extensions, userDataDir: userData, workspace, log: serverLog });
  const { chromium } = requireFromRoot<typeof import('playwright-core')>('playwright-core');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(server.url);
  wb = new Workbench(page, artifacts);
  await wb.ready();
  console.log(`# code-server and the workbench ready in ${seconds(t)} s`);
  ctx = { target, manifest, log: (line) => console.log(`#   ${line}`) };
});

after(async () => {
  await browser?.close();
  await server?.stop();
  writeFileSync(join(artifacts, 'code-server.log'), serverLog.join(''));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

for (const [i, scenario] of SCENARIOS.entries()) {
  test(scenario.name, { timeout: 180_000 }, async () => {
    const t = Date.now();
    try {
      await scenario.run(wb, ctx);
    } catch (e) {
      await wb.screenshot(`failure-${i + 1}`).catch(() => undefined);
      throw e;
    } finally {
      console.log(`# scenario ${i + 1} took ${seconds(t)} s`);
    }
  });
}
