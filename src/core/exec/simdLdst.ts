// Handlers of the AdvSIMD structure loads and stores (ARM ARM C6.3 LD1-LD4/ST1-ST4 multiple and single structures,
// LD1R-LD4R), with and without post-index. Loads build the registers in a scratch copy committed only without a fault.
import { setXSP, X } from '../state';
import { AccType, addressBase, memFault, readMem, writeMem } from '../vmem';
import { vreg } from './ldstCommon';

/** Up to four consecutive V registers (modulo 32) being loaded. */
const scratch: usize = memory.data(64, 16);

@inline function loadElem(p: usize, bytes: u32): u64 {
  if (bytes == 8) return load<u64>(p);
  if (bytes == 4) return <u64>load<u32>(p);
  if (bytes == 2) return <u64>load<u16>(p);
  return <u64>load<u8>(p);
}

@inline function storeElem(p: usize, bytes: u32, v: u64): void {
  if (bytes == 8) store<u64>(p, v);
  else if (bytes == 4) store<u32>(p, <u32>v);
  else if (bytes == 2) store<u16>(p, <u16>v);
  else store<u8>(p, <u8>v);
}

function fetchRegs(t: u32, count: u32): void {
  for (let r: u32 = 0; r < count; r++) memory.copy(scratch + (<usize>r << 4), vreg(t + r), 16);
}

function commitRegs(t: u32, count: u32): void {
  for (let r: u32 = 0; r < count; r++) memory.copy(vreg(t + r), scratch + (<usize>r << 4), 16);
}

/** Post-index writeback: by Xm, or by the bytes transferred when Rm is 31. */
@inline function writeback(n: u32, m: u32, address: u64, offs: u64): void {
  setXSP(n, address + (m != 31 ? X(m) : offs));
}

/**
 * LD1-LD4/ST1-ST4 (multiple structures): `rpt` repetitions of `selem`-element structures, interleaved
 * (AdvSIMD load/store multiple structures pseudocode). Registers of a 64-bit arrangement have their top half zeroed.
 */
function multiple(n: u32, t: u32, Q: u32, size: u32, rpt: u32, selem: u32, isLoad: bool, post: bool, m: u32): void {
  const address = addressBase(n);
  if (memFault) return;
  const ebytes: u32 = 1 << size;
  const elements: u32 = (Q ? 16 : 8) >> size;
  const regs = rpt * selem;
  if (isLoad) {
    fetchRegs(t, regs);
    if (!Q) for (let r: u32 = 0; r < regs; r++) store<u64>(scratch + (<usize>r << 4) + 8, 0);
  }
  let offs: u64 = 0;
  for (let r: u32 = 0; r < rpt; r++) {
    for (let e: u32 = 0; e < elements; e++) {
      for (let s: u32 = 0; s < selem; s++) {
        const lane = <usize>(e * ebytes);
        if (isLoad) {
          const v = readMem(address + offs, ebytes, AccType.Vec);
          storeElem(scratch + (<usize>(r + s) << 4) + lane, ebytes, v);
        } else {
          writeMem(address + offs, ebytes, loadElem(vreg(t + r + s) + lane, ebytes), AccType.Vec);
        }
        if (memFault) return;
        offs += ebytes;
      }
    }
  }
  if (isLoad) commitRegs(t, regs);
  if (post) writeback(n, m, address, offs);
}

/** LD1-LD4/ST1-ST4 (single structure): lane `index` of `selem` consecutive registers; the other lanes stay. */
function single(n: u32, t: u32, index: u32, scale: u32, selem: u32, isLoad: bool, post: bool, m: u32): void {
  const address = addressBase(n);
  if (memFault) return;
  const ebytes: u32 = 1 << scale;
  const lane = <usize>(index * ebytes);
  if (isLoad) fetchRegs(t, selem);
  let offs: u64 = 0;
  for (let s: u32 = 0; s < selem; s++) {
    if (isLoad) storeElem(scratch + (<usize>s << 4) + lane, ebytes, readMem(address + offs, ebytes, AccType.Vec));
    else writeMem(address + offs, ebytes, loadElem(vreg(t + s) + lane, ebytes), AccType.Vec);
    if (memFault) return;
    offs += ebytes;
  }
  if (isLoad) commitRegs(t, selem);
  if (post) writeback(n, m, address, offs);
}

