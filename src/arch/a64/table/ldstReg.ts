// A64 table: single-register loads and stores (ARM ARM C4.1.94): unscaled, post/pre-indexed and unprivileged
// immediate, register offset, unsigned offset and pointer-authenticated forms. sf: the bit that picks W or X;
// opc of a sign-extending load is its opc<0> (set: W); opc of an FP/SIMD form is its opc<1> (set: Q).
import type { EncodingGroup, EncodingSpec } from '../encoding';

/** log2 of the FP/SIMD transfer size: opc<1>:size, where only size 00 may have opc<1> set (Q). */
const FP_SCALE = 'opc * 4 + size';
const FP_UNDEF = 'opc == 1 && size != 0';

interface Access {
  /** Mnemonic per group kind: unscaled, post/pre-indexed, unprivileged, offset (register, unsigned); '' where none. */
  readonly names: readonly [string, string, string, string];
  /** Bits 31..22 with V: size, 111, V, the two bits selecting the addressing group are a placeholder `@@`, opc. */
  readonly head: string;
  readonly reg: string;
  /** log2 of the access size, the scale of the offset. */
  readonly scale: string;
  readonly undef?: string;
  readonly fp?: boolean;
}

const ACCESSES: readonly Access[] = [
  { names: ['sturb', 'strb', 'sttrb', 'strb'], head: '00 111 0 @@ 00', reg: 'Wt', scale: '0' },
  { names: ['ldurb', 'ldrb', 'ldtrb', 'ldrb'], head: '00 111 0 @@ 01', reg: 'Wt', scale: '0' },
  { names: ['ldursb', 'ldrsb', 'ldtrsb', 'ldrsb'], head: '00 111 0 @@ 1 opc', reg: 'Rt@opc == 0', scale: '0' },
  { names: ['sturh', 'strh', 'sttrh', 'strh'], head: '01 111 0 @@ 00', reg: 'Wt', scale: '1' },
  { names: ['ldurh', 'ldrh', 'ldtrh', 'ldrh'], head: '01 111 0 @@ 01', reg: 'Wt', scale: '1' },
  { names: ['ldursh', 'ldrsh', 'ldtrsh', 'ldrsh'], head: '01 111 0 @@ 1 opc', reg: 'Rt@opc == 0', scale: '1' },
  { names: ['stur', 'str', 'sttr', 'str'], head: '1 sf 111 0 @@ 00', reg: 'Rt', scale: '2 + sf' },
  { names: ['ldur', 'ldr', 'ldtr', 'ldr'], head: '1 sf 111 0 @@ 01', reg: 'Rt', scale: '2 + sf' },
  { names: ['ldursw', 'ldrsw', 'ldtrsw', 'ldrsw'], head: '10 111 0 @@ 10', reg: 'Xt', scale: '2' },
  { names: ['prfum', '', '', 'prfm'], head: '11 111 0 @@ 10', reg: 'PRFOP', scale: '3' },
  { names: ['stur', 'str', '', 'str'], head: 'size:2 111 1 @@ opc 0', reg: `$t@${FP_SCALE}`, scale: FP_SCALE, undef: FP_UNDEF, fp: true },
  { names: ['ldur', 'ldr', '', 'ldr'], head: 'size:2 111 1 @@ opc 1', reg: `$t@${FP_SCALE}`, scale: FP_SCALE, undef: FP_UNDEF, fp: true },
];

const SIMM9 = 'SignExtend(imm9, 9)';

/** The rows of one addressing group: `which` picks the mnemonic column, `tail` the bits below opc. */
function group(name: string, which: 0 | 1 | 2 | 3, sel: string, tail: string, addr: (scale: string) => string, undef?: string): EncodingGroup {
  const rows: EncodingSpec[] = [];
  for (const a of ACCESSES) {
    const mnemonic = a.names[which];
    if (!mnemonic) continue;
    const undefs = [a.undef, undef].filter((u) => u).map((u) => `(${u})`);
    rows.push({
      ...(a.fp ? { form: `${mnemonic.toUpperCase()}_${name}_fpsimd` } : {}),
      mnemonic, bits: `${a.head.replace('@@', sel)} ${tail}`, ops: [a.reg, addr(a.scale)],
      ...(undefs.length ? { undef: undefs.join(' || ') } : {}),
    });
  }
  return { cls: 'ldst', group: name, rows };
}

export const LDST_REG: EncodingGroup[] = [
  group('ldst_unscaled', 0, '00', `0 imm9:9 00 Rn:5 Rt:5`, () => `[Xn|SP{, #=${SIMM9}}]`),
  group('ldst_immpost', 1, '00', `0 imm9:9 01 Rn:5 Rt:5`, () => `[Xn|SP], #=${SIMM9}`),
  group('ldst_unpriv', 2, '00', `0 imm9:9 10 Rn:5 Rt:5`, () => `[Xn|SP{, #=${SIMM9}}]`),
  group('ldst_immpre', 1, '00', `0 imm9:9 11 Rn:5 Rt:5`, () => `[Xn|SP, #=${SIMM9}]!`),
  group('ldst_regoff', 3, '00', `1 Rm:5 option:3 S 10 Rn:5 Rt:5`, (s) => `[Xn|SP, Rm, EXTEND=${s}]`, '(option & 2) == 0'),
  group('ldst_pos', 3, '01', `imm12:12 Rn:5 Rt:5`, (s) => `[Xn|SP{, #=imm12 << (${s})}]`),
  {
    cls: 'ldst', group: 'ldst_pac', rows: [
      { mnemonic: 'ldraa', bits: '11 111 0 00 0 S 1 imm9:9 0 1 Rn:5 Rt:5', ops: ['Xt', '[Xn|SP{, #=SignExtend(S * 512 + imm9, 10) * 8}]'], feature: 'pauth' },
      { form: 'LDRAA_ldst_pac_pre', mnemonic: 'ldraa', bits: '11 111 0 00 0 S 1 imm9:9 1 1 Rn:5 Rt:5', ops: ['Xt', '[Xn|SP{, #=SignExtend(S * 512 + imm9, 10) * 8}]!'], feature: 'pauth' },
      { mnemonic: 'ldrab', bits: '11 111 0 00 1 S 1 imm9:9 0 1 Rn:5 Rt:5', ops: ['Xt', '[Xn|SP{, #=SignExtend(S * 512 + imm9, 10) * 8}]'], feature: 'pauth' },
      { form: 'LDRAB_ldst_pac_pre', mnemonic: 'ldrab', bits: '11 111 0 00 1 S 1 imm9:9 1 1 Rn:5 Rt:5', ops: ['Xt', '[Xn|SP{, #=SignExtend(S * 512 + imm9, 10) * 8}]!'], feature: 'pauth' },
    ],
  },
];
