// Compiles the table's small expressions (alias conditions, operand selectors) into functions over fields.
import type { Fields } from './encoding';
import { EXPR_HELPERS } from './pseudocode';

export type FieldPredicate = (f: Fields) => number | boolean;

const cache = new Map<string, FieldPredicate>();
const helperNames = Object.keys(EXPR_HELPERS);

/** `expr` may name any field of the row and the helpers in pseudocode.ts; unknown fields read as undefined. */
export function compileExpr(expr: string): FieldPredicate {
  let fn = cache.get(expr);
  if (!fn) {
    const ids = new Set(expr.match(/\b[A-Za-z_][A-Za-z0-9_]*\b/g) ?? []);
    const fieldIds = [...ids].filter((id) => !helperNames.includes(id) && !/^(true|false)$/.test(id));
    const body = `const {${helperNames.join(',')}} = h; return (f) => { const {${fieldIds.join(',')}} = f; return (${expr}); };`;
    fn = new Function('h', body)(EXPR_HELPERS) as FieldPredicate;
    cache.set(expr, fn);
  }
  return fn;
}
