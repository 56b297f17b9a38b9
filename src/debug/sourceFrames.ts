// Source-level frames of code the compiler inlined: a machine frame at one PC stands for the inlined functions there
// (innermost first) and then the function that holds the code, each at its own line. Also what "the same line" means
// for stepping by statement when inlined code is in between.
import type { ProgramInfo } from './programInfo';

export interface SourceFrame {
  /** The function's name; undefined for the outermost level, which keeps the machine frame's symbol+offset. */
  readonly inlined?: string;
  readonly path?: string;
  readonly line?: number;
}

/**
 * The source frames at `pc`, innermost first; one (the containing function) where nothing is inlined. `hit`, the
 * line of a breakpoint that stopped here, hides the inlined levels inside it, as the user asked for that line.
 */
export function sourceFrames(program: ProgramInfo, pc: bigint, hit?: { path: string; line: number }): SourceFrame[] {
  const levels = program.frameLocations(pc);
  const frames: SourceFrame[] = levels.map((l, i) => ({ inlined: i < levels.length - 1 ? l.name : undefined, path: l.path, line: l.line }));
  if (hit) {
    const at = frames.findIndex((f) => f.path === hit.path && f.line === hit.line);
    if (at > 0) return frames.slice(at);
    if (at < 0) return [{ ...frames[0], path: hit.path, line: hit.line }, ...frames.slice(1)];
  }
  return frames;
}

/**
 * For stepping by statement: whether `pc` is still on the statement a step started at, the top frame the user saw
 * there (`shown`: the source frames at the start as the stack showed them). Code of a function inlined into that
 * statement counts as the statement for `next` (it steps over the call), not for `step in` (it enters).
 */
export function sameStatement(program: ProgramInfo, shown: readonly SourceFrame[], over: boolean): (pc: bigint) => boolean {
  const depth = shown.length;
  const top = shown[0];
  return (pc) => {
    const here = program.frameLocations(pc);
    if (here.length < depth || (here.length > depth && !over)) return false;
    // Deeper than the start: inside a function inlined into the statement; its call line is at the start's depth.
    const level = here[here.length - depth];
    return level.path === top.path && level.line === top.line;
  };
}
