// Handlers of load/store pair (ARM ARM C6.2 LDP/STP, LDNP/STNP, LDPSW, and their SIMD&FP forms) in the offset,
// pre-index and post-index groups. Both accesses are made before any register is written, so a fault changes none.
import { setX, setXSP, X } from '../state';
import { AccType, addressBase, memFault, readMem, writeMem } from '../vmem';
import { Index, readVec, setV128, storeV, vecHi } from './ldstCommon';
import { signExtend } from '../pseudocode';

/** The pair-wide offset: imm7 scaled by the element size. */
@inline function pairOffset(imm7: u32, scale: u32): u64 { return signExtend(<u64>imm7, 7) << scale; }

@inline function writeback(n: u32, address: u64, offset: u64, index: u32): void {
  if (index != Index.Offset) setXSP(n, index == Index.Post ? address + offset : address);
}

/**
 * GP pair of `bytes`-sized registers. Loads write Rt2 then Rt, so with Rt == Rt2 (CONSTRAINED UNPREDICTABLE) Rt
 * gets the first element, and writeback comes last, so with Rn == Rt or Rt2 the address wins: both as QEMU does.
 */
@inline function pairGPR(n: u32, t: u32, t2: u32, imm7: u32, bytes: u32, index: u32, isLoad: bool, signed: bool, acctype: u32): void {
  const offset = pairOffset(imm7, bytes == 8 ? 3 : 2);
  let address = addressBase(n);
  if (memFault) return;
  if (index != Index.Post) address += offset;
  if (isLoad) {
    let v1 = readMem(address, bytes, acctype);
    let v2 = readMem(address + bytes, bytes, acctype);
    if (memFault) return;
    if (signed) { v1 = signExtend(v1, 32); v2 = signExtend(v2, 32); }
    setX(t2, v2);
    setX(t, v1);
  } else {
    const d1 = X(t), d2 = X(t2);
    writeMem(address, bytes, d1, acctype);
    writeMem(address + bytes, bytes, d2, acctype);
    if (memFault) return;
  }
  writeback(n, address, offset, index);
}

/** FP/SIMD pair (S, D or Q by opc); loads write Vt then Vt2, so Vt2 wins when they coincide (as QEMU does). */
@inline function pairFP(n: u32, t: u32, t2: u32, imm7: u32, opc: u32, index: u32, isLoad: bool, acctype: u32): void {
  const scale = 2 + opc;
  const bytes: u32 = 1 << scale;
  const offset = pairOffset(imm7, scale);
  let address = addressBase(n);
  if (memFault) return;
  if (index != Index.Post) address += offset;
  if (isLoad) {
    const lo1 = readVec(address, bytes, acctype), hi1 = vecHi;
    const lo2 = readVec(address + bytes, bytes, acctype), hi2 = vecHi;
    if (memFault) return;
    setV128(t, lo1, hi1);
    setV128(t2, lo2, hi2);
  } else {
    storeV(address, t, bytes, acctype);
    storeV(address + bytes, t2, bytes, acctype);
    if (memFault) return;
  }
  writeback(n, address, offset, index);
}


// ldstnapair_offs
export function STNP_ldstnapair_offs(sf: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairGPR(Rn, Rt, Rt2, imm7, 4 << sf, Index.Offset, false, false, AccType.Stream); }
export function STNP_fpsimd_ldstnapair_offs(opc: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairFP(Rn, Rt, Rt2, imm7, opc, Index.Offset, false, AccType.VecStream); }
export function LDNP_ldstnapair_offs(sf: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairGPR(Rn, Rt, Rt2, imm7, 4 << sf, Index.Offset, true, false, AccType.Stream); }
export function LDNP_fpsimd_ldstnapair_offs(opc: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairFP(Rn, Rt, Rt2, imm7, opc, Index.Offset, true, AccType.VecStream); }

// ldstpair_post
export function STP_ldstpair_post(sf: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairGPR(Rn, Rt, Rt2, imm7, 4 << sf, Index.Post, false, false, AccType.Normal); }
export function STP_fpsimd_ldstpair_post(opc: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairFP(Rn, Rt, Rt2, imm7, opc, Index.Post, false, AccType.Vec); }
export function LDP_ldstpair_post(sf: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairGPR(Rn, Rt, Rt2, imm7, 4 << sf, Index.Post, true, false, AccType.Normal); }
export function LDP_fpsimd_ldstpair_post(opc: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairFP(Rn, Rt, Rt2, imm7, opc, Index.Post, true, AccType.Vec); }
export function LDPSW_ldstpair_post(imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairGPR(Rn, Rt, Rt2, imm7, 4, Index.Post, true, true, AccType.Normal); }

// ldstpair_off
export function STP_ldstpair_off(sf: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairGPR(Rn, Rt, Rt2, imm7, 4 << sf, Index.Offset, false, false, AccType.Normal); }
export function STP_fpsimd_ldstpair_off(opc: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairFP(Rn, Rt, Rt2, imm7, opc, Index.Offset, false, AccType.Vec); }
export function LDP_ldstpair_off(sf: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairGPR(Rn, Rt, Rt2, imm7, 4 << sf, Index.Offset, true, false, AccType.Normal); }
export function LDP_fpsimd_ldstpair_off(opc: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairFP(Rn, Rt, Rt2, imm7, opc, Index.Offset, true, AccType.Vec); }
export function LDPSW_ldstpair_off(imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairGPR(Rn, Rt, Rt2, imm7, 4, Index.Offset, true, true, AccType.Normal); }

// ldstpair_pre
export function STP_ldstpair_pre(sf: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairGPR(Rn, Rt, Rt2, imm7, 4 << sf, Index.Pre, false, false, AccType.Normal); }
export function STP_fpsimd_ldstpair_pre(opc: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairFP(Rn, Rt, Rt2, imm7, opc, Index.Pre, false, AccType.Vec); }
export function LDP_ldstpair_pre(sf: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairGPR(Rn, Rt, Rt2, imm7, 4 << sf, Index.Pre, true, false, AccType.Normal); }
export function LDP_fpsimd_ldstpair_pre(opc: u32, imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairFP(Rn, Rt, Rt2, imm7, opc, Index.Pre, true, AccType.Vec); }
export function LDPSW_ldstpair_pre(imm7: u32, Rt2: u32, Rn: u32, Rt: u32): void { pairGPR(Rn, Rt, Rt2, imm7, 4, Index.Pre, true, true, AccType.Normal); }
