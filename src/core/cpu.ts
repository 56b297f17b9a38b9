// The execute loop: fetch (MMU off: VA = PA), decode through the per-chunk cache, dispatch to the handler
// generated for the row, retire. Returns to the host when the budget runs out or an instruction asks to.
import { execute } from './generated/dispatch';
import { EC, pcAlignmentFault, takeSync, syncTargetEL, undefinedInstruction } from './exception';
import { interruptLines, takePendingInterrupt } from './exec/exceptionInterrupt';
import { clearDebugStop, clearExitRequest, Exit, exitRequest, markBreakpointStop } from './debug';
import { BREAKPOINT_ROW, CODE_CHUNK_MASK, codeCache, decodeSlow, fetchHost, FIRST_SPECIAL_ENTRY, isZeroChunk } from './memory';
import { decode } from './generated/decoder';
import { PC, PSTATE, PSTATE_IL, nextPC, retire, setNextPC, setPC } from './state';

/** Set by the host to execute the instruction at PC even if a breakpoint is on it (resuming from that stop). */
let stepOverBreakpoint: bool = false;
export function resumeOverBreakpoint(): void { stepOverBreakpoint = true; }

export function run(budget: u64): i32 {
  clearDebugStop();
  // Fetch cache: host addresses of the RAM chunk PC is in and of its decode cache, valid while PC stays there.
  let chunkVA: u64 = 1;
  let chunkHost: usize = 0;
  let chunkCode: usize = 0;
  // Resuming from a breakpoint executes the instruction at the starting PC once, without stopping.
  let skipBreakpointAt: u64 = stepOverBreakpoint ? PC : 1;
  stepOverBreakpoint = false;
  while (budget != 0) {
    budget--;
    const pc = PC;
    setNextPC(pc + 4);
    if (interruptLines != 0 && takePendingInterrupt()) {
      // Taken before the instruction at pc, which is the preferred return address: nextPC is the vector.
    } else if (PSTATE & PSTATE_IL) {
      takeSync(syncTargetEL(), EC.IllegalState, 0);
    } else if (pc & 3) {
      pcAlignmentFault();
    } else {
      if ((pc & ~CODE_CHUNK_MASK) != chunkVA) {
        const host = fetchHost(pc & ~CODE_CHUNK_MASK);
        if (host == 0) return Exit.FetchFromNowhere;
        chunkHost = host;
        chunkCode = codeCache(pc);
        // Unwritten RAM is shared zeros: look it up again next time, since a write gives it its own chunk.
        chunkVA = isZeroChunk(host) ? 1 : pc & ~CODE_CHUNK_MASK;
      }
      const offset = <usize>(pc & CODE_CHUNK_MASK);
      const insn = load<u32>(chunkHost + offset);
      const entry = chunkCode + (offset >> 1);
      let row = <i32>load<u16>(entry);
      if (row >= <i32>FIRST_SPECIAL_ENTRY) row = decodeSlow(pc, insn, entry);
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
    setPC(nextPC);
    retire();
    if (exitRequest >= 0) {
      const r = exitRequest;
      clearExitRequest();
      return r;
    }
  }
  return Exit.Budget;
}
