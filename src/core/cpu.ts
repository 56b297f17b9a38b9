// The execute loop: fetch (through the MMU: translateFetch()), decode through the per-chunk cache, dispatch to the handler
// generated for the row (or run the translated block starting there), retire. Returns to the host when the budget
// runs out or an instruction asks to.
import { execute } from './generated/dispatch';
import { EC, pcAlignmentFault, takeSync, syncTargetEL, undefinedInstruction } from './exception';
import { interruptLines, takePendingInterrupt } from './exec/exceptionInterrupt';
import { clearDebugStop, clearExitRequest, Exit, exitRequest, markBreakpointStop } from './debug';
import { BREAKPOINT_ROW, CODE_CHUNK_MASK, codeCache, decodeSlow, fetchHost, FIRST_SPECIAL_ENTRY, isZeroChunk } from './memory';
import { decode } from './generated/decoder';
import { PC, PSTATE, PSTATE_IL, nextPC, retire, setNextPC, setPC } from './state';
import { FETCH_FAULTED, translateFetch } from './vmem';
import { flushAll, translationEpoch } from './mmu/tlb';

/** The fetch cache covers one translated 4 KB page (the smallest granule). */
const FETCH_PAGE_MASK: u64 = 0xfff;
import { blockWords, jitEnabled, jitLookup, markCandidate, runBlock, SLOT_SHIFT, UNTRANSLATABLE } from './jit';

/** Set by the host to execute the instruction at PC even if a breakpoint is on it (resuming from that stop). */
let stepOverBreakpoint: bool = false;
export function resumeOverBreakpoint(): void { stepOverBreakpoint = true; }

export function run(budget: u64): i32 {
  clearDebugStop();
  // The host may have changed registers or tables while stopped: no cached translation survives.
  flushAll();
  // Fetch cache: the VA page PC is in, the host addresses of the RAM chunk its PA is in and of that chunk's decode
  // cache, the page's offset in the chunk; valid while PC stays in the page and translationEpoch does not move.
  let chunkVA: u64 = 1;
  let chunkEpoch: u32 = 0;
  let chunkPA: u64 = 0;
  let chunkHost: usize = 0;
  let chunkCode: usize = 0;
  let pageOffset: usize = 0;
  let fetchMiss = false;
  let fetchPA: u64 = 0;
  // Resuming from a breakpoint executes the instruction at the starting PC once, without stopping.
  let skipBreakpointAt: u64 = stepOverBreakpoint ? PC : 1;
  stepOverBreakpoint = false;
  // Whether PC is where a block may start: after a branch, an exception, a translated block or an untranslatable word.
  let blockStart = true;
  while (budget != 0) {
    const pc = PC;
    setNextPC(pc + 4);
    if (interruptLines != 0 && takePendingInterrupt()) {
      // Taken before the instruction at pc, which is the preferred return address: nextPC is the vector.
    } else if (PSTATE & PSTATE_IL) {
      takeSync(syncTargetEL(), EC.IllegalState, 0);
    } else if (pc & 3) {
      pcAlignmentFault();
    } else if ((fetchMiss = (pc & ~FETCH_PAGE_MASK) != chunkVA || chunkEpoch != translationEpoch)
      && (fetchPA = translateFetch(pc)) == FETCH_FAULTED) {
      // The fetch took an Instruction Abort: nextPC is the vector.
    } else {
      if (fetchMiss) {
        const host = fetchHost(fetchPA & ~CODE_CHUNK_MASK);
        if (host == 0) return Exit.FetchFromNowhere;
        chunkHost = host;
        chunkCode = codeCache(fetchPA);
        chunkPA = fetchPA & ~CODE_CHUNK_MASK;
        pageOffset = <usize>(fetchPA & CODE_CHUNK_MASK & ~FETCH_PAGE_MASK);
        chunkEpoch = translationEpoch;
        // Unwritten RAM is shared zeros: look it up again next time, since a write gives it its own chunk.
        chunkVA = isZeroChunk(host) ? 1 : pc & ~FETCH_PAGE_MASK;
      }
      const offset = pageOffset | <usize>(pc & FETCH_PAGE_MASK);
      const insn = load<u32>(chunkHost + offset);
      const entry = chunkCode + offset;
      let e = load<u32>(entry);
      if (blockStart) {
        blockStart = false;
        if (e < (1 << SLOT_SHIFT) && jitEnabled()) e |= markCandidate(entry);
      }
      if (e >= <u32>FIRST_SPECIAL_ENTRY) {
        if (e >= (1 << SLOT_SHIFT)) {
          const id = jitLookup(chunkPA + offset, entry, chunkHost + offset, chunkCode);
          if (id == UNTRANSLATABLE) {
            blockStart = true;
          } else if (id != 0 && <u64>blockWords(id) <= budget) {
            // A block retires nothing when its first word is a branch it leaves to the interpreter (BranchTo()).
            const retired = runBlock(id, budget);
            if (retired != 0) {
              budget -= retired;
              blockStart = true;
              // A word the block handed to the interpreter may have asked the host for something.
              if (exitRequest >= 0) {
                const r = exitRequest;
                clearExitRequest();
                return r;
              }
              continue;
            }
          }
          e &= 0xffff;
        }
        if (e >= <u32>FIRST_SPECIAL_ENTRY) e = <u32>decodeSlow(chunkPA + offset, insn, entry);
      }
      let row = <i32>e;
      if (row == BREAKPOINT_ROW) {
        if (pc != skipBreakpointAt) {
          markBreakpointStop();
          return Exit.Debug;
        }
        skipBreakpointAt = 1;
        row = decode(insn);
      }
      if (row < 0 || !execute(row, insn)) undefinedInstruction();
    }
    if (nextPC != pc + 4) blockStart = true;
    setPC(nextPC);
    retire();
    budget--;
    if (exitRequest >= 0) {
      const r = exitRequest;
      clearExitRequest();
      return r;
    }
  }
  return Exit.Budget;
}
