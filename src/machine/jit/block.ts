// One translated block as a WebAssembly function (pc: i64, budget: i64) -> retired: i64. Guest registers live in
// locals for the whole block (loaded on entry, the written ones stored on exit and around the words it hands to
// the interpreter), NZCV in a local copy of PSTATE, and a block whose last branch targets its first word loops
// inside the function while the budget allows.
import { FunctionBody, ImportedFunction, moduleBytes, Op, ValType, VOID_BLOCK } from './wasm';

/** The core's jitStep(row, insn, pc, ps, retiredBefore) -> stop (src/core/jit.ts): function 0 of every block. */
const JIT_STEP: ImportedFunction = {
  name: 'jitStep', params: [ValType.I32, ValType.I32, ValType.I64, ValType.I32, ValType.I64], results: [ValType.I32],
};
const JIT_STEP_INDEX = 0;

/** Where the core keeps what a block reads and writes (byte addresses in its memory). */
export interface CoreLayout {
  readonly regs: number;
  readonly spBase: number;
  /** JIT_CTX: next PC (u64) at +0, PSTATE (u32) at +8. */
  readonly ctx: number;
}

const PARAM_PC = 0, PARAM_BUDGET = 1;
/** Local number of the current stack pointer among the register locals. */
export const SP_REG = 32;

/** The operations of one width, so that 32-bit and 64-bit forms share their translators. */
export interface Width {
  readonly type: ValType;
  readonly bits: 32 | 64;
  readonly add: Op; readonly sub: Op; readonly mul: Op; readonly and: Op; readonly or: Op; readonly xor: Op;
  readonly shl: Op; readonly shrU: Op; readonly shrS: Op; readonly rotr: Op; readonly clz: Op;
  readonly eqz: Op; readonly ltU: Op; readonly leU: Op; readonly divU: Op; readonly divS: Op;
}
export const W64: Width = {
  type: ValType.I64, bits: 64, add: Op.I64Add, sub: Op.I64Sub, mul: Op.I64Mul, and: Op.I64And, or: Op.I64Or, xor: Op.I64Xor,
  shl: Op.I64Shl, shrU: Op.I64ShrU, shrS: Op.I64ShrS, rotr: Op.I64Rotr, clz: Op.I64Clz, eqz: Op.I64Eqz,
  ltU: Op.I64LtU, leU: Op.I64LeU, divU: Op.I64DivU, divS: Op.I64DivS,
};
export const W32: Width = {
  type: ValType.I32, bits: 32, add: Op.I32Add, sub: Op.I32Sub, mul: Op.I32Mul, and: Op.I32And, or: Op.I32Or, xor: Op.I32Xor,
  shl: Op.I32Shl, shrU: Op.I32ShrU, shrS: Op.I32ShrS, rotr: Op.I32Rotr, clz: Op.I32Clz, eqz: Op.I32Eqz,
  ltU: Op.I32LtU, leU: Op.I32LeU, divU: Op.I32DivU, divS: Op.I32DivS,
};
export const width = (sf: number): Width => (sf ? W64 : W32);

/** How a block ends: a PC-relative branch (conditional or not), or falling through to the next word. */
export interface Terminal {
  /** Byte offset of the target from the branch. */
  readonly offset: number;
  /** Emits the i32 condition; absent for an unconditional branch. */
  readonly cond?: () => void;
  /** BL: X30 gets the address after the branch. */
  readonly link?: boolean;
}

export class BlockBuilder {
  readonly f = new FunctionBody(2);
  private readonly regLocals = new Map<number, number>();
  private readonly written = new Set<number>();
  private psLocal = -1;
  private psWritten = false;
  private readonly temps = new Map<ValType, number[]>();
  private readonly tempsInUse = new Map<ValType, number>();
  private readonly retired = this.f.local(ValType.I64);
  private readonly next = this.f.local(ValType.I64);
  private spAddr = -1;
  /** Where the guest registers must be stored (before a jitStep call) or loaded again (after): filled in by finish(). */
  private readonly syncPoints: { at: number; kind: 'flush' | 'reload' }[] = [];
  /** Words translated so far; the word being translated is at pc + 4 * words. */
  words = 0;
  /** Words translated to WebAssembly operations (the others call their interpreter handler). */
  native = 0;

  constructor(private readonly layout: CoreLayout) {}

  private regLocal(n: number): number {
    let l = this.regLocals.get(n);
    if (l === undefined) {
      l = this.f.local(ValType.I64);
      this.regLocals.set(n, l);
    }
    return l;
  }

  /** Pushes Xn (register 31 reads as zero) at width w. */
  x(n: number, w: Width): this {
    if (n === 31) return w === W64 ? this.c64(0n) : this.c32(0);
    return this.reg(n, w);
  }

  /** Pushes Xn|SP at width w. */
  xsp(n: number, w: Width): this { return this.reg(n === 31 ? SP_REG : n, w); }

  private reg(n: number, w: Width): this {
    this.f.get(this.regLocal(n));
    if (w === W32) this.f.op(Op.I32WrapI64);
    return this;
  }

