// The board's physical address map: devices claim [base, base+size) windows and the core's non-RAM accesses
// (the Bus of src/machine/core.ts) are dispatched to them as (offset, size), with an optional access observer.
//
// Binding (lead): `new MemoryMap({ unimplementedRegister: 'raz-wi' })`, attach each device at its virt base, pass
// the map to Core.load(map). The observer sees every access (trap records, MMIO panel); `save()`/`restore()`
// snapshot every attached device by name.

/** A memory-mapped device. Offsets are relative to the device's base; values are zero-extended to `size` bytes. */
export interface Device {
  readonly name: string;
  /** undefined: no register at this offset (the map applies its unimplementedRegister policy). */
  read(offset: number, size: number): bigint | undefined;
  /** false: no register at this offset. */
  write(offset: number, size: number, value: bigint): boolean;
  /** A JSON-serialisable snapshot of all guest-visible state. */
  save(): unknown;
  restore(state: unknown): void;
  /** Back to the power-on state. */
  reset(): void;
}

export type AccessDirection = 'read' | 'write';

/** One access as the observer sees it: `ok` false means the guest gets an external abort. */
export interface AccessEvent {
  readonly device: string | undefined;
  readonly pa: bigint;
  readonly size: number;
  readonly direction: AccessDirection;
  /** The value written, or the value returned by a read (0 when the read aborts). */
  readonly value: bigint;
  readonly ok: boolean;
}

export type AccessObserver = (event: AccessEvent) => void;

export interface MemoryMapOptions {
  /**
   * What an access to a claimed window with no register behind it does: 'raz-wi' (read as zero, writes ignored,
   * as most QEMU devices do after logging a guest error) or 'abort' (a synchronous external abort).
   */
  unimplementedRegister?: 'raz-wi' | 'abort';
  observer?: AccessObserver;
}

export class BusError extends Error {}

interface Window { readonly base: bigint; readonly end: bigint; readonly device: Device }

const hex = (v: bigint): string => `0x${v.toString(16)}`;

export class MemoryMap {
  private readonly windows: Window[] = [];
  private readonly razWi: boolean;
  observer: AccessObserver | undefined;

  constructor(options: MemoryMapOptions = {}) {
    this.razWi = (options.unimplementedRegister ?? 'raz-wi') === 'raz-wi';
    this.observer = options.observer;
  }

  /** Claims [base, base+size) for the device; an overlap with an earlier claim or a duplicate name is an error. */
  attach(base: bigint, size: bigint, device: Device): void {
    if (size <= 0n) throw new BusError(`${device.name}: empty window at ${hex(base)}`);
    const end = base + size;
    for (const w of this.windows) {
      if (w.device.name === device.name) throw new BusError(`a device named ${device.name} is already attached`);
      if (base < w.end && w.base < end) {
        throw new BusError(`${device.name} at ${hex(base)}-${hex(end)} overlaps ${w.device.name} at ${hex(w.base)}-${hex(w.end)}`);
      }
    }
    this.windows.push({ base, end, device });
    this.windows.sort((a, b) => (a.base < b.base ? -1 : 1));
  }

  /** The device claiming pa and its offset; an access must lie wholly inside one window. */
  lookup(pa: bigint, size = 1): { device: Device; offset: number } | undefined {
    for (const w of this.windows) {
      if (pa >= w.base && pa + BigInt(size) <= w.end) return { device: w.device, offset: Number(pa - w.base) };
    }
    return undefined;
  }

  get devices(): readonly Device[] { return this.windows.map((w) => w.device); }

  read(pa: bigint, size: number): bigint | undefined {
    const hit = this.lookup(pa, size);
    let value = hit?.device.read(hit.offset, size);
    if (hit && value === undefined && this.razWi) value = 0n;
    if (value !== undefined) value = BigInt.asUintN(size * 8, value);
    this.observer?.({ device: hit?.device.name, pa, size, direction: 'read', value: value ?? 0n, ok: value !== undefined });
    return value;
  }

  write(pa: bigint, size: number, value: bigint): boolean {
    const hit = this.lookup(pa, size);
    const v = BigInt.asUintN(size * 8, value);
    const ok = hit !== undefined && (hit.device.write(hit.offset, size, v) || this.razWi);
    this.observer?.({ device: hit?.device.name, pa, size, direction: 'write', value: v, ok });
    return ok;
  }

  reset(): void { for (const w of this.windows) w.device.reset(); }

  save(): Record<string, unknown> {
    return Object.fromEntries(this.windows.map((w) => [w.device.name, w.device.save()]));
  }

  restore(state: Record<string, unknown>): void {
    for (const w of this.windows) {
      if (!(w.device.name in state)) throw new BusError(`snapshot has no state for ${w.device.name}`);
      w.device.restore(state[w.device.name]);
    }
  }
}
