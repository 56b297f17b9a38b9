// Access rules of MRS/MSR as data: the lowest EL an encoding is accessible from, and the trap controls
// (HCR_EL2.TVM, MDCR_EL2.TDA, CNTKCTL_EL1.EL0PCTEN, ...) that apply to each register, in the order the
// ARM ARM's register pseudocode tests them. Each control is a predicate of the core named after it
// (src/core/exec/systemTraps.ts); src/arch/sysregs/emitCore.ts turns the rules into the core's access switch.
import type { SysReg } from './table';

export interface TrapControl {
  /** The control as the ARM ARM names it: `HCR_EL2.TVM`. */
  readonly name: string;
  /** The core's predicate: (el: u32, write: bool): u32 returning 0, a target EL (EC 0x18) or UNDEFINED. */
  readonly fn: string;
  readonly doc: string;
  /** Registers selected by encoding or name pattern, besides those listing the control in `traps`. */
  readonly selects?: (r: SysReg) => boolean;
}

const named = (...names: string[]) => (r: SysReg) => names.includes(r.name);

/** The registers HCR_EL2.TVM/TRVM cover: the EL1&0 stage 1 controls. */
export const VM_CONTROL_REGS = ['SCTLR_EL1', 'TTBR0_EL1', 'TTBR1_EL1', 'TCR_EL1', 'ESR_EL1', 'FAR_EL1',
  'AFSR0_EL1', 'AFSR1_EL1', 'MAIR_EL1', 'AMAIR_EL1', 'CONTEXTIDR_EL1'];

const SPE = /^PMS(CR|NEVFR|ICR|IRR|FCR|EVFR|LATFR|IDR)_|^PMB/;
const isPmu = (r: SysReg) => r.op0 === 3 && r.name.startsWith('PM') && !SPE.test(r.name) && r.op1 !== 4 && r.op1 !== 5;
const isOsLock = named('OSLAR_EL1', 'OSLSR_EL1', 'OSDLR_EL1', 'DBGPRCR_EL1');
const isDebug = (r: SysReg) => r.op0 === 2 && (r.op1 === 0 || r.op1 === 3) && !isOsLock(r) && r.name !== 'MDRAR_EL1';
const isDcc = named('MDCCSR_EL0', 'DBGDTR_EL0', 'DBGDTRRX_EL0', 'DBGDTRTX_EL0');
const isCntp = (r: SysReg) => /^CNTP_(CTL|CVAL|TVAL)_EL0$/.test(r.name);
const isCntv = (r: SysReg) => /^CNTV_(CTL|CVAL|TVAL)_EL0$/.test(r.name);
const isLor = (r: SysReg) => r.name.startsWith('LOR');
const isRas = (r: SysReg) => /^ER(RIDR|RSELR|X)/.test(r.name);

/**
 * Every control, in order of precedence: EL0 restrictions and traps to EL1 first, then traps to EL2, then to
 * EL3 (the first control that applies decides, as in the ARM ARM pseudocode of each register).
 */
