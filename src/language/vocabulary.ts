// The words of AArch64 GNU assembly as the user types them, derived from the instruction and system-register
// tables: the TextMate grammar generator (scripts/gen-grammar.ts) and the language server both read them here.
import type { EncodingRow } from '../arch/a64/encoding';
import { CONDITION_ALIASES, CONDITIONS, EXTENDS, SHIFTS } from '../arch/a64/disasm/operands/basic';
import { BARRIER_OPTIONS } from '../arch/a64/disasm/operands/sys';
import { PSTATE_FIELDS } from '../arch/sysregs/pstate';
import { SYS_OPS } from '../arch/sysregs/sysOps';
import { SYSREGS } from '../arch/sysregs/table';

/** Every condition B.cond accepts: the sixteen codes and GNU as's other names for them (`hs`, `lo`, `none`…). */
export const BRANCH_CONDITIONS: readonly string[] = [
  ...CONDITIONS, ...CONDITION_ALIASES.flatMap((a) => (a ? a.split(', ') : [])),
].filter((c, i, all) => all.indexOf(c) === i);

/** Conditions as operands (CSEL, CCMP…): the codes and the carry names `hs`/`lo`, which are not ordinary symbols. */
export const OPERAND_CONDITIONS: readonly string[] = [...CONDITIONS, 'hs', 'lo'];

export const SHIFT_OPERATORS: readonly string[] = [...SHIFTS, 'msl'];
export const EXTEND_OPERATORS: readonly string[] = EXTENDS;
export const BARRIER_NAMES: readonly string[] = BARRIER_OPTIONS.filter((b) => b !== '');

/** One spelling of a mnemonic and the conditional branch form it belongs to (`b` for every `b.cond`). */
export interface MnemonicSpelling {
  readonly text: string;
  /** The condition-suffixed prefix (`b`), when the template ends in `.{bcond:…}`. */
  readonly conditionalPrefix?: string;
}

/**
 * The spellings of a mnemonic template: `{A?a}` is `a` or nothing, `{V2}` is `2` or nothing (upper-half
 * forms), `.{bcond:b}` is any condition. A template with another kind of brace is a table change this
 * function must learn about, hence the throw.
 */
export function expandMnemonic(template: string): MnemonicSpelling[] {
  const cond = /^([a-z0-9]+)\.\{bcond:\w+\}$/.exec(template);
  if (cond) return BRANCH_CONDITIONS.map((c) => ({ text: `${cond[1]}.${c}`, conditionalPrefix: cond[1] }));
  let texts = [''];
  for (const part of template.split(/(\{[^}]*\})/)) {
    let options: string[];
    if (!part.startsWith('{')) options = [part];
    else if (/^\{[A-Za-z]\w*\?[a-z]+\}$/.test(part)) options = ['', part.slice(part.indexOf('?') + 1, -1)];
    else if (part === '{V2}') options = ['', '2'];
    else throw new Error(`mnemonic template ${template}: unknown part ${part}`);
    texts = texts.flatMap((t) => options.map((o) => t + o));
  }
  return texts.map((text) => ({ text }));
}

/** The plain name of a template for grouping: `b.{bcond:b}` → `b.cond`, `ldadd{A?a}{R?l}b` → `ldaddb`. */
export function templateName(template: string): string {
  return template.replace(/\.\{bcond:\w+\}/, '.cond').replace(/\{[^}]*\}/g, '');
}

/** Branches, returns and exception-generating instructions: the groups a reader follows control by. */
const CONTROL_GROUPS = new Set(['condbranch', 'exception', 'branch_reg', 'branch_imm', 'compbranch', 'testbranch']);

export interface MnemonicVocabulary {
  /** Every spelling of an instruction or alias mnemonic except the condition-suffixed ones. */
  readonly plain: ReadonlySet<string>;
  /** Those of them that transfer control (branches, ERET, SVC/HVC/SMC…), a subset of `plain`. */
  readonly control: ReadonlySet<string>;
  /** Prefixes that take a `.cond` suffix (`b`). */
  readonly conditional: ReadonlySet<string>;
}

export function mnemonicVocabulary(rows: readonly EncodingRow[]): MnemonicVocabulary {
  const plain = new Set<string>();
  const control = new Set<string>();
  const conditional = new Set<string>();
  for (const r of rows) {
    for (const template of [r.mnemonic, ...(r.aliases ?? []).map((a) => a.mnemonic)]) {
      for (const s of expandMnemonic(template)) {
        if (s.conditionalPrefix) { conditional.add(s.conditionalPrefix); continue; }
        plain.add(s.text);
        if (CONTROL_GROUPS.has(r.group)) control.add(s.text);
      }
    }
  }
  return { plain, control, conditional };
}

/** Names MRS/MSR accept besides the table's registers: the PSTATE fields of MSR (immediate). */
export const PSTATE_FIELD_NAMES: readonly string[] = PSTATE_FIELDS.map((p) => p.name);

/** Every system register name in the table, in its architectural spelling. */
export const SYSREG_NAMES: readonly string[] = SYSREGS.map((r) => r.name);

/** The operations of the SYS aliases (`vmalle1`, `civac`, `s1e1r`). */
export const SYS_OP_NAMES: readonly string[] = SYS_OPS.map((o) => o.name).filter((n, i, all) => all.indexOf(n) === i);

/** The generic encoding-form spelling of a system register, `S3_0_C15_C2_0`, as a regular expression. */
export const GENERIC_SYSREG_PATTERN = 's[0-3]_[0-7]_c(?:1[0-5]|[0-9])_c(?:1[0-5]|[0-9])_[0-7]';

export const GPR_PATTERN = '(?:[xw](?:[12]?[0-9]|30)|w?sp|[xw]zr|lr|fp)';
export const SIMD_REGISTER_PATTERN = '[vqdshb](?:[12]?[0-9]|3[01])';
/** Arrangement and element suffixes of a vector register (`.4s`, `.b`, `.2h` of the dot products). */
export const ARRANGEMENT_PATTERN = '(?:16b|8b|4b|8h|4h|2h|4s|2s|1d|2d|1q|b|h|s|d|q)';
