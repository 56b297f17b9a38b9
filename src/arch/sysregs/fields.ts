// Field layouts of the system registers the CPU model implements (ARM ARM D17/D19 register descriptions), with
// the meaning of each value: the debugger's decoded views and hover docs read them through the table.
import type { SysRegField } from './table';

type Values = Readonly<Record<number, string>>;

export function f(name: string, hi: number, lo: number, doc?: string, values?: Values): SysRegField {
  return { name, hi, lo, doc, values };
}
const bit = (name: string, at: number, doc: string, zero?: string, one?: string): SysRegField =>
  f(name, at, at, doc, zero !== undefined && one !== undefined ? { 0: zero, 1: one } : undefined);
const on = (name: string, at: number, doc: string): SysRegField => bit(name, at, doc, 'disabled', 'enabled');
const trap = (name: string, at: number, doc: string): SysRegField => bit(name, at, doc, 'not trapped', 'trapped');

/** Fields that exist only for some values of another field (ESR ISS encodings by EC). */
function when(field: string, values: readonly number[], fields: readonly SysRegField[]): SysRegField[] {
  return fields.map((x) => ({ ...x, when: { field, values } }));
}

export const EXCEPTION_CLASSES: Values = {
  0x00: 'Unknown reason', 0x01: 'Trapped WFI or WFE', 0x03: 'Trapped MCR or MRC (coproc 0b1111)',
  0x04: 'Trapped MCRR or MRRC (coproc 0b1111)', 0x05: 'Trapped MCR or MRC (coproc 0b1110)',
  0x06: 'Trapped LDC or STC', 0x07: 'Access to SVE, Advanced SIMD or floating point trapped',
  0x0c: 'Trapped MRRC (coproc 0b1110)', 0x0d: 'Branch Target Exception', 0x0e: 'Illegal Execution state',
  0x11: 'SVC in AArch32 state', 0x12: 'HVC in AArch32 state', 0x13: 'SMC in AArch32 state',
  0x15: 'SVC in AArch64 state', 0x16: 'HVC in AArch64 state', 0x17: 'SMC in AArch64 state',
  0x18: 'Trapped MSR, MRS or System instruction', 0x19: 'Access to SVE trapped', 0x1c: 'Pointer authentication failure',
  0x20: 'Instruction Abort from a lower Exception level', 0x21: 'Instruction Abort taken without a change in Exception level',
  0x22: 'PC alignment fault', 0x24: 'Data Abort from a lower Exception level',
  0x25: 'Data Abort taken without a change in Exception level', 0x26: 'SP alignment fault',
  0x28: 'Trapped floating-point exception (AArch32)', 0x2c: 'Trapped floating-point exception (AArch64)',
  0x2f: 'SError interrupt', 0x30: 'Breakpoint from a lower Exception level',
  0x31: 'Breakpoint taken without a change in Exception level', 0x32: 'Software Step from a lower Exception level',
  0x33: 'Software Step taken without a change in Exception level', 0x34: 'Watchpoint from a lower Exception level',
  0x35: 'Watchpoint taken without a change in Exception level', 0x38: 'BKPT in AArch32 state',
  0x3a: 'Vector Catch (AArch32)', 0x3c: 'BRK in AArch64 state',
};

/** Data and Instruction Fault Status Codes (ESR_ELx.DFSC/IFSC). */
export const FAULT_STATUS: Values = {
  0x00: 'Address size fault, level 0', 0x01: 'Address size fault, level 1', 0x02: 'Address size fault, level 2',
  0x03: 'Address size fault, level 3', 0x04: 'Translation fault, level 0', 0x05: 'Translation fault, level 1',
  0x06: 'Translation fault, level 2', 0x07: 'Translation fault, level 3', 0x09: 'Access flag fault, level 1',
  0x0a: 'Access flag fault, level 2', 0x0b: 'Access flag fault, level 3', 0x0d: 'Permission fault, level 1',
  0x0e: 'Permission fault, level 2', 0x0f: 'Permission fault, level 3',
  0x10: 'Synchronous External abort, not on translation table walk',
  0x14: 'Synchronous External abort on translation table walk, level 0',
  0x15: 'Synchronous External abort on translation table walk, level 1',
  0x16: 'Synchronous External abort on translation table walk, level 2',
  0x17: 'Synchronous External abort on translation table walk, level 3',
  0x21: 'Alignment fault', 0x30: 'TLB conflict abort', 0x34: 'IMPLEMENTATION DEFINED fault (Lockdown)',
  0x35: 'IMPLEMENTATION DEFINED fault (Unsupported Exclusive or Atomic access)',
};

const ISS_ABORT = [0x20, 0x21, 0x24, 0x25];
const ISS_DATA_ABORT = [0x24, 0x25];
const ISS_CALL = [0x15, 0x16, 0x17, 0x3c];

