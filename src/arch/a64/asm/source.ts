// Source text as GNU as reads it: statements split at `;` and newlines with comments removed, labels, and the
// macro, repetition and conditional machinery that turns lines into more lines.
export interface SrcLine { text: string; file: string; line: number; }

/** Strips `//`, `/* … *\/` and `#`-at-line-start comments (cpp line markers are kept), keeping strings intact. */
export function splitStatements(source: string, file: string): SrcLine[] {
  const out: SrcLine[] = [];
  let inBlock = false;
  let curFile = file;
  let lineNo = 0;
  for (const raw of source.split('\n')) {
    lineNo++;
    let text = '';
    let i = 0;
    if (!inBlock) {
      const marker = /^#\s*(?:line\s+)?(\d+)\s+"([^"]*)"/.exec(raw);
      if (marker) { lineNo = Number(marker[1]) - 1; curFile = marker[2] || file; continue; }
      if (/^\s*#/.test(raw)) continue;
    }
    const stmts: string[] = [];
    while (i < raw.length) {
      if (inBlock) {
        const e = raw.indexOf('*/', i);
        if (e < 0) { i = raw.length; break; }
        inBlock = false; i = e + 2; text += ' '; continue;
      }
      const c = raw[i];
      if (c === '"') {
        let j = i + 1;
        while (j < raw.length && raw[j] !== '"') j += raw[j] === '\\' ? 2 : 1;
        text += raw.slice(i, j + 1); i = j + 1; continue;
      }
      if (c === "'" && i + 1 < raw.length) { const n = raw[i + 1] === '\\' ? 3 : 2; text += raw.slice(i, i + n); i += n; continue; }
      if (c === '/' && raw[i + 1] === '/') break;
      if (c === '/' && raw[i + 1] === '*') { inBlock = true; i += 2; continue; }
      if (c === ';') { stmts.push(text); text = ''; i++; continue; }
      text += c; i++;
    }
    stmts.push(text);
    for (const s of stmts) out.push({ text: s, file: curFile, line: lineNo });
  }
  return out;
}

/** The index of the `"` that closes the string opening at `open` (backslash escapes skipped), or the end. */
function closingQuote(s: string, open: number): number {
  let j = open + 1;
  while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
  return j;
}

/** Splits `a, b, c` at top-level commas (outside quotes and brackets). */
export function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      const j = closingQuote(s, i);
      cur += s.slice(i, j + 1); i = j; continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    if (c === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  if (cur.trim() !== '' || out.length) out.push(cur.trim());
  return out;
}

/** Macro arguments: separated by commas, or by blanks outside quotes and parentheses as gas allows. */
export function splitMacroArgs(s: string): string[] {
  const parts = splitArgs(s);
  if (parts.length > 1) return parts;
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      const j = closingQuote(s, i);
      cur += s.slice(i, j + 1); i = j; continue;
    }
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (/\s/.test(c) && depth === 0) {
      // `a + b` stays one argument: a blank next to an operator does not separate.
      const prev = cur.trimEnd().slice(-1);
      const next = s.slice(i).trimStart()[0];
      if (cur.trim() && next && !/[-+*/|&^<>=!%]/.test(prev) && !/[-+*/|&^<>=!%]/.test(next)) { out.push(cur.trim()); cur = ''; }
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Decodes a string literal body with C escapes, as .ascii does. */
export function parseString(s: string, pos: number): { bytes: number[]; end: number } | undefined {
  if (s[pos] !== '"') return undefined;
  const bytes: number[] = [];
  let i = pos + 1;
  while (i < s.length && s[i] !== '"') {
    if (s[i] !== '\\') { for (const b of Buffer.from(s[i], 'utf8')) bytes.push(b); i++; continue; }
    const c = s[i + 1];
    i += 2;
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, e: 27, '\\': 92, '"': 34, "'": 39 };
    if (c in simple) bytes.push(simple[c]);
    else if (/[0-7]/.test(c)) {
      let j = i - 1;
      let v = 0;
      while (j < i + 2 && /[0-7]/.test(s[j])) v = v * 8 + Number(s[j++]);
      bytes.push(v & 255); i = j;
    } else if (c === 'x') {
      const m = /^[0-9a-fA-F]+/.exec(s.slice(i));
      bytes.push(m ? parseInt(m[0], 16) & 255 : 0); i += m ? m[0].length : 0;
    } else bytes.push(c.charCodeAt(0));
  }
  return i < s.length ? { bytes, end: i + 1 } : undefined;
}
