// The language server's view of the A64 table: every mnemonic spelling (architectural or alias, `ldaddal` as
// well as `ldadd`, `b.ne` as well as `b`) with the encodings that print it, and the hover text for it.
import { Disassembler } from '../arch/a64/disasm/disassemble';
import { encodeFields, EncodingRow } from '../arch/a64/encoding';
import { GROUP_TITLES, MNEMONIC_MEANINGS } from './meanings';
import { expandMnemonic, templateName } from './vocabulary';

export interface MnemonicEntry {
  /** The spelling, lowercase (`b.cond` for every condition of B.cond). */
  readonly mnemonic: string;
  /** Rows whose own mnemonic template has this spelling. */
  readonly rows: EncodingRow[];
  /** Rows that print this spelling as their preferred disassembly (alias). */
  readonly aliasOf: EncodingRow[];
}

export class InstructionIndex {
  private readonly entries = new Map<string, MnemonicEntry>();
  private disassembler?: Disassembler;

  constructor(private readonly table: readonly EncodingRow[]) {
    for (const r of table) {
      for (const s of expandMnemonic(r.mnemonic)) this.entry(s.conditionalPrefix ? `${s.conditionalPrefix}.cond` : s.text).rows.push(r);
      for (const a of r.aliases ?? []) {
        for (const s of expandMnemonic(a.mnemonic)) {
          const e = this.entry(s.conditionalPrefix ? `${s.conditionalPrefix}.cond` : s.text);
          if (!e.aliasOf.includes(r)) e.aliasOf.push(r);
        }
      }
    }
  }

  private entry(m: string): MnemonicEntry {
    let e = this.entries.get(m);
    if (!e) this.entries.set(m, (e = { mnemonic: m, rows: [], aliasOf: [] }));
    return e;
  }

  /** The entry of a spelling as written (any case; `b.eq` finds `b.cond`). */
  find(word: string): MnemonicEntry | undefined {
    const w = word.toLowerCase();
    return this.entries.get(w) ?? this.entries.get(w.replace(/\.[a-z]+$/, '.cond'));
  }

  all(): IterableIterator<MnemonicEntry> {
    return this.entries.values();
  }

  /** The operand kinds of every form that prints the spelling (a row's own, or the matching alias's). */
  operandKinds(e: MnemonicEntry): string[] {
    const aliasOps = e.aliasOf.flatMap((r) => (r.aliases ?? [])
      .filter((a) => expandMnemonic(a.mnemonic).some((s) => (s.conditionalPrefix ? `${s.conditionalPrefix}.cond` : s.text) === e.mnemonic))
      .flatMap((a) => a.ops));
    return [...new Set([...e.rows.flatMap((r) => r.ops), ...aliasOps])];
  }

  /** The groups an entry's encodings belong to, by ARM ARM title. */
  groups(e: MnemonicEntry): string[] {
    return [...new Set([...e.rows, ...e.aliasOf].map((r) => GROUP_TITLES[r.group] ?? r.group))];
  }

  /** A one-line meaning: the curated one of the spelling or of its template, else its groups. */
  meaning(e: MnemonicEntry): string {
    const template = [...e.rows, ...e.aliasOf].map((r) => templateName(r.mnemonic))[0];
    return MNEMONIC_MEANINGS.get(e.mnemonic) ?? (template && MNEMONIC_MEANINGS.get(template)) ?? this.groups(e).join('; ');
  }

  /**
   * Examples of the spelling as the disassembler prints it, one per encoding group (`ldr` from a literal, post-
   * and pre-indexed, register offset…): a row's fixed bits with its registers numbered (or some of them 31, which
   * is what most aliases test), 64-bit and 128-bit forms first, kept when the word decodes back to that row and
   * prints this spelling.
   */
  examples(e: MnemonicEntry, max = 4): string[] {
    this.disassembler ??= new Disassembler(this.table);
    const found: string[] = [];
    const groups = new Set<string>();
    const conditional = e.mnemonic.endsWith('.cond') ? e.mnemonic.slice(0, -4) : undefined;
    const numbered = { Rd: 0, Rt: 0, Rt2: 1, Rn: 2, Rm: 3, Ra: 4, Rs: 5 };
    const variants = [numbered, ...['Rd', 'Rt', 'Rn', 'Rm', 'Ra'].map((r) => ({ ...numbered, [r]: 31 })), { ...numbered, Rn: 31, Rm: 31 }, {}];
    for (const row of [...e.rows, ...e.aliasOf]) {
      if (groups.has(row.group)) continue;
      // The fields that pick optional mnemonic parts (`{A?a}`), every combination of them.
      const flags = [...new Set([row.mnemonic, ...(row.aliases ?? []).map((a) => a.mnemonic)]
        .flatMap((t) => [...t.matchAll(/\{(\w+)\?/g)].map((m) => m[1])))];
      const settings = Array.from({ length: 1 << flags.length }, (_, n) => Object.fromEntries(flags.map((f, i) => [f, (n >> i) & 1])));
      const candidates = [1, 0].flatMap((wide) => variants.flatMap((v) => settings.map((flag) => ({ ...v, ...flag, sf: wide, Q: wide }))));
      for (const fields of candidates) {
        const word = encodeFields(row, fields);
        if (this.disassembler.decodeRow(word) !== row) continue;
        const text = this.disassembler.disassemble(word).replace(/\s*\/\/.*$/, '').replace('\t', ' ');
        const spelled = text.split(' ')[0];
        if (!(conditional ? spelled.startsWith(conditional) : spelled === e.mnemonic) || found.includes(text)) continue;
        found.push(text);
        groups.add(row.group);
        if (found.length >= max) return found;
        break;
      }
    }
    return found;
  }

  /** Markdown for a hover on a mnemonic. */
  describe(e: MnemonicEntry): string {
    const lines = [`**${e.mnemonic}** — ${this.meaning(e)}`];
    const examples = this.examples(e);
    if (examples.length) lines.push('', '```aarch64-asm', ...examples, '```');
    if (e.rows.length) {
      lines.push('', 'Encodings:');
      for (const r of e.rows) {
        lines.push(`- \`${r.form}\` — ${GROUP_TITLES[r.group] ?? r.group}${r.feature && r.feature !== 'v8' ? ` (${r.feature})` : ''}`);
      }
    }
    if (e.aliasOf.length) {
      lines.push('', `Preferred disassembly (alias) of: ${e.aliasOf.map((r) => `\`${templateName(r.mnemonic)}\` (${r.form})`).join(', ')}`);
    }
    return lines.join('\n');
  }
}
