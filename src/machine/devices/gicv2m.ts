// The GICv2m MSI frame QEMU's virt board puts beside a GICv2 (hw/intc/arm_gicv2m.c): a write of an INTID to
// MSI_SETSPI_NS raises that SPI as an edge; MSI_TYPER tells the guest which SPIs are MSI targets (48-111 on virt).
//
// Binding (lead): attach at VIRT.gicV2m (size 0x1000) with `pulse(n)` = gic.setSpi(n, true) then setSpi(n, false).
import type { Device } from '../bus';

const MSI_TYPER = 0x008, MSI_SETSPI_NS = 0x040, MSI_IIDR = 0xfcc;
/** ProductID 'Q' (QEMU) in MSI_IIDR [31:20]. */
const IIDR = 0x51 << 20;

export class GicV2m implements Device {
  readonly name: string;

  /** SPIs [firstSpi, firstSpi + spis) (SPI numbers, INTID - 32). */
  constructor(private readonly pulse: (spi: number) => void, readonly firstSpi = 48, readonly spis = 64, name = 'gicv2m') {
    this.name = name;
  }

  read(offset: number, size: number): bigint | undefined {
    if (size !== 4) return undefined;
    if (offset === MSI_TYPER) return BigInt(((this.firstSpi + 32) << 16) | this.spis);
    if (offset === MSI_IIDR) return BigInt(IIDR);
    if (offset === MSI_SETSPI_NS || (offset >= 0xfd0 && offset < 0x1000)) return 0n;
    return undefined;
  }

  write(offset: number, size: number, value: bigint): boolean {
    if (offset !== MSI_SETSPI_NS || (size !== 2 && size !== 4)) return offset === MSI_TYPER || offset === MSI_IIDR;
    const spi = (Number(value) & 0x3ff) - 32 - this.firstSpi;
    if (spi >= 0 && spi < this.spis) this.pulse(this.firstSpi + spi);
    return true;
  }

  // No state of its own: an MSI is an edge in the GIC's pending state.
  save(): unknown { return null; }
  restore(): void {}
  reset(): void {}
}
