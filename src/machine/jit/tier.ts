// The host half of the translating tier: the core asks (through the jitCompile import) for a block starting at a
// decoded word; this reads the words and their decode-cache rows, translates them up to a branch (words without a
// translation call their interpreter handler), instantiates the block, and installs it in the core's function
// table at the slot of the block's id.
import { A64_ROWS } from '../../arch/a64/table';
import { extractFields } from '../../arch/a64/encoding';
import { BlockBuilder, CoreLayout, Terminal } from './block';
import { FORM_TRANSLATORS } from './forms';

declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

interface FunctionTable { length: number; grow(n: number): number; set(i: number, f: unknown): void }

/** Longest block, in words: bounds translation time and the size of one module. */
const MAX_BLOCK_WORDS = 128;
/** Decode-cache rows at or above this are not rows (see src/core/memory.ts FIRST_SPECIAL_ENTRY). */
const FIRST_SPECIAL_ROW = 0xfffd;

const TRANSLATORS = A64_ROWS.map((r) => FORM_TRANSLATORS[r.form]);
/** Rows whose interpreter handler usually leaves the straight line: a block ends after them. */
const ENDS_BLOCK = A64_ROWS.map((r) => r.group === 'branch_reg' || r.group === 'exception' || /^WF[IE]_/.test(r.form));

export interface TierStats { blocks: number; words: number; declined: number }

export class TranslatingTier {
  readonly stats: TierStats = { blocks: 0, words: 0, declined: 0 };
  /** Words a block must translate natively to be worth compiling (tests set 0 to run every word through blocks). */
  minNativeWords = 1;

  constructor(
    private readonly memory: { buffer: ArrayBuffer },
    private readonly table: FunctionTable,
    readonly tableBase: number,
    private readonly layout: CoreLayout,
    /** The core's jitStep export, imported by every block. */
    private readonly jitStep: unknown,
  ) {}

  /** jitCompile(entry, insn, maxWords, id): the number of words translated, 0 when the first is not translatable. */
  compile(entry: number, insn: number, maxWords: number, id: number): number {
    const words = new Uint32Array(this.memory.buffer, insn >>> 0, maxWords);
    const entries = new Uint32Array(this.memory.buffer, entry >>> 0, maxWords);
    const b = new BlockBuilder(this.layout);
    let terminal: Terminal | undefined;
    const limit = Math.min(maxWords, MAX_BLOCK_WORDS);
    while (b.words < limit) {
      const row = entries[b.words] & 0xffff;
      if (row >= FIRST_SPECIAL_ROW) break;
      const translate = TRANSLATORS[row];
      const done = translate ? translate(b, extractFields(A64_ROWS[row], words[b.words])) : undefined;
      if (done === undefined) {
        const last = ENDS_BLOCK[row];
        b.interpret(row, words[b.words], last);
        b.words++;
        if (last) break;
        continue;
      }
      b.native++;
      if (done !== 'next') { terminal = done; break; }
      b.words++;
    }
    const count = b.words + (terminal ? 1 : 0);
    // A block of interpreter calls only would be slower than the interpreter itself.
    if (count === 0 || b.native < this.minNativeWords) {
      this.stats.declined++;
      return 0;
    }
    const module = new WebAssembly.Module(b.finish(terminal));
    const fn = new WebAssembly.Instance(module, { env: { memory: this.memory, jitStep: this.jitStep } }).exports.b;
    const slot = this.tableBase + id;
    if (this.table.length <= slot) this.table.grow(slot + 1 - this.table.length);
    this.table.set(slot, fn);
    this.stats.blocks++;
    this.stats.words += count;
    return count;
  }
}
