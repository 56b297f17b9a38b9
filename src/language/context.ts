// Where the cursor is in a statement: in the statement's first word (a mnemonic, directive or macro being
// typed) or in its operands, and which operand. Hover and completion both start from it.
import { DocumentIndex, statementLabels, statementSpans } from './documentIndex';

export type CursorContext =
  | { readonly kind: 'comment' }
  | { readonly kind: 'head'; readonly prefix: string; readonly start: number }
  | { readonly kind: 'operand'; readonly head: string; readonly headStart: number; readonly operand: number };

export function cursorContext(index: DocumentIndex, line: number, character: number): CursorContext {
  const code = index.code[line] ?? '';
  const raw = index.lines[line] ?? '';
  // Inside a comment or a string: the last character blanked out before the cursor is followed by blanks only.
  let j = Math.min(character, raw.length) - 1;
  while (j >= 0 && raw[j] === code[j]) j--;
  if (j >= 0 && code.slice(j, character).trim() === '') return { kind: 'comment' };
  const [start] = statementSpans(code).find(([s, e]) => s <= character && character <= e) ?? [0, 0];
  const { rest } = statementLabels(code, start);
  const text = code.slice(rest, character);
  const head = /^(\s*)([A-Za-z_.$][A-Za-z0-9_.$]*)?$/.exec(text);
  if (head) return { kind: 'head', prefix: head[2] ?? '', start: rest + head[1].length };
  const m = /^(\s*)([A-Za-z_.$\\][A-Za-z0-9_.$]*)/.exec(text);
  if (!m) return { kind: 'comment' };
  const operands = text.slice(m[0].length);
  return { kind: 'operand', head: m[2], headStart: rest + m[1].length, operand: (operands.match(/,/g) ?? []).length };
}