  /** Pops a value of width w into Xn (register 31 discards it; a 32-bit result is zero-extended). */
  setX(n: number, w: Width): this {
    if (n === 31) { this.f.op(Op.Drop); return this; }
    return this.setReg(n, w);
  }

  setXSP(n: number, w: Width): this { return this.setReg(n === 31 ? SP_REG : n, w); }

  private setReg(n: number, w: Width): this {
    if (w === W32) this.f.op(Op.I64ExtendI32U);
    this.f.set(this.regLocal(n));
    this.written.add(n);
    return this;
  }

  c64(v: bigint): this { this.f.i64(v); return this; }
  c32(v: number): this { this.f.i32(v); return this; }
  /** A constant of width w. */
  c(w: Width, v: bigint): this { return w === W64 ? this.c64(v) : this.c32(Number(BigInt.asIntN(32, v))); }
  op(...ops: number[]): this { this.f.op(...ops); return this; }

  /** Pushes the address of the word being translated, plus `delta`. */
  pcPlus(delta: number): this {
    this.f.get(PARAM_PC);
    const d = BigInt(this.words * 4 + delta);
    if (d !== 0n) this.f.i64(d).op(Op.I64Add);
    return this;
  }

  /** A scratch local of type t for the duration of `use`. */
  withTemp<T>(t: ValType, use: (local: number) => T): T {
    const depth = this.tempsInUse.get(t) ?? 0;
    let pool = this.temps.get(t);
    if (!pool) this.temps.set(t, (pool = []));
    if (pool.length <= depth) pool.push(this.f.local(t));
    this.tempsInUse.set(t, depth + 1);
    try {
      return use(pool[depth]);
    } finally {
      this.tempsInUse.set(t, depth);
    }
  }

  /** The local holding PSTATE (NZCV in bits 31:28). */
  ps(): number {
    if (this.psLocal < 0) this.psLocal = this.f.local(ValType.I32);
    return this.psLocal;
  }

  /** Pops an i32 holding N:Z:C:V in bits 31:28 (other bits zero) into PSTATE.NZCV. */
  setNZCV(): this {
    const ps = this.ps();
    this.f.get(ps).i32(0x0fffffff).op(Op.I32And, Op.I32Or).set(ps);
    this.psWritten = true;
    return this;
  }

  /** Pushes ConditionHolds(cond) as an i32 (ARM ARM ConditionHolds()). */
  cond(cond: number): this {
    const ps = this.ps();
    const bit = (n: number) => this.f.get(ps).i32(n).op(Op.I32ShrU).i32(1).op(Op.I32And);
    switch (cond >> 1) {
      case 0: bit(30); break;
      case 1: bit(29); break;
      case 2: bit(31); break;
      case 3: bit(28); break;
      case 4: this.f.get(ps).i32(29).op(Op.I32ShrU).i32(3).op(Op.I32And).i32(1).op(Op.I32Eq); break;
      case 5: bit(31); bit(28); this.f.op(Op.I32Xor, Op.I32Eqz); break;
      case 6:
        this.f.get(ps).i32(31).op(Op.I32ShrU).get(ps).i32(28).op(Op.I32ShrU, Op.I32Xor).get(ps).i32(30).op(Op.I32ShrU, Op.I32Or)
          .i32(1).op(Op.I32And, Op.I32Eqz);
        break;
      default: this.f.i32(1); return this;
    }
    if (cond & 1) this.f.op(Op.I32Eqz);
    return this;
  }

  /**
   * A word without a translation: its interpreter handler runs through jitStep with the guest registers in memory.
   * The block leaves after it when it branched, trapped or changed what the block assumes; `last` ends the block
   * there in any case (a branch to a register, an exception-generating instruction).
   */
  interpret(row: number, insn: number, last: boolean): void {
    const f = this.f;
    const ps = this.ps();
    this.syncPoints.push({ at: f.code.length, kind: 'flush' });
    f.i32(row).i32(insn);
    this.pcPlus(0);
    f.get(ps).get(this.retired).i64(BigInt(this.words)).op(Op.I64Add).op(Op.Call, JIT_STEP_INDEX);
    this.withTemp(ValType.I32, (stop) => {
      f.set(stop);
      this.syncPoints.push({ at: f.code.length, kind: 'reload' });
      this.psWritten = true;
      const leave = () => {
        f.get(this.retired).i64(BigInt(this.words + 1)).op(Op.I64Add).set(this.retired);
        f.i32(0).mem(Op.I64Load, this.layout.ctx).set(this.next);
      };
      if (last) {
        leave();
        f.op(Op.Br, 1);
      } else {
        f.get(stop).op(Op.If, VOID_BLOCK);
        leave();
        f.op(Op.Br, 2, Op.End);
      }
    });
  }

  /** Stores every register the block writes (its locals are the truth until then). */
  private flushCode(): number[] {
    const f = new FunctionBody(0);
    const { regs, spBase } = this.layout;
    for (const n of this.written) {
      const l = this.regLocals.get(n)!;
      if (n === SP_REG) f.get(this.spAddr).get(l).mem(Op.I64Store, spBase);
      else f.i32(0).get(l).mem(Op.I64Store, regs + n * 8);
    }
    return f.code;
  }