export const ESR_FIELDS: readonly SysRegField[] = [
  f('EC', 31, 26, 'Exception Class: why the exception was taken', EXCEPTION_CLASSES),
  bit('IL', 25, 'Instruction Length of a synchronous exception', '16-bit instruction', '32-bit instruction'),
  f('ISS', 24, 0, 'Instruction Specific Syndrome'),
  ...when('EC', ISS_CALL, [f('imm16', 15, 0, 'The immediate of the SVC/HVC/SMC/BRK instruction (for BRK, the comment)')]),
  ...when('EC', [0x18], [
    f('Op0', 21, 20, 'op0 of the trapped instruction'), f('Op2', 19, 17, 'op2'), f('Op1', 16, 14, 'op1'),
    f('CRn', 13, 10, 'CRn'), f('Rt', 9, 5, 'The general-purpose register of the transfer'), f('CRm', 4, 1, 'CRm'),
    bit('Direction', 0, 'Direction of the trapped access', 'write (MSR, SYS)', 'read (MRS, SYSL)'),
  ]),
  ...when('EC', [0x01], [
    bit('CV', 24, 'Condition code valid', 'COND not valid', 'COND valid'), f('COND', 23, 20, 'Condition code of the trapped instruction'),
    f('TI', 1, 0, 'Trapped instruction', { 0: 'WFI', 1: 'WFE', 2: 'WFIT', 3: 'WFET' }),
  ]),
  ...when('EC', [0x07], [
    bit('CV', 24, 'Condition code valid', 'COND not valid', 'COND valid'), f('COND', 23, 20, 'Condition code of the trapped instruction'),
  ]),
  ...when('EC', ISS_DATA_ABORT, [
    bit('ISV', 24, 'Instruction syndrome valid', 'ISS[23:14] hold no information', 'ISS[23:14] describe the access'),
    f('SAS', 23, 22, 'Syndrome Access Size', { 0: 'byte', 1: 'halfword', 2: 'word', 3: 'doubleword' }),
    bit('SSE', 21, 'Syndrome Sign Extend', 'no sign extension', 'sign-extended'),
    f('SRT', 20, 16, 'Syndrome Register Transfer: the register of the load or store'),
    bit('SF', 15, 'Sixty-Four bit register', '32-bit (W) register', '64-bit (X) register'),
    bit('AR', 14, 'Acquire/Release', 'no acquire/release semantics', 'acquire/release semantics'),
    bit('CM', 8, 'Cache maintenance', 'not a cache maintenance instruction', 'cache maintenance or address translation instruction'),
    bit('WnR', 6, 'Write not Read', 'read', 'write'),
    f('DFSC', 5, 0, 'Data Fault Status Code', FAULT_STATUS),
  ]),
  ...when('EC', ISS_ABORT, [
    bit('FnV', 10, 'FAR not Valid', 'FAR is valid', 'FAR is not valid'),
    bit('EA', 9, 'External abort type'),
    bit('S1PTW', 7, 'Stage-2 fault on a stage-1 translation table walk', 'not on a stage-1 walk', 'on a stage-1 walk'),
  ]),
  ...when('EC', [0x20, 0x21], [f('IFSC', 5, 0, 'Instruction Fault Status Code', FAULT_STATUS)]),
  ...when('EC', [0x2f], [bit('IDS', 24, 'IMPLEMENTATION DEFINED syndrome', 'architected syndrome', 'IMPLEMENTATION DEFINED syndrome')]),
];

const SPSR_M: Values = {
  0b0000: 'EL0t (EL0, SP_EL0)', 0b0100: 'EL1t (EL1, SP_EL0)', 0b0101: 'EL1h (EL1, SP_EL1)',
  0b1000: 'EL2t (EL2, SP_EL0)', 0b1001: 'EL2h (EL2, SP_EL2)', 0b1100: 'EL3t (EL3, SP_EL0)', 0b1101: 'EL3h (EL3, SP_EL3)',
};

export const NZCV_FIELDS: readonly SysRegField[] = [
  bit('N', 31, 'Negative condition flag'), bit('Z', 30, 'Zero condition flag'),
  bit('C', 29, 'Carry condition flag'), bit('V', 28, 'Overflow condition flag'),
];
export const DAIF_FIELDS: readonly SysRegField[] = [
  bit('D', 9, 'Debug exception mask', 'unmasked', 'masked'), bit('A', 8, 'SError interrupt mask', 'unmasked', 'masked'),
  bit('I', 7, 'IRQ mask', 'unmasked', 'masked'), bit('F', 6, 'FIQ mask', 'unmasked', 'masked'),
];

export const SPSR_FIELDS: readonly SysRegField[] = [
  ...NZCV_FIELDS,
  bit('DIT', 24, 'Data Independent Timing'), bit('UAO', 23, 'User Access Override'),
  bit('PAN', 22, 'Privileged Access Never', 'privileged access to EL0 data allowed', 'privileged access to EL0 data faults'),
  bit('SS', 21, 'Software Step'), bit('IL', 20, 'Illegal Execution state', 'legal', 'illegal: the next instruction takes an Illegal State exception'),
  bit('SSBS', 12, 'Speculative Store Bypass Safe'),
  ...DAIF_FIELDS,
  bit('nRW', 4, 'Execution state', 'AArch64', 'AArch32'),
  f('M', 3, 0, 'Exception level and stack pointer', SPSR_M),
];

export const CURRENTEL_FIELDS = [f('EL', 3, 2, 'Current Exception level', { 0: 'EL0', 1: 'EL1', 2: 'EL2', 3: 'EL3' })];
export const SPSEL_FIELDS = [bit('SP', 0, 'Stack pointer selection', 'SP_EL0 at every EL', 'SP_ELx at ELx')];
const spsrField = (name: string): SysRegField[] => SPSR_FIELDS.filter((x) => x.name === name);
export const PAN_FIELDS = spsrField('PAN');
export const UAO_FIELDS = spsrField('UAO');
export const DIT_FIELDS = spsrField('DIT');
export const SSBS_FIELDS = spsrField('SSBS');

