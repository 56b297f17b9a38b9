// A64 table: Branches, exception generating and system instructions (ARM ARM C4.1.93), and the
// permanently undefined UDF of the reserved space.
import type { EncodingGroup } from '../encoding';
import { SYSTEM } from './system';

const REL19 = 'rel=SignExtend(imm19, 19) * 4';

export const BRANCH_SYS: EncodingGroup[] = [
  {
    cls: 'branch_sys', group: 'perm_undef', rows: [
      { mnemonic: 'udf', bits: '0000000000000000 imm16:16', ops: ['#=imm16'] },
    ],
  },
  {
    cls: 'branch_sys', group: 'condbranch', rows: [
      { form: 'B_only_condbranch', mnemonic: 'b.{bcond:b}', bits: '0101010 0 imm19:19 0 cond:4', ops: [REL19] },
    ],
  },
  {
    cls: 'branch_sys', group: 'exception', rows: [
      { mnemonic: 'svc', bits: '11010100 000 imm16:16 000 01', ops: ['#x=imm16'] },
      { mnemonic: 'hvc', bits: '11010100 000 imm16:16 000 10', ops: ['#x=imm16'] },
      { mnemonic: 'smc', bits: '11010100 000 imm16:16 000 11', ops: ['#x=imm16'] },
      { mnemonic: 'brk', bits: '11010100 001 imm16:16 000 00', ops: ['#x=imm16'] },
      { mnemonic: 'hlt', bits: '11010100 010 imm16:16 000 00', ops: ['#x=imm16'] },
      { mnemonic: 'dcps1', bits: '11010100 101 imm16:16 000 01', ops: ['opt(imm16 == 0):#x=imm16'] },
      { mnemonic: 'dcps2', bits: '11010100 101 imm16:16 000 10', ops: ['opt(imm16 == 0):#x=imm16'] },
      { mnemonic: 'dcps3', bits: '11010100 101 imm16:16 000 11', ops: ['opt(imm16 == 0):#x=imm16'] },
    ],
  },
  ...SYSTEM,
  {
    cls: 'branch_sys', group: 'branch_reg', rows: [
      { mnemonic: 'br', bits: '1101011 0000 11111 000000 Rn:5 00000', ops: ['Xn'] },
      { mnemonic: 'blr', bits: '1101011 0001 11111 000000 Rn:5 00000', ops: ['Xn'] },
      { mnemonic: 'ret', bits: '1101011 0010 11111 000000 Rn:5 00000', ops: ['opt(Rn == 30):Xn'] },
      { mnemonic: 'eret', bits: '1101011 0100 11111 000000 11111 00000', ops: [] },
      { mnemonic: 'drps', bits: '1101011 0101 11111 000000 11111 00000', ops: [] },
      // Pointer-authenticating branches (v8.3): key A or B (M), zero modifier (…Z), SP or Xm modifier.
      { mnemonic: 'braaz', bits: '1101011 0000 11111 000010 Rn:5 11111', ops: ['Xn'], feature: 'pauth' },
      { mnemonic: 'brabz', bits: '1101011 0000 11111 000011 Rn:5 11111', ops: ['Xn'], feature: 'pauth' },
      { mnemonic: 'blraaz', bits: '1101011 0001 11111 000010 Rn:5 11111', ops: ['Xn'], feature: 'pauth' },
      { mnemonic: 'blrabz', bits: '1101011 0001 11111 000011 Rn:5 11111', ops: ['Xn'], feature: 'pauth' },
      { mnemonic: 'retaa', bits: '1101011 0010 11111 000010 11111 11111', ops: [], feature: 'pauth' },
      { mnemonic: 'retab', bits: '1101011 0010 11111 000011 11111 11111', ops: [], feature: 'pauth' },
      { mnemonic: 'eretaa', bits: '1101011 0100 11111 000010 11111 11111', ops: [], feature: 'pauth' },
      { mnemonic: 'eretab', bits: '1101011 0100 11111 000011 11111 11111', ops: [], feature: 'pauth' },
      { mnemonic: 'braa', bits: '1101011 1000 11111 000010 Rn:5 Rm:5', ops: ['Xn', 'Xm|SP'], feature: 'pauth' },
      { mnemonic: 'brab', bits: '1101011 1000 11111 000011 Rn:5 Rm:5', ops: ['Xn', 'Xm|SP'], feature: 'pauth' },
      { mnemonic: 'blraa', bits: '1101011 1001 11111 000010 Rn:5 Rm:5', ops: ['Xn', 'Xm|SP'], feature: 'pauth' },
      { mnemonic: 'blrab', bits: '1101011 1001 11111 000011 Rn:5 Rm:5', ops: ['Xn', 'Xm|SP'], feature: 'pauth' },
    ],
  },
  {
    cls: 'branch_sys', group: 'branch_imm', rows: [
      { mnemonic: 'b', bits: '0 00101 imm26:26', ops: ['rel=SignExtend(imm26, 26) * 4'] },
      { mnemonic: 'bl', bits: '1 00101 imm26:26', ops: ['rel=SignExtend(imm26, 26) * 4'] },
    ],
  },
  {
    cls: 'branch_sys', group: 'compbranch', rows: [
      { mnemonic: 'cbz', bits: 'sf 011010 0 imm19:19 Rt:5', ops: ['Rt', REL19] },
      { mnemonic: 'cbnz', bits: 'sf 011010 1 imm19:19 Rt:5', ops: ['Rt', REL19] },
    ],
  },
  {
    cls: 'branch_sys', group: 'testbranch', rows: [
      { mnemonic: 'tbz', bits: 'b5 011011 0 b40:5 imm14:14 Rt:5', ops: ['Rt@b5', '#=b5 * 32 + b40', 'rel=SignExtend(imm14, 14) * 4'] },
      { mnemonic: 'tbnz', bits: 'b5 011011 1 b40:5 imm14:14 Rt:5', ops: ['Rt@b5', '#=b5 * 32 + b40', 'rel=SignExtend(imm14, 14) * 4'] },
    ],
  },
];
