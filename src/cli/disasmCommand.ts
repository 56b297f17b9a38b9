// `trapdoor disasm FILE [--start ADDR] [--stop ADDR] [--base ADDR]`: an objdump -d identical listing.
import { readFileSync } from 'node:fs';
import { ElfError } from '../machine/loaders/elf';
import { parseAddr, UsageError } from './args';
import { listing } from './disasmListing';

export const DISASM_USAGE = 'trapdoor disasm FILE [--start ADDR] [--stop ADDR] [--base ADDR]';

export function disasm(args: string[]): void {
  let file: string | undefined;
  const opts: { start?: bigint; stop?: bigint; base?: bigint; raw?: boolean } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--start') opts.start = parseAddr(a, args[++i]);
    else if (a === '--stop') opts.stop = parseAddr(a, args[++i]);
    else if (a === '--base') { opts.base = parseAddr(a, args[++i]); opts.raw = true; }
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}; usage: ${DISASM_USAGE}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`unexpected argument ${a}; usage: ${DISASM_USAGE}`);
  }
  if (file === undefined) throw new UsageError(`usage: ${DISASM_USAGE}`);
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

