// Evaluate, assign and complete in the Debug Console and Watch, and breakpoint conditions: expressions (expression.ts)
// over general registers, system registers and their fields from the one sysreg table, ELF symbols and memory.
import { SPSR_FIELDS } from '../arch/sysregs/fields';
import { SYSREGS, SysReg, SysRegField, sysRegByName, sysRegIndex } from '../arch/sysregs/table';
import type { Core } from '../machine/core';
import type { Runner } from '../machine/runner';
import { hex, physicalRuns, Space, spaceOfPrefix, spaceReference } from './addressSpace';
import { COMMANDS } from './commands';
import { EvalError, MEM_TYPES, MemType, Node, parseExpression, SPACE_PREFIXES } from './expression';
import { fieldValue, presentFields } from './variables';

export { EvalError, splitAssignment } from './expression';

export interface EvalEnv {
  core: Core;
  runner?: Runner;
  /** The frame's EL: the regime of `va:` addresses and the value of `el`. */
  el: number;
  symbol?: (name: string) => bigint | undefined;
  symbolAt?: (addr: bigint) => string | undefined;
  /** Every symbol name, for completions. */
  symbolNames?: () => readonly string[];
  /** Names that come first, e.g. { ec, iss, esr, far, el } for exception-filter conditions. */
  extra?: Record<string, bigint>;
}

/** A value with what it is: an address in a space (memory references), a field (its meaning), a truth value. */
interface Value {
  v: bigint;
  space?: Space;
  address?: boolean;
  field?: SysRegField;
  truth?: boolean;
}

const GENERAL = /^([xw])([0-9]|[12][0-9]|30)$/;
/** Registers whose value is an address: a memory reference goes with them. */
const ADDRESS_REGISTER = /^(ELR|FAR|VBAR|SP|TTBR[01]|VTTBR|RVBAR)_EL[0-3]$/;
const SPECIAL = ['sp', 'pc', 'lr', 'fp', 'xzr', 'wzr', 'pstate', 'nzcv', 'daif', 'currentel', 'el'];
const NZCV_MASK = 0xf0000000n, DAIF_MASK = 0x3c0n;

const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const elOf = (core: Core): number => (core.pstate >>> 2) & 3;
/** The SP PSTATE.SP selects: SP_ELx of the current EL, or SP_EL0. */
const spIndex = (core: Core): number => (core.pstate & 1 ? elOf(core) : 0);

function extraValue(name: string, env: EvalEnv): bigint | undefined {
  if (!env.extra) return undefined;
  const key = Object.keys(env.extra).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : u64(env.extra[key]);
}

/** The register a system-register name reads: itself, or the register an _EL12/_EL02 alias stands for. */
function storageOf(r: SysReg, env: EvalEnv, write: boolean): number {
  if (r.absent) throw new EvalError(`${r.name} is not implemented by this CPU model`);
  if (!r.access.includes(write ? 'w' : 'r')) throw new EvalError(`${r.name} is ${write ? 'read' : 'write'}-only`);
  if (/^IC[CHV]_/.test(r.name)) {
    if (env.runner && env.runner.board.config.gic !== 3) throw new EvalError(`${r.name}: the board's GIC (GICv2) has no system-register interface`);
    // Reading an IAR acknowledges the interrupt.
    if (!write && /_IAR[01]_/.test(r.name)) throw new EvalError(`reading ${r.name} acknowledges an interrupt: the debugger does not`);
  }
  return sysRegIndex(r.aliasOf ?? r.name);
}

function readSysreg(r: SysReg, env: EvalEnv): bigint {
  return u64(env.core.exports.debugReadSysreg(storageOf(r, env, false)));
}

function fieldsOf(base: string): { fields: readonly SysRegField[]; reg?: SysReg } | undefined {
  if (base.toLowerCase() === 'pstate') return { fields: SPSR_FIELDS };
  const r = sysRegByName(base);
  return r?.fields ? { fields: r.fields, reg: r } : undefined;
}

