// Puts a guest image into the machine's memory: ELF64 PT_LOAD segments at their physical addresses.
import { Elf, PT_LOAD } from './elf';

/** The image cannot be placed (e.g. a segment outside RAM): one clear line for the user. */
export class LoadError extends Error {}

export interface GuestMemoryWriter {
  writeBytes(pa: bigint, bytes: Uint8Array): void;
}

export interface RamRange { readonly base: bigint; readonly size: bigint; }

export interface LoadedImage {
  readonly entry: bigint;
  /** First byte past the highest loaded segment (where a heap may start). */
  readonly end: bigint;
}

export function loadElf(elf: Elf, mem: GuestMemoryWriter, ram: RamRange): LoadedImage {
  const segments = elf.segments.filter((s) => s.type === PT_LOAD && s.memsz > 0);
  if (segments.length === 0) throw new LoadError('the ELF file has no loadable segment');
  let end = 0n;
  for (const s of segments) {
    const last = s.paddr + BigInt(s.memsz);
    if (s.paddr < ram.base || last > ram.base + ram.size) {
      throw new LoadError(`segment at 0x${s.paddr.toString(16)}-0x${last.toString(16)} lies outside RAM ` +
        `0x${ram.base.toString(16)}-0x${(ram.base + ram.size).toString(16)} (link the guest for RAM at 0x40000000, or raise --memory)`);
    }
    mem.writeBytes(s.paddr, elf.data.subarray(s.offset, s.offset + s.filesz));
    if (s.memsz > s.filesz) mem.writeBytes(s.paddr + BigInt(s.filesz), new Uint8Array(s.memsz - s.filesz));
    if (last > end) end = last;
  }
  return { entry: elf.entry, end };
}
