// The symbols of one assembly document: label, .equ/.set, #define and macro definitions, every use of a name,
// .include/#include directives and sections, read line by line with comments and strings blanked out.
import { GPR_PATTERN, SIMD_REGISTER_PATTERN, ARRANGEMENT_PATTERN } from './vocabulary';

export type DefinitionKind = 'label' | 'local-label' | 'constant' | 'define' | 'macro' | 'register-alias';

export interface Span { readonly line: number; readonly start: number; readonly end: number }

export interface Definition extends Span {
  readonly name: string;
  readonly kind: DefinitionKind;
  /** Parameters of a macro, value of a constant. */
  readonly detail?: string;
}

export interface Reference extends Span {
  readonly name: string;
  /** A local numeric label reference `1b` (backward) or `1f` (forward); `name` is then the number. */
  readonly direction?: 'b' | 'f';
}

/** An included file; the span is the path's text. */
export interface Include extends Span { readonly path: string; readonly preprocessor: boolean }

export interface Section extends Span { readonly name: string }

export interface DocumentIndex {
  /** Each line with comments and string contents replaced by spaces (columns unchanged). */
  readonly code: readonly string[];
  readonly lines: readonly string[];
  readonly definitions: readonly Definition[];
  readonly references: readonly Reference[];
  readonly includes: readonly Include[];
  readonly sections: readonly Section[];
}

const IDENT = /[A-Za-z_.$][A-Za-z0-9_.$]*/y;
const REGISTER = new RegExp(`^(?:${GPR_PATTERN}|${SIMD_REGISTER_PATTERN}(?:\\.${ARRANGEMENT_PATTERN})?)$`, 'i');
const SECTION_DIRECTIVES = new Set(['.text', '.data', '.bss', '.rodata']);
const CONSTANT_DIRECTIVES = new Set(['.equ', '.set', '.equiv', '.eqv']);

/** Comments and the contents of strings and character constants as spaces, across lines for block comments. */
export function blankComments(lines: readonly string[]): string[] {
  let inBlock = false;
  return lines.map((line) => {
    const out = line.split('');
    if (!inBlock && /^\s*#(?!\s*[a-z]+\b)/.test(line)) return ' '.repeat(line.length);
    for (let i = 0; i < line.length; i++) {
      if (inBlock) {
        if (line.startsWith('*/', i)) { inBlock = false; out[i] = out[i + 1] = ' '; i++; } else out[i] = ' ';
      } else if (line.startsWith('/*', i)) {
        inBlock = true; out[i] = out[i + 1] = ' '; i++;
      } else if (line.startsWith('//', i)) {
        for (let j = i; j < line.length; j++) out[j] = ' ';
        break;
      } else if (line[i] === '"') {
        for (i++; i < line.length && line[i] !== '"'; i++) { if (line[i] === '\\') out[i++] = ' '; out[i] = ' '; }
      } else if (line[i] === '\'' && !/[A-Za-z0-9_]/.test(line[i - 1] ?? '')) {
        if (line[i + 1] === '\\') out[i + 1] = out[i + 2] = ' '; else if (i + 1 < line.length) out[i + 1] = ' ';
      }
    }
    return out.join('');
  });
}

/** Where the statements of a code line are: split at `;`. */
export function statementSpans(code: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= code.length; i++) {
    if (i === code.length || code[i] === ';') { spans.push([start, i]); start = i + 1; }
  }
  return spans;
}

/** Leading `name:` and `1:` label definitions of a statement: the names, and where the rest begins. */
export function statementLabels(code: string, start: number): { labels: { name: string; start: number }[]; rest: number } {
  const labels: { name: string; start: number }[] = [];
  const re = /\s*([A-Za-z_.$\\][A-Za-z0-9_.$\\()]*|[0-9]+)\s*:(?!:)/y;
  let pos = start;
  for (let m = (re.lastIndex = pos, re.exec(code)); m; m = (re.lastIndex = pos, re.exec(code))) {
    labels.push({ name: m[1], start: m.index + m[0].indexOf(m[1]) });
    pos = re.lastIndex;
  }
  return { labels, rest: pos };
}

/** The identifier at a column of a code line (a name, `b.eq`, `v0.4s`, a local label reference `1b`). */
export function wordAt(code: string, character: number): { text: string; start: number; end: number } | undefined {
  const re = /[0-9]+[bf]\b|[A-Za-z_.$\\][A-Za-z0-9_.$]*/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    if (m.index <= character && character <= m.index + m[0].length) return { text: m[0], start: m.index, end: m.index + m[0].length };
    if (m.index > character) break;
  }
  return undefined;
}

/** The names a span of operands uses: identifiers other than registers, macro arguments and relocation operators. */
function operandReferences(code: string, line: number, from: number, to: number, out: Reference[]): void {
  const local = /(?<![A-Za-z0-9_.$])([0-9]+)([bf])(?![A-Za-z0-9_.$])/g;
  local.lastIndex = from;
  for (let m = local.exec(code); m && m.index < to; m = local.exec(code)) {
    out.push({ name: m[1], direction: m[2] as 'b' | 'f', line, start: m.index, end: m.index + m[1].length + 1 });
  }
  for (let i = from; i < to; i++) {
    const ch = code[i];
    if (/[0-9]/.test(ch)) { while (i < to && /[A-Za-z0-9_.$]/.test(code[i + 1] ?? '')) i++; continue; }
    IDENT.lastIndex = i;
    const m = IDENT.exec(code);
    if (!m) continue;
    const name = m[0];
    const end = i + name.length;
    const macroArgument = code[i - 1] === '\\';
    const relocation = code[i - 1] === ':' && code[end] === ':';
    if (!macroArgument && !relocation && name !== '.' && !REGISTER.test(name)) out.push({ name, line, start: i, end });
    i = end - 1;
  }
}

