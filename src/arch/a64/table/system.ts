// A64 table, part of Branches, exception generating and system instructions (ARM ARM C4.1.93): hints,
// barriers, PSTATE, SYS/SYSL with their AT/DC/IC/TLBI aliases, and MRS/MSR system-register moves.
import type { EncodingGroup } from '../encoding';
import { PSTATE_FIELD_UNKNOWN } from '../../sysregs/pstate';

const HINT = '11010101000000110010';
const BARRIER = '11010101000000110011';

/**
 * Encodings objdump decodes as instructions after Armv8.2 that this table leaves out (see
 * test/support/outOfScope.ts), carved out of the generic MSR/MRS rows below: WFET/WFIT (WFxT),
 * TCOMMIT (TME), SB, DSB nXS (XS), XAFLAG/AXFLAG (FlagM2); TSTART/TTEST (TME).
 */
const MSR_LATER = 'op0 == 0 && ((op1 == 3 && CRn == 1 && CRm == 0 && op2 <= 1)'
  + ' || (Rt == 31 && op1 == 3 && CRn == 3 && ((CRm == 0 && (op2 == 3 || op2 == 7)) || ((CRm & 3) == 2 && op2 == 1)))'
  + ' || (Rt == 31 && op1 == 0 && CRn == 4 && CRm == 0 && (op2 == 1 || op2 == 2)))';
const MRS_LATER = 'op0 == 0 && op1 == 3 && CRn == 3 && CRm <= 1 && op2 == 3';

