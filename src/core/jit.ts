// The translating tier's side of the core: counts how often block starts execute, asks the host to translate
// hot ones into WebAssembly functions (src/machine/jit), runs them, and drops them when their code is written.
//
// Each word of a code chunk has a u32 decode-cache entry: the row in bits 15:0 and a JIT slot in bits 31:16
// (0 none, 1..HOT counting, NEVER untranslatable, BLOCK|id a translated block starting at that word). A block
// covers consecutive words of one 4 KB page, so each page of a code chunk heads a list of the blocks in it.
import { clearPageHeads, decodeSlow, NOT_DECODED } from './memory';
import { addRetired, nextPC, PC, PSTATE, PSTATE_NZCV, setNextPC, setPC, setPSTATE, subtractRetired } from './state';
import { execute } from './generated/dispatch';
import { undefinedInstruction } from './exception';
import { exitRequest } from './debug';
import { interruptLines } from './exec/exceptionInterrupt';

@external("env", "jitCompile") declare function hostJitCompile(entry: usize, insn: usize, maxWords: u32, id: u32): u32;

export const SLOT_SHIFT: u32 = 16;
const SLOT_NEVER: u32 = 0x7fff;
const SLOT_BLOCK: u32 = 0x8000;
const MAX_BLOCKS: u32 = 0x7fff;
/** Offset of the page-list heads (16 × u16 block ids) from a code chunk's decode cache. */
export const PAGE_HEADS: usize = 0x10000;
const PAGE_WORDS_SHIFT: u32 = 10;
/** Longest block the host translates (src/machine/jit/tier.ts MAX_BLOCK_WORDS). */
const MAX_BLOCK_WORDS: u32 = 128;

/** Per block: entry pointer u32, word count u16, next block in its page u16. */
const blocks: usize = memory.data(<i32>((MAX_BLOCKS + 1) * 8), 8);
const freeIds: usize = memory.data(<i32>((MAX_BLOCKS + 1) * 2), 2);
let freeCount: u32 = 0;
let nextFreshId: u32 = 1;

/** Where a block leaves its results: the next PC (u64) and PSTATE (u32, NZCV possibly changed). */
export const JIT_CTX: usize = memory.data(16, 8);

/** Executions of a block start before it is translated; 0 turns the tier off. */
let hotThreshold: u32 = 0;
/** Function-table index of block id 0 (the host appends the blocks' functions after the core's own). */
let tableBase: u32 = 0;

export function jitConfigure(base: u32, threshold: u32): void {
  tableBase = base;
  hotThreshold = threshold > SLOT_NEVER - 1 ? SLOT_NEVER - 1 : threshold;
  jitFlushAll();
}

@inline export function jitEnabled(): bool { return hotThreshold != 0; }

@inline function blockEntry(id: u32): usize { return <usize>load<u32>(blocks + (<usize>id << 3)); }
@inline export function blockWords(id: u32): u32 { return <u32>load<u16>(blocks + (<usize>id << 3), 4); }
@inline function blockNext(id: u32): u32 { return <u32>load<u16>(blocks + (<usize>id << 3), 6); }

/** Makes the word at `entry` a candidate block start; returns the slot bits now in its entry. */
@inline export function markCandidate(entry: usize): u32 {
  store<u16>(entry, 1, 2);
  return 1 << SLOT_SHIFT;
}

/** jitLookup(): the word is interpreted, and the word after it may start a block. */
export const UNTRANSLATABLE: u32 = 0xffff;

/**
 * Called for a fetched word whose JIT slot is set. Returns the id of the block to run there (translating it once
 * it is hot), 0 to interpret the word, or UNTRANSLATABLE.
 */
