// The Linux arm64 Image format (Documentation/arch/arm64/booting.rst): header fields, and where QEMU's
// hw/arm/boot.c (arm_load_aarch64_image) puts such a kernel in RAM.
import { LoadError } from './load';

/** "ARM\x64", little-endian, at offset 0x38. */
export const ARM64_IMAGE_MAGIC = 0x644d5241;
const MAGIC_OFFSET = 0x38;
const HEADER_SIZE = 0x40;
/** Where QEMU loads a kernel whose header gives no usable text_offset (image_size 0) or has no header. */
export const KERNEL64_LOAD_OFFSET = 0x80000n;
/** QEMU's boot stub occupies the first 4 KiB of RAM, so a smaller text_offset moves the kernel up by 2 MiB. */
const BOOTLOADER_MAX_SIZE = 0x1000n;

export interface Arm64ImageHeader {
  readonly textOffset: bigint;
  /** Effective image size (including BSS); 0 in kernels older than 3.17, where text_offset is not reliable. */
  readonly imageSize: bigint;
  readonly flags: bigint;
  /** flags bit 0: the kernel is big-endian. */
  readonly bigEndian: boolean;
  /** flags bits 2:1: 0 unspecified, 1 4K, 2 16K, 3 64K. */
  readonly pageSize: 0 | 4096 | 16384 | 65536;
  /** flags bit 3: the kernel may sit anywhere in physical memory (else as close to the base of DRAM as possible). */
  readonly physicalPlacementAnywhere: boolean;
}

export function isArm64Image(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER_SIZE
    && new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC_OFFSET, true) === ARM64_IMAGE_MAGIC;
}

export function parseArm64Image(bytes: Uint8Array): Arm64ImageHeader {
  if (!isArm64Image(bytes)) throw new LoadError('not a Linux arm64 Image (no "ARM\\x64" magic at offset 0x38)');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = dv.getBigUint64(24, true);
  return {
    textOffset: dv.getBigUint64(8, true),
    imageSize: dv.getBigUint64(16, true),
    flags,
    bigEndian: (flags & 1n) !== 0n,
    pageSize: ([0, 4096, 16384, 65536] as const)[Number((flags >> 1n) & 3n)],
    physicalPlacementAnywhere: (flags & 8n) !== 0n,
  };
}

/**
 * Offset from the base of RAM and size in memory, as QEMU computes them: text_offset when image_size is non-zero
 * (moved up 2 MiB when it would overlap QEMU's boot stub), otherwise 0x80000 and the file's length.
 */
export function arm64ImagePlacement(bytes: Uint8Array): { offset: bigint; size: bigint } {
  const h = parseArm64Image(bytes);
  if (h.bigEndian) throw new LoadError('the Image is a big-endian kernel; this machine runs little-endian only');
  if (h.imageSize === 0n) return { offset: KERNEL64_LOAD_OFFSET, size: BigInt(bytes.length) };
  const offset = h.textOffset < BOOTLOADER_MAX_SIZE ? h.textOffset + 0x200000n : h.textOffset;
  return { offset, size: h.imageSize };
}
