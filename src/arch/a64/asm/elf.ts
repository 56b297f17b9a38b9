// ELF64 output: the relocatable object `as -g` writes, and the executable `ld -nostdlib -Ttext=BASE
// -z max-page-size=4096 --build-id=none` makes of it: ld's default section order, data segment placement,
// linker-defined symbols, relocations applied, line information at the final addresses.
import type { AsmOutput, AsmSymbol, Reloc, Section } from './assembler';
import { debugSections, DebugSection } from './dwarf';
import type { RelocType } from './match';

const PAGE = 0x1000n;
const SHT = { NULL: 0, PROGBITS: 1, SYMTAB: 2, STRTAB: 3, RELA: 4, NOBITS: 8 };
const RELOC_NUMBERS: Record<RelocType, number> = {
  ABS64: 257, ABS32: 258, ABS16: 259, LD_PREL_LO19: 273, ADR_PREL_LO21: 274,
  ADR_PREL_PG_HI21: 275, ADD_ABS_LO12_NC: 277, LDST8_ABS_LO12_NC: 278, TSTBR14: 279, CONDBR19: 280, JUMP26: 282,
  CALL26: 283, LDST16_ABS_LO12_NC: 284, LDST32_ABS_LO12_NC: 285, LDST64_ABS_LO12_NC: 286, LDST128_ABS_LO12_NC: 299,
};

class Out {
  buf = new Uint8Array(4096);
  len = 0;
  private grow(n: number) {
    if (n <= this.buf.length) return;
    const b = new Uint8Array(Math.max(n, this.buf.length * 2));
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }
  at(pos: number, bytes: ArrayLike<number>) { this.grow(pos + bytes.length); this.buf.set(bytes, pos); this.len = Math.max(this.len, pos + bytes.length); }
  pad(align: number) { const p = Math.ceil(this.len / align) * align; this.grow(p); this.len = p; }
  bytes() { return this.buf.slice(0, this.len); }
}

function le(v: bigint | number, size: number): number[] {
  let x = BigInt.asUintN(size * 8, BigInt(v));
  const out: number[] = [];
  for (let i = 0; i < size; i++) { out.push(Number(x & 0xffn)); x >>= 8n; }
  return out;
}

interface OutSection {
  name: string; type: number; flags: number; addr: bigint; offset: number; data: Uint8Array; size: number;
  link: number; info: number; align: number; entsize: number;
}

function sectionFlags(s: Section): number {
  return (s.flags.includes('w') ? 1 : 0) | (s.flags.includes('a') ? 2 : 0) | (s.flags.includes('x') ? 4 : 0);
}

class StrTab {
  readonly bytes: number[] = [0];
  private readonly seen = new Map<string, number>();
  add(s: string): number {
    if (s === '') return 0;
    let i = this.seen.get(s);
    if (i === undefined) { i = this.bytes.length; this.bytes.push(...Buffer.from(s, 'utf8'), 0); this.seen.set(s, i); }
    return i;
  }
}

/**
 * ld's string table: a name that ends another name shares its bytes (bfd's elf_strtab suffix merging).
 * Symbols are written with placeholder offsets and patched once every name is known.
 */
class MergedStrTab {
  private readonly names: string[] = [];
  private readonly uses: { entry: number[]; name: string }[] = [];
  use(entry: number[], name: string): number[] {
    if (name) { if (!this.names.includes(name)) this.names.push(name); this.uses.push({ entry, name }); }
    return entry;
  }
  finish(): number[] {
    const bytes = [0];
    const offsets = new Map<string, number>();
    const host = (n: string) => this.names.filter((m) => m !== n && m.endsWith(n)).sort((a, b) => b.length - a.length)[0];
    for (const n of this.names) if (!host(n)) { offsets.set(n, bytes.length); bytes.push(...Buffer.from(n, 'utf8'), 0); }
    for (const n of this.names) {
      const h = host(n);
      if (h) offsets.set(n, offsets.get(h)! + Buffer.byteLength(h) - Buffer.byteLength(n));
    }
    for (const u of this.uses) u.entry.splice(0, 4, ...le(offsets.get(u.name)!, 4));
    return bytes;
  }
}

/** STB_GLOBAL or STB_WEAK in st_info's high nibble. */
const binding = (s: AsmSymbol): number => (s.weak ? 0x20 : 0x10);

