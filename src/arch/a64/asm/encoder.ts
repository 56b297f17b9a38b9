// Instruction encoding from the one A64 table: every row and alias is a candidate for its mnemonic; its operand
// kinds are matched against the source by their inverses (./operands), the fields they leave open are solved from
// the alias condition and the row's `undef`, and the fixed bits come from the row's pattern.
import { encodeFields, EncodingRow, Fields } from '../encoding';
import { compileExpr } from '../expr';
import { A64_ROWS } from '../table';
import { MatchCtx, MatcherFactory, MatchState, normalizeOperands, OperandMatcher, PendingReloc, Value } from './match';
import { BASIC_MATCHERS, CONDITION_NAMES, optional } from './operands/basic';
import { SYS_MATCHERS } from './operands/sys';
import { MEM_MATCHERS } from './operands/mem';
import { SIMD_MATCHERS } from './operands/simd';

const FACTORIES: MatcherFactory[] = [...BASIC_MATCHERS, ...SYS_MATCHERS, ...MEM_MATCHERS, ...SIMD_MATCHERS];
const OPTIONAL = optional((spec, mn) => resolveIn(FACTORIES, spec, mn));

function resolveIn(list: MatcherFactory[], spec: string, mnemonic: string): OperandMatcher | undefined {
  for (const make of list) {
    const m = make(spec, mnemonic);
    if (m) return m;
  }
  return undefined;
}

function resolve(spec: string, mnemonic: string, where: string): OperandMatcher {
  const m = OPTIONAL(spec, mnemonic) ?? resolveIn(FACTORIES, spec, mnemonic);
  if (!m) throw new Error(`${where}: no assembler for operand kind '${spec}'`);
  return m;
}

interface Candidate {
  readonly row: EncodingRow;
  readonly ops: readonly string[];
  readonly when?: string;
  readonly preset: Fields;
  readonly mnemonic: string;
  matchers?: OperandMatcher[];
  readonly rank: number;
}

/** Every spelling of a mnemonic template with the fields each spelling fixes (`b.{bcond:b}` → b.eq, b.hs…). */
function expandTemplate(template: string): { text: string; f: Fields }[] {
  const m = /\{([^}]+)\}/.exec(template);
  if (!m) return [{ text: template, f: {} }];
  const head = template.slice(0, m.index);
  const tail = expandTemplate(template.slice(m.index + m[0].length));
  const part = m[1];
  let choices: { text: string; f: Fields }[];
  if (part.startsWith('bcond:')) {
    choices = Object.entries(CONDITION_NAMES).map(([name, c]) => ({ text: name, f: { cond: c } }));
  } else if (part === 'V2') {
    choices = [{ text: '', f: { Q: 0 } }, { text: '2', f: { Q: 1 } }];
  } else {
    const k = /^(\w+)\?(\w+)$/.exec(part);
    if (!k) throw new Error(`mnemonic template part {${part}}`);
    choices = [{ text: '', f: { [k[1]]: 0 } }, { text: k[2], f: { [k[1]]: 1 } }];
  }
  return choices.flatMap((c) => tail.map((t) => ({ text: head + c.text + t.text, f: { ...c.f, ...t.f } })));
}

/** GNU as prefers MOVZ, then MOVN, then ORR for `mov Rd, #imm`. */
function rankOf(ops: readonly string[]): number {
  if (ops.includes('MOVZ_IMM')) return 0;
  if (ops.includes('MOVN_IMM')) return 1;
  return 2;
}

let index: Map<string, Candidate[]> | undefined;

function candidates(): Map<string, Candidate[]> {
  if (index) return index;
  index = new Map();
  const add = (c: Omit<Candidate, 'mnemonic' | 'rank'>, template: string) => {
    for (const { text, f } of expandTemplate(template)) {
      const list = index!.get(text) ?? [];
      list.push({ ...c, preset: { ...c.preset, ...f }, mnemonic: text, rank: rankOf(c.ops) });
      index!.set(text, list);
    }
  };
  for (const row of A64_ROWS) {
    add({ row, ops: row.ops, preset: {} }, row.mnemonic);
    for (const a of row.aliases ?? []) add({ row, ops: a.ops, when: a.when, preset: {} }, a.mnemonic);
  }
  for (const list of index.values()) list.sort((a, b) => a.rank - b.rank);
  return index;
}

