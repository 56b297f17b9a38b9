// The call stack at a stop, the "EL chain": the frames of the current EL (PC, then the callers found by
// frame-pointer unwinding), then one frame per exception level the CPU came in through, each at the ELR of the level
// above and named after the exception that was taken (ESR's EC).
import { StackFrame } from '@vscode/debugadapter';
import { EXCEPTION_CLASSES } from '../arch/sysregs/fields';
import { sysRegIndex } from '../arch/sysregs/table';
import type { Core } from '../machine/core';

const reg = (core: Core, name: string) => core.getSysreg(sysRegIndex(name));

/** "Data Abort from EL1": the class's name without the table's "from a lower Exception level" wording. */
export function exceptionName(ec: number, fromEl: number): string {
  const name = (EXCEPTION_CLASSES[ec] ?? `EC 0x${ec.toString(16)}`)
    .replace(/ from a lower Exception level$| taken without a change in Exception level$/, '');
  return `${name} from EL${fromEl}`;
}

/**
 * The frames, innermost first. A level is followed down while its SPSR says it was entered from a lower,
 * AArch64 level and has taken an exception since reset; the SPSR of a level that has since returned from its
 * handler is stale, which the registers cannot tell.
 */
export function elChain(core: Core, symbolAt: (a: bigint) => string | undefined, callers: (el: number) => readonly bigint[]):
  { frames: StackFrame[]; els: number[]; pcs: bigint[] } {
  const at = (a: bigint) => symbolAt(a) ?? `0x${a.toString(16)}`;
  let el = (core.pstate >>> 2) & 3;
  const frames: StackFrame[] = [];
  /** The EL and the PC of each frame. */
  const els: number[] = [];
  const pcs: bigint[] = [];
  for (const pc of [core.pc, ...callers(el)]) {
    const f = new StackFrame(frames.length, `EL${el} · ${at(pc)}`);
    f.instructionPointerReference = `0x${pc.toString(16)}`;
    frames.push(f);
    els.push(el);
    pcs.push(pc);
  }
  while (el > 0) {
    const spsr = reg(core, `SPSR_EL${el}`);
    const from = Number((spsr >> 2n) & 3n);
    if (from >= el || (spsr & 0x10n) !== 0n) break;
    const elr = reg(core, `ELR_EL${el}`);
    const esr = reg(core, `ESR_EL${el}`);
    // ELR and ESR still at their reset value: this level has never taken an exception.
    if (elr === 0n && esr === 0n) break;
    const ec = Number((esr >> 26n) & 0x3fn);
    const frame = new StackFrame(frames.length, `EL${from} · ${exceptionName(ec, from)}`);
    frame.instructionPointerReference = `0x${elr.toString(16)}`;
    frames.push(frame);
    els.push(from);
    pcs.push(elr);
    el = from;
  }
  return { frames, els, pcs };
}
