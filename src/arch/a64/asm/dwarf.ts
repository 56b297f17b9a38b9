// The debug sections `as -g` writes: a DWARF 3 line program (one sequence per code section, a row where the
// source line changes, opcodes chosen as gas chooses them), a version 2 compile unit, its abbreviations,
// address ranges and strings.
import type { AsmSymbol, Section } from './assembler';

const LINE_BASE = -5;
const LINE_RANGE = 14;
const OPCODE_BASE = 13;
const MIN_INSN = 4;
const MAX_SPECIAL_ADDR_DELTA = Math.floor((255 - OPCODE_BASE) / LINE_RANGE);

class Bytes {
  readonly b: number[] = [];
  u8(v: number): this { this.b.push(v & 255); return this; }
  u16(v: number): this { return this.u8(v).u8(v >> 8); }
  u32(v: number): this { return this.u16(v & 0xffff).u16(v >>> 16); }
  u64(v: bigint): this { return this.u32(Number(v & 0xffffffffn)).u32(Number((v >> 32n) & 0xffffffffn)); }
  uleb(v: number): this { do { let c = v & 0x7f; v = Math.floor(v / 128); if (v) c |= 0x80; this.u8(c); } while (v); return this; }
  sleb(v: number): this {
    for (;;) {
      const c = v & 0x7f; v >>= 7;
      if ((v === 0 && !(c & 0x40)) || (v === -1 && (c & 0x40))) { this.u8(c); return this; }
      this.u8(c | 0x80);
    }
  }
  str(s: string): this { for (const c of Buffer.from(s, 'utf8')) this.u8(c); return this.u8(0); }
}

/** One line-table step as gas's emit_inc_line_addr writes it. */
function step(out: Bytes, lineDelta: number, addrDelta: number): void {
  let tmp = lineDelta - LINE_BASE;
  let needCopy = false;
  if (tmp < 0 || tmp >= LINE_RANGE) {
    out.u8(3).sleb(lineDelta);
    lineDelta = 0; tmp = -LINE_BASE; needCopy = true;
  }
  if (lineDelta === 0 && addrDelta === 0) { out.u8(1); return; }
  tmp += OPCODE_BASE;
  if (addrDelta < 256 + MAX_SPECIAL_ADDR_DELTA) {
    let op = tmp + addrDelta * LINE_RANGE;
    if (op <= 255) { out.u8(op); return; }
    op = tmp + (addrDelta - MAX_SPECIAL_ADDR_DELTA) * LINE_RANGE;
    if (op <= 255) { out.u8(8).u8(op); return; }
  }
  out.u8(2).uleb(addrDelta);
  out.u8(needCopy ? 1 : tmp);
}

function endSequence(out: Bytes, addrDelta: number): void {
  if (addrDelta === MAX_SPECIAL_ADDR_DELTA) out.u8(8);
  else if (addrDelta) out.u8(2).uleb(addrDelta);
  out.u8(0).u8(1).u8(1);
}

export interface DebugInput {
  sections: readonly Section[];
  /** Where each section starts (0 in an object, the link address in an executable). */
  base: (s: Section) => bigint;
  compDir: string;
  /** Symbols typed %function, each a DW_TAG_subprogram as gas writes them. */
  functions: readonly AsmSymbol[];
}

/** A debug section with the offsets of its 8-byte addresses, section-relative in an object. */
export interface DebugSection {
  name: string;
  data: Uint8Array;
  /** 8-byte addresses: section-relative, or relative to a global symbol (which an object's relocation names). */
  addrs: { offset: number; sec: number; addend: bigint; sym?: string }[];
  /** 4-byte offsets into another debug section, which an object relocates against that section. */
  refs?: { offset: number; target: string; addend: bigint }[];
}