  /** Loads every register the block uses, and PSTATE, as the interpreter handler left them. */
  private reloadCode(): number[] {
    const f = new FunctionBody(0);
    const { regs, spBase, ctx } = this.layout;
    for (const [n, l] of this.regLocals) {
      if (n === SP_REG) f.get(this.spAddr).mem(Op.I64Load, spBase);
      else f.i32(0).mem(Op.I64Load, regs + n * 8);
      f.set(l);
    }
    f.i32(0).mem(Op.I32Load, ctx + 8).set(this.ps());
    return f.code;
  }

  /** The module for the block, ending with `terminal` after `words` translated words. */
  finish(terminal: Terminal | undefined): Uint8Array {
    const n = this.words + (terminal ? 1 : 0);
    const f = this.f;
    const body = f.code.splice(0);
    // The condition may read registers and flags: emit it first, so that the prologue loads them.
    let condCode: number[] | undefined;
    if (terminal?.cond) {
      terminal.cond();
      condCode = f.code.splice(0);
    }
    const selfLoop = terminal !== undefined && terminal.offset === -this.words * 4;
    if (terminal?.link) this.regLocal(30);
    this.prologue();
    // block $exit (a word handed to the interpreter may leave early) / loop $top (a branch to the block's start).
    f.op(Op.Block, VOID_BLOCK, Op.Loop, VOID_BLOCK);
    let from = 0;
    for (const p of this.syncPoints) {
      f.code.push(...body.slice(from, p.at), ...(p.kind === 'flush' ? this.flushCode() : this.reloadCode()));
      from = p.at;
    }
    f.code.push(...body.slice(from));
    f.get(this.retired).i64(BigInt(n)).op(Op.I64Add).set(this.retired);
    if (!terminal) {
      this.pcPlus(0).f.set(this.next);
    } else {
      const taken = () => {
        if (selfLoop) {
          f.get(PARAM_BUDGET).get(this.retired).op(Op.I64Sub).i64(BigInt(n)).op(Op.I64GeU).op(Op.BrIf, condCode ? 1 : 0);
          f.get(PARAM_PC).set(this.next);
          return;
        }
        // BranchTo(): a target whose bits 63:55 differ from the branch's goes through AArch64.BranchAddr() in
        // the interpreter, which re-executes the branch.
        this.withTemp(ValType.I64, (target) => {
          this.pcPlus(terminal.offset).f.tee(target);
          this.pcPlus(0).op(Op.I64Xor).c64(55n).op(Op.I64ShrU, Op.I64Eqz, Op.If, VOID_BLOCK);
          if (terminal.link) { this.pcPlus(4); this.setX(30, W64); }
          f.get(target).set(this.next).op(Op.Else);
          this.pcPlus(0).f.set(this.next).get(this.retired).i64(1n).op(Op.I64Sub).set(this.retired).op(Op.End);
        });
      };
      if (condCode) {
        f.code.push(...condCode);
        f.op(Op.If, VOID_BLOCK);
        taken();
        f.op(Op.Else);
        this.pcPlus(4).f.set(this.next);
        f.op(Op.End);
      } else {
        taken();
      }
    }
    f.op(Op.End, Op.End);
    this.epilogue();
    return moduleBytes([ValType.I64, ValType.I64], [ValType.I64], f, [JIT_STEP]);
  }

  private prologue(): void {
    const f = this.f;
    const { regs, spBase, ctx } = this.layout;
    if (this.psLocal >= 0 || this.regLocals.has(SP_REG)) f.i32(0).mem(Op.I32Load, ctx + 8).set(this.ps());
    if (this.regLocals.has(SP_REG)) {
      // The SP that PSTATE.SPSel and the EL select: SP_EL0, or SP_ELx for M[0] = 1 (state.ts spSlot()).
      this.spAddr = f.local(ValType.I32);
      f.get(this.ps()).i32(1).op(Op.I32And).get(this.ps()).i32(1).op(Op.I32Shl).i32(0x18).op(Op.I32And, Op.I32Mul)
        .set(this.spAddr);
    }
    for (const [n, l] of this.regLocals) {
      if (n === SP_REG) f.get(this.spAddr).mem(Op.I64Load, spBase);
      else f.i32(0).mem(Op.I64Load, regs + n * 8);
      f.set(l);
    }
  }

  private epilogue(): void {
    const f = this.f;
    const { regs, spBase, ctx } = this.layout;
    for (const n of this.written) {
      const l = this.regLocals.get(n)!;
      if (n === SP_REG) f.get(this.spAddr).get(l).mem(Op.I64Store, spBase);
      else f.i32(0).get(l).mem(Op.I64Store, regs + n * 8);
    }
    if (this.psWritten) f.i32(0).get(this.ps()).mem(Op.I32Store, ctx + 8);
    f.i32(0).get(this.next).mem(Op.I64Store, ctx);
    f.get(this.retired);
  }
}
