// A64 forms the translating tier turns into WebAssembly, keyed by the table's form names: the integer
// data-processing instructions and the PC-relative branches (which end a block). Each follows the same ARM ARM
// pseudocode as its interpreter handler in src/core/exec; anything else ends the block and is interpreted.
import { Fields } from '../../arch/a64/encoding';
import { decodeBitMasks } from '../../arch/a64/pseudocode';
import { BlockBuilder, Terminal, W32, W64, Width, width } from './block';
import { Op } from './wasm';

/** What a translator did: emitted straight-line code, ended the block with a branch, or declined the word. */
export type Translated = 'next' | Terminal | undefined;
type Translator = (b: BlockBuilder, f: Fields) => Translated;

const mask = (bits: number): bigint => (1n << BigInt(bits)) - 1n;
const signExtend = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

/** AddWithCarry() with a constant carry-in: pops operands a and b, pushes the result; with `flags`, sets NZCV. */
function addWithCarry(b: BlockBuilder, w: Width, emitA: () => void, emitB: () => void, sub: boolean, flags: boolean): void {
  if (!flags) {
    emitA();
    emitB();
    b.op(sub ? w.sub : w.add);
    return;
  }
  b.withTemp(w.type, (ta) => b.withTemp(w.type, (tb) => b.withTemp(w.type, (tr) => {
    emitA();
    b.f.set(ta);
    emitB();
    if (sub) b.c(w, -1n).op(w.xor);
    b.f.tee(tb).get(ta).op(w.add);
    if (sub) b.c(w, 1n).op(w.add);
    b.f.set(tr);
    // N, Z, C (unsigned carry out: result below a, or not above it with a carry in), V (signed overflow).
    b.f.get(tr);
    if (w === W64) b.c64(32n).op(Op.I64ShrU, Op.I32WrapI64);
    b.c32(0x80000000).op(Op.I32And);
    b.f.get(tr);
    b.op(w.eqz).c32(30).op(Op.I32Shl, Op.I32Or);
    b.f.get(tr).get(ta);
    b.op(sub ? w.leU : w.ltU).c32(29).op(Op.I32Shl, Op.I32Or);
    b.f.get(ta).get(tr);
    b.op(w.xor);
    b.f.get(tb).get(tr);
    b.op(w.xor, w.and).c(w, BigInt(w.bits - 1)).op(w.shrU);
    if (w === W64) b.op(Op.I32WrapI64);
    b.c32(28).op(Op.I32Shl, Op.I32Or).setNZCV();
    b.f.get(tr);
  })));
}

/** Sets N and Z from the value on the stack (C and V clear) and leaves the value: the logical S forms. */
function logicalFlags(b: BlockBuilder, w: Width): void {
  b.withTemp(w.type, (t) => {
    b.f.tee(t);
    if (w === W64) b.c64(32n).op(Op.I64ShrU, Op.I32WrapI64);
    b.c32(0x80000000).op(Op.I32And);
    b.f.get(t);
    b.op(w.eqz).c32(30).op(Op.I32Shl, Op.I32Or).setNZCV();
    b.f.get(t);
  });
}

/** ShiftReg(): Xm shifted by a constant (LSL, LSR, ASR, ROR). */
function shiftedReg(b: BlockBuilder, w: Width, m: number, shift: number, amount: number): void {
  b.x(m, w);
  if (amount === 0) return;
  b.c(w, BigInt(amount)).op([w.shl, w.shrU, w.shrS, w.rotr][shift]);
}

/** ExtendReg(): Xm zero- or sign-extended from 8, 16, 32 or 64 bits, then shifted left. */
function extendedReg(b: BlockBuilder, w: Width, m: number, option: number, shift: number): void {
  b.x(m, W64);
  const len = 8 << (option & 3);
  if (len < 64) {
    if (option & 4) b.op([Op.I64Extend8S, Op.I64Extend16S, Op.I64Extend32S][option & 3]);
    else b.c64(mask(len)).op(Op.I64And);
  }
  if (shift) b.c64(BigInt(shift)).op(Op.I64Shl);
  if (w === W32) b.op(Op.I32WrapI64);
}

function addSubImmediate(sub: boolean, flags: boolean): Translator {
  return (b, f) => {
    const w = width(f.sf);
    const imm = BigInt(f.imm12) << (f.sh ? 12n : 0n);
    addWithCarry(b, w, () => b.xsp(f.Rn, w), () => b.c(w, imm), sub, flags);
    if (flags) b.setX(f.Rd, w); else b.setXSP(f.Rd, w);
    return 'next';
  };
}

