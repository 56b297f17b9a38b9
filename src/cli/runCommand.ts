// `trapdoor run FILE [options]`: runs a guest headless on the virt board, as `qemu-system-aarch64 -M virt -cpu max
// -kernel FILE` would; prints what it writes to the UART or through semihosting, feeds stdin to the UART, and
// exits with the guest's semihosting exit status, 0 after PSCI SYSTEM_OFF, or reports where and why it stopped.
// --trap-summary counts the trap records by device and direction, and the other exits by kind.
import { openSync, readFileSync, writeSync } from 'node:fs';
import { ElfError } from '../machine/loaders/elf';
import { assembleGuest, isAssemblySource } from '../machine/loaders/assembly';
import { LoadError } from '../machine/loaders/load';
import { Runner } from '../machine/runner';
import { Console } from '../machine/semihosting';
import { TrapRecord } from '../machine/traps';
import { parseCount, parseSize, UsageError } from './args';

export const RUN_USAGE = 'trapdoor run FILE [--hypervisor builtin|none] [--el 1|2|3] [--cpus N] [--memory SIZE] ' +
  '[--gic 2|3] [--dtb FILE] [--append BOOTARGS] [--initrd FILE] [--trace-traps FILE.jsonl] [--trap-summary] [--max-insns N] ' +
  '[-- GUEST-ARGS...]';

/** Exit status when the guest did not exit by itself (instruction limit, left RAM, idle, spinning). */
const STOPPED_STATUS = 3;

/** Standard input, read as it comes: it feeds the UART, and semihosting reads take from what has arrived. */
const input: number[] = [];

const terminal: Console = {
  write: (bytes, stream) => { (stream === 'stderr' ? process.stderr : process.stdout).write(bytes); },
  // FIXME(out-of-spec): SYS_READC does not wait for input that has not arrived yet.
  readByte: () => input.shift(),
};

/**
 * The trap records of a run counted for --trap-summary: the MMIO exits (data aborts with a direction) per device, reads
 * and writes; every other exit per exception class and outcome (HVC64 hypercall, WFx idle, IRQ interrupt...).
 */
export class TrapSummary {
  private readonly devices = new Map<string, { reads: number; writes: number }>();
  private readonly others = new Map<string, number>();
  private total = 0;

  add(r: TrapRecord): void {
    this.total++;
    if (r.direction) {
      const name = r.device ?? '(no device)';
      const d = this.devices.get(name) ?? { reads: 0, writes: 0 };
      if (r.direction === 'read') d.reads++;
      else d.writes++;
      this.devices.set(name, d);
    } else {
      const kind = `${r.ec} ${r.outcome}`;
      this.others.set(kind, (this.others.get(kind) ?? 0) + 1);
    }
  }

