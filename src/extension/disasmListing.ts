// The read-only listing the trap panel opens for a record without a source line: the adapter's `disassemble`
// answer around the record's PC, in objdump's layout, with the PC's line marked.

export interface ListingInstruction {
  readonly address: string;
  readonly instructionBytes?: string;
  readonly instruction: string;
  readonly symbol?: string;
}

export interface Listing {
  readonly text: string;
  /** Zero-based line of the PC, or -1 when it is not in the listing. */
  readonly pcLine: number;
}

/** Instructions listed before the PC, and in all. */
export const LISTING_BEFORE = 16;
export const LISTING_COUNT = 48;

export function formatListing(instructions: readonly ListingInstruction[], pc: string, title: string): Listing {
  const lines = [`// ${title}`, ''];
  const target = BigInt(pc);
  let pcLine = -1;
  for (const ins of instructions) {
    const addr = BigInt(ins.address);
    if (ins.symbol) {
      if (lines[lines.length - 1] !== '') lines.push('');
      lines.push(`${addr.toString(16).padStart(16, '0')} <${ins.symbol}>:`);
    }
    if (addr === target) pcLine = lines.length;
    lines.push(`${addr === target ? '=>' : '  '}${addr.toString(16).padStart(8, ' ')}:\t${ins.instructionBytes ?? ''} \t${ins.instruction}`);
  }
  return { text: `${lines.join('\n')}\n`, pcLine };
}
