// Branch words for differential tests whose control stays inside the sequence: every branch goes forward to
// a later word of the same sequence or to its end, so each case runs each word at most once and terminates.
import { encodeFields, type EncodingRow } from '../../src/arch/a64/encoding';
import { A64_ROWS } from '../../src/arch/a64/table/index';
import { randomFields } from '../../tools/randomWords';
import { allocatedWord, type WordMaker } from './randomCases';

/** The field holding each PC-relative branch's word offset. */
const OFFSET_FIELD: Readonly<Record<string, string>> = {
  B_branch_imm: 'imm26', BL_branch_imm: 'imm26', B_only_condbranch: 'imm19',
  CBZ_compbranch: 'imm19', CBNZ_compbranch: 'imm19', TBZ_testbranch: 'imm14', TBNZ_testbranch: 'imm14',
};

/** Branches to a register; the maker loads it with ADR first. */
const TO_REGISTER = new Set(['BR_branch_reg', 'BLR_branch_reg', 'RET_branch_reg']);

/** The rows branchWords makes targets for; it passes every other row to the `other` maker. */
export const isControlledBranch = (row: EncodingRow): boolean => row.form in OFFSET_FIELD || TO_REGISTER.has(row.form);

const ADR = A64_ROWS.find((r) => r.form === 'ADR_pcreladdr')!;

/** A random branch target after `from`: an even slot (never the second word of an ADR pair) or the end. */
function target(from: number, length: number, rand: () => number): number {
  const choices: number[] = [];
  for (let j = from + 1; j < length; j++) if (j % 2 === 0) choices.push(j);
  choices.push(length);
  return choices[rand() % choices.length];
}

/**
 * Words for rows of any group where branches target a later word of the sequence: PC-relative branches get the
 * offset of a later slot; BR/BLR/RET Xn come as `ADR Xn, target` in an even slot, then the branch. Branches
 * only target even slots, so that none lands between an ADR and its branch. Other rows' words come from `other`.
 */
export function branchWords(decodeRow: (w: number) => EncodingRow | undefined, other: WordMaker = allocatedWord(decodeRow)): WordMaker {
  let pending: { index: number; word: number } | undefined;
  return (row, rand, slot) => {
    if (pending && pending.index === slot?.index) {
      const w = pending.word;
      pending = undefined;
      return w;
    }
    pending = undefined;
    if (!isControlledBranch(row)) return other(row, rand, slot);
    // Without its place in a sequence a branch cannot be kept inside it.
    if (!slot) return undefined;
    const field = OFFSET_FIELD[row.form];
    if (field) return encodeFields(row, { ...randomFields(row, rand), [field]: target(slot.index, slot.length, rand) - slot.index });
    if (slot.index % 2 !== 0 || slot.index + 2 > slot.length) return undefined;
    const rn = rand() % 31;
    const offset = 4 * (target(slot.index + 1, slot.length, rand) - slot.index);
    pending = { index: slot.index + 1, word: encodeFields(row, { Rn: rn }) };
    return encodeFields(ADR, { immlo: offset & 3, immhi: offset >> 2, Rd: rn });
  };
}