const RMODE = { 0: 'Round to Nearest (RN)', 1: 'Round towards Plus Infinity (RP)', 2: 'Round towards Minus Infinity (RM)', 3: 'Round towards Zero (RZ)' };
export const FPCR_FIELDS: readonly SysRegField[] = [
  bit('AHP', 26, 'Alternative half-precision', 'IEEE half-precision', 'alternative half-precision'),
  bit('DN', 25, 'Default NaN', 'NaN operands propagate', 'results are the default NaN'),
  bit('FZ', 24, 'Flush-to-zero', 'denormals supported', 'denormals flushed to zero'),
  f('RMode', 23, 22, 'Rounding mode', RMODE),
  bit('FZ16', 19, 'Flush-to-zero for half precision', 'denormals supported', 'denormals flushed to zero'),
  on('IDE', 15, 'Input Denormal exception trap'), on('IXE', 12, 'Inexact exception trap'),
  on('UFE', 11, 'Underflow exception trap'), on('OFE', 10, 'Overflow exception trap'),
  on('DZE', 9, 'Divide by Zero exception trap'), on('IOE', 8, 'Invalid Operation exception trap'),
];
export const FPSR_FIELDS: readonly SysRegField[] = [
  bit('N', 31, 'AArch32 N flag'), bit('Z', 30, 'AArch32 Z flag'), bit('C', 29, 'AArch32 C flag'), bit('V', 28, 'AArch32 V flag'),
  bit('QC', 27, 'Cumulative saturation'), bit('IDC', 7, 'Input Denormal cumulative'), bit('IXC', 4, 'Inexact cumulative'),
  bit('UFC', 3, 'Underflow cumulative'), bit('OFC', 2, 'Overflow cumulative'), bit('DZC', 1, 'Divide by Zero cumulative'),
  bit('IOC', 0, 'Invalid Operation cumulative'),
];

const SCTLR_COMMON: readonly SysRegField[] = [
  bit('DSSBS', 44, 'Default PSTATE.SSBS on exception entry'),
  bit('EE', 25, 'Endianness of data accesses at this EL and of translation walks', 'little-endian', 'big-endian'),
  bit('WXN', 19, 'Write permission implies XN', 'no effect', 'writable regions are execute-never'),
  on('I', 12, 'Instruction cacheability'),
  on('SA', 3, 'SP alignment check'), on('C', 2, 'Data cacheability'),
  on('A', 1, 'Alignment check'), on('M', 0, 'Stage 1 MMU'),
];
export const SCTLR_EL1_FIELDS: readonly SysRegField[] = [
  ...SCTLR_COMMON,
  bit('UCI', 26, 'EL0 cache maintenance (DC CVAU/CIVAC/CVAC/CVAP, IC IVAU)', 'trapped to EL1', 'allowed'),
  bit('E0E', 24, 'Endianness of EL0 data accesses', 'little-endian', 'big-endian'),
  bit('SPAN', 23, 'Set PAN on exception entry to EL1', 'PSTATE.PAN set', 'PSTATE.PAN unchanged'),
  bit('IESB', 21, 'Implicit error synchronization barrier'),
  bit('nTWE', 18, 'EL0 WFE', 'trapped to EL1', 'not trapped'), bit('nTWI', 16, 'EL0 WFI', 'trapped to EL1', 'not trapped'),
  bit('UCT', 15, 'EL0 access to CTR_EL0', 'trapped to EL1', 'allowed'),
  bit('DZE', 14, 'EL0 DC ZVA', 'trapped to EL1', 'allowed'),
  bit('UMA', 9, 'EL0 access to DAIF (MSR/MRS, MSR DAIFSet/DAIFClr)', 'trapped to EL1', 'allowed'),
  bit('SED', 8, 'SETEND (AArch32)'), bit('ITD', 7, 'IT disable (AArch32)'),
  on('CP15BEN', 5, 'AArch32 CP15 barriers'), on('SA0', 4, 'EL0 SP alignment check'),
];
export const SCTLR_EL23_FIELDS: readonly SysRegField[] = [...SCTLR_COMMON, bit('IESB', 21, 'Implicit error synchronization barrier')];

export const HCR_FIELDS: readonly SysRegField[] = [
  trap('TERR', 36, 'EL1 accesses to the RAS error record registers'), trap('TLOR', 35, 'EL1 accesses to the LORegion registers'),
  bit('E2H', 34, 'EL2 Host: the EL2&0 translation regime (VHE)', 'EL2 is a hypervisor (nVHE)', 'EL2 hosts an OS (VHE)'),
  on('ID', 33, 'Stage 2 instruction cacheability disable'), on('CD', 32, 'Stage 2 data cacheability disable'),
  bit('RW', 31, 'Execution state of EL1', 'AArch32', 'AArch64'),
  trap('TRVM', 30, 'EL1 reads of the virtual memory control registers'), bit('HCD', 29, 'HVC disable', 'HVC enabled', 'HVC UNDEFINED'),
  trap('TDZ', 28, 'DC ZVA at EL0 and EL1'),
  bit('TGE', 27, 'Trap General Exceptions: EL0 runs as a host application of EL2', 'EL1 handles EL0 exceptions', 'exceptions from EL0 go to EL2'),
  trap('TVM', 26, 'EL1 writes of the virtual memory control registers'), trap('TTLB', 25, 'TLB maintenance at EL1'),
  trap('TPU', 24, 'cache maintenance to the Point of Unification at EL0/EL1'),
  trap('TPCP', 23, 'cache maintenance to the Point of Coherency/Persistence at EL0/EL1'),
  trap('TSW', 22, 'data cache maintenance by set/way at EL1'), trap('TACR', 21, 'EL1 accesses to ACTLR_EL1'),
  trap('TIDCP', 20, 'EL1 accesses to IMPLEMENTATION DEFINED registers'), trap('TSC', 19, 'SMC at EL1'),
  trap('TID3', 18, 'EL1 reads of the ID group 3 registers'), trap('TID2', 17, 'accesses to the cache ID registers (CTR, CCSIDR, CLIDR, CSSELR)'),
  trap('TID1', 16, 'EL1 reads of REVIDR_EL1 and AIDR_EL1'), trap('TID0', 15, 'AArch32 ID group 0'),
  trap('TWE', 14, 'WFE at EL0/EL1'), trap('TWI', 13, 'WFI at EL0/EL1'),
  bit('DC', 12, 'Default Cacheability: stage 1 off at EL1&0 is Normal WB'),
  f('BSU', 11, 10, 'Barrier Shareability upgrade', { 0: 'no effect', 1: 'Inner Shareable', 2: 'Outer Shareable', 3: 'Full system' }),
  bit('FB', 9, 'Force broadcast of TLB and I-cache maintenance'),
  bit('VSE', 8, 'Virtual SError pending'), bit('VI', 7, 'Virtual IRQ pending'), bit('VF', 6, 'Virtual FIQ pending'),
  bit('AMO', 5, 'SError routing', 'not routed to EL2', 'physical SErrors to EL2, virtual SErrors enabled'),
  bit('IMO', 4, 'IRQ routing', 'not routed to EL2', 'physical IRQs to EL2, virtual IRQs enabled'),
  bit('FMO', 3, 'FIQ routing', 'not routed to EL2', 'physical FIQs to EL2, virtual FIQs enabled'),
  bit('PTW', 2, 'Protected Table Walk'), bit('SWIO', 1, 'Set/Way Invalidation Override'),
  on('VM', 0, 'Stage 2 translation for the EL1&0 regime'),
];