/**
 * Indexes a document. `isMnemonic` tells instructions from macro invocations at the start of a statement
 * (the instruction table knows the mnemonics; everything else there is a macro's name).
 */
export function indexDocument(text: string, isMnemonic: (word: string) => boolean): DocumentIndex {
  const lines = text.split(/\r?\n/);
  const code = blankComments(lines);
  const definitions: Definition[] = [];
  const references: Reference[] = [];
  const includes: Include[] = [];
  const sections: Section[] = [];
  const define = (name: string, kind: DefinitionKind, line: number, start: number, detail?: string) =>
    definitions.push({ name, kind, line, start, end: start + name.length, ...(detail ? { detail } : {}) });

  lines.forEach((raw, line) => {
    const c = code[line];
    const pre = /^\s*#\s*([a-z]+)/.exec(c);
    if (pre) {
      const inc = /^\s*#\s*include\s*(["<])([^">]*)[">]/.exec(raw);
      if (inc) {
        const start = inc[0].length - inc[2].length - 1;
        includes.push({ path: inc[2], preprocessor: true, line, start, end: start + inc[2].length });
        return;
      }
      let from = pre[0].length;
      const def = /^\s*#\s*define\s+([A-Za-z_]\w*)/.exec(c);
      if (def) {
        define(def[1], 'define', line, def[0].length - def[1].length, raw.slice(def[0].length).trim());
        from = def[0].length;
      }
      const refs: Reference[] = [];
      operandReferences(c, line, from, c.length, refs);
      references.push(...refs.filter((r) => r.name !== 'defined'));
      return;
    }
    for (const [s, e] of statementSpans(c)) {
      const { labels, rest } = statementLabels(c, s);
      // A label pasted from macro arguments (`vectors_\name:`) has a name only in each expansion.
      for (const l of labels.filter((x) => !x.name.includes('\\'))) define(l.name, /^[0-9]+$/.test(l.name) ? 'local-label' : 'label', line, l.start);
      const head = /\s*([A-Za-z_.$][A-Za-z0-9_.$]*)/y;
      head.lastIndex = rest;
      const h = head.exec(c);
      if (!h || h.index >= e) continue;
      const word = h[1];
      const wordStart = head.lastIndex - word.length;
      let operands = head.lastIndex;
      const lower = word.toLowerCase();
      if (lower === '.macro') {
        const m = /\s+([A-Za-z_.$][A-Za-z0-9_.$]*)(.*)/y;
        m.lastIndex = operands;
        const mm = m.exec(c.slice(0, e));
        if (mm) define(mm[1], 'macro', line, operands + mm[0].indexOf(mm[1]), mm[2].trim());
        continue;
      }
      if (CONSTANT_DIRECTIVES.has(lower)) {
        const m = /\s+([A-Za-z_.$][A-Za-z0-9_.$]*)\s*,?/y;
        m.lastIndex = operands;
        const mm = m.exec(c);
        if (mm) {
          define(mm[1], 'constant', line, operands + mm[0].indexOf(mm[1]), c.slice(m.lastIndex, e).trim());
          operands = m.lastIndex;
        }
      } else if (lower === '.include') {
        const inc = /\s*"([^"]*)"/y;
        inc.lastIndex = operands;
        const mm = inc.exec(raw);
        if (mm) includes.push({ path: mm[1], preprocessor: false, line, start: inc.lastIndex - 1 - mm[1].length, end: inc.lastIndex - 1 });
        continue;
      } else if (lower === '.section' || lower === '.pushsection') {
        const m = /\s+([A-Za-z_.$][A-Za-z0-9_.$]*)/y;
        m.lastIndex = operands;
        const mm = m.exec(c);
        if (mm) sections.push({ name: mm[1], line, start: wordStart, end: m.lastIndex });
        continue;
      } else if (SECTION_DIRECTIVES.has(lower)) {
        sections.push({ name: lower, line, start: wordStart, end: wordStart + word.length });
      } else if (!word.startsWith('.')) {
        const assign = /\s*=(?!=)/y;
        assign.lastIndex = operands;
        const req = /\s+\.req\b/iy;
        req.lastIndex = operands;
        if (assign.exec(c)) {
          define(word, 'constant', line, wordStart, c.slice(assign.lastIndex, e).trim());
          operands = assign.lastIndex;
        } else if (req.exec(c)) {
          define(word, 'register-alias', line, wordStart, c.slice(req.lastIndex, e).trim());
          operands = req.lastIndex;
        } else if (!isMnemonic(word)) {
          references.push({ name: word, line, start: wordStart, end: wordStart + word.length });
        }
      }
      operandReferences(c, line, operands, e, references);
    }
  });
  return { code, lines, definitions, references, includes, sections };
}

/** The local label definition a `1b`/`1f` reference names: the nearest before or after it. */
export function localTarget(index: DocumentIndex, ref: Reference): Definition | undefined {
  const defs = index.definitions.filter((d) => d.kind === 'local-label' && d.name === ref.name);
  const before = (d: Definition) => d.line < ref.line || (d.line === ref.line && d.start < ref.start);
  return ref.direction === 'b' ? defs.filter(before).pop() : defs.find((d) => !before(d));
}
