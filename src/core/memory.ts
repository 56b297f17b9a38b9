// Guest physical memory: RAM allocated in 64 KB chunks on first write (untouched RAM costs no host memory),
// everything else forwarded to the host's device model. Also owns the decoded-instruction cache, which is
// keyed by physical chunk and invalidated word by word (with the translated blocks covering the word) when code
// is written.
import { decode } from './generated/decoder';
import { addBreakpoint, isBreakpoint, removeBreakpoint } from './debug';
import { jitInvalidate, PAGE_HEADS } from './jit';

@external("env", "mmioRead") declare function hostMmioRead(pa: u64, size: u32): u64;
@external("env", "mmioWrite") declare function hostMmioWrite(pa: u64, size: u32, value: u64): void;

const CHUNK_SHIFT: u64 = 16;
const CHUNK_SIZE: u64 = 1 << CHUNK_SHIFT;
/** Up to 64 GB of guest RAM: one u32 host offset per 64 KB chunk (0 = never written, reads as zero). */
const MAX_CHUNKS: u64 = 1 << 20;
const ramChunks: usize = memory.data(<i32>(MAX_CHUNKS * 4), 16);
/** Per chunk: host offset of its decode cache (16384 u16 row indices), 0 when none. */
const codeChunks: usize = memory.data(<i32>(MAX_CHUNKS * 4), 16);
const zeroChunk: usize = memory.data(<i32>CHUNK_SIZE, 16);

export const NOT_DECODED: u16 = 0xffff;
export const UNALLOCATED_ROW: u16 = 0xfffe;
const BREAKPOINT_ENTRY: u16 = 0xfffd;
/** decodeSlow() result for a word with a breakpoint: the loop stops before it (see cpu.ts). */
export const BREAKPOINT_ROW: i32 = -2;

let ramBase: u64 = 0x40000000;
let ramSize: u64 = 128 << 20;
/** Set by an access that no RAM or device answered (a synchronous external abort for the caller). */
export let busError: bool = false;
/** Called by the host's device model when no device answered an access (a decode error). */
export function signalBusError(): void { busError = true; }
export function clearBusError(): void { busError = false; }

export function configureRam(base: u64, size: u64): bool {
  if (size > MAX_CHUNKS * CHUNK_SIZE || (base & (CHUNK_SIZE - 1)) != 0) return false;
  ramBase = base;
  ramSize = size;
  return true;
}

function growChunk(): usize {
  const old = memory.grow(1);
  if (old < 0) unreachable();
  return <usize>old << 16;
}

/** Host address of the RAM chunk holding pa, allocating it when `forWrite`; 0 when pa is not RAM. */
export function ramChunk(pa: u64, forWrite: bool): usize {
  const off = pa - ramBase;
  if (off >= ramSize) return 0;
  const slot = ramChunks + (<usize>(off >> CHUNK_SHIFT) << 2);
  let host = <usize>load<u32>(slot);
  if (host == 0) {
    if (!forWrite) return zeroChunk;
    host = growChunk();
    store<u32>(slot, <u32>host);
  }
  return host;
}

/**
 * Host address of RAM at pa for the host to fill (loaders), allocating its chunk; 0 when pa is not RAM.
 * Valid up to the end of pa's 64 KB chunk. The host must not write code the core has executed this way.
 */
export function ramPointer(pa: u64): usize {
  const chunk = ramChunk(pa, true);
  return chunk == 0 ? 0 : chunk + <usize>(pa & (CHUNK_SIZE - 1));
}

@inline function ramHost(pa: u64, forWrite: bool): usize {
  const chunk = ramChunk(pa, forWrite);
  return chunk == 0 ? 0 : chunk + <usize>(pa & (CHUNK_SIZE - 1));
}

/** Drops cached decodes and translated blocks of the words a write of `size` bytes at pa touches. */
@inline function invalidateCode(pa: u64, size: u32): void {
  const off = pa - ramBase;
  const cache = <usize>load<u32>(codeChunks + (<usize>(off >> CHUNK_SHIFT) << 2));
  if (cache == 0) return;
  const first = cache + (<usize>(off & (CHUNK_SIZE - 4)));
  const last = cache + (<usize>((off + size - 1) & (CHUNK_SIZE - 4)));
  store<u16>(first, NOT_DECODED);
  store<u16>(last, NOT_DECODED);
  const head = pageHead(cache, first);
  if (load<u16>(head) != 0) jitInvalidate(head, first, last);
}

/** The list head of the translated blocks in the 4 KB page of the decode-cache entry `entry`. */
@inline function pageHead(cache: usize, entry: usize): usize { return cache + PAGE_HEADS + (((entry - cache) >> 12) << 1); }

/** Reads `size` (1, 2, 4, 8) bytes; an access crossing a chunk goes byte by byte. */
export function readPhys(pa: u64, size: u32): u64 {
  if (pa - ramBase < ramSize) {
    if (((pa & (CHUNK_SIZE - 1)) + size) <= CHUNK_SIZE) {
      const h = ramHost(pa, false);
      if (size == 8) return load<u64>(h);
      if (size == 4) return <u64>load<u32>(h);
      if (size == 2) return <u64>load<u16>(h);
      return <u64>load<u8>(h);
    }
    let v: u64 = 0;
    for (let i: u32 = 0; i < size; i++) v |= readPhys(pa + i, 1) << (<u64>i << 3);
    return v;
  }
  return hostMmioRead(pa, size);
}

