// Instructions GNU objdump 2.40 decodes that belong to extensions after Armv8.2 (outside the table's
// scope, issue #2): where our decoder says UNDEFINED and objdump prints one of these, the word is
// out of scope rather than wrong. Keyed by the extension that adds them.
export const OUT_OF_SCOPE_MNEMONICS: Record<string, readonly string[]> = {
  'FEAT_MTE (v8.5)': ['addg', 'subg'],
  'FEAT_CSSC (v8.9)': ['smax', 'smin', 'umax', 'umin'],
};

const all = new Set(Object.values(OUT_OF_SCOPE_MNEMONICS).flat());

/** SVE and SME live in their own top-level encoding spaces, out of scope as a whole. */
export function inSveOrSmeSpace(insn: number): boolean {
  const op0 = (insn >>> 25) & 0xf;
  return op0 === 0b0010 || (op0 === 0 && (insn >>> 31) === 1);
}

export function isOutOfScope(objdumpText: string): boolean {
  return all.has(objdumpText.split('\t')[0]);
}
