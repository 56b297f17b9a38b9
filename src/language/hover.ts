// Hover: an instruction's meaning, examples and encodings; a directive's purpose; a system register's fields,
// access and owning EL; where a label, symbol or macro is defined.
import { Hover, MarkupKind, Position } from 'vscode-languageserver/node';
import { basename } from 'node:path';
import { cursorContext } from './context';
import { findDirective } from './directives';
import { wordAt } from './documentIndex';
import { InstructionIndex } from './instructionIndex';
import { CONDITION_MEANINGS } from './meanings';
import { findDefinitions, nameAt } from './navigation';
import { describeSystemName } from './sysregDocs';
import { uriToPath, Workspace } from './workspace';

const KIND_NAMES = {
  label: 'label', 'local-label': 'local label', constant: 'symbol', define: '#define', macro: 'macro', 'register-alias': 'register alias',
};

const markdown = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value } });

export function hover(ws: Workspace, instructions: InstructionIndex, uri: string, pos: Position): Hover | null {
  const index = ws.index(uri);
  const code = index?.code[pos.line];
  if (!index || code === undefined) return null;
  const word = wordAt(code, pos.character);
  if (!word) return null;
  const ctx = cursorContext(index, pos.line, word.end);
  const isHead = ctx.kind === 'head' && ctx.start === word.start;
  if (isHead) {
    const d = findDirective(word.text);
    if (d) return markdown(`**${d.name}** — ${d.doc}`);
    const e = instructions.find(word.text);
    const cond = /\.([a-z]+)$/.exec(word.text.toLowerCase())?.[1];
    const condition = e?.mnemonic.endsWith('.cond') && cond && CONDITION_MEANINGS[cond] ? `\n\n\`${cond}\`: ${CONDITION_MEANINGS[cond]}` : '';
    if (e) return markdown(instructions.describe(e) + condition);
  } else {
    const sys = describeSystemName(word.text);
    if (sys) return markdown(sys);
    const cond = CONDITION_MEANINGS[word.text.toLowerCase()];
    if (cond && ctx.kind === 'operand' && instructions.find(ctx.head)) return markdown(`condition **${word.text}** — ${cond}`);
  }
  const n = nameAt(ws, uri, pos);
  if (n?.local) return markdown(`local label **${n.local.name}:** on line ${n.local.line + 1}`);
  const defs = n ? findDefinitions(ws, uri, n.name) : [];
  if (defs.length === 0) return null;
  return markdown(defs.map(({ uri: u, def }) => {
    const where = `${basename(uriToPath(u) ?? u)}:${def.line + 1}`;
    const detail = def.kind === 'macro' ? `\n\n\`\`\`aarch64-asm\n.macro ${def.name} ${def.detail ?? ''}\n\`\`\``
      : def.detail ? ` = \`${def.detail}\`` : '';
    return `${KIND_NAMES[def.kind]} **${def.name}** (${where})${detail}`;
  }).join('\n\n'));
}
