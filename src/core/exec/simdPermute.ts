// Handlers of AdvSIMD permute (UZP1/2, TRN1/2, ZIP1/2), extract (EXT) and table lookup (TBL, TBX)
// (ARM ARM C4.1.96).
import { concatElem, elem, lanes, setRes, vbytes, writeV } from '../simd/elements';

export function UZP1_asimdperm(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { uzp(0, Q, size, Rm, Rn, Rd); }
export function UZP2_asimdperm(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { uzp(1, Q, size, Rm, Rn, Rd); }
export function TRN1_asimdperm(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { trn(0, Q, size, Rm, Rn, Rd); }
export function TRN2_asimdperm(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { trn(1, Q, size, Rm, Rn, Rd); }
export function ZIP1_asimdperm(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { zip(0, Q, size, Rm, Rn, Rd); }
export function ZIP2_asimdperm(Q: u32, size: u32, Rm: u32, Rn: u32, Rd: u32): void { zip(1, Q, size, Rm, Rn, Rd); }

/** UZP: the even (part 0) or odd (part 1) elements of Vm:Vn. */
function uzp(part: u32, Q: u32, size: u32, m: u32, n: u32, d: u32): void {
  const count = lanes(Q, size);
  for (let e: u32 = 0; e < count; e++) setRes(e, size, concatElem(n, m, 2 * e + part, count, size));
  writeV(d, vbytes(Q));
}

/** TRN: pairs made of element 2p+part of Vn then of Vm. */
function trn(part: u32, Q: u32, size: u32, m: u32, n: u32, d: u32): void {
  const pairs = lanes(Q, size) >> 1;
  for (let p: u32 = 0; p < pairs; p++) {
    setRes(2 * p, size, elem(n, 2 * p + part, size));
    setRes(2 * p + 1, size, elem(m, 2 * p + part, size));
  }
  writeV(d, vbytes(Q));
}

/** ZIP: interleaves the low (part 0) or high (part 1) halves of Vn and Vm. */
function zip(part: u32, Q: u32, size: u32, m: u32, n: u32, d: u32): void {
  const pairs = lanes(Q, size) >> 1, base = part * pairs;
  for (let p: u32 = 0; p < pairs; p++) {
    setRes(2 * p, size, elem(n, base + p, size));
    setRes(2 * p + 1, size, elem(m, base + p, size));
  }
  writeV(d, vbytes(Q));
}

/** EXT: bytes imm4 upwards of the concatenation Vm:Vn. */
export function EXT_asimdext(Q: u32, Rm: u32, imm4: u32, Rn: u32, Rd: u32): void {
  const count = vbytes(Q);
  for (let i: u32 = 0; i < count; i++) setRes(i, 0, concatElem(Rn, Rm, i + imm4, count, 0));
  writeV(Rd, count);
}

/** TBL/TBX: bytes of Vm index the table of len+1 consecutive registers from Vn; out-of-range gives 0 or keeps Vd. */
function tableLookup(extension: bool, Q: u32, m: u32, len: u32, n: u32, d: u32): void {
  const count = vbytes(Q), limit = (len + 1) << 4;
  for (let i: u32 = 0; i < count; i++) {
    const index = <u32>elem(m, i, 0);
    let r: u64 = extension ? elem(d, i, 0) : 0;
    if (index < limit) r = elem((n + (index >> 4)) & 31, index & 15, 0);
    setRes(i, 0, r);
  }
  writeV(d, count);
}

export function TBL_asimdtbl(Q: u32, Rm: u32, len: u32, Rn: u32, Rd: u32): void { tableLookup(false, Q, Rm, len, Rn, Rd); }
export function TBX_asimdtbl(Q: u32, Rm: u32, len: u32, Rn: u32, Rd: u32): void { tableLookup(true, Q, Rm, len, Rn, Rd); }
