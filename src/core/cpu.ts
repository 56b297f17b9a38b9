// The execute loop: fetch (MMU off: VA = PA), decode through the per-chunk cache, dispatch to the handler
// generated for the row, retire. Returns to the host when the budget runs out or an instruction asks to.
import { execute } from './generated/dispatch';
import { EC, pcAlignmentFault, takeSync, syncTargetEL, undefinedInstruction } from './exception';
import { interruptLines, takePendingInterrupt } from './exec/exceptionInterrupt';
import { clearDebugStop, clearExitRequest, Exit, exitRequest, markBreakpointStop } from './debug';
import { BREAKPOINT_ROW, decodedRow, fetchHost } from './memory';
import { decode } from './generated/decoder';
import { PC, PSTATE, PSTATE_IL, nextPC, retire, setNextPC, setPC } from './state';

export { Exit, requestExit } from './debug';

/** Set by the host to execute the instruction at PC even if a breakpoint is on it (resuming from that stop). */
let stepOverBreakpoint: bool = false;
export function resumeOverBreakpoint(): void { stepOverBreakpoint = true; }

export function run(budget: u64): i32 {
  clearDebugStop();
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
      const host = fetchHost(pc);
      if (host == 0) return Exit.FetchFromNowhere;
      const insn = load<u32>(host);
      let row = decodedRow(pc, insn);
      if (row == BREAKPOINT_ROW) {
        if (!stepOverBreakpoint) {
          markBreakpointStop();
          return Exit.Debug;
        }
        row = decode(insn);
      }
      stepOverBreakpoint = false;
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