export const SCR_FIELDS: readonly SysRegField[] = [
  trap('TERR', 15, 'accesses to the RAS error record registers from EL1/EL2'), trap('TLOR', 14, 'LORegion register accesses from EL1/EL2'),
  trap('TWE', 13, 'WFE at EL0/EL1/EL2'), trap('TWI', 12, 'WFI at EL0/EL1/EL2'),
  bit('ST', 11, 'Secure EL1 access to CNTPS_*', 'trapped to EL3', 'allowed'),
  bit('RW', 10, 'Execution state of the next lower EL', 'AArch32', 'AArch64'),
  bit('SIF', 9, 'Secure instruction fetch from Non-secure memory', 'allowed', 'not allowed'),
  bit('HCE', 8, 'HVC enable', 'HVC UNDEFINED', 'HVC enabled at EL1/EL2/EL3'),
  bit('SMD', 7, 'SMC disable', 'SMC enabled', 'SMC UNDEFINED at EL1/EL2/EL3'),
  bit('EA', 3, 'External abort and SError routing', 'not taken to EL3', 'taken to EL3'),
  bit('FIQ', 2, 'FIQ routing', 'not taken to EL3', 'taken to EL3'), bit('IRQ', 1, 'IRQ routing', 'not taken to EL3', 'taken to EL3'),
  bit('NS', 0, 'Security state of EL0/EL1 (and EL2)', 'Secure', 'Non-secure'),
];

const FPEN: Values = { 0: 'trap at EL0 and EL1', 1: 'trap at EL0 only', 2: 'trap at EL0 and EL1', 3: 'no trap' };
export const CPACR_FIELDS: readonly SysRegField[] = [
  bit('TTA', 28, 'System register access to trace registers', 'not trapped', 'trapped to EL1'),
  f('FPEN', 21, 20, 'FP/AdvSIMD trap (EC 0x07)', FPEN),
  f('ZEN', 17, 16, 'SVE trap (SVE not implemented)'),
];
export const CPTR_EL2_FIELDS: readonly SysRegField[] = [
  trap('TCPAC', 31, 'EL1 accesses to CPACR_EL1 (to EL2)'),
  bit('TTA', 20, 'trace register access (E2H = 0)', 'not trapped', 'trapped to EL2'),
  trap('TFP', 10, 'FP/AdvSIMD at EL0-EL2 (E2H = 0; EC 0x07 to EL2)'),
  f('FPEN', 21, 20, 'FP/AdvSIMD trap when HCR_EL2.E2H = 1 (EC 0x07 to EL2)',
    { 0: 'trap at EL0, EL1 and EL2', 1: 'trap at EL0 when HCR_EL2.TGE = 1', 2: 'trap at EL0, EL1 and EL2', 3: 'no trap' }),
];
export const CPTR_EL3_FIELDS: readonly SysRegField[] = [
  trap('TCPAC', 31, 'EL1/EL2 accesses to CPACR_EL1 and CPTR_EL2 (to EL3)'),
  trap('TTA', 20, 'trace register access'), trap('TFP', 10, 'FP/AdvSIMD at every EL (EC 0x07 to EL3)'),
];

export const MDCR_EL2_FIELDS: readonly SysRegField[] = [
  trap('TDRA', 11, 'EL0/EL1 access to the debug ROM registers'), trap('TDOSA', 10, 'EL1 access to the OS lock registers'),
  trap('TDA', 9, 'EL0/EL1 access to the debug registers'),
  bit('TDE', 8, 'Route debug exceptions to EL2 (and TDA/TDOSA/TDRA set)', 'not routed', 'routed to EL2'),
  bit('HPME', 7, 'EL2 performance counters enable'), trap('TPM', 6, 'EL0/EL1 access to the performance monitors'),
  trap('TPMCR', 5, 'EL0/EL1 access to PMCR_EL0'), f('HPMN', 4, 0, 'Number of counters accessible from EL0/EL1'),
];
export const MDCR_EL3_FIELDS: readonly SysRegField[] = [
  bit('SDD', 16, 'Secure debug disable'), bit('SPME', 17, 'Secure performance monitors enable'),
  trap('TDOSA', 10, 'OS lock register access from EL1/EL2 (to EL3)'), trap('TDA', 9, 'debug register access from EL0-EL2 (to EL3)'),
  trap('TPM', 6, 'performance monitor access from EL0-EL2 (to EL3)'),
];

