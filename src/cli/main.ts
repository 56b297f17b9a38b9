// The `trapdoor` command line: `trapdoor disasm FILE [--start A] [--stop A] [--base A]`.
import { readFileSync } from 'node:fs';
import { ElfError } from '../machine/loaders/elf';
import { listing } from './disasmListing';

class UsageError extends Error {}

const USAGE = `usage: trapdoor disasm FILE [--start ADDR] [--stop ADDR] [--base ADDR]`;

function parseAddr(flag: string, v: string | undefined): bigint {
  if (v === undefined || !/^(0x[0-9a-f]+|[0-9]+)$/i.test(v)) throw new UsageError(`${flag} needs an address (decimal or 0x hex), got '${v ?? ''}'`);
  const a = BigInt(v);
  if (a >= 1n << 64n) throw new UsageError(`${flag} address ${v} does not fit in 64 bits`);
  return a;
}

function disasm(args: string[]): void {
  let file: string | undefined;
  const opts: { start?: bigint; stop?: bigint; base?: bigint; raw?: boolean } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--start') opts.start = parseAddr(a, args[++i]);
    else if (a === '--stop') opts.stop = parseAddr(a, args[++i]);
    else if (a === '--base') { opts.base = parseAddr(a, args[++i]); opts.raw = true; }
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}; ${USAGE}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`unexpected argument ${a}; ${USAGE}`);
  }
  if (file === undefined) throw new UsageError(USAGE);
  if (opts.start !== undefined && opts.stop !== undefined && opts.stop <= opts.start) {
    throw new UsageError('the stop address should be after the start address');
  }
  let data: Uint8Array;
  try {
    data = readFileSync(file);
  } catch (e) {
    // Node's message is `ENOENT: no such file or directory, open 'FILE'`; the file is already named.
    throw new UsageError(`cannot read ${file}: ${String((e as Error).message ?? e).split(', ')[0]}`);
  }
  if (data.length === 0) throw new UsageError(`${file}: file is empty`);
  let text: string;
  try {
    text = listing(data, { ...opts, fileName: file });
  } catch (e) {
    if (e instanceof ElfError) throw new ElfError(`${file}: ${e.message}`);
    throw e;
  }
  process.stdout.write(text);
}

function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'disasm': disasm(rest); return 0;
      case '-h': case '--help': console.log(USAGE); return 0;
      case undefined: throw new UsageError(USAGE);
      default: throw new UsageError(`unknown command '${cmd}'; ${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ElfError) {
      console.error(`trapdoor: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = main(process.argv.slice(2));
