// Frame-pointer unwinding within one exception level: the AAPCS64 frame-record chain (X29 → {caller's X29, saved
// LR}), with the innermost caller taken from LR while the function has not yet pushed its own record.
import { extractFields } from '../arch/a64/encoding';
import { Disassembler } from '../arch/a64/disasm/disassemble';

/** Bytes at a VA of the stopped EL's regime, or undefined when they cannot be read (unmapped, not RAM). */
export type ReadMemory = (va: bigint, length: number) => Uint8Array | undefined;

export interface UnwindFrame {
  readonly pc: bigint;
  /** The frame's X29: the address of its frame record (the caller's X29 while frame 0 has not pushed its own). */
  readonly fp: bigint;
}

export interface UnwindState {
  readonly pc: bigint;
  readonly sp: bigint;
  /** X29 */
  readonly fp: bigint;
  /** X30 */
  readonly lr: bigint;
}

export const MAX_FRAMES = 64;
/** Functions longer than this are not scanned for their prologue: such code is compiled and keeps its record. */
const MAX_SCAN_BYTES = 0x10000;
const FP = 29, LR = 30, SP = 31;

let decoder: Disassembler | undefined;

/**
 * Whether the code from `start` (the function's entry) up to `pc` has pushed a frame record and pointed X29 at it:
 * `stp x29, x30, [sp, #-N]!` (or `[sp, #N]` after `sub sp`), then `mov x29, sp` / `add x29, sp, #N`, with no
 * `ldp x29, x30` epilogue since the last branch away. Code that cannot be read counts as framed.
 */
export function hasFrameRecord(read: ReadMemory, start: bigint, pc: bigint): boolean {
  if (pc <= start) return false;
  const length = pc - start;
  if (length > BigInt(MAX_SCAN_BYTES)) return true;
  const code = read(start, Number(length));
  if (!code || code.length < Number(length)) return true;
  decoder ??= new Disassembler();
  const dv = new DataView(code.buffer, code.byteOffset, code.byteLength);
  let pushed = false, framed = false;
  let framedBeforeEpilogue = false;
  for (let o = 0; o + 4 <= code.length; o += 4) {
    const word = dv.getUint32(o, true);
    const row = decoder.decodeRow(word);
    if (!row) continue;
    const f = extractFields(row, word);
    const pair = f.sf === 1 && f.Rt === FP && f.Rt2 === LR && f.Rn === SP;
    if (pair && (row.form === 'STP_ldstpair_pre' || row.form === 'STP_ldstpair_off')) {
      pushed = true;
    } else if (row.form === 'ADD_addsub_imm' && f.sf === 1 && f.Rd === FP && f.Rn === SP) {
      framed = pushed;
    } else if (pair && (row.form === 'LDP_ldstpair_post' || row.form === 'LDP_ldstpair_off')) {
      framedBeforeEpilogue = framedBeforeEpilogue || framed;
      pushed = framed = false;
    } else if (row.form === 'RET_branch_reg' || row.form === 'BR_branch_reg' || row.mnemonic === 'b') {
      // Code after an epilogue's return or a branch away is reached from elsewhere in the body, still framed.
      if (framedBeforeEpilogue) pushed = framed = true;
    }
  }
  return framed;
}

/**
 * The frames of one EL, innermost first: frame 0 at PC, then each caller at its return address. `functionStart`
 * gives the entry of the function containing an address (undefined when unknown: the frame is taken as pushed).
 * The walk stops at a zero or unreadable frame record, one that is not above the last, or at MAX_FRAMES.
 */
export function unwind(s: UnwindState, read: ReadMemory, functionStart: (pc: bigint) => bigint | undefined): UnwindFrame[] {
  const frames: UnwindFrame[] = [{ pc: s.pc, fp: s.fp }];
  const start = functionStart(s.pc);
  if (start !== undefined && !hasFrameRecord(read, start, s.pc)) {
    if (s.lr === 0n) return frames;
    // An LR inside the function itself was left by a call it made (assembly that saves X30 without a frame
    // record): the return address is on the stack at an offset nothing records, so the caller is unknown.
    if (functionStart(s.lr) !== start) frames.push({ pc: s.lr, fp: s.fp });
  }
  let record = s.fp;
  // A record lies on the stack, at or above SP, 8-byte aligned.
  if (record < s.sp) return frames;
  while (frames.length < MAX_FRAMES && record !== 0n && (record & 7n) === 0n) {
    const bytes = read(record, 16);
    if (!bytes || bytes.length < 16) break;
    const dv = new DataView(bytes.buffer, bytes.byteOffset, 16);
    const callerFp = dv.getBigUint64(0, true), ret = dv.getBigUint64(8, true);
    if (ret === 0n) break;
    frames.push({ pc: ret, fp: callerFp });
    if (callerFp !== 0n && callerFp <= record) break;
    record = callerFp;
  }
  return frames;
}