export function debugSections(input: DebugInput): DebugSection[] {
  const code = input.sections.filter((s) => s.lines.length).sort((a, b) => a.lines[0].order - b.lines[0].order);
  if (!code.length) return [];
  const files: string[] = [];
  const fileIndex = (f: string) => { let i = files.indexOf(f); if (i < 0) { files.push(f); i = files.length - 1; } return i + 1; };
  // Files are numbered as gas meets them, whatever the section; the first one names the compile unit.
  for (const r of code.flatMap((s) => s.lines).sort((a, b) => a.order - b.order)) fileIndex(r.file);
  const dirs: string[] = [];
  const fileEntries = files.map((f) => {
    const slash = f.lastIndexOf('/');
    if (slash < 0) return { name: f, dir: 0 };
    const d = f.slice(0, slash);
    let di = dirs.indexOf(d);
    if (di < 0) { dirs.push(d); di = dirs.length - 1; }
    return { name: f.slice(slash + 1), dir: di + 1 };
  });

  const lineAddrs: DebugSection['addrs'] = [];
  const program = new Bytes();
  for (const s of code) {
    let line = 1;
    let file = 1;
    let addr = 0;
    program.u8(0).u8(9).u8(2);
    lineAddrs.push({ offset: program.b.length, sec: s.index, addend: BigInt(s.lines[0].offset) });
    program.u64(input.base(s) + BigInt(s.lines[0].offset));
    addr = s.lines[0].offset;
    for (const r of s.lines) {
      const f = fileIndex(r.file);
      if (f !== file) { program.u8(4).uleb(f); file = f; }
      step(program, r.line - line, (r.offset - addr) / MIN_INSN);
      line = r.line; addr = r.offset;
    }
    endSequence(program, (s.size - addr) / MIN_INSN);
  }
  const header = new Bytes();
  header.u8(MIN_INSN).u8(1).u8(LINE_BASE).u8(LINE_RANGE).u8(OPCODE_BASE);
  for (const n of [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1]) header.u8(n);
  for (const d of dirs) header.str(d);
  header.u8(0);
  for (const e of fileEntries) header.str(e.name).uleb(e.dir).uleb(0).uleb(0);
  header.u8(0);
  const line = new Bytes().u32(2 + 4 + header.b.length + program.b.length).u16(3).u32(header.b.length);
  const lineStart = line.b.length + header.b.length;
  line.b.push(...header.b, ...program.b);
  for (const a of lineAddrs) a.offset += lineStart;

  const str = new Bytes();
  const strName = str.b.length; str.str(files[0]);
  const strDir = str.b.length; str.str(input.compDir);
  const strProducer = str.b.length; str.str('GNU AS 2.40');
  const functions = input.functions.filter((f) => f.sec !== undefined && f.defined);
  const strFunctions = functions.map((f) => { const at = str.b.length; str.str(f.name); return at; });

  const single = code.length === 1;
  const abbrev = new Bytes().uleb(1).uleb(0x11).u8(functions.length ? 1 : 0).uleb(0x10).uleb(0x06);
  if (single) abbrev.uleb(0x11).uleb(0x01).uleb(0x12).uleb(0x01);
  else abbrev.uleb(0x55).uleb(0x06);
  abbrev.uleb(0x03).uleb(0x0e).uleb(0x1b).uleb(0x0e).uleb(0x25).uleb(0x0e).uleb(0x13).uleb(0x05).u8(0).u8(0);
  if (functions.length) abbrev.uleb(2).uleb(0x2e).u8(0).uleb(0x03).uleb(0x0e).uleb(0x3f).uleb(0x0c).uleb(0x11).uleb(0x01).uleb(0x12).uleb(0x01).u8(0).u8(0);
  abbrev.u8(0);

  const infoAddrs: DebugSection['addrs'] = [];
  const die = new Bytes().uleb(1).u32(0);
  if (single) {
    const s = code[0];
    infoAddrs.push({ offset: 11 + die.b.length, sec: s.index, addend: 0n });
    die.u64(input.base(s));
    infoAddrs.push({ offset: 11 + die.b.length, sec: s.index, addend: BigInt(s.size) });
    die.u64(input.base(s) + BigInt(s.size));
  } else die.u32(0);
  die.u32(strName).u32(strDir).u32(strProducer).u16(0x8001);
  const sectionOf = (f: AsmSymbol) => input.sections.find((s) => s.index === f.sec)!;
  functions.forEach((f, i) => {
    die.uleb(2).u32(strFunctions[i]).u8(f.global ? 1 : 0);
    const sym = f.global ? { sym: f.name } : {};
    infoAddrs.push({ offset: 11 + die.b.length, sec: f.sec!, addend: f.global ? 0n : f.value, ...sym });
    die.u64(input.base(sectionOf(f)) + f.value);
    infoAddrs.push({ offset: 11 + die.b.length, sec: f.sec!, addend: (f.global ? 0n : f.value) + (f.size ?? 0n), ...sym });
    die.u64(input.base(sectionOf(f)) + f.value + (f.size ?? 0n));
  });
  if (functions.length) die.u8(0);
  const info = new Bytes().u32(7 + die.b.length).u16(2).u32(0).u8(8);
  info.b.push(...die.b);
  const infoRefs: NonNullable<DebugSection['refs']> = [
    { offset: 6, target: '.debug_abbrev', addend: 0n }, { offset: 12, target: '.debug_line', addend: 0n },
    ...(single ? [] : [{ offset: 16, target: '.debug_ranges', addend: 0n }]),
  ];
  const strAt = single ? 32 : 20;
  [strName, strDir, strProducer].forEach((a, i) => infoRefs.push({ offset: strAt + 4 * i, target: '.debug_str', addend: BigInt(a) }));
  let at = strAt + 14;
  for (const a of strFunctions) { infoRefs.push({ offset: at + 1, target: '.debug_str', addend: BigInt(a) }); at += 22; }

  const aranges = new Bytes().u32(0).u16(2).u32(0).u8(8).u8(0).u32(0);
  const arangeAddrs: DebugSection['addrs'] = [];
  for (const s of code) {
    arangeAddrs.push({ offset: aranges.b.length, sec: s.index, addend: 0n });
    aranges.u64(input.base(s)).u64(BigInt(s.size));
  }
  aranges.u64(0n).u64(0n);
  const len = aranges.b.length - 4;
  aranges.b.splice(0, 4, len & 255, (len >> 8) & 255, (len >> 16) & 255, len >>> 24);

  const out: DebugSection[] = [
    { name: '.debug_line', data: Uint8Array.from(line.b), addrs: lineAddrs },
    { name: '.debug_info', data: Uint8Array.from(info.b), addrs: infoAddrs, refs: infoRefs },
    { name: '.debug_abbrev', data: Uint8Array.from(abbrev.b), addrs: [] },
    { name: '.debug_aranges', data: Uint8Array.from(aranges.b), addrs: arangeAddrs, refs: [{ offset: 6, target: '.debug_info', addend: 0n }] },
  ];
  if (!single) {
    // A base address selection entry first (base 0), then one pair per code section.
    const ranges = new Bytes().u64(0xffffffffffffffffn).u64(0n);
    const rangeAddrs: DebugSection['addrs'] = [];
    for (const s of code) {
      rangeAddrs.push({ offset: ranges.b.length, sec: s.index, addend: 0n });
      ranges.u64(input.base(s));
      rangeAddrs.push({ offset: ranges.b.length, sec: s.index, addend: BigInt(s.size) });
      ranges.u64(input.base(s) + BigInt(s.size));
    }
    ranges.u64(0n).u64(0n);
    out.push({ name: '.debug_ranges', data: Uint8Array.from(ranges.b), addrs: rangeAddrs });
  }
  out.push({ name: '.debug_str', data: Uint8Array.from(str.b), addrs: [] });
  return out;
}
