// gas's text machinery: macro definitions and their arguments (`\arg`, defaults, `:vararg`, `\()`, `\@`),
// and the conditions of .if/.ifdef/.ifc/.ifb and their negations.
import { splitArgs, splitMacroArgs, SrcLine } from './source';

export interface Macro { params: { name: string; def?: string; vararg?: boolean }[]; body: SrcLine[]; }

/** `.macro name a, b=1, rest:vararg`: the name and the parameters. */
export function parseMacroHead(text: string): { name: string; params: Macro['params'] } {
  const [name] = text.split(/[\s,]+/).filter((x) => x);
  const paramText = text.slice(text.indexOf(name) + name.length).replace(/^\s*,/, '');
  const params = splitMacroArgs(paramText).map((p) => {
    const m = /^([A-Za-z_.$][\w.$]*)(?::(req|vararg))?(?:\s*=\s*(.*))?$/.exec(p.trim());
    return { name: m?.[1] ?? p, def: m?.[3], vararg: m?.[2] === 'vararg' };
  });
  return { name, params };
}

/** The value of each parameter for an invocation: positional or `name=value`, quotes removed as gas removes them. */
export function bindMacroArgs(macro: Macro, argText: string, tooMany: () => void): Map<string, string> {
  const args = (argText.trim() ? splitMacroArgs(argText) : []).map((a) => (/^"(?:[^"\\]|\\.)*"$/.test(a) ? a.slice(1, -1) : a));
  const map = new Map<string, string>();
  let pos = 0;
  for (const a of args) {
    const kw = /^([A-Za-z_.$][\w.$]*)\s*=(.*)$/.exec(a);
    if (kw && macro.params.some((p) => p.name === kw[1])) { map.set(kw[1], kw[2].trim()); continue; }
    const p = macro.params[pos++];
    if (!p) { tooMany(); break; }
    map.set(p.name, p.vararg ? args.slice(pos - 1).join(', ') : a);
    if (p.vararg) break;
  }
  for (const p of macro.params) if (!map.has(p.name)) map.set(p.name, p.def ?? '');
  return map;
}

/** Replaces `\name` by macro arguments and removes `\()` separators. */
export function substitute(text: string, args: Map<string, string>): string {
  return text.replace(/\\(\(\)|@|[A-Za-z_.$][\w.$]*)/g, (all, name: string) => {
    if (name === '()') return '';
    return args.has(name) ? args.get(name)! : all;
  });
}

/** Whether a conditional directive's condition holds (the expression is evaluated only when it is needed). */
export function conditionHolds(name: string, arg: string, isDefined: (sym: string) => boolean, value: () => bigint): boolean {
  switch (name) {
    case '.ifdef': return isDefined(arg.trim());
    case '.ifndef': case '.ifnotdef': return !isDefined(arg.trim());
    case '.ifc': case '.ifnc': { const [a, b] = splitArgs(arg); return (a === b) === (name === '.ifc'); }
    case '.ifb': return arg.trim() === '';
    case '.ifnb': return arg.trim() !== '';
    default: {
      const v = value();
      const cmp: Record<string, boolean> = {
        '.if': v !== 0n, '.ifne': v !== 0n, '.ifeq': v === 0n, '.ifgt': v > 0n, '.ifge': v >= 0n, '.iflt': v < 0n, '.ifle': v <= 0n,
      };
      return cmp[name] ?? false;
    }
  }
}
