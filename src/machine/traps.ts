// Trap records: what an EL1 guest's exit to EL2 was and how it ended, the same for the built-in hypervisor's
// exits and for a user hypervisor's data aborts, HVCs and trapped SMCs; and the decoding of the syndromes they carry.

/** Exception classes an EL2 sees from a lower EL (ARM ARM ESR_ELx.EC), in the architecture's words. */
export const EC_NAMES: Readonly<Record<number, string>> = {
  0x00: 'Unknown', 0x01: 'WFx', 0x07: 'FpSimdAccess', 0x0e: 'IllegalState', 0x15: 'SVC64', 0x16: 'HVC64',
  0x17: 'SMC64', 0x18: 'SysRegTrap', 0x20: 'InstructionAbortLowerEl', 0x21: 'InstructionAbortSameEl',
  0x22: 'PcAlignment', 0x24: 'DataAbortLowerEl', 0x25: 'DataAbortSameEl', 0x26: 'SpAlignment', 0x2f: 'SError',
  0x3c: 'BRK64',
};

/** What happened to the trapped access or call. */
export type TrapOutcome = 'emulated' | 'external-abort-injected' | 'no-syndrome' | 'hypercall' | 'psci' | 'idle'
  | 'sysreg-emulated' | 'interrupt' | 'pending' | 'returned' | 'unhandled';

export interface TrapRecord {
  readonly seq: number;
  readonly insnCount: string;
  readonly vcpu: number;
  /** The guest's PC (ELR_EL2) and EL when it trapped. */
  readonly pc: string;
  readonly el: number;
  readonly esr: string;
  readonly ec: string;
  readonly far?: string;
  readonly ipa?: string;
  readonly device?: string;
  readonly direction?: 'read' | 'write';
  readonly width?: number;
  /** X register (or 'xzr') moved by the access. */
  readonly register?: string;
  /** The value written, or returned by a read. */
  value?: string;
  /** HVC/SMC immediate and function id, or the trapped system register. */
  readonly detail?: string;
  outcome: TrapOutcome;
}

/** A register value as the records print it. */
export const hexValue = (v: bigint | number): string => `0x${BigInt.asUintN(64, BigInt(v)).toString(16)}`;

/** The data-abort ISS fields the MMIO emulation needs (ARM ARM ISS encoding for an exception from a Data Abort). */
export interface DataAbortSyndrome {
  readonly isv: boolean;
  /** Access size in bytes (SAS). */
  readonly size: number;
  readonly signExtend: boolean;
  /** SRT: the register transferred. */
  readonly register: number;
  /** SF: a 64-bit register (else W, zero-extended). */
  readonly sixtyFour: boolean;
  readonly write: boolean;
  readonly dfsc: number;
  readonly s1ptw: boolean;
}

export function dataAbortSyndrome(esr: bigint): DataAbortSyndrome {
  const iss = Number(esr & 0x1ffffffn);
  return {
    isv: ((iss >> 24) & 1) === 1,
    size: 1 << ((iss >> 22) & 3),
    signExtend: ((iss >> 21) & 1) === 1,
    register: (iss >> 16) & 31,
    sixtyFour: ((iss >> 15) & 1) === 1,
    write: ((iss >> 6) & 1) === 1,
    dfsc: iss & 0x3f,
    s1ptw: ((iss >> 7) & 1) === 1,
  };
}

/** The register a syndrome's access moves, as the records name it: xN, wN or xzr. */
export function syndromeRegister(s: DataAbortSyndrome): string {
  return s.register === 31 ? 'xzr' : `${s.sixtyFour ? 'x' : 'w'}${s.register}`;
}

/** The IPA of a stage-2 fault: HPFAR_EL2.FIPA (bits 43:4 hold IPA[51:12]) with the page offset from FAR_EL2. */
export function faultIpa(hpfar: bigint, far: bigint): bigint {
  return (((hpfar >> 4n) & 0xffffffffffn) << 12n) | (far & 0xfffn);
}

/** Collects records, numbered in order, and hands each to an optional sink (the JSONL trace, the MMIO panel). */
export class TrapLog {
  readonly records: TrapRecord[] = [];
  private seq = 0;
  sink: ((r: TrapRecord) => void) | undefined;
  /** Records kept in memory; the oldest go first past this. */
  limit = 10000;

  add(r: Omit<TrapRecord, 'seq'>): TrapRecord {
    const rec = { seq: this.seq++, ...r } as TrapRecord;
    this.records.push(rec);
    if (this.records.length > this.limit) this.records.shift();
    return rec;
  }

