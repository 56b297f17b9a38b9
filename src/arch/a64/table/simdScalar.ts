// A64 table: AdvSIMD scalar instructions (ARM ARM C4.1.96): copy, pairwise, three same (with FP16 and the
// v8.1 RDM extras), three different; two-register misc, shifts and by-element forms are in simdScalarMisc.ts.
import type { EncodingGroup, EncodingSpec } from '../encoding';
import { SIMD_SCALAR_MISC } from './simdScalarMisc';

/** Element size of DUP (element) from imm5's lowest set bit: 0 b, 1 h, 2 s, 3 d. */
const DUP_SIZE = '(imm5 & 1) ? 0 : (imm5 & 2) ? 1 : (imm5 & 4) ? 2 : 3';

const SAME_INT = ['$d@size', '$n@size', '$m@size'];
const SAME_D = ['$Dd', '$Dn', '$Dm'];
const SAME_FP = ['$d@sz + 2', '$n@sz + 2', '$m@sz + 2'];
const SAME_H = ['$Hd', '$Hn', '$Hm'];

/** Integer three same: `any` sizes, only 64-bit (`d`), or only 16/32-bit (`hs`, the doubling multiplies). */
function same(mnemonic: string, u: string, opcode: string, sizes: 'any' | 'd' | 'hs'): EncodingSpec {
  if (sizes === 'd') return { mnemonic, bits: `01 ${u} 11110 11 1 Rm:5 ${opcode} 1 Rn:5 Rd:5`, ops: SAME_D };
  return {
    mnemonic, bits: `01 ${u} 11110 size:2 1 Rm:5 ${opcode} 1 Rn:5 Rd:5`, ops: SAME_INT,
    undef: sizes === 'hs' ? 'size == 0 || size == 3' : undefined,
  };
}

function sameFp(mnemonic: string, u: string, o2: string, opcode: string): EncodingSpec {
  return { mnemonic, bits: `01 ${u} 11110 ${o2} sz 1 Rm:5 ${opcode} 1 Rn:5 Rd:5`, ops: SAME_FP };
}

function sameFp16(mnemonic: string, u: string, a: string, opcode: string): EncodingSpec {
  return { mnemonic, bits: `01 ${u} 11110 ${a} 10 Rm:5 00 ${opcode} 1 Rn:5 Rd:5`, ops: SAME_H, feature: 'fp16' };
}

/** FP pairwise: U=0 is the FP16 form on `v.2h` (sz must be 0), U=1 single or double. */
function pairFp(mnemonic: string, o1: string, opcode: string): EncodingSpec {
  return {
    mnemonic, bits: `01 U 11110 ${o1} sz 11000 ${opcode} 10 Rn:5 Rd:5`,
    ops: ['$d@U ? sz + 2 : 1', "Vn.U ? (sz ? '2d' : '2s') : '2h'"], undef: 'U == 0 && sz == 1',
  };
}

function diff(mnemonic: string, opcode: string): EncodingSpec {
  return {
    mnemonic, bits: `01 0 11110 size:2 1 Rm:5 ${opcode} 00 Rn:5 Rd:5`, ops: ['$d@size + 1', '$n@size', '$m@size'],
    undef: 'size == 0 || size == 3',
  };
}

function sameExtra(mnemonic: string, s: string): EncodingSpec {
  return {
    mnemonic, bits: `01 1 11110 size:2 0 Rm:5 1 000 ${s} 1 Rn:5 Rd:5`, ops: SAME_INT, undef: 'size == 0 || size == 3', feature: 'rdm',
  };
}

export const SIMD_SCALAR: EncodingGroup[] = [
  {
    cls: 'simd', group: 'simd_scalar_copy', rows: [
      {
        mnemonic: 'dup', bits: '01 0 11110000 imm5:5 0 0000 1 Rn:5 Rd:5', ops: [`$d@${DUP_SIZE}`, `VEn.${DUP_SIZE}.imm5 >> (${DUP_SIZE}) + 1`],
        undef: '(imm5 & 15) == 0',
        aliases: [{ mnemonic: 'mov', ops: [`$d@${DUP_SIZE}`, `VEn.${DUP_SIZE}.imm5 >> (${DUP_SIZE}) + 1`], when: 'true' }],
      },
    ],
  },
  {
    cls: 'simd', group: 'simd_scalar_pair', rows: [
      { mnemonic: 'addp', bits: '01 0 11110 11 11000 11011 10 Rn:5 Rd:5', ops: ['$Dd', 'Vn.2d'] },
      pairFp('fmaxnmp', '0', '01100'), pairFp('faddp', '0', '01101'), pairFp('fmaxp', '0', '01111'),
      pairFp('fminnmp', '1', '01100'), pairFp('fminp', '1', '01111'),
    ],
  },
  {
    cls: 'simd', group: 'simd_scalar_3same', rows: [
      same('sqadd', '0', '00001', 'any'), same('sqsub', '0', '00101', 'any'),
      same('cmgt', '0', '00110', 'd'), same('cmge', '0', '00111', 'd'),
      same('sshl', '0', '01000', 'd'), same('sqshl', '0', '01001', 'any'),
      same('srshl', '0', '01010', 'd'), same('sqrshl', '0', '01011', 'any'),
      same('add', '0', '10000', 'd'), same('cmtst', '0', '10001', 'd'), same('sqdmulh', '0', '10110', 'hs'),
      sameFp('fmulx', '0', '0', '11011'), sameFp('fcmeq', '0', '0', '11100'),
      sameFp('frecps', '0', '0', '11111'), sameFp('frsqrts', '0', '1', '11111'),
      same('uqadd', '1', '00001', 'any'), same('uqsub', '1', '00101', 'any'),
      same('cmhi', '1', '00110', 'd'), same('cmhs', '1', '00111', 'd'),
      same('ushl', '1', '01000', 'd'), same('uqshl', '1', '01001', 'any'),
      same('urshl', '1', '01010', 'd'), same('uqrshl', '1', '01011', 'any'),
      same('sub', '1', '10000', 'd'), same('cmeq', '1', '10001', 'd'), same('sqrdmulh', '1', '10110', 'hs'),
      sameFp('fcmge', '1', '0', '11100'), sameFp('facge', '1', '0', '11101'),
      sameFp('fabd', '1', '1', '11010'), sameFp('fcmgt', '1', '1', '11100'), sameFp('facgt', '1', '1', '11101'),
    ],
  },
  {
    cls: 'simd', group: 'simd_scalar_3same_fp16', rows: [
      sameFp16('fmulx', '0', '0', '011'), sameFp16('fcmeq', '0', '0', '100'),
      sameFp16('frecps', '0', '0', '111'), sameFp16('frsqrts', '0', '1', '111'),
      sameFp16('fcmge', '1', '0', '100'), sameFp16('facge', '1', '0', '101'),
      sameFp16('fabd', '1', '1', '010'), sameFp16('fcmgt', '1', '1', '100'), sameFp16('facgt', '1', '1', '101'),
    ],
  },
  {
    cls: 'simd', group: 'simd_scalar_3same_extra', rows: [sameExtra('sqrdmlah', '0'), sameExtra('sqrdmlsh', '1')],
  },
  {
    cls: 'simd', group: 'simd_scalar_3diff', rows: [diff('sqdmlal', '1001'), diff('sqdmlsl', '1011'), diff('sqdmull', '1101')],
  },
  ...SIMD_SCALAR_MISC,
];