const GRANULE0 = { 0: '4KB', 1: '64KB', 2: '16KB' };
const GRANULE1 = { 1: '16KB', 2: '4KB', 3: '64KB' };
const CACHEABILITY = { 0: 'Non-cacheable', 1: 'Write-Back Read/Write-Allocate', 2: 'Write-Through Read-Allocate', 3: 'Write-Back Read-Allocate' };
const SHAREABILITY = { 0: 'Non-shareable', 2: 'Outer Shareable', 3: 'Inner Shareable' };
const PA_SIZE = { 0: '32 bits, 4GB', 1: '36 bits, 64GB', 2: '40 bits, 1TB', 3: '42 bits, 4TB', 4: '44 bits, 16TB', 5: '48 bits, 256TB', 6: '52 bits, 4PB' };

export const TCR_EL1_FIELDS: readonly SysRegField[] = [
  on('HD', 40, 'Hardware dirty-bit management'), on('HA', 39, 'Hardware Access flag update'),
  bit('TBI1', 38, 'Top Byte Ignore for TTBR1 addresses', 'top byte used', 'top byte ignored'),
  bit('TBI0', 37, 'Top Byte Ignore for TTBR0 addresses', 'top byte used', 'top byte ignored'),
  bit('AS', 36, 'ASID size', '8 bits', '16 bits'), f('IPS', 34, 32, 'Intermediate Physical Address size', PA_SIZE),
  f('TG1', 31, 30, 'TTBR1 granule size', GRANULE1), f('SH1', 29, 28, 'TTBR1 walk shareability', SHAREABILITY),
  f('ORGN1', 27, 26, 'TTBR1 walk outer cacheability', CACHEABILITY), f('IRGN1', 25, 24, 'TTBR1 walk inner cacheability', CACHEABILITY),
  bit('EPD1', 23, 'TTBR1 walks', 'enabled', 'disabled: translation fault'),
  bit('A1', 22, 'ASID selection', 'TTBR0_EL1.ASID', 'TTBR1_EL1.ASID'), f('T1SZ', 21, 16, 'TTBR1 region size: 2^(64-T1SZ) bytes'),
  f('TG0', 15, 14, 'TTBR0 granule size', GRANULE0), f('SH0', 13, 12, 'TTBR0 walk shareability', SHAREABILITY),
  f('ORGN0', 11, 10, 'TTBR0 walk outer cacheability', CACHEABILITY), f('IRGN0', 9, 8, 'TTBR0 walk inner cacheability', CACHEABILITY),
  bit('EPD0', 7, 'TTBR0 walks', 'enabled', 'disabled: translation fault'), f('T0SZ', 5, 0, 'TTBR0 region size: 2^(64-T0SZ) bytes'),
];
export const TCR_EL2_FIELDS: readonly SysRegField[] = [
  on('HD', 22, 'Hardware dirty-bit management (E2H = 0)'), on('HA', 21, 'Hardware Access flag update (E2H = 0)'),
  bit('TBI', 20, 'Top Byte Ignore (E2H = 0)', 'top byte used', 'top byte ignored'),
  f('PS', 18, 16, 'Physical Address size (E2H = 0)', PA_SIZE),
  f('TG0', 15, 14, 'Granule size', GRANULE0), f('SH0', 13, 12, 'Walk shareability', SHAREABILITY),
  f('ORGN0', 11, 10, 'Walk outer cacheability', CACHEABILITY), f('IRGN0', 9, 8, 'Walk inner cacheability', CACHEABILITY),
  f('T0SZ', 5, 0, 'Region size: 2^(64-T0SZ) bytes'),
];
export const VTCR_FIELDS: readonly SysRegField[] = [
  on('HD', 22, 'Hardware dirty-bit management, stage 2'), on('HA', 21, 'Hardware Access flag update, stage 2'),
  bit('VS', 19, 'VMID size', '8 bits', '16 bits'), f('PS', 18, 16, 'Physical Address size', PA_SIZE),
  f('TG0', 15, 14, 'Stage 2 granule size', GRANULE0), f('SH0', 13, 12, 'Walk shareability', SHAREABILITY),
  f('ORGN0', 11, 10, 'Walk outer cacheability', CACHEABILITY), f('IRGN0', 9, 8, 'Walk inner cacheability', CACHEABILITY),
  f('SL0', 7, 6, 'Starting level of the stage 2 walk (meaning depends on TG0)'),
  f('T0SZ', 5, 0, 'IPA space size: 2^(64-T0SZ) bytes'),
];
export const TTBR_FIELDS: readonly SysRegField[] = [
  f('ASID', 63, 48, 'Address Space Identifier'), f('BADDR', 47, 1, 'Translation table base address'), bit('CnP', 0, 'Common not Private'),
];
export const VTTBR_FIELDS: readonly SysRegField[] = [
  f('VMID', 63, 48, 'Virtual Machine Identifier'), f('BADDR', 47, 1, 'Stage 2 translation table base address'), bit('CnP', 0, 'Common not Private'),
];
export const MAIR_FIELDS: readonly SysRegField[] = Array.from({ length: 8 }, (_, i) =>
  f(`Attr${i}`, i * 8 + 7, i * 8, `Memory attribute ${i}: 0x00 Device-nGnRnE, 0x04 Device-nGnRE, 0x44 Normal Non-cacheable, 0xff Normal Write-Back`));