  /** The table, one row per device and per other exit kind, alphabetical. */
  toString(): string {
    const lines = [`trap summary: ${this.total} recorded exits to EL2`];
    const devices = [...this.devices].sort(([a], [b]) => a.localeCompare(b));
    if (devices.length > 0) {
      const w = Math.max(6, ...devices.map(([n]) => n.length));
      lines.push(`${'device'.padEnd(w)}  ${'reads'.padStart(8)}  ${'writes'.padStart(8)}`);
      for (const [n, d] of devices) lines.push(`${n.padEnd(w)}  ${String(d.reads).padStart(8)}  ${String(d.writes).padStart(8)}`);
    }
    const others = [...this.others].sort(([a], [b]) => a.localeCompare(b));
    if (others.length > 0) {
      const w = Math.max(10, ...others.map(([k]) => k.length));
      lines.push(`${'other exit'.padEnd(w)}  ${'count'.padStart(8)}`);
      for (const [k, c] of others) lines.push(`${k.padEnd(w)}  ${String(c).padStart(8)}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function readFileArg(flag: string, path: string | undefined): Uint8Array {
  if (path === undefined) throw new UsageError(`${flag} takes a file`);
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${String((e as Error).message ?? e).split(', ')[0]}`);
  }
}

export async function run(args: string[]): Promise<number> {
  let file: string | undefined;
  let el: 1 | 2 | 3 = 1;
  let memory = 128n << 20n;
  let maxInsns: bigint | undefined;
  let cpus = 1;
  let gic: 2 | 3 = 2;
  let dtb: Uint8Array | undefined;
  let append: string | undefined;
  let initrd: Uint8Array | undefined;
  let hypervisor: 'none' | 'builtin' = 'none';
  let traceTraps: string | undefined;
  let summary: TrapSummary | undefined;
  const guestArgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { guestArgs.push(...args.slice(i + 1)); break; }
    if (a === '--el') {
      const v = args[++i];
      if (v !== '1' && v !== '2' && v !== '3') throw new UsageError(`--el takes 1, 2 or 3, got '${v ?? ''}'`);
      el = Number(v) as 1 | 2 | 3;
    } else if (a === '--gic') {
      const v = args[++i];
      if (v !== '2' && v !== '3') throw new UsageError(`--gic takes 2 or 3, got '${v ?? ''}'`);
      gic = Number(v) as 2 | 3;
    } else if (a === '--cpus') {
      const v = Number(args[++i]);
      if (!Number.isInteger(v) || v < 1 || v > 123) throw new UsageError(`--cpus takes a number from 1 to 123`);
      cpus = v;
    } else if (a === '--hypervisor') {
      const v = args[++i];
      if (v !== 'builtin' && v !== 'none') throw new UsageError(`--hypervisor takes builtin or none, got '${v ?? ''}'`);
      hypervisor = v;
    } else if (a === '--trace-traps') {
      traceTraps = args[++i];
      if (traceTraps === undefined) throw new UsageError('--trace-traps takes a file name');
    } else if (a === '--trap-summary') summary = new TrapSummary();
    else if (a === '--dtb') dtb = readFileArg(a, args[++i]);
    else if (a === '--initrd') initrd = readFileArg(a, args[++i]);
    else if (a === '--append') {
      append = args[++i];
      if (append === undefined) throw new UsageError('--append takes the kernel command line');
    } else if (a === '--memory') memory = parseSize(a, args[++i]);
    else if (a === '--max-insns') maxInsns = parseCount(a, args[++i]);
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}; usage: ${RUN_USAGE}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`unexpected argument ${a}; usage: ${RUN_USAGE}`);
  }
  if (file === undefined) throw new UsageError(`usage: ${RUN_USAGE}`);
  if (gic === 2 && cpus > 8) throw new UsageError('--cpus must be between 1 and 8 with GICv2 (use --gic 3 for more)');
  if (hypervisor === 'builtin' && el !== 1) throw new UsageError('--hypervisor builtin runs the guest at EL1 (the hypervisor is EL2): drop --el');
  let trace: number | undefined;
  if (traceTraps !== undefined) {
    try {
      trace = openSync(traceTraps, 'w');
    } catch (e) {
      throw new UsageError(`cannot write ${traceTraps}: ${String((e as Error).message ?? e).split(', ')[0]}`);
    }
  }
  if (memory < 1n << 20n || memory > 64n << 30n || memory % (64n << 10n) !== 0n) {
    throw new UsageError('--memory must be a multiple of 64K between 1M and 64G');
  }
  let image: Uint8Array;
  try {
    image = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${String((e as Error).message ?? e).split(', ')[0]}`);
  }
  if (isAssemblySource(file)) {
    try {
      image = assembleGuest(file, Buffer.from(image).toString('latin1'));
    } catch (e) {
      if (e instanceof LoadError) throw new LoadError(`${file} ${e.message}`);
      throw e;
    }
  }
  let runner: Runner;
  try {
    runner = await Runner.create(image, {
      el, memory, maxInsns, root: process.cwd(), cmdline: [file, ...guestArgs].join(' '), console: terminal,
      cpus, gic, dtb, append, initrd, hypervisor,
      onTrap: trace === undefined && summary === undefined ? undefined : (r) => {
        if (trace !== undefined) writeSync(trace, `${JSON.stringify(r)}\n`);
        summary?.add(r);
      },
    });
  } catch (e) {
    if (e instanceof ElfError) throw new ElfError(`${file}: ${e.message}`);
    if (e instanceof LoadError) throw new LoadError(`${file}: ${e.message}`);
    throw e;
  }
  runner.setUartInputOpen(true);
  process.stdin.on('data', (chunk: Buffer) => {
    input.push(...chunk);
    runner.pushUartInput(chunk);
  });
  process.stdin.on('end', () => runner.pushUartInput(new Uint8Array(0), false));
  process.stdin.on('error', () => runner.pushUartInput(new Uint8Array(0), false));
  const outcome = await runner.run();
  process.stdin.destroy();
  if (summary) process.stderr.write(summary.toString());
  if (outcome.kind === 'exit') return outcome.status;
  process.stderr.write(`trapdoor: ${outcome.report}\n`);
  return STOPPED_STATUS;
}
