// DWARF 2–5 reading shared by the line-table parser: a byte cursor, attribute forms, and just enough of
// .debug_info/.debug_abbrev for each compile unit's name, comp_dir and line table, and its subprograms' ranges.
import { inflateSync } from 'node:zlib';
import { Elf, ElfSection } from './elf';

export class DwarfError extends Error {}

const SHF_COMPRESSED = 0x800n;
const ELFCOMPRESS_ZLIB = 1;

/** A debug section's contents, inflated when the linker compressed it (`--compress-debug-sections=zlib`). */
export function debugSection(elf: Elf, name: string): Uint8Array | undefined {
  const s: ElfSection | undefined = elf.section(name);
  if (!s) return undefined;
  const raw = elf.bytes(s);
  if ((s.flags & SHF_COMPRESSED) === 0n) return raw;
  if (raw.length < 24) throw new DwarfError(`${name}: the compression header is truncated`);
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  if (dv.getUint32(0, true) !== ELFCOMPRESS_ZLIB) throw new DwarfError(`${name}: compression type ${dv.getUint32(0, true)} is not zlib`);
  try {
    return new Uint8Array(inflateSync(raw.subarray(24)));
  } catch (e) {
    throw new DwarfError(`${name}: cannot inflate: ${(e as Error).message}`);
  }
}

/** A little-endian cursor over one section; every read past the end is a DwarfError. */
export class Cursor {
  private readonly dv: DataView;

