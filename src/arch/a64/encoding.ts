// The shape of one A64 encoding row and the helpers that turn its bit pattern into masks and fields.
// Rows are pure data; this module gives every consumer (decoder generator, disassembler, assembler) the same view.

/** ARM ARM chapter C4 instruction classes (the "encoding index" groups). */
export type InsnClass =
  | 'dp_imm' | 'branch_sys' | 'ldst' | 'dp_reg' | 'fp' | 'simd' | 'crypto' | 'sys';

export type Feature =
  | 'v8' | 'v8.1' | 'v8.2' | 'lse' | 'crc' | 'aes' | 'sha1' | 'sha2' | 'sha3' | 'sha512' | 'sm3' | 'sm4'
  | 'fp16' | 'rdm' | 'dotprod' | 'pauth' | 'bti' | 'fcma' | 'jscvt' | 'lrcpc' | 'fhm' | 'flagm';

/** A preferred disassembly, chosen when `when` holds; the first matching alias of a row wins. */
export interface AliasSpec {
  readonly mnemonic: string;
  readonly ops: readonly string[];
  readonly when: string;
}

/** One row of the A64 instruction table, exactly as written in src/arch/a64/table/. */
export interface EncodingSpec {
  /** Unique ARM ARM form name (e.g. ADD_addsub_imm); defaults to MNEMONIC_group when omitted. */
  readonly form?: string;
  /** Architectural mnemonic; `{x}` parts are filled by the operand library (e.g. `b.{cond}`, `sqxtn{2}`). */
  readonly mnemonic: string;
  /** Bits 31..0: literal 0/1/x runs and `name:width` (or `name` for one bit) fields. */
  readonly bits: string;
  /** Operand kinds in order, resolved by the disassembler's operand library. */
  readonly ops: readonly string[];
  /** Extra condition under which the pattern is UNALLOCATED (an expression over field names). */
  readonly undef?: string;
  readonly aliases?: readonly AliasSpec[];
  readonly feature?: Feature;
}

export interface FieldSlice { readonly name: string; readonly lo: number; readonly width: number; }

/** A table group: the ARM ARM encoding group its rows belong to and the rows themselves. */
export interface EncodingGroup {
  readonly cls: InsnClass;
  readonly group: string;
  readonly rows: readonly EncodingSpec[];
}

/** A row with everything derived from its pattern. Index = position in the table = decoder result. */
export interface EncodingRow extends EncodingSpec {
  readonly index: number;
  readonly form: string;
  readonly cls: InsnClass;
  readonly group: string;
  readonly mask: number;
  readonly value: number;
  readonly fields: readonly FieldSlice[];
}

export interface ParsedPattern { mask: number; value: number; fields: FieldSlice[]; }

/** Parses `sf 0 0 100010 sh imm12:12 Rn:5 Rd:5` into mask, value and field slices. */
export function parsePattern(bits: string): ParsedPattern {
  let pos = 32;
  let mask = 0;
  let value = 0;
  const fields: FieldSlice[] = [];
  for (const tok of bits.trim().split(/\s+/)) {
    if (/^[01x]+$/.test(tok)) {
      for (const ch of tok) {
        pos--;
        if (ch !== 'x') { mask |= 1 << pos; if (ch === '1') value |= 1 << pos; }
      }
      continue;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::(\d+))?$/.exec(tok);
    if (!m) throw new Error(`bad pattern token '${tok}' in '${bits}'`);
    const width = m[2] ? Number(m[2]) : 1;
    pos -= width;
    fields.push({ name: m[1], lo: pos, width });
  }
  if (pos !== 0) throw new Error(`pattern '${bits}' has ${32 - pos} bits, not 32`);
  return { mask: mask >>> 0, value: value >>> 0, fields };
}

export type Fields = Record<string, number>;

/**
 * Functions an `undef` condition may call. Each exists twice by necessity, once per language:
 * in src/arch/a64/pseudocode.ts (TypeScript) and src/core/decodeHelpers.ts (AssemblyScript).
 */
export const DECODE_HELPERS = ['LogicalImmReserved'];

export function extractFields(row: { fields: readonly FieldSlice[] }, insn: number): Fields {
  const f: Fields = {};
  for (const s of row.fields) f[s.name] = (insn >>> s.lo) & ((1 << s.width) - 1);
  return f;
}

/** Inserts field values into a row's fixed bits: the encoder used by the assembler and round-trip tests. */
export function encodeFields(row: EncodingRow, f: Fields): number {
  let insn = row.value;
  for (const s of row.fields) {
    const v = f[s.name] ?? 0;
    insn |= (v & ((1 << s.width) - 1)) << s.lo;
  }
  return insn >>> 0;
}

/**
 * Rewrites a condition expression so that field names read bits of `insnVar`. The expression language is
 * the common subset of TypeScript and AssemblyScript (integers, comparisons, && || !, + - * & | ^ << >>),
 * so one string serves the TS disassembler and the generated AssemblyScript decoder.
 */
export function fieldExpr(expr: string, fields: readonly FieldSlice[], insnVar: string): string {
  return expr.replace(/\b[A-Za-z_][A-Za-z0-9_]*\b/g, (id) => {
    if (DECODE_HELPERS.includes(id)) return id;
    const s = fields.find((x) => x.name === id);
    if (!s) throw new Error(`unknown field '${id}' in '${expr}'`);
    return `((${insnVar} >>> ${s.lo}) & ${(1 << s.width) - 1})`;
  });
}

export function buildRows(groups: readonly EncodingGroup[]): EncodingRow[] {
  const rows: EncodingRow[] = [];
  const forms = new Set<string>();
  for (const g of groups) {
    for (const spec of g.rows) {
      const p = parsePattern(spec.bits);
      const form = spec.form ?? `${spec.mnemonic.replace(/[{}.]/g, '_').toUpperCase()}_${g.group}`;
      if (forms.has(form)) throw new Error(`duplicate form name ${form}: give the row an explicit form`);
      forms.add(form);
      rows.push({ ...spec, form, cls: g.cls, group: g.group, index: rows.length, ...p });
    }
  }
  return rows;
}
