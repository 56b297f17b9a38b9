// A64 table: Data Processing -- Register (ARM ARM C4.1.95): 2- and 1-source, logical and add/subtract
// (shifted and extended register), with carry, flag manipulation, conditional compare/select, 3-source.
import type { EncodingGroup } from '../encoding';

/** A shifted-register amount of 32 or more needs a 64-bit register. */
const SHIFT32 = 'sf == 0 && imm6 >= 32';
/** The condition field of the conditional-select aliases may not be AL or NV. */
const NOT_AL = 'cond < 14';

export const DP_REG: EncodingGroup[] = [
  {
    cls: 'dp_reg', group: 'dp_2src', rows: [
      { mnemonic: 'udiv', bits: 'sf 0 0 11010110 Rm:5 000010 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm'] },
      { mnemonic: 'sdiv', bits: 'sf 0 0 11010110 Rm:5 000011 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm'] },
      {
        mnemonic: 'lslv', bits: 'sf 0 0 11010110 Rm:5 001000 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm'],
        aliases: [{ mnemonic: 'lsl', ops: ['Rd', 'Rn', 'Rm'], when: 'true' }],
      },
      {
        mnemonic: 'lsrv', bits: 'sf 0 0 11010110 Rm:5 001001 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm'],
        aliases: [{ mnemonic: 'lsr', ops: ['Rd', 'Rn', 'Rm'], when: 'true' }],
      },
      {
        mnemonic: 'asrv', bits: 'sf 0 0 11010110 Rm:5 001010 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm'],
        aliases: [{ mnemonic: 'asr', ops: ['Rd', 'Rn', 'Rm'], when: 'true' }],
      },
      {
        mnemonic: 'rorv', bits: 'sf 0 0 11010110 Rm:5 001011 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm'],
        aliases: [{ mnemonic: 'ror', ops: ['Rd', 'Rn', 'Rm'], when: 'true' }],
      },
      { mnemonic: 'pacga', bits: '1 0 0 11010110 Rm:5 001100 Rn:5 Rd:5', ops: ['Xd', 'Xn', 'Xm|SP'], feature: 'pauth' },
      // CRC32 and CRC32C: one encoding per operand size, as in the ARM ARM (only CRC32X takes an X source).
      { mnemonic: 'crc32b', bits: '0 0 0 11010110 Rm:5 010000 Rn:5 Rd:5', ops: ['Wd', 'Wn', 'Wm'], feature: 'crc' },
      { mnemonic: 'crc32h', bits: '0 0 0 11010110 Rm:5 010001 Rn:5 Rd:5', ops: ['Wd', 'Wn', 'Wm'], feature: 'crc' },
      { mnemonic: 'crc32w', bits: '0 0 0 11010110 Rm:5 010010 Rn:5 Rd:5', ops: ['Wd', 'Wn', 'Wm'], feature: 'crc' },
      { mnemonic: 'crc32x', bits: '1 0 0 11010110 Rm:5 010011 Rn:5 Rd:5', ops: ['Wd', 'Wn', 'Xm'], feature: 'crc' },
      { mnemonic: 'crc32cb', bits: '0 0 0 11010110 Rm:5 010100 Rn:5 Rd:5', ops: ['Wd', 'Wn', 'Wm'], feature: 'crc' },
      { mnemonic: 'crc32ch', bits: '0 0 0 11010110 Rm:5 010101 Rn:5 Rd:5', ops: ['Wd', 'Wn', 'Wm'], feature: 'crc' },
      { mnemonic: 'crc32cw', bits: '0 0 0 11010110 Rm:5 010110 Rn:5 Rd:5', ops: ['Wd', 'Wn', 'Wm'], feature: 'crc' },
      { mnemonic: 'crc32cx', bits: '1 0 0 11010110 Rm:5 010111 Rn:5 Rd:5', ops: ['Wd', 'Wn', 'Xm'], feature: 'crc' },
    ],
  },
  {
    cls: 'dp_reg', group: 'dp_1src', rows: [
      { mnemonic: 'rbit', bits: 'sf 1 0 11010110 00000 000000 Rn:5 Rd:5', ops: ['Rd', 'Rn'] },
      { mnemonic: 'rev16', bits: 'sf 1 0 11010110 00000 000001 Rn:5 Rd:5', ops: ['Rd', 'Rn'] },
      { form: 'REV_32_dp_1src', mnemonic: 'rev', bits: '0 1 0 11010110 00000 000010 Rn:5 Rd:5', ops: ['Wd', 'Wn'] },
      { mnemonic: 'rev32', bits: '1 1 0 11010110 00000 000010 Rn:5 Rd:5', ops: ['Xd', 'Xn'] },
      { form: 'REV_64_dp_1src', mnemonic: 'rev', bits: '1 1 0 11010110 00000 000011 Rn:5 Rd:5', ops: ['Xd', 'Xn'] },
      { mnemonic: 'clz', bits: 'sf 1 0 11010110 00000 000100 Rn:5 Rd:5', ops: ['Rd', 'Rn'] },
      { mnemonic: 'cls', bits: 'sf 1 0 11010110 00000 000101 Rn:5 Rd:5', ops: ['Rd', 'Rn'] },
      // Pointer authentication (v8.3): the Z forms use the zero modifier and leave Rn at 11111.
      { mnemonic: 'pacia', bits: '1 1 0 11010110 00001 000000 Rn:5 Rd:5', ops: ['Xd', 'Xn|SP'], feature: 'pauth' },
      { mnemonic: 'pacib', bits: '1 1 0 11010110 00001 000001 Rn:5 Rd:5', ops: ['Xd', 'Xn|SP'], feature: 'pauth' },
      { mnemonic: 'pacda', bits: '1 1 0 11010110 00001 000010 Rn:5 Rd:5', ops: ['Xd', 'Xn|SP'], feature: 'pauth' },
      { mnemonic: 'pacdb', bits: '1 1 0 11010110 00001 000011 Rn:5 Rd:5', ops: ['Xd', 'Xn|SP'], feature: 'pauth' },
      { mnemonic: 'autia', bits: '1 1 0 11010110 00001 000100 Rn:5 Rd:5', ops: ['Xd', 'Xn|SP'], feature: 'pauth' },
      { mnemonic: 'autib', bits: '1 1 0 11010110 00001 000101 Rn:5 Rd:5', ops: ['Xd', 'Xn|SP'], feature: 'pauth' },
      { mnemonic: 'autda', bits: '1 1 0 11010110 00001 000110 Rn:5 Rd:5', ops: ['Xd', 'Xn|SP'], feature: 'pauth' },
      { mnemonic: 'autdb', bits: '1 1 0 11010110 00001 000111 Rn:5 Rd:5', ops: ['Xd', 'Xn|SP'], feature: 'pauth' },
      { mnemonic: 'paciza', bits: '1 1 0 11010110 00001 001000 11111 Rd:5', ops: ['Xd'], feature: 'pauth' },
      { mnemonic: 'pacizb', bits: '1 1 0 11010110 00001 001001 11111 Rd:5', ops: ['Xd'], feature: 'pauth' },
      { mnemonic: 'pacdza', bits: '1 1 0 11010110 00001 001010 11111 Rd:5', ops: ['Xd'], feature: 'pauth' },
      { mnemonic: 'pacdzb', bits: '1 1 0 11010110 00001 001011 11111 Rd:5', ops: ['Xd'], feature: 'pauth' },
      { mnemonic: 'autiza', bits: '1 1 0 11010110 00001 001100 11111 Rd:5', ops: ['Xd'], feature: 'pauth' },
      { mnemonic: 'autizb', bits: '1 1 0 11010110 00001 001101 11111 Rd:5', ops: ['Xd'], feature: 'pauth' },
      { mnemonic: 'autdza', bits: '1 1 0 11010110 00001 001110 11111 Rd:5', ops: ['Xd'], feature: 'pauth' },
      { mnemonic: 'autdzb', bits: '1 1 0 11010110 00001 001111 11111 Rd:5', ops: ['Xd'], feature: 'pauth' },
      { mnemonic: 'xpaci', bits: '1 1 0 11010110 00001 010000 11111 Rd:5', ops: ['Xd'], feature: 'pauth' },
      { mnemonic: 'xpacd', bits: '1 1 0 11010110 00001 010001 11111 Rd:5', ops: ['Xd'], feature: 'pauth' },
    ],
  },
  {
    cls: 'dp_reg', group: 'log_shift', rows: [
      { mnemonic: 'and', bits: 'sf 00 01010 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'SHIFT'], undef: SHIFT32 },
      { mnemonic: 'bic', bits: 'sf 00 01010 shift:2 1 Rm:5 imm6:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'SHIFT'], undef: SHIFT32 },
      {
        mnemonic: 'orr', bits: 'sf 01 01010 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'SHIFT'], undef: SHIFT32,
        aliases: [{ mnemonic: 'mov', ops: ['Rd', 'Rm'], when: 'shift == 0 && imm6 == 0 && Rn == 31' }],
      },
      {
        mnemonic: 'orn', bits: 'sf 01 01010 shift:2 1 Rm:5 imm6:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'SHIFT'], undef: SHIFT32,
        aliases: [{ mnemonic: 'mvn', ops: ['Rd', 'Rm', 'SHIFT'], when: 'Rn == 31' }],
      },
      { mnemonic: 'eor', bits: 'sf 10 01010 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'SHIFT'], undef: SHIFT32 },
      { mnemonic: 'eon', bits: 'sf 10 01010 shift:2 1 Rm:5 imm6:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'SHIFT'], undef: SHIFT32 },
      {
        mnemonic: 'ands', bits: 'sf 11 01010 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'SHIFT'], undef: SHIFT32,
        aliases: [{ mnemonic: 'tst', ops: ['Rn', 'Rm', 'SHIFT'], when: 'Rd == 31' }],
      },
      { mnemonic: 'bics', bits: 'sf 11 01010 shift:2 1 Rm:5 imm6:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'SHIFT'], undef: SHIFT32 },
    ],
  },
  {
    cls: 'dp_reg', group: 'addsub_shift', rows: [
      { mnemonic: 'add', bits: 'sf 0 0 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'SHIFT'], undef: `shift == 3 || ${SHIFT32}` },
      {
        mnemonic: 'adds', bits: 'sf 0 1 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'SHIFT'], undef: `shift == 3 || ${SHIFT32}`,
        aliases: [{ mnemonic: 'cmn', ops: ['Rn', 'Rm', 'SHIFT'], when: 'Rd == 31' }],
      },
      {
        mnemonic: 'sub', bits: 'sf 1 0 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'SHIFT'], undef: `shift == 3 || ${SHIFT32}`,
        aliases: [{ mnemonic: 'neg', ops: ['Rd', 'Rm', 'SHIFT'], when: 'Rn == 31' }],
      },
      {
        mnemonic: 'subs', bits: 'sf 1 1 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'SHIFT'], undef: `shift == 3 || ${SHIFT32}`,
        aliases: [
          { mnemonic: 'cmp', ops: ['Rn', 'Rm', 'SHIFT'], when: 'Rd == 31' },
          { mnemonic: 'negs', ops: ['Rd', 'Rm', 'SHIFT'], when: 'Rn == 31' },
        ],
      },
    ],
  },
  {
    cls: 'dp_reg', group: 'addsub_ext', rows: [
      { mnemonic: 'add', bits: 'sf 0 0 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5', ops: ['Rd|SP', 'Rn|SP', 'EXT_Rm', 'EXTEND'], undef: 'imm3 > 4' },
      {
        mnemonic: 'adds', bits: 'sf 0 1 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5', ops: ['Rd', 'Rn|SP', 'EXT_Rm', 'EXTEND_S'], undef: 'imm3 > 4',
        aliases: [{ mnemonic: 'cmn', ops: ['Rn|SP', 'EXT_Rm', 'EXTEND_S'], when: 'Rd == 31' }],
      },
      { mnemonic: 'sub', bits: 'sf 1 0 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5', ops: ['Rd|SP', 'Rn|SP', 'EXT_Rm', 'EXTEND'], undef: 'imm3 > 4' },
      {
        mnemonic: 'subs', bits: 'sf 1 1 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5', ops: ['Rd', 'Rn|SP', 'EXT_Rm', 'EXTEND_S'], undef: 'imm3 > 4',
        aliases: [{ mnemonic: 'cmp', ops: ['Rn|SP', 'EXT_Rm', 'EXTEND_S'], when: 'Rd == 31' }],
      },
    ],
  },
  {
    cls: 'dp_reg', group: 'addsub_carry', rows: [
      { mnemonic: 'adc', bits: 'sf 0 0 11010000 Rm:5 000000 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm'] },
      { mnemonic: 'adcs', bits: 'sf 0 1 11010000 Rm:5 000000 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm'] },
      {
        mnemonic: 'sbc', bits: 'sf 1 0 11010000 Rm:5 000000 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm'],
        aliases: [{ mnemonic: 'ngc', ops: ['Rd', 'Rm'], when: 'Rn == 31' }],
      },
      {
        mnemonic: 'sbcs', bits: 'sf 1 1 11010000 Rm:5 000000 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm'],
        aliases: [{ mnemonic: 'ngcs', ops: ['Rd', 'Rm'], when: 'Rn == 31' }],
      },
    ],
  },
  {
    cls: 'dp_reg', group: 'rmif', rows: [
      { mnemonic: 'rmif', bits: '1 0 1 11010000 imm6:6 00001 Rn:5 0 mask:4', ops: ['Xn', '#=imm6', '#=mask'], feature: 'flagm' },
    ],
  },
  {
    cls: 'dp_reg', group: 'setf', rows: [
      { mnemonic: 'setf8', bits: '0 0 1 11010000 000000 0 0010 Rn:5 0 1101', ops: ['Wn'], feature: 'flagm' },
      { mnemonic: 'setf16', bits: '0 0 1 11010000 000000 1 0010 Rn:5 0 1101', ops: ['Wn'], feature: 'flagm' },
    ],
  },
  {
    cls: 'dp_reg', group: 'condcmp_reg', rows: [
      { mnemonic: 'ccmn', bits: 'sf 0 1 11010010 Rm:5 cond:4 0 0 Rn:5 0 nzcv:4', ops: ['Rn', 'Rm', '#x=nzcv', 'cond'] },
      { mnemonic: 'ccmp', bits: 'sf 1 1 11010010 Rm:5 cond:4 0 0 Rn:5 0 nzcv:4', ops: ['Rn', 'Rm', '#x=nzcv', 'cond'] },
    ],
  },
  {
    cls: 'dp_reg', group: 'condcmp_imm', rows: [
      { mnemonic: 'ccmn', bits: 'sf 0 1 11010010 imm5:5 cond:4 1 0 Rn:5 0 nzcv:4', ops: ['Rn', '#x=imm5', '#x=nzcv', 'cond'] },
      { mnemonic: 'ccmp', bits: 'sf 1 1 11010010 imm5:5 cond:4 1 0 Rn:5 0 nzcv:4', ops: ['Rn', '#x=imm5', '#x=nzcv', 'cond'] },
    ],
  },
  {
    cls: 'dp_reg', group: 'condsel', rows: [
      { mnemonic: 'csel', bits: 'sf 0 0 11010100 Rm:5 cond:4 00 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'cond'] },
      {
        mnemonic: 'csinc', bits: 'sf 0 0 11010100 Rm:5 cond:4 01 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'cond'],
        aliases: [
          { mnemonic: 'cinc', ops: ['Rd', 'Rn', 'cond^1'], when: `Rm != 31 && Rn != 31 && Rn == Rm && ${NOT_AL}` },
          { mnemonic: 'cset', ops: ['Rd', 'cond^1'], when: `Rm == 31 && Rn == 31 && ${NOT_AL}` },
        ],
      },
      {
        mnemonic: 'csinv', bits: 'sf 1 0 11010100 Rm:5 cond:4 00 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'cond'],
        aliases: [
          { mnemonic: 'cinv', ops: ['Rd', 'Rn', 'cond^1'], when: `Rm != 31 && Rn != 31 && Rn == Rm && ${NOT_AL}` },
          { mnemonic: 'csetm', ops: ['Rd', 'cond^1'], when: `Rm == 31 && Rn == 31 && ${NOT_AL}` },
        ],
      },
      {
        mnemonic: 'csneg', bits: 'sf 1 0 11010100 Rm:5 cond:4 01 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'cond'],
        aliases: [{ mnemonic: 'cneg', ops: ['Rd', 'Rn', 'cond^1'], when: `Rn == Rm && ${NOT_AL}` }],
      },
    ],
  },
  {
    cls: 'dp_reg', group: 'dp_3src', rows: [
      {
        mnemonic: 'madd', bits: 'sf 00 11011 000 Rm:5 0 Ra:5 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'Ra'],
        aliases: [{ mnemonic: 'mul', ops: ['Rd', 'Rn', 'Rm'], when: 'Ra == 31' }],
      },
      {
        mnemonic: 'msub', bits: 'sf 00 11011 000 Rm:5 1 Ra:5 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', 'Ra'],
        aliases: [{ mnemonic: 'mneg', ops: ['Rd', 'Rn', 'Rm'], when: 'Ra == 31' }],
      },
      {
        mnemonic: 'smaddl', bits: '1 00 11011 001 Rm:5 0 Ra:5 Rn:5 Rd:5', ops: ['Xd', 'Wn', 'Wm', 'Xa'],
        aliases: [{ mnemonic: 'smull', ops: ['Xd', 'Wn', 'Wm'], when: 'Ra == 31' }],
      },
      {
        mnemonic: 'smsubl', bits: '1 00 11011 001 Rm:5 1 Ra:5 Rn:5 Rd:5', ops: ['Xd', 'Wn', 'Wm', 'Xa'],
        aliases: [{ mnemonic: 'smnegl', ops: ['Xd', 'Wn', 'Wm'], when: 'Ra == 31' }],
      },
      // SMULH/UMULH: Ra is should-be-one, and objdump decodes any value there.
      { mnemonic: 'smulh', bits: '1 00 11011 010 Rm:5 0 xxxxx Rn:5 Rd:5', ops: ['Xd', 'Xn', 'Xm'] },
      {
        mnemonic: 'umaddl', bits: '1 00 11011 101 Rm:5 0 Ra:5 Rn:5 Rd:5', ops: ['Xd', 'Wn', 'Wm', 'Xa'],
        aliases: [{ mnemonic: 'umull', ops: ['Xd', 'Wn', 'Wm'], when: 'Ra == 31' }],
      },
      {
        mnemonic: 'umsubl', bits: '1 00 11011 101 Rm:5 1 Ra:5 Rn:5 Rd:5', ops: ['Xd', 'Wn', 'Wm', 'Xa'],
        aliases: [{ mnemonic: 'umnegl', ops: ['Xd', 'Wn', 'Wm'], when: 'Ra == 31' }],
      },
      { mnemonic: 'umulh', bits: '1 00 11011 110 Rm:5 0 xxxxx Rn:5 Rd:5', ops: ['Xd', 'Xn', 'Xm'] },
    ],
  },
];