/** LD1R-LD4R: one structure, each element replicated across its register (64-bit arrangements zero the top). */
function replicate(n: u32, t: u32, Q: u32, size: u32, selem: u32, post: bool, m: u32): void {
  const address = addressBase(n);
  if (memFault) return;
  const ebytes: u32 = 1 << size;
  let offs: u64 = 0;
  for (let s: u32 = 0; s < selem; s++) {
    let v = readMem(address + offs, ebytes, AccType.Vec);
    if (memFault) return;
    for (let w = ebytes; w < 8; w <<= 1) v |= v << (<u64>w << 3);
    store<u64>(scratch + (<usize>s << 4), v);
    store<u64>(scratch + (<usize>s << 4) + 8, Q ? v : 0);
    offs += ebytes;
  }
  commitRegs(t, selem);
  if (post) writeback(n, m, address, offs);
}


// asisdlse
export function ST4_asisdlse_R4(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 4, false, false, 31); }
export function ST1_asisdlse_R4(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 4, 1, false, false, 31); }
export function ST3_asisdlse_R3(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 3, false, false, 31); }
export function ST1_asisdlse_R3(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 3, 1, false, false, 31); }
export function ST1_asisdlse_R1(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 1, false, false, 31); }
export function ST2_asisdlse_R2(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 2, false, false, 31); }
export function ST1_asisdlse_R2(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 2, 1, false, false, 31); }
export function LD4_asisdlse_R4(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 4, true, false, 31); }
export function LD1_asisdlse_R4(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 4, 1, true, false, 31); }
export function LD3_asisdlse_R3(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 3, true, false, 31); }
export function LD1_asisdlse_R3(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 3, 1, true, false, 31); }
export function LD1_asisdlse_R1(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 1, true, false, 31); }
export function LD2_asisdlse_R2(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 2, true, false, 31); }
export function LD1_asisdlse_R2(Q: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 2, 1, true, false, 31); }

// asisdlsep
export function ST4_asisdlsep_R4(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 4, false, true, Rm); }
export function ST1_asisdlsep_R4(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 4, 1, false, true, Rm); }
export function ST3_asisdlsep_R3(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 3, false, true, Rm); }
export function ST1_asisdlsep_R3(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 3, 1, false, true, Rm); }
export function ST1_asisdlsep_R1(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 1, false, true, Rm); }
export function ST2_asisdlsep_R2(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 2, false, true, Rm); }
export function ST1_asisdlsep_R2(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 2, 1, false, true, Rm); }
export function LD4_asisdlsep_R4(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 4, true, true, Rm); }
export function LD1_asisdlsep_R4(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 4, 1, true, true, Rm); }
export function LD3_asisdlsep_R3(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 3, true, true, Rm); }
export function LD1_asisdlsep_R3(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 3, 1, true, true, Rm); }
export function LD1_asisdlsep_R1(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 1, true, true, Rm); }
export function LD2_asisdlsep_R2(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 1, 2, true, true, Rm); }
export function LD1_asisdlsep_R2(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { multiple(Rn, Rt, Q, size, 2, 1, true, true, Rm); }

// asisdlso
export function ST1_asisdlso_B(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 1, false, false, 31); }
export function ST1_asisdlso_H(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 1, false, false, 31); }
export function ST1_asisdlso_S(Q: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 1, false, false, 31); }
export function ST1_asisdlso_D(Q: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 1, false, false, 31); }
export function ST2_asisdlso_B(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 2, false, false, 31); }
export function ST2_asisdlso_H(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 2, false, false, 31); }
export function ST2_asisdlso_S(Q: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 2, false, false, 31); }
export function ST2_asisdlso_D(Q: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 2, false, false, 31); }
export function ST3_asisdlso_B(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 3, false, false, 31); }
export function ST3_asisdlso_H(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 3, false, false, 31); }
export function ST3_asisdlso_S(Q: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 3, false, false, 31); }
export function ST3_asisdlso_D(Q: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 3, false, false, 31); }
export function ST4_asisdlso_B(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 4, false, false, 31); }
export function ST4_asisdlso_H(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 4, false, false, 31); }
export function ST4_asisdlso_S(Q: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 4, false, false, 31); }
export function ST4_asisdlso_D(Q: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 4, false, false, 31); }
export function LD1_asisdlso_B(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 1, true, false, 31); }
export function LD1_asisdlso_H(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 1, true, false, 31); }
export function LD1_asisdlso_S(Q: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 1, true, false, 31); }
export function LD1_asisdlso_D(Q: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 1, true, false, 31); }
export function LD2_asisdlso_B(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 2, true, false, 31); }
export function LD2_asisdlso_H(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 2, true, false, 31); }
export function LD2_asisdlso_S(Q: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 2, true, false, 31); }
export function LD2_asisdlso_D(Q: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 2, true, false, 31); }
export function LD3_asisdlso_B(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 3, true, false, 31); }
export function LD3_asisdlso_H(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 3, true, false, 31); }
export function LD3_asisdlso_S(Q: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 3, true, false, 31); }
export function LD3_asisdlso_D(Q: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 3, true, false, 31); }
export function LD4_asisdlso_B(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 4, true, false, 31); }
export function LD4_asisdlso_H(Q: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 4, true, false, 31); }
export function LD4_asisdlso_S(Q: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 4, true, false, 31); }
export function LD4_asisdlso_D(Q: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 4, true, false, 31); }
export function LD1R_asisdlso(Q: u32, size: u32, Rn: u32, Rt: u32): void { replicate(Rn, Rt, Q, size, 1, false, 31); }
export function LD2R_asisdlso(Q: u32, size: u32, Rn: u32, Rt: u32): void { replicate(Rn, Rt, Q, size, 2, false, 31); }
export function LD3R_asisdlso(Q: u32, size: u32, Rn: u32, Rt: u32): void { replicate(Rn, Rt, Q, size, 3, false, 31); }
export function LD4R_asisdlso(Q: u32, size: u32, Rn: u32, Rt: u32): void { replicate(Rn, Rt, Q, size, 4, false, 31); }

