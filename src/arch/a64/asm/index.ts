// The built-in assembler's API: GNU as syntax (with the C preprocessor for .S files) to an ELF object like
// `as -g` and an executable like `ld -nostdlib -Ttext=BASE -z max-page-size=4096 --build-id=none`.
import { dirname, join, basename } from 'node:path';
import { Assembler } from './assembler';
import type { AsmDiagnostic } from './assembler';
import { linkExecutable, writeObject } from './elf';
import { preprocess } from './preprocess';

export type { AsmDiagnostic } from './assembler';

export interface AsmOptions {
  fileName: string;
  readFile?: (path: string) => string | undefined;
  includeDirs?: string[];
  defines?: Record<string, string>;
  /** Default 0x40080000. */
  textBase?: bigint;
  /** DW_AT_comp_dir of the line information; default `.`. */
  compDir?: string;
}

export interface AsmResult {
  diagnostics: AsmDiagnostic[];
  object?: Uint8Array;
  executable?: Uint8Array;
}

export function assemble(source: string, opts: AsmOptions): AsmResult {
  const read = opts.readFile ?? (() => undefined);
  const find = (name: string, from: string, angled: boolean): { path: string; text: string } | undefined => {
    const dirs = [...(angled ? [] : [dirname(from)]), ...(opts.includeDirs ?? [])];
    if (name.startsWith('/')) { const t = read(name); return t === undefined ? undefined : { path: name, text: t }; }
    for (const d of dirs) {
      const path = d === '.' || d === '' ? name : join(d, name);
      const text = read(path);
      if (text !== undefined) return { path, text };
    }
    return undefined;
  };
  const diagnostics: AsmDiagnostic[] = [];
  let text = source;
  if (opts.fileName.endsWith('.S')) {
    const r = preprocess(source, { file: opts.fileName, include: find, defines: opts.defines });
    text = r.text;
    for (const d of r.diagnostics) diagnostics.push({ file: d.file, line: d.line, column: 0, severity: 'error', message: d.message });
  }
  const asm = new Assembler(opts.fileName, (name, from) => find(name, from, false)).assemble(text);
  diagnostics.push(...asm.diagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const compDir = opts.compDir ?? '.';
  const object = writeObject(asm, compDir);
  const objectName = `${basename(opts.fileName).replace(/\.[sS]$/, '')}.o`;
  const linked = linkExecutable(asm, opts.textBase ?? 0x40080000n, objectName, compDir);
  for (const e of linked.errors) diagnostics.push({ file: e.file, line: e.line, column: 0, severity: 'error', message: e.message });
  return { diagnostics, object, ...(linked.elf ? { executable: linked.elf } : {}) };
}

/** `file:line: Error: message`, as GNU as prints a diagnostic. */
export function formatDiagnostic(d: AsmDiagnostic): string {
  return `${d.file}:${d.line}: ${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.message}`;
}
