// Handlers of Data Processing -- Register, arithmetic (ARM ARM C4.1.95): add/subtract (shifted register,
// extended register, with carry), conditional compare, conditional select and 3-source multiply-add.
// RMIF, SETF8 and SETF16 (FEAT_FlagM, v8.4) have no handler: the CPU model does not implement FEAT_FlagM, so
// they are UNDEFINED, as the dispatch makes every row without a handler.
import { addWithCarry32, addWithCarry64, conditionHolds, flags } from '../pseudocode';
import { NZCV, setNZCV, setW, setX, setXSP, W, X, XSP } from '../state';
import { extendReg, shiftReg32, shiftReg64 } from './dpRegOperands';

/** PSTATE.C, the carry-in of ADC/SBC. */
@inline function carryFlag(): u32 { return (NZCV() >> 1) & 1; }

// ---- Add/subtract (shifted register): register 31 is XZR in every operand.

@inline function addSubShifted(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32, sub: bool, setFlags: bool): void {
  if (sf) {
    const m = shiftReg64(X(Rm), shift, imm6);
    const r = addWithCarry64(X(Rn), sub ? ~m : m, sub ? 1 : 0);
    if (setFlags) setNZCV(flags);
    setX(Rd, r);
  } else {
    const m = shiftReg32(W(Rm), shift, imm6);
    const r = addWithCarry32(W(Rn), sub ? ~m : m, sub ? 1 : 0);
    if (setFlags) setNZCV(flags);
    setW(Rd, r);
  }
}

export function ADD_addsub_shift(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32): void { addSubShifted(sf, shift, Rm, imm6, Rn, Rd, false, false); }
export function ADDS_addsub_shift(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32): void { addSubShifted(sf, shift, Rm, imm6, Rn, Rd, false, true); }
export function SUB_addsub_shift(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32): void { addSubShifted(sf, shift, Rm, imm6, Rn, Rd, true, false); }
export function SUBS_addsub_shift(sf: u32, shift: u32, Rm: u32, imm6: u32, Rn: u32, Rd: u32): void { addSubShifted(sf, shift, Rm, imm6, Rn, Rd, true, true); }

// ---- Add/subtract (extended register): Rn is Xn|SP; Rd is Xd|SP unless the flags are set (then XZR).

@inline function addSubExtended(sf: u32, Rm: u32, option: u32, imm3: u32, Rn: u32, Rd: u32, sub: bool, setFlags: bool): void {
  const m = extendReg(Rm, option, imm3);
  const n = XSP(Rn);
  if (sf) {
    const r = addWithCarry64(n, sub ? ~m : m, sub ? 1 : 0);
    if (setFlags) { setNZCV(flags); setX(Rd, r); } else setXSP(Rd, r);
  } else {
    const r = addWithCarry32(<u32>n, sub ? ~<u32>m : <u32>m, sub ? 1 : 0);
    if (setFlags) { setNZCV(flags); setW(Rd, r); } else setXSP(Rd, <u64>r);
  }
}

export function ADD_addsub_ext(sf: u32, Rm: u32, option: u32, imm3: u32, Rn: u32, Rd: u32): void { addSubExtended(sf, Rm, option, imm3, Rn, Rd, false, false); }
export function ADDS_addsub_ext(sf: u32, Rm: u32, option: u32, imm3: u32, Rn: u32, Rd: u32): void { addSubExtended(sf, Rm, option, imm3, Rn, Rd, false, true); }
export function SUB_addsub_ext(sf: u32, Rm: u32, option: u32, imm3: u32, Rn: u32, Rd: u32): void { addSubExtended(sf, Rm, option, imm3, Rn, Rd, true, false); }
export function SUBS_addsub_ext(sf: u32, Rm: u32, option: u32, imm3: u32, Rn: u32, Rd: u32): void { addSubExtended(sf, Rm, option, imm3, Rn, Rd, true, true); }

// ---- Add/subtract with carry: AddWithCarry(n, m, C) and AddWithCarry(n, NOT(m), C).

@inline function addSubCarry(sf: u32, Rm: u32, Rn: u32, Rd: u32, sub: bool, setFlags: bool): void {
  if (sf) {
    const r = addWithCarry64(X(Rn), sub ? ~X(Rm) : X(Rm), carryFlag());
    if (setFlags) setNZCV(flags);
    setX(Rd, r);
  } else {
    const r = addWithCarry32(W(Rn), sub ? ~W(Rm) : W(Rm), carryFlag());
    if (setFlags) setNZCV(flags);
    setW(Rd, r);
  }
}

export function ADC_addsub_carry(sf: u32, Rm: u32, Rn: u32, Rd: u32): void { addSubCarry(sf, Rm, Rn, Rd, false, false); }
export function ADCS_addsub_carry(sf: u32, Rm: u32, Rn: u32, Rd: u32): void { addSubCarry(sf, Rm, Rn, Rd, false, true); }
export function SBC_addsub_carry(sf: u32, Rm: u32, Rn: u32, Rd: u32): void { addSubCarry(sf, Rm, Rn, Rd, true, false); }
export function SBCS_addsub_carry(sf: u32, Rm: u32, Rn: u32, Rd: u32): void { addSubCarry(sf, Rm, Rn, Rd, true, true); }

// ---- Conditional compare: the flags of the comparison when the condition holds, else the immediate nzcv.