export interface EncodeInput {
  mnemonic: string;
  operands: string;
  pc: bigint;
  section: number;
  /** Evaluates an expression in `text` at `pos` (after an optional `#`). */
  value(text: string, pos: number): { end: number; v: Value } | undefined;
}

/** A failure: the mnemonic is unknown, or no form takes the operands (with GNU as's wording when we can tell why). */
export type EncodeResult = { word: number; reloc?: PendingReloc } | { error: 'mnemonic' | 'operands'; message?: string };

const MAX_STATES = 256;

function matchOperands(ctx: MatchCtx, matchers: OperandMatcher[], start: MatchState, failed?: { at: number }): MatchState[] {
  let states = [start];
  for (const [i, m] of matchers.entries()) {
    const next: MatchState[] = [];
    for (const st of states) {
      if (m.absent) next.push(...m.absent(ctx, st));
      let pos = st.pos;
      if (pos > 0) {
        if (ctx.text[pos] !== ',') continue;
        pos++;
      }
      if (pos < ctx.text.length) next.push(...m(ctx, { ...st, pos }));
    }
    states = next.slice(0, MAX_STATES);
    if (!states.length) { if (failed) failed.at = i; break; }
  }
  return states.filter((s) => s.pos === ctx.text.length);
}

/**
 * Fills the fields no operand fixed so that `goal` holds: equalities of the alias condition first, then the
 * smallest values of the fields the condition and `undef` name (all combinations when few, else one at a time).
 */
function completeFields(row: EncodingRow, f: Fields, goal: (f: Fields) => boolean, exprs: string): Fields | undefined {
  const open = row.fields.filter((s) => f[s.name] === undefined);
  const out: Fields = { ...f };
  for (const s of open) out[s.name] = 0;
  const isOpen = (n: string) => open.some((s) => s.name === n);
  const fixed = new Set<string>();
  if (!/\|\|/.test(exprs)) {
    for (const conj of exprs.split('&&')) {
      const m = /^\s*\(?\s*(\w+)\s*==\s*(\w+)\s*\)?\s*$/.exec(conj);
      if (!m) continue;
      const [, a, b] = m;
      const bv = /^\d/.test(b) ? Number(b) : isOpen(b) ? undefined : out[b];
      if (isOpen(a) && bv !== undefined) { out[a] = bv; fixed.add(a); } else if (isOpen(b) && !isOpen(a) && out[a] !== undefined) { out[b] = out[a]; fixed.add(b); }
    }
  }
  if (goal(out)) return out;
  const ids = new Set(exprs.match(/\b[A-Za-z_]\w*\b/g) ?? []);
  const free = open.filter((s) => ids.has(s.name) && !fixed.has(s.name));
  if (free.reduce((n, s) => n + s.width, 0) <= 14) {
    const visit = (i: number): boolean => {
      if (i === free.length) return goal(out);
      for (let v = 0; v < 2 ** free[i].width; v++) { out[free[i].name] = v; if (visit(i + 1)) return true; }
      out[free[i].name] = 0;
      return false;
    };
    return visit(0) ? out : undefined;
  }
  for (const s of free) {
    for (let v = 0; v < 2 ** Math.min(s.width, 12); v++) {
      out[s.name] = v;
      if (goal(out)) return out;
    }
    out[s.name] = 0;
  }
  return undefined;
}

/** The pattern's `x` bits, which GNU as sets (should-be-one fields such as Rs and Rt2 of exclusive loads). */
function shouldBeOne(row: EncodingRow): number {
  let m = row.mask;
  for (const s of row.fields) m |= ((2 ** s.width - 1) << s.lo);
  return ~m >>> 0;
}

/** Spellings GNU as accepts for a table mnemonic with the same operands. */
const SYNONYMS: Record<string, string> = { rev64: 'rev' };

const safe = (fn: (f: Fields) => unknown) => (f: Fields) => { try { return !!fn(f); } catch { return false; } };

