// `-kernel` as QEMU's hw/arm/boot.c does it on an AArch64 board: an ELF at its physical addresses, else a Linux
// arm64 Image (gzip allowed) at RAM base + text_offset, else raw bytes at RAM base + 0x80000; then the initrd and
// the DTB placed where QEMU puts them.
//
// Binding (lead): `loadKernel(bytes, ramWriter, { ram, initrd, dtbSize })`, then write the DTB at `dtb.address`
// (after setting chosen's linux,initrd-start/end from `initrd`). Linux-style boots (`linux` true) start with
// X0 = DTB address, X1-X3 = 0 at `entry` (booting.rst); an ELF starts at `entry` with X0 = 0, as QEMU does.
import { gunzipSync } from 'node:zlib';
import { Elf, ElfError, PT_LOAD } from './elf';
import { GuestMemoryWriter, LoadError, RamRange, loadElf } from './load';
import { arm64ImagePlacement, isArm64Image } from './image';
import { hex, loadRaw, rawKernelAddress } from './raw';

export type KernelKind = 'elf' | 'image' | 'raw';

export interface KernelOptions {
  ram: RamRange;
  initrd?: Uint8Array;
  /** Size of the DTB to be placed, to check that it fits (QEMU fails the same way). */
  dtbSize?: number;
}

export interface LoadedKernel {
  readonly kind: KernelKind;
  readonly entry: bigint;
  /** The loaded image's extent. */
  readonly start: bigint;
  readonly end: bigint;
  /** A Linux-style boot: X0 holds the DTB address at entry. */
  readonly linux: boolean;
  /** Where the DTB goes, and the highest address it may reach; undefined when QEMU would put it outside RAM. */
  readonly dtb?: { readonly address: bigint; readonly limit: bigint };
  readonly initrd?: { readonly start: bigint; readonly end: bigint };
  /** Things QEMU does silently that a user may want to know (e.g. an initrd ignored for an ELF kernel). */
  readonly notes: string[];
}

const MiB = 0x100000n;
const PAGE = 0x1000n;
const alignUp = (v: bigint, a: bigint): bigint => (v + a - 1n) & -a;

export function loadKernel(bytes: Uint8Array, mem: GuestMemoryWriter, opts: KernelOptions): LoadedKernel {
  const { ram } = opts;
  const ramEnd = ram.base + ram.size;
  const notes: string[] = [];
  if (bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) {
    let elf: Elf;
    try {
      elf = new Elf(bytes);
    } catch (e) {
      throw new LoadError(e instanceof ElfError ? e.message : String(e));
    }
    const image = loadElf(elf, mem, ram);
    const start = elf.segments.filter((s) => s.type === PT_LOAD && s.memsz > 0).reduce((m, s) => (s.paddr < m ? s.paddr : m), image.end);
    // Room below the image: QEMU puts the DTB at the base of RAM, limited by the image; otherwise at 0 (flash).
    const dtb = start > ram.base || image.end < ram.base ? { address: ram.base, limit: start > ram.base ? start : ramEnd } : undefined;
    if (!dtb) notes.push('the ELF starts at the base of RAM: QEMU would place the DTB in flash at 0, outside RAM');
    if (opts.initrd) notes.push('an initrd is ignored for an ELF kernel, as QEMU does');
    checkDtb(dtb, opts.dtbSize);
    return { kind: 'elf', entry: image.entry, start, end: image.end, linux: false, dtb, notes };
  }

  let kind: KernelKind = 'raw';
  let payload = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    // AArch64 kernels are decompressed by the bootloader (QEMU: load_image_gzipped_buffer).
    try {
      payload = gunzipSync(bytes);
    } catch (e) {
      throw new LoadError(`the kernel looks gzip-compressed but does not decompress: ${(e as Error).message}`);
    }
  }
  let offset = rawKernelAddress(ram) - ram.base;
  let size = BigInt(payload.length);
  if (isArm64Image(payload)) {
    kind = 'image';
    ({ offset, size } = arm64ImagePlacement(payload));
  }
  if (size > ram.size) throw new LoadError(`the kernel (${size} bytes) is larger than RAM (${ram.size} bytes)`);
  const start = ram.base + offset;
  loadRaw(payload, mem, ram, start, kind === 'image' ? 'Linux Image' : 'raw kernel');
  const end = start + size;

  let initrdStart = ram.base + (ram.size / 2n < 128n * MiB ? ram.size / 2n : 128n * MiB);
  if (end > initrdStart) initrdStart = end;
  initrdStart = alignUp(initrdStart, PAGE);
  let initrd: LoadedKernel['initrd'];
  if (opts.initrd) {
    if (initrdStart >= ramEnd) throw new LoadError('not enough space after the kernel to load the initrd');
    loadRaw(opts.initrd, mem, ram, initrdStart, 'initrd');
    initrd = { start: initrdStart, end: initrdStart + BigInt(opts.initrd.length) };
  }
  // Early arm64 kernels map the DTB's 2 MiB-aligned region: QEMU aligns it to 2 MiB after the initrd.
  const dtbAddress = alignUp(initrd?.end ?? initrdStart, 2n * MiB);
  if (dtbAddress >= ramEnd) throw new LoadError('not enough space for the DTB after the kernel and initrd (raise --memory)');
  const dtb = { address: dtbAddress, limit: ramEnd };
  checkDtb(dtb, opts.dtbSize);
  return { kind, entry: start, start, end, linux: true, dtb, initrd, notes };
}

function checkDtb(dtb: LoadedKernel['dtb'], size: number | undefined): void {
  if (dtb && size !== undefined && dtb.address + BigInt(size) > dtb.limit) {
    throw new LoadError(`the DTB (${size} bytes) does not fit at ${hex(dtb.address)} below ${hex(dtb.limit)}`);
  }
}
