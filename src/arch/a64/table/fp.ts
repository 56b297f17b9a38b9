// A64 table: Scalar floating-point and FP<->integer conversions (ARM ARM C4.1.96, the FP part).
// ftype selects the precision (00 single, 01 double, 11 half from FEAT_FP16); ftype 10 is unallocated.
import type { EncodingGroup, EncodingSpec } from '../encoding';

const NO_HALF_SLOT = 'ftype == 2';

/** A row of the FP <-> integer group: one (rmode, opcode) pair, GPR destination or source. */
function toInt(mnemonic: string, rmode: string, opcode: string): EncodingSpec {
  return { mnemonic, bits: `sf 0 0 11110 ftype:2 1 ${rmode} ${opcode} 000000 Rn:5 Rd:5`, ops: ['Rd', '$Fn'], undef: NO_HALF_SLOT };
}

function fromInt(mnemonic: string, opcode: string): EncodingSpec {
  return { mnemonic, bits: `sf 0 0 11110 ftype:2 1 00 ${opcode} 000000 Rn:5 Rd:5`, ops: ['$Fd', 'Rn'], undef: NO_HALF_SLOT };
}

function dp1(mnemonic: string, opcode: string): EncodingSpec {
  return { mnemonic, bits: `0 0 0 11110 ftype:2 1 ${opcode} 10000 Rn:5 Rd:5`, ops: ['$Fd', '$Fn'], undef: NO_HALF_SLOT };
}

function dp2(mnemonic: string, opcode: string): EncodingSpec {
  return { mnemonic, bits: `0 0 0 11110 ftype:2 1 Rm:5 ${opcode} 10 Rn:5 Rd:5`, ops: ['$Fd', '$Fn', '$Fm'], undef: NO_HALF_SLOT };
}

function dp3(mnemonic: string, o1: string, o0: string): EncodingSpec {
  return {
    mnemonic, bits: `0 0 0 11111 ftype:2 ${o1} Rm:5 ${o0} Ra:5 Rn:5 Rd:5`, ops: ['$Fd', '$Fn', '$Fm', '$Fa'], undef: NO_HALF_SLOT,
  };
}

/** Fixed-point conversions: a 32-bit GPR allows only 1..32 fractional bits (scale >= 32). */
const FIX_UNDEF = 'ftype == 2 || (sf == 0 && scale < 32)';

