// A64 table: AdvSIMD two-register miscellaneous (integer, FP, FP16) and across lanes (ARM ARM C4.1.96).
import type { EncodingGroup, EncodingSpec } from '../encoding';

const T = 'size*2+Q';
const TL = 'size*2+3';
const TF = '4+sz*2+Q';

const ANY = 'size == 3 && Q == 0';
const NO_D = 'size == 3';

function misc(mnemonic: string, U: number, opcode: string, undef: string, ops = [`Vd.${T}`, `Vn.${T}`]): EncodingSpec {
  return { mnemonic, bits: `0 Q ${U} 01110 size:2 10000 ${opcode} 10 Rn:5 Rd:5`, ops, undef };
}

/** The narrowing moves: `xtn{2} v0.8b/16b, v1.8h`. */
function narrow(mnemonic: string, U: number, opcode: string): EncodingSpec {
  return misc(`${mnemonic}{V2}`, U, opcode, NO_D, [`Vd.${T}`, `Vn.${TL}`]);
}

/** Pairwise long adds: the destination has half as many elements of twice the size. */
function pairwiseLong(mnemonic: string, U: number, opcode: string): EncodingSpec {
  return misc(mnemonic, U, opcode, NO_D, ['Vd.size*2+2+Q', `Vn.${T}`]);
}

function fmisc(mnemonic: string, U: number, a: number, opcode: string, zero = ''): EncodingSpec {
  return {
    mnemonic, bits: `0 Q ${U} 01110 ${a} sz 10000 ${opcode} 10 Rn:5 Rd:5`,
    ops: zero ? [`Vd.${TF}`, `Vn.${TF}`, zero] : [`Vd.${TF}`, `Vn.${TF}`], undef: 'sz == 1 && Q == 0',
  };
}

function hmisc(mnemonic: string, U: number, a: number, opcode: string, zero = ''): EncodingSpec {
  return {
    mnemonic, bits: `0 Q ${U} 01110 ${a} 111100 ${opcode} 10 Rn:5 Rd:5`,
    ops: zero ? ['Vd.2+Q', 'Vn.2+Q', zero] : ['Vd.2+Q', 'Vn.2+Q'], feature: 'fp16',
  };
}

function across(mnemonic: string, U: number, opcode: string, dest: string): EncodingSpec {
  return {
    mnemonic, bits: `0 Q ${U} 01110 size:2 11000 ${opcode} 10 Rn:5 Rd:5`, ops: [`$d@${dest}`, `Vn.${T}`],
    undef: 'size == 3 || (size == 2 && Q == 0)',
  };
}

function facross(mnemonic: string, U: number, a: number, opcode: string): EncodingSpec {
  return U
    ? { mnemonic, bits: `0 Q 1 01110 ${a} sz 11000 ${opcode} 10 Rn:5 Rd:5`, ops: ['$Sd', 'Vn.4s'], undef: 'sz == 1 || Q == 0' }
    : { mnemonic, bits: `0 Q 0 01110 ${a} 0 11000 ${opcode} 10 Rn:5 Rd:5`, ops: ['$Hd', 'Vn.2+Q'], feature: 'fp16' };
}

