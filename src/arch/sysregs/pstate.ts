// PSTATE fields that MSR (immediate) writes, selected by op1:op2; CRm carries the immediate. A field is
// valid only for the CRm values (CRm & crmMask) == crmValue, and the immediate is then CRm & ~crmMask.
// Names and valid CRm values are those GNU objdump 2.40 accepts.

export interface PStateField {
  readonly name: string;
  readonly op1: number;
  readonly op2: number;
  readonly crmMask: number;
  readonly crmValue: number;
}

export const PSTATE_FIELDS: readonly PStateField[] = [
  { name: 'UAO', op1: 0, op2: 3, crmMask: 0b1110, crmValue: 0 },
  { name: 'PAN', op1: 0, op2: 4, crmMask: 0b1110, crmValue: 0 },
  { name: 'SPSel', op1: 0, op2: 5, crmMask: 0b1110, crmValue: 0 },
  { name: 'ALLINT', op1: 1, op2: 0, crmMask: 0b1110, crmValue: 0 },
  { name: 'SSBS', op1: 3, op2: 1, crmMask: 0b1110, crmValue: 0 },
  { name: 'DIT', op1: 3, op2: 2, crmMask: 0b1110, crmValue: 0 },
  // SVCR's SM and ZA bits (SME), written by the SMSTART/SMSTOP aliases.
  { name: 'SVCRSM', op1: 3, op2: 3, crmMask: 0b1110, crmValue: 0b0010 },
  { name: 'SVCRZA', op1: 3, op2: 3, crmMask: 0b1110, crmValue: 0b0100 },
  { name: 'SVCRSMZA', op1: 3, op2: 3, crmMask: 0b1110, crmValue: 0b0110 },
  { name: 'TCO', op1: 3, op2: 4, crmMask: 0b1110, crmValue: 0 },
  { name: 'DAIFSet', op1: 3, op2: 6, crmMask: 0, crmValue: 0 },
  { name: 'DAIFClr', op1: 3, op2: 7, crmMask: 0, crmValue: 0 },
];

export function findPStateField(op1: number, op2: number, crm: number): PStateField | undefined {
  return PSTATE_FIELDS.find((p) => p.op1 === op1 && p.op2 === op2 && (crm & p.crmMask) === p.crmValue);
}

/** An expression over op1, op2 and CRm that holds when MSR (immediate) names no field (for `undef`). */
export const PSTATE_FIELD_UNKNOWN = `!(${PSTATE_FIELDS.map((p) =>
  `(op1 == ${p.op1} && op2 == ${p.op2} && (CRm & ${p.crmMask}) == ${p.crmValue})`).join(' || ')})`;
