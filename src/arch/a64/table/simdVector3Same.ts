// A64 table: AdvSIMD three same (integer, FP, FP16), three same extra and three different (ARM ARM C4.1.96).
// Rows share one layout per group; the local builders fill in U, opcode and the sizes the page allows.
import type { EncodingGroup, EncodingSpec } from '../encoding';

const T = 'size*2+Q';
/** The long (double-width, 128-bit) arrangement of size+1: 8h, 4s, 2d, 1q. */
const TL = 'size*2+3';
const TF = '4+sz*2+Q';

/** UNALLOCATED sizes: ANY allows .2d but not .1d, NO_D forbids 64-bit elements, HS keeps .h and .s only. */
const ANY = 'size == 3 && Q == 0';
const NO_D = 'size == 3';
const HS = 'size == 0 || size == 3';

function same(mnemonic: string, U: number, opcode: string, undef: string): EncodingSpec {
  return {
    mnemonic, bits: `0 Q ${U} 01110 size:2 1 Rm:5 ${opcode} 1 Rn:5 Rd:5`,
    ops: [`Vd.${T}`, `Vn.${T}`, `Vm.${T}`], undef,
  };
}

/** The bitwise ops of three same: `size` selects the operation, the arrangement is .8b/.16b. */
function logical(mnemonic: string, U: number, size: string, extra: Partial<EncodingSpec> = {}): EncodingSpec {
  return { mnemonic, bits: `0 Q ${U} 01110 ${size} 1 Rm:5 00011 1 Rn:5 Rd:5`, ops: ['Vd.Q', 'Vn.Q', 'Vm.Q'], ...extra };
}

function fsame(mnemonic: string, U: number, a: number, opcode: string): EncodingSpec {
  return {
    mnemonic, bits: `0 Q ${U} 01110 ${a} sz 1 Rm:5 ${opcode} 1 Rn:5 Rd:5`,
    ops: [`Vd.${TF}`, `Vn.${TF}`, `Vm.${TF}`], undef: 'sz == 1 && Q == 0',
  };
}

function hsame(mnemonic: string, U: number, a: number, opcode: string): EncodingSpec {
  return {
    mnemonic, bits: `0 Q ${U} 01110 ${a} 10 Rm:5 00 ${opcode} 1 Rn:5 Rd:5`,
    ops: ['Vd.2+Q', 'Vn.2+Q', 'Vm.2+Q'], feature: 'fp16',
  };
}

/**
 * FMLAL and friends (FHM): .2s/.4s accumulators of .2h/.4h products. Bit 22 (sz) must be 0, but objdump
 * ignores it, so it is a field rather than an UNALLOCATED condition: the core's handler raises UNDEFINED.
 */
function fhm(mnemonic: string, U: number, S: number, opcode: string): EncodingSpec {
  return {
    mnemonic, bits: `0 Q ${U} 01110 ${S} sz 1 Rm:5 ${opcode} 1 Rn:5 Rd:5`,
    ops: ['Vd.4+Q', "Vn.Q ? '4h' : '2h'", "Vm.Q ? '4h' : '2h'"], feature: 'fhm',
  };
}

function diff(mnemonic: string, U: number, opcode: string, shape: 'long' | 'wide' | 'narrow', undef = NO_D): EncodingSpec {
  const ops = { long: [TL, T, T], wide: [TL, TL, T], narrow: [T, TL, TL] }[shape];
  return {
    mnemonic: `${mnemonic}{V2}`, bits: `0 Q ${U} 01110 size:2 1 Rm:5 ${opcode} 00 Rn:5 Rd:5`,
    ops: [`Vd.${ops[0]}`, `Vn.${ops[1]}`, `Vm.${ops[2]}`], undef,
  };
}