  /** The record is complete (a read's value known, the outcome decided). */
  done(r: TrapRecord): void { this.sink?.(r); }
}

/** The core state the recorder reads (a subset of src/machine/core.ts Core). */
export interface RecorderCore {
  readonly pc: bigint;
  readonly pstate: number;
  readonly insnCount: bigint;
  getX(n: number): bigint;
  getSysreg(index: number): bigint;
}

/** System-register indices the recorder reads. */
export interface RecorderRegs { readonly ESR_EL2: number; readonly FAR_EL2: number; readonly HPFAR_EL2: number; readonly ELR_EL2: number; readonly SPSR_EL2: number }

/**
 * Records the data aborts a user's own EL2 takes from a lower EL (`--hypervisor none`), as the built-in hypervisor
 * records its exits: opened when the exception is taken, completed when their handler returns to the guest (the
 * value a read gave the guest's register, and whether the access was emulated or retried).
 */
export class El2ExitRecorder {
  private readonly open = new Map<number, { rec: TrapRecord; elr: bigint; register: number; write: boolean; call: boolean }>();

  constructor(private readonly log: TrapLog, private readonly regs: RecorderRegs, private readonly deviceAt: (ipa: bigint, size: number) => string | undefined) {}

  /** An exception was taken to EL2 by vCPU `vcpu` (from EL `fromEL`). */
  exceptionTaken(core: RecorderCore, vcpu: number, fromEL: number): void {
    if (fromEL >= 2) return;
    const esr = core.getSysreg(this.regs.ESR_EL2);
    const ec = Number((esr >> 26n) & 0x3fn);
    const elr = core.getSysreg(this.regs.ELR_EL2);
    const common = { insnCount: core.insnCount.toString(), vcpu, el: fromEL, esr: hexValue(esr), ec: EC_NAMES[ec], outcome: 'pending' as const };
    if (ec === 0x16 || ec === 0x17) {
      // HVC's preferred return address is the next instruction: the record names the HVC itself.
      const rec = this.log.add({
        ...common, pc: hexValue(ec === 0x16 ? elr - 4n : elr), detail: `imm 0x${(esr & 0xffffn).toString(16)} function ${hexValue(core.getX(0))}`,
      });
      this.opened(vcpu, { rec, elr, register: 0, write: false, call: true });
      return;
    }
    if (ec !== 0x24) return;
    const far = core.getSysreg(this.regs.FAR_EL2);
    const ipa = faultIpa(core.getSysreg(this.regs.HPFAR_EL2), far);
    const s = dataAbortSyndrome(esr);
    const rec = this.log.add({
      ...common, pc: hexValue(elr), far: hexValue(far), ipa: hexValue(ipa), device: this.deviceAt(ipa, s.size),
      direction: s.write ? 'write' : 'read', width: s.size * 8, register: s.isv ? syndromeRegister(s) : undefined,
      value: s.isv && s.write ? hexValue(s.register === 31 ? 0n : BigInt.asUintN(s.size * 8, core.getX(s.register))) : undefined,
    });
    this.opened(vcpu, { rec, elr, register: s.isv ? s.register : -1, write: s.write, call: false });
  }

  private opened(vcpu: number, o: { rec: TrapRecord; elr: bigint; register: number; write: boolean; call: boolean }): void {
    const pending = this.open.get(vcpu);
    if (pending) this.finish(vcpu, pending.rec, 'unhandled');
    this.open.set(vcpu, o);
  }

  /** vCPU `vcpu` executed an exception return; a return below EL2 completes its open record. */
  exceptionReturned(core: RecorderCore, vcpu: number): void {
    const o = this.open.get(vcpu);
    if (!o || ((core.pstate >> 2) & 3) >= 2) return;
    if (!o.write && o.register >= 0 && o.register !== 31) o.rec.value = hexValue(core.getX(o.register));
    // A call's result is its X0; a data abort retried (ELR unchanged) was not emulated.
    this.finish(vcpu, o.rec, o.call ? 'hypercall' : core.pc === o.elr + 4n ? 'emulated' : 'returned');
  }

  /** The run ended: records EL2 never returned from (a SYSTEM_OFF it performed) are complete as they are. */
  closeAll(): void {
    for (const [vcpu, o] of this.open) this.finish(vcpu, o.rec, 'pending');
  }

  private finish(vcpu: number, rec: TrapRecord, outcome: TrapOutcome): void {
    rec.outcome = outcome;
    this.open.delete(vcpu);
    this.log.done(rec);
  }
}