/** The field `name` of a value of `base`, if present for that value (ESR's ISS fields depend on EC). */
function findField(base: string, fields: readonly SysRegField[], name: string, v: bigint): SysRegField {
  const lower = name.toLowerCase();
  const named = fields.filter((x) => x.name.toLowerCase() === lower);
  // Only the named fields and the fields they depend on are looked at: ESR has many.
  const f = named.find((x) => presentFields(x.when ? [...fields.filter((y) => y.name === x.when!.field), x] : [x], v).includes(x));
  if (f) return f;
  const other = named[0];
  if (other?.when) {
    const by = fields.find((x) => x.name === other.when!.field)!;
    throw new EvalError(`${base}.${other.name} is not present while ${base}.${by.name} = ${hex(fieldValue(v, by))}`);
  }
  throw new EvalError(`${base} has no field ${name} (${fields.map((x) => x.name).filter((n, i, a) => a.indexOf(n) === i).join(', ')})`);
}

/** The value of a name: an extra, a general register or PSTATE view, a system register or one of its fields, a symbol. */
function readName(name: string, env: EvalEnv): Value {
  const core = env.core;
  const extra = extraValue(name, env);
  if (extra !== undefined) return { v: extra };
  const lower = name.toLowerCase();
  const g = GENERAL.exec(lower);
  if (g) {
    const x = core.getX(Number(g[2]));
    return g[1] === 'x' ? { v: x, address: true } : { v: x & 0xffffffffn };
  }
  switch (lower) {
    case 'sp': return { v: core.getSP(spIndex(core)), address: true };
    case 'pc': return { v: core.pc, address: true };
    case 'lr': return { v: core.getX(30), address: true };
    case 'fp': return { v: core.getX(29), address: true };
    case 'xzr': case 'wzr': return { v: 0n };
    case 'pstate': return { v: BigInt(core.pstate) };
    case 'nzcv': return { v: BigInt(core.pstate) & NZCV_MASK };
    case 'daif': return { v: BigInt(core.pstate) & DAIF_MASK };
    case 'currentel': return { v: BigInt(elOf(core) << 2) };
    case 'el': return { v: BigInt(env.el) };
  }
  const r = sysRegByName(name);
  if (r) return { v: readSysreg(r, env), address: ADDRESS_REGISTER.test(r.name) };
  const sym = env.symbol?.(name);
  if (sym !== undefined) return { v: u64(sym), address: true };
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    const base = name.slice(0, dot);
    const of = fieldsOf(base);
    if (of) {
      const v = base.toLowerCase() === 'pstate' ? BigInt(core.pstate) : readSysreg(of.reg!, env);
      const f = findField(of.reg?.name ?? 'PSTATE', of.fields, name.slice(dot + 1), v);
      return { v: fieldValue(v, f), field: f };
    }
    if (sysRegByName(base) || base.toLowerCase() === 'pstate') throw new EvalError(`${base} has no fields in the table`);
  }
  throw new EvalError(`unknown register or symbol \`${name}'`);
}

const TYPE_BYTES: Record<MemType, number> = { u8: 1, u16: 2, u32: 4, u64: 8, s8: 1, s16: 2, s32: 4, s64: 8 };

/** The physical RAM behind `size` bytes at addr in space, or the reason it cannot be accessed. */
function memoryRuns(space: Space, addr: bigint, size: number, env: EvalEnv, write: boolean): { pa: bigint; length: number }[] {
  const { runs, stop } = physicalRuns(space, addr, size, env, write);
  if (stop !== undefined) throw new EvalError(stop);
  return runs;
}

function readTyped(type: MemType, space: Space, addr: bigint, env: EvalEnv): bigint {
  const size = TYPE_BYTES[type];
  let v = 0n, shift = 0n;
  for (const r of memoryRuns(space, addr, size, env, false)) {
    for (const b of env.core.readBytes(r.pa, r.length)) {
      v |= BigInt(b) << shift;
      shift += 8n;
    }
  }
  return type[0] === 's' ? u64(BigInt.asIntN(size * 8, v)) : v;
}

function writeTyped(type: MemType, space: Space, addr: bigint, value: bigint, env: EvalEnv): void {
  const size = TYPE_BYTES[type];
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  let at = 0;
  for (const r of memoryRuns(space, addr, size, env, true)) {
    env.core.writeBytes(r.pa, bytes.subarray(at, at + r.length));
    at += r.length;
  }
}

const CURRENT: Space = { kind: 'va', regime: 'current' };

function truth(b: boolean): Value { return { v: b ? 1n : 0n, truth: true }; }

