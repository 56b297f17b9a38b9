// The CPU model's side of the register table: reset values (ID registers of one consistent CPU), fields,
// extra trap controls, VHE redirection and aliases, and which registers belong to extensions we lack.
// table.ts merges these into SYSREGS, so every consumer reads one table.
//
// The CPU: a Cortex-A76-like Armv8.2-A core, MIDR_EL1 0x414FD0B1 (Arm, r4p1, part 0xD0B), implementing exactly
// what the core executes: AES+PMULL, SHA1, SHA256, SHA512, SHA3, SM3, SM4, CRC32, LSE, RDM, DotProd, FHM, FP16,
// LRCPC, JSCVT, FCMA, DPB, RAS (no error records), LOR, PAN (with AT S1E1RP), UAO, VHE, 16-bit VMID and ASID,
// DIT, SSBS, CSV2/CSV3; PARange 40 bits; 4K/16K/64K granules; EL0-EL3 AArch64 only (EL2/EL3 present as
// configured). No PAuth, BTI, SVE, MTE, SPE, AMU, MPAM, trace. A real A76 reports MPIDR_EL1.MT = 1 with the
// core number in Aff1; we follow QEMU virt's layout (MT = 0, CPU number in Aff0) so that the DTB and PSCI
// MPIDRs of guests written for QEMU match.
import * as F from './fields';
import type { SysReg, SysRegField } from './table';

type Details = Omit<Partial<SysReg>, 'name' | 'op0' | 'op1' | 'crn' | 'crm' | 'op2' | 'access'>;

/** The value of a register from named field values. */
export function fieldsValue(fields: readonly SysRegField[], values: Readonly<Record<string, number>>): bigint {
  let v = 0n;
  for (const [name, value] of Object.entries(values)) {
    const fd = fields.find((x) => x.name === name && x.when === undefined);
    if (!fd) throw new Error(`no field ${name}`);
    v |= BigInt(value) << BigInt(fd.lo);
  }
  return v;
}

export const MIDR = fieldsValue(F.MIDR_FIELDS, { Implementer: 0x41, Variant: 4, Architecture: 0xf, PartNum: 0xd0b, Revision: 1 });
/** Bit 31 is RES1; the machine sets Aff0 per vCPU. */
export const MPIDR = 0x80000000n;
export const ID_AA64PFR0 = fieldsValue(F.ID_AA64PFR0_FIELDS,
  { EL0: 1, EL1: 1, EL2: 1, EL3: 1, FP: 1, AdvSIMD: 1, GIC: 0, RAS: 1, DIT: 1, CSV2: 1, CSV3: 1 });
/** The nibble of ID_AA64PFR0_EL1.EL2 and .EL3, cleared by the core when the EL is not implemented. */
export const ID_AA64PFR0_EL2_SHIFT = 8;
export const ID_AA64PFR0_EL3_SHIFT = 12;
/** DCZID_EL0.BS: DC ZVA zeroes 2^4 words = 64 bytes. */
export const DCZ_BLOCK_LOG2_WORDS = 4;

const CCSIDR = (sets: number, ways: number, lineBytes: number): bigint =>
  fieldsValue(F.CCSIDR_FIELDS, { NumSets: sets - 1, Associativity: ways - 1, LineSize: Math.log2(lineBytes) - 4 });
/** CCSIDR_EL1 for CSSELR_EL1 = 0 (L1 D), 1 (L1 I), 2 (L2): 64 KB 4-way, 64 KB 4-way, 512 KB 8-way, 64-byte lines. */
export const CCSIDR_BY_CSSELR = [CCSIDR(256, 4, 64), CCSIDR(256, 4, 64), CCSIDR(1024, 8, 64)];

const SCTLR_EL1_RES1 = 0x30d00800n;
const SCTLR_EL23_RES1 = 0x30c50830n;
const HCR_RW = 1n << 31n;
const SCR_RW = 1n << 10n;
/** SCR_EL3 bits 5:4 are RES1. */
const SCR_RES1 = 0x30n;

const stage1 = (fields: readonly SysRegField[], doc: string, e2h?: string): Details => ({ fields, doc, e2h });
const addr = (doc: string, e2h?: string): Details => ({ fields: F.ADDRESS_FIELDS(doc), doc, e2h });