function addSubShifted(sub: boolean, flags: boolean): Translator {
  return (b, f) => {
    const w = width(f.sf);
    addWithCarry(b, w, () => b.x(f.Rn, w), () => shiftedReg(b, w, f.Rm, f.shift, f.imm6), sub, flags);
    b.setX(f.Rd, w);
    return 'next';
  };
}

function addSubExtended(sub: boolean, flags: boolean): Translator {
  return (b, f) => {
    const w = width(f.sf);
    addWithCarry(b, w, () => b.xsp(f.Rn, w), () => extendedReg(b, w, f.Rm, f.option, f.imm3), sub, flags);
    if (flags) b.setX(f.Rd, w); else b.setXSP(f.Rd, w);
    return 'next';
  };
}

/** The logical operations by opc; BIC/ORN/EON/BICS invert the second operand. */
const LOGICAL_OPS = (w: Width): Op[] => [w.and, w.or, w.xor, w.and];

function logicalImmediate(opc: number): Translator {
  return (b, f) => {
    const w = width(f.sf);
    const imm = decodeBitMasks(f.N, f.imms, f.immr, true, w.bits);
    if (imm === undefined) return undefined;
    b.x(f.Rn, w).c(w, imm).op(LOGICAL_OPS(w)[opc]);
    if (opc === 3) logicalFlags(b, w);
    if (opc === 3) b.setX(f.Rd, w); else b.setXSP(f.Rd, w);
    return 'next';
  };
}

function logicalShifted(opc: number, invert: boolean): Translator {
  return (b, f) => {
    const w = width(f.sf);
    b.x(f.Rn, w);
    shiftedReg(b, w, f.Rm, f.shift, f.imm6);
    if (invert) b.c(w, -1n).op(w.xor);
    b.op(LOGICAL_OPS(w)[opc]);
    if (opc === 3) logicalFlags(b, w);
    b.setX(f.Rd, w);
    return 'next';
  };
}

function moveWide(kind: 'N' | 'Z' | 'K'): Translator {
  return (b, f) => {
    const w = width(f.sf);
    const pos = BigInt(f.hw * 16);
    const imm = BigInt(f.imm16) << pos;
    if (kind === 'K') b.x(f.Rd, w).c(w, ~(0xffffn << pos)).op(w.and).c(w, imm).op(w.or);
    else b.c(w, kind === 'N' ? ~imm & mask(w.bits) : imm);
    b.setX(f.Rd, w);
    return 'next';
  };
}

/** The tmask of DecodeBitMasks(immediate = FALSE), which the bitfield moves need besides the wmask. */
function bitfieldMasks(f: Fields, bits: number): { wmask: bigint; tmask: bigint } | undefined {
  const wmask = decodeBitMasks(f.N, f.imms, f.immr, false, bits);
  if (wmask === undefined) return undefined;
  const len = 31 - Math.clz32((f.N << 6) | (~f.imms & 0x3f));
  const levels = (1 << len) - 1;
  const diff = ((f.imms & levels) - (f.immr & levels)) & levels;
  const esize = 1 << len;
  let tmask = 0n;
  for (let i = 0; i < bits; i += esize) tmask |= mask(diff + 1) << BigInt(i);
  return { wmask, tmask };
}

function bitfield(kind: 'S' | 'B' | 'U'): Translator {
  return (b, f) => {
    const w = width(f.sf);
    const m = bitfieldMasks(f, w.bits);
    if (!m) return undefined;
    const { wmask, tmask } = m;
    const rotated = () => { b.x(f.Rn, w); if (f.immr) b.c(w, BigInt(f.immr)).op(w.rotr); };
    const not = (v: bigint) => ~v & mask(w.bits);
    if (kind === 'U') {
      rotated();
      b.c(w, wmask & tmask).op(w.and);
    } else if (kind === 'S') {
      // top = Replicate(src<imms>): shift the bit to the top and back arithmetically.
      b.x(f.Rn, w).c(w, BigInt(w.bits - 1 - f.imms)).op(w.shl).c(w, BigInt(w.bits - 1)).op(w.shrS).c(w, not(tmask)).op(w.and);
      rotated();
      b.c(w, wmask & tmask).op(w.and, w.or);
    } else {
      b.x(f.Rd, w).c(w, not(wmask & tmask)).op(w.and);
      rotated();
      b.c(w, wmask & tmask).op(w.and, w.or);
    }
    b.setX(f.Rd, w);
    return 'next';
  };
}

const EXTR: Translator = (b, f) => {
  const w = width(f.sf);
  if (f.imms === 0) b.x(f.Rm, w);
  else b.x(f.Rm, w).c(w, BigInt(f.imms)).op(w.shrU).x(f.Rn, w).c(w, BigInt(w.bits - f.imms)).op(w.shl, w.or);
  b.setX(f.Rd, w);
  return 'next';
};