// asisdlsop
export function ST1_asisdlsop_B(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 1, false, true, Rm); }
export function ST1_asisdlsop_H(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 1, false, true, Rm); }
export function ST1_asisdlsop_S(Q: u32, Rm: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 1, false, true, Rm); }
export function ST1_asisdlsop_D(Q: u32, Rm: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 1, false, true, Rm); }
export function ST2_asisdlsop_B(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 2, false, true, Rm); }
export function ST2_asisdlsop_H(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 2, false, true, Rm); }
export function ST2_asisdlsop_S(Q: u32, Rm: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 2, false, true, Rm); }
export function ST2_asisdlsop_D(Q: u32, Rm: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 2, false, true, Rm); }
export function ST3_asisdlsop_B(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 3, false, true, Rm); }
export function ST3_asisdlsop_H(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 3, false, true, Rm); }
export function ST3_asisdlsop_S(Q: u32, Rm: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 3, false, true, Rm); }
export function ST3_asisdlsop_D(Q: u32, Rm: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 3, false, true, Rm); }
export function ST4_asisdlsop_B(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 4, false, true, Rm); }
export function ST4_asisdlsop_H(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 4, false, true, Rm); }
export function ST4_asisdlsop_S(Q: u32, Rm: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 4, false, true, Rm); }
export function ST4_asisdlsop_D(Q: u32, Rm: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 4, false, true, Rm); }
export function LD1_asisdlsop_B(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 1, true, true, Rm); }
export function LD1_asisdlsop_H(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 1, true, true, Rm); }
export function LD1_asisdlsop_S(Q: u32, Rm: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 1, true, true, Rm); }
export function LD1_asisdlsop_D(Q: u32, Rm: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 1, true, true, Rm); }
export function LD2_asisdlsop_B(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 2, true, true, Rm); }
export function LD2_asisdlsop_H(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 2, true, true, Rm); }
export function LD2_asisdlsop_S(Q: u32, Rm: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 2, true, true, Rm); }
export function LD2_asisdlsop_D(Q: u32, Rm: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 2, true, true, Rm); }
export function LD3_asisdlsop_B(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 3, true, true, Rm); }
export function LD3_asisdlsop_H(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 3, true, true, Rm); }
export function LD3_asisdlsop_S(Q: u32, Rm: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 3, true, true, Rm); }
export function LD3_asisdlsop_D(Q: u32, Rm: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 3, true, true, Rm); }
export function LD4_asisdlsop_B(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 8 + S * 4 + size, 0, 4, true, true, Rm); }
export function LD4_asisdlsop_H(Q: u32, Rm: u32, S: u32, size: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 4 + S * 2 + (size >> 1), 1, 4, true, true, Rm); }
export function LD4_asisdlsop_S(Q: u32, Rm: u32, S: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q * 2 + S, 2, 4, true, true, Rm); }
export function LD4_asisdlsop_D(Q: u32, Rm: u32, Rn: u32, Rt: u32): void { single(Rn, Rt, Q, 3, 4, true, true, Rm); }
export function LD1R_asisdlsop(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { replicate(Rn, Rt, Q, size, 1, true, Rm); }
export function LD2R_asisdlsop(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { replicate(Rn, Rt, Q, size, 2, true, Rm); }
export function LD3R_asisdlsop(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { replicate(Rn, Rt, Q, size, 3, true, Rm); }
export function LD4R_asisdlsop(Q: u32, Rm: u32, size: u32, Rn: u32, Rt: u32): void { replicate(Rn, Rt, Q, size, 4, true, Rm); }
