// DWARF 2–5 reading shared by the line-table parser: a byte cursor, attribute forms, and just enough of
// .debug_info/.debug_abbrev for each compile unit's name, comp_dir and line table, its subprograms' ranges, and
// the trees of inlined subroutines inside them.
import { inflateSync } from 'node:zlib';
import { Elf, ElfSection } from './elf';
import { AddressRange, dieRanges } from './dwarfRanges';

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
  readonly children: boolean;
  readonly attrs: readonly { readonly at: number; readonly form: number; readonly implicit: bigint }[];
}

function readAbbrevs(sec: Uint8Array, off: number): Map<number, Abbrev> {
  const c = new Cursor(sec, off, '.debug_abbrev');
  const out = new Map<number, Abbrev>();
  for (;;) {
    const code = c.ulebNum();
    if (code === 0) return out;
    const tag = c.ulebNum();
    const children = c.u8() !== 0;
    const attrs: { at: number; form: number; implicit: bigint }[] = [];
    for (;;) {
      const at = c.ulebNum(), form = c.ulebNum();
      if (at === 0 && form === 0) break;
      attrs.push({ at, form, implicit: form === DW_FORM_implicit_const ? c.sleb() : 0n });
    }
    out.set(code, { tag, children, attrs });
  }
}

const DW_TAG_compile_unit = 0x11, DW_TAG_partial_unit = 0x3c, DW_TAG_skeleton_unit = 0x4a, DW_TAG_subprogram = 0x2e,
  DW_TAG_inlined_subroutine = 0x1d;
const DW_AT_name = 0x03, DW_AT_stmt_list = 0x10, DW_AT_low_pc = 0x11, DW_AT_high_pc = 0x12, DW_AT_comp_dir = 0x1b,
  DW_AT_abstract_origin = 0x31, DW_AT_specification = 0x47, DW_AT_ranges = 0x55, DW_AT_call_column = 0x57,
  DW_AT_call_file = 0x58, DW_AT_call_line = 0x59, DW_AT_str_offsets_base = 0x72, DW_AT_addr_base = 0x73,
  DW_AT_rnglists_base = 0x74;
const DW_UT_compile = 1, DW_UT_partial = 3, DW_UT_skeleton = 4, DW_UT_split_compile = 5;

/** A function with code: its name, its address ranges and the functions inlined into it. */
export interface Subprogram {
  readonly name: string;
  /** The lowest address of its ranges and the end of the highest. */
  readonly low: bigint;
  readonly high: bigint;
  readonly ranges: readonly AddressRange[];
  /** The inlined calls it makes itself (each holds those inlined into it). */
  readonly inlined: readonly InlinedSubroutine[];
}

/** One inlined call: the callee's code ranges inside its caller, and the call site. */
export interface InlinedSubroutine {
  /** The inlined function's name, through its abstract origin; "??" when none names it. */
  readonly name: string;
  readonly ranges: readonly AddressRange[];
  /** DW_AT_call_file: an index into the unit's line-table files (0 when absent). */
  readonly callFile: number;
  /** DW_AT_call_line and DW_AT_call_column, 0 when absent. */
  readonly callLine: number;
  readonly callColumn: number;
  readonly inlined: readonly InlinedSubroutine[];
}

export interface CompileUnit {
  readonly name?: string;
  readonly compDir?: string;
  /** Offset of its line table in .debug_line. */
  readonly stmtList?: number;
  readonly subprograms: readonly Subprogram[];
}

/** A subprogram or inlined subroutine while its unit is read: its name may come from a DIE read later. */
interface Scope {
  readonly ownName?: string;
  /** .debug_info offsets of its DW_AT_abstract_origin and DW_AT_specification. */
  readonly refs: readonly number[];
  readonly ranges: AddressRange[];
  readonly call: readonly [number, number, number];
  readonly inlined: Scope[];
  /** How many inlined calls deep it is (0 for a subprogram). */
  readonly depth: number;
}

/** Deeper nesting is corrupt data (real inlining stops far sooner), and would exhaust the stack later. */
const MAX_INLINE_DEPTH = 256;

/** What a DIE's name can come from, by its .debug_info offset (subprograms only: every origin is one). */
type NameSources = Map<number, { readonly ownName?: string; readonly refs: readonly number[] }>;