/** GNU as's other spellings: an immediate inverted (BIC → AND #~imm), negated (ADD #-n → SUB), or unscaled (LDR → LDUR). */
function fallbacks(mn: string, operands: string): { mnemonic: string; operands: string }[] {
  const out: { mnemonic: string; operands: string }[] = [];
  const parts = operands.split(',');
  const last = parts[parts.length - 1]?.trim().replace(/^#/, '') ?? '';
  const head = parts.slice(0, -1).join(',');
  const inverted: Record<string, string> = { bic: 'and', bics: 'ands', orn: 'orr', eon: 'eor' };
  const negated: Record<string, string> = { add: 'sub', sub: 'add', adds: 'subs', subs: 'adds', cmp: 'cmn', cmn: 'cmp' };
  if (inverted[mn] && parts.length >= 2) out.push({ mnemonic: inverted[mn], operands: `${head}, #~(${last})` });
  if (negated[mn] && parts.length >= 2 && !/\blsl\b/i.test(last)) out.push({ mnemonic: negated[mn], operands: `${head}, #-(${last})` });
  const unscaled = /^(ld|st)r(b|h|sb|sh|sw)?$/.exec(mn);
  if (unscaled) out.push({ mnemonic: `${unscaled[1]}ur${unscaled[2] ?? ''}`, operands });
  if (mn === 'prfm') out.push({ mnemonic: 'prfum', operands });
  return out;
}

/** Encodes one instruction, or says whether the mnemonic or the operands were not recognised. */
export function encodeInstruction(input: EncodeInput): EncodeResult {
  const mn = input.mnemonic.toLowerCase();
  const first = encodeWith(input, mn, input.operands);
  if (!('error' in first) || first.error === 'mnemonic') return first;
  for (const f of fallbacks(mn, input.operands)) {
    const r = encodeWith(input, f.mnemonic, f.operands);
    if (!('error' in r)) return r;
  }
  return first;
}

function encodeWith(input: EncodeInput, mn: string, operands: string): EncodeResult {
  const list = [...candidates().get(mn) ?? [], ...candidates().get(SYNONYMS[mn]) ?? []];
  if (!list.length) return { error: 'mnemonic' };
  const text = normalizeOperands(operands);
  const lower = text.toLowerCase();
  let deepest: { at: number; spec: string; widths: Record<string, number> } | undefined;
  for (const strict of [true, false]) {
    for (const c of list) {
      if (!strict && !c.when) continue;
      c.matchers ??= c.ops.map((o) => resolve(o, c.mnemonic, `${c.row.form} ${c.mnemonic}`));
      const widths = Object.fromEntries(c.row.fields.map((s) => [s.name, s.width]));
      const ctx: MatchCtx = {
        text, lower, row: c.row, pc: input.pc, section: input.section, widths,
        value: (pos) => input.value(text, pos),
      };
      const undef = c.row.undef ? safe(compileExpr(c.row.undef)) : () => false;
      const when = c.when && strict ? safe(compileExpr(c.when)) : () => true;
      const failed = { at: -1 };
      const states = matchOperands(ctx, c.matchers, { pos: 0, f: { ...c.preset } }, failed);
      if (failed.at >= 0 && (!deepest || failed.at > deepest.at)) deepest = { at: failed.at, spec: c.ops[failed.at], widths };
      for (const st of states) {
        const f = completeFields(c.row, st.f, (x) => when(x) && !undef(x), `${strict && c.when ? c.when : 'true'} && ${c.row.undef ?? 'true'}`);
        if (f) return { word: (encodeFields(c.row, f) | shouldBeOne(c.row)) >>> 0, ...(st.reloc ? { reloc: st.reloc } : {}) };
      }
    }
  }
  return { error: 'operands', message: deepest && immediateMessage(text, deepest) };
}

/** GNU as's message for an immediate operand no form accepts, when the deepest match failed on one. */
function immediateMessage(text: string, d: { at: number; spec: string; widths: Record<string, number> }): string | undefined {
  const operands = splitTop(text);
  if (text && operands.length === d.at) return `comma expected between operands at operand ${d.at + 1}`;
  const operand = operands[d.at];
  if (operand === undefined || !/^#|^[-+(0-9]/.test(operand)) return undefined;
  const field = /^#x?=([A-Za-z]\w*)$/.exec(d.spec);
  if (field && d.widths[field[1]] !== undefined) return `immediate value out of range 0 to ${2 ** d.widths[field[1]] - 1} at operand ${d.at + 1}`;
  if (/^MOV[ZN]_IMM$|^ORR_IMM$/.test(d.spec)) return 'immediate cannot be moved by a single instruction';
  if (d.spec === 'AIMM') return 'immediate out of range';
  return undefined;
}

function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of text) {
    if (c === '[' || c === '{' || c === '(') depth++;
    if (c === ']' || c === '}' || c === ')') depth--;
    if (c === ',' && depth === 0) { out.push(cur); cur = ''; continue; }
    cur += c;
  }
  out.push(cur);
  return out;
}