export const SIMD_VECTOR_3SAME: EncodingGroup[] = [
  {
    cls: 'simd', group: 'asimdsame', rows: [
      same('shadd', 0, '00000', NO_D), same('uhadd', 1, '00000', NO_D),
      same('sqadd', 0, '00001', ANY), same('uqadd', 1, '00001', ANY),
      same('srhadd', 0, '00010', NO_D), same('urhadd', 1, '00010', NO_D),
      same('shsub', 0, '00100', NO_D), same('uhsub', 1, '00100', NO_D),
      same('sqsub', 0, '00101', ANY), same('uqsub', 1, '00101', ANY),
      same('cmgt', 0, '00110', ANY), same('cmhi', 1, '00110', ANY),
      same('cmge', 0, '00111', ANY), same('cmhs', 1, '00111', ANY),
      same('sshl', 0, '01000', ANY), same('ushl', 1, '01000', ANY),
      same('sqshl', 0, '01001', ANY), same('uqshl', 1, '01001', ANY),
      same('srshl', 0, '01010', ANY), same('urshl', 1, '01010', ANY),
      same('sqrshl', 0, '01011', ANY), same('uqrshl', 1, '01011', ANY),
      same('smax', 0, '01100', NO_D), same('umax', 1, '01100', NO_D),
      same('smin', 0, '01101', NO_D), same('umin', 1, '01101', NO_D),
      same('sabd', 0, '01110', NO_D), same('uabd', 1, '01110', NO_D),
      same('saba', 0, '01111', NO_D), same('uaba', 1, '01111', NO_D),
      same('add', 0, '10000', ANY), same('sub', 1, '10000', ANY),
      same('cmtst', 0, '10001', ANY), same('cmeq', 1, '10001', ANY),
      same('mla', 0, '10010', NO_D), same('mls', 1, '10010', NO_D),
      same('mul', 0, '10011', NO_D), same('pmul', 1, '10011', 'size != 0'),
      same('smaxp', 0, '10100', NO_D), same('umaxp', 1, '10100', NO_D),
      same('sminp', 0, '10101', NO_D), same('uminp', 1, '10101', NO_D),
      same('sqdmulh', 0, '10110', HS), same('sqrdmulh', 1, '10110', HS),
      same('addp', 0, '10111', ANY),
      logical('and', 0, '00'), logical('bic', 0, '01'),
      logical('orr', 0, '10', { aliases: [{ mnemonic: 'mov', ops: ['Vd.Q', 'Vn.Q'], when: 'Rm == Rn' }] }),
      logical('orn', 0, '11'),
      logical('eor', 1, '00'), logical('bsl', 1, '01'), logical('bit', 1, '10'), logical('bif', 1, '11'),
      fsame('fmaxnm', 0, 0, '11000'), fsame('fmla', 0, 0, '11001'), fsame('fadd', 0, 0, '11010'),
      fsame('fmulx', 0, 0, '11011'), fsame('fcmeq', 0, 0, '11100'), fsame('fmax', 0, 0, '11110'),
      fsame('frecps', 0, 0, '11111'),
      fsame('fminnm', 0, 1, '11000'), fsame('fmls', 0, 1, '11001'), fsame('fsub', 0, 1, '11010'),
      fsame('fmin', 0, 1, '11110'), fsame('frsqrts', 0, 1, '11111'),
      fsame('fmaxnmp', 1, 0, '11000'), fsame('faddp', 1, 0, '11010'), fsame('fmul', 1, 0, '11011'),
      fsame('fcmge', 1, 0, '11100'), fsame('facge', 1, 0, '11101'), fsame('fmaxp', 1, 0, '11110'),
      fsame('fdiv', 1, 0, '11111'),
      fsame('fminnmp', 1, 1, '11000'), fsame('fabd', 1, 1, '11010'), fsame('fcmgt', 1, 1, '11100'),
      fsame('facgt', 1, 1, '11101'), fsame('fminp', 1, 1, '11110'),
      fhm('fmlal', 0, 0, '11101'), fhm('fmlsl', 0, 1, '11101'), fhm('fmlal2', 1, 0, '11001'), fhm('fmlsl2', 1, 1, '11001'),
    ],
  },
  {
    cls: 'simd', group: 'asimdsamefp16', rows: [
      hsame('fmaxnm', 0, 0, '000'), hsame('fmla', 0, 0, '001'), hsame('fadd', 0, 0, '010'), hsame('fmulx', 0, 0, '011'),
      hsame('fcmeq', 0, 0, '100'), hsame('fmax', 0, 0, '110'), hsame('frecps', 0, 0, '111'),
      hsame('fminnm', 0, 1, '000'), hsame('fmls', 0, 1, '001'), hsame('fsub', 0, 1, '010'), hsame('fmin', 0, 1, '110'),
      hsame('frsqrts', 0, 1, '111'),
      hsame('fmaxnmp', 1, 0, '000'), hsame('faddp', 1, 0, '010'), hsame('fmul', 1, 0, '011'), hsame('fcmge', 1, 0, '100'),
      hsame('facge', 1, 0, '101'), hsame('fmaxp', 1, 0, '110'), hsame('fdiv', 1, 0, '111'),
      hsame('fminnmp', 1, 1, '000'), hsame('fabd', 1, 1, '010'), hsame('fcmgt', 1, 1, '100'), hsame('facgt', 1, 1, '101'),
      hsame('fminp', 1, 1, '110'),
    ],
  },
  {
    cls: 'simd', group: 'asimdsame2', rows: [
      {
        mnemonic: 'sqrdmlah', bits: '0 Q 1 01110 size:2 0 Rm:5 1 0000 1 Rn:5 Rd:5', ops: [`Vd.${T}`, `Vn.${T}`, `Vm.${T}`],
        undef: HS, feature: 'rdm',
      },
      {
        mnemonic: 'sqrdmlsh', bits: '0 Q 1 01110 size:2 0 Rm:5 1 0001 1 Rn:5 Rd:5', ops: [`Vd.${T}`, `Vn.${T}`, `Vm.${T}`],
        undef: HS, feature: 'rdm',
      },
      { mnemonic: 'sdot', bits: '0 Q 0 01110 10 0 Rm:5 1 0010 1 Rn:5 Rd:5', ops: ['Vd.4+Q', 'Vn.Q', 'Vm.Q'], feature: 'dotprod' },
      { mnemonic: 'udot', bits: '0 Q 1 01110 10 0 Rm:5 1 0010 1 Rn:5 Rd:5', ops: ['Vd.4+Q', 'Vn.Q', 'Vm.Q'], feature: 'dotprod' },
      {
        mnemonic: 'fcmla', bits: '0 Q 1 01110 size:2 0 Rm:5 1 10 rot:2 1 Rn:5 Rd:5', ops: [`Vd.${T}`, `Vn.${T}`, `Vm.${T}`, '#=rot*90'],
        undef: 'size == 0 || (size == 3 && Q == 0)', feature: 'fcma',
      },
      {
        mnemonic: 'fcadd', bits: '0 Q 1 01110 size:2 0 Rm:5 1 11 rot 0 1 Rn:5 Rd:5', ops: [`Vd.${T}`, `Vn.${T}`, `Vm.${T}`, '#=rot*180+90'],
        undef: 'size == 0 || (size == 3 && Q == 0)', feature: 'fcma',
      },
    ],
  },
  {
    cls: 'simd', group: 'asimddiff', rows: [
      diff('saddl', 0, '0000', 'long'), diff('uaddl', 1, '0000', 'long'),
      diff('saddw', 0, '0001', 'wide'), diff('uaddw', 1, '0001', 'wide'),
      diff('ssubl', 0, '0010', 'long'), diff('usubl', 1, '0010', 'long'),
      diff('ssubw', 0, '0011', 'wide'), diff('usubw', 1, '0011', 'wide'),
      diff('addhn', 0, '0100', 'narrow'), diff('raddhn', 1, '0100', 'narrow'),
      diff('sabal', 0, '0101', 'long'), diff('uabal', 1, '0101', 'long'),
      diff('subhn', 0, '0110', 'narrow'), diff('rsubhn', 1, '0110', 'narrow'),
      diff('sabdl', 0, '0111', 'long'), diff('uabdl', 1, '0111', 'long'),
      diff('smlal', 0, '1000', 'long'), diff('umlal', 1, '1000', 'long'),
      diff('sqdmlal', 0, '1001', 'long', HS),
      diff('smlsl', 0, '1010', 'long'), diff('umlsl', 1, '1010', 'long'),
      diff('sqdmlsl', 0, '1011', 'long', HS),
      diff('smull', 0, '1100', 'long'), diff('umull', 1, '1100', 'long'),
      diff('sqdmull', 0, '1101', 'long', HS),
      diff('pmull', 0, '1110', 'long', 'size == 1 || size == 2'),
    ],
  },
];