export const SYSTEM: EncodingGroup[] = [
  {
    cls: 'branch_sys', group: 'hints', rows: [
      { mnemonic: 'hint', bits: `${HINT} CRm:4 op2:3 11111`, ops: ['#x=CRm * 8 + op2'] },
      { mnemonic: 'nop', bits: `${HINT} 0000 000 11111`, ops: [] },
      { mnemonic: 'yield', bits: `${HINT} 0000 001 11111`, ops: [] },
      { mnemonic: 'wfe', bits: `${HINT} 0000 010 11111`, ops: [] },
      { mnemonic: 'wfi', bits: `${HINT} 0000 011 11111`, ops: [] },
      { mnemonic: 'sev', bits: `${HINT} 0000 100 11111`, ops: [] },
      { mnemonic: 'sevl', bits: `${HINT} 0000 101 11111`, ops: [] },
      { mnemonic: 'xpaclri', bits: `${HINT} 0000 111 11111`, ops: [], feature: 'pauth' },
      { mnemonic: 'pacia1716', bits: `${HINT} 0001 000 11111`, ops: [], feature: 'pauth' },
      { mnemonic: 'pacib1716', bits: `${HINT} 0001 010 11111`, ops: [], feature: 'pauth' },
      { mnemonic: 'autia1716', bits: `${HINT} 0001 100 11111`, ops: [], feature: 'pauth' },
      { mnemonic: 'autib1716', bits: `${HINT} 0001 110 11111`, ops: [], feature: 'pauth' },
      { mnemonic: 'esb', bits: `${HINT} 0010 000 11111`, ops: [], feature: 'v8.2' },
      { mnemonic: 'psb', bits: `${HINT} 0010 001 11111`, ops: ["'csync'"], feature: 'v8.2' },
      // TSB CSYNC (v8.4 trace) and CLRBHB (v8.9, spelled `clearbhb` by objdump 2.40) execute as NOPs
      // where not implemented, so naming them costs nothing.
      { mnemonic: 'tsb', bits: `${HINT} 0010 010 11111`, ops: ["'csync'"] },
      { mnemonic: 'csdb', bits: `${HINT} 0010 100 11111`, ops: [] },
      { mnemonic: 'clearbhb', bits: `${HINT} 0010 110 11111`, ops: [] },
      { mnemonic: 'paciaz', bits: `${HINT} 0011 000 11111`, ops: [], feature: 'pauth' },
      { mnemonic: 'paciasp', bits: `${HINT} 0011 001 11111`, ops: [], feature: 'pauth' },
      { mnemonic: 'pacibz', bits: `${HINT} 0011 010 11111`, ops: [], feature: 'pauth' },
      { mnemonic: 'pacibsp', bits: `${HINT} 0011 011 11111`, ops: [], feature: 'pauth' },
      { mnemonic: 'autiaz', bits: `${HINT} 0011 100 11111`, ops: [], feature: 'pauth' },
      { mnemonic: 'autiasp', bits: `${HINT} 0011 101 11111`, ops: [], feature: 'pauth' },
      { mnemonic: 'autibz', bits: `${HINT} 0011 110 11111`, ops: [], feature: 'pauth' },
      { mnemonic: 'autibsp', bits: `${HINT} 0011 111 11111`, ops: [], feature: 'pauth' },
      { mnemonic: 'bti', bits: `${HINT} 0100 targets:2 0 11111`, ops: ['BTI_TARGETS'], feature: 'bti' },
    ],
  },
  {
    cls: 'branch_sys', group: 'barriers', rows: [
      { mnemonic: 'clrex', bits: `${BARRIER} CRm:4 010 11111`, ops: ['opt(CRm == 15):#x=CRm'] },
      { mnemonic: 'dsb', bits: `${BARRIER} CRm:4 100 11111`, ops: ['BARRIER'] },
      { mnemonic: 'ssbb', bits: `${BARRIER} 0000 100 11111`, ops: [] },
      { mnemonic: 'pssbb', bits: `${BARRIER} 0100 100 11111`, ops: [] },
      { mnemonic: 'dmb', bits: `${BARRIER} CRm:4 101 11111`, ops: ['BARRIER'] },
      { mnemonic: 'isb', bits: `${BARRIER} CRm:4 110 11111`, ops: ['opt(CRm == 15):#x=CRm'] },
    ],
  },
  {
    cls: 'branch_sys', group: 'pstate', rows: [
      { mnemonic: 'cfinv', bits: '1101010100000 000 0100 0000 000 11111', ops: [], feature: 'flagm' },
      {
        mnemonic: 'msr', bits: '1101010100000 op1:3 0100 CRm:4 op2:3 11111', ops: ['PSTATEFIELD', 'PSTATE_IMM'],
        undef: PSTATE_FIELD_UNKNOWN,
        aliases: [
          { mnemonic: 'smstart', ops: ['SVCR_BITS'], when: 'op1 == 3 && op2 == 3 && (CRm & 1) == 1' },
          { mnemonic: 'smstop', ops: ['SVCR_BITS'], when: 'op1 == 3 && op2 == 3' },
        ],
      },
    ],
  },
  {
    cls: 'branch_sys', group: 'systeminstrs', rows: [
      {
        mnemonic: 'sys', bits: '1101010100 0 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5', ops: ['#=op1', 'Cn', 'Cm', '#=op2', 'opt(Rt == 31):Xt'],
        aliases: [
          { mnemonic: 'at', ops: ['SYSOP', 'SYSOP_Xt'], when: "SysOp(op1, CRn, CRm, op2) == 'AT'" },
          { mnemonic: 'dc', ops: ['SYSOP', 'SYSOP_Xt'], when: "SysOp(op1, CRn, CRm, op2) == 'DC'" },
          { mnemonic: 'ic', ops: ['SYSOP', 'SYSOP_Xt'], when: "SysOp(op1, CRn, CRm, op2) == 'IC'" },
          { mnemonic: 'tlbi', ops: ['SYSOP', 'SYSOP_Xt'], when: "SysOp(op1, CRn, CRm, op2) == 'TLBI'" },
          // Prediction restriction by context (v8.5 PREDRES): aliases of SYS like the above.
          { mnemonic: 'cfp', ops: ['SYSOP', 'SYSOP_Xt'], when: "SysOp(op1, CRn, CRm, op2) == 'CFP'" },
          { mnemonic: 'dvp', ops: ['SYSOP', 'SYSOP_Xt'], when: "SysOp(op1, CRn, CRm, op2) == 'DVP'" },
          { mnemonic: 'cpp', ops: ['SYSOP', 'SYSOP_Xt'], when: "SysOp(op1, CRn, CRm, op2) == 'CPP'" },
        ],
      },
      { mnemonic: 'sysl', bits: '1101010100 1 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5', ops: ['Xt', '#=op1', 'Cn', 'Cm', '#=op2'] },
    ],
  },
  {
    // The ARM ARM fixes op0<1> = 1 (op0 = 2 or 3); objdump also decodes op0 = 0 as a move of the generic
    // register s0_…, so op0 is a whole field here (op0 = 1 is SYS/SYSL, whose rows are more specific).
    cls: 'branch_sys', group: 'systemmove', rows: [
      { mnemonic: 'msr', bits: '1101010100 0 op0:2 op1:3 CRn:4 CRm:4 op2:3 Rt:5', ops: ['SYSREG:w', 'Xt'], undef: MSR_LATER },
      { mnemonic: 'mrs', bits: '1101010100 1 op0:2 op1:3 CRn:4 CRm:4 op2:3 Rt:5', ops: ['Xt', 'SYSREG:r'], undef: MRS_LATER },
    ],
  },
];
