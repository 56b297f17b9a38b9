// Diagnostics from the built-in assembler (src/arch/a64/asm): a document is assembled as GNU as would assemble
// it, with its includes read from the editor when open. Errors in an included file are shown on the include.
// A link error for an undefined symbol is a warning where the symbol is used, unless another file defines it.
import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver/node';
import { assemble } from '../arch/a64/asm';
import { pathToUri, uriToPath, Workspace } from './workspace';

/** Headers are C or fragments of another file: assembled through the files that include them. */
const HEADER = /\.(h|inc)$/;
const UNDEFINED_REFERENCE = /^undefined reference to `(.*)'$/;

export function assemblyDiagnostics(ws: Workspace, uri: string): Diagnostic[] {
  const path = uriToPath(uri);
  const index = ws.index(uri);
  const text = ws.openText(uri);
  if (!path || !index || text === undefined || HEADER.test(path)) return [];
  const readFile = (p: string) => {
    const open = ws.openText(pathToUri(p));
    if (open !== undefined) return open;
    try { return readFileSync(p, 'utf8'); } catch { return undefined; }
  };
  // The directories our own resolution found the includes in, so that the assembler reads the same files.
  const includeDirs = new Set(ws.folders);
  for (const inc of index.includes) {
    const found = uriToPath(ws.resolveInclude(uri, inc) ?? '');
    if (found?.endsWith(inc.path)) includeDirs.add(found.slice(0, found.length - inc.path.length) || '/');
  }
  const { diagnostics } = assemble(text, { fileName: path, readFile, includeDirs: [...includeDirs] });
  const out: Diagnostic[] = [];
  const lineRange = (line: number, column: number) => {
    const raw = index.lines[line] ?? '';
    return Range.create(line, Math.min(column, raw.length), line, Math.max(raw.trimEnd().length, column));
  };
  for (const d of diagnostics) {
    const severity = d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
    const undefinedSymbol = UNDEFINED_REFERENCE.exec(d.message)?.[1];
    if (undefinedSymbol !== undefined) {
      if (ws.definesAnywhere(undefinedSymbol)) continue;
      for (const r of index.references.filter((x) => x.name === undefinedSymbol && !x.direction)) {
        out.push({ range: Range.create(r.line, r.start, r.line, r.end), severity: DiagnosticSeverity.Warning, source: 'trapdoor-as',
          message: `${d.message}: no file of the workspace defines it` });
      }
      continue;
    }
    if (d.file === path) {
      out.push({ range: lineRange(d.line - 1, d.column), severity, source: 'trapdoor-as', message: d.message });
      continue;
    }
    // In an included file: on the include that brings it in (directly or through other includes).
    const inc = index.includes.find((i) => ws.closure(ws.resolveInclude(uri, i) ?? '').includes(pathToUri(d.file)))
      ?? index.includes.find((i) => basename(i.path) === basename(d.file));
    out.push({
      range: inc ? lineRange(inc.line, 0) : lineRange(0, 0), severity, source: 'trapdoor-as',
      message: `${basename(d.file)}:${d.line}: ${d.message}`,
    });
  }
  return out;
}