export const FP: EncodingGroup[] = [
  {
    cls: 'fp', group: 'float2fix', rows: [
      { mnemonic: 'scvtf', bits: 'sf 0 0 11110 ftype:2 0 00 010 scale:6 Rn:5 Rd:5', ops: ['$Fd', 'Rn', '#=64 - scale'], undef: FIX_UNDEF },
      { mnemonic: 'ucvtf', bits: 'sf 0 0 11110 ftype:2 0 00 011 scale:6 Rn:5 Rd:5', ops: ['$Fd', 'Rn', '#=64 - scale'], undef: FIX_UNDEF },
      { mnemonic: 'fcvtzs', bits: 'sf 0 0 11110 ftype:2 0 11 000 scale:6 Rn:5 Rd:5', ops: ['Rd', '$Fn', '#=64 - scale'], undef: FIX_UNDEF },
      { mnemonic: 'fcvtzu', bits: 'sf 0 0 11110 ftype:2 0 11 001 scale:6 Rn:5 Rd:5', ops: ['Rd', '$Fn', '#=64 - scale'], undef: FIX_UNDEF },
    ],
  },
  {
    cls: 'fp', group: 'float2int', rows: [
      toInt('fcvtns', '00', '000'), toInt('fcvtnu', '00', '001'),
      fromInt('scvtf', '010'), fromInt('ucvtf', '011'),
      toInt('fcvtas', '00', '100'), toInt('fcvtau', '00', '101'),
      toInt('fcvtps', '01', '000'), toInt('fcvtpu', '01', '001'),
      toInt('fcvtms', '10', '000'), toInt('fcvtmu', '10', '001'),
      toInt('fcvtzs', '11', '000'), toInt('fcvtzu', '11', '001'),
      // FMOV (general) moves bits unchanged: W<->S, X<->D, and W or X <-> H.
      {
        form: 'FMOV_float2int_to_gpr', mnemonic: 'fmov', bits: 'sf 0 0 11110 ftype:2 1 00 110 000000 Rn:5 Rd:5', ops: ['Rd', '$Fn'],
        undef: '!((sf == 0 && ftype == 0) || (sf == 1 && ftype == 1) || ftype == 3)',
      },
      {
        form: 'FMOV_float2int_from_gpr', mnemonic: 'fmov', bits: 'sf 0 0 11110 ftype:2 1 00 111 000000 Rn:5 Rd:5', ops: ['$Fd', 'Rn'],
        undef: '!((sf == 0 && ftype == 0) || (sf == 1 && ftype == 1) || ftype == 3)',
      },
      { form: 'FMOV_float2int_from_top', mnemonic: 'fmov', bits: '1 0 0 11110 10 1 01 110 000000 Rn:5 Rd:5', ops: ['Xd', 'VEn.3.1'] },
      { form: 'FMOV_float2int_to_top', mnemonic: 'fmov', bits: '1 0 0 11110 10 1 01 111 000000 Rn:5 Rd:5', ops: ['VEd.3.1', 'Xn'] },
      { mnemonic: 'fjcvtzs', bits: '0 0 0 11110 01 1 11 110 000000 Rn:5 Rd:5', ops: ['Wd', '$Dn'], feature: 'jscvt' },
    ],
  },
  {
    cls: 'fp', group: 'floatdp1', rows: [
      dp1('fmov', '000000'), dp1('fabs', '000001'), dp1('fneg', '000010'), dp1('fsqrt', '000011'),
      {
        mnemonic: 'fcvt', bits: '0 0 0 11110 ftype:2 1 0001 opc:2 10000 Rn:5 Rd:5', ops: ['$d@opc == 0 ? 2 : opc == 1 ? 3 : 1', '$Fn'],
        undef: 'ftype == 2 || opc == 2 || opc == ftype',
      },
      dp1('frintn', '001000'), dp1('frintp', '001001'), dp1('frintm', '001010'), dp1('frintz', '001011'),
      dp1('frinta', '001100'), dp1('frintx', '001110'), dp1('frinti', '001111'),
    ],
  },
  {
    cls: 'fp', group: 'floatcmp', rows: [
      { mnemonic: 'fcmp', bits: '0 0 0 11110 ftype:2 1 Rm:5 001000 Rn:5 00000', ops: ['$Fn', '$Fm'], undef: NO_HALF_SLOT },
      { form: 'FCMP_floatcmp_zero', mnemonic: 'fcmp', bits: '0 0 0 11110 ftype:2 1 Rm:5 001000 Rn:5 01000', ops: ['$Fn', "'#0.0'"], undef: NO_HALF_SLOT },
      { mnemonic: 'fcmpe', bits: '0 0 0 11110 ftype:2 1 Rm:5 001000 Rn:5 10000', ops: ['$Fn', '$Fm'], undef: NO_HALF_SLOT },
      { form: 'FCMPE_floatcmp_zero', mnemonic: 'fcmpe', bits: '0 0 0 11110 ftype:2 1 Rm:5 001000 Rn:5 11000', ops: ['$Fn', "'#0.0'"], undef: NO_HALF_SLOT },
    ],
  },
  {
    cls: 'fp', group: 'floatimm', rows: [
      { mnemonic: 'fmov', bits: '0 0 0 11110 ftype:2 1 imm8:8 100 00000 Rd:5', ops: ['$Fd', '$FPIMM'], undef: NO_HALF_SLOT },
    ],
  },
  {
    cls: 'fp', group: 'floatccmp', rows: [
      { mnemonic: 'fccmp', bits: '0 0 0 11110 ftype:2 1 Rm:5 cond:4 01 Rn:5 0 nzcv:4', ops: ['$Fn', '$Fm', '#x=nzcv', 'cond'], undef: NO_HALF_SLOT },
      { mnemonic: 'fccmpe', bits: '0 0 0 11110 ftype:2 1 Rm:5 cond:4 01 Rn:5 1 nzcv:4', ops: ['$Fn', '$Fm', '#x=nzcv', 'cond'], undef: NO_HALF_SLOT },
    ],
  },
  {
    cls: 'fp', group: 'floatdp2', rows: [
      dp2('fmul', '0000'), dp2('fdiv', '0001'), dp2('fadd', '0010'), dp2('fsub', '0011'),
      dp2('fmax', '0100'), dp2('fmin', '0101'), dp2('fmaxnm', '0110'), dp2('fminnm', '0111'), dp2('fnmul', '1000'),
    ],
  },
  {
    cls: 'fp', group: 'floatsel', rows: [
      { mnemonic: 'fcsel', bits: '0 0 0 11110 ftype:2 1 Rm:5 cond:4 11 Rn:5 Rd:5', ops: ['$Fd', '$Fn', '$Fm', 'cond'], undef: NO_HALF_SLOT },
    ],
  },
  {
    cls: 'fp', group: 'floatdp3', rows: [
      dp3('fmadd', '0', '0'), dp3('fmsub', '0', '1'), dp3('fnmadd', '1', '0'), dp3('fnmsub', '1', '1'),
    ],
  },
];
