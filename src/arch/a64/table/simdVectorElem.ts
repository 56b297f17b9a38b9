// A64 table: AdvSIMD vector x indexed element, copy, permute, extract and table lookup (ARM ARM C4.1.96).
import type { EncodingGroup, EncodingSpec } from '../encoding';

const T = 'size*2+Q';
const TL = 'size*2+3';
const HS = 'size == 0 || size == 3';

/** The indexed element of integer by-element forms: .h uses Rm<3:0> and H:L:M, .s uses M:Rm and H:L. */
const ELEM = 'VE(size == 1 ? Rm : M*16+Rm).size.size == 1 ? H*4+L*2+M : H*2+L';

function elem(mnemonic: string, U: number, opcode: string, shape: 'same' | 'long' = 'same', feature?: 'rdm'): EncodingSpec {
  return {
    mnemonic: shape === 'long' ? `${mnemonic}{V2}` : mnemonic,
    bits: `0 Q ${U} 01111 size:2 L M Rm:4 ${opcode} H 0 Rn:5 Rd:5`,
    ops: [`Vd.${shape === 'long' ? TL : T}`, `Vn.${T}`, ELEM], undef: HS, ...(feature ? { feature } : {}),
  };
}

/** FP by element: the half-precision encoding (size 00, fp16) and the single/double one (1 sz). */
function felem(mnemonic: string, U: number, opcode: string): EncodingSpec[] {
  const M = mnemonic.toUpperCase();
  return [
    {
      mnemonic, form: `${M}_asimdelem_H`, bits: `0 Q ${U} 01111 00 L M Rm:4 ${opcode} H 0 Rn:5 Rd:5`,
      ops: ['Vd.2+Q', 'Vn.2+Q', 'VEm.h.H*4+L*2+M'], feature: 'fp16',
    },
    {
      mnemonic, form: `${M}_asimdelem`, bits: `0 Q ${U} 01111 1 sz L M Rm:4 ${opcode} H 0 Rn:5 Rd:5`,
      ops: ['Vd.4+sz*2+Q', 'Vn.4+sz*2+Q', 'VE(M*16+Rm).2+sz.sz ? H : H*2+L'], undef: 'sz == 1 && (L == 1 || Q == 0)',
    },
  ];
}

function fhm(mnemonic: string, U: number, opcode: string): EncodingSpec {
  return {
    mnemonic, bits: `0 Q ${U} 01111 10 L M Rm:4 ${opcode} H 0 Rn:5 Rd:5`,
    ops: ['Vd.4+Q', "Vn.Q ? '4h' : '2h'", 'VEm.h.H*4+L*2+M'], feature: 'fhm',
  };
}

function dot(mnemonic: string, U: number): EncodingSpec {
  return {
    mnemonic, bits: `0 Q ${U} 01111 10 L M Rm:4 1110 H 0 Rn:5 Rd:5`,
    ops: ['Vd.4+Q', 'Vn.Q', 'VE(M*16+Rm).4b.H*2+L'], feature: 'dotprod',
  };
}

/** The element size of the copy group: the lowest set bit of imm5 (0..3 = b h s d). */
const TY = '(imm5 & 1) ? 0 : (imm5 & 2) ? 1 : (imm5 & 4) ? 2 : 3';
const IDX5 = `imm5 >> ((${TY}) + 1)`;
const FROM_GPR = 'Rn@(imm5 & 15) == 8';
const NO_SIZE = '(imm5 & 15) == 0';

function perm(mnemonic: string, opcode: string): EncodingSpec {
  return {
    mnemonic, bits: `0 Q 0 01110 size:2 0 Rm:5 0 ${opcode} 10 Rn:5 Rd:5`,
    ops: [`Vd.${T}`, `Vn.${T}`, `Vm.${T}`], undef: 'size == 3 && Q == 0',
  };
}