export function jitLookup(pa: u64, entry: usize, insnHost: usize, cache: usize): u32 {
  const slot = <u32>load<u16>(entry, 2);
  if (slot >= SLOT_BLOCK) return slot & ~SLOT_BLOCK;
  if (slot == SLOT_NEVER) return UNTRANSLATABLE;
  if (slot < hotThreshold) {
    store<u16>(entry, <u16>(slot + 1), 2);
    return 0;
  }
  const id = allocateId();
  const offset = entry - cache;
  const pageEnd = (offset | ((1 << (PAGE_WORDS_SHIFT + 2)) - 1)) + 1;
  const maxWords = <u32>((pageEnd - offset) >> 2);
  // The translator reads rows from the decode cache: decode the words it may use that never ran yet.
  const scan = maxWords < MAX_BLOCK_WORDS ? maxWords : MAX_BLOCK_WORDS;
  for (let i: usize = 0; i < <usize>scan; i++) {
    const e = entry + (i << 2);
    if (load<u16>(e) == NOT_DECODED) decodeSlow(pa + (<u64>i << 2), load<u32>(insnHost + (i << 2)), e);
  }
  const words = hostJitCompile(entry, insnHost, maxWords, id);
  if (words == 0) {
    freeId(id);
    store<u16>(entry, <u16>SLOT_NEVER, 2);
    return UNTRANSLATABLE;
  }
  const head = cache + PAGE_HEADS + ((offset >> (PAGE_WORDS_SHIFT + 2)) << 1);
  const meta = blocks + (<usize>id << 3);
  store<u32>(meta, <u32>entry);
  store<u16>(meta, <u16>words, 4);
  store<u16>(meta, load<u16>(head), 6);
  store<u16>(head, <u16>id);
  store<u16>(entry, <u16>(SLOT_BLOCK | id), 2);
  return id;
}

/** Set by jitInvalidate(): code was written while a block ran, which must then stop after the current word. */
let codeChanged: bool = false;

/**
 * A word a block does not translate, executed by its interpreter handler from inside the block (which has stored
 * its registers and passes its NZCV in `ps` and the instructions it has retired so far, so that the handler sees
 * exactly the interpreter's state). Leaves nextPC and PSTATE in JIT_CTX; returns 1 when the block must stop here:
 * the word branched or took an exception, asked the host for something, changed the interrupt lines, PSTATE
 * beyond NZCV (EL, SPSel, DAIF) or code.
 */
export function jitStep(row: i32, insn: u32, pc: u64, ps: u32, retiredBefore: u64): i32 {
  setPC(pc);
  setNextPC(pc + 4);
  setPSTATE(ps);
  const lines = interruptLines;
  codeChanged = false;
  addRetired(retiredBefore);
  if (!execute(row, insn)) undefinedInstruction();
  subtractRetired(retiredBefore);
  store<u64>(JIT_CTX, nextPC);
  store<u32>(JIT_CTX, PSTATE, 8);
  const stop = nextPC != pc + 4 || exitRequest >= 0 || interruptLines != lines || ((PSTATE ^ ps) & ~PSTATE_NZCV) != 0 || codeChanged;
  return stop ? 1 : 0;
}

/**
 * Runs block `id` at PC with at most `budget` instructions (at least its length): the block returns how many it
 * retired and leaves the next PC and PSTATE in JIT_CTX.
 */
export function runBlock(id: u32, budget: u64): u64 {
  store<u32>(JIT_CTX, PSTATE, 8);
  const retired = call_indirect<u64>(tableBase + id, PC, budget);
  setPC(load<u64>(JIT_CTX));
  setPSTATE(load<u32>(JIT_CTX, 8));
  addRetired(retired);
  return retired;
}

function allocateId(): u32 {
  if (freeCount != 0) {
    freeCount--;
    return <u32>load<u16>(freeIds + (<usize>freeCount << 1));
  }
  if (nextFreshId > MAX_BLOCKS) jitFlushAll();
  return nextFreshId++;
}

function freeId(id: u32): void {
  store<u16>(freeIds + (<usize>freeCount << 1), <u16>id);
  freeCount++;
}

/**
 * Drops every block of the page whose list head is at `head` that covers a word in [first, last] (entry
 * pointers): code there was written or got a breakpoint.
 */
export function jitInvalidate(head: usize, first: usize, last: usize): void {
  let link = head;
  let id = <u32>load<u16>(link);
  while (id != 0) {
    const start = blockEntry(id);
    const next = blockNext(id);
    if (start <= last && first < start + (<usize>blockWords(id) << 2)) {
      codeChanged = true;
      store<u16>(link, <u16>next);
      store<u16>(start, 0, 2);
      store<u32>(blocks + (<usize>id << 3), 0);
      freeId(id);
    } else {
      link = blocks + (<usize>id << 3) + 6;
    }
    id = next;
  }
}

/** Drops every block (the id space ran out, or the host reconfigured the tier). */
export function jitFlushAll(): void {
  for (let id: u32 = 1; id < nextFreshId; id++) {
    const start = blockEntry(id);
    if (start == 0) continue;
    store<u16>(start, 0, 2);
    store<u32>(blocks + (<usize>id << 3), 0);
  }
  clearPageHeads();
  freeCount = 0;
  nextFreshId = 1;
}
