// Arm PrimeCell UART (PL011) as QEMU's hw/char/pl011.c models it: transmission is instantaneous, the receive
// FIFO holds 16 characters (1 with LCR_H.FEN clear), the RX interrupt fires at the first character.
//
// Binding (lead): attach at 0x09000000 (size 0x1000); `onTransmit(byte)` gets every byte written to UARTDR;
// `onInterrupt(level)` drives SPI 1 (GIC INTID 33) and is called when the combined UARTINTR line changes;
// host console input goes in with `pushInput(bytes)` (bytes that do not fit wait and enter the FIFO as the
// guest reads, like a character backend that QEMU asks again through accept_input).
import type { Device } from '../bus';

/** UARTFR bits. BUSY and TXFF never set: a write to UARTDR completes at once. */
export const FR_RXFE = 1 << 4, FR_TXFF = 1 << 5, FR_RXFF = 1 << 6, FR_TXFE = 1 << 7;
/** Interrupt bits shared by UARTRIS, UARTMIS, UARTIMSC and UARTICR. */
export const INT_RI = 1 << 0, INT_CTS = 1 << 1, INT_DCD = 1 << 2, INT_DSR = 1 << 3, INT_RX = 1 << 4, INT_TX = 1 << 5,
  INT_RT = 1 << 6, INT_FE = 1 << 7, INT_PE = 1 << 8, INT_BE = 1 << 9, INT_OE = 1 << 10;
const LCR_H_FEN = 1 << 4;
const FIFO_DEPTH = 16;
/** UARTPeriphID0-3, UARTPCellID0-3 at 0xFE0-0xFFC (the Arm PL011 r1p5 values QEMU reports). */
const ID = [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1];

/** Register offsets (PL011 TRM, table 3-1). */
export const UARTDR = 0x000, UARTRSR = 0x004, UARTFR = 0x018, UARTILPR = 0x020, UARTIBRD = 0x024, UARTFBRD = 0x028,
  UARTLCR_H = 0x02c, UARTCR = 0x030, UARTIFLS = 0x034, UARTIMSC = 0x038, UARTRIS = 0x03c, UARTMIS = 0x040,
  UARTICR = 0x044, UARTDMACR = 0x048;

interface Pl011State {
  flags: number; lcr: number; rsr: number; cr: number; dmacr: number; intEnabled: number; intLevel: number;
  ilpr: number; ibrd: number; fbrd: number; ifl: number; readFifo: number[]; readPos: number; readCount: number;
  pending: number[];
}

export interface Pl011Options {
  name?: string;
  onTransmit?: (byte: number) => void;
  onInterrupt?: (level: boolean) => void;
}

export class Pl011 implements Device {
  readonly name: string;
  onTransmit: (byte: number) => void;
  onInterrupt: (level: boolean) => void;
  private s!: Pl011State;
  private irqLevel = false;

  constructor(options: Pl011Options = {}) {
    this.name = options.name ?? 'pl011';
    this.onTransmit = options.onTransmit ?? (() => {});
    this.onInterrupt = options.onInterrupt ?? (() => {});
    this.reset();
  }

  reset(): void {
    this.s = {
      flags: 0, lcr: 0, rsr: 0, cr: 0x300, dmacr: 0, intEnabled: 0, intLevel: 0, ilpr: 0, ibrd: 0, fbrd: 0, ifl: 0x12,
      readFifo: new Array(FIFO_DEPTH).fill(0), readPos: 0, readCount: 0, pending: [],
    };
    this.resetFifo();
  }

  /** The level of UARTINTR (the OR of the masked interrupts). */
  get interruptLevel(): boolean { return this.irqLevel; }

  /** Host input: enters the receive FIFO now as far as it has room, the rest as the guest drains it. */
  pushInput(bytes: Iterable<number>): void {
    for (const b of bytes) this.s.pending.push(b & 0xff);
    this.drainPending();
  }

