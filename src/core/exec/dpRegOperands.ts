// Second-operand forms of Data Processing -- Register: ShiftReg() for the shifted-register groups and
// ExtendReg() for add/subtract (extended register), shared by the dpReg* handler modules.
import { X } from '../state';

/** ShiftType: LSL, LSR, ASR, ROR as encoded in the `shift` field. */
const LSL: u32 = 0, LSR: u32 = 1, ASR: u32 = 2;

/** ShiftReg() with N = 64; amount < 64 (the decoder rejected larger ones). */
@inline export function shiftReg64(v: u64, type: u32, amount: u32): u64 {
  if (type == LSL) return v << amount;
  if (type == LSR) return v >> amount;
  if (type == ASR) return <u64>(<i64>v >> amount);
  return rotr<u64>(v, amount);
}

/** ShiftReg() with N = 32; amount < 32. */
@inline export function shiftReg32(v: u32, type: u32, amount: u32): u32 {
  if (type == LSL) return v << amount;
  if (type == LSR) return v >> amount;
  if (type == ASR) return <u32>(<i32>v >> amount);
  return rotr<u32>(v, amount);
}

/**
 * ExtendReg(): Xm's low byte/halfword/word/doubleword (option<1:0>), zero- or sign-extended (option<2>),
 * shifted left by 0..4. The caller truncates to the datasize, which equals the ARM ARM's Min(len, N - shift).
 */
@inline export function extendReg(m: u32, option: u32, shift: u32): u64 {
  const len: u32 = 8 << (option & 3);
  let v = X(m);
  if (len < 64) {
    const s: u64 = 64 - len;
    v = (option & 4) ? <u64>(<i64>(v << s) >> s) : (v << s) >> s;
  }
  return v << shift;
}
