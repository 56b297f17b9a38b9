// A64 table: AdvSIMD scalar two-register misc (with FP16), shift by immediate and x indexed element
// (ARM ARM C4.1.96); part of SIMD_SCALAR.
import type { EncodingGroup, EncodingSpec } from '../encoding';

function misc(mnemonic: string, u: string, opcode: string, ops: string[], undef?: string): EncodingSpec {
  return { mnemonic, bits: `01 ${u} 11110 size:2 10000 ${opcode} 10 Rn:5 Rd:5`, ops, undef };
}

/** 64-bit only integer forms (compare with zero, ABS, NEG): size is fixed at 11. */
function miscD(mnemonic: string, u: string, opcode: string, zero: boolean): EncodingSpec {
  return { mnemonic, bits: `01 ${u} 11110 11 10000 ${opcode} 10 Rn:5 Rd:5`, ops: zero ? ['$Dd', '$Dn', '#=0'] : ['$Dd', '$Dn'] };
}

function miscFp(mnemonic: string, u: string, o2: string, opcode: string, zero = false): EncodingSpec {
  const ops = ['$d@sz + 2', '$n@sz + 2'];
  return { mnemonic, bits: `01 ${u} 11110 ${o2} sz 10000 ${opcode} 10 Rn:5 Rd:5`, ops: zero ? [...ops, "'#0.0'"] : ops };
}

function miscFp16(mnemonic: string, u: string, a: string, opcode: string, zero = false): EncodingSpec {
  const ops = ['$Hd', '$Hn'];
  return {
    mnemonic, bits: `01 ${u} 11110 ${a} 1111 00 ${opcode} 10 Rn:5 Rd:5`, ops: zero ? [...ops, "'#0.0'"] : ops, feature: 'fp16',
  };
}

const SAME = ['$d@size', '$n@size'];
const NARROW = ['$d@size', '$n@size + 1'];

const IMM = 'immh * 8 + immb';
const HSB = 'HighestSetBit(immh)';

/** Shifts of the 64-bit element only (immh = 1xxx); `right` counts the shift down from 128. */
function shiftD(mnemonic: string, u: string, opcode: string, right: boolean): EncodingSpec {
  return {
    mnemonic, bits: `01 ${u} 111110 immh:4 immb:3 ${opcode} 1 Rn:5 Rd:5`,
    ops: ['$Dd', '$Dn', right ? `#=128 - (${IMM})` : `#=${IMM} - 64`], undef: 'immh < 8',
  };
}

function shiftSat(mnemonic: string, u: string, opcode: string): EncodingSpec {
  return {
    mnemonic, bits: `01 ${u} 111110 immh:4 immb:3 ${opcode} 1 Rn:5 Rd:5`,
    ops: [`$d@${HSB}`, `$n@${HSB}`, `#=${IMM} - (8 << ${HSB})`], undef: 'immh == 0',
  };
}

function shiftNarrow(mnemonic: string, u: string, opcode: string): EncodingSpec {
  return {
    mnemonic, bits: `01 ${u} 111110 immh:4 immb:3 ${opcode} 1 Rn:5 Rd:5`,
    ops: [`$d@${HSB}`, `$n@${HSB} + 1`, `#=(16 << ${HSB}) - (${IMM})`], undef: 'immh == 0 || immh >= 8',
  };
}

/** Fixed-point conversions: immh 001x half (FP16), 01xx single, 1xxx double; fbits counts down from 2 * esize. */
function shiftFix(mnemonic: string, u: string, opcode: string): EncodingSpec {
  return {
    mnemonic, bits: `01 ${u} 111110 immh:4 immb:3 ${opcode} 1 Rn:5 Rd:5`,
    ops: [`$d@${HSB}`, `$n@${HSB}`, `#=(16 << ${HSB}) - (${IMM})`], undef: 'immh < 2',
  };
}

/** By-element FP: size 00 half (index H:L:M, Rm in v0-v15), 10 single (H:L), 11 double (H, L must be 0). */
const FP_ESIZE = 'size == 0 ? 1 : size';
const FP_ELEM = `VE(size == 0 ? Rm : M * 16 + Rm).${FP_ESIZE}.size == 0 ? H * 4 + L * 2 + M : size == 2 ? H * 2 + L : H`;

function elemFp(mnemonic: string, u: string, opcode: string): EncodingSpec {
  return {
    mnemonic, bits: `01 ${u} 11111 size:2 L M Rm:4 ${opcode} H 0 Rn:5 Rd:5`,
    ops: [`$d@${FP_ESIZE}`, `$n@${FP_ESIZE}`, FP_ELEM], undef: 'size == 1 || (size == 3 && L == 1)',
  };
}

/** By-element integer: size 01 half (index H:L:M, Rm in v0-v15), 10 single (H:L). */
const INT_ELEM = 'VE(size == 1 ? Rm : M * 16 + Rm).size.size == 1 ? H * 4 + L * 2 + M : H * 2 + L';

function elemInt(mnemonic: string, u: string, opcode: string, long: boolean): EncodingSpec {
  return {
    mnemonic, bits: `01 ${u} 11111 size:2 L M Rm:4 ${opcode} H 0 Rn:5 Rd:5`,
    ops: [long ? '$d@size + 1' : '$d@size', '$n@size', INT_ELEM], undef: 'size == 0 || size == 3',
    feature: u === '1' ? 'rdm' : undefined,
  };
}