@inline function conditionalCompare(sf: u32, n: u64, m: u64, cond: u32, nzcv: u32, sub: bool): void {
  if (!conditionHolds(cond)) { setNZCV(nzcv); return; }
  if (sf) addWithCarry64(n, sub ? ~m : m, sub ? 1 : 0);
  else addWithCarry32(<u32>n, sub ? ~<u32>m : <u32>m, sub ? 1 : 0);
  setNZCV(flags);
}

export function CCMN_condcmp_reg(sf: u32, Rm: u32, cond: u32, Rn: u32, nzcv: u32): void { conditionalCompare(sf, X(Rn), X(Rm), cond, nzcv, false); }
export function CCMP_condcmp_reg(sf: u32, Rm: u32, cond: u32, Rn: u32, nzcv: u32): void { conditionalCompare(sf, X(Rn), X(Rm), cond, nzcv, true); }
export function CCMN_condcmp_imm(sf: u32, imm5: u32, cond: u32, Rn: u32, nzcv: u32): void { conditionalCompare(sf, X(Rn), <u64>imm5, cond, nzcv, false); }
export function CCMP_condcmp_imm(sf: u32, imm5: u32, cond: u32, Rn: u32, nzcv: u32): void { conditionalCompare(sf, X(Rn), <u64>imm5, cond, nzcv, true); }

// ---- Conditional select: Rn when the condition holds, else Rm, Rm + 1, NOT(Rm) or -Rm.

@inline function writeSized(sf: u32, Rd: u32, r: u64): void { setX(Rd, sf ? r : r & 0xffffffff); }

export function CSEL_condsel(sf: u32, Rm: u32, cond: u32, Rn: u32, Rd: u32): void {
  writeSized(sf, Rd, conditionHolds(cond) ? X(Rn) : X(Rm));
}
export function CSINC_condsel(sf: u32, Rm: u32, cond: u32, Rn: u32, Rd: u32): void {
  writeSized(sf, Rd, conditionHolds(cond) ? X(Rn) : X(Rm) + 1);
}
export function CSINV_condsel(sf: u32, Rm: u32, cond: u32, Rn: u32, Rd: u32): void {
  writeSized(sf, Rd, conditionHolds(cond) ? X(Rn) : ~X(Rm));
}
export function CSNEG_condsel(sf: u32, Rm: u32, cond: u32, Rn: u32, Rd: u32): void {
  writeSized(sf, Rd, conditionHolds(cond) ? X(Rn) : 0 - X(Rm));
}

// ---- 3-source: multiply-add/subtract, widening 32x32 → 64, and the high half of a 64x64 → 128 product.

export function MADD_dp_3src(sf: u32, Rm: u32, Ra: u32, Rn: u32, Rd: u32): void { writeSized(sf, Rd, X(Ra) + X(Rn) * X(Rm)); }
export function MSUB_dp_3src(sf: u32, Rm: u32, Ra: u32, Rn: u32, Rd: u32): void { writeSized(sf, Rd, X(Ra) - X(Rn) * X(Rm)); }

@inline function signedProduct32(Rn: u32, Rm: u32): u64 { return <u64>(<i64><i32>W(Rn) * <i64><i32>W(Rm)); }
@inline function unsignedProduct32(Rn: u32, Rm: u32): u64 { return <u64>W(Rn) * <u64>W(Rm); }

export function SMADDL_dp_3src(Rm: u32, Ra: u32, Rn: u32, Rd: u32): void { setX(Rd, X(Ra) + signedProduct32(Rn, Rm)); }
export function SMSUBL_dp_3src(Rm: u32, Ra: u32, Rn: u32, Rd: u32): void { setX(Rd, X(Ra) - signedProduct32(Rn, Rm)); }
export function UMADDL_dp_3src(Rm: u32, Ra: u32, Rn: u32, Rd: u32): void { setX(Rd, X(Ra) + unsignedProduct32(Rn, Rm)); }
export function UMSUBL_dp_3src(Rm: u32, Ra: u32, Rn: u32, Rd: u32): void { setX(Rd, X(Ra) - unsignedProduct32(Rn, Rm)); }

/** Bits 127:64 of the unsigned 128-bit product, from 32-bit partial products (wasm has no 128-bit multiply). */
function unsignedMulHigh(a: u64, b: u64): u64 {
  const aLo = a & 0xffffffff, aHi = a >> 32, bLo = b & 0xffffffff, bHi = b >> 32;
  const lh = aLo * bHi, hl = aHi * bLo;
  const mid = ((aLo * bLo) >> 32) + (lh & 0xffffffff) + (hl & 0xffffffff);
  return aHi * bHi + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

export function UMULH_dp_3src(Rm: u32, Rn: u32, Rd: u32): void { setX(Rd, unsignedMulHigh(X(Rn), X(Rm))); }

// The signed high half: an operand read as unsigned is 2^64 too large when negative, which adds the other
// operand to the high half of the product; subtracting it back gives the signed result.
export function SMULH_dp_3src(Rm: u32, Rn: u32, Rd: u32): void {
  const n = X(Rn), m = X(Rm);
  let hi = unsignedMulHigh(n, m);
  if (<i64>n < 0) hi -= m;
  if (<i64>m < 0) hi -= n;
  setX(Rd, hi);
}
