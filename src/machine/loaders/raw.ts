// Raw binaries: bytes copied to an address unchanged, as QEMU's -kernel does (at RAM base + 0x80000) for a file
// that is neither ELF nor a Linux Image, and as `loader` devices do for a binary at a given address.
import { GuestMemoryWriter, LoadError, RamRange } from './load';
import { KERNEL64_LOAD_OFFSET } from './image';

export const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** Copies bytes to [address, address+length), which must lie in RAM; returns the first byte past them. */
export function loadRaw(bytes: Uint8Array, mem: GuestMemoryWriter, ram: RamRange, address: bigint, what = 'raw image'): bigint {
  const end = address + BigInt(bytes.length);
  if (address < ram.base || end > ram.base + ram.size) {
    throw new LoadError(`${what} of ${bytes.length} bytes at ${hex(address)}-${hex(end)} does not fit in RAM ` +
      `${hex(ram.base)}-${hex(ram.base + ram.size)} (raise --memory)`);
  }
  mem.writeBytes(address, bytes);
  return end;
}

/** Where QEMU's -kernel puts a raw binary: RAM base + 0x80000 (0x40080000 on virt). */
export const rawKernelAddress = (ram: RamRange): bigint => ram.base + KERNEL64_LOAD_OFFSET;