export const SIMD_SCALAR_MISC: EncodingGroup[] = [
  {
    cls: 'simd', group: 'simd_scalar_misc', rows: [
      misc('suqadd', '0', '00011', SAME), misc('sqabs', '0', '00111', SAME),
      miscD('cmgt', '0', '01000', true), miscD('cmeq', '0', '01001', true), miscD('cmlt', '0', '01010', true),
      miscD('abs', '0', '01011', false),
      misc('sqxtn', '0', '10100', NARROW, 'size == 3'),
      miscFp('fcvtns', '0', '0', '11010'), miscFp('fcvtms', '0', '0', '11011'),
      miscFp('fcvtas', '0', '0', '11100'), miscFp('scvtf', '0', '0', '11101'),
      miscFp('fcmgt', '0', '1', '01100', true), miscFp('fcmeq', '0', '1', '01101', true),
      miscFp('fcmlt', '0', '1', '01110', true),
      miscFp('fcvtps', '0', '1', '11010'), miscFp('fcvtzs', '0', '1', '11011'),
      miscFp('frecpe', '0', '1', '11101'), miscFp('frecpx', '0', '1', '11111'),
      misc('usqadd', '1', '00011', SAME), misc('sqneg', '1', '00111', SAME),
      miscD('cmge', '1', '01000', true), miscD('cmle', '1', '01001', true), miscD('neg', '1', '01011', false),
      misc('sqxtun', '1', '10010', NARROW, 'size == 3'), misc('uqxtn', '1', '10100', NARROW, 'size == 3'),
      { mnemonic: 'fcvtxn', bits: '01 1 11110 0 1 10000 10110 10 Rn:5 Rd:5', ops: ['$Sd', '$Dn'] },
      miscFp('fcvtnu', '1', '0', '11010'), miscFp('fcvtmu', '1', '0', '11011'),
      miscFp('fcvtau', '1', '0', '11100'), miscFp('ucvtf', '1', '0', '11101'),
      miscFp('fcmge', '1', '1', '01100', true), miscFp('fcmle', '1', '1', '01101', true),
      miscFp('fcvtpu', '1', '1', '11010'), miscFp('fcvtzu', '1', '1', '11011'), miscFp('frsqrte', '1', '1', '11101'),
    ],
  },
  {
    cls: 'simd', group: 'simd_scalar_misc_fp16', rows: [
      miscFp16('fcvtns', '0', '0', '11010'), miscFp16('fcvtms', '0', '0', '11011'),
      miscFp16('fcvtas', '0', '0', '11100'), miscFp16('scvtf', '0', '0', '11101'),
      miscFp16('fcmgt', '0', '1', '01100', true), miscFp16('fcmeq', '0', '1', '01101', true),
      miscFp16('fcmlt', '0', '1', '01110', true),
      miscFp16('fcvtps', '0', '1', '11010'), miscFp16('fcvtzs', '0', '1', '11011'),
      miscFp16('frecpe', '0', '1', '11101'), miscFp16('frecpx', '0', '1', '11111'),
      miscFp16('fcvtnu', '1', '0', '11010'), miscFp16('fcvtmu', '1', '0', '11011'),
      miscFp16('fcvtau', '1', '0', '11100'), miscFp16('ucvtf', '1', '0', '11101'),
      miscFp16('fcmge', '1', '1', '01100', true), miscFp16('fcmle', '1', '1', '01101', true),
      miscFp16('fcvtpu', '1', '1', '11010'), miscFp16('fcvtzu', '1', '1', '11011'), miscFp16('frsqrte', '1', '1', '11101'),
    ],
  },
  {
    cls: 'simd', group: 'simd_scalar_shift', rows: [
      shiftD('sshr', '0', '00000', true), shiftD('ssra', '0', '00010', true),
      shiftD('srshr', '0', '00100', true), shiftD('srsra', '0', '00110', true),
      shiftD('shl', '0', '01010', false), shiftSat('sqshl', '0', '01110'),
      shiftNarrow('sqshrn', '0', '10010'), shiftNarrow('sqrshrn', '0', '10011'),
      shiftFix('scvtf', '0', '11100'), shiftFix('fcvtzs', '0', '11111'),
      shiftD('ushr', '1', '00000', true), shiftD('usra', '1', '00010', true),
      shiftD('urshr', '1', '00100', true), shiftD('ursra', '1', '00110', true),
      shiftD('sri', '1', '01000', true), shiftD('sli', '1', '01010', false),
      shiftSat('sqshlu', '1', '01100'), shiftSat('uqshl', '1', '01110'),
      shiftNarrow('sqshrun', '1', '10000'), shiftNarrow('sqrshrun', '1', '10001'),
      shiftNarrow('uqshrn', '1', '10010'), shiftNarrow('uqrshrn', '1', '10011'),
      shiftFix('ucvtf', '1', '11100'), shiftFix('fcvtzu', '1', '11111'),
    ],
  },
  {
    cls: 'simd', group: 'simd_scalar_elem', rows: [
      elemFp('fmla', '0', '0001'), elemInt('sqdmlal', '0', '0011', true),
      elemFp('fmls', '0', '0101'), elemInt('sqdmlsl', '0', '0111', true),
      elemFp('fmul', '0', '1001'), elemInt('sqdmull', '0', '1011', true),
      elemInt('sqdmulh', '0', '1100', false), elemInt('sqrdmulh', '0', '1101', false),
      elemFp('fmulx', '1', '1001'),
      elemInt('sqrdmlah', '1', '1101', false), elemInt('sqrdmlsh', '1', '1111', false),
    ],
  },
];