const ADR: Translator = (b, f) => {
  b.pcPlus(signExtend((f.immhi << 2) | f.immlo, 21)).setX(f.Rd, W64);
  return 'next';
};

const ADRP: Translator = (b, f) => {
  const imm = BigInt(signExtend((f.immhi << 2) | f.immlo, 21)) << 12n;
  b.pcPlus(0).c64(~0xfffn).op(Op.I64And).c64(imm).op(Op.I64Add).setX(f.Rd, W64);
  return 'next';
};

function shiftVariable(op: (w: Width) => Op): Translator {
  return (b, f) => {
    const w = width(f.sf);
    b.x(f.Rn, w).x(f.Rm, w).op(op(w)).setX(f.Rd, w);
    return 'next';
  };
}

/** UDIV/SDIV: division by zero gives zero; SDIV of the most negative value by -1 wraps (ARM ARM, unlike wasm). */
function divide(signed: boolean): Translator {
  return (b, f) => {
    const w = width(f.sf);
    b.withTemp(w.type, (m) => {
      b.x(f.Rm, w);
      b.f.tee(m);
      b.op(w.eqz, Op.If, w.type).c(w, 0n).op(Op.Else);
      if (signed) {
        b.f.get(m);
        b.c(w, -1n).op(w === W64 ? Op.I64Eq : Op.I32Eq, Op.If, w.type).c(w, 0n).x(f.Rn, w).op(w.sub, Op.Else);
        b.x(f.Rn, w).f.get(m);
        b.op(w.divS, Op.End);
      } else {
        b.x(f.Rn, w).f.get(m);
        b.op(w.divU);
      }
      b.op(Op.End);
    });
    b.setX(f.Rd, w);
    return 'next';
  };
}

function multiplyAdd(sub: boolean): Translator {
  return (b, f) => {
    const w = width(f.sf);
    b.x(f.Ra, w).x(f.Rn, w).x(f.Rm, w).op(w.mul, sub ? w.sub : w.add).setX(f.Rd, w);
    return 'next';
  };
}

function multiplyAddLong(signed: boolean, sub: boolean): Translator {
  return (b, f) => {
    const ext = signed ? Op.I64ExtendI32S : Op.I64ExtendI32U;
    b.x(f.Ra, W64).x(f.Rn, W32).op(ext).x(f.Rm, W32).op(ext, Op.I64Mul, sub ? Op.I64Sub : Op.I64Add).setX(f.Rd, W64);
    return 'next';
  };
}

/** CSEL/CSINC/CSINV/CSNEG: Rn when the condition holds, else Rm transformed. */
function conditionalSelect(kind: 'SEL' | 'INC' | 'INV' | 'NEG'): Translator {
  return (b, f) => {
    const w = width(f.sf);
    b.x(f.Rn, w);
    if (kind === 'NEG') b.c(w, 0n);
    b.x(f.Rm, w);
    if (kind === 'INC') b.c(w, 1n).op(w.add);
    else if (kind === 'INV') b.c(w, -1n).op(w.xor);
    else if (kind === 'NEG') b.op(w.sub);
    b.cond(f.cond).op(Op.Select).setX(f.Rd, w);
    return 'next';
  };
}

/** CCMP/CCMN: the comparison's flags when the condition holds, else the immediate NZCV. */
function conditionalCompare(sub: boolean, immediate: boolean): Translator {
  return (b, f) => {
    const w = width(f.sf);
    b.cond(f.cond).op(Op.If, 0x40);
    addWithCarry(b, w, () => b.x(f.Rn, w), () => (immediate ? b.c(w, BigInt(f.imm5)) : b.x(f.Rm, w)), sub, true);
    b.op(Op.Drop, Op.Else).c32(f.nzcv << 28).setNZCV().op(Op.End);
    return 'next';
  };
}

const CLZ: Translator = (b, f) => {
  const w = width(f.sf);
  b.x(f.Rn, w).op(w.clz).setX(f.Rd, w);
  return 'next';
};

/** CountLeadingSignBits(x) = CountLeadingZeroBits(x<N-1:1> EOR x<N-2:0>). */
const CLS: Translator = (b, f) => {
  const w = width(f.sf);
  b.x(f.Rn, w).c(w, 1n).op(w.shrU).x(f.Rn, w).op(w.xor).c(w, mask(w.bits - 1)).op(w.and, w.clz).c(w, 1n).op(w.sub);
  b.setX(f.Rd, w);
  return 'next';
};

const branch = (offset: number, cond?: () => void, link?: boolean): Terminal => ({ offset, cond, link });

