// GNU as expressions: numbers, characters, symbols, `.`, local labels `1b`/`1f`, `:lo12:`, and the operators
// with as's precedence (* / % << >> above | & ^ above + - and comparisons above && ||).
import type { Value } from './match';

export interface ExprEnv {
  /** A symbol's value, or undefined when it is not defined (yet). */
  symbol(name: string): Value | undefined;
  /** The location counter. */
  dot(): Value;
  /** The nearest local label `n` before (b) or after (f) this statement. */
  local(n: string, dir: 'b' | 'f'): Value | undefined;
}

export class ExprError extends Error {}

const BINARY: Record<string, number> = {
  '*': 4, '/': 4, '%': 4, '<<': 4, '>>': 4,
  '|': 3, '&': 3, '^': 3, '!': 3,
  '+': 2, '-': 2, '==': 2, '!=': 2, '<>': 2, '<': 2, '>': 2, '<=': 2, '>=': 2,
  '&&': 1, '||': 1,
};

export interface ParsedExpr { end: number; v: Value; undefinedSymbols: string[]; }

/** Parses and evaluates the expression at `pos` of `s` (an optional leading `#` is skipped). */
export function evalExpr(s: string, pos: number, env: ExprEnv): ParsedExpr | undefined {
  let p = pos;
  const undefinedSymbols: string[] = [];
  const ws = () => { while (s[p] === ' ' || s[p] === '\t') p++; };
  ws();
  if (s[p] === '#') p++;
  ws();
  const start = p;

  const primary = (): Value | undefined => {
    ws();
    const rest = s.slice(p);
    let m: RegExpExecArray | null;
    if (rest.startsWith(':lo12:')) {
      p += 6;
      const v = unary();
      return v && { ...v, lo12: true };
    }
    if (s[p] === '(') {
      p++;
      const v = binary(0);
      ws();
      if (s[p] !== ')') throw new ExprError('missing \')\'');
      p++;
      return v;
    }
    if ((m = /^([0-9]+)([bf])(?![0-9a-zA-Z_])/.exec(rest))) {
      p += m[0].length;
      const v = env.local(m[1], m[2] as 'b' | 'f');
      // An undefined local label reads as `.` so that the statement still encodes; the caller reports it.
      if (!v) { undefinedSymbols.push(`${m[1]}${m[2]}`); return env.dot(); }
      return v;
    }
    if ((m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)(?![0-9a-zA-Z_.])/.exec(rest))) {
      p += m[0].length;
      const t = m[1];
      const n = /^0[0-7]+$/.test(t) ? BigInt(`0o${t.slice(1)}`) : BigInt(t);
      return { n };
    }
    if ((m = /^'(\\.|[^\\])'?/.exec(rest))) {
      p += m[0].length;
      const c = m[1].length === 2 ? ({ n: 10, t: 9, r: 13, 0: 0, '\\': 92, "'": 39 } as Record<string, number>)[m[1][1]] ?? m[1].charCodeAt(1) : m[1].charCodeAt(0);
      return { n: BigInt(c) };
    }
    if ((m = /^[A-Za-z_.$][A-Za-z0-9_.$]*/.exec(rest))) {
      p += m[0].length;
      if (m[0] === '.') return env.dot();
      const v = env.symbol(m[0]);
      if (!v) { undefinedSymbols.push(m[0]); return { n: 0n, sym: m[0] }; }
      return v;
    }
    return undefined;
  };

  const unary = (): Value | undefined => {
    ws();
    const c = s[p];
    if (c === '-' || c === '~' || c === '!' || c === '+') {
      p++;
      const v = unary();
      if (!v) return undefined;
      if (c === '+') return v;
      absolute(v, c);
      return { n: c === '-' ? -v.n : c === '~' ? ~v.n : v.n === 0n ? 1n : 0n };
    }
    return primary();
  };

  const binary = (minPrec: number): Value | undefined => {
    let left = unary();
    if (!left) return undefined;
    for (;;) {
      ws();
      const m = /^(<<|>>|==|!=|<>|<=|>=|&&|\|\||[*/%|&^!+\-<>])/.exec(s.slice(p));
      if (!m || BINARY[m[1]] === undefined || BINARY[m[1]] <= minPrec - 1 || BINARY[m[1]] < minPrec) return left;
      const op = m[1];
      const save = p;
      p += op.length;
      const right = binary(BINARY[op] + 1);
      if (!right) { p = save; return left; }
      left = apply(op, left, right);
    }
  };

  const v = binary(0);
  if (!v || p === start) return undefined;
  return { end: p, v, undefinedSymbols };
}

function absolute(v: Value, op: string): void {
  if (v.sec !== undefined || v.sym !== undefined) throw new ExprError(`invalid operand for '${op}'`);
}

function apply(op: string, a: Value, b: Value): Value {
  if (op === '+') {
    if (b.sec === undefined && b.sym === undefined) return { ...a, n: a.n + b.n };
    if (a.sec === undefined && a.sym === undefined) return { ...b, n: a.n + b.n };
    throw new ExprError('invalid operands for \'+\'');
  }
  if (op === '-') {
    if (b.sec === undefined && b.sym === undefined) return { ...a, n: a.n - b.n };
    if (a.sec !== undefined && a.sec === b.sec && a.sym === undefined && b.sym === undefined) return { n: a.n - b.n };
    throw new ExprError('invalid operands for \'-\'');
  }
  absolute(a, op);
  absolute(b, op);
  const x = a.n;
  const y = b.n;
  const bool = (t: boolean) => ({ n: t ? -1n : 0n });
  switch (op) {
    case '*': return { n: x * y };
    case '/': if (y === 0n) throw new ExprError('division by zero'); return { n: x / y };
    case '%': if (y === 0n) throw new ExprError('division by zero'); return { n: x % y };
    case '<<': return { n: BigInt.asIntN(64, x << y) };
    case '>>': return { n: BigInt.asIntN(64, x) >> y };
    case '|': return { n: x | y };
    case '&': return { n: x & y };
    case '^': return { n: x ^ y };
    case '!': return { n: x | ~y };
    case '==': return bool(x === y);
    case '!=': case '<>': return bool(x !== y);
    case '<': return bool(x < y);
    case '>': return bool(x > y);
    case '<=': return bool(x <= y);
    case '>=': return bool(x >= y);
    case '&&': return { n: x && y ? 1n : 0n };
    default: return { n: x || y ? 1n : 0n };
  }
}
