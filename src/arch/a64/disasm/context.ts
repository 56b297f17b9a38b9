// What an operand formatter sees: the decoded fields, the instruction address, and where to put comments.
import type { Fields } from '../encoding';

export interface Symbolizer {
  /** `<sym+0xoff>` text for an address, or undefined when no symbol covers it. */
  (addr: bigint): string | undefined;
}

export interface OperandContext {
  readonly f: Fields;
  readonly insn: number;
  readonly pc: bigint;
  readonly symbolize?: Symbolizer;
  /** Comments objdump appends after the operands with a tab (`\t// #16`, `\t// ne = any`). */
  readonly comments: string[];
  /** Comments on the mnemonic, appended with two spaces (`  // b.any`). */
  readonly mnemonicComments: string[];
}

/** Formats one operand; '' means an optional operand that is absent (its separator is dropped too). */
export type OperandFormatter = (ctx: OperandContext) => string;

/** Builds a formatter from the argument text of an operand spec (`Rd|SP` → family `R`, args). */
export type OperandFactory = (spec: string) => OperandFormatter | undefined;