/** Every compile (and partial) unit of .debug_info with its subprograms; none when the ELF has no .debug_info. */
export function readCompileUnits(elf: Elf, strs: StringSections = stringSections(elf)): CompileUnit[] {
  const info = debugSection(elf, '.debug_info');
  const abbrev = debugSection(elf, '.debug_abbrev');
  if (!info || !abbrev) return [];
  const sections: UnitSections = {
    strs, strOffsets: debugSection(elf, '.debug_str_offsets'), addrs: debugSection(elf, '.debug_addr'),
    rnglists: debugSection(elf, '.debug_rnglists'), ranges: debugSection(elf, '.debug_ranges'),
  };
  const names: NameSources = new Map();
  const c = new Cursor(info, 0, '.debug_info');
  const units: { unit: Omit<CompileUnit, 'subprograms'>; subprograms: Scope[] }[] = [];
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
    units.push(readUnit(c, end, start, u, readAbbrevs(abbrev, abbrevOff), sections, names));
    c.pos = end;
  }
  // Names resolve once every unit is read: DW_FORM_ref_addr may point into a later unit.
  const nameOf = (s: { readonly ownName?: string; readonly refs: readonly number[] }, depth = 0): string | undefined => {
    if (s.ownName !== undefined || depth > 8) return s.ownName;
    for (const ref of s.refs) {
      const target = names.get(ref);
      const name = target && nameOf(target, depth + 1);
      if (name !== undefined) return name;
    }
    return undefined;
  };
  const inlined = (s: Scope): InlinedSubroutine => ({
    name: nameOf(s) ?? '??', ranges: s.ranges, callFile: s.call[0], callLine: s.call[1], callColumn: s.call[2],
    inlined: s.inlined.map(inlined),
  });
  return units.map(({ unit, subprograms }) => ({
    ...unit,
    subprograms: subprograms.flatMap((s) => {
      const name = nameOf(s);
      if (name === undefined) return [];
      let low = s.ranges[0].low, high = s.ranges[0].high;
      for (const r of s.ranges) {
        if (r.low < low) low = r.low;
        if (r.high > high) high = r.high;
      }
      return [{ name, low, high, ranges: s.ranges, inlined: s.inlined.map(inlined) }];
    }),
  }));
}

interface UnitSections {
  readonly strs: StringSections;
  readonly strOffsets?: Uint8Array;
  readonly addrs?: Uint8Array;
  readonly rnglists?: Uint8Array;
  readonly ranges?: Uint8Array;
}

const isRef = (form: number): boolean => form >= DW_FORM_ref1 && form <= DW_FORM_ref_udata;