export const ADDRESS_FIELDS = (doc: string): SysRegField[] => [f('ADDR', 63, 0, doc)];
export const VBAR_FIELDS = [f('VBA', 63, 11, 'Vector base address (2KB aligned); entries at +0x000/0x200/0x400/0x600 for sync, +0x80 IRQ, +0x100 FIQ, +0x180 SError')];
export const HPFAR_FIELDS = [f('FIPA', 43, 4, 'Faulting IPA bits [51:12] of a stage 2 fault')];
export const PAR_FIELDS: readonly SysRegField[] = [
  bit('F', 0, 'Translation aborted', 'translation succeeded', 'translation aborted'),
  ...when('F', [0], [f('ATTR', 63, 56, 'Memory attributes (MAIR encoding)'), f('PA', 51, 12, 'Output address bits [51:12]'),
    bit('NS', 9, 'Non-secure'), f('SH', 8, 7, 'Shareability', SHAREABILITY)]),
  ...when('F', [1], [bit('S', 9, 'Stage of the fault', 'stage 1', 'stage 2'), bit('PTW', 8, 'Fault on a stage 1 walk in stage 2'),
    f('FST', 6, 1, 'Fault status code', FAULT_STATUS)]),
];

export const TIMER_CTL_FIELDS: readonly SysRegField[] = [
  bit('ISTATUS', 2, 'Timer condition met', 'not met', 'met'), bit('IMASK', 1, 'Timer interrupt mask', 'not masked', 'masked'),
  on('ENABLE', 0, 'Timer'),
];
export const CNTKCTL_FIELDS: readonly SysRegField[] = [
  bit('EL0PTEN', 9, 'EL0 access to the physical timer registers', 'trapped', 'allowed'),
  bit('EL0VTEN', 8, 'EL0 access to the virtual timer registers', 'trapped', 'allowed'),
  f('EVNTI', 7, 4, 'Event stream counter bit'), bit('EVNTDIR', 3, 'Event stream transition', '0 to 1', '1 to 0'),
  on('EVNTEN', 2, 'Event stream'),
  bit('EL0VCTEN', 1, 'EL0 access to CNTVCT_EL0 (and CNTFRQ_EL0)', 'trapped', 'allowed'),
  bit('EL0PCTEN', 0, 'EL0 access to CNTPCT_EL0 (and CNTFRQ_EL0)', 'trapped', 'allowed'),
];
export const CNTHCTL_FIELDS: readonly SysRegField[] = [
  bit('EL1PTEN', 11, 'EL0/EL1 physical timer access when E2H = 1', 'trapped to EL2', 'allowed'),
  bit('EL1PCTEN', 10, 'EL0/EL1 CNTPCT_EL0 access when E2H = 1', 'trapped to EL2', 'allowed'),
  bit('EL0PTEN', 9, 'EL0 physical timer access when E2H,TGE = 1,1', 'trapped to EL2', 'allowed'),
  bit('EL0VTEN', 8, 'EL0 virtual timer access when E2H,TGE = 1,1', 'trapped to EL2', 'allowed'),
  f('EVNTI', 7, 4, 'Event stream counter bit'), bit('EVNTDIR', 3, 'Event stream transition', '0 to 1', '1 to 0'),
  on('EVNTEN', 2, 'Event stream'),
  bit('EL1PCEN', 1, 'EL0/EL1 physical timer access when E2H = 0 (EL0VCTEN when E2H = 1)', 'trapped to EL2', 'allowed'),
  bit('EL1PCTEN', 0, 'EL0/EL1 CNTPCT_EL0 access when E2H = 0 (EL0PCTEN when E2H = 1)', 'trapped to EL2', 'allowed'),
];

export const MIDR_FIELDS: readonly SysRegField[] = [
  f('Implementer', 31, 24, 'Implementer code', { 0x41: 'Arm Limited' }), f('Variant', 23, 20, 'Major revision (rN)'),
  f('Architecture', 19, 16, 'Architecture', { 0xf: 'defined by the ID registers' }),
  f('PartNum', 15, 4, 'Part number', { 0xd0b: 'Cortex-A76' }), f('Revision', 3, 0, 'Minor revision (pN)'),
];
export const MPIDR_FIELDS: readonly SysRegField[] = [
  f('Aff3', 39, 32, 'Affinity level 3'), bit('U', 30, 'Uniprocessor', 'part of a multiprocessor system', 'uniprocessor'),
  bit('MT', 24, 'Multithreading: lowest affinity level', 'largely independent cores', 'threads of one core'),
  f('Aff2', 23, 16, 'Affinity level 2'), f('Aff1', 15, 8, 'Affinity level 1'), f('Aff0', 7, 0, 'Affinity level 0: the CPU number'),
];