function evalNode(n: Node, env: EvalEnv): Value {
  switch (n.k) {
    case 'num': return { v: n.v };
    case 'name': return readName(n.name, env);
    case 'space': {
      const space = spaceOfPrefix(n.prefix, env)!;
      return { v: evalNode(n.e, env).v, space, address: true };
    }
    case 'deref': {
      const a = evalNode(n.e, env);
      return { v: readTyped(n.type, a.space ?? CURRENT, a.v, env), address: n.type === 'u64' };
    }
    case 'unary': {
      const v = evalNode(n.e, env).v;
      if (n.op === '!') return truth(v === 0n);
      return { v: u64(n.op === '-' ? -v : ~v) };
    }
    case 'cond': return evalNode(n.c, env).v !== 0n ? evalNode(n.t, env) : evalNode(n.f, env);
    case 'bin': {
      if (n.op === '&&') return truth(evalNode(n.l, env).v !== 0n && evalNode(n.r, env).v !== 0n);
      if (n.op === '||') return truth(evalNode(n.l, env).v !== 0n || evalNode(n.r, env).v !== 0n);
      const l = evalNode(n.l, env), r = evalNode(n.r, env);
      const a = l.v, b = r.v;
      switch (n.op) {
        case '==': return truth(a === b);
        case '!=': return truth(a !== b);
        case '<': return truth(a < b);
        case '<=': return truth(a <= b);
        case '>': return truth(a > b);
        case '>=': return truth(a >= b);
      }
      if ((n.op === '/' || n.op === '%') && b === 0n) throw new EvalError('division by zero');
      const shift = b > 63n ? 64n : b;
      const v = n.op === '+' ? a + b : n.op === '-' ? a - b : n.op === '*' ? a * b : n.op === '/' ? a / b
        : n.op === '%' ? a % b : n.op === '<<' ? a << shift : n.op === '>>' ? a >> shift
          : n.op === '&' ? a & b : n.op === '|' ? a | b : a ^ b;
      // Address arithmetic stays in the address's space: `pa:0x1000 + 8`.
      const pointer = n.op === '+' || n.op === '-' || n.op === '&' || n.op === '|';
      return { v: u64(v), space: l.space ?? r.space, address: pointer && (l.address || r.address) };
    }
  }
}

/** "0x24 (36)"; a field with a meaning "0x24 — Data Abort from a lower Exception level"; truth values by name. */
function describe(x: Value): string {
  if (x.truth) return x.v ? 'true' : 'false';
  const meaning = x.field?.values?.[Number(x.v)];
  if (meaning) return `${hex(x.v)} — ${meaning}`;
  const signed = BigInt.asIntN(64, x.v);
  return `${hex(x.v)} (${signed < 0n ? signed : x.v})`;
}

export function evaluate(expr: string, env: EvalEnv): { value: bigint; text: string; memoryReference?: string } {
  const x = evalNode(parseExpression(expr), env);
  const out: { value: bigint; text: string; memoryReference?: string } = { value: x.v, text: describe(x) };
  if (x.address || x.space) out.memoryReference = spaceReference(x.space ?? CURRENT, x.v);
  return out;
}

/** An address expression (memory references, `translate`): its space (the current regime's VAs by default). */
export function evaluateAddress(ref: string, env: EvalEnv): { space: Space; addr: bigint } {
  const x = evalNode(parseExpression(ref), env);
  return { space: x.space ?? CURRENT, addr: x.v };
}

function insertField(old: bigint, f: SysRegField, value: bigint, what: string): bigint {
  const width = BigInt(f.hi - f.lo + 1);
  if (value >> width !== 0n) throw new EvalError(`${hex(value)} does not fit ${what} (${width} bit${width > 1n ? 's' : ''})`);
  const mask = ((1n << width) - 1n) << BigInt(f.lo);
  return (old & ~mask) | (value << BigInt(f.lo));
}

