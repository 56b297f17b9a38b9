// What a general-register load or store does to memory, decoded from the instruction with the A64 table: for
// the data aborts whose syndrome carries no access description (ISV = 0: writeback forms and pairs).
import { extractFields } from '../arch/a64/encoding';
import { Disassembler } from '../arch/a64/disasm/disassemble';

export interface MmioAccess {
  readonly form: string;
  /** Bytes per register transferred. */
  readonly size: number;
  readonly signed: boolean;
  /** The destination is an X register (else W, zero-extended). */
  readonly sixtyFour: boolean;
  readonly write: boolean;
  /** Rt, then Rt2 for a pair, in memory order. */
  readonly registers: readonly number[];
  readonly rn: number;
  readonly writeback: boolean;
  /** What writeback adds to the base register. */
  readonly offset: bigint;
}

const decoder = new Disassembler();
const signExtend = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

/** The single-register forms by the part of their name before the group: size, signedness, store. */
const SINGLE: Readonly<Record<string, { size?: number; signed: boolean; write: boolean }>> = {
  STRB: { size: 1, signed: false, write: true }, LDRB: { size: 1, signed: false, write: false },
  LDRSB: { size: 1, signed: true, write: false }, STRH: { size: 2, signed: false, write: true },
  LDRH: { size: 2, signed: false, write: false }, LDRSH: { size: 2, signed: true, write: false },
  STR: { signed: false, write: true }, LDR: { signed: false, write: false }, LDRSW: { size: 4, signed: true, write: false },
};

export function decodeMmioAccess(word: number): MmioAccess | undefined {
  const row = decoder.decodeRow(word);
  if (!row) return undefined;
  const f = extractFields(row, word);
  const [name, ...rest] = row.form.split('_');
  const group = rest.join('_');
  if (group === 'ldst_immpost' || group === 'ldst_immpre') {
    const kind = SINGLE[name];
    if (!kind) return undefined;
    const size = kind.size ?? (f.sf ? 8 : 4);
    // LDRSB/LDRSH: opc<0> = 1 names a W destination; LDRSW and 64-bit LDR an X one.
    const sixtyFour = name === 'LDRSW' || (kind.size === undefined ? f.sf === 1 : kind.signed ? f.opc === 0 : false);
    const imm = BigInt(signExtend(f.imm9, 9));
    return {
      form: row.form, size, signed: kind.signed, sixtyFour, write: kind.write, registers: [f.Rt], rn: f.Rn,
      writeback: true, offset: imm,
    };
  }
  if (group === 'ldstpair_off' || group === 'ldstpair_post' || group === 'ldstpair_pre') {
    const signed = name === 'LDPSW';
    const size = signed ? 4 : f.sf ? 8 : 4;
    return {
      form: row.form, size, signed, sixtyFour: signed || f.sf === 1, write: name === 'STP', registers: [f.Rt, f.Rt2],
      rn: f.Rn, writeback: group !== 'ldstpair_off', offset: BigInt(signExtend(f.imm7, 7) * size),
    };
  }
  return undefined;
}
