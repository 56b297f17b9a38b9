// The A64 disassembler: decodes with the table, picks the preferred alias, and formats the line
// exactly as GNU objdump (binutils 2.40) prints it after the instruction word.
import { EncodingRow, extractFields } from '../encoding';
import { makeDecoder } from '../decodeTree';
import { compileExpr, FieldPredicate } from '../expr';
import { A64_ROWS } from '../table';
import type { OperandContext, OperandFactory, OperandFormatter, Symbolizer } from './context';
import { OPERAND_FACTORIES } from './operands';

interface CompiledForm {
  readonly mnemonic: OperandFormatter;
  readonly ops: readonly OperandFormatter[];
}

interface CompiledRow {
  readonly base: CompiledForm;
  readonly aliases: readonly { when: FieldPredicate; form: CompiledForm }[];
}

function resolveOperand(spec: string, where: string, factories: readonly OperandFactory[]): OperandFormatter {
  for (const make of factories) {
    const fmt = make(spec);
    if (fmt) return fmt;
  }
  throw new Error(`${where}: unknown operand kind '${spec}'`);
}

/** A mnemonic template such as `b.{bcond:b}` or `sqxtn{Q2}`: literal text with operand kinds in braces. */
function compileMnemonic(template: string, where: string, factories: readonly OperandFactory[]): OperandFormatter {
  const parts = template.split(/\{([^}]+)\}/);
  if (parts.length === 1) return () => template;
  const fmts = parts.map((p, i) => (i % 2 ? resolveOperand(p, where, factories) : () => p));
  return (ctx) => fmts.map((fn) => fn(ctx)).join('');
}

function compileForm(mnemonic: string, ops: readonly string[], where: string, factories: readonly OperandFactory[]): CompiledForm {
  return {
    mnemonic: compileMnemonic(mnemonic, where, factories),
    ops: ops.map((o) => resolveOperand(o, where, factories)),
  };
}

/**
 * binutils 2.40 words the reserved block 0x00200000-0x003fffff beside UDF as `; NYI` (not yet implemented)
 * rather than `; undefined`; both mean the word is unallocated.
 */
function isNotYetImplemented(insn: number): boolean {
  return insn >>> 21 === 1;
}

export class Disassembler {
  private readonly decode: (insn: number) => EncodingRow | undefined;
  private readonly compiled: (CompiledRow | undefined)[] = [];

  constructor(readonly rows: readonly EncodingRow[] = A64_ROWS, private readonly factories = OPERAND_FACTORIES) {
    this.decode = makeDecoder(rows);
  }

  /** Compiles every row now, so that a bad operand kind in the table fails a test rather than a user. */
  compileAll(): void {
    for (const r of this.rows) this.compile(r);
  }

  private compile(row: EncodingRow): CompiledRow {
    let c = this.compiled[row.index];
    if (!c) {
      c = {
        base: compileForm(row.mnemonic, row.ops, row.form, this.factories),
        aliases: (row.aliases ?? []).map((a) => ({
          when: compileExpr(a.when),
          form: compileForm(a.mnemonic, a.ops, `${row.form} alias ${a.mnemonic}`, this.factories),
        })),
      };
      this.compiled[row.index] = c;
    }
    return c;
  }

  decodeRow(insn: number): EncodingRow | undefined {
    return this.decode(insn >>> 0);
  }

  /** The text objdump prints after the instruction word: `mnemonic\toperands[\t// comment]`. */
  disassemble(insn: number, pc: bigint = 0n, symbolize?: Symbolizer): string {
    insn >>>= 0;
    const row = this.decode(insn);
    if (!row) return `.inst\t0x${insn.toString(16).padStart(8, '0')} ; ${isNotYetImplemented(insn) ? 'NYI' : 'undefined'}`;
    const c = this.compile(row);
    const f = extractFields(row, insn);
    const form = c.aliases.find((a) => a.when(f))?.form ?? c.base;
    const ctx: OperandContext = { f, insn, pc, symbolize, comments: [], mnemonicComments: [] };
    const mnemonic = form.mnemonic(ctx);
    const operands = form.ops.map((o) => o(ctx)).filter((s) => s !== '').join(', ');
    let text = operands ? `${mnemonic}\t${operands}` : mnemonic;
    if (ctx.comments.length) text += `\t// ${ctx.comments.join(', ')}`;
    if (ctx.mnemonicComments.length) text += `  // ${ctx.mnemonicComments.join(', ')}`;
    return text;
  }
}