export const SIMD_VECTOR_MISC: EncodingGroup[] = [
  {
    cls: 'simd', group: 'asimdmisc', rows: [
      misc('rev64', 0, '00000', NO_D), misc('rev16', 0, '00001', 'size != 0'), misc('rev32', 1, '00000', 'size > 1'),
      pairwiseLong('saddlp', 0, '00010'), pairwiseLong('uaddlp', 1, '00010'),
      misc('suqadd', 0, '00011', ANY), misc('usqadd', 1, '00011', ANY),
      misc('cls', 0, '00100', NO_D), misc('clz', 1, '00100', NO_D),
      misc('cnt', 0, '00101', 'size != 0'),
      { mnemonic: 'not', bits: '0 Q 1 01110 00 10000 00101 10 Rn:5 Rd:5', ops: ['Vd.Q', 'Vn.Q'], aliases: [{ mnemonic: 'mvn', ops: ['Vd.Q', 'Vn.Q'], when: 'true' }] },
      { mnemonic: 'rbit', bits: '0 Q 1 01110 01 10000 00101 10 Rn:5 Rd:5', ops: ['Vd.Q', 'Vn.Q'] },
      pairwiseLong('sadalp', 0, '00110'), pairwiseLong('uadalp', 1, '00110'),
      misc('sqabs', 0, '00111', ANY), misc('sqneg', 1, '00111', ANY),
      misc('cmgt', 0, '01000', ANY, [`Vd.${T}`, `Vn.${T}`, "'#0'"]), misc('cmge', 1, '01000', ANY, [`Vd.${T}`, `Vn.${T}`, "'#0'"]),
      misc('cmeq', 0, '01001', ANY, [`Vd.${T}`, `Vn.${T}`, "'#0'"]), misc('cmle', 1, '01001', ANY, [`Vd.${T}`, `Vn.${T}`, "'#0'"]),
      misc('cmlt', 0, '01010', ANY, [`Vd.${T}`, `Vn.${T}`, "'#0'"]),
      misc('abs', 0, '01011', ANY), misc('neg', 1, '01011', ANY),
      narrow('xtn', 0, '10010'), narrow('sqxtun', 1, '10010'),
      narrow('sqxtn', 0, '10100'), narrow('uqxtn', 1, '10100'),
      misc('shll{V2}', 1, '10011', NO_D, [`Vd.${TL}`, `Vn.${T}`, '#=8 << size']),
      { mnemonic: 'fcvtn{V2}', bits: '0 Q 0 01110 0 sz 10000 10110 10 Rn:5 Rd:5', ops: ['Vd.2+sz*2+Q', 'Vn.5+sz*2'] },
      { mnemonic: 'fcvtxn{V2}', bits: '0 Q 1 01110 0 1 10000 10110 10 Rn:5 Rd:5', ops: ['Vd.4+Q', 'Vn.2d'] },
      { mnemonic: 'fcvtl{V2}', bits: '0 Q 0 01110 0 sz 10000 10111 10 Rn:5 Rd:5', ops: ['Vd.5+sz*2', 'Vn.2+sz*2+Q'] },
      fmisc('frintn', 0, 0, '11000'), fmisc('frintm', 0, 0, '11001'), fmisc('fcvtns', 0, 0, '11010'),
      fmisc('fcvtms', 0, 0, '11011'), fmisc('fcvtas', 0, 0, '11100'), fmisc('scvtf', 0, 0, '11101'),
      fmisc('fcmgt', 0, 1, '01100', "'#0.0'"), fmisc('fcmeq', 0, 1, '01101', "'#0.0'"), fmisc('fcmlt', 0, 1, '01110', "'#0.0'"),
      fmisc('fabs', 0, 1, '01111'), fmisc('frintp', 0, 1, '11000'), fmisc('frintz', 0, 1, '11001'),
      fmisc('fcvtps', 0, 1, '11010'), fmisc('fcvtzs', 0, 1, '11011'), fmisc('frecpe', 0, 1, '11101'),
      fmisc('frinta', 1, 0, '11000'), fmisc('frintx', 1, 0, '11001'), fmisc('fcvtnu', 1, 0, '11010'),
      fmisc('fcvtmu', 1, 0, '11011'), fmisc('fcvtau', 1, 0, '11100'), fmisc('ucvtf', 1, 0, '11101'),
      fmisc('fcmge', 1, 1, '01100', "'#0.0'"), fmisc('fcmle', 1, 1, '01101', "'#0.0'"), fmisc('fneg', 1, 1, '01111'),
      fmisc('frinti', 1, 1, '11001'), fmisc('fcvtpu', 1, 1, '11010'), fmisc('fcvtzu', 1, 1, '11011'),
      fmisc('frsqrte', 1, 1, '11101'), fmisc('fsqrt', 1, 1, '11111'),
      { mnemonic: 'urecpe', bits: '0 Q 0 01110 1 0 10000 11100 10 Rn:5 Rd:5', ops: ['Vd.4+Q', 'Vn.4+Q'] },
      { mnemonic: 'ursqrte', bits: '0 Q 1 01110 1 0 10000 11100 10 Rn:5 Rd:5', ops: ['Vd.4+Q', 'Vn.4+Q'] },
    ],
  },
  {
    cls: 'simd', group: 'asimdmiscfp16', rows: [
      hmisc('frintn', 0, 0, '11000'), hmisc('frintm', 0, 0, '11001'), hmisc('fcvtns', 0, 0, '11010'),
      hmisc('fcvtms', 0, 0, '11011'), hmisc('fcvtas', 0, 0, '11100'), hmisc('scvtf', 0, 0, '11101'),
      hmisc('fcmgt', 0, 1, '01100', "'#0.0'"), hmisc('fcmeq', 0, 1, '01101', "'#0.0'"), hmisc('fcmlt', 0, 1, '01110', "'#0.0'"),
      hmisc('fabs', 0, 1, '01111'), hmisc('frintp', 0, 1, '11000'), hmisc('frintz', 0, 1, '11001'),
      hmisc('fcvtps', 0, 1, '11010'), hmisc('fcvtzs', 0, 1, '11011'), hmisc('frecpe', 0, 1, '11101'),
      hmisc('frinta', 1, 0, '11000'), hmisc('frintx', 1, 0, '11001'), hmisc('fcvtnu', 1, 0, '11010'),
      hmisc('fcvtmu', 1, 0, '11011'), hmisc('fcvtau', 1, 0, '11100'), hmisc('ucvtf', 1, 0, '11101'),
      hmisc('fcmge', 1, 1, '01100', "'#0.0'"), hmisc('fcmle', 1, 1, '01101', "'#0.0'"), hmisc('fneg', 1, 1, '01111'),
      hmisc('frinti', 1, 1, '11001'), hmisc('fcvtpu', 1, 1, '11010'), hmisc('fcvtzu', 1, 1, '11011'),
      hmisc('frsqrte', 1, 1, '11101'), hmisc('fsqrt', 1, 1, '11111'),
    ],
  },
  {
    cls: 'simd', group: 'asimdall', rows: [
      across('saddlv', 0, '00011', 'size+1'), across('uaddlv', 1, '00011', 'size+1'),
      across('smaxv', 0, '01010', 'size'), across('umaxv', 1, '01010', 'size'),
      across('sminv', 0, '11010', 'size'), across('uminv', 1, '11010', 'size'),
      across('addv', 0, '11011', 'size'),
      facross('fmaxnmv', 1, 0, '01100'), facross('fminnmv', 1, 1, '01100'),
      facross('fmaxv', 1, 0, '01111'), facross('fminv', 1, 1, '01111'),
      { ...facross('fmaxnmv', 0, 0, '01100'), form: 'FMAXNMV_asimdall_fp16' },
      { ...facross('fminnmv', 0, 1, '01100'), form: 'FMINNMV_asimdall_fp16' },
      { ...facross('fmaxv', 0, 0, '01111'), form: 'FMAXV_asimdall_fp16' },
      { ...facross('fminv', 0, 1, '01111'), form: 'FMINV_asimdall_fp16' },
    ],
  },
];
