// PSCI 1.1 firmware (Arm DEN 0022) as QEMU's target/arm/psci.c implements it, over an abstract platform: decodes
// the SMCCC function id in x0, applies the call's semantics and returns what goes back in x0.
//
// Binding (lead): when an HVC or SMC (the conduit the DTB's psci `method` names) has `isPsciCall(x0)`, call
// `psciCall(platform, caller, [x0, x1, x2, x3])`; write `result.x0` to the caller's X0 unless `result.x0` is
// undefined (CPU_OFF, SYSTEM_OFF and SYSTEM_RESET do not return). PsciPlatform is implemented by the SMP scheduler.

export const PSCI_VERSION = 0x84000000, PSCI_CPU_SUSPEND = 0x84000001, PSCI_CPU_OFF = 0x84000002,
  PSCI_CPU_ON = 0x84000003, PSCI_AFFINITY_INFO = 0x84000004, PSCI_MIGRATE = 0x84000005,
  PSCI_MIGRATE_INFO_TYPE = 0x84000006, PSCI_MIGRATE_INFO_UP_CPU = 0x84000007, PSCI_SYSTEM_OFF = 0x84000008,
  PSCI_SYSTEM_RESET = 0x84000009, PSCI_FEATURES = 0x8400000a, PSCI_SYSTEM_SUSPEND = 0x8400000e,
  PSCI_SYSTEM_RESET2 = 0x84000012;
/** SMC64/HVC64 variants: bit 30 of the function id (SMCCC "SMC64"). */
export const SMC64 = 0x40000000;

/** Return codes (DEN 0022, table 6). */
export const PSCI_SUCCESS = 0, PSCI_NOT_SUPPORTED = -1, PSCI_INVALID_PARAMETERS = -2, PSCI_DENIED = -3,
  PSCI_ALREADY_ON = -4, PSCI_ON_PENDING = -5, PSCI_INTERNAL_FAILURE = -6, PSCI_NOT_PRESENT = -7, PSCI_DISABLED = -8,
  PSCI_INVALID_ADDRESS = -9;

/** PSCI 1.1: major 1 in bits [31:16], minor 1. */
export const PSCI_VERSION_1_1 = 0x00010001;
/** MIGRATE_INFO_TYPE: no Trusted OS, nothing to migrate. */
export const TOS_NOT_PRESENT_MP = 2;

/** The affinity fields of an MPIDR (Aff3, Aff2.Aff1.Aff0), by which PSCI names CPUs. */
export const MPIDR_AFFINITY = 0xff00ffffffn;

export type CpuPowerState = 'on' | 'off' | 'on-pending';
/** AFFINITY_INFO's encoding of the power states. */
const AFFINITY_STATE: Record<CpuPowerState, number> = { on: 0, off: 1, 'on-pending': 2 };

/** What the board offers PSCI: power control of the vCPUs and of the system. */
export interface PsciPlatform {
  /** The power state of the CPU with this MPIDR (affinity fields only), or undefined when there is none. */
  cpuState(mpidr: bigint): CpuPowerState | undefined;
  /**
   * Power the CPU on: it starts at `entry` in the highest non-secure EL with MMU and caches off, DAIF masked and
   * X0 = contextId (DEN 0022 6.4). Called only when cpuState() is 'off'; the platform may report 'on-pending' until
   * the CPU runs.
   */
  cpuOn(mpidr: bigint, entry: bigint, contextId: bigint, aarch64: boolean): void;
  /** Power the calling CPU down; it runs again only after a CPU_ON. */
  cpuOff(caller: number): void;
  /** Standby: the caller waits for an interrupt (as WFI) and then returns from the call with X0 = SUCCESS. */
  cpuSuspend(caller: number, powerState: number): void;
  systemOff(): void;
  systemReset(): void;
}

export interface PsciCaller {
  /** Index of the calling vCPU (what cpuOff/cpuSuspend receive). */
  readonly cpu: number;
  /** The caller executes in AArch64 state (always, on this CPU model; kept for the SMC64 checks). */
  readonly aarch64: boolean;
}

export interface PsciResult {
  /** The value for X0; undefined when the call does not return to the caller. */
  readonly x0: bigint | undefined;
}

const ret = (code: number): PsciResult => ({ x0: BigInt.asUintN(64, BigInt(code)) });