/** bfd_hash_hash: ld walks its symbol hash table (4051 buckets) in bucket order to write the global symbols. */
function bfdHash(name: string): bigint {
  const M = (1n << 64n) - 1n;
  let h = 0n;
  const bytes = Buffer.from(name, 'utf8');
  for (const c of bytes) { h = (h + BigInt(c) + (BigInt(c) << 17n)) & M; h ^= h >> 2n; }
  const len = BigInt(bytes.length);
  h = (h + len + (len << 17n)) & M;
  h ^= h >> 2n;
  return h;
}

function symbolEntry(strtab: StrTab, name: string, info: number, shndx: number, value: bigint, size = 0n): number[] {
  return [...le(strtab.add(name), 4), info, 0, ...le(shndx, 2), ...le(value, 8), ...le(size, 8)];
}

const symType = (s: AsmSymbol) => (s.type === 'function' ? 2 : s.type === 'object' ? 1 : 0);

function writeElf(type: 1 | 2, entry: bigint, sections: OutSection[], phdrs: number[][], fileLayout: boolean): Uint8Array {
  const out = new Out();
  const shstr = new StrTab();
  // ld names its own tables first in the section-name table.
  if (fileLayout) for (const n of ['.symtab', '.strtab', '.shstrtab']) shstr.add(n);
  const names = sections.map((s) => shstr.add(s.name));
  const shstrtab: OutSection = {
    name: '.shstrtab', type: SHT.STRTAB, flags: 0, addr: 0n, offset: 0, data: new Uint8Array(), size: 0, link: 0, info: 0, align: 1, entsize: 0,
  };
  const shstrName = shstr.add('.shstrtab');
  shstrtab.data = Uint8Array.from(shstr.bytes);
  shstrtab.size = shstrtab.data.length;
  const all = [...sections, shstrtab];
  const allNames = [...names, shstrName];
  let pos = 64 + phdrs.length * 56;
  out.len = pos;
  for (const s of all) {
    if (s.type === SHT.NULL) continue;
    if (fileLayout && s.addr && s.flags & 2) {
      const want = Number(BigInt(s.offset));
      pos = want;
    } else {
      pos = Math.ceil(out.len / Math.max(1, s.align)) * Math.max(1, s.align);
    }
    s.offset = pos;
    if (s.type !== SHT.NOBITS) out.at(pos, s.data);
  }
  out.pad(8);
  const shoff = out.len;
  for (let i = 0; i < all.length; i++) {
    const s = all[i];
    out.at(out.len, [
      ...le(allNames[i], 4), ...le(s.type, 4), ...le(s.flags, 8), ...le(s.addr, 8), ...le(s.type === SHT.NULL ? 0 : s.offset, 8),
      ...le(s.size, 8), ...le(s.link, 4), ...le(s.info, 4), ...le(s.align, 8), ...le(s.entsize, 8),
    ]);
  }
  const ident = [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  out.at(0, [
    ...ident, ...le(type, 2), ...le(183, 2), ...le(1, 4), ...le(entry, 8), ...le(phdrs.length ? 64 : 0, 8), ...le(shoff, 8),
    ...le(0, 4), ...le(64, 2), ...le(phdrs.length ? 56 : 0, 2), ...le(phdrs.length, 2), ...le(64, 2), ...le(all.length, 2), ...le(all.length - 1, 2),
  ]);
  phdrs.forEach((p, i) => out.at(64 + i * 56, p));
  return out.bytes();
}

const nullSection = (): OutSection => ({ name: '', type: SHT.NULL, flags: 0, addr: 0n, offset: 0, data: new Uint8Array(), size: 0, link: 0, info: 0, align: 0, entsize: 0 });

const functionsOf = (asm: AsmOutput) => asm.symbols.filter((s) => s.type === 'function').sort((a, b) => a.order - b.order);

function debugOut(d: DebugSection): OutSection {
  const str = d.name === '.debug_str';
  return {
    name: d.name, type: SHT.PROGBITS, flags: str ? 0x30 : 0, addr: 0n, offset: 0, data: d.data, size: d.data.length, link: 0, info: 0,
    align: d.name === '.debug_aranges' || d.name === '.debug_ranges' ? 16 : 1, entsize: str ? 1 : 0,
  };
}

/** The relocatable object: sections, .rela sections, debug sections, symbols as gas orders them. */
export function writeObject(asm: AsmOutput, compDir: string): Uint8Array {
  const outs: OutSection[] = [nullSection()];
  const secIndex = new Map<number, number>();
  const relocOf: { at: number; relocs: Reloc[] }[] = [];
  for (const s of asm.sections) {
    secIndex.set(s.index, outs.length);
    outs.push({
      name: s.name, type: s.nobits ? SHT.NOBITS : SHT.PROGBITS, flags: sectionFlags(s), addr: 0n, offset: 0,
      data: Uint8Array.from(s.bytes), size: s.nobits ? s.size : s.bytes.length, link: 0, info: 0, align: s.align, entsize: 0,
    });
    if (s.relocs.length) { relocOf.push({ at: outs.length, relocs: s.relocs }); outs.push(nullSection()); }
  }
  const debug = debugSections({ sections: asm.sections, base: () => 0n, compDir, functions: functionsOf(asm) });
  const debugIndex = new Map<string, number>();
  const debugRelocs: { at: number; d: DebugSection }[] = [];
  for (const d of debug) {
    debugIndex.set(d.name, outs.length);
    outs.push(debugOut(d));
    if (d.addrs.length || d.refs?.length) { debugRelocs.push({ at: outs.length, d }); outs.push(nullSection()); }
  }
  const strtab = new StrTab();
  const syms: number[][] = [symbolEntry(strtab, '', 0, 0, 0n)];
  const symIndex = new Map<string, number>();
  const secSym = new Map<number, number>();
  for (const s of asm.sections) { secSym.set(s.index, syms.length); syms.push(symbolEntry(strtab, '', 3, secIndex.get(s.index)!, 0n)); }
  const locals: { order: number; entry: () => number[]; name?: string }[] = [];
  for (const s of asm.symbols) {
    if (s.global || !s.defined || s.name.startsWith('.L')) continue;
    locals.push({ order: s.order, name: s.name, entry: () => symbolEntry(strtab, s.name, symType(s), s.sec === undefined ? 0xfff1 : secIndex.get(s.sec)!, s.value, s.size) });
  }
  for (const sec of asm.sections) {
    for (const m of sec.mappingSymbols) locals.push({ order: m.order, entry: () => symbolEntry(strtab, m.name, 0, secIndex.get(sec.index)!, BigInt(m.offset)) });
  }
  locals.sort((a, b) => a.order - b.order);
  for (const l of locals) { if (l.name) symIndex.set(l.name, syms.length); syms.push(l.entry()); }
  const debugSym = new Map<string, number>();
  for (const d of debug) { debugSym.set(d.name, syms.length); syms.push(symbolEntry(strtab, '', 3, debugIndex.get(d.name)!, 0n)); }
  const firstGlobal = syms.length;
  for (const s of asm.symbols) {
    if (!s.global && s.defined) continue;
    if (s.name.startsWith('.L') && !s.global) continue;
    if (!s.global && !s.defined) { if (!asm.sections.some((x) => x.relocs.some((r) => r.sym === s.name))) continue; }
    symIndex.set(s.name, syms.length);
    const shndx = !s.defined ? 0 : s.sec === undefined ? 0xfff1 : secIndex.get(s.sec)!;
    syms.push(symbolEntry(strtab, s.name, binding(s) | symType(s), shndx, s.value, s.size));
  }
  const symtabIndex = outs.length;
  for (const r of relocOf) {
    const data: number[] = [];
    for (const x of r.relocs) {
      const sym = x.sym !== undefined ? symIndex.get(x.sym) ?? 0 : secSym.get(x.sec!)!;
      data.push(...le(x.offset, 8), ...le((BigInt(sym) << 32n) | BigInt(RELOC_NUMBERS[x.type]), 8), ...le(x.addend, 8));
    }
    const target = outs[r.at - 1];
    outs[r.at] = {
      name: `.rela${target.name}`, type: SHT.RELA, flags: 0x40, addr: 0n, offset: 0, data: Uint8Array.from(data), size: data.length,
      link: symtabIndex, info: r.at - 1, align: 8, entsize: 24,
    };
  }
  for (const { at, d } of debugRelocs) {
    const rows = [
      ...d.addrs.map((a) => ({ offset: a.offset, sym: a.sym !== undefined ? symIndex.get(a.sym)! : secSym.get(a.sec)!, type: RELOC_NUMBERS.ABS64, addend: a.addend })),
      ...(d.refs ?? []).map((r) => ({ offset: r.offset, sym: debugSym.get(r.target) ?? 0, type: RELOC_NUMBERS.ABS32, addend: r.addend })),
    ].sort((a, b) => a.offset - b.offset);
    const data = rows.flatMap((x) => [...le(x.offset, 8), ...le((BigInt(x.sym) << 32n) | BigInt(x.type), 8), ...le(x.addend, 8)]);
    outs[at] = {
      name: `.rela${d.name}`, type: SHT.RELA, flags: 0x40, addr: 0n, offset: 0, data: Uint8Array.from(data), size: data.length,
      link: symtabIndex, info: at - 1, align: 8, entsize: 24,
    };
  }
  outs.push({ name: '.symtab', type: SHT.SYMTAB, flags: 0, addr: 0n, offset: 0, data: Uint8Array.from(syms.flat()), size: syms.length * 24, link: symtabIndex + 1, info: firstGlobal, align: 8, entsize: 24 });
  outs.push({ name: '.strtab', type: SHT.STRTAB, flags: 0, addr: 0n, offset: 0, data: Uint8Array.from(strtab.bytes), size: strtab.bytes.length, link: 0, info: 0, align: 1, entsize: 0 });
  return writeElf(1, 0n, outs, [], false);
}

interface Placed { input: Section; addr: bigint; }
interface OutGroup { name: string; inputs: Placed[]; addr: bigint; size: bigint; align: number; nobits: boolean; flags: number; code: boolean; }

/** ld's output section for an input section, or undefined for an orphan. */
function outputName(name: string): string | undefined {
  if (name === '.text' || name.startsWith('.text.')) return '.text';
  if (name === '.rodata' || name.startsWith('.rodata.')) return '.rodata';
  if (name === '.data' || name.startsWith('.data.')) return '.data';
  if (name === '.bss' || name.startsWith('.bss.')) return '.bss';
  return undefined;
}

const alignUp = (v: bigint, a: number) => ((v + BigInt(a) - 1n) / BigInt(a)) * BigInt(a);

export interface LinkError { message: string; file: string; line: number; }
export interface LinkResult { elf?: Uint8Array; errors: LinkError[]; }

/** Links the assembled sections at `textBase` as ld does with the default script. */
export function linkExecutable(asm: AsmOutput, textBase: bigint, objectName: string, compDir: string): LinkResult {
  const errors: LinkError[] = [];
  const groups: OutGroup[] = [];
  const group = (name: string, s: Section) => {
    let g = groups.find((x) => x.name === name);
    if (!g) {
      g = { name, inputs: [], addr: 0n, size: 0n, align: 1, nobits: s.nobits, flags: sectionFlags(s), code: name === '.text' };
      groups.push(g);
    }
    g.inputs.push({ input: s, addr: 0n });
    g.align = Math.max(g.align, s.align);
    if (!s.nobits) g.nobits = false;
    g.flags |= sectionFlags(s);
  };
  const allocated = asm.sections.filter((s) => s.flags.includes('a') && (s.nobits ? s.size : s.bytes.length) > 0);
  for (const s of allocated) group(outputName(s.name) ?? s.name, s);
  const rank = (g: OutGroup) => {
    const known = ['.text', '.rodata', '.data', '.bss'].indexOf(g.name);
    if (known >= 0) return known * 2;
    if (g.flags & 4) return 1;
    if (g.nobits) return 7;
    return g.flags & 1 ? 5 : 3;
  };
  groups.sort((a, b) => rank(a) - rank(b));
  /** Assigns addresses; `adjust` starts the data segment on a page boundary (ld's DATA_SEGMENT_ALIGN second form). */
  const layout = (adjust: boolean): { base: bigint; end: bigint } => {
    let addr = textBase;
    let dataBase = 0n;
    let dataStarted = false;
    for (const g of groups) {
      if (g.flags & 1 && !dataStarted) {
        dataStarted = true;
        addr = alignUp(addr, Number(PAGE)) + (adjust ? 0n : addr & (PAGE - 1n));
        dataBase = addr;
      }
      if (!(g.name === '.text' && addr === textBase)) addr = alignUp(addr, g.align);
      g.addr = addr;
      for (const p of g.inputs) {
        addr = alignUp(addr, p.input.align);
        p.addr = addr;
        addr += BigInt(p.input.nobits ? p.input.size : p.input.bytes.length);
      }
      if (g.name === '.bss' && addr !== g.addr) addr = alignUp(addr, 8);
      g.size = addr - g.addr;
    }
    if (!dataStarted) dataBase = alignUp(addr, Number(PAGE)) + (addr & (PAGE - 1n));
    return { base: dataBase, end: alignUp(addr, 8) };
  };
  let seg = layout(false);
  // ld saves a page when the data segment's first and last partial pages fit in one.
  const first = -seg.base & (PAGE - 1n);
  const last = seg.end & (PAGE - 1n);
  if (groups.some((g) => g.flags & 1) && first && last && (seg.base & ~(PAGE - 1n)) !== (seg.end & ~(PAGE - 1n)) && first + last <= PAGE) seg = layout(true);
  const base = new Map<number, bigint>();
  for (const g of groups) for (const p of g.inputs) base.set(p.input.index, p.addr);
  const symAddr = (s: AsmSymbol) => (s.sec === undefined ? s.value : (base.get(s.sec) ?? 0n) + s.value);
  const symbols = new Map(asm.symbols.map((s) => [s.name, s]));

  // Linker-defined symbols of the default script.
  const dataGroups = groups.filter((g) => g.flags & 1);
  const dataStart = seg.base;
  const bss = groups.find((g) => g.name === '.bss');
  const nonBss = dataGroups.filter((g) => g !== bss);
  const edata = nonBss.length ? nonBss[nonBss.length - 1].addr + nonBss[nonBss.length - 1].size : dataStart;
  const bssEnd = bss ? bss.addr + bss.size : edata;
  const end = alignUp(bssEnd, 8);
  const provided: [string, bigint][] = [
    ['_bss_end__', bssEnd], ['__bss_start__', edata], ['__bss_end__', bssEnd], ['__bss_start', edata], ['__end__', end], ['_edata', edata], ['_end', end],
  ];

  // Section contents with relocations applied.
  const contents = new Map<number, Uint8Array>();
  for (const s of allocated) contents.set(s.index, Uint8Array.from(s.bytes));
  for (const s of allocated) {
    const data = contents.get(s.index)!;
    for (const r of s.relocs) {
      let S: bigint;
      if (r.sym !== undefined) {
        const sym = symbols.get(r.sym);
        const p = provided.find(([n]) => n === r.sym);
        if (sym?.defined) S = symAddr(sym);
        else if (p) S = p[1];
        else if (sym?.weak) S = 0n;
        else { errors.push({ message: `undefined reference to \`${r.sym}'`, file: r.file, line: r.line }); continue; }
      } else S = base.get(r.sec!) ?? 0n;
      const P = base.get(s.index)! + BigInt(r.offset);
      const err = applyReloc(data, r.offset, r.type, S + r.addend, P);
      if (err) errors.push({ message: err, file: r.file, line: r.line });
    }
  }
  if (errors.length) return { errors };

  // Sections, in ld's order, with file offsets congruent to their addresses; a NOBITS section after data in its
  // segment takes no file space and sits where the file is.
  const outs: OutSection[] = [nullSection()];
  const groupIndex = new Map<OutGroup, number>();
  let fileOff = 0x1000 + Number(textBase & (PAGE - 1n));
  let prevEnd = fileOff;
  let prev: OutGroup | undefined;
  for (const g of groups) {
    const congruent = (off: number) => off + Number(((g.addr - BigInt(off)) % PAGE + PAGE) % PAGE);
    const sameSegment = prev !== undefined && (prev.flags & 1) === (g.flags & 1);
    fileOff = !prev ? fileOff : g.nobits && sameSegment ? prevEnd : congruent(prevEnd);
    const data = new Uint8Array(g.nobits ? 0 : Number(g.size));
    if (!g.nobits) {
      if (g.code) for (let i = 0; i + 4 <= data.length; i += 4) data.set([0x1f, 0x20, 0x03, 0xd5], i);
      for (const p of g.inputs) data.set(contents.get(p.input.index)!, Number(p.addr - g.addr));
    }
    groupIndex.set(g, outs.length);
    outs.push({
      name: g.name, type: g.nobits ? SHT.NOBITS : SHT.PROGBITS, flags: g.flags, addr: g.addr, offset: fileOff, data, size: Number(g.size),
      link: 0, info: 0, align: g.align, entsize: 0,
    });
    prevEnd = fileOff + (g.nobits ? 0 : Number(g.size));
    prev = g;
  }

  const debug = debugSections({ sections: asm.sections, base: (s) => base.get(s.index) ?? 0n, compDir, functions: functionsOf(asm) });
  for (const name of ['.debug_aranges', '.debug_info', '.debug_abbrev', '.debug_line', '.debug_str', '.debug_ranges']) {
    const d = debug.find((x) => x.name === name);
    if (d) outs.push(debugOut(d));
  }

  const strtab = new MergedStrTab();
  const entryOf = (name: string, info: number, shndx: number, value: bigint, size = 0n) =>
    strtab.use([0, 0, 0, 0, info, 0, ...le(shndx, 2), ...le(value, 8), ...le(size, 8)], name);
  const syms: number[][] = [entryOf('', 0, 0, 0n)];
  for (let i = 1; i < outs.length; i++) syms.push(entryOf('', 3, i, outs[i].addr));
  syms.push(entryOf(objectName, 4, 0xfff1, 0n));
  const outIndexOf = (sec: number) => {
    for (const [g, i] of groupIndex) if (g.inputs.some((p) => p.input.index === sec)) return i;
    return 0;
  };
  const locals: { order: number; e: () => number[] }[] = [];
  for (const s of asm.symbols) {
    if (s.global || !s.defined || s.name.startsWith('.L')) continue;
    locals.push({ order: s.order, e: () => entryOf(s.name, symType(s), s.sec === undefined ? 0xfff1 : outIndexOf(s.sec), symAddr(s), s.size) });
  }
  for (const sec of allocated) {
    for (const m of sec.mappingSymbols) locals.push({ order: m.order, e: () => entryOf(m.name, 0, outIndexOf(sec.index), base.get(sec.index)! + BigInt(m.offset)) });
  }
  locals.sort((a, b) => a.order - b.order);
  syms.push(...locals.map((l) => l.e()));
  const firstGlobal = syms.length;
  const lastIndex = bss ? groupIndex.get(bss)! : outs.length > 1 ? groupIndex.get(groups[groups.length - 1]) ?? 1 : 1;
  // Globals in ld's hash-table order: the object's first (in its order), then the script's; later ones lead a bucket.
  const globals: { name: string; e: () => number[] }[] = [];
  for (const s of asm.symbols) {
    if (!s.global || !s.defined) continue;
    globals.push({ name: s.name, e: () => entryOf(s.name, binding(s) | symType(s), s.sec === undefined ? 0xfff1 : outIndexOf(s.sec), symAddr(s), s.size) });
  }
  // The entry point ld looks for stays an undefined reference when the source does not define it.
  if (!symbols.get('_start')?.defined) globals.push({ name: '_start', e: () => entryOf('_start', 0x10, 0, 0n) });
  // _edata belongs to the last data section when there is one; the others to .bss (or the last section).
  const dataIndex = nonBss.length ? groupIndex.get(nonBss[nonBss.length - 1])! : lastIndex;
  for (const [n, v] of provided) if (!symbols.get(n)?.defined) globals.push({ name: n, e: () => entryOf(n, 0x10, n === '_edata' ? dataIndex : lastIndex, v) });
  const bucket = (n: string) => bfdHash(n) % 4051n;
  const ordered = globals.map((g, i) => ({ ...g, i })).sort((a, b) => (bucket(a.name) === bucket(b.name) ? b.i - a.i : bucket(a.name) < bucket(b.name) ? -1 : 1));
  syms.push(...ordered.map((g) => g.e()));
  const strBytes = strtab.finish();
  const symtabIndex = outs.length;
  outs.push({ name: '.symtab', type: SHT.SYMTAB, flags: 0, addr: 0n, offset: 0, data: Uint8Array.from(syms.flat()), size: syms.length * 24, link: symtabIndex + 1, info: firstGlobal, align: 8, entsize: 24 });
  outs.push({ name: '.strtab', type: SHT.STRTAB, flags: 0, addr: 0n, offset: 0, data: Uint8Array.from(strBytes), size: strBytes.length, link: 0, info: 0, align: 1, entsize: 0 });

  // Program headers: one LOAD for the read-only part (with the ELF headers in the page below), one for data.
  const phdrs: number[][] = [];
  const load = (flags: number, offset: number, vaddr: bigint, filesz: number, memsz: bigint) =>
    [...le(1, 4), ...le(flags, 4), ...le(offset, 8), ...le(vaddr, 8), ...le(vaddr, 8), ...le(filesz, 8), ...le(memsz, 8), ...le(PAGE, 8)];
  const ro = groups.filter((g) => !(g.flags & 1));
  const rw = groups.filter((g) => g.flags & 1);
  if (ro.length) {
    const first = outs[groupIndex.get(ro[0])!];
    const last = ro[ro.length - 1];
    const lastOut = outs[groupIndex.get(last)!];
    const vaddr = (first.addr & ~(PAGE - 1n)) - PAGE;
    const flags = ro.some((g) => g.flags & 4) ? 5 : 4;
    phdrs.push(load(flags, 0, vaddr, lastOut.offset + lastOut.size, last.addr + last.size - vaddr));
  }
  if (rw.length) {
    const first = outs[groupIndex.get(rw[0])!];
    const last = rw[rw.length - 1];
    const fileGroups = rw.filter((g) => !g.nobits);
    const filesz = fileGroups.length ? Number(fileGroups[fileGroups.length - 1].addr + fileGroups[fileGroups.length - 1].size - rw[0].addr) : 0;
    const offset = filesz ? first.offset : Number(first.addr & (PAGE - 1n));
    phdrs.push(load(6, offset, first.addr, filesz, last.addr + last.size - first.addr));
  }
  const start = symbols.get('_start');
  const entry = start?.defined ? symAddr(start) : textBase;
  return { elf: writeElf(2, entry, outs, phdrs, true), errors };
}

/** Applies one relocation to an instruction or data word (X = S + A, P = the place). */
function applyReloc(data: Uint8Array, off: number, type: RelocType, X: bigint, P: bigint): string | undefined {
  const get = () => (data[off] | (data[off + 1] << 8) | (data[off + 2] << 16) | (data[off + 3] << 24)) >>> 0;
  const put = (w: number) => data.set(le(w >>> 0, 4), off);
  const field = (v: bigint, lo: number, width: number) => put((get() & ~(((2 ** width) - 1) * 2 ** lo)) | Number(BigInt.asUintN(width, v)) * 2 ** lo);
  const pcrel = (bits: number, shift: number, lo: number) => {
    const d = X - P;
    if (d % (1n << BigInt(shift)) !== 0n) return 'misaligned branch target';
    const v = d >> BigInt(shift);
    if (v < -(1n << BigInt(bits - 1)) || v >= (1n << BigInt(bits - 1))) return `relocation truncated to fit: R_AARCH64_${type}`;
    field(v, lo, bits);
    return undefined;
  };
  switch (type) {
    case 'ABS64': data.set(le(X, 8), off); return undefined;
    case 'ABS32': data.set(le(X, 4), off); return undefined;
    case 'ABS16': data.set(le(X, 2), off); return undefined;
    case 'ADR_PREL_LO21': case 'ADR_PREL_PG_HI21': {
      const d = type === 'ADR_PREL_LO21' ? X - P : ((X & ~0xfffn) - (P & ~0xfffn)) >> 12n;
      if (d < -(1n << 20n) || d >= (1n << 20n)) return `relocation truncated to fit: R_AARCH64_${type}`;
      field(d & 3n, 29, 2);
      field(d >> 2n, 5, 19);
      return undefined;
    }
    case 'ADD_ABS_LO12_NC': field(X & 0xfffn, 10, 12); return undefined;
    case 'LDST8_ABS_LO12_NC': field(X & 0xfffn, 10, 12); return undefined;
    case 'LDST16_ABS_LO12_NC': field((X & 0xfffn) >> 1n, 10, 12); return undefined;
    case 'LDST32_ABS_LO12_NC': field((X & 0xfffn) >> 2n, 10, 12); return undefined;
    case 'LDST64_ABS_LO12_NC': field((X & 0xfffn) >> 3n, 10, 12); return undefined;
    case 'LDST128_ABS_LO12_NC': field((X & 0xfffn) >> 4n, 10, 12); return undefined;
    case 'JUMP26': case 'CALL26': return pcrel(26, 2, 0);
    case 'CONDBR19': case 'LD_PREL_LO19': return pcrel(19, 2, 5);
    case 'TSTBR14': return pcrel(14, 2, 5);
  }
}
