// The one AArch64 system-register table: every register MRS/MSR can name, with its encoding and access.
// The disassembler prints names from it; the CPU model (trap rules, reset values) and hover docs build on it.
import { CONTROL_REGS } from './control';
import { DEBUG_REGS } from './debug';
import { GIC_REGS } from './gic';
import { ID_REGS } from './id';
import { ABSENT, DETAILS } from './model';
import { MPU_REGS } from './mpu';
import { PMU_REGS } from './pmu';
import { TIMER_REGS } from './timer';
import { TRACE_REGS } from './trace';

/** What MRS (`r`) and MSR (`w`) may do with the register. */
export type SysRegAccess = 'r' | 'w' | 'rw';

/** One field of a register: bits hi..lo, and what its values mean (for decoded views and hover docs). */
export interface SysRegField {
  readonly name: string;
  readonly hi: number;
  readonly lo: number;
  readonly doc?: string;
  /** Meaning of each value; a value not listed is reserved. */
  readonly values?: Readonly<Record<number, string>>;
  /** The field exists only while another field of the register has one of these values (ESR ISS by EC). */
  readonly when?: { readonly field: string; readonly values: readonly number[] };
}

/**
 * One system register: its architectural name and its (op0, op1, CRn, CRm, op2) encoding, and for the
 * registers the CPU model implements, its reset value, fields and access rule (see ./access.ts).
 */
export interface SysReg {
  readonly name: string;
  readonly op0: number;
  readonly op1: number;
  readonly crn: number;
  readonly crm: number;
  readonly op2: number;
  readonly access: SysRegAccess;
  /** One line of documentation for hovers. */
  readonly doc?: string;
  /** Value at reset in our CPU model (architecturally UNKNOWN bits reset to 0). */
  readonly reset?: bigint;
  readonly fields?: readonly SysRegField[];
  /**
   * Trap controls (names of ./access.ts TRAP_CONTROLS) checked in this order after the EL check, beyond those
   * that select registers by encoding; the first that applies decides.
   */
  readonly traps?: readonly string[];
  /** At EL2 with HCR_EL2.E2H = 1, an access to this _EL1/_EL0 register goes to this register instead. */
  readonly e2h?: string;
  /** An _EL12/_EL02 alias: at EL2 (or EL3) with HCR_EL2.E2H = 1 it accesses this register, otherwise UNDEFINED. */
  readonly aliasOf?: string;
  /** The register belongs to an extension our CPU model does not implement: accesses are UNDEFINED. */
  readonly absent?: boolean;
  /** Bits that read as one whatever is written (RAO/WI), e.g. HCR_EL2.RW on an AArch64-only CPU. */
  readonly rao?: bigint;
}

/** An _EL12/_EL02 name's register: SCTLR_EL12 → SCTLR_EL1, CNTV_CTL_EL02 → CNTV_CTL_EL0. */
function aliasTarget(name: string): string | undefined {
  const m = /^(.*)_EL(12|02)$/.exec(name);
  return m ? `${m[1]}_EL${m[2][0]}` : undefined;
}

/** The encodings with the CPU model's details (./model.ts) merged in. */
export const SYSREGS: readonly SysReg[] = [
  ...ID_REGS, ...CONTROL_REGS, ...MPU_REGS, ...GIC_REGS, ...PMU_REGS, ...TIMER_REGS, ...DEBUG_REGS, ...TRACE_REGS,
].map((r) => {
  const aliasOf = aliasTarget(r.name);
  const absent = ABSENT.test(r.name) || (aliasOf !== undefined && ABSENT.test(aliasOf));
  return { ...r, ...DETAILS[r.name], ...(aliasOf ? { aliasOf } : {}), ...(absent ? { absent } : {}) };
});

/** The 16-bit op0:op1:CRn:CRm:op2 value, as in bits [20:5] of MRS/MSR (op0 in bits [15:14]). */
export function sysRegKey(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

const byKey = new Map<number, SysReg[]>();
const byName = new Map<string, SysReg>();
for (const r of SYSREGS) {
  const k = sysRegKey(r.op0, r.op1, r.crn, r.crm, r.op2);
  byKey.set(k, [...(byKey.get(k) ?? []), r]);
  byName.set(r.name.toLowerCase(), r);
}

/**
 * The register at an encoding for a read (MRS) or a write (MSR). Where two registers share an encoding
 * (DBGDTRRX_EL0 read, DBGDTRTX_EL0 write) the direction picks; otherwise the one register is returned
 * whatever its access, as objdump prints the name either way.
 */
export function findSysReg(key: number, dir: 'r' | 'w'): SysReg | undefined {
  const regs = byKey.get(key);
  return regs?.find((r) => r.access.includes(dir)) ?? regs?.[0];
}

const indexByName = new Map(SYSREGS.map((r, i) => [r.name, i]));

/** The register's index in SYSREGS, which is also its storage index in the core (generated/sysregs.ts). */
export function sysRegIndex(name: string): number {
  const i = indexByName.get(name);
  if (i === undefined) throw new Error(`system register ${name} is not in the table`);
  return i;
}

export function sysRegByName(name: string): SysReg | undefined {
  return byName.get(name.toLowerCase());
}

/** The generic name of an encoding, `s3_0_c15_c2_0`, used where no register is defined. */
export function genericSysRegName(key: number): string {
  return `s${key >> 14}_${(key >> 11) & 7}_c${(key >> 7) & 15}_c${(key >> 3) & 15}_${key & 7}`;
}

/** The name objdump prints for MRS (`r`) or MSR (`w`) at an encoding: lowercase, or the generic form. */
export function sysRegName(key: number, dir: 'r' | 'w'): string {
  return findSysReg(key, dir)?.name.toLowerCase() ?? genericSysRegName(key);
}
