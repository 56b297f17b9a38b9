// Handlers of the conversions between floating-point and integer (ARM ARM C7: FCVT[NPMZA][SU], SCVTF/UCVTF
// with and without fixed point, FMOV general, FJCVTZS).
import { fixedToFP, fpToFixed, fpToFixedJS, jsZ } from '../fp/convert';
import { fpRoundingMode, RA, RM, RN, RP, RZ } from '../fp/core';
import { elem, fpcrArith, ftypeBits, setElem, setScalar } from '../fp/vreg';
import { FPCR, setNZCV, setX, X } from '../state';

@inline function toInt(sf: u32, ftype: u32, Rn: u32, Rd: u32, fbits: u32, unsigned: bool, rounding: u32): void {
  const N = ftypeBits(ftype);
  setX(Rd, fpToFixed(elem(Rn, 0, N), N, fbits, unsigned, sf ? 64 : 32, fpcrArith(), rounding));
}

@inline function fromInt(sf: u32, ftype: u32, Rn: u32, Rd: u32, fbits: u32, unsigned: bool): void {
  const N = ftypeBits(ftype);
  setScalar(Rd, fixedToFP(X(Rn), sf ? 64 : 32, fbits, unsigned, N, fpcrArith(), fpRoundingMode(FPCR)), N);
}

export function SCVTF_float2fix(sf: u32, ftype: u32, scale: u32, Rn: u32, Rd: u32): void { fromInt(sf, ftype, Rn, Rd, 64 - scale, false); }
export function UCVTF_float2fix(sf: u32, ftype: u32, scale: u32, Rn: u32, Rd: u32): void { fromInt(sf, ftype, Rn, Rd, 64 - scale, true); }
export function FCVTZS_float2fix(sf: u32, ftype: u32, scale: u32, Rn: u32, Rd: u32): void { toInt(sf, ftype, Rn, Rd, 64 - scale, false, RZ); }
export function FCVTZU_float2fix(sf: u32, ftype: u32, scale: u32, Rn: u32, Rd: u32): void { toInt(sf, ftype, Rn, Rd, 64 - scale, true, RZ); }

export function FCVTNS_float2int(sf: u32, ftype: u32, Rn: u32, Rd: u32): void { toInt(sf, ftype, Rn, Rd, 0, false, RN); }
export function FCVTNU_float2int(sf: u32, ftype: u32, Rn: u32, Rd: u32): void { toInt(sf, ftype, Rn, Rd, 0, true, RN); }
export function FCVTAS_float2int(sf: u32, ftype: u32, Rn: u32, Rd: u32): void { toInt(sf, ftype, Rn, Rd, 0, false, RA); }
export function FCVTAU_float2int(sf: u32, ftype: u32, Rn: u32, Rd: u32): void { toInt(sf, ftype, Rn, Rd, 0, true, RA); }
export function FCVTPS_float2int(sf: u32, ftype: u32, Rn: u32, Rd: u32): void { toInt(sf, ftype, Rn, Rd, 0, false, RP); }
export function FCVTPU_float2int(sf: u32, ftype: u32, Rn: u32, Rd: u32): void { toInt(sf, ftype, Rn, Rd, 0, true, RP); }
export function FCVTMS_float2int(sf: u32, ftype: u32, Rn: u32, Rd: u32): void { toInt(sf, ftype, Rn, Rd, 0, false, RM); }
export function FCVTMU_float2int(sf: u32, ftype: u32, Rn: u32, Rd: u32): void { toInt(sf, ftype, Rn, Rd, 0, true, RM); }
export function FCVTZS_float2int(sf: u32, ftype: u32, Rn: u32, Rd: u32): void { toInt(sf, ftype, Rn, Rd, 0, false, RZ); }
export function FCVTZU_float2int(sf: u32, ftype: u32, Rn: u32, Rd: u32): void { toInt(sf, ftype, Rn, Rd, 0, true, RZ); }
export function SCVTF_float2int(sf: u32, ftype: u32, Rn: u32, Rd: u32): void { fromInt(sf, ftype, Rn, Rd, 0, false); }
export function UCVTF_float2int(sf: u32, ftype: u32, Rn: u32, Rd: u32): void { fromInt(sf, ftype, Rn, Rd, 0, true); }

/** FMOV to a general register: the low 16/32/64 bits of Vn, zero-extended. */
export function FMOV_float2int_to_gpr(sf: u32, ftype: u32, Rn: u32, Rd: u32): void {
  setX(Rd, elem(Rn, 0, ftypeBits(ftype)));
}

/** FMOV from a general register: V[d] = ZeroExtend(Xn<N-1:0>). */
export function FMOV_float2int_from_gpr(sf: u32, ftype: u32, Rn: u32, Rd: u32): void {
  const N = ftypeBits(ftype);
  setScalar(Rd, X(Rn), N);
}

export function FMOV_float2int_from_top(Rn: u32, Rd: u32): void { setX(Rd, elem(Rn, 1, 64)); }
export function FMOV_float2int_to_top(Rn: u32, Rd: u32): void { setElem(Rd, 1, 64, X(Rn)); }

export function FJCVTZS_float2int(Rn: u32, Rd: u32): void {
  const r = fpToFixedJS(elem(Rn, 0, 64), fpcrArith());
  setX(Rd, <u64>r);
  setNZCV(jsZ << 2);
}
