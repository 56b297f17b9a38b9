// The language server's view of the A64 table: every mnemonic (architectural or alias) with the
// encodings that print it, for hover and completion.
import type { EncodingRow } from '../arch/a64/encoding';

export interface MnemonicEntry {
  readonly mnemonic: string;
  /** Rows whose own mnemonic this is. */
  readonly rows: EncodingRow[];
  /** Rows this mnemonic is a preferred-disassembly alias of. */
  readonly aliasOf: EncodingRow[];
}

/** `b.{bcond:b}` → `b.cond`; `sqxtn{Q2}` → `sqxtn`: the template's literal part, as a user types it. */
function plainMnemonic(template: string): string {
  return template.replace(/\.\{[^}]*\}/g, '.cond').replace(/\{[^}]*\}/g, '');
}

export function buildMnemonicIndex(rows: readonly EncodingRow[]): Map<string, MnemonicEntry> {
  const index = new Map<string, MnemonicEntry>();
  const entry = (m: string) => {
    let e = index.get(m);
    if (!e) index.set(m, (e = { mnemonic: m, rows: [], aliasOf: [] }));
    return e;
  };
  for (const r of rows) {
    entry(plainMnemonic(r.mnemonic)).rows.push(r);
    for (const a of r.aliases ?? []) {
      const e = entry(plainMnemonic(a.mnemonic));
      if (!e.aliasOf.includes(r)) e.aliasOf.push(r);
    }
  }
  return index;
}

function patternText(r: EncodingRow): string {
  return r.bits.replace(/\s+/g, ' ');
}

/** Markdown for a hover on a mnemonic. */
export function describeMnemonic(e: MnemonicEntry): string {
  const lines = [`**${e.mnemonic}**`];
  if (e.rows.length) {
    lines.push('', 'Encodings:');
    for (const r of e.rows) lines.push(`- \`${r.form}\` (${r.group}${r.feature ? `, ${r.feature}` : ''}): \`${patternText(r)}\``);
  }
  if (e.aliasOf.length) {
    lines.push('', `Preferred disassembly (alias) of: ${e.aliasOf.map((r) => `\`${plainMnemonic(r.mnemonic)}\` (${r.form})`).join(', ')}`);
  }
  return lines.join('\n');
}
