// GICv3 redistributors: one 0x20000 frame per CPU (RD_base, then SGI_base at +0x10000) holding that CPU's SGI
// and PPI state, GICR_TYPER (affinity, processor number, Last) and the GICR_WAKER power handshake. No LPIs.
import type { GicV3 } from './gicv3';
import { GICV3_ID, GICV3_IIDR, NR_INTERNAL } from './gicv3';

const WAKER_PROCESSOR_SLEEP = 1 << 1, WAKER_CHILDREN_ASLEEP = 1 << 2;

/** GICR_TYPER: Affinity [63:32], Processor_Number [23:8], Last [4]. */
export function gicrTyper(gic: GicV3, cpu: number): bigint {
  return (BigInt(gic.affinity(cpu)) << 32n) | BigInt(cpu << 8) | (cpu === gic.cpus - 1 ? 1n << 4n : 0n);
}

export function redistRead(gic: GicV3, cpu: number, offset: number, size: number): bigint | undefined {
  if (offset >= 0x10000) return gic.irqRegRead(cpu, offset - 0x10000, size, 0, NR_INTERNAL);
  if (offset === 0x08 || offset === 0x0c) {
    const typer = gicrTyper(gic, cpu);
    if (size === 8 && offset === 0x08) return typer;
    if (size === 4) return offset === 0x08 ? typer & 0xffffffffn : typer >> 32n;
    return undefined;
  }
  if (offset >= 0xffd0 && offset < 0x10000) return size === 4 ? BigInt(GICV3_ID[(offset - 0xffd0) >> 2]) : undefined;
  if (size !== 4 && !(size === 8 && (offset === 0x70 || offset === 0x78))) return undefined;
  switch (offset) {
    case 0x00: return 2n; // GICR_CTLR: CES as QEMU reports it; no LPIs, writes complete at once (RWP = 0)
    case 0x04: return BigInt(GICV3_IIDR);
    case 0x10: return 0n;
    case 0x14: return BigInt(gic.s.sleep[cpu] ? WAKER_PROCESSOR_SLEEP | WAKER_CHILDREN_ASLEEP : 0);
    case 0x70: case 0x78: return 0n; // PROPBASER, PENDBASER: no LPIs
    default: return undefined;
  }
}

export function redistWrite(gic: GicV3, cpu: number, offset: number, size: number, value: bigint): boolean {
  if (offset >= 0x10000) return gic.irqRegWrite(cpu, offset - 0x10000, size, value, 0, NR_INTERNAL);
  if (offset >= 0xffd0 && offset < 0x10000) return true;
  switch (offset) {
    case 0x14:
      // ChildrenAsleep follows ProcessorSleep at once: there is no power controller to wait for.
      gic.s.sleep[cpu] = (Number(value) & WAKER_PROCESSOR_SLEEP) !== 0;
      return true;
    case 0x00: case 0x04: case 0x08: case 0x0c: case 0x10: case 0x70: case 0x78: return true;
    default: return false;
  }
}
