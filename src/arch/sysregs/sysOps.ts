// The SYS instruction's named operations, which objdump prints as aliases: AT, DC, IC, TLBI and the
// prediction-restriction CFP/DVP/CPP RCTX. `xt` says whether the operation takes the Xt operand.

export type SysOpKind = 'AT' | 'DC' | 'IC' | 'TLBI' | 'CFP' | 'DVP' | 'CPP';

export interface SysOp {
  readonly op: SysOpKind;
  readonly name: string;
  readonly op1: number;
  readonly crn: number;
  readonly crm: number;
  readonly op2: number;
  readonly xt: boolean;
}

export const SYS_OPS: readonly SysOp[] = [
  { op: 'IC', name: 'IALLUIS', op1: 0, crn: 7, crm: 1, op2: 0, xt: false },
  { op: 'IC', name: 'IALLU', op1: 0, crn: 7, crm: 5, op2: 0, xt: false },
  { op: 'IC', name: 'IVAU', op1: 3, crn: 7, crm: 5, op2: 1, xt: true },
  { op: 'DC', name: 'IVAC', op1: 0, crn: 7, crm: 6, op2: 1, xt: true },
  { op: 'DC', name: 'ISW', op1: 0, crn: 7, crm: 6, op2: 2, xt: true },
  { op: 'DC', name: 'IGVAC', op1: 0, crn: 7, crm: 6, op2: 3, xt: true },
  { op: 'DC', name: 'IGSW', op1: 0, crn: 7, crm: 6, op2: 4, xt: true },
  { op: 'DC', name: 'IGDVAC', op1: 0, crn: 7, crm: 6, op2: 5, xt: true },
  { op: 'DC', name: 'IGDSW', op1: 0, crn: 7, crm: 6, op2: 6, xt: true },
  { op: 'DC', name: 'CSW', op1: 0, crn: 7, crm: 10, op2: 2, xt: true },
  { op: 'DC', name: 'CGSW', op1: 0, crn: 7, crm: 10, op2: 4, xt: true },
  { op: 'DC', name: 'CGDSW', op1: 0, crn: 7, crm: 10, op2: 6, xt: true },
  { op: 'DC', name: 'CISW', op1: 0, crn: 7, crm: 14, op2: 2, xt: true },
  { op: 'DC', name: 'CIGSW', op1: 0, crn: 7, crm: 14, op2: 4, xt: true },
  { op: 'DC', name: 'CIGDSW', op1: 0, crn: 7, crm: 14, op2: 6, xt: true },
  { op: 'DC', name: 'ZVA', op1: 3, crn: 7, crm: 4, op2: 1, xt: true },
  { op: 'DC', name: 'GVA', op1: 3, crn: 7, crm: 4, op2: 3, xt: true },
  { op: 'DC', name: 'GZVA', op1: 3, crn: 7, crm: 4, op2: 4, xt: true },
  { op: 'DC', name: 'CVAC', op1: 3, crn: 7, crm: 10, op2: 1, xt: true },
  { op: 'DC', name: 'CGVAC', op1: 3, crn: 7, crm: 10, op2: 3, xt: true },
  { op: 'DC', name: 'CGDVAC', op1: 3, crn: 7, crm: 10, op2: 5, xt: true },
  { op: 'DC', name: 'CVAU', op1: 3, crn: 7, crm: 11, op2: 1, xt: true },
  { op: 'DC', name: 'CVAP', op1: 3, crn: 7, crm: 12, op2: 1, xt: true },
  { op: 'DC', name: 'CGVAP', op1: 3, crn: 7, crm: 12, op2: 3, xt: true },
  { op: 'DC', name: 'CGDVAP', op1: 3, crn: 7, crm: 12, op2: 5, xt: true },
  { op: 'DC', name: 'CVADP', op1: 3, crn: 7, crm: 13, op2: 1, xt: true },
  { op: 'DC', name: 'CGVADP', op1: 3, crn: 7, crm: 13, op2: 3, xt: true },
  { op: 'DC', name: 'CGDVADP', op1: 3, crn: 7, crm: 13, op2: 5, xt: true },
  { op: 'DC', name: 'CIVAC', op1: 3, crn: 7, crm: 14, op2: 1, xt: true },
  { op: 'DC', name: 'CIGVAC', op1: 3, crn: 7, crm: 14, op2: 3, xt: true },
  { op: 'DC', name: 'CIGDVAC', op1: 3, crn: 7, crm: 14, op2: 5, xt: true },
  { op: 'DC', name: 'CIPAPA', op1: 6, crn: 7, crm: 14, op2: 1, xt: true },
  { op: 'DC', name: 'CIGDPAPA', op1: 6, crn: 7, crm: 14, op2: 5, xt: true },
  { op: 'AT', name: 'S1E1R', op1: 0, crn: 7, crm: 8, op2: 0, xt: true },
  { op: 'AT', name: 'S1E1W', op1: 0, crn: 7, crm: 8, op2: 1, xt: true },
  { op: 'AT', name: 'S1E0R', op1: 0, crn: 7, crm: 8, op2: 2, xt: true },
  { op: 'AT', name: 'S1E0W', op1: 0, crn: 7, crm: 8, op2: 3, xt: true },
  { op: 'AT', name: 'S1E1RP', op1: 0, crn: 7, crm: 9, op2: 0, xt: true },
  { op: 'AT', name: 'S1E1WP', op1: 0, crn: 7, crm: 9, op2: 1, xt: true },
  { op: 'AT', name: 'S1E2R', op1: 4, crn: 7, crm: 8, op2: 0, xt: true },
  { op: 'AT', name: 'S1E2W', op1: 4, crn: 7, crm: 8, op2: 1, xt: true },
  { op: 'AT', name: 'S12E1R', op1: 4, crn: 7, crm: 8, op2: 4, xt: true },
  { op: 'AT', name: 'S12E1W', op1: 4, crn: 7, crm: 8, op2: 5, xt: true },
  { op: 'AT', name: 'S12E0R', op1: 4, crn: 7, crm: 8, op2: 6, xt: true },
  { op: 'AT', name: 'S12E0W', op1: 4, crn: 7, crm: 8, op2: 7, xt: true },
  { op: 'AT', name: 'S1E3R', op1: 6, crn: 7, crm: 8, op2: 0, xt: true },
  { op: 'AT', name: 'S1E3W', op1: 6, crn: 7, crm: 8, op2: 1, xt: true },
  { op: 'TLBI', name: 'VMALLE1OS', op1: 0, crn: 8, crm: 1, op2: 0, xt: false },
  { op: 'TLBI', name: 'VAE1OS', op1: 0, crn: 8, crm: 1, op2: 1, xt: true },
  { op: 'TLBI', name: 'ASIDE1OS', op1: 0, crn: 8, crm: 1, op2: 2, xt: true },
  { op: 'TLBI', name: 'VAAE1OS', op1: 0, crn: 8, crm: 1, op2: 3, xt: true },
  { op: 'TLBI', name: 'VALE1OS', op1: 0, crn: 8, crm: 1, op2: 5, xt: true },
  { op: 'TLBI', name: 'VAALE1OS', op1: 0, crn: 8, crm: 1, op2: 7, xt: true },
  { op: 'TLBI', name: 'RVAE1IS', op1: 0, crn: 8, crm: 2, op2: 1, xt: true },
  { op: 'TLBI', name: 'RVAAE1IS', op1: 0, crn: 8, crm: 2, op2: 3, xt: true },
  { op: 'TLBI', name: 'RVALE1IS', op1: 0, crn: 8, crm: 2, op2: 5, xt: true },
  { op: 'TLBI', name: 'RVAALE1IS', op1: 0, crn: 8, crm: 2, op2: 7, xt: true },
  { op: 'TLBI', name: 'VMALLE1IS', op1: 0, crn: 8, crm: 3, op2: 0, xt: false },
  { op: 'TLBI', name: 'VAE1IS', op1: 0, crn: 8, crm: 3, op2: 1, xt: true },
  { op: 'TLBI', name: 'ASIDE1IS', op1: 0, crn: 8, crm: 3, op2: 2, xt: true },
  { op: 'TLBI', name: 'VAAE1IS', op1: 0, crn: 8, crm: 3, op2: 3, xt: true },
  { op: 'TLBI', name: 'VALE1IS', op1: 0, crn: 8, crm: 3, op2: 5, xt: true },
  { op: 'TLBI', name: 'VAALE1IS', op1: 0, crn: 8, crm: 3, op2: 7, xt: true },
  { op: 'TLBI', name: 'RVAE1OS', op1: 0, crn: 8, crm: 5, op2: 1, xt: true },
  { op: 'TLBI', name: 'RVAAE1OS', op1: 0, crn: 8, crm: 5, op2: 3, xt: true },
  { op: 'TLBI', name: 'RVALE1OS', op1: 0, crn: 8, crm: 5, op2: 5, xt: true },
  { op: 'TLBI', name: 'RVAALE1OS', op1: 0, crn: 8, crm: 5, op2: 7, xt: true },
  { op: 'TLBI', name: 'RVAE1', op1: 0, crn: 8, crm: 6, op2: 1, xt: true },
  { op: 'TLBI', name: 'RVAAE1', op1: 0, crn: 8, crm: 6, op2: 3, xt: true },
  { op: 'TLBI', name: 'RVALE1', op1: 0, crn: 8, crm: 6, op2: 5, xt: true },
  { op: 'TLBI', name: 'RVAALE1', op1: 0, crn: 8, crm: 6, op2: 7, xt: true },
  { op: 'TLBI', name: 'VMALLE1', op1: 0, crn: 8, crm: 7, op2: 0, xt: false },
  { op: 'TLBI', name: 'VAE1', op1: 0, crn: 8, crm: 7, op2: 1, xt: true },
  { op: 'TLBI', name: 'ASIDE1', op1: 0, crn: 8, crm: 7, op2: 2, xt: true },
  { op: 'TLBI', name: 'VAAE1', op1: 0, crn: 8, crm: 7, op2: 3, xt: true },
  { op: 'TLBI', name: 'VALE1', op1: 0, crn: 8, crm: 7, op2: 5, xt: true },
  { op: 'TLBI', name: 'VAALE1', op1: 0, crn: 8, crm: 7, op2: 7, xt: true },
  { op: 'TLBI', name: 'IPAS2E1IS', op1: 4, crn: 8, crm: 0, op2: 1, xt: true },
  { op: 'TLBI', name: 'RIPAS2E1IS', op1: 4, crn: 8, crm: 0, op2: 2, xt: true },
  { op: 'TLBI', name: 'IPAS2LE1IS', op1: 4, crn: 8, crm: 0, op2: 5, xt: true },
  { op: 'TLBI', name: 'RIPAS2LE1IS', op1: 4, crn: 8, crm: 0, op2: 6, xt: true },
  { op: 'TLBI', name: 'ALLE2OS', op1: 4, crn: 8, crm: 1, op2: 0, xt: false },
  { op: 'TLBI', name: 'VAE2OS', op1: 4, crn: 8, crm: 1, op2: 1, xt: true },
  { op: 'TLBI', name: 'ALLE1OS', op1: 4, crn: 8, crm: 1, op2: 4, xt: false },
  { op: 'TLBI', name: 'VALE2OS', op1: 4, crn: 8, crm: 1, op2: 5, xt: true },
  { op: 'TLBI', name: 'VMALLS12E1OS', op1: 4, crn: 8, crm: 1, op2: 6, xt: false },
  { op: 'TLBI', name: 'RVAE2IS', op1: 4, crn: 8, crm: 2, op2: 1, xt: true },
  { op: 'TLBI', name: 'RVALE2IS', op1: 4, crn: 8, crm: 2, op2: 5, xt: true },
  { op: 'TLBI', name: 'ALLE2IS', op1: 4, crn: 8, crm: 3, op2: 0, xt: false },
  { op: 'TLBI', name: 'VAE2IS', op1: 4, crn: 8, crm: 3, op2: 1, xt: true },
  { op: 'TLBI', name: 'ALLE1IS', op1: 4, crn: 8, crm: 3, op2: 4, xt: false },
  { op: 'TLBI', name: 'VALE2IS', op1: 4, crn: 8, crm: 3, op2: 5, xt: true },
  { op: 'TLBI', name: 'VMALLS12E1IS', op1: 4, crn: 8, crm: 3, op2: 6, xt: false },
  { op: 'TLBI', name: 'IPAS2E1OS', op1: 4, crn: 8, crm: 4, op2: 0, xt: true },
  { op: 'TLBI', name: 'IPAS2E1', op1: 4, crn: 8, crm: 4, op2: 1, xt: true },
  { op: 'TLBI', name: 'RIPAS2E1', op1: 4, crn: 8, crm: 4, op2: 2, xt: true },
  { op: 'TLBI', name: 'RIPAS2E1OS', op1: 4, crn: 8, crm: 4, op2: 3, xt: true },
  { op: 'TLBI', name: 'IPAS2LE1OS', op1: 4, crn: 8, crm: 4, op2: 4, xt: true },
  { op: 'TLBI', name: 'IPAS2LE1', op1: 4, crn: 8, crm: 4, op2: 5, xt: true },
  { op: 'TLBI', name: 'RIPAS2LE1', op1: 4, crn: 8, crm: 4, op2: 6, xt: true },
  { op: 'TLBI', name: 'RIPAS2LE1OS', op1: 4, crn: 8, crm: 4, op2: 7, xt: true },
  { op: 'TLBI', name: 'RVAE2OS', op1: 4, crn: 8, crm: 5, op2: 1, xt: true },
  { op: 'TLBI', name: 'RVALE2OS', op1: 4, crn: 8, crm: 5, op2: 5, xt: true },
  { op: 'TLBI', name: 'RVAE2', op1: 4, crn: 8, crm: 6, op2: 1, xt: true },
  { op: 'TLBI', name: 'RVALE2', op1: 4, crn: 8, crm: 6, op2: 5, xt: true },
  { op: 'TLBI', name: 'ALLE2', op1: 4, crn: 8, crm: 7, op2: 0, xt: false },
  { op: 'TLBI', name: 'VAE2', op1: 4, crn: 8, crm: 7, op2: 1, xt: true },
  { op: 'TLBI', name: 'ALLE1', op1: 4, crn: 8, crm: 7, op2: 4, xt: false },
  { op: 'TLBI', name: 'VALE2', op1: 4, crn: 8, crm: 7, op2: 5, xt: true },
  { op: 'TLBI', name: 'VMALLS12E1', op1: 4, crn: 8, crm: 7, op2: 6, xt: false },
  { op: 'TLBI', name: 'ALLE3OS', op1: 6, crn: 8, crm: 1, op2: 0, xt: false },
  { op: 'TLBI', name: 'VAE3OS', op1: 6, crn: 8, crm: 1, op2: 1, xt: true },
  { op: 'TLBI', name: 'PAALLOS', op1: 6, crn: 8, crm: 1, op2: 4, xt: false },
  { op: 'TLBI', name: 'VALE3OS', op1: 6, crn: 8, crm: 1, op2: 5, xt: true },
  { op: 'TLBI', name: 'RVAE3IS', op1: 6, crn: 8, crm: 2, op2: 1, xt: true },
  { op: 'TLBI', name: 'RVALE3IS', op1: 6, crn: 8, crm: 2, op2: 5, xt: true },
  { op: 'TLBI', name: 'ALLE3IS', op1: 6, crn: 8, crm: 3, op2: 0, xt: false },
  { op: 'TLBI', name: 'VAE3IS', op1: 6, crn: 8, crm: 3, op2: 1, xt: true },
  { op: 'TLBI', name: 'VALE3IS', op1: 6, crn: 8, crm: 3, op2: 5, xt: true },
  { op: 'TLBI', name: 'RPAOS', op1: 6, crn: 8, crm: 4, op2: 3, xt: true },
  { op: 'TLBI', name: 'RPALOS', op1: 6, crn: 8, crm: 4, op2: 7, xt: true },
  { op: 'TLBI', name: 'RVAE3OS', op1: 6, crn: 8, crm: 5, op2: 1, xt: true },
  { op: 'TLBI', name: 'RVALE3OS', op1: 6, crn: 8, crm: 5, op2: 5, xt: true },
  { op: 'TLBI', name: 'RVAE3', op1: 6, crn: 8, crm: 6, op2: 1, xt: true },
  { op: 'TLBI', name: 'RVALE3', op1: 6, crn: 8, crm: 6, op2: 5, xt: true },
  { op: 'TLBI', name: 'ALLE3', op1: 6, crn: 8, crm: 7, op2: 0, xt: false },
  { op: 'TLBI', name: 'VAE3', op1: 6, crn: 8, crm: 7, op2: 1, xt: true },
  { op: 'TLBI', name: 'PAALL', op1: 6, crn: 8, crm: 7, op2: 4, xt: false },
  { op: 'TLBI', name: 'VALE3', op1: 6, crn: 8, crm: 7, op2: 5, xt: true },
  { op: 'CFP', name: 'RCTX', op1: 3, crn: 7, crm: 3, op2: 4, xt: true },
  { op: 'DVP', name: 'RCTX', op1: 3, crn: 7, crm: 3, op2: 5, xt: true },
  { op: 'CPP', name: 'RCTX', op1: 3, crn: 7, crm: 3, op2: 7, xt: true },
];

const byEncoding = new Map<number, SysOp>(SYS_OPS.map((o) => [sysOpKey(o.op1, o.crn, o.crm, o.op2), o]));

function sysOpKey(op1: number, crn: number, crm: number, op2: number): number {
  return (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

/** The named operation of SYS at an encoding, if any. */
export function findSysOp(op1: number, crn: number, crm: number, op2: number): SysOp | undefined {
  return byEncoding.get(sysOpKey(op1, crn, crm, op2));
}

// SysOp(): which alias of SYS an encoding is (the ARM ARM's Sys_AT, Sys_DC, …), or 'SYS' for none.
export function sysOp(op1: number, crn: number, crm: number, op2: number): SysOpKind | 'SYS' {
  return findSysOp(op1, crn, crm, op2)?.op ?? 'SYS';
}
