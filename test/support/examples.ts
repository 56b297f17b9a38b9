// The example workspace's guests (examples/<dir>/): how each is run on `trapdoor run` and on qemu-system-aarch64 for
// the same machine, and which launch.json entry runs it in VS Code; plus rebuilding them and running them on both.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, repoRoot } from './cross';

export interface ExampleRun {
  /** `trapdoor run ELF` options. */
  trapdoor: string[];
  /** QEMU options other than -cpu max -nographic -m 128M -kernel ELF. */
  qemu: string[];
}

export interface Example {
  dir: string;
  elf: string;
  /** The name of its entry in examples/.vscode/launch.json, which runs it as runs[0] does. */
  launch: string;
  runs: ExampleRun[];
}

export const EXAMPLES: Example[] = [
  { dir: 'hello', elf: 'hello.elf', launch: 'Hello (built-in hypervisor)', runs: [
    { trapdoor: ['--hypervisor', 'builtin'], qemu: ['-M', 'virt'] },
    { trapdoor: [], qemu: ['-M', 'virt'] },
  ] },
  // secure=on: QEMU has no PSCI to offer; the tour's own EL3 firmware ends the run by semihosting.
  { dir: 'el-tour', elf: 'el-tour.elf', launch: 'Exception levels tour', runs: [
    { trapdoor: ['--el', '3'], qemu: ['-M', 'virt,secure=on,virtualization=on', '-semihosting'] },
  ] },
  { dir: 'mini-hypervisor', elf: 'mini-hypervisor.elf', launch: 'Mini hypervisor', runs: [
    { trapdoor: ['--el', '2', '--gic', '3'], qemu: ['-M', 'virt,virtualization=on,gic-version=3'] },
  ] },
  { dir: 'c-guest', elf: 'c-guest.elf', launch: 'C guest (built-in hypervisor)', runs: [
    { trapdoor: ['--hypervisor', 'builtin', '--gic', '3'], qemu: ['-M', 'virt,gic-version=3'] },
    { trapdoor: ['--gic', '3'], qemu: ['-M', 'virt,gic-version=3'] },
  ] },
];

export const exampleElf = (e: Example): string => join(repoRoot(), 'examples', e.dir, e.elf);

/** Runs the example's Makefile into a temporary directory and returns the ELF it built. */
export function rebuildExample(e: Example): Buffer {
  const out = mkdtempSync(join(tmpdir(), 'trapdoor-example-'));
  try {
    execFileSync('make', ['-s', '-B', '-C', join(repoRoot(), 'examples', e.dir), `OUT=${out}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    return readFileSync(join(out, e.elf));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export interface RunResult { status: number | null; stdout: string; stderr: string }

/** Runs a command with empty stdin; resolves when it exits (asynchronously, so that runs can overlap). */
function runCommand(file: string, args: string[], timeout: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { encoding: 'utf8', timeout }, (error, stdout, stderr) => {
      const code = (error as { code?: unknown } | null)?.code;
      resolve({ status: error ? (typeof code === 'number' ? code : null) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

/** The committed ELF on qemu-system-aarch64 (20 s limit). */
export function runExampleOnQemu(e: Example, run: ExampleRun): Promise<RunResult> {
  return runCommand('qemu-system-aarch64', [...run.qemu, '-cpu', 'max', '-nographic', '-m', '128M', '-kernel', exampleElf(e)], 20000);
}

/** The committed ELF on `trapdoor run` (the CLI of the build the test belongs to), with extra options. */
export function runExampleOnTrapdoor(e: Example, run: ExampleRun, extra: string[] = []): Promise<RunResult> {
  return runCommand(process.execPath, [cliPath(), 'run', exampleElf(e), ...run.trapdoor, ...extra], 60000);
}
