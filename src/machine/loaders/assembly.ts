// A guest given as assembly source (`.S`/`.s`): built by the built-in assembler into an ELF with symbols and line
// information, as `as -g` + `ld -Ttext=0x40080000` would build it, for `trapdoor run` and the debugger alike.
import { readFileSync } from 'node:fs';
import { assemble } from '../../arch/a64/asm';
import { LoadError } from './load';

export const isAssemblySource = (path: string): boolean => /\.s$/i.test(path);

/** The executable for the source at `path` (includes relative to it); a LoadError with GNU as's first messages. */
export function assembleGuest(path: string, source: string): Uint8Array {
  const readFile = (p: string) => { try { return readFileSync(p, 'latin1'); } catch { return undefined; } };
  const out = assemble(source, { fileName: path, readFile });
  const errors = out.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !out.executable) {
    throw new LoadError(`does not assemble:\n${errors.slice(0, 5).map((d) => `${d.file}:${d.line}: Error: ${d.message}`).join('\n')}`);
  }
  return out.executable;
}
