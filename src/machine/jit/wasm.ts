// A minimal WebAssembly binary writer for the translating tier: one function per module, importing the core's
// memory and functions, with the opcodes the A64 translator uses.

export const enum Op {
  Block = 0x02, Loop = 0x03, If = 0x04, Else = 0x05, End = 0x0b, Br = 0x0c, BrIf = 0x0d, Return = 0x0f, Call = 0x10,
  Drop = 0x1a, Select = 0x1b,
  LocalGet = 0x20, LocalSet = 0x21, LocalTee = 0x22,
  I32Load = 0x28, I64Load = 0x29, I32Store = 0x36, I64Store = 0x37,
  I32Const = 0x41, I64Const = 0x42,
  I32Eqz = 0x45, I32Eq = 0x46, I32Ne = 0x47, I32LtU = 0x49, I32GtU = 0x4b, I32LeU = 0x4d, I32GeU = 0x4f,
  I64Eqz = 0x50, I64Eq = 0x51, I64Ne = 0x52, I64LtU = 0x54, I64GtU = 0x56, I64LeU = 0x58, I64GeU = 0x5a,
  I32Clz = 0x67, I32Add = 0x6a, I32Sub = 0x6b, I32Mul = 0x6c, I32DivS = 0x6d, I32DivU = 0x6e,
  I32And = 0x71, I32Or = 0x72, I32Xor = 0x73, I32Shl = 0x74, I32ShrS = 0x75, I32ShrU = 0x76, I32Rotr = 0x78,
  I64Clz = 0x79, I64Add = 0x7c, I64Sub = 0x7d, I64Mul = 0x7e, I64DivS = 0x7f, I64DivU = 0x80,
  I64And = 0x83, I64Or = 0x84, I64Xor = 0x85, I64Shl = 0x86, I64ShrS = 0x87, I64ShrU = 0x88, I64Rotr = 0x8a,
  I32WrapI64 = 0xa7, I64ExtendI32S = 0xac, I64ExtendI32U = 0xad,
  I32Extend8S = 0xc0, I32Extend16S = 0xc1, I64Extend8S = 0xc2, I64Extend16S = 0xc3, I64Extend32S = 0xc4,
}

export const enum ValType { I32 = 0x7f, I64 = 0x7e }
/** Block type of a structured instruction without a result. */
export const VOID_BLOCK = 0x40;

export function uleb(out: number[], v: number): void {
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
}

export function sleb(out: number[], v: bigint): void {
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) { out.push(b); return; }
    out.push(b | 0x80);
  }
}

/** The body of one function: its locals (after the parameters) and its code. */
export class FunctionBody {
  readonly code: number[] = [];
  private readonly locals: ValType[] = [];

  constructor(private readonly paramCount: number) {}

  local(type: ValType): number {
    this.locals.push(type);
    return this.paramCount + this.locals.length - 1;
  }

  op(...bytes: number[]): this { this.code.push(...bytes); return this; }
  get(l: number): this { this.code.push(Op.LocalGet); uleb(this.code, l); return this; }
  set(l: number): this { this.code.push(Op.LocalSet); uleb(this.code, l); return this; }
  tee(l: number): this { this.code.push(Op.LocalTee); uleb(this.code, l); return this; }
  i32(v: number): this { this.code.push(Op.I32Const); sleb(this.code, BigInt(v | 0)); return this; }
  i64(v: bigint): this { this.code.push(Op.I64Const); sleb(this.code, BigInt.asIntN(64, v)); return this; }
  /** A load or store with natural alignment at a constant address offset from the i32 on the stack. */
  mem(op: Op.I32Load | Op.I64Load | Op.I32Store | Op.I64Store, offset: number): this {
    this.code.push(op, op === Op.I64Load || op === Op.I64Store ? 3 : 2);
    uleb(this.code, offset);
    return this;
  }

  encode(): number[] {
    const out: number[] = [];
    const groups: [number, ValType][] = [];
    for (const t of this.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    uleb(out, groups.length);
    for (const [n, t] of groups) { uleb(out, n); out.push(t); }
    out.push(...this.code, Op.End);
    const sized: number[] = [];
    uleb(sized, out.length);
    return sized.concat(out);
  }
}

function section(out: number[], id: number, content: number[]): void {
  out.push(id);
  uleb(out, content.length);
  out.push(...content);
}

function name(out: number[], s: string): void {
  uleb(out, s.length);
  for (const c of s) out.push(c.charCodeAt(0));
}

/** A function the module imports from `env`. */
export interface ImportedFunction { readonly name: string; readonly params: ValType[]; readonly results: ValType[] }

function funcType(out: number[], params: ValType[], results: ValType[]): void {
  out.push(0x60);
  uleb(out, params.length); out.push(...params);
  uleb(out, results.length); out.push(...results);
}

/**
 * A module importing env.memory and the functions `imports` (indices 0..n-1), and exporting `body` as function
 * "b" of type (params) -> results (index n).
 */
export function moduleBytes(params: ValType[], results: ValType[], body: FunctionBody, imports: readonly ImportedFunction[] = []): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(types, imports.length + 1);
  for (const f of imports) funcType(types, f.params, f.results);
  funcType(types, params, results);
  section(out, 1, types);
  const imp: number[] = [];
  uleb(imp, imports.length + 1);
  name(imp, 'env'); name(imp, 'memory'); imp.push(0x02, 0x00, 0x00);
  imports.forEach((f, i) => { name(imp, 'env'); name(imp, f.name); imp.push(0x00); uleb(imp, i); });
  section(out, 2, imp);
  const funcs: number[] = [1];
  uleb(funcs, imports.length);
  section(out, 3, funcs);
  const exports: number[] = [1];
  name(exports, 'b'); exports.push(0x00);
  uleb(exports, imports.length);
  section(out, 7, exports);
  section(out, 10, [1, ...body.encode()]);
  return Uint8Array.from(out);
}