export function writePhys(pa: u64, size: u32, value: u64): void {
  if (pa - ramBase < ramSize) {
    if (((pa & (CHUNK_SIZE - 1)) + size) <= CHUNK_SIZE) {
      const h = ramHost(pa, true);
      if (size == 8) store<u64>(h, value);
      else if (size == 4) store<u32>(h, <u32>value);
      else if (size == 2) store<u16>(h, <u16>value);
      else store<u8>(h, <u8>value);
      invalidateCode(pa, size);
      return;
    }
    for (let i: u32 = 0; i < size; i++) writePhys(pa + i, 1, value >> (<u64>i << 3));
    return;
  }
  hostMmioWrite(pa, size, value);
}

/** The host wrote `len` bytes of RAM at pa directly (ramPointer()): drops the decodes and blocks of those words. */
export function codeWritten(pa: u64, len: u64): void {
  if (len == 0) return;
  const end = pa + len;
  for (let a = pa & ~<u64>3; a < end; a += 4) {
    if (!isRam(a)) continue;
    if ((a & (CHUNK_SIZE - 1)) == 0 && load<u32>(codeChunks + (<usize>((a - ramBase) >> CHUNK_SHIFT) << 2)) == 0) {
      a += CHUNK_SIZE - 4;
      continue;
    }
    invalidateCode(a, 4);
  }
}

/** Whether pa is RAM (instruction fetch from anywhere else is an external abort). */
@inline export function isRam(pa: u64): bool { return pa - ramBase < ramSize; }

/** Drops the cached decode of the word at pa (if its chunk has a cache), so the next fetch looks again. */
function forgetDecode(pa: u64): void {
  if (!isRam(pa)) return;
  const off = pa - ramBase;
  const cache = <usize>load<u32>(codeChunks + (<usize>(off >> CHUNK_SHIFT) << 2));
  if (cache == 0) return;
  const entry = cache + <usize>(off & (CHUNK_SIZE - 4));
  store<u16>(entry, NOT_DECODED);
  const head = pageHead(cache, entry);
  if (load<u16>(head) != 0) jitInvalidate(head, entry, entry);
}

export function setBreakpoint(pa: u64): bool {
  if (!addBreakpoint(pa & ~<u64>3)) return false;
  forgetDecode(pa);
  return true;
}

export function clearBreakpoint(pa: u64): void {
  removeBreakpoint(pa & ~<u64>3);
  forgetDecode(pa);
}

/**
 * Host address of the decode cache of pa's chunk (pa must be RAM), allocated on first use: per word a u32 entry
 * (row in bits 15:0, JIT slot in bits 31:16, see jit.ts), then the page heads of the chunk's translated blocks.
 */
export function codeCache(pa: u64): usize {
  const slot = codeChunks + (<usize>((pa - ramBase) >> CHUNK_SHIFT) << 2);
  let cache = <usize>load<u32>(slot);
  if (cache == 0) {
    const old = memory.grow(2);
    if (old < 0) unreachable();
    cache = <usize>old << 16;
    for (let e: usize = 0; e < <usize>CHUNK_SIZE; e += 4) store<u32>(cache + e, NOT_DECODED);
    store<u32>(slot, <u32>cache);
  }
  return cache;
}

/** Empties every code chunk's block lists (jit.ts has dropped all blocks). */
export function clearPageHeads(): void {
  const chunks = <usize>((ramSize + CHUNK_SIZE - 1) >> CHUNK_SHIFT);
  for (let i: usize = 0; i < chunks; i++) {
    const cache = <usize>load<u32>(codeChunks + (i << 2));
    if (cache != 0) memory.fill(cache + PAGE_HEADS, 0, 32);
  }
}

/**
 * The row of a word whose cache entry is not a plain row (NOT_DECODED, UNALLOCATED_ROW or a breakpoint):
 * decodes and fills the entry; -1 for UNALLOCATED, BREAKPOINT_ROW for a breakpoint.
 */
export function decodeSlow(pa: u64, insn: u32, entry: usize): i32 {
  let row = load<u16>(entry);
  if (row == NOT_DECODED) {
    if (isBreakpoint(pa)) {
      row = BREAKPOINT_ENTRY;
    } else {
      const r = decode(insn);
      row = r < 0 ? UNALLOCATED_ROW : <u16>r;
    }
    store<u16>(entry, row);
  }
  if (row >= BREAKPOINT_ENTRY) return row == BREAKPOINT_ENTRY ? BREAKPOINT_ROW : -1;
  return <i32>row;
}

/** Rows at or above this are not plain rows: the execute loop calls decodeSlow for them. */
export const FIRST_SPECIAL_ENTRY: u16 = BREAKPOINT_ENTRY;
/** Chunk geometry for the execute loop's fetch cache. */
export const CODE_CHUNK_MASK: u64 = CHUNK_SIZE - 1;

/** The zero chunk unwritten RAM reads from: never cached by the fetch path (a write replaces it). */
@inline export function isZeroChunk(host: usize): bool { return host == zeroChunk; }

/** Host address of RAM at pa for a 4-byte instruction fetch (never allocates); 0 when pa is not RAM. */
@inline export function fetchHost(pa: u64): usize { return ramHost(pa, false); }