export const DETAILS: Readonly<Record<string, Details>> = {
  // Identification.
  MIDR_EL1: { doc: 'Main ID: a Cortex-A76-like core, r4p1', reset: MIDR, fields: F.MIDR_FIELDS },
  REVIDR_EL1: { doc: 'Revision ID: no ECO fixes reported', reset: 0n },
  MPIDR_EL1: { doc: 'Multiprocessor affinity (QEMU virt layout: CPU number in Aff0)', reset: MPIDR, fields: F.MPIDR_FIELDS },
  AIDR_EL1: { doc: 'Auxiliary ID', reset: 0n },
  VPIDR_EL2: { doc: 'MIDR_EL1 value EL1 reads when EL2 is enabled', reset: MIDR, fields: F.MIDR_FIELDS },
  VMPIDR_EL2: { doc: 'MPIDR_EL1 value EL1 reads when EL2 is enabled', reset: MPIDR, fields: F.MPIDR_FIELDS },
  ID_AA64PFR0_EL1: { doc: 'AArch64 processor features 0', reset: ID_AA64PFR0, fields: F.ID_AA64PFR0_FIELDS },
  ID_AA64PFR1_EL1: { doc: 'AArch64 processor features 1', reset: fieldsValue(F.ID_AA64PFR1_FIELDS, { SSBS: 2 }), fields: F.ID_AA64PFR1_FIELDS },
  ID_AA64ISAR0_EL1: {
    doc: 'AArch64 instruction set attributes 0',
    reset: fieldsValue(F.ID_AA64ISAR0_FIELDS, { AES: 2, SHA1: 1, SHA2: 2, CRC32: 1, Atomic: 2, RDM: 1, SHA3: 1, SM3: 1, SM4: 1, DP: 1, FHM: 1 }),
    fields: F.ID_AA64ISAR0_FIELDS,
  },
  ID_AA64ISAR1_EL1: {
    doc: 'AArch64 instruction set attributes 1',
    reset: fieldsValue(F.ID_AA64ISAR1_FIELDS, { DPB: 1, JSCVT: 1, FCMA: 1, LRCPC: 1 }), fields: F.ID_AA64ISAR1_FIELDS,
  },
  ID_AA64MMFR0_EL1: {
    doc: 'AArch64 memory model features 0',
    reset: fieldsValue(F.ID_AA64MMFR0_FIELDS, { PARange: 2, ASIDBits: 2, SNSMem: 1, TGran16: 1, TGran64: 0, TGran4: 0 }),
    fields: F.ID_AA64MMFR0_FIELDS,
  },
  ID_AA64MMFR1_EL1: {
    doc: 'AArch64 memory model features 1',
    reset: fieldsValue(F.ID_AA64MMFR1_FIELDS, { VMIDBits: 2, VH: 1, HPDS: 1, LO: 1, PAN: 2, XNX: 1 }), fields: F.ID_AA64MMFR1_FIELDS,
  },
  ID_AA64MMFR2_EL1: { doc: 'AArch64 memory model features 2', reset: fieldsValue(F.ID_AA64MMFR2_FIELDS, { CnP: 1, UAO: 1 }), fields: F.ID_AA64MMFR2_FIELDS },
  ID_AA64DFR0_EL1: {
    doc: 'AArch64 debug features 0',
    reset: fieldsValue(F.ID_AA64DFR0_FIELDS, { DebugVer: 8, PMUVer: 4, BRPs: 5, WRPs: 3, CTX_CMPs: 1 }), fields: F.ID_AA64DFR0_FIELDS,
  },
  CTR_EL0: { doc: 'Cache type', reset: 0x8444c004n, fields: F.CTR_FIELDS },
  DCZID_EL0: { doc: 'DC ZVA block size (DZP reflects the current EL\'s permission)', reset: BigInt(DCZ_BLOCK_LOG2_WORDS), fields: F.DCZID_FIELDS },
  CLIDR_EL1: { doc: 'Cache levels: L1 separate I/D, L2 unified', reset: 0x82000023n, fields: F.CLIDR_FIELDS },
  CCSIDR_EL1: { doc: 'Geometry of the cache CSSELR_EL1 selects', reset: CCSIDR_BY_CSSELR[0], fields: F.CCSIDR_FIELDS },
  CSSELR_EL1: { doc: 'Cache size selection', reset: 0n, fields: F.CSSELR_FIELDS },

  // System control and traps.
  SCTLR_EL1: { doc: 'System control, EL1&0', reset: SCTLR_EL1_RES1, fields: F.SCTLR_EL1_FIELDS, e2h: 'SCTLR_EL2' },
  SCTLR_EL2: { doc: 'System control, EL2', reset: SCTLR_EL23_RES1, fields: F.SCTLR_EL23_FIELDS },
  SCTLR_EL3: { doc: 'System control, EL3', reset: SCTLR_EL23_RES1, fields: F.SCTLR_EL23_FIELDS },
  ACTLR_EL1: { doc: 'Auxiliary control, EL1', fields: F.ACTLR_FIELDS },
  ACTLR_EL2: { doc: 'Auxiliary control, EL2', fields: F.ACTLR_FIELDS },
  ACTLR_EL3: { doc: 'Auxiliary control, EL3', fields: F.ACTLR_FIELDS },
  CPACR_EL1: { doc: 'Architectural feature access control (FP/SIMD traps), EL1', reset: 0n, fields: F.CPACR_FIELDS, e2h: 'CPTR_EL2' },
  CPTR_EL2: { doc: 'Architectural feature trap, EL2', reset: 0x33ffn, fields: F.CPTR_EL2_FIELDS },
  CPTR_EL3: { doc: 'Architectural feature trap, EL3', reset: 0n, fields: F.CPTR_EL3_FIELDS },
  HCR_EL2: { doc: 'Hypervisor configuration', reset: HCR_RW, rao: HCR_RW, fields: F.HCR_FIELDS },
  SCR_EL3: { doc: 'Secure configuration', reset: SCR_RW | SCR_RES1, rao: SCR_RW | SCR_RES1, fields: F.SCR_FIELDS },
  MDCR_EL2: { doc: 'Monitor debug configuration, EL2', reset: 6n, fields: F.MDCR_EL2_FIELDS },
  MDCR_EL3: { doc: 'Monitor debug configuration, EL3', reset: 0n, fields: F.MDCR_EL3_FIELDS },
  MDSCR_EL1: { doc: 'Monitor debug system control', reset: 0n, fields: F.MDSCR_FIELDS },
  HSTR_EL2: { doc: 'Hypervisor system trap (AArch32 only)' },
  HACR_EL2: { doc: 'Hypervisor auxiliary control' },

  // Translation.
  TTBR0_EL1: stage1(F.TTBR_FIELDS, 'Translation table base 0, EL1&0', 'TTBR0_EL2'),
  TTBR1_EL1: stage1(F.TTBR_FIELDS, 'Translation table base 1, EL1&0', 'TTBR1_EL2'),
  TCR_EL1: stage1(F.TCR_EL1_FIELDS, 'Translation control, EL1&0', 'TCR_EL2'),
  MAIR_EL1: stage1(F.MAIR_FIELDS, 'Memory attribute indirection, EL1&0', 'MAIR_EL2'),
  AMAIR_EL1: stage1(F.AFSR_FIELDS, 'Auxiliary memory attribute indirection, EL1&0', 'AMAIR_EL2'),
  TTBR0_EL2: stage1(F.TTBR_FIELDS, 'Translation table base 0, EL2'),
  TTBR1_EL2: stage1(F.TTBR_FIELDS, 'Translation table base 1, EL2&0 (E2H = 1)'),
  TCR_EL2: stage1(F.TCR_EL2_FIELDS, 'Translation control, EL2 (TCR_EL1 layout when E2H = 1)'),
  MAIR_EL2: stage1(F.MAIR_FIELDS, 'Memory attribute indirection, EL2'),
  AMAIR_EL2: stage1(F.AFSR_FIELDS, 'Auxiliary memory attribute indirection, EL2'),
  TTBR0_EL3: stage1(F.TTBR_FIELDS, 'Translation table base, EL3'),
  TCR_EL3: stage1(F.TCR_EL2_FIELDS, 'Translation control, EL3'),
  MAIR_EL3: stage1(F.MAIR_FIELDS, 'Memory attribute indirection, EL3'),
  AMAIR_EL3: stage1(F.AFSR_FIELDS, 'Auxiliary memory attribute indirection, EL3'),
  VTCR_EL2: stage1(F.VTCR_FIELDS, 'Virtualization translation control (stage 2)'),
  VTTBR_EL2: stage1(F.VTTBR_FIELDS, 'Virtualization translation table base (stage 2)'),
  PAR_EL1: { doc: 'Physical address of the last AT instruction', fields: F.PAR_FIELDS },
  CONTEXTIDR_EL1: { doc: 'Context ID, EL1', fields: F.CONTEXTIDR_FIELDS, e2h: 'CONTEXTIDR_EL2' },
  CONTEXTIDR_EL2: { doc: 'Context ID, EL2', fields: F.CONTEXTIDR_FIELDS },

  // Exception state.
  VBAR_EL1: { doc: 'Vector base, EL1', fields: F.VBAR_FIELDS, e2h: 'VBAR_EL2' },
  VBAR_EL2: { doc: 'Vector base, EL2', fields: F.VBAR_FIELDS },
  VBAR_EL3: { doc: 'Vector base, EL3', fields: F.VBAR_FIELDS },
  ESR_EL1: { doc: 'Exception syndrome, EL1', fields: F.ESR_FIELDS, e2h: 'ESR_EL2' },
  ESR_EL2: { doc: 'Exception syndrome, EL2', fields: F.ESR_FIELDS },
  ESR_EL3: { doc: 'Exception syndrome, EL3', fields: F.ESR_FIELDS },
  FAR_EL1: { ...addr('Fault address, EL1', 'FAR_EL2') },
  FAR_EL2: addr('Fault address, EL2'),
  FAR_EL3: addr('Fault address, EL3'),
  HPFAR_EL2: { doc: 'Hypervisor IPA fault address', fields: F.HPFAR_FIELDS },
  AFSR0_EL1: { doc: 'Auxiliary fault status 0, EL1', fields: F.AFSR_FIELDS, e2h: 'AFSR0_EL2' },
  AFSR1_EL1: { doc: 'Auxiliary fault status 1, EL1', fields: F.AFSR_FIELDS, e2h: 'AFSR1_EL2' },
  AFSR0_EL2: { doc: 'Auxiliary fault status 0, EL2', fields: F.AFSR_FIELDS },
  AFSR1_EL2: { doc: 'Auxiliary fault status 1, EL2', fields: F.AFSR_FIELDS },
  AFSR0_EL3: { doc: 'Auxiliary fault status 0, EL3', fields: F.AFSR_FIELDS },
  AFSR1_EL3: { doc: 'Auxiliary fault status 1, EL3', fields: F.AFSR_FIELDS },
  ELR_EL1: { ...addr('Exception link (return address), EL1', 'ELR_EL2') },
  ELR_EL2: addr('Exception link (return address), EL2'),
  ELR_EL3: addr('Exception link (return address), EL3'),
  SPSR_EL1: { doc: 'Saved program status, EL1', fields: F.SPSR_FIELDS, e2h: 'SPSR_EL2' },
  SPSR_EL2: { doc: 'Saved program status, EL2', fields: F.SPSR_FIELDS },
  SPSR_EL3: { doc: 'Saved program status, EL3', fields: F.SPSR_FIELDS },
  SP_EL0: addr('Stack pointer, EL0'),
  SP_EL1: addr('Stack pointer, EL1'),
  SP_EL2: addr('Stack pointer, EL2'),
  ISR_EL1: { doc: 'Interrupt status: pending IRQ (I, bit 7), FIQ (F, bit 6), SError (A, bit 8)' },
  RVBAR_EL3: addr('Reset vector base, EL3'),
  RVBAR_EL2: addr('Reset vector base, EL2'),
  RVBAR_EL1: addr('Reset vector base, EL1'),
  TPIDR_EL0: addr('Thread ID, EL0'),
  TPIDRRO_EL0: addr('Thread ID, read-only at EL0'),
  TPIDR_EL1: addr('Thread ID, EL1'),
  TPIDR_EL2: addr('Thread ID, EL2'),
  TPIDR_EL3: addr('Thread ID, EL3'),

  // PSTATE views.
  NZCV: { doc: 'Condition flags', fields: F.NZCV_FIELDS },
  DAIF: { doc: 'Interrupt masks', fields: F.DAIF_FIELDS },
  CurrentEL: { doc: 'Current Exception level', fields: F.CURRENTEL_FIELDS },
  SPSel: { doc: 'Stack pointer select', fields: F.SPSEL_FIELDS },
  PAN: { doc: 'Privileged Access Never', fields: F.PAN_FIELDS },
  UAO: { doc: 'User Access Override', fields: F.UAO_FIELDS },
  DIT: { doc: 'Data Independent Timing', fields: F.DIT_FIELDS },
  SSBS: { doc: 'Speculative Store Bypass Safe', fields: F.SSBS_FIELDS },
  FPCR: { doc: 'Floating-point control', fields: F.FPCR_FIELDS },
  FPSR: { doc: 'Floating-point status', fields: F.FPSR_FIELDS },

  // Generic timer.
  CNTKCTL_EL1: { doc: 'Counter-timer kernel control (EL0 access)', reset: 0n, fields: F.CNTKCTL_FIELDS, e2h: 'CNTHCTL_EL2' },
  CNTHCTL_EL2: { doc: 'Counter-timer hypervisor control (EL0/EL1 access)', reset: 3n, fields: F.CNTHCTL_FIELDS },
  CNTP_CTL_EL0: { doc: 'EL1 physical timer control', fields: F.TIMER_CTL_FIELDS, e2h: 'CNTHP_CTL_EL2' },
  CNTP_CVAL_EL0: { doc: 'EL1 physical timer compare value', e2h: 'CNTHP_CVAL_EL2' },
  CNTP_TVAL_EL0: { doc: 'EL1 physical timer value', e2h: 'CNTHP_TVAL_EL2' },
  CNTV_CTL_EL0: { doc: 'Virtual timer control', fields: F.TIMER_CTL_FIELDS, e2h: 'CNTHV_CTL_EL2' },
  CNTV_CVAL_EL0: { doc: 'Virtual timer compare value', e2h: 'CNTHV_CVAL_EL2' },
  CNTV_TVAL_EL0: { doc: 'Virtual timer value', e2h: 'CNTHV_TVAL_EL2' },
  CNTHP_CTL_EL2: { doc: 'EL2 physical timer control', fields: F.TIMER_CTL_FIELDS },
  CNTHV_CTL_EL2: { doc: 'EL2 virtual timer control', fields: F.TIMER_CTL_FIELDS },
  CNTPS_CTL_EL1: { doc: 'Secure physical timer control', fields: F.TIMER_CTL_FIELDS },
  CNTFRQ_EL0: { doc: 'Counter frequency (Hz), written by firmware', reset: 62500000n },
  CNTPCT_EL0: { doc: 'Physical count' },
  CNTVCT_EL0: { doc: 'Virtual count: CNTPCT_EL0 - CNTVOFF_EL2' },
  CNTVOFF_EL2: { doc: 'Virtual counter offset', reset: 0n },

  // GIC CPU interface.
  ICC_SRE_EL1: { doc: 'GIC system register enable, EL1', fields: F.ICC_SRE_FIELDS },
  ICC_SRE_EL2: { doc: 'GIC system register enable, EL2', fields: F.ICC_SRE_FIELDS },
  ICC_SRE_EL3: { doc: 'GIC system register enable, EL3', fields: F.ICC_SRE_FIELDS },
  ICC_PMR_EL1: { doc: 'GIC priority mask', fields: F.ICC_PMR_FIELDS },
  ICC_IAR1_EL1: { doc: 'GIC acknowledge group 1 interrupt', fields: F.ICC_INTID_FIELDS },
  ICC_IAR0_EL1: { doc: 'GIC acknowledge group 0 interrupt', fields: F.ICC_INTID_FIELDS },
  ICC_EOIR1_EL1: { doc: 'GIC end of group 1 interrupt', fields: F.ICC_INTID_FIELDS },
  ICC_EOIR0_EL1: { doc: 'GIC end of group 0 interrupt', fields: F.ICC_INTID_FIELDS },
  ICC_DIR_EL1: { doc: 'GIC deactivate interrupt', fields: F.ICC_INTID_FIELDS },
  ICC_IGRPEN1_EL1: { doc: 'GIC group 1 interrupt enable', fields: F.ICC_IGRPEN_FIELDS },
  ICC_IGRPEN0_EL1: { doc: 'GIC group 0 interrupt enable', fields: F.ICC_IGRPEN_FIELDS },

  // Performance monitors.
  PMCR_EL0: { doc: 'Performance monitors control (6 counters)', reset: 0x41003000n, fields: F.PMCR_FIELDS },
  PMUSERENR_EL0: { doc: 'Performance monitors EL0 access', reset: 0n, fields: F.PMUSERENR_FIELDS },
};

/** Extensions the CPU model does not implement: their registers are UNDEFINED (ID registers stay, RAZ). */
export const ABSENT =
  /^(TRC|TRB|PMS(CR|NEVFR|ICR|IRR|FCR|EVFR|LATFR|IDR)_|PMB|AM[A-Z]|ZCR|SMCR|SMPRI|SVCR|TPIDR2|AP[ID][AB]KEY|APGAKEY|GCR_|RGSR|TFSR|GMID|TCO$|MPAM|GPTBR|GPCCR|MFAR|SCXTNUM|ACCDATA|RNDR|HFG|HDFG|HAFG|HCRX|VNCR|VSTTBR|VSTCR|CNTHVS|CNTHPS|CNTPOFF|CNTPCTSS|CNTVCTSS|ALLINT|TRFCR|BRB|SMIDR|ICC_NMIAR|PR(SELR|ENR|BAR|LAR)|MPUIR|DSPSR|DLR_|ERXPFG|ERXMISC[23]|CSR|TEE|PMMIR|CCSIDR2|RMR_|DACR32|IFSR32|FPEXC32|SDER32|SPSR_(irq|abt|und|fiq)|DBGVCR32)/;