function readUnit(c: Cursor, end: number, unitStart: number, u: UnitFormat, abbrevs: Map<number, Abbrev>, sec: UnitSections,
  names: NameSources): { unit: Omit<CompileUnit, 'subprograms'>; subprograms: Scope[] } {
  let root: Map<number, FormValue> | undefined;
  let strBase = 8, addrBase = 8;
  const resolve = (v: FormValue | undefined): FormValue | undefined => {
    if (v?.kind === 'strx') {
      if (!sec.strOffsets) throw new DwarfError('.debug_info: DW_FORM_strx without .debug_str_offsets');
      const oc = new Cursor(sec.strOffsets, strBase + v.index * u.offsetSize, '.debug_str_offsets');
      return { kind: 'str', s: stringAt(sec.strs.str, oc.offset(u.offsetSize), '.debug_str') };
    }
    if (v?.kind === 'addrx') return { kind: 'num', v: address(v.index), form: DW_FORM_addr };
    return v;
  };
  const address = (index: number): bigint => {
    if (!sec.addrs) throw new DwarfError('.debug_info: DW_FORM_addrx without .debug_addr');
    const ac = new Cursor(sec.addrs, addrBase + index * u.addressSize, '.debug_addr');
    return u.addressSize === 8 ? ac.u64() : BigInt(ac.u32());
  };
  const str = (attrs: Map<number, FormValue>, at: number): string | undefined => {
    const v = resolve(attrs.get(at));
    return v?.kind === 'str' ? v.s : undefined;
  };
  const num = (attrs: Map<number, FormValue>, at: number): number | undefined => {
    const v = resolve(attrs.get(at));
    return v?.kind === 'num' ? Number(v.v) : undefined;
  };
  let rangeUnit = { ...u, base: 0n, rnglistsBase: 0, rnglists: sec.rnglists, ranges: sec.ranges, address };
  const scopeOf = (attrs: Map<number, FormValue>, depth: number): Scope => {
    const refs: number[] = [];
    for (const at of [DW_AT_abstract_origin, DW_AT_specification]) {
      const ref = attrs.get(at);
      if (ref?.kind !== 'num') continue;
      if (ref.form === DW_FORM_ref_addr) refs.push(Number(ref.v));
      else if (isRef(ref.form)) refs.push(unitStart + Number(ref.v));
    }
    const ranges = dieRanges(rangeUnit, resolve(attrs.get(DW_AT_low_pc)), resolve(attrs.get(DW_AT_high_pc)), attrs.get(DW_AT_ranges));
    const s: Scope = {
      ownName: str(attrs, DW_AT_name), refs, ranges, inlined: [], depth,
      call: [num(attrs, DW_AT_call_file) ?? 0, num(attrs, DW_AT_call_line) ?? 0, num(attrs, DW_AT_call_column) ?? 0],
    };
    return s;
  };
  const subprograms: Scope[] = [];
  // The innermost subprogram or inlined subroutine around each open level of children (lexical blocks are transparent).
  const open: (Scope | undefined)[] = [];
  while (c.pos < end) {
    const offset = c.pos;
    const code = c.ulebNum();
    if (code === 0) {
      open.pop();
      continue;
    }
    const a = abbrevs.get(code);
    if (!a) throw new DwarfError(`.debug_info: unknown abbreviation ${code} at 0x${(c.pos - 1).toString(16)}`);
    const attrs = new Map<number, FormValue>();
    for (const { at, form, implicit } of a.attrs) attrs.set(at, readForm(c, form, u, sec.strs, implicit));
    let scope = open.length > 0 ? open[open.length - 1] : undefined;
    if (!root) {
      if (a.tag !== DW_TAG_compile_unit && a.tag !== DW_TAG_partial_unit && a.tag !== DW_TAG_skeleton_unit) return { unit: {}, subprograms: [] };
      root = attrs;
      const base = (at: number, otherwise: number): number => {
        const v = attrs.get(at);
        return v?.kind === 'num' ? Number(v.v) : otherwise;
      };
      strBase = base(DW_AT_str_offsets_base, 8);
      addrBase = base(DW_AT_addr_base, 8);
      const low = resolve(attrs.get(DW_AT_low_pc));
      // Without DW_AT_rnglists_base the offset table follows the first header of .debug_rnglists.
      rangeUnit = { ...rangeUnit, base: low?.kind === 'num' ? low.v : 0n, rnglistsBase: base(DW_AT_rnglists_base, u.offsetSize === 4 ? 12 : 20) };
    } else if (a.tag === DW_TAG_subprogram) {
      const s = scopeOf(attrs, 0);
      names.set(offset, s);
      if (s.ranges.length > 0) subprograms.push(s);
      scope = s;
    } else if (a.tag === DW_TAG_inlined_subroutine) {
      const s = scopeOf(attrs, (scope?.depth ?? 0) + 1);
      if (s.depth > MAX_INLINE_DEPTH) throw new DwarfError(`.debug_info: inlined subroutines nested deeper than ${MAX_INLINE_DEPTH} at 0x${offset.toString(16)}`);
      // An instance without code (or outside any function with code) has no frame to show.
      if (scope && s.ranges.length > 0) scope.inlined.push(s);
      scope = scope && s.ranges.length > 0 ? s : undefined;
    }
    if (a.children) open.push(scope);
  }
  if (!root) return { unit: {}, subprograms: [] };
  const stmt = root.get(DW_AT_stmt_list);
  return {
    unit: { name: str(root, DW_AT_name), compDir: str(root, DW_AT_comp_dir), stmtList: stmt?.kind === 'num' ? Number(stmt.v) : undefined },
    subprograms,
  };
}
