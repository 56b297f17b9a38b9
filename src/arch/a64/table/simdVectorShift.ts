// A64 table: AdvSIMD modified immediate and shift by immediate (ARM ARM C4.1.96). Both live in
// `0 Q op 011110 immh ...`: immh == 0 is the modified-immediate space.
import type { EncodingGroup, EncodingSpec } from '../encoding';

const IMM8 = '#x=abc*32+defgh';

/** One encoding of a modified-immediate page: `pre` is bits 15..11 (cmode and o2) with fields in them. */
function imm(mnemonic: string, form: string, op: string, pre: string, ops: string[]): EncodingSpec {
  return { mnemonic, form, bits: `0 Q ${op} 0111100000 abc:3 ${pre} 1 defgh:5 Rd:5`, ops };
}

/** The 32-bit and 16-bit shifted forms of MOVI/MVNI (cmode<0> = 0) and ORR/BIC (cmode<0> = 1). */
function shifted(mnemonic: string, op: string, c0: string): EncodingSpec[] {
  const M = mnemonic.toUpperCase();
  return [
    imm(mnemonic, `${M}_asimdimm_32`, op, `0 cmode:2 ${c0} 0`, ['Vd.4+Q', IMM8, 'VLSL=cmode*8']),
    imm(mnemonic, `${M}_asimdimm_16`, op, `10 cmode ${c0} 0`, ['Vd.2+Q', IMM8, 'VLSL=cmode*8']),
  ];
}

const HSB = 'HighestSetBit(immh)';
const T = `${HSB}*2+Q`;
const TL = `${HSB}*2+3`;
const RIGHT = `#=(16 << ${HSB}) - (immh*8+immb)`;
const LEFT = `#=(immh*8+immb) - (8 << ${HSB})`;

/** Same-size shifts need an element size (immh != 0); .1d is UNALLOCATED. */
function shift(mnemonic: string, U: number, opcode: string, amount: string, undef = 'immh == 0 || (immh >= 8 && Q == 0)'): EncodingSpec {
  return { mnemonic, bits: `0 Q ${U} 011110 immh:4 immb:3 ${opcode} 1 Rn:5 Rd:5`, ops: [`Vd.${T}`, `Vn.${T}`, amount], undef };
}

function narrow(mnemonic: string, U: number, opcode: string): EncodingSpec {
  return { ...shift(`${mnemonic}{V2}`, U, opcode, RIGHT, 'immh == 0 || immh >= 8'), ops: [`Vd.${T}`, `Vn.${TL}`, RIGHT] };
}

/** SSHLL/USHLL, shown as SXTL/UXTL when the shift is zero. */
function long(mnemonic: string, U: number, alias: string): EncodingSpec {
  return {
    ...shift(`${mnemonic}{V2}`, U, '10100', LEFT, 'immh == 0 || immh >= 8'), ops: [`Vd.${TL}`, `Vn.${T}`, LEFT],
    aliases: [{ mnemonic: `${alias}{V2}`, ops: [`Vd.${TL}`, `Vn.${T}`], when: 'immb == 0 && (immh & (immh - 1)) == 0' }],
  };
}

/** Fixed-point conversions: .4h/.8h (FP16), .2s/.4s, .2d; immh 0001 (bytes) is UNALLOCATED. */
function fixed(mnemonic: string, U: number, opcode: string): EncodingSpec {
  return shift(mnemonic, U, opcode, RIGHT, 'immh < 2 || (immh >= 8 && Q == 0)');
}

export const SIMD_VECTOR_SHIFT: EncodingGroup[] = [
  {
    cls: 'simd', group: 'asimdimm', rows: [
      ...shifted('movi', '0', '0'), ...shifted('orr', '0', '1'), ...shifted('mvni', '1', '0'), ...shifted('bic', '1', '1'),
      imm('movi', 'MOVI_asimdimm_32_ones', '0', '110 cmode 0', ['Vd.4+Q', IMM8, 'VMSL=8 << cmode']),
      imm('mvni', 'MVNI_asimdimm_32_ones', '1', '110 cmode 0', ['Vd.4+Q', IMM8, 'VMSL=8 << cmode']),
      imm('movi', 'MOVI_asimdimm_8', '0', '1110 0', ['Vd.Q', IMM8]),
      { mnemonic: 'movi', form: 'MOVI_asimdimm_64_scalar', bits: '0 0 1 0111100000 abc:3 1110 0 1 defgh:5 Rd:5', ops: ['$Dd', 'VIMM_64'] },
      { mnemonic: 'movi', form: 'MOVI_asimdimm_64_vector', bits: '0 1 1 0111100000 abc:3 1110 0 1 defgh:5 Rd:5', ops: ['Vd.2d', 'VIMM_64'] },
      imm('fmov', 'FMOV_asimdimm_S', '0', '1111 0', ['Vd.4+Q', 'VIMM_FP']),
      { ...imm('fmov', 'FMOV_asimdimm_H', '0', '1111 1', ['Vd.2+Q', 'VIMM_FP']), feature: 'fp16' },
      { mnemonic: 'fmov', form: 'FMOV_asimdimm_D', bits: '0 1 1 0111100000 abc:3 1111 0 1 defgh:5 Rd:5', ops: ['Vd.2d', 'VIMM_FP'] },
    ],
  },
  {
    cls: 'simd', group: 'asimdshf', rows: [
      shift('sshr', 0, '00000', RIGHT), shift('ushr', 1, '00000', RIGHT),
      shift('ssra', 0, '00010', RIGHT), shift('usra', 1, '00010', RIGHT),
      shift('srshr', 0, '00100', RIGHT), shift('urshr', 1, '00100', RIGHT),
      shift('srsra', 0, '00110', RIGHT), shift('ursra', 1, '00110', RIGHT),
      shift('sri', 1, '01000', RIGHT),
      shift('shl', 0, '01010', LEFT), shift('sli', 1, '01010', LEFT),
      shift('sqshlu', 1, '01100', LEFT),
      shift('sqshl', 0, '01110', LEFT), shift('uqshl', 1, '01110', LEFT),
      narrow('shrn', 0, '10000'), narrow('sqshrun', 1, '10000'),
      narrow('rshrn', 0, '10001'), narrow('sqrshrun', 1, '10001'),
      narrow('sqshrn', 0, '10010'), narrow('uqshrn', 1, '10010'),
      narrow('sqrshrn', 0, '10011'), narrow('uqrshrn', 1, '10011'),
      long('sshll', 0, 'sxtl'), long('ushll', 1, 'uxtl'),
      fixed('scvtf', 0, '11100'), fixed('ucvtf', 1, '11100'),
      fixed('fcvtzs', 0, '11111'), fixed('fcvtzu', 1, '11111'),
    ],
  },
];
