// code-server (VS Code served to a browser) for the end-to-end tests: installed once into a cache outside the
// repository, given the packaged .vsix, and started on a free loopback port with a fresh profile.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.99.3';

/** The code-server install used by the tests (TRAPDOOR_CACHE overrides ~/.cache/trapdoor). */
export function codeServerDir(): string {
  return join(process.env.TRAPDOOR_CACHE ?? join(homedir(), '.cache', 'trapdoor'), `code-server-${CODE_SERVER_VERSION}`);
}

function entry(dir: string): string {
  return join(dir, 'node_modules/code-server/out/node/entry.js');
}

/** Installs code-server with the shared install script unless a complete install is already there (the marker is
 * written last, so an interrupted install is redone). Returns the seconds spent, 0 when it was present. */
export function ensureCodeServer(installScript: string, dir = codeServerDir()): number {
  const marker = join(dir, '.trapdoor-installed');
  if (existsSync(marker) && existsSync(entry(dir))) return 0;
  const start = Date.now();
  mkdirSync(dir, { recursive: true });
  execFileSync('bash', [installScript, dir], { stdio: 'inherit' });
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return (Date.now() - start) / 1000;
}

export function installExtension(vsix: string, extensionsDir: string, dir = codeServerDir()): void {
  execFileSync(process.execPath, [entry(dir), '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    { stdio: ['ignore', 'ignore', 'inherit'] });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningCodeServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts code-server without authentication on 127.0.0.1 and resolves once it answers HTTP. */
export async function startCodeServer(opts: { extensionsDir: string; userDataDir: string; workspace: string; log: string[] },
  dir = codeServerDir()): Promise<RunningCodeServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [entry(dir), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', opts.userDataDir, '--extensions-dir', opts.extensionsDir, opts.workspace],
  // Its own process group, so that stopping it also ends the extension host, the debug adapter and the language
  // server it started.
  { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (d: Buffer) => opts.log.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => opts.log.push(d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${opts.log.join('')}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url}:\n${opts.log.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: () => new Promise<void>((resolve) => {
      const group = (signal: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // the group has already exited
        }
      };
      const done = () => {
        group('SIGKILL');
        resolve();
      };
      if (child.exitCode !== null) return done();
      child.once('exit', () => setTimeout(done, 1000));
      setTimeout(done, 5000).unref();
      group('SIGTERM');
    }),
  };
}
