// `trapdoor as FILE.S [-o OUT.elf] [-c] [-I DIR] [-D NAME[=VALUE]] [--text-base ADDR]`: the built-in assembler,
// writing the linked executable (or with -c the relocatable object); errors as GNU as prints them.
import { readFileSync, writeFileSync } from 'node:fs';
import { assemble, formatDiagnostic } from '../arch/a64/asm';
import { parseAddr, UsageError } from './args';

export const AS_USAGE = 'trapdoor as FILE.S [-o OUT.elf] [-c] [-I DIR] [-D NAME[=VALUE]] [--text-base ADDR]';

export function asCommand(args: string[]): number {
  let file: string | undefined;
  let out: string | undefined;
  let objectOnly = false;
  let textBase: bigint | undefined;
  const includeDirs: string[] = [];
  const defines: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o') out = args[++i];
    else if (a === '-c') objectOnly = true;
    else if (a === '-I') includeDirs.push(args[++i]);
    else if (a.startsWith('-I')) includeDirs.push(a.slice(2));
    else if (a === '-D' || a.startsWith('-D')) {
      const d = a === '-D' ? args[++i] : a.slice(2);
      const [k, v] = d.split('=');
      defines[k] = v ?? '1';
    } else if (a === '--text-base') textBase = parseAddr(a, args[++i]);
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}; usage: ${AS_USAGE}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`unexpected argument ${a}; usage: ${AS_USAGE}`);
  }
  if (file === undefined || out === undefined && args.includes('-o')) throw new UsageError(`usage: ${AS_USAGE}`);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${String((e as Error).message ?? e).split(', ')[0]}`);
  }
  const readFile = (p: string) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } };
  const r = assemble(source, { fileName: file, readFile, includeDirs: ['.', ...includeDirs], defines, textBase });
  for (const d of r.diagnostics) console.error(formatDiagnostic(d));
  const bytes = objectOnly ? r.object : r.executable;
  if (!bytes) return 1;
  writeFileSync(out ?? (objectOnly ? file.replace(/\.[sS]$/, '.o') : 'a.out'), bytes);
  return 0;
}
