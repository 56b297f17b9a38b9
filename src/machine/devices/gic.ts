// What the board sees of either interrupt controller (GICv2 or GICv3): interrupt inputs from devices, per-CPU
// output lines to the cores, the CPU that performs the current access, and the MMIO frames to attach.
import type { Device } from '../bus';

/** The four lines a GIC drives into each core (virtual ones only with the virtualization extension). */
export type GicLine = 'irq' | 'fiq' | 'virq' | 'vfiq';
/** Called when a line changes level. */
export type GicOutput = (cpu: number, line: GicLine, level: boolean) => void;

/** PPI numbers as the DTB's interrupts property gives them (INTID = 16 + n). */
export const PPI_MAINTENANCE = 9, PPI_HYP_TIMER = 10, PPI_VIRT_TIMER = 11, PPI_SEC_PHYS_TIMER = 13, PPI_PHYS_TIMER = 14;

export interface InterruptController {
  readonly version: 2 | 3;
  readonly cpus: number;
  /**
   * The vCPU whose accesses follow (banked registers of GICv2, GICv2 SGIR sources). The scheduler sets it before
   * running a vCPU; GICv3 register accesses name the CPU themselves (redistributor frames, the ICC_* API).
   */
  currentCpu: number;
  /** Shared peripheral interrupt input n (INTID 32 + n, as the DTB numbers SPIs). */
  setSpi(n: number, level: boolean): void;
  /** Private peripheral interrupt input n of one CPU (INTID 16 + n, as the DTB numbers PPIs). */
  setPpi(cpu: number, n: number, level: boolean): void;
  /** The MMIO frames and their offsets from the GIC's base in the virt map. */
  readonly frames: readonly { readonly base: bigint; readonly size: bigint; readonly device: Device }[];
  save(): unknown;
  restore(state: unknown): void;
  reset(): void;
}

/** A frame whose state lives in its controller: the controller's snapshot travels with one frame only. */
export function frameDevice(name: string, owner: { save(): unknown; restore(s: unknown): void; reset(): void } | undefined,
  read: (offset: number, size: number) => bigint | undefined, write: (offset: number, size: number, value: bigint) => boolean): Device {
  return {
    name,
    read,
    write,
    save: () => (owner ? owner.save() : null),
    restore: (s: unknown) => owner?.restore(s),
    reset: () => owner?.reset(),
  };
}

/** Lowest set bit of a 32-bit word, or 32. */
export const ctz32 = (v: number): number => (v === 0 ? 32 : 31 - Math.clz32(v & -v));
