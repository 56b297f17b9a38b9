// The files the server knows: open documents (their editor text) and assembly files on disk (the workspace's
// and those reached by includes), each indexed once per version; includes resolved relative to the including
// file, then to the workspace folders; and the set of files a name can be defined in for a given document.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DocumentIndex, Include, indexDocument } from './documentIndex';

const SOURCE_FILE = /\.(S|s|asm|inc|h)$/;
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'out']);
/** Enough for any firmware or hypervisor tree; a huge workspace is not walked further. */
const MAX_SCANNED_FILES = 5000;

export function uriToPath(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

export class Workspace {
  private readonly open = new Map<string, { version: number; text: string; index?: DocumentIndex }>();
  private readonly disk = new Map<string, { mtimeMs: number; index: DocumentIndex }>();
  private readonly scanned = new Set<string>();
  private readonly resolved = new WeakMap<DocumentIndex, (string | undefined)[]>();

  private includeDirs: string[] = [];

  constructor(private readonly isMnemonic: (word: string) => boolean, private roots: string[] = []) {}

  get folders(): readonly string[] {
    return this.roots;
  }

  /**
   * Sets the workspace folders and the include directories (`-I`; relative ones are in the first folder), and
   * lists the folders' assembly sources (indexed when first needed).
   */
  setRoots(roots: string[], includeDirs: readonly string[] = []): void {
    this.roots = roots;
    this.includeDirs = includeDirs.map((d) => (isAbsolute(d) || roots.length === 0 ? d : join(roots[0], d)));
    this.scanned.clear();
    const walk = (dir: string) => {
      let entries;
      try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
      for (const e of entries) {
        if (this.scanned.size >= MAX_SCANNED_FILES) return;
        if (e.isDirectory() && !SKIPPED_DIRS.has(e.name)) walk(join(dir, e.name));
        else if (e.isFile() && SOURCE_FILE.test(e.name)) this.scanned.add(pathToUri(join(dir, e.name)));
      }
    };
    roots.forEach(walk);
  }

  /** A file appeared in the workspace (file watching): it is known from now on, if it is assembly source. */
  fileCreated(uri: string): void {
    const path = uriToPath(uri);
    if (path && SOURCE_FILE.test(path) && this.scanned.size < MAX_SCANNED_FILES) this.scanned.add(uri);
  }

  /** A file was deleted: its definitions are gone. */
  fileDeleted(uri: string): void {
    this.scanned.delete(uri);
    this.disk.delete(uri);
  }

  setOpen(uri: string, version: number, text: string): void {
    this.open.set(uri, { version, text });
  }

  close(uri: string): void {
    this.open.delete(uri);
  }

  /** The editor's text of an open document. */
  openText(uri: string): string | undefined {
    return this.open.get(uri)?.text;
  }

  /** Every file the server knows: open, in the workspace folders, or reached by an include. */
  knownFiles(): string[] {
    return [...new Set([...this.open.keys(), ...this.scanned, ...this.disk.keys()])];
  }

  /** Whether any known file defines a name. */
  definesAnywhere(name: string): boolean {
    return this.knownFiles().some((u) => this.index(u)?.definitions.some((d) => d.name === name && d.kind !== 'local-label'));
  }

  /** The index of a document: the editor's text when open, else the file on disk (re-read when it changes). */
  index(uri: string): DocumentIndex | undefined {
    const doc = this.open.get(uri);
    if (doc) return (doc.index ??= indexDocument(doc.text, this.isMnemonic));
    const path = uriToPath(uri);
    if (!path) return undefined;
    let mtimeMs: number;
    try { mtimeMs = statSync(path).mtimeMs; } catch { return undefined; }
    const cached = this.disk.get(uri);
    if (cached && cached.mtimeMs === mtimeMs) return cached.index;
    const index = indexDocument(readFileSync(path, 'utf8'), this.isMnemonic);
    this.disk.set(uri, { mtimeMs, index });
    return index;
  }

  /**
   * The file an include names: next to the including file, in an include directory, in a workspace folder (or
   * its `include/`); else, as a build's `-I` would have found it, the workspace file of that name nearest the
   * including file.
   */
  resolveInclude(fromUri: string, inc: Include): string | undefined {
    const from = uriToPath(fromUri);
    if (isAbsolute(inc.path)) return existsSync(inc.path) ? pathToUri(inc.path) : undefined;
    const dirs = [...(from ? [dirname(from)] : []), ...this.includeDirs, ...this.roots, ...this.roots.map((r) => join(r, 'include'))];
    for (const d of dirs) {
      const p = join(d, inc.path);
      if (existsSync(p) && statSync(p).isFile()) return pathToUri(p);
    }
    const suffix = `/${inc.path.replace(/^(\.\/)+/, '')}`;
    const shared = (u: string) => { let i = 0; while (i < u.length && u[i] === fromUri[i]) i++; return i; };
    return [...this.scanned].filter((u) => decodeURIComponent(u).endsWith(suffix)).sort((a, b) => shared(b) - shared(a))[0];
  }

  /** The document and every file it includes, directly or not, in include order. */
  closure(uri: string): string[] {
    const seen = [uri];
    for (let i = 0; i < seen.length; i++) {
      const index = this.index(seen[i]);
      if (!index) continue;
      // Resolved once per version of the including file: scope() asks for every file's closure on each request.
      let targets = this.resolved.get(index);
      if (!targets) this.resolved.set(index, (targets = index.includes.map((inc) => this.resolveInclude(seen[i], inc))));
      for (const t of targets) if (t && !seen.includes(t)) seen.push(t);
    }
    return seen;
  }

  /**
   * The files whose names a document can use or be used by: its own include closure, and the closures of
   * the files that include it (a header's macro is used in the sources that include the header).
   */
  scope(uri: string): string[] {
    const result = new Set(this.closure(uri));
    for (const other of new Set([...this.open.keys(), ...this.scanned])) {
      if (other === uri) continue;
      const c = this.closure(other);
      if (c.includes(uri)) c.forEach((u) => result.add(u));
    }
    return [...result];
  }
}