export const TRAP_CONTROLS: readonly TrapControl[] = [
  { name: 'PSTATE.SP', fn: 'PSTATE_SP', doc: 'SP_EL0 is UNDEFINED through MRS/MSR while it is the current stack pointer', selects: named('SP_EL0') },
  { name: 'CNTFRQ_EL0 write', fn: 'CNTFRQ_WRITE', doc: 'Only the highest implemented EL writes CNTFRQ_EL0; elsewhere the write is UNDEFINED', selects: named('CNTFRQ_EL0') },
  { name: 'EL0 read-only', fn: 'EL0_READ_ONLY', doc: 'Writable only from EL1 and above', selects: named('TPIDRRO_EL0', 'PMUSERENR_EL0') },
  { name: 'SCTLR_EL1.UCT', fn: 'SCTLR_EL1_UCT', doc: 'EL0 reads of CTR_EL0 trap to EL1 when 0', selects: named('CTR_EL0') },
  { name: 'SCTLR_EL1.UMA', fn: 'SCTLR_EL1_UMA', doc: 'EL0 accesses to DAIF trap to EL1 when 0', selects: named('DAIF') },
  { name: 'CNTKCTL_EL1.EL0PCTEN', fn: 'CNTKCTL_EL1_EL0PCTEN', doc: 'EL0 reads of CNTPCT_EL0 trap to EL1 when 0', selects: named('CNTPCT_EL0') },
  { name: 'CNTKCTL_EL1.EL0VCTEN', fn: 'CNTKCTL_EL1_EL0VCTEN', doc: 'EL0 reads of CNTVCT_EL0 trap to EL1 when 0', selects: named('CNTVCT_EL0') },
  { name: 'CNTKCTL_EL1.EL0xCTEN', fn: 'CNTKCTL_EL1_EL0xCTEN', doc: 'EL0 reads of CNTFRQ_EL0 trap to EL1 when EL0PCTEN and EL0VCTEN are 0', selects: named('CNTFRQ_EL0') },
  { name: 'CNTKCTL_EL1.EL0PTEN', fn: 'CNTKCTL_EL1_EL0PTEN', doc: 'EL0 accesses to the physical timer trap to EL1 when 0', selects: isCntp },
  { name: 'CNTKCTL_EL1.EL0VTEN', fn: 'CNTKCTL_EL1_EL0VTEN', doc: 'EL0 accesses to the virtual timer trap to EL1 when 0', selects: isCntv },
  { name: 'PMUSERENR_EL0.EN', fn: 'PMUSERENR_EL0_EN', doc: 'EL0 accesses to the performance monitors trap to EL1 when 0', selects: (r) => isPmu(r) && r.op1 === 3 && r.name !== 'PMUSERENR_EL0' },
  { name: 'MDSCR_EL1.TDCC', fn: 'MDSCR_EL1_TDCC', doc: 'EL0 accesses to the debug communications channel trap to EL1 when 1', selects: isDcc },
  { name: 'HCR_EL2.TRVM', fn: 'HCR_EL2_TRVM', doc: 'EL1 reads of the stage 1 controls trap to EL2', selects: named(...VM_CONTROL_REGS) },
  { name: 'HCR_EL2.TVM', fn: 'HCR_EL2_TVM', doc: 'EL1 writes of the stage 1 controls trap to EL2', selects: named(...VM_CONTROL_REGS) },
  { name: 'HCR_EL2.TID1', fn: 'HCR_EL2_TID1', doc: 'EL1 reads of REVIDR_EL1 and AIDR_EL1 trap to EL2', selects: named('REVIDR_EL1', 'AIDR_EL1') },
  { name: 'HCR_EL2.TID2', fn: 'HCR_EL2_TID2', doc: 'EL0/EL1 accesses to the cache ID registers trap to EL2', selects: named('CTR_EL0', 'CCSIDR_EL1', 'CLIDR_EL1', 'CSSELR_EL1') },
  { name: 'HCR_EL2.TID3', fn: 'HCR_EL2_TID3', doc: 'EL1 reads of the ID group 3 registers trap to EL2', selects: (r) => r.op0 === 3 && r.op1 === 0 && r.crn === 0 && r.crm >= 1 && r.crm <= 7 },
  { name: 'HCR_EL2.TACR', fn: 'HCR_EL2_TACR', doc: 'EL1 accesses to ACTLR_EL1 trap to EL2', selects: named('ACTLR_EL1') },
  { name: 'HCR_EL2.TLOR', fn: 'HCR_EL2_TLOR', doc: 'EL1 accesses to the LORegion registers trap to EL2', selects: isLor },
  { name: 'HCR_EL2.TERR', fn: 'HCR_EL2_TERR', doc: 'EL1 accesses to the RAS error records trap to EL2', selects: isRas },
  { name: 'CPTR_EL2.TCPAC', fn: 'CPTR_EL2_TCPAC', doc: 'EL1 accesses to CPACR_EL1 trap to EL2', selects: named('CPACR_EL1') },
  { name: 'MDCR_EL2.TDOSA', fn: 'MDCR_EL2_TDOSA', doc: 'EL1 accesses to the OS lock registers trap to EL2 (also when TDE or TGE)', selects: isOsLock },
  { name: 'MDCR_EL2.TDRA', fn: 'MDCR_EL2_TDRA', doc: 'EL1 accesses to MDRAR_EL1 trap to EL2 (also when TDE or TGE)', selects: named('MDRAR_EL1') },
  { name: 'MDCR_EL2.TDA', fn: 'MDCR_EL2_TDA', doc: 'EL0/EL1 accesses to the debug registers trap to EL2 (also when TDE or TGE)', selects: isDebug },
  { name: 'MDCR_EL2.TPMCR', fn: 'MDCR_EL2_TPMCR', doc: 'EL0/EL1 accesses to PMCR_EL0 trap to EL2', selects: named('PMCR_EL0') },
  { name: 'MDCR_EL2.TPM', fn: 'MDCR_EL2_TPM', doc: 'EL0/EL1 accesses to the performance monitors trap to EL2', selects: isPmu },
  { name: 'CNTHCTL_EL2.EL1PCTEN', fn: 'CNTHCTL_EL2_EL1PCTEN', doc: 'EL0/EL1 reads of CNTPCT_EL0 trap to EL2 when 0', selects: named('CNTPCT_EL0') },
  { name: 'CNTHCTL_EL2.EL1PCEN', fn: 'CNTHCTL_EL2_EL1PCEN', doc: 'EL0/EL1 accesses to the EL1 physical timer trap to EL2 when 0', selects: isCntp },
  { name: 'CPTR_EL3.TCPAC', fn: 'CPTR_EL3_TCPAC', doc: 'EL1/EL2 accesses to CPACR_EL1 and CPTR_EL2 trap to EL3', selects: named('CPACR_EL1', 'CPTR_EL2', 'CPACR_EL12') },
  { name: 'SCR_EL3.TLOR', fn: 'SCR_EL3_TLOR', doc: 'EL1/EL2 accesses to the LORegion registers trap to EL3', selects: isLor },
  { name: 'SCR_EL3.TERR', fn: 'SCR_EL3_TERR', doc: 'EL1/EL2 accesses to the RAS error records trap to EL3', selects: isRas },
  { name: 'SCR_EL3.ST', fn: 'SCR_EL3_ST', doc: 'CNTPS_* are UNDEFINED in Non-secure EL1 and trap to EL3 from Secure EL1 when 0', selects: (r) => r.name.startsWith('CNTPS_') },
  { name: 'MDCR_EL3.TDOSA', fn: 'MDCR_EL3_TDOSA', doc: 'EL1/EL2 accesses to the OS lock registers trap to EL3', selects: isOsLock },
  { name: 'MDCR_EL3.TDA', fn: 'MDCR_EL3_TDA', doc: 'EL0-EL2 accesses to the debug registers trap to EL3', selects: (r) => isDebug(r) || r.name === 'MDRAR_EL1' },
  { name: 'MDCR_EL3.TPM', fn: 'MDCR_EL3_TPM', doc: 'EL0-EL2 accesses to the performance monitors trap to EL3', selects: isPmu },
];

/** The lowest EL the encoding of a register is accessible from (op1 selects it, ARM ARM C5.3). */
export function minimumEL(r: SysReg): number {
  if (r.op0 === 3 && r.op1 === 3) return 0;
  if (r.op0 === 2 && r.op1 === 3) return 0;
  if (r.op1 === 4 || r.op1 === 5) return 2;
  if (r.op1 === 6) return 3;
  return 1;
}

/** A register's access rule: UNDEFINED below `minEL` (or always, when absent), then the controls in order. */
export interface AccessRule {
  readonly minEL: number;
  readonly absent: boolean;
  /** An _EL12/_EL02 alias, UNDEFINED unless HCR_EL2.E2H is 1. */
  readonly alias: boolean;
  readonly controls: readonly TrapControl[];
}

export function accessRule(r: SysReg): AccessRule {
  return {
    minEL: minimumEL(r),
    absent: r.absent === true,
    alias: r.aliasOf !== undefined,
    controls: TRAP_CONTROLS.filter((c) => r.traps?.includes(c.name) || c.selects?.(r)),
  };
}