const nib = (name: string, lo: number, doc: string, values?: Values): SysRegField => f(name, lo + 3, lo, doc, values);
const NI_AA64 = { 0: 'not implemented', 1: 'AArch64 only', 2: 'AArch64 and AArch32' };
export const ID_AA64PFR0_FIELDS: readonly SysRegField[] = [
  nib('CSV3', 60, 'Faults not speculated', { 0: 'not defined', 1: 'data loaded under a fault cannot be used speculatively' }),
  nib('CSV2', 56, 'Branch targets not speculated across contexts', { 0: 'not defined', 1: 'implemented' }),
  nib('DIT', 48, 'Data Independent Timing', { 0: 'not implemented', 1: 'implemented' }),
  nib('AMU', 44, 'Activity Monitors', { 0: 'not implemented', 1: 'implemented' }),
  nib('MPAM', 40, 'MPAM', { 0: 'not implemented', 1: 'implemented' }), nib('SEL2', 36, 'Secure EL2', { 0: 'not implemented', 1: 'implemented' }),
  nib('SVE', 32, 'SVE', { 0: 'not implemented', 1: 'implemented' }), nib('RAS', 28, 'RAS extension', { 0: 'not implemented', 1: 'RAS', 2: 'RASv1p1' }),
  nib('GIC', 24, 'GIC CPU interface system registers', { 0: 'not implemented', 1: 'GICv3/v4', 3: 'GICv4.1' }),
  nib('AdvSIMD', 20, 'Advanced SIMD', { 0: 'implemented', 1: 'implemented, with half precision', 0xf: 'not implemented' }),
  nib('FP', 16, 'Floating point', { 0: 'implemented', 1: 'implemented, with half precision', 0xf: 'not implemented' }),
  nib('EL3', 12, 'EL3', NI_AA64), nib('EL2', 8, 'EL2', NI_AA64), nib('EL1', 4, 'EL1', NI_AA64), nib('EL0', 0, 'EL0', NI_AA64),
];
export const ID_AA64PFR1_FIELDS: readonly SysRegField[] = [
  nib('MTE', 8, 'Memory Tagging', { 0: 'not implemented' }),
  nib('SSBS', 4, 'Speculative Store Bypass Safe', { 0: 'not implemented', 1: 'PSTATE.SSBS', 2: 'PSTATE.SSBS with MSR/MRS SSBS' }),
  nib('BT', 0, 'Branch Target Identification', { 0: 'not implemented', 1: 'implemented' }),
];
const NI = { 0: 'not implemented', 1: 'implemented' };
export const ID_AA64ISAR0_FIELDS: readonly SysRegField[] = [
  nib('RNDR', 60, 'RNDR/RNDRRS', NI), nib('TLB', 56, 'TLB range/outer-shareable maintenance', { 0: 'not implemented' }),
  nib('TS', 52, 'Flag manipulation (CFINV, RMIF, SETF)', { 0: 'not implemented' }), nib('FHM', 48, 'FMLAL/FMLSL', NI),
  nib('DP', 44, 'SDOT/UDOT', NI), nib('SM4', 40, 'SM4E/SM4EKEY', NI), nib('SM3', 36, 'SM3*', NI),
  nib('SHA3', 32, 'EOR3, RAX1, XAR, BCAX', NI), nib('RDM', 28, 'SQRDMLAH/SQRDMLSH', NI),
  nib('Atomic', 20, 'Large System Extensions atomics', { 0: 'not implemented', 2: 'LSE (CAS, SWP, LD<op>)' }),
  nib('CRC32', 16, 'CRC32*', NI), nib('SHA2', 12, 'SHA256/SHA512', { 0: 'not implemented', 1: 'SHA256', 2: 'SHA256 and SHA512' }),
  nib('SHA1', 8, 'SHA1*', NI), nib('AES', 4, 'AES', { 0: 'not implemented', 1: 'AES', 2: 'AES and PMULL/PMULL2 (64-bit)' }),
];
export const ID_AA64ISAR1_FIELDS: readonly SysRegField[] = [
  nib('LRCPC', 20, 'LDAPR', { 0: 'not implemented', 1: 'LDAPR*', 2: 'LDAPR* and LDAPUR*/STLUR*' }),
  nib('FCMA', 16, 'FCMLA/FCADD', NI), nib('JSCVT', 12, 'FJCVTZS', NI),
  nib('API', 8, 'Pointer authentication (IMPDEF)', { 0: 'not implemented' }), nib('APA', 4, 'Pointer authentication (QARMA)', { 0: 'not implemented' }),
  nib('DPB', 0, 'DC CVAP', { 0: 'not implemented', 1: 'DC CVAP', 2: 'DC CVAP and DC CVADP' }),
];
export const ID_AA64MMFR0_FIELDS: readonly SysRegField[] = [
  nib('TGran4', 28, '4KB granule', { 0: 'supported', 0xf: 'not supported' }),
  nib('TGran64', 24, '64KB granule', { 0: 'supported', 0xf: 'not supported' }),
  nib('TGran16', 20, '16KB granule', { 0: 'not supported', 1: 'supported' }),
  nib('BigEndEL0', 16, 'Mixed-endian at EL0 only', { 0: 'not supported' }),
  nib('SNSMem', 12, 'Secure/Non-secure memory distinction', { 0: 'not supported', 1: 'supported' }),
  nib('BigEnd', 8, 'Mixed-endian support', { 0: 'not supported', 1: 'supported' }),
  nib('ASIDBits', 4, 'ASID bits', { 0: '8 bits', 2: '16 bits' }),
  nib('PARange', 0, 'Physical address range', PA_SIZE),
];
export const ID_AA64MMFR1_FIELDS: readonly SysRegField[] = [
  nib('XNX', 28, 'Stage 2 EL0/EL1 execute-never distinction', NI), nib('PAN', 20, 'Privileged Access Never', { 0: 'not implemented', 1: 'PAN', 2: 'PAN and AT S1E1RP/WP' }),
  nib('LO', 16, 'LORegions', NI), nib('HPDS', 12, 'Hierarchical permission disables', NI),
  nib('VH', 8, 'Virtualization Host Extensions', NI), nib('VMIDBits', 4, 'VMID bits', { 0: '8 bits', 2: '16 bits' }),
  nib('HAFDBS', 0, 'Hardware Access flag and dirty state', { 0: 'not supported', 1: 'Access flag', 2: 'Access flag and dirty state' }),
];
export const ID_AA64MMFR2_FIELDS: readonly SysRegField[] = [
  nib('VARange', 16, 'Virtual address range', { 0: '48 bits', 1: '52 bits with 64KB granule' }),
  nib('IESB', 12, 'SCTLR_ELx.IESB', NI), nib('LSM', 8, 'LSMAOE/nTLSMD', NI),
  nib('UAO', 4, 'User Access Override', NI), nib('CnP', 0, 'Common not Private translations', NI),
];
export const ID_AA64DFR0_FIELDS: readonly SysRegField[] = [
  nib('CTX_CMPs', 28, 'Context-aware breakpoints, minus 1'), nib('WRPs', 20, 'Watchpoints, minus 1'),
  nib('BRPs', 12, 'Breakpoints, minus 1'), nib('PMUVer', 8, 'Performance Monitors', { 0: 'not implemented', 1: 'PMUv3', 4: 'PMUv3 for Armv8.1' }),
  nib('TraceVer', 4, 'Trace unit system registers', { 0: 'not implemented' }),
  nib('DebugVer', 0, 'Debug architecture', { 6: 'Armv8', 7: 'Armv8 with VHE', 8: 'Armv8.2' }),
];
export const CTR_FIELDS: readonly SysRegField[] = [
  bit('DIC', 29, 'I-cache invalidation to PoU required for data-to-instruction coherence', 'required', 'not required'),
  bit('IDC', 28, 'D-cache clean to PoU required for instruction-to-data coherence', 'required', 'not required'),
  nib('CWG', 24, 'Cache writeback granule: log2(words)'), nib('ERG', 20, 'Exclusives reservation granule: log2(words)'),
  nib('DminLine', 16, 'Smallest data cache line: log2(words)'),
  f('L1Ip', 15, 14, 'L1 instruction cache policy', { 1: 'AIVIVT', 2: 'VIPT', 3: 'PIPT' }),
  nib('IminLine', 0, 'Smallest instruction cache line: log2(words)'),
];
export const DCZID_FIELDS: readonly SysRegField[] = [
  bit('DZP', 4, 'DC ZVA prohibited', 'permitted', 'prohibited'), nib('BS', 0, 'Block size of DC ZVA: log2(words)'),
];
export const CLIDR_FIELDS: readonly SysRegField[] = [
  f('ICB', 32, 30, 'Inner cache boundary'), f('LoUU', 29, 27, 'Level of Unification Uniprocessor'),
  f('LoC', 26, 24, 'Level of Coherence'), f('LoUIS', 23, 21, 'Level of Unification Inner Shareable'),
  ...[1, 2, 3].map((n) => f(`Ctype${n}`, n * 3 - 1, n * 3 - 3, `Cache type, level ${n}`,
    { 0: 'no cache', 1: 'instruction only', 2: 'data only', 3: 'separate instruction and data', 4: 'unified' })),
];
export const CCSIDR_FIELDS: readonly SysRegField[] = [
  f('NumSets', 27, 13, 'Number of sets, minus 1'), f('Associativity', 12, 3, 'Associativity, minus 1'),
  f('LineSize', 2, 0, 'log2(line bytes) - 4'),
];
export const CSSELR_FIELDS: readonly SysRegField[] = [
  f('Level', 3, 1, 'Cache level, minus 1'), bit('InD', 0, 'Instruction not Data', 'data or unified cache', 'instruction cache'),
];

