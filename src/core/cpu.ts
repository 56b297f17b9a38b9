// The execute loop: fetch (MMU off: VA = PA), decode through the per-chunk cache, dispatch to the handler
// generated for the row, retire. Returns to the host when the budget runs out or an instruction asks to.
import { execute } from './generated/dispatch';
import { EC, takeSync, syncTargetEL, undefinedInstruction } from './exception';
import { decodedRow, fetchHost } from './memory';
import { PC, PSTATE, PSTATE_IL, nextPC, retire, setNextPC, setPC } from './state';

/** Why run() returned. */
export const enum Exit {
  Budget = 0,
  /** The guest executed WFI/WFE: the host advances time to the next event or stops. */
  WaitForInterrupt = 1,
  /** HLT #0xF000: the host performs the semihosting call in X0/X1 and resumes. */
  Semihosting = 2,
  /** A breakpoint or single step the host asked for. */
  Debug = 3,
  /** An instruction fetch from an address with no RAM (the host reports where execution went). */
  FetchFromNowhere = 4,
}

let exitRequest: i32 = -1;

/** Handlers call this to return to the host after the current instruction completes. */
export function requestExit(reason: Exit): void { exitRequest = reason; }

export function run(budget: u64): i32 {
  while (budget != 0) {
    budget--;
    const pc = PC;
    setNextPC(pc + 4);
    if (PSTATE & PSTATE_IL) {
      takeSync(syncTargetEL(), EC.IllegalState, 0);
    } else if (pc & 3) {
      takeSync(syncTargetEL(), EC.PCAlignment, 0);
    } else {
      const host = fetchHost(pc);
      if (host == 0) return Exit.FetchFromNowhere;
      const insn = load<u32>(host);
      const row = decodedRow(pc, insn);
      if (row < 0 || !execute(row, insn)) undefinedInstruction();
    }
    setPC(nextPC);
    retire();
    if (exitRequest >= 0) {
      const r = exitRequest;
      exitRequest = -1;
      return r;
    }
  }
  return Exit.Budget;
}
