// Instructions GNU objdump 2.40 decodes that belong to extensions after Armv8.2 (outside the table's
// scope, issue #2): where our decoder says UNDEFINED and objdump prints one of these, the word is
// out of scope rather than wrong. Keyed by the extension that adds them; an entry is a list of mnemonics or,
// where a mnemonic also names an in-scope instruction, a pattern over objdump's whole text.
export const OUT_OF_SCOPE: Record<string, readonly string[] | RegExp> = {
  'FEAT_MTE (v8.5)': ['addg', 'subg'],
  'FEAT_MTE (v8.5), data processing': ['irg', 'gmi', 'subp', 'subps', 'cmpp'],
  'FEAT_MTE (v8.5), loads and stores': ['stg', 'stzg', 'st2g', 'stz2g', 'stgp', 'ldg', 'stgm', 'stzgm', 'ldgm'],
  'FEAT_LRCPC2 (v8.4)': ['ldapur', 'ldapurb', 'ldapurh', 'ldapursb', 'ldapursh', 'ldapursw', 'stlur', 'stlurb', 'stlurh'],
  'FEAT_LS64 (v8.7)': ['ld64b', 'st64b', 'st64bv', 'st64bv0'],
  // CPY[F]{P,M,E}<options>, SET[G]{P,M,E}<options>: prologue, main and epilogue of each memory copy/set.
  'FEAT_MOPS (v8.8)': ['cpyf', 'cpy', 'set', 'setg'].flatMap((op) => ['p', 'm', 'e'].flatMap((step) =>
    (op.startsWith('cpy')
      ? ['', 'wn', 'rn', 'n', 'wt', 'wtwn', 'wtrn', 'wtn', 'rt', 'rtwn', 'rtrn', 'rtn', 't', 'twn', 'trn', 'tn']
      : ['', 't', 'n', 'tn']).map((opt) => `${op}${step}${opt}`))),
  'FEAT_CSSC (v8.9)': ['smax', 'smin', 'umax', 'umin'],
  // The general-register forms only: AdvSIMD ABS and CNT are in the table.
  'FEAT_CSSC (v8.9), 1-source': /^(abs|cnt|ctz)\t[wx]\d/,
  'FEAT_FlagM2 (v8.5)': ['xaflag', 'axflag'],
  'FEAT_SB (v8.5)': ['sb'],
  'FEAT_TME': ['tstart', 'ttest', 'tcommit', 'tcancel'],
  'FEAT_WFxT (v8.7)': ['wfet', 'wfit'],
  // DSB with an nXS option (`dsb ishnxs`): a separate encoding; plain DSB is in the table.
  'FEAT_XS (v8.7)': /^dsb\t\w+nxs$/,
  'FEAT_HBC (v8.8)': ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv']
    .map((c) => `bc.${c}`),
  'FEAT_FRINTTS (v8.5)': ['frint32x', 'frint32z', 'frint64x', 'frint64z'],
  'FEAT_BF16 (v8.6), scalar': ['bfcvt'],
  'FEAT_BF16 (v8.6), vector': ['bfdot', 'bfmlalb', 'bfmlalt', 'bfmmla', 'bfcvtn', 'bfcvtn2'],
  'FEAT_I8MM (v8.6)': ['usdot', 'sudot', 'smmla', 'ummla', 'usmmla'],
};

const mnemonics = new Set(Object.values(OUT_OF_SCOPE).flatMap((e) => (Array.isArray(e) ? e : [])));
const patterns = Object.values(OUT_OF_SCOPE).filter((e): e is RegExp => e instanceof RegExp);

/** SVE and SME live in their own top-level encoding spaces, out of scope as a whole. */
export function inSveOrSmeSpace(insn: number): boolean {
  const op0 = (insn >>> 25) & 0xf;
  return op0 === 0b0010 || (op0 === 0 && (insn >>> 31) === 1);
}

export function isOutOfScope(objdumpText: string): boolean {
  return mnemonics.has(objdumpText.split('\t')[0]) || patterns.some((p) => p.test(objdumpText));
}