  constructor(readonly data: Uint8Array, public pos = 0, readonly what = 'DWARF data') {
    this.dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  private need(n: number): number {
    const at = this.pos;
    if (n < 0 || at + n > this.data.length) throw new DwarfError(`${this.what}: truncated at 0x${at.toString(16)}`);
    this.pos += n;
    return at;
  }

  u8(): number { return this.data[this.need(1)]; }
  u16(): number { return this.dv.getUint16(this.need(2), true); }
  u24(): number { const lo = this.u16(); return lo | (this.u8() << 16); }
  u32(): number { return this.dv.getUint32(this.need(4), true); }
  u64(): bigint { return this.dv.getBigUint64(this.need(8), true); }
  skip(n: number): void { this.need(n); }
  bytes(n: number): Uint8Array { const at = this.need(n); return this.data.subarray(at, at + n); }

  /** LEB128: the value, its width in bits, and the sign bit of its last byte. */
  private leb(): { v: bigint; shift: bigint; negative: boolean } {
    let v = 0n, shift = 0n, b: number;
    do {
      b = this.u8();
      v |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    return { v, shift, negative: (b & 0x40) !== 0 };
  }

  uleb(): bigint { return this.leb().v; }

  sleb(): bigint {
    const { v, shift, negative } = this.leb();
    return negative ? v - (1n << shift) : v;
  }

  /** A ULEB128 that must fit a JavaScript number (counts, lengths, indexes). */
  ulebNum(): number {
    const v = this.uleb();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new DwarfError(`${this.what}: value 0x${v.toString(16)} out of range`);
    return Number(v);
  }

  cstr(): string {
    let end = this.pos;
    while (end < this.data.length && this.data[end] !== 0) end++;
    if (end >= this.data.length) throw new DwarfError(`${this.what}: unterminated string at 0x${this.pos.toString(16)}`);
    const s = Buffer.from(this.data.subarray(this.pos, end)).toString('utf8');
    this.pos = end + 1;
    return s;
  }

  /** A section offset of the unit's format: 4 bytes in 32-bit DWARF, 8 in 64-bit DWARF. */
  offset(size: 4 | 8): number {
    return size === 4 ? this.u32() : Number(this.u64());
  }

  /** unit_length: the unit's end and whether it is 64-bit DWARF. */
  unitLength(): { end: number; offsetSize: 4 | 8 } {
    let len = this.u32();
    let offsetSize: 4 | 8 = 4;
    if (len === 0xffffffff) {
      len = Number(this.u64());
      offsetSize = 8;
    } else if (len >= 0xfffffff0) {
      throw new DwarfError(`${this.what}: reserved unit length 0x${len.toString(16)}`);
    }
    const end = this.pos + len;
    if (end > this.data.length) throw new DwarfError(`${this.what}: unit at 0x${this.pos.toString(16)} runs past the section`);
    return { end, offsetSize };
  }
}

/** The string sections forms refer to. */
export interface StringSections {
  readonly str?: Uint8Array;
  readonly lineStr?: Uint8Array;
}

export function stringSections(elf: Elf): StringSections {
  return { str: debugSection(elf, '.debug_str'), lineStr: debugSection(elf, '.debug_line_str') };
}

function stringAt(sec: Uint8Array | undefined, off: number, name: string): string {
  if (!sec || off >= sec.length) throw new DwarfError(`string offset 0x${off.toString(16)} is outside ${name}`);
  return new Cursor(sec, off, name).cstr();
}

/** An attribute value: a number, a string, bytes (blocks, data16), or an index still to resolve (strx, addrx). */
export type FormValue =
  | { readonly kind: 'num'; readonly v: bigint; readonly form: number }
  | { readonly kind: 'str'; readonly s: string }
  | { readonly kind: 'block'; readonly b: Uint8Array }
  | { readonly kind: 'strx' | 'addrx'; readonly index: number };

export const DW_FORM_addr = 0x01, DW_FORM_data2 = 0x05, DW_FORM_data4 = 0x06, DW_FORM_data8 = 0x07, DW_FORM_string = 0x08,
  DW_FORM_data1 = 0x0b, DW_FORM_sdata = 0x0d, DW_FORM_strp = 0x0e, DW_FORM_udata = 0x0f, DW_FORM_ref_addr = 0x10,
  DW_FORM_ref1 = 0x11, DW_FORM_ref2 = 0x12, DW_FORM_ref4 = 0x13, DW_FORM_ref8 = 0x14, DW_FORM_ref_udata = 0x15,
  DW_FORM_indirect = 0x16, DW_FORM_line_strp = 0x1f, DW_FORM_implicit_const = 0x21;

/** Unit properties a form's size depends on. */
export interface UnitFormat {
  readonly version: number;
  readonly addressSize: number;
  readonly offsetSize: 4 | 8;
}

/** Reads one attribute value of `form` (implicit_const takes its value from the abbreviation). */
export function readForm(c: Cursor, form: number, u: UnitFormat, strs: StringSections, implicit = 0n): FormValue {
  const num = (v: bigint | number): FormValue => ({ kind: 'num', v: BigInt(v), form });
  switch (form) {
    case DW_FORM_addr: return num(u.addressSize === 8 ? c.u64() : u.addressSize === 4 ? c.u32() : c.u16());
    case 0x03: return { kind: 'block', b: c.bytes(c.u16()) };
    case 0x04: return { kind: 'block', b: c.bytes(c.u32()) };
    case DW_FORM_data2: case DW_FORM_ref2: return num(c.u16());
    case DW_FORM_data4: case DW_FORM_ref4: case 0x1c: return num(c.u32());
    case DW_FORM_data8: case DW_FORM_ref8: case 0x20: case 0x24: return num(c.u64());
    case DW_FORM_string: return { kind: 'str', s: c.cstr() };
    case 0x09: case 0x18: return { kind: 'block', b: c.bytes(c.ulebNum()) };
    case 0x0a: return { kind: 'block', b: c.bytes(c.u8()) };
    case DW_FORM_data1: case DW_FORM_ref1: case 0x0c: return num(c.u8());
    case DW_FORM_sdata: return num(c.sleb());
    case DW_FORM_strp: return { kind: 'str', s: stringAt(strs.str, c.offset(u.offsetSize), '.debug_str') };
    case DW_FORM_line_strp: return { kind: 'str', s: stringAt(strs.lineStr, c.offset(u.offsetSize), '.debug_line_str') };
    case DW_FORM_udata: case DW_FORM_ref_udata: case 0x22: case 0x23: return num(c.uleb());
    // DWARF 2's DW_FORM_ref_addr is address-sized; later versions made it an offset.
    case DW_FORM_ref_addr: return num(u.version <= 2 ? (u.addressSize === 8 ? c.u64() : c.u32()) : c.offset(u.offsetSize));
    case DW_FORM_indirect: return readForm(c, c.ulebNum(), u, strs, implicit);
    case 0x17: case 0x1d: case 0x1f20: case 0x1f21: return num(c.offset(u.offsetSize));
    case 0x19: return num(1);
    case DW_FORM_implicit_const: return num(implicit);
    case 0x1a: case 0x1f02: return { kind: 'strx', index: c.ulebNum() };
    case 0x1b: case 0x1f01: return { kind: 'addrx', index: c.ulebNum() };
    case 0x1e: return { kind: 'block', b: c.bytes(16) };
    case 0x25: return { kind: 'strx', index: c.u8() };
    case 0x26: return { kind: 'strx', index: c.u16() };
    case 0x27: return { kind: 'strx', index: c.u24() };
    case 0x28: return { kind: 'strx', index: c.u32() };
    case 0x29: return { kind: 'addrx', index: c.u8() };
    case 0x2a: return { kind: 'addrx', index: c.u16() };
    case 0x2b: return { kind: 'addrx', index: c.u24() };
    case 0x2c: return { kind: 'addrx', index: c.u32() };
    default: throw new DwarfError(`unknown attribute form 0x${form.toString(16)} at 0x${c.pos.toString(16)}`);
  }
}

interface Abbrev {
  readonly tag: number;
  readonly attrs: readonly { readonly at: number; readonly form: number; readonly implicit: bigint }[];
}

function readAbbrevs(sec: Uint8Array, off: number): Map<number, Abbrev> {
  const c = new Cursor(sec, off, '.debug_abbrev');
  const out = new Map<number, Abbrev>();
  for (;;) {
    const code = c.ulebNum();
    if (code === 0) return out;
    const tag = c.ulebNum();
    c.u8();
    const attrs: { at: number; form: number; implicit: bigint }[] = [];
    for (;;) {
      const at = c.ulebNum(), form = c.ulebNum();
      if (at === 0 && form === 0) break;
      attrs.push({ at, form, implicit: form === DW_FORM_implicit_const ? c.sleb() : 0n });
    }
    out.set(code, { tag, attrs });
  }
}

const DW_TAG_compile_unit = 0x11, DW_TAG_partial_unit = 0x3c, DW_TAG_skeleton_unit = 0x4a, DW_TAG_subprogram = 0x2e;
const DW_AT_name = 0x03, DW_AT_stmt_list = 0x10, DW_AT_low_pc = 0x11, DW_AT_high_pc = 0x12, DW_AT_comp_dir = 0x1b,
  DW_AT_abstract_origin = 0x31, DW_AT_specification = 0x47, DW_AT_str_offsets_base = 0x72, DW_AT_addr_base = 0x73;
const DW_UT_compile = 1, DW_UT_partial = 3, DW_UT_skeleton = 4, DW_UT_split_compile = 5;

/** A function with code: its name and [low, high) address range. */
export interface Subprogram {
  readonly name: string;
  readonly low: bigint;
  readonly high: bigint;
}

export interface CompileUnit {
  readonly name?: string;
  readonly compDir?: string;
  /** Offset of its line table in .debug_line. */
  readonly stmtList?: number;
  readonly subprograms: readonly Subprogram[];
}

/** Every compile (and partial) unit of .debug_info with its subprograms; none when the ELF has no .debug_info. */
export function readCompileUnits(elf: Elf, strs: StringSections = stringSections(elf)): CompileUnit[] {
  const info = debugSection(elf, '.debug_info');
  const abbrev = debugSection(elf, '.debug_abbrev');
  if (!info || !abbrev) return [];
  const strOffsets = debugSection(elf, '.debug_str_offsets');
  const addrs = debugSection(elf, '.debug_addr');
  const c = new Cursor(info, 0, '.debug_info');
  const units: CompileUnit[] = [];
  while (c.pos < info.length) {
    const start = c.pos;
    const { end, offsetSize } = c.unitLength();
    const version = c.u16();
    let unitType = DW_UT_compile, addressSize: number, abbrevOff: number;
    if (version >= 5) {
      unitType = c.u8();
      addressSize = c.u8();
      abbrevOff = c.offset(offsetSize);
      if (unitType === DW_UT_skeleton || unitType === DW_UT_split_compile) c.skip(8);
    } else {
      abbrevOff = c.offset(offsetSize);
      addressSize = c.u8();
    }
    if (version < 2 || version > 5) throw new DwarfError(`.debug_info: unit at 0x${start.toString(16)} has version ${version}`);
    if (unitType !== DW_UT_compile && unitType !== DW_UT_partial && unitType !== DW_UT_skeleton) {
      c.pos = end;
      continue;
    }
    const u: UnitFormat = { version, addressSize, offsetSize };
    units.push(readUnit(c, end, start, u, readAbbrevs(abbrev, abbrevOff), strs, strOffsets, addrs));
    c.pos = end;
  }
  return units;
}

function readUnit(c: Cursor, end: number, unitStart: number, u: UnitFormat, abbrevs: Map<number, Abbrev>, strs: StringSections,
  strOffsets: Uint8Array | undefined, addrs: Uint8Array | undefined): CompileUnit {
  type Die = { tag: number; offset: number; attrs: Map<number, FormValue> };
  const dies: Die[] = [];
  while (c.pos < end) {
    const offset = c.pos - unitStart;
    const code = c.ulebNum();
    if (code === 0) continue;
    const a = abbrevs.get(code);
    if (!a) throw new DwarfError(`.debug_info: unknown abbreviation ${code} at 0x${(c.pos - 1).toString(16)}`);
    const attrs = new Map<number, FormValue>();
    for (const { at, form, implicit } of a.attrs) attrs.set(at, readForm(c, form, u, strs, implicit));
    // Only the unit DIE and subprograms are kept; other DIEs matter only as the names subprograms refer to.
    if (dies.length === 0 || a.tag === DW_TAG_subprogram) dies.push({ tag: a.tag, offset, attrs });
  }
  const root = dies[0];
  if (!root || (root.tag !== DW_TAG_compile_unit && root.tag !== DW_TAG_partial_unit && root.tag !== DW_TAG_skeleton_unit)) {
    return { subprograms: [] };
  }
  const base = (at: number): number => {
    const v = root.attrs.get(at);
    return v?.kind === 'num' ? Number(v.v) : 8;
  };
  const strBase = base(DW_AT_str_offsets_base), addrBase = base(DW_AT_addr_base);
  const resolve = (v: FormValue | undefined): FormValue | undefined => {
    if (v?.kind === 'strx') {
      if (!strOffsets) throw new DwarfError('.debug_info: DW_FORM_strx without .debug_str_offsets');
      const oc = new Cursor(strOffsets, strBase + v.index * u.offsetSize, '.debug_str_offsets');
      return { kind: 'str', s: stringAt(strs.str, oc.offset(u.offsetSize), '.debug_str') };
    }
    if (v?.kind === 'addrx') {
      if (!addrs) throw new DwarfError('.debug_info: DW_FORM_addrx without .debug_addr');
      const ac = new Cursor(addrs, addrBase + v.index * u.addressSize, '.debug_addr');
      return { kind: 'num', v: u.addressSize === 8 ? ac.u64() : BigInt(ac.u32()), form: DW_FORM_addr };
    }
    return v;
  };
  const str = (d: Die, at: number): string | undefined => {
    const v = resolve(d.attrs.get(at));
    return v?.kind === 'str' ? v.s : undefined;
  };
  const byOffset = new Map(dies.map((d) => [d.offset, d]));
  // Concrete instances name themselves through the declaration or abstract instance they complete.
  const nameOf = (d: Die, depth = 0): string | undefined => {
    const own = str(d, DW_AT_name);
    if (own !== undefined || depth > 4) return own;
    for (const at of [DW_AT_abstract_origin, DW_AT_specification]) {
      const ref = d.attrs.get(at);
      if (ref?.kind !== 'num' || ref.form === DW_FORM_ref_addr) continue;
      const target = byOffset.get(Number(ref.v));
      if (target) return nameOf(target, depth + 1);
    }
    return undefined;
  };
  const subprograms: Subprogram[] = [];
  for (const d of dies.slice(1)) {
    const low = resolve(d.attrs.get(DW_AT_low_pc)), high = resolve(d.attrs.get(DW_AT_high_pc));
    if (low?.kind !== 'num' || high?.kind !== 'num') continue;
    const name = nameOf(d);
    if (name === undefined) continue;
    // Since DWARF 4 a high_pc of a constant class is the length of the range.
    const hi = high.form === DW_FORM_addr ? high.v : low.v + high.v;
    subprograms.push({ name, low: low.v, high: hi });
  }
  const stmt = root.attrs.get(DW_AT_stmt_list);
  return {
    name: str(root, DW_AT_name), compDir: str(root, DW_AT_comp_dir),
    stmtList: stmt?.kind === 'num' ? Number(stmt.v) : undefined, subprograms,
  };
}
