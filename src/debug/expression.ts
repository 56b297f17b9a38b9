// The debugger's expression language, parsed: C-like integer expressions over registers, fields, symbols and
// memory (`*(u32*)ipa:0x…`), with address-space prefixes. Evaluation is in evaluate.ts.

export type MemType = 'u8' | 'u16' | 'u32' | 'u64' | 's8' | 's16' | 's32' | 's64';
export const MEM_TYPES: readonly MemType[] = ['u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64'];

export type Node =
  | { k: 'num'; v: bigint }
  | { k: 'name'; name: string }
  | { k: 'unary'; op: '-' | '~' | '!'; e: Node }
  | { k: 'bin'; op: string; l: Node; r: Node }
  | { k: 'cond'; c: Node; t: Node; f: Node }
  | { k: 'deref'; type: MemType; e: Node }
  | { k: 'space'; prefix: string; e: Node };

type Token =
  | { t: 'num'; v: bigint; at: number }
  | { t: 'name'; v: string; at: number }
  | { t: 'space'; v: string; at: number }
  | { t: 'op'; v: string; at: number };

/** An expression that cannot be parsed or evaluated, with what is wrong. */
export class EvalError extends Error {}

/** Address-space prefixes (addressSpace.ts gives their meaning). */
export const SPACE_PREFIXES = ['va', 'ipa', 'pa', 'el0', 'el1', 'el10', 'el2', 'el20', 'el3'] as const;

/** One token after optional white space: a space prefix, a number, a name, or an operator (longest first). */
const TOKEN = new RegExp(`\\s*(?:(${SPACE_PREFIXES.join('|')}):|(0x[0-9a-f_]+|0b[01_]+|[0-9][0-9_]*)(?![\\w.])|` +
  '([A-Za-z_$][\\w$.]*)|(<<|>>|<=|>=|==|!=|&&|\\|\\||[-+*/%&|^~!<>?:()]))', 'iy');

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (;;) {
    const from = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      const at = from + /^\s*/.exec(text.slice(from))![0].length;
      if (at < text.length) throw new EvalError(`unexpected \`${text[at]}' at column ${at + 1}`);
      return out;
    }
    const at = TOKEN.lastIndex - m[0].trimStart().length;
    if (m[1]) out.push({ t: 'space', v: m[1].toLowerCase(), at });
    else if (m[2]) out.push({ t: 'num', v: BigInt.asUintN(64, BigInt(m[2].replace(/_/g, ''))), at });
    else if (m[3]) out.push({ t: 'name', v: m[3], at });
    else out.push({ t: 'op', v: m[4], at });
  }
}

/** Binary operators by precedence, loosest first (C's order). */
const LEVELS: readonly (readonly string[])[] = [
  ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'],
];

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[], private readonly text: string) {}

  private peek(): Token | undefined { return this.toks[this.i]; }
  private isOp(v: string, at = this.i): boolean { const t = this.toks[at]; return t?.t === 'op' && t.v === v; }

  private expect(v: string): void {
    if (!this.isOp(v)) throw new EvalError(`expected \`${v}' ${this.where()}`);
    this.i++;
  }

  private where(): string {
    const t = this.peek();
    return t ? `at column ${t.at + 1}` : 'at the end';
  }

  parseAll(): Node {
    if (this.toks.length === 0) throw new EvalError('empty expression');
    const n = this.conditional();
    const t = this.peek();
    if (t) throw new EvalError(`unexpected \`${this.text.slice(t.at).split(/\s/)[0]}' at column ${t.at + 1}`);
    return n;
  }

  private conditional(): Node {
    const c = this.binary(0);
    if (!this.isOp('?')) return c;
    this.i++;
    const t = this.conditional();
    this.expect(':');
    return { k: 'cond', c, t, f: this.conditional() };
  }

  private binary(level: number): Node {
    if (level === LEVELS.length) return this.unary();
    let l = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t?.t !== 'op' || !LEVELS[level].includes(t.v)) return l;
      this.i++;
      l = { k: 'bin', op: t.v, l, r: this.binary(level + 1) };
    }
  }

  /** A cast `(u32*)` at the cursor: its type, the cursor left after it; undefined when there is none. */
  private cast(): MemType | undefined {
    const t = this.toks[this.i + 1];
    if (!this.isOp('(') || t?.t !== 'name' || !this.isOp('*', this.i + 2) || !this.isOp(')', this.i + 3)) return undefined;
    const type = t.v.toLowerCase() as MemType;
    if (!MEM_TYPES.includes(type)) throw new EvalError(`unknown type \`${t.v}' (${MEM_TYPES.join(', ')})`);
    this.i += 4;
    return type;
  }

  private unary(): Node {
    const t = this.peek();
    if (!t) throw new EvalError('expression ends too early');
    if (t.t === 'op' && (t.v === '-' || t.v === '~' || t.v === '!' || t.v === '+')) {
      this.i++;
      const e = this.unary();
      return t.v === '+' ? e : { k: 'unary', op: t.v, e };
    }
    if (t.t === 'op' && t.v === '*') {
      this.i++;
      const type = this.cast() ?? 'u64';
      return { k: 'deref', type, e: this.unary() };
    }
    if (t.t === 'space') {
      this.i++;
      return { k: 'space', prefix: t.v, e: this.unary() };
    }
    return this.primary();
  }

  private primary(): Node {
    const t = this.peek()!;
    this.i++;
    if (t.t === 'num') return { k: 'num', v: t.v };
    if (t.t === 'name') return { k: 'name', name: t.v };
    if (t.t === 'op' && t.v === '(') {
      if (this.cast()) throw new EvalError('a cast is only allowed after `*\' (as in *(u32*)addr)');
      const e = this.conditional();
      this.expect(')');
      return e;
    }
    throw new EvalError(`unexpected \`${t.v}' at column ${t.at + 1}`);
  }
}

/** Parsed expressions by text: a breakpoint condition is evaluated at every hit. */
const parsed = new Map<string, Node>();

export function parseExpression(text: string): Node {
  let n = parsed.get(text);
  if (!n) {
    n = new Parser(tokenize(text), text).parseAll();
    if (parsed.size >= 512) parsed.clear();
    parsed.set(text, n);
  }
  return n;
}

/** `lhs = rhs` split at its one assignment `=` (not part of ==, !=, <=, >=); undefined for an expression. */
export function splitAssignment(text: string): [string, string] | undefined {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '=') continue;
    if ('=!<>'.includes(text[i - 1] ?? '') || text[i + 1] === '=') { i++; continue; }
    return [text.slice(0, i).trim(), text.slice(i + 1).trim()];
  }
  return undefined;
}
