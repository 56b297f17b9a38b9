// Go to definition, find references and document symbols for labels, .equ/.set/#define symbols and macros,
// across the files a document includes and the files that include it.
import { DocumentSymbol, Location, Position, Range, SymbolKind } from 'vscode-languageserver/node';
import { Definition, DocumentIndex, localTarget, Span, wordAt } from './documentIndex';
import { Workspace } from './workspace';

const range = (s: Span): Range => Range.create(s.line, s.start, s.line, s.end);

/** The name under the cursor and, for a local label reference (`1b`), the definition it means. */
export function nameAt(ws: Workspace, uri: string, pos: Position): { name: string; local?: Definition } | undefined {
  const index = ws.index(uri);
  const code = index?.code[pos.line];
  if (!index || code === undefined) return undefined;
  const ref = index.references.find((r) => r.line === pos.line && r.start <= pos.character && pos.character <= r.end);
  if (ref?.direction) {
    const local = localTarget(index, ref);
    return local ? { name: ref.name, local } : undefined;
  }
  const word = wordAt(code, pos.character);
  return word && !word.text.startsWith('\\') ? { name: word.text } : undefined;
}

/**
 * Definitions of a name visible from a document: its own first, then the other files in scope; failing
 * those, labels of other files of the workspace (a symbol the linker resolves from another object).
 */
export function findDefinitions(ws: Workspace, uri: string, name: string): { uri: string; def: Definition }[] {
  const search = (uris: string[], wanted: (d: Definition) => boolean) => uris.flatMap((u) =>
    (ws.index(u)?.definitions ?? []).filter((d) => d.name === name && wanted(d)).map((def) => ({ uri: u, def })));
  const inScope = search(ws.scope(uri), (d) => d.kind !== 'local-label');
  return inScope.length ? inScope : search(ws.knownFiles(), (d) => d.kind === 'label');
}

export function definition(ws: Workspace, uri: string, pos: Position): Location[] {
  const n = nameAt(ws, uri, pos);
  if (!n) return [];
  if (n.local) return [Location.create(uri, range(n.local))];
  return findDefinitions(ws, uri, n.name).map((d) => Location.create(d.uri, range(d.def)));
}

export function references(ws: Workspace, uri: string, pos: Position, includeDeclaration: boolean): Location[] {
  const n = nameAt(ws, uri, pos);
  if (!n) return [];
  const index = ws.index(uri)!;
  if (n.local) {
    const target = n.local;
    const uses = index.references.filter((r) => r.direction && r.name === target.name && localTarget(index, r) === target);
    return [...(includeDeclaration ? [target] : []), ...uses].map((s) => Location.create(uri, range(s)));
  }
  const out: Location[] = [];
  for (const u of ws.scope(uri)) {
    const ix = ws.index(u);
    if (!ix) continue;
    if (includeDeclaration) {
      for (const d of ix.definitions) if (d.kind !== 'local-label' && d.name === n.name) out.push(Location.create(u, range(d)));
    }
    for (const r of ix.references) if (!r.direction && r.name === n.name) out.push(Location.create(u, range(r)));
  }
  return out;
}

const SYMBOL_KINDS: Record<Definition['kind'], SymbolKind> = {
  label: SymbolKind.Function, 'local-label': SymbolKind.Key, constant: SymbolKind.Constant,
  define: SymbolKind.Constant, macro: SymbolKind.Method, 'register-alias': SymbolKind.Variable,
};

/** Sections with the labels, symbols and macros defined in them; what precedes the first section is top-level. */
export function documentSymbols(index: DocumentIndex): DocumentSymbol[] {
  const top: DocumentSymbol[] = [];
  const sections = index.sections.map((s, i) => {
    const endLine = (index.sections[i + 1]?.line ?? index.lines.length) - 1;
    const full = Range.create(s.line, 0, Math.max(s.line, endLine), index.lines[Math.max(s.line, endLine)]?.length ?? 0);
    return DocumentSymbol.create(s.name, undefined, SymbolKind.Namespace, full, range(s), []);
  });
  top.push(...sections);
  for (const d of index.definitions) {
    if (d.kind === 'local-label') continue;
    const sym = DocumentSymbol.create(d.name, d.detail, SYMBOL_KINDS[d.kind], range(d), range(d));
    let owner: DocumentSymbol[] = top;
    index.sections.forEach((s, i) => { if (s.line <= d.line) owner = sections[i].children!; });
    owner.push(sym);
  }
  return top;
}