export const SIMD_VECTOR_ELEM: EncodingGroup[] = [
  {
    cls: 'simd', group: 'asimdelem', rows: [
      elem('mul', 0, '1000'), elem('mla', 1, '0000'), elem('mls', 1, '0100'),
      elem('sqdmulh', 0, '1100'), elem('sqrdmulh', 0, '1101'),
      elem('sqrdmlah', 1, '1101', 'same', 'rdm'), elem('sqrdmlsh', 1, '1111', 'same', 'rdm'),
      elem('smlal', 0, '0010', 'long'), elem('umlal', 1, '0010', 'long'),
      elem('smlsl', 0, '0110', 'long'), elem('umlsl', 1, '0110', 'long'),
      elem('smull', 0, '1010', 'long'), elem('umull', 1, '1010', 'long'),
      elem('sqdmlal', 0, '0011', 'long'), elem('sqdmlsl', 0, '0111', 'long'), elem('sqdmull', 0, '1011', 'long'),
      ...felem('fmla', 0, '0001'), ...felem('fmls', 0, '0101'), ...felem('fmul', 0, '1001'), ...felem('fmulx', 1, '1001'),
      fhm('fmlal', 0, '0000'), fhm('fmlsl', 0, '0100'), fhm('fmlal2', 1, '1000'), fhm('fmlsl2', 1, '1100'),
      dot('sdot', 0), dot('udot', 1),
      {
        mnemonic: 'fcmla', bits: '0 Q 1 01111 size:2 L M Rm:4 0 rot:2 1 H 0 Rn:5 Rd:5',
        ops: [`Vd.${T}`, `Vn.${T}`, 'VE(M*16+Rm).size.size == 1 ? H*2+L : H', '#=rot*90'],
        undef: 'size == 0 || size == 3 || (size == 1 && H == 1 && Q == 0) || (size == 2 && (L == 1 || Q == 0))',
        feature: 'fcma',
      },
    ],
  },
  {
    cls: 'simd', group: 'asimdins', rows: [
      {
        mnemonic: 'dup', form: 'DUP_asimdins_DV_v', bits: '0 Q 0 01110000 imm5:5 0 0000 1 Rn:5 Rd:5',
        ops: [`Vd.(${TY})*2+Q`, `VEn.${TY}.${IDX5}`], undef: `${NO_SIZE} || ((imm5 & 15) == 8 && Q == 0)`,
      },
      {
        mnemonic: 'dup', form: 'DUP_asimdins_DR_r', bits: '0 Q 0 01110000 imm5:5 0 0001 1 Rn:5 Rd:5',
        ops: [`Vd.(${TY})*2+Q`, FROM_GPR], undef: `${NO_SIZE} || ((imm5 & 15) == 8 && Q == 0)`,
      },
      {
        mnemonic: 'smov', bits: '0 Q 0 01110000 imm5:5 0 0101 1 Rn:5 Rd:5', ops: ['Rd@Q', `VEn.${TY}.${IDX5}`],
        undef: '(Q == 0 && (imm5 & 3) == 0) || (Q == 1 && (imm5 & 7) == 0)',
      },
      {
        mnemonic: 'umov', bits: '0 Q 0 01110000 imm5:5 0 0111 1 Rn:5 Rd:5', ops: ['Rd@Q', `VEn.${TY}.${IDX5}`],
        undef: '(Q == 0 && (imm5 & 7) == 0) || (Q == 1 && (imm5 & 15) != 8)',
        aliases: [{ mnemonic: 'mov', ops: ['Rd@Q', `VEn.${TY}.${IDX5}`], when: '(imm5 & 3) == 0' }],
      },
      {
        mnemonic: 'ins', form: 'INS_asimdins_IR_r', bits: '0 1 0 01110000 imm5:5 0 0011 1 Rn:5 Rd:5',
        ops: [`VEd.${TY}.${IDX5}`, FROM_GPR], undef: NO_SIZE,
        aliases: [{ mnemonic: 'mov', ops: [`VEd.${TY}.${IDX5}`, FROM_GPR], when: 'true' }],
      },
      {
        mnemonic: 'ins', form: 'INS_asimdins_IV_v', bits: '0 1 1 01110000 imm5:5 0 imm4:4 1 Rn:5 Rd:5',
        ops: [`VEd.${TY}.${IDX5}`, `VEn.${TY}.imm4 >> (${TY})`], undef: NO_SIZE,
        aliases: [{ mnemonic: 'mov', ops: [`VEd.${TY}.${IDX5}`, `VEn.${TY}.imm4 >> (${TY})`], when: 'true' }],
      },
    ],
  },
  {
    cls: 'simd', group: 'asimdperm', rows: [
      perm('uzp1', '001'), perm('trn1', '010'), perm('zip1', '011'),
      perm('uzp2', '101'), perm('trn2', '110'), perm('zip2', '111'),
    ],
  },
  {
    cls: 'simd', group: 'asimdext', rows: [
      {
        mnemonic: 'ext', bits: '0 Q 1 01110 00 0 Rm:5 0 imm4:4 0 Rn:5 Rd:5', ops: ['Vd.Q', 'Vn.Q', 'Vm.Q', '#=imm4'],
        undef: 'Q == 0 && imm4 >= 8',
      },
    ],
  },
  {
    cls: 'simd', group: 'asimdtbl', rows: [
      { mnemonic: 'tbl', bits: '0 Q 0 01110 00 0 Rm:5 0 len:2 0 00 Rn:5 Rd:5', ops: ['Vd.Q', 'VLIST.16b', 'Vm.Q'] },
      { mnemonic: 'tbx', bits: '0 Q 0 01110 00 0 Rm:5 0 len:2 1 00 Rn:5 Rd:5', ops: ['Vd.Q', 'VLIST.16b', 'Vm.Q'] },
    ],
  },
];
