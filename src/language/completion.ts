// Completion by position in the statement: mnemonics, directives and macros as the first word; system
// registers after `mrs xN,` and `msr`; SYS operations after TLBI/DC/IC/AT; barrier options; otherwise
// registers, the labels and symbols visible from the document, and conditions for instructions that take one.
import { CompletionItem, CompletionItemKind, MarkupKind, Position } from 'vscode-languageserver/node';
import { SYS_OPS } from '../arch/sysregs/sysOps';
import { SYSREGS } from '../arch/sysregs/table';
import { cursorContext } from './context';
import { DIRECTIVES } from './directives';
import { InstructionIndex } from './instructionIndex';
import { CONDITION_MEANINGS } from './meanings';
import { describeSystemName } from './sysregDocs';
import { BARRIER_NAMES, BRANCH_CONDITIONS, OPERAND_CONDITIONS, PSTATE_FIELD_NAMES } from './vocabulary';
import { Workspace } from './workspace';

/** What a completion item's documentation is made from when the client resolves it. */
type ItemData = { readonly mnemonic: string } | { readonly system: string };

const REGISTERS: readonly string[] = [
  ...['x', 'w'].flatMap((p) => Array.from({ length: 31 }, (_, i) => `${p}${i}`)),
  'sp', 'wsp', 'xzr', 'wzr', 'lr', 'fp',
  ...['v', 'q', 'd', 's', 'h', 'b'].flatMap((p) => Array.from({ length: 32 }, (_, i) => `${p}${i}`)),
];

const SYS_OP_KINDS = new Set(SYS_OPS.map((o) => o.op.toLowerCase()));

function mnemonicItems(instructions: InstructionIndex): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const e of instructions.all()) {
    if (e.mnemonic.endsWith('.cond')) {
      const prefix = e.mnemonic.slice(0, -4);
      // The sixteen conditions and hs/lo; GNU as's SVE names for them (b.none…) stay out of the list.
      for (const c of BRANCH_CONDITIONS.filter((x) => OPERAND_CONDITIONS.includes(x))) {
        items.push({ label: `${prefix}${c}`, kind: CompletionItemKind.Keyword, detail: instructions.meaning(e), data: { mnemonic: e.mnemonic } });
      }
    } else {
      items.push({ label: e.mnemonic, kind: CompletionItemKind.Keyword, detail: instructions.meaning(e), data: { mnemonic: e.mnemonic } });
    }
  }
  return items;
}

function sysregItems(direction: 'r' | 'w'): CompletionItem[] {
  const items: CompletionItem[] = SYSREGS.filter((r) => r.access.includes(direction) && !r.absent).map((r) => ({
    label: r.name.toLowerCase(), kind: CompletionItemKind.Property, detail: r.doc ?? r.name, data: { system: r.name },
  }));
  if (direction === 'w') {
    for (const p of PSTATE_FIELD_NAMES) items.push({ label: p.toLowerCase(), kind: CompletionItemKind.EnumMember, detail: 'PSTATE field', data: { system: p } });
  }
  return items;
}

/**
 * The items at a position. `trigger` is the character that opened the list by itself (` `, `,` or `.`): those
 * open it only where the choice is a closed set (system registers, operations, directives).
 */
export function complete(ws: Workspace, instructions: InstructionIndex, uri: string, pos: Position, trigger?: string): CompletionItem[] {
  const index = ws.index(uri);
  if (!index) return [];
  const ctx = cursorContext(index, pos.line, pos.character);
  if (ctx.kind === 'comment') return [];
  const symbols = () => {
    const items: CompletionItem[] = [];
    const seen = new Set<string>();
    for (const u of ws.scope(uri)) {
      for (const d of ws.index(u)?.definitions ?? []) {
        if (d.kind === 'local-label' || d.kind === 'macro' || seen.has(d.name)) continue;
        seen.add(d.name);
        items.push({
          label: d.name,
          kind: d.kind === 'label' ? CompletionItemKind.Function : d.kind === 'register-alias' ? CompletionItemKind.Variable : CompletionItemKind.Constant,
          detail: d.detail ?? d.kind,
        });
      }
    }
    return items;
  };
  if (ctx.kind === 'head') {
    const macros: CompletionItem[] = ws.scope(uri).flatMap((u) => (ws.index(u)?.definitions ?? [])
      .filter((d) => d.kind === 'macro')
      .map((d) => ({ label: d.name, kind: CompletionItemKind.Method, detail: `.macro ${d.name} ${d.detail ?? ''}`.trim() })));
    const directives = DIRECTIVES.map((d) => ({ label: d.name, kind: CompletionItemKind.Keyword, detail: d.doc }));
    if (ctx.prefix.startsWith('.')) return directives;
    if (trigger && !(trigger === '.' && ctx.prefix.endsWith('.'))) return [];
    return [...mnemonicItems(instructions), ...macros, ...directives];
  }
  const head = ctx.head.toLowerCase();
  if ((head === 'mrs' && ctx.operand === 1) || (head === 'msr' && ctx.operand === 0)) return sysregItems(head === 'mrs' ? 'r' : 'w');
  if (SYS_OP_KINDS.has(head) && ctx.operand === 0) {
    return SYS_OPS.filter((o) => o.op.toLowerCase() === head).map((o) => ({
      label: o.name.toLowerCase(), kind: CompletionItemKind.EnumMember, detail: `${o.op} ${o.name}${o.xt ? ', Xt' : ''}`, data: { system: o.name },
    }));
  }
  if ((head === 'dmb' || head === 'dsb') && ctx.operand === 0) {
    return BARRIER_NAMES.map((b) => ({ label: b, kind: CompletionItemKind.EnumMember, detail: 'barrier option' }));
  }
  if (trigger) return [];
  const e = instructions.find(head);
  const conditions = e && instructions.operandKinds(e).some((k) => /^cond\b/.test(k))
    ? OPERAND_CONDITIONS.map((c) => ({ label: c, kind: CompletionItemKind.EnumMember, detail: CONDITION_MEANINGS[c], sortText: `0${c}` })) : [];
  return [...conditions, ...REGISTERS.map((r) => ({ label: r, kind: CompletionItemKind.Variable })), ...symbols()];
}

/** Fills in the documentation of a mnemonic or system-register item when the client shows it. */
export function resolveCompletion(instructions: InstructionIndex, item: CompletionItem): CompletionItem {
  const data = item.data as ItemData | undefined;
  let value: string | undefined;
  if (data && 'mnemonic' in data) {
    const e = instructions.find(data.mnemonic);
    value = e && instructions.describe(e);
  } else if (data && 'system' in data) {
    value = describeSystemName(data.system);
  }
  return value ? { ...item, documentation: { kind: MarkupKind.Markdown, value } } : item;
}