/** Writes a name: a general register, a PSTATE view, a system register, or a field of either. */
function writeName(name: string, value: bigint, env: EvalEnv): void {
  const core = env.core;
  const lower = name.toLowerCase();
  const g = GENERAL.exec(lower);
  // Writing a W register zeroes the upper half, as an instruction does.
  if (g) { core.setX(Number(g[2]), g[1] === 'x' ? value : value & 0xffffffffn); return; }
  const pstate = BigInt(core.pstate);
  switch (lower) {
    case 'sp': core.setSP(spIndex(core), value); return;
    case 'pc': core.pc = value; return;
    case 'lr': core.setX(30, value); return;
    case 'fp': core.setX(29, value); return;
    case 'pstate': core.pstate = Number(value & 0xffffffffn); return;
    case 'nzcv': core.pstate = Number((pstate & ~NZCV_MASK) | (value & NZCV_MASK)); return;
    case 'daif': core.pstate = Number((pstate & ~DAIF_MASK) | (value & DAIF_MASK)); return;
    case 'xzr': case 'wzr': case 'currentel': case 'el':
      throw new EvalError(`${name} cannot be assigned${lower.endsWith('el') ? ' (change the EL through pstate.M)' : ''}`);
  }
  const r = sysRegByName(name);
  if (r) { core.exports.debugWriteSysreg(storageOf(r, env, true), value); return; }
  const dot = name.lastIndexOf('.');
  const of = dot > 0 ? fieldsOf(name.slice(0, dot)) : undefined;
  if (of) {
    const old = of.reg ? readSysreg(of.reg, env) : pstate;
    const f = findField(of.reg?.name ?? 'PSTATE', of.fields, name.slice(dot + 1), old);
    const next = insertField(old, f, value, `${of.reg?.name ?? 'PSTATE'}.${f.name}`);
    if (of.reg) core.exports.debugWriteSysreg(storageOf(of.reg, env, true), next);
    else core.pstate = Number(next);
    return;
  }
  readName(name, env);
  throw new EvalError(`${name} cannot be assigned (only registers, fields and memory can)`);
}

/** `lhs = value`: x0 = 5, HCR_EL2.VM = 1, *(u32*)pa:0x… = 1. Returns the new value as evaluate() shows it. */
export function assign(lhs: string, value: string, env: EvalEnv): string {
  const target = parseExpression(lhs);
  const v = evaluate(value, env).value;
  if (target.k === 'deref') {
    const a = evalNode(target.e, env);
    writeTyped(target.type, a.space ?? CURRENT, a.v, v, env);
  } else if (target.k === 'name') {
    writeName(target.name, v, env);
  } else {
    throw new EvalError(`cannot assign to \`${lhs.trim()}' (a register, a field or *(type*)address)`);
  }
  return evaluate(lhs, env).text;
}

/** Everything a name can be before any symbol: general registers and PSTATE views. */
const REGISTER_NAMES = [...Array.from({ length: 31 }, (_, n) => `x${n}`), ...Array.from({ length: 31 }, (_, n) => `w${n}`), ...SPECIAL];

/** A completion, replacing the `length` characters at `start` (0-based in the text: the word being completed). */
export interface Completion { label: string; type: string; start: number; length: number }

/**
 * Completions of the word before `column` (1-based, as DAP's default): registers, system registers (in the case
 * typed), fields after `REG.`, symbols, extras, address-space prefixes, casts after `*(`, commands at the start.
 */
export function completions(text: string, column: number, env: EvalEnv): Completion[] {
  const before = text.slice(0, Math.max(0, column - 1));
  const word = /[\w$.]*$/.exec(before)![0];
  const lower = word.toLowerCase();
  const start = before.length - word.length;
  const out: Completion[] = [];
  const add = (labels: Iterable<string>, type: string): void => {
    for (const l of labels) {
      if (l.toLowerCase().startsWith(lower) && !out.some((o) => o.label === l)) out.push({ label: l, type, start, length: word.length });
    }
  };
  const dot = word.lastIndexOf('.');
  if (dot > 0) {
    const base = word.slice(0, dot);
    const of = fieldsOf(base);
    if (of) {
      add(new Set(of.fields.map((f) => `${base}.${f.name}`)), 'property');
      return out;
    }
  }
  if (/\*\(\s*\w*$/.test(before)) {
    add(MEM_TYPES.map((t) => `${t}*)`), 'keyword');
    return out;
  }
  if (before.trim() === word) add(COMMANDS, 'keyword');
  add(Object.keys(env.extra ?? {}), 'variable');
  add(REGISTER_NAMES, 'variable');
  const upper = word !== lower;
  add(SYSREGS.filter((r) => !r.absent).map((r) => (upper ? r.name : r.name.toLowerCase())), 'variable');
  add(SPACE_PREFIXES.map((p) => `${p}:`), 'module');
  add(env.symbolNames?.() ?? [], 'function');
  return out;
}
