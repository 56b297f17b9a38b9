// A64 table: Data Processing -- Immediate (ARM ARM C4.1.92): PC-relative addressing, add/subtract,
// logical, move wide, bitfield and extract.
import type { EncodingGroup } from '../encoding';

const W = 'sf ? 64 : 32';

export const DP_IMM: EncodingGroup[] = [
  {
    cls: 'dp_imm', group: 'pcreladdr', rows: [
      { mnemonic: 'adr', bits: '0 immlo:2 10000 immhi:19 Rd:5', ops: ['Xd', 'rel=SignExtend(immhi * 4 + immlo, 21)'] },
      { mnemonic: 'adrp', bits: '1 immlo:2 10000 immhi:19 Rd:5', ops: ['Xd', 'page=SignExtend(immhi * 4 + immlo, 21) * 4096'] },
    ],
  },
  {
    cls: 'dp_imm', group: 'addsub_imm', rows: [
      {
        mnemonic: 'add', bits: 'sf 0 0 100010 sh imm12:12 Rn:5 Rd:5', ops: ['Rd|SP', 'Rn|SP', 'AIMM'],
        aliases: [{ mnemonic: 'mov', ops: ['Rd|SP', 'Rn|SP'], when: 'sh == 0 && imm12 == 0 && (Rd == 31 || Rn == 31)' }],
      },
      {
        mnemonic: 'adds', bits: 'sf 0 1 100010 sh imm12:12 Rn:5 Rd:5', ops: ['Rd', 'Rn|SP', 'AIMM'],
        aliases: [{ mnemonic: 'cmn', ops: ['Rn|SP', 'AIMM'], when: 'Rd == 31' }],
      },
      { mnemonic: 'sub', bits: 'sf 1 0 100010 sh imm12:12 Rn:5 Rd:5', ops: ['Rd|SP', 'Rn|SP', 'AIMM'] },
      {
        mnemonic: 'subs', bits: 'sf 1 1 100010 sh imm12:12 Rn:5 Rd:5', ops: ['Rd', 'Rn|SP', 'AIMM'],
        aliases: [{ mnemonic: 'cmp', ops: ['Rn|SP', 'AIMM'], when: 'Rd == 31' }],
      },
    ],
  },
  {
    cls: 'dp_imm', group: 'log_imm', rows: [
      { mnemonic: 'and', bits: 'sf 00 100100 N immr:6 imms:6 Rn:5 Rd:5', ops: ['Rd|SP', 'Rn', 'LIMM'], undef: 'LogicalImmReserved(N, imms, sf)' },
      {
        mnemonic: 'orr', bits: 'sf 01 100100 N immr:6 imms:6 Rn:5 Rd:5', ops: ['Rd|SP', 'Rn', 'LIMM'], undef: 'LogicalImmReserved(N, imms, sf)',
        aliases: [{ mnemonic: 'mov', ops: ['Rd|SP', 'ORR_IMM'], when: 'Rn == 31 && (Rd == 31 || !BitmaskIsWideConstant(N, imms, immr, sf))' }],
      },
      { mnemonic: 'eor', bits: 'sf 10 100100 N immr:6 imms:6 Rn:5 Rd:5', ops: ['Rd|SP', 'Rn', 'LIMM'], undef: 'LogicalImmReserved(N, imms, sf)' },
      {
        mnemonic: 'ands', bits: 'sf 11 100100 N immr:6 imms:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'LIMM'], undef: 'LogicalImmReserved(N, imms, sf)',
        aliases: [{ mnemonic: 'tst', ops: ['Rn', 'LIMM'], when: 'Rd == 31' }],
      },
    ],
  },
  {
    cls: 'dp_imm', group: 'movewide', rows: [
      {
        mnemonic: 'movn', bits: 'sf 00 100101 hw:2 imm16:16 Rd:5', ops: ['Rd', 'MOVW'], undef: 'sf == 0 && hw >= 2',
        aliases: [{ mnemonic: 'mov', ops: ['Rd', 'MOVN_IMM'], when: '!(imm16 == 0 && hw != 0) && !(sf == 0 && imm16 == 0xffff)' }],
      },
      {
        mnemonic: 'movz', bits: 'sf 10 100101 hw:2 imm16:16 Rd:5', ops: ['Rd', 'MOVW'], undef: 'sf == 0 && hw >= 2',
        aliases: [{ mnemonic: 'mov', ops: ['Rd', 'MOVZ_IMM'], when: '!(imm16 == 0 && hw != 0)' }],
      },
      { mnemonic: 'movk', bits: 'sf 11 100101 hw:2 imm16:16 Rd:5', ops: ['Rd', 'MOVW'], undef: 'sf == 0 && hw >= 2' },
    ],
  },
  {
    cls: 'dp_imm', group: 'bitfield', rows: [
      {
        mnemonic: 'sbfm', bits: 'sf 00 100110 N immr:6 imms:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', '#=immr', '#=imms'],
        undef: 'sf != N || (sf == 0 && (immr >= 32 || imms >= 32))',
        aliases: [
          { mnemonic: 'asr', ops: ['Rd', 'Rn', '#=immr'], when: `imms == (${W}) - 1` },
          { mnemonic: 'sbfiz', ops: ['Rd', 'Rn', `#=-immr & ((${W}) - 1)`, '#=imms + 1'], when: 'imms < immr' },
          { mnemonic: 'sbfx', ops: ['Rd', 'Rn', '#=immr', '#=imms - immr + 1'], when: 'BFXPreferred(sf, 0, imms, immr)' },
          { mnemonic: 'sxtb', ops: ['Rd', 'Wn'], when: 'immr == 0 && imms == 7' },
          { mnemonic: 'sxth', ops: ['Rd', 'Wn'], when: 'immr == 0 && imms == 15' },
          { mnemonic: 'sxtw', ops: ['Rd', 'Wn'], when: 'immr == 0 && imms == 31' },
        ],
      },
      {
        mnemonic: 'bfm', bits: 'sf 01 100110 N immr:6 imms:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', '#=immr', '#=imms'],
        undef: 'sf != N || (sf == 0 && (immr >= 32 || imms >= 32))',
        aliases: [
          { mnemonic: 'bfc', ops: ['Rd', `#=-immr & ((${W}) - 1)`, '#=imms + 1'], when: 'Rn == 31 && imms < immr' },
          { mnemonic: 'bfi', ops: ['Rd', 'Rn', `#=-immr & ((${W}) - 1)`, '#=imms + 1'], when: 'imms < immr' },
          { mnemonic: 'bfxil', ops: ['Rd', 'Rn', '#=immr', '#=imms - immr + 1'], when: 'imms >= immr' },
        ],
      },
      {
        mnemonic: 'ubfm', bits: 'sf 10 100110 N immr:6 imms:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', '#=immr', '#=imms'],
        undef: 'sf != N || (sf == 0 && (immr >= 32 || imms >= 32))',
        aliases: [
          { mnemonic: 'lsl', ops: ['Rd', 'Rn', `#=(${W}) - 1 - imms`], when: `imms != (${W}) - 1 && imms + 1 == immr` },
          { mnemonic: 'lsr', ops: ['Rd', 'Rn', '#=immr'], when: `imms == (${W}) - 1` },
          { mnemonic: 'ubfiz', ops: ['Rd', 'Rn', `#=-immr & ((${W}) - 1)`, '#=imms + 1'], when: 'imms < immr' },
          { mnemonic: 'ubfx', ops: ['Rd', 'Rn', '#=immr', '#=imms - immr + 1'], when: 'BFXPreferred(sf, 1, imms, immr)' },
          { mnemonic: 'uxtb', ops: ['Wd', 'Wn'], when: 'sf == 0 && immr == 0 && imms == 7' },
          { mnemonic: 'uxth', ops: ['Wd', 'Wn'], when: 'sf == 0 && immr == 0 && imms == 15' },
        ],
      },
    ],
  },
  {
    cls: 'dp_imm', group: 'extract', rows: [
      {
        mnemonic: 'extr', bits: 'sf 00 100111 N 0 Rm:5 imms:6 Rn:5 Rd:5', ops: ['Rd', 'Rn', 'Rm', '#=imms'],
        undef: 'sf != N || (sf == 0 && imms >= 32)',
        aliases: [{ mnemonic: 'ror', ops: ['Rd', 'Rn', '#=imms'], when: 'Rn == Rm' }],
      },
    ],
  },
];