/** The PSCI function-id ranges (SMCCC standard secure service calls 0x00-0x1F, 32- and 64-bit). */
export function isPsciCall(functionId: bigint): boolean {
  const fid = Number(functionId & 0xffffffffn);
  return ((fid & ~SMC64 & ~0x1f) >>> 0) === PSCI_VERSION;
}

/** Functions this firmware implements; the 64-bit ids only for AArch64 callers. */
const IMPLEMENTED_32 = new Set([PSCI_VERSION, PSCI_CPU_SUSPEND, PSCI_CPU_OFF, PSCI_CPU_ON, PSCI_AFFINITY_INFO,
  PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, PSCI_FEATURES]);
const IMPLEMENTED_64 = new Set([PSCI_CPU_SUSPEND, PSCI_CPU_ON, PSCI_AFFINITY_INFO].map((f) => (f | SMC64) >>> 0));

/** Executes one PSCI call; regs are the caller's X0-X3. 32-bit calls see their arguments truncated to W registers. */
export function psciCall(platform: PsciPlatform, caller: PsciCaller, regs: readonly bigint[]): PsciResult {
  const fid = Number(regs[0] & 0xffffffffn);
  const is64 = (fid & SMC64) !== 0;
  if (is64 && !caller.aarch64) return ret(PSCI_NOT_SUPPORTED);
  const arg = (i: number): bigint => (is64 ? regs[i] ?? 0n : (regs[i] ?? 0n) & 0xffffffffn);
  switch ((fid & ~SMC64) >>> 0) {
    case PSCI_VERSION: return is64 ? ret(PSCI_NOT_SUPPORTED) : ret(PSCI_VERSION_1_1);
    case PSCI_MIGRATE_INFO_TYPE: return is64 ? ret(PSCI_NOT_SUPPORTED) : ret(TOS_NOT_PRESENT_MP);
    case PSCI_FEATURES: {
      if (is64) return ret(PSCI_NOT_SUPPORTED);
      const queried = Number(arg(1));
      const ok = IMPLEMENTED_32.has(queried) || (caller.aarch64 && IMPLEMENTED_64.has(queried));
      return ret(ok ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED);
    }
    case PSCI_CPU_ON: {
      const mpidr = arg(1) & MPIDR_AFFINITY;
      const state = platform.cpuState(mpidr);
      if (state === undefined) return ret(PSCI_INVALID_PARAMETERS);
      if (state === 'on') return ret(PSCI_ALREADY_ON);
      if (state === 'on-pending') return ret(PSCI_ON_PENDING);
      platform.cpuOn(mpidr, arg(2), arg(3), caller.aarch64);
      return ret(PSCI_SUCCESS);
    }
    case PSCI_AFFINITY_INFO: {
      // Levels above 0 (clusters) are always on, as in QEMU; levels beyond 3 do not exist.
      const level = Number(arg(2));
      if (level > 3) return ret(PSCI_INVALID_PARAMETERS);
      if (level !== 0) return ret(AFFINITY_STATE.on);
      const state = platform.cpuState(arg(1) & MPIDR_AFFINITY);
      return state === undefined ? ret(PSCI_INVALID_PARAMETERS) : ret(AFFINITY_STATE[state]);
    }
    case PSCI_CPU_SUSPEND: {
      // Only standby (no power-down states, no affinity levels): QEMU rejects any power_state bit above 16.
      const powerState = Number(arg(1) & 0xffffffffn);
      if ((powerState & 0xfffe0000) !== 0) return ret(PSCI_INVALID_PARAMETERS);
      platform.cpuSuspend(caller.cpu, powerState);
      return ret(PSCI_SUCCESS);
    }
    case PSCI_CPU_OFF:
      if (is64) return ret(PSCI_NOT_SUPPORTED);
      platform.cpuOff(caller.cpu);
      return { x0: undefined };
    case PSCI_SYSTEM_OFF:
      if (is64) return ret(PSCI_NOT_SUPPORTED);
      platform.systemOff();
      return { x0: undefined };
    case PSCI_SYSTEM_RESET:
      if (is64) return ret(PSCI_NOT_SUPPORTED);
      platform.systemReset();
      return { x0: undefined };
    default:
      return ret(PSCI_NOT_SUPPORTED);
  }
}
