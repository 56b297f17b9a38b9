// The C preprocessor subset `.S` files use: #define (objects and functions), #undef, #include "…"/<…>,
// #if/#ifdef/#ifndef/#elif/#else/#endif with integer expressions and defined(), #error. Output keeps line
// numbers through `# N "file"` markers as cpp writes them.
import { evalExpr } from './expr';

export interface CppDiagnostic { file: string; line: number; message: string; }

interface MacroDef { params?: string[]; body: string; }

export interface CppOptions {
  file: string;
  /** Resolves an include: the file's path and text, or undefined when not found. */
  include(name: string, from: string, angled: boolean): { path: string; text: string } | undefined;
  defines?: Record<string, string>;
}

export function preprocess(source: string, opts: CppOptions): { text: string; diagnostics: CppDiagnostic[] } {
  const macros = new Map<string, MacroDef>([['__ASSEMBLER__', { body: '1' }], ['__aarch64__', { body: '1' }]]);
  for (const [k, v] of Object.entries(opts.defines ?? {})) macros.set(k, { body: v });
  const diagnostics: CppDiagnostic[] = [];
  const out: string[] = [];

  const expand = (text: string, depth = 0): string => {
    if (depth > 50) return text;
    let changed = false;
    const result = text.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|\b[A-Za-z_]\w*\b/g, (id) => {
      const m = macros.get(id);
      if (!m || m.params || id[0] === '"' || id[0] === "'") return id;
      changed = true;
      return m.body;
    });
    let res = result;
    // Function-like macros: NAME(args) with balanced parentheses.
    for (const [name, m] of macros) {
      if (!m.params) continue;
      const re = new RegExp(`\\b${name}\\s*\\(`, 'g');
      let match: RegExpExecArray | null;
      while ((match = re.exec(res))) {
        let depthP = 1;
        let i = match.index + match[0].length;
        const start = i;
        while (i < res.length && depthP) { if (res[i] === '(') depthP++; else if (res[i] === ')') depthP--; i++; }
        if (depthP) break;
        const args = splitTop(res.slice(start, i - 1));
        let body = m.body;
        m.params.forEach((p, k) => { body = body.replace(new RegExp(`#\\s*${p}\\b`, 'g'), JSON.stringify(args[k] ?? '')).replace(new RegExp(`\\b${p}\\b`, 'g'), args[k] ?? ''); });
        body = body.replace(/\s*##\s*/g, '');
        res = res.slice(0, match.index) + body + res.slice(i);
        re.lastIndex = match.index + body.length;
        changed = true;
      }
    }
    return changed ? expand(res, depth + 1) : res;
  };

  const condValue = (expr: string, file: string, line: number): boolean => {
    const e = expr.replace(/\bdefined\s*(?:\(\s*(\w+)\s*\)|(\w+))/g, (_, a, b) => (macros.has(a ?? b) ? '1' : '0'));
    const x = expand(e).replace(/\b[A-Za-z_]\w*\b/g, '0').replace(/(\d+)[uUlL]+\b/g, '$1');
    try {
      const r = evalExpr(x, 0, { symbol: () => undefined, dot: () => ({ n: 0n }), local: () => undefined });
      return !!r && r.v.n !== 0n;
    } catch {
      diagnostics.push({ file, line, message: `invalid #if expression: ${expr}` });
      return false;
    }
  };

  const run = (text: string, file: string, depth: number) => {
    if (depth > 20) { diagnostics.push({ file, line: 1, message: '#include nested too deeply' }); return; }
    out.push(`# 1 "${file}"`);
    const lines = text.split('\n');
    const stack: { active: boolean; taken: boolean }[] = [];
    let inComment = false;
    for (let n = 0; n < lines.length; n++) {
      let line = lines[n];
      const lineNo = n + 1;
      // Continuation lines join, keeping the line count with blank lines after.
      let extra = 0;
      while (line.endsWith('\\') && n + 1 < lines.length) { line = line.slice(0, -1) + lines[++n]; extra++; }
      const active = stack.every((s) => s.active);
      const d = inComment ? null : /^\s*#\s*(\w+)\s*(.*)$/.exec(line);
      if (d && /^(if|ifdef|ifndef|elif|else|endif|define|undef|include|error|warning|pragma|line)$/.test(d[1])) {
        const [, dir, rest0] = d;
        const rest = rest0.replace(/\/\/.*$|\/\*.*?\*\//g, '').trim();
        switch (dir) {
          case 'if': case 'ifdef': case 'ifndef': {
            const v = !active ? false : dir === 'if' ? condValue(rest, file, lineNo) : macros.has(rest.split(/\s/)[0]) === (dir === 'ifdef');
            stack.push({ active: v, taken: v || !active });
            break;
          }
          case 'elif': {
            const top = stack[stack.length - 1];
            if (!top) { diagnostics.push({ file, line: lineNo, message: '#elif without #if' }); break; }
            const outer = stack.slice(0, -1).every((s) => s.active);
            top.active = !top.taken && outer && condValue(rest, file, lineNo);
            top.taken ||= top.active;
            break;
          }
          case 'else': {
            const top = stack[stack.length - 1];
            if (!top) { diagnostics.push({ file, line: lineNo, message: '#else without #if' }); break; }
            top.active = !top.taken && stack.slice(0, -1).every((s) => s.active);
            top.taken = true;
            break;
          }
          case 'endif': if (!stack.pop()) diagnostics.push({ file, line: lineNo, message: '#endif without #if' }); break;
          case 'define': if (active) {
            const m = /^(\w+)(\(([^)]*)\))?\s*(.*)$/.exec(rest0.trim());
            if (m) macros.set(m[1], { params: m[2] ? m[3].split(',').map((p) => p.trim()).filter((p) => p) : undefined, body: m[4].replace(/\/\/.*$/, '').trim() });
          } break;
          case 'undef': if (active) macros.delete(rest); break;
          case 'include': if (active) {
            const m = /^(?:"([^"]+)"|<([^>]+)>)/.exec(expand(rest));
            const r = m ? opts.include(m[1] ?? m[2], file, !!m[2]) : undefined;
            if (!r) diagnostics.push({ file, line: lineNo, message: `${m?.[1] ?? m?.[2] ?? rest}: No such file or directory` });
            else { run(r.text, r.path, depth + 1); out.push(`# ${n + 2} "${file}"`); continue; }
          } break;
          case 'error': if (active) diagnostics.push({ file, line: lineNo, message: `#error ${rest}` }); break;
        }
        out.push('');
        for (let k = 0; k < extra; k++) out.push('');
        continue;
      }
      if (!active) { out.push(''); for (let k = 0; k < extra; k++) out.push(''); continue; }
      // Block comments spanning lines are left to the assembler; only track them to skip directives inside.
      const opens = (line.match(/\/\*/g) ?? []).length;
      const closes = (line.match(/\*\//g) ?? []).length;
      if (opens > closes) inComment = true; else if (closes > opens) inComment = false;
      out.push(expand(line));
      for (let k = 0; k < extra; k++) out.push('');
    }
    if (stack.length) diagnostics.push({ file, line: lines.length, message: 'unterminated #if' });
  };
  run(source, opts.file, 0);
  return { text: out.join('\n'), diagnostics };
}

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  out.push(cur.trim());
  return out;
}