export const FORM_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ADR_pcreladdr: ADR,
  ADRP_pcreladdr: ADRP,
  ADD_addsub_imm: addSubImmediate(false, false),
  ADDS_addsub_imm: addSubImmediate(false, true),
  SUB_addsub_imm: addSubImmediate(true, false),
  SUBS_addsub_imm: addSubImmediate(true, true),
  AND_log_imm: logicalImmediate(0),
  ORR_log_imm: logicalImmediate(1),
  EOR_log_imm: logicalImmediate(2),
  ANDS_log_imm: logicalImmediate(3),
  MOVN_movewide: moveWide('N'),
  MOVZ_movewide: moveWide('Z'),
  MOVK_movewide: moveWide('K'),
  SBFM_bitfield: bitfield('S'),
  BFM_bitfield: bitfield('B'),
  UBFM_bitfield: bitfield('U'),
  EXTR_extract: EXTR,
  AND_log_shift: logicalShifted(0, false),
  BIC_log_shift: logicalShifted(0, true),
  ORR_log_shift: logicalShifted(1, false),
  ORN_log_shift: logicalShifted(1, true),
  EOR_log_shift: logicalShifted(2, false),
  EON_log_shift: logicalShifted(2, true),
  ANDS_log_shift: logicalShifted(3, false),
  BICS_log_shift: logicalShifted(3, true),
  ADD_addsub_shift: addSubShifted(false, false),
  ADDS_addsub_shift: addSubShifted(false, true),
  SUB_addsub_shift: addSubShifted(true, false),
  SUBS_addsub_shift: addSubShifted(true, true),
  ADD_addsub_ext: addSubExtended(false, false),
  ADDS_addsub_ext: addSubExtended(false, true),
  SUB_addsub_ext: addSubExtended(true, false),
  SUBS_addsub_ext: addSubExtended(true, true),
  LSLV_dp_2src: shiftVariable((w) => w.shl),
  LSRV_dp_2src: shiftVariable((w) => w.shrU),
  ASRV_dp_2src: shiftVariable((w) => w.shrS),
  RORV_dp_2src: shiftVariable((w) => w.rotr),
  UDIV_dp_2src: divide(false),
  SDIV_dp_2src: divide(true),
  MADD_dp_3src: multiplyAdd(false),
  MSUB_dp_3src: multiplyAdd(true),
  SMADDL_dp_3src: multiplyAddLong(true, false),
  SMSUBL_dp_3src: multiplyAddLong(true, true),
  UMADDL_dp_3src: multiplyAddLong(false, false),
  UMSUBL_dp_3src: multiplyAddLong(false, true),
  CSEL_condsel: conditionalSelect('SEL'),
  CSINC_condsel: conditionalSelect('INC'),
  CSINV_condsel: conditionalSelect('INV'),
  CSNEG_condsel: conditionalSelect('NEG'),
  CCMN_condcmp_reg: conditionalCompare(false, false),
  CCMP_condcmp_reg: conditionalCompare(true, false),
  CCMN_condcmp_imm: conditionalCompare(false, true),
  CCMP_condcmp_imm: conditionalCompare(true, true),
  CLZ_dp_1src: CLZ,
  CLS_dp_1src: CLS,
  NOP_hints: () => 'next',
  B_branch_imm: (_b, f) => branch(signExtend(f.imm26, 26) * 4),
  BL_branch_imm: (_b, f) => branch(signExtend(f.imm26, 26) * 4, undefined, true),
  B_only_condbranch: (b, f) => branch(signExtend(f.imm19, 19) * 4, () => b.cond(f.cond)),
  CBZ_compbranch: (b, f) => branch(signExtend(f.imm19, 19) * 4, () => { const w = width(f.sf); b.x(f.Rt, w).op(w.eqz); }),
  CBNZ_compbranch: (b, f) => branch(signExtend(f.imm19, 19) * 4, () => {
    const w = width(f.sf);
    b.x(f.Rt, w).op(w.eqz, Op.I32Eqz);
  }),
  TBZ_testbranch: (b, f) => branch(signExtend(f.imm14, 14) * 4, () => testBit(b, f, true)),
  TBNZ_testbranch: (b, f) => branch(signExtend(f.imm14, 14) * 4, () => testBit(b, f, false)),
};

function testBit(b: BlockBuilder, f: Fields, zero: boolean): void {
  b.x(f.Rt, W64).c64(BigInt((f.b5 << 5) | f.b40)).op(Op.I64ShrU).c64(1n).op(Op.I64And, Op.I64Eqz);
  if (!zero) b.op(Op.I32Eqz);
}