export const ICC_SRE_FIELDS: readonly SysRegField[] = [
  bit('Enable', 3, 'Lower-EL access to ICC_SRE_EL1 (EL2/EL3 only)', 'trapped', 'allowed'),
  bit('DIB', 2, 'Disable IRQ bypass'), bit('DFB', 1, 'Disable FIQ bypass'),
  bit('SRE', 0, 'System register interface', 'memory-mapped GICC', 'ICC_* system registers'),
];
export const ICC_INTID_FIELDS = [f('INTID', 23, 0, 'Interrupt ID (1023: none pending)')];
export const ICC_PMR_FIELDS = [f('Priority', 7, 0, 'Priority mask: interrupts of lower priority (higher value) are not signalled')];
export const ICC_IGRPEN_FIELDS = [on('Enable', 0, 'Interrupt group')];

export const PMCR_FIELDS: readonly SysRegField[] = [
  f('IMP', 31, 24, 'Implementer'), f('IDCODE', 23, 16, 'Identification code'), f('N', 15, 11, 'Number of event counters'),
  bit('LC', 6, 'Long cycle counter'), bit('DP', 5, 'Disable cycle counter when prohibited'), bit('X', 4, 'Export events'),
  bit('D', 3, 'Clock divider', 'every cycle', 'every 64th cycle'), bit('C', 2, 'Cycle counter reset (write 1)'),
  bit('P', 1, 'Event counter reset (write 1)'), on('E', 0, 'Counters'),
];
export const PMUSERENR_FIELDS: readonly SysRegField[] = [
  bit('ER', 3, 'EL0 event counter read'), bit('CR', 2, 'EL0 cycle counter read'), bit('SW', 1, 'EL0 software increment write'),
  bit('EN', 0, 'EL0 access to the performance monitors', 'trapped to EL1', 'allowed'),
];
export const MDSCR_FIELDS: readonly SysRegField[] = [
  on('MDE', 15, 'Monitor debug events (breakpoints, watchpoints)'), on('KDE', 13, 'Local (kernel) debug'),
  bit('TDCC', 12, 'EL0 access to the debug communications channel', 'allowed', 'trapped'), on('SS', 0, 'Software step'),
];
export const CONTEXTIDR_FIELDS = [f('PROCID', 31, 0, 'Process identifier')];
export const ACTLR_FIELDS = [f('IMPDEF', 63, 0, 'IMPLEMENTATION DEFINED controls')];
export const AFSR_FIELDS = [f('IMPDEF', 63, 0, 'IMPLEMENTATION DEFINED fault status')];
