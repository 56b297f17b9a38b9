// `trapdoor run FILE [--el 1|2|3] [--memory SIZE] [--max-insns N]`: runs a guest headless, prints what it writes,
// and exits with the guest's semihosting exit status (or reports where and why it stopped).
import { readFileSync, readSync } from 'node:fs';
import { ElfError } from '../machine/loaders/elf';
import { LoadError } from '../machine/loaders/load';
import { Runner } from '../machine/runner';
import { Console } from '../machine/semihosting';
import { parseCount, parseSize, UsageError } from './args';

export const RUN_USAGE = 'trapdoor run FILE [--el 1|2|3] [--memory SIZE] [--max-insns N] [-- GUEST-ARGS...]';

/** Exit status when the guest did not exit by itself (instruction limit, left RAM, idle, spinning). */
const STOPPED_STATUS = 3;

const terminal: Console = {
  write: (bytes, stream) => { (stream === 'stderr' ? process.stderr : process.stdout).write(bytes); },
  readByte: () => {
    const b = Buffer.alloc(1);
    try {
      return readSync(0, b, 0, 1, null) === 1 ? b[0] : undefined;
    } catch {
      return undefined;
    }
  },
};

export async function run(args: string[]): Promise<number> {
  let file: string | undefined;
  let el: 1 | 2 | 3 = 1;
  let memory = 128n << 20n;
  let maxInsns: bigint | undefined;
  const guestArgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { guestArgs.push(...args.slice(i + 1)); break; }
    if (a === '--el') {
      const v = args[++i];
      if (v !== '1' && v !== '2' && v !== '3') throw new UsageError(`--el takes 1, 2 or 3, got '${v ?? ''}'`);
      el = Number(v) as 1 | 2 | 3;
    } else if (a === '--memory') memory = parseSize(a, args[++i]);
    else if (a === '--max-insns') maxInsns = parseCount(a, args[++i]);
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}; usage: ${RUN_USAGE}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`unexpected argument ${a}; usage: ${RUN_USAGE}`);
  }
  if (file === undefined) throw new UsageError(`usage: ${RUN_USAGE}`);
  if (memory < 1n << 20n || memory > 64n << 30n || memory % (64n << 10n) !== 0n) {
    throw new UsageError('--memory must be a multiple of 64K between 1M and 64G');
  }
  let image: Uint8Array;
  try {
    image = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${String((e as Error).message ?? e).split(', ')[0]}`);
  }
  let runner: Runner;
  try {
    runner = await Runner.create(image, {
      el, memory, maxInsns, root: process.cwd(), cmdline: [file, ...guestArgs].join(' '), console: terminal,
    });
  } catch (e) {
    if (e instanceof ElfError) throw new ElfError(`${file}: ${e.message}`);
    if (e instanceof LoadError) throw new LoadError(`${file}: ${e.message}`);
    throw e;
  }
  const outcome = await runner.run();
  if (outcome.kind === 'exit') return outcome.status;
  process.stderr.write(`trapdoor: ${outcome.report}\n`);
  return STOPPED_STATUS;
}
