// The `trapdoor` command line: `trapdoor disasm FILE [--start A] [--stop A] [--base A]`.
import { readFileSync } from 'node:fs';
import { ElfError } from '../machine/loaders/elf';
import { listing } from './disasmListing';

class UsageError extends Error {}

const USAGE = `usage: trapdoor disasm FILE [--start ADDR] [--stop ADDR] [--base ADDR]`;

function parseAddr(flag: string, v: string | undefined): bigint {
  if (v === undefined || !/^(0x[0-9a-f]+|[0-9]+)$/i.test(v)) throw new UsageError(`${flag} needs an address (decimal or 0x hex), got '${v ?? ''}'`);
  return BigInt(v);
}

function disasm(args: string[]): void {
  let file: string | undefined;
  const opts: { start?: bigint; stop?: bigint; base?: bigint; raw?: boolean } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--start') opts.start = parseAddr(a, args[++i]);
    else if (a === '--stop') opts.stop = parseAddr(a, args[++i]);
    else if (a === '--base') { opts.base = parseAddr(a, args[++i]); opts.raw = true; }
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}\n${USAGE}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`unexpected argument ${a}\n${USAGE}`);
  }
  if (file === undefined) throw new UsageError(USAGE);
  let data: Uint8Array;
  try {
    data = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  process.stdout.write(listing(data, { ...opts, fileName: file }));
}

function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'disasm': disasm(rest); return 0;
      case undefined: case '-h': case '--help': console.log(USAGE); return cmd ? 0 : 2;
      default: throw new UsageError(`unknown command '${cmd}'\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ElfError) {
      console.error(`trapdoor: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
