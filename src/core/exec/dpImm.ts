// Handlers of Data Processing -- Immediate (ARM ARM C6.2: ADR, ADRP, ADD/SUB(S) immediate, logical immediate,
// MOVN/MOVZ/MOVK, SBFM/BFM/UBFM, EXTR), named after the table's forms, taking its fields in table order.
import { addWithCarry32, addWithCarry64, decodeBitMasks, flags, signExtend, tmask } from '../pseudocode';
import { PC, setNZCV, setW, setX, setXSP, X, XSP } from '../state';

export function ADR_pcreladdr(immlo: u32, immhi: u32, Rd: u32): void {
  setX(Rd, PC + signExtend((<u64>immhi << 2) | immlo, 21));
}

export function ADRP_pcreladdr(immlo: u32, immhi: u32, Rd: u32): void {
  setX(Rd, (PC & ~<u64>0xfff) + (signExtend((<u64>immhi << 2) | immlo, 21) << 12));
}

@inline function addSubImmediate(sf: u32, sh: u32, imm12: u32, Rn: u32, Rd: u32, sub: bool, setFlags: bool): void {
  const imm: u64 = sh ? <u64>imm12 << 12 : <u64>imm12;
  const n = XSP(Rn);
  if (sf) {
    const r = addWithCarry64(n, sub ? ~imm : imm, sub ? 1 : 0);
    if (setFlags) { setNZCV(flags); setX(Rd, r); } else setXSP(Rd, r);
  } else {
    const r = addWithCarry32(<u32>n, sub ? ~<u32>imm : <u32>imm, sub ? 1 : 0);
    if (setFlags) { setNZCV(flags); setW(Rd, r); } else setXSP(Rd, <u64>r);
  }
}

export function ADD_addsub_imm(sf: u32, sh: u32, imm12: u32, Rn: u32, Rd: u32): void { addSubImmediate(sf, sh, imm12, Rn, Rd, false, false); }
export function ADDS_addsub_imm(sf: u32, sh: u32, imm12: u32, Rn: u32, Rd: u32): void { addSubImmediate(sf, sh, imm12, Rn, Rd, false, true); }
export function SUB_addsub_imm(sf: u32, sh: u32, imm12: u32, Rn: u32, Rd: u32): void { addSubImmediate(sf, sh, imm12, Rn, Rd, true, false); }
export function SUBS_addsub_imm(sf: u32, sh: u32, imm12: u32, Rn: u32, Rd: u32): void { addSubImmediate(sf, sh, imm12, Rn, Rd, true, true); }

@inline function logicalResultFlags(r: u64, sf: u32): u32 {
  const n = sf ? <u32>(r >> 63) : <u32>(r >> 31) & 1;
  return (n << 3) | (r == 0 ? 4 : 0);
}

export function AND_log_imm(sf: u32, N: u32, immr: u32, imms: u32, Rn: u32, Rd: u32): void {
  const r = X(Rn) & decodeBitMasks(N, imms, immr, sf ? 64 : 32);
  setXSP(Rd, r);
}

export function ORR_log_imm(sf: u32, N: u32, immr: u32, imms: u32, Rn: u32, Rd: u32): void {
  setXSP(Rd, (X(Rn) | decodeBitMasks(N, imms, immr, sf ? 64 : 32)) & (sf ? <u64>-1 : 0xffffffff));
}

export function EOR_log_imm(sf: u32, N: u32, immr: u32, imms: u32, Rn: u32, Rd: u32): void {
  setXSP(Rd, (X(Rn) ^ decodeBitMasks(N, imms, immr, sf ? 64 : 32)) & (sf ? <u64>-1 : 0xffffffff));
}

export function ANDS_log_imm(sf: u32, N: u32, immr: u32, imms: u32, Rn: u32, Rd: u32): void {
  const r = X(Rn) & decodeBitMasks(N, imms, immr, sf ? 64 : 32);
  setNZCV(logicalResultFlags(r, sf));
  setX(Rd, r);
}

export function MOVN_movewide(sf: u32, hw: u32, imm16: u32, Rd: u32): void {
  const v = ~(<u64>imm16 << (hw << 4));
  setX(Rd, sf ? v : v & 0xffffffff);
}

export function MOVZ_movewide(sf: u32, hw: u32, imm16: u32, Rd: u32): void {
  setX(Rd, <u64>imm16 << (hw << 4));
}

export function MOVK_movewide(sf: u32, hw: u32, imm16: u32, Rd: u32): void {
  const pos = hw << 4;
  const v = (X(Rd) & ~(<u64>0xffff << pos)) | (<u64>imm16 << pos);
  setX(Rd, sf ? v : v & 0xffffffff);
}

@inline function rorBits(x: u64, r: u32, width: u32): u64 {
  if (r == 0) return x;
  const m: u64 = width == 64 ? <u64>-1 : 0xffffffff;
  return ((x >> r) | (x << (width - r))) & m;
}

// SBFM/BFM/UBFM share the ARM ARM's bitfield-move operation; they differ in what fills the bits outside.
export function SBFM_bitfield(sf: u32, N: u32, immr: u32, imms: u32, Rn: u32, Rd: u32): void {
  const width: u32 = sf ? 64 : 32;
  const wmask = decodeBitMasks(N, imms, immr, width);
  const t = tmask;
  const src = sf ? X(Rn) : X(Rn) & 0xffffffff;
  const bot = rorBits(src, immr, width) & wmask;
  const top: u64 = ((src >> imms) & 1) ? <u64>-1 : 0;
  const r = (top & ~t) | (bot & t);
  setX(Rd, sf ? r : r & 0xffffffff);
}

export function BFM_bitfield(sf: u32, N: u32, immr: u32, imms: u32, Rn: u32, Rd: u32): void {
  const width: u32 = sf ? 64 : 32;
  const wmask = decodeBitMasks(N, imms, immr, width);
  const t = tmask;
  const dst = X(Rd);
  const src = sf ? X(Rn) : X(Rn) & 0xffffffff;
  const bot = (dst & ~wmask) | (rorBits(src, immr, width) & wmask);
  const r = (dst & ~t) | (bot & t);
  setX(Rd, sf ? r : r & 0xffffffff);
}

export function UBFM_bitfield(sf: u32, N: u32, immr: u32, imms: u32, Rn: u32, Rd: u32): void {
  const width: u32 = sf ? 64 : 32;
  const wmask = decodeBitMasks(N, imms, immr, width);
  const t = tmask;
  const src = sf ? X(Rn) : X(Rn) & 0xffffffff;
  const r = rorBits(src, immr, width) & wmask & t;
  setX(Rd, sf ? r : r & 0xffffffff);
}

export function EXTR_extract(sf: u32, N: u32, Rm: u32, imms: u32, Rn: u32, Rd: u32): void {
  if (sf) {
    setX(Rd, imms == 0 ? X(Rm) : (X(Rm) >> imms) | (X(Rn) << (64 - imms)));
  } else {
    const concat = (X(Rn) << 32) | (X(Rm) & 0xffffffff);
    setX(Rd, (concat >> imms) & 0xffffffff);
  }
}