  read(offset: number, _size: number): bigint | undefined {
    const s = this.s;
    switch (offset >> 2) {
      case UARTDR >> 2: {
        s.flags &= ~FR_RXFF;
        const c = s.readFifo[s.readPos];
        if (s.readCount > 0) {
          s.readCount--;
          s.readPos = (s.readPos + 1) & (this.fifoDepth() - 1);
        }
        if (s.readCount === 0) s.flags |= FR_RXFE;
        // The read trigger is one character (QEMU ignores IFLS), so the RX interrupt clears with an empty FIFO.
        if (s.readCount === 0) s.intLevel &= ~INT_RX;
        s.rsr = c >> 8;
        this.update();
        this.drainPending();
        return BigInt(c);
      }
      case UARTRSR >> 2: return BigInt(s.rsr);
      case UARTFR >> 2: return BigInt(s.flags);
      case UARTILPR >> 2: return BigInt(s.ilpr);
      case UARTIBRD >> 2: return BigInt(s.ibrd);
      case UARTFBRD >> 2: return BigInt(s.fbrd);
      case UARTLCR_H >> 2: return BigInt(s.lcr);
      case UARTCR >> 2: return BigInt(s.cr);
      case UARTIFLS >> 2: return BigInt(s.ifl);
      case UARTIMSC >> 2: return BigInt(s.intEnabled);
      case UARTRIS >> 2: return BigInt(s.intLevel);
      case UARTMIS >> 2: return BigInt(s.intLevel & s.intEnabled);
      case UARTDMACR >> 2: return BigInt(s.dmacr);
      default:
        if (offset >= 0xfe0 && offset < 0x1000) return BigInt(ID[(offset - 0xfe0) >> 2]);
        return undefined;
    }
  }

  write(offset: number, _size: number, value: bigint): boolean {
    const s = this.s;
    const v = Number(value & 0xffffffffn);
    switch (offset >> 2) {
      case UARTDR >> 2:
        this.onTransmit(v & 0xff);
        s.intLevel |= INT_TX;
        this.update();
        return true;
      case UARTRSR >> 2: s.rsr = 0; return true; // UARTECR: any write clears the error bits
      case UARTFR >> 2: return true; // read-only, writes ignored as in QEMU
      case UARTILPR >> 2: s.ilpr = v; return true;
      case UARTIBRD >> 2: s.ibrd = v; return true;
      case UARTFBRD >> 2: s.fbrd = v; return true;
      case UARTLCR_H >> 2:
        if ((s.lcr ^ v) & LCR_H_FEN) this.resetFifo();
        s.lcr = v;
        this.drainPending();
        return true;
      case UARTCR >> 2: s.cr = v; return true;
      case UARTIFLS >> 2: s.ifl = v; return true;
      case UARTIMSC >> 2: s.intEnabled = v; this.update(); return true;
      case UARTICR >> 2: s.intLevel &= ~v; this.update(); return true;
      case UARTDMACR >> 2: s.dmacr = v; return true;
      default: return false;
    }
  }

  save(): unknown { return structuredClone(this.s); }

  restore(state: unknown): void {
    this.s = structuredClone(state as Pl011State);
    this.update();
  }

  private fifoDepth(): number { return (this.s.lcr & LCR_H_FEN) !== 0 ? FIFO_DEPTH : 1; }

  /** Empties both FIFOs; an empty transmit FIFO raises TXRIS (QEMU 7.2 as Debian ships it, at reset and on FEN changes). */
  private resetFifo(): void {
    const s = this.s;
    s.readCount = 0;
    s.readPos = 0;
    s.flags = (s.flags & ~(FR_RXFF | FR_TXFF)) | FR_RXFE | FR_TXFE;
    s.intLevel |= INT_TX;
    this.update();
  }

  private drainPending(): void {
    const s = this.s;
    while (s.pending.length > 0 && s.readCount < this.fifoDepth()) {
      const depth = this.fifoDepth();
      s.readFifo[(s.readPos + s.readCount) & (depth - 1)] = s.pending.shift()!;
      s.readCount++;
      s.flags &= ~FR_RXFE;
      if (s.readCount === depth) s.flags |= FR_RXFF;
      if (s.readCount === 1) {
        s.intLevel |= INT_RX;
        this.update();
      }
    }
  }

  private update(): void {
    const level = (this.s.intLevel & this.s.intEnabled) !== 0;
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.onInterrupt(level);
    }
  }
}
