// ELF64 little-endian AArch64 reader: header, sections, segments, symbols, relocations and symbol
// versions, with an ElfError (never a crash) for anything truncated, out of bounds or not such an ELF.

export class ElfError extends Error {}

export interface ElfSection {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly flags: bigint;
  readonly addr: bigint;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly entsize: number;
}

export interface ElfSegment {
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly vaddr: bigint;
  readonly paddr: bigint;
  readonly filesz: number;
  readonly memsz: number;
}

export interface ElfSymbol {
  /** Index in its symbol table (relocations refer to symbols by it). */
  readonly index: number;
  readonly name: string;
  readonly value: bigint;
  readonly size: bigint;
  readonly type: number;
  readonly bind: number;
  readonly other: number;
  readonly shndx: number;
  /** Raw .gnu.version entry (index | 0x8000 when hidden), dynamic symbols of versioned objects only. */
  readonly versym?: number;
  /** Symbol version suffix, e.g. `@@GLIBC_2.17` (dynamic symbols only). */
  readonly version?: string;
  readonly dynamic: boolean;
}

export interface ElfRelocation {
  readonly offset: bigint;
  readonly type: number;
  /** Symbol index in the table the relocation section links to; 0 for none. */
  readonly sym: number;
  readonly addend: bigint;
}

/** Version definitions and needs of a dynamic object, as ld.so and objdump see them. */
export interface ElfVersions {
  /** .gnu.version_d entries by position (index i describes version i + 1). */
  readonly defs: { readonly flags: number; readonly name: string }[];
  /** .gnu.version_r auxiliary entries by their `vna_other` index. */
  readonly needs: Map<number, string>;
}

export const SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_RELA = 4, SHT_DYNAMIC = 6, SHT_NOBITS = 8, SHT_REL = 9,
  SHT_DYNSYM = 11, SHT_GNU_VERDEF = 0x6ffffffd, SHT_GNU_VERNEED = 0x6ffffffe, SHT_GNU_VERSYM = 0x6fffffff;
export const SHF_ALLOC = 2n, SHF_EXECINSTR = 4n;
export const STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4, STT_COMMON = 5, STT_TLS = 6,
  STT_GNU_IFUNC = 10;
export const STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2, STB_GNU_UNIQUE = 10;
export const SHN_UNDEF = 0, SHN_LORESERVE = 0xff00, SHN_ABS = 0xfff1, SHN_COMMON = 0xfff2, SHN_XINDEX = 0xffff;
export const ET_REL = 1, ET_EXEC = 2, ET_DYN = 3;
export const PT_LOAD = 1;
export const EM_AARCH64 = 183;

const MAX_SECTIONS = 1 << 20;

export class Elf {
  readonly type: number;
  readonly entry: bigint;
  readonly sections: ElfSection[] = [];
  readonly segments: ElfSegment[] = [];
  private readonly dv: DataView;
  private versionsCache?: ElfVersions | null;

  constructor(readonly data: Uint8Array) {
    if (data.length < 4 || data[0] !== 0x7f || data[1] !== 0x45 || data[2] !== 0x4c || data[3] !== 0x46) {
      throw new ElfError('not an ELF file');
    }
    if (data.length < 64) throw new ElfError('truncated ELF: the file header is incomplete');
    if (data[4] !== 2) throw new ElfError('not a 64-bit ELF file (ELFCLASS32)');
    if (data[5] !== 1) throw new ElfError('not a little-endian ELF file');
    this.dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const machine = this.dv.getUint16(18, true);
    if (machine !== EM_AARCH64) throw new ElfError(`ELF machine is ${machine}, not AArch64 (183)`);
    this.type = this.dv.getUint16(16, true);
    this.entry = this.dv.getBigUint64(24, true);
    const phoff = this.num(this.dv.getBigUint64(32, true), 'program header offset');
    const shoff = this.num(this.dv.getBigUint64(40, true), 'section header offset');
    const phentsize = this.dv.getUint16(54, true), phnum = this.dv.getUint16(56, true);
    const shentsize = this.dv.getUint16(58, true);
    let shnum = this.dv.getUint16(60, true);
    let shstrndx = this.dv.getUint16(62, true);
    if (phnum && phentsize < 56) throw new ElfError(`corrupt ELF: program header entry size ${phentsize}`);
    if (shoff && shentsize < 64) throw new ElfError(`corrupt ELF: section header entry size ${shentsize}`);
    for (let i = 0; i < phnum; i++) {
      const o = phoff + i * phentsize;
      this.need(o, 56, 'program header');
      const seg: ElfSegment = {
        type: this.dv.getUint32(o, true), flags: this.dv.getUint32(o + 4, true),
        offset: this.num(this.dv.getBigUint64(o + 8, true), 'segment offset'),
        vaddr: this.dv.getBigUint64(o + 16, true), paddr: this.dv.getBigUint64(o + 24, true),
        filesz: this.num(this.dv.getBigUint64(o + 32, true), 'segment size'),
        memsz: Number(this.dv.getBigUint64(o + 40, true)),
      };
      if (seg.type === PT_LOAD) this.need(seg.offset, seg.filesz, 'segment contents');
      this.segments.push(seg);
    }
    if (!shoff) return;
    this.need(shoff, 64, 'section header');
    // Extended numbering: section 0 holds the real count and string table index.
    if (shnum === 0) shnum = this.num(this.dv.getBigUint64(shoff + 32, true) / 64n, 'section count');
    if (shstrndx === SHN_XINDEX) shstrndx = this.dv.getUint32(shoff + 40, true);
    if (shnum > MAX_SECTIONS) throw new ElfError(`corrupt ELF: ${shnum} sections`);
    this.need(shoff, shnum * shentsize, 'section header table');
    const raw: Omit<ElfSection, 'name'>[] = [];
    const nameOffs: number[] = [];
    for (let i = 0; i < shnum; i++) {
      const o = shoff + i * shentsize;
      nameOffs.push(this.dv.getUint32(o, true));
      const s = {
        index: i, type: this.dv.getUint32(o + 4, true), flags: this.dv.getBigUint64(o + 8, true),
        addr: this.dv.getBigUint64(o + 16, true),
        // SHT_NOBITS sections (.bss) occupy no file space: their offset may lie past the end.
        offset: this.dv.getUint32(o + 4, true) === SHT_NOBITS ? 0 : this.num(this.dv.getBigUint64(o + 24, true), 'section offset'),
        size: Number(this.dv.getBigUint64(o + 32, true)),
        link: this.dv.getUint32(o + 40, true), info: this.dv.getUint32(o + 44, true),
        entsize: Number(this.dv.getBigUint64(o + 56, true)),
      };
      if (s.type !== SHT_NOBITS && i !== 0) this.need(s.offset, s.size, `section ${i} contents`);
      raw.push(s);
    }
    if (shstrndx >= shnum && shstrndx !== 0) throw new ElfError(`corrupt ELF: section name table index ${shstrndx} of ${shnum}`);
    const strtab = shstrndx ? raw[shstrndx] : undefined;
    raw.forEach((s, i) => {
      this.sections.push({ ...s, name: strtab ? this.strIn({ ...strtab, name: '' }, nameOffs[i], 'section name') : '' });
    });
  }

  private num(v: bigint, what: string): number {
    if (v > BigInt(this.data.length)) throw new ElfError(`truncated or corrupt ELF: ${what} 0x${v.toString(16)} is past the end of the file`);
    return Number(v);
  }

  private need(off: number, len: number, what: string): void {
    if (off < 0 || len < 0 || off + len > this.data.length) {
      throw new ElfError(`truncated ELF: ${what} at 0x${off.toString(16)} runs past the end of the file`);
    }
  }

  /** A NUL-terminated string at `off` inside string table section `tab`. */
  private strIn(tab: ElfSection, off: number, what: string): string {
    if (tab.type === SHT_NOBITS || off >= tab.size) {
      if (off === 0) return '';
      throw new ElfError(`corrupt ELF: ${what} offset 0x${off.toString(16)} is outside its string table`);
    }
    const limit = tab.offset + tab.size;
    let end = tab.offset + off;
    while (end < limit && this.data[end] !== 0) end++;
    return Buffer.from(this.data.subarray(tab.offset + off, end)).toString('latin1');
  }

  private linked(s: ElfSection, what: string): ElfSection {
    const l = this.sections[s.link];
    if (!l || s.link === 0) throw new ElfError(`corrupt ELF: ${s.name || 'section ' + s.index} links to missing ${what} section ${s.link}`);
    return l;
  }

  private entries(s: ElfSection, size: number): number {
    if (s.entsize !== 0 && s.entsize !== size) throw new ElfError(`corrupt ELF: ${s.name} entry size ${s.entsize}, expected ${size}`);
    return Math.floor(s.size / size);
  }

  bytes(s: ElfSection): Uint8Array {
    return s.type === SHT_NOBITS ? new Uint8Array(0) : this.data.subarray(s.offset, s.offset + s.size);
  }

  section(name: string): ElfSection | undefined {
    return this.sections.find((s) => s.name === name);
  }

  symbolTable(which: 'symtab' | 'dynsym'): ElfSection | undefined {
    return this.sections.find((s) => s.type === (which === 'symtab' ? SHT_SYMTAB : SHT_DYNSYM));
  }

  /** Symbols of .symtab, or of .dynsym with their versions; entry 0 is left out. */
  symbols(which: 'symtab' | 'dynsym'): ElfSymbol[] {
    const tab = this.symbolTable(which);
    if (!tab || tab.type === SHT_NOBITS) return [];
    const strs = this.linked(tab, 'string table');
    const n = this.entries(tab, 24);
    const versym = which === 'dynsym' ? this.sections.find((s) => s.type === SHT_GNU_VERSYM) : undefined;
    if (versym && versym.size < n * 2) throw new ElfError('corrupt ELF: .gnu.version is shorter than .dynsym');
    const versions = versym ? this.versions() : undefined;
    const out: ElfSymbol[] = [];
    for (let i = 1; i < n; i++) {
      const o = tab.offset + i * 24;
      const info = this.data[o + 4];
      const shndx = this.dv.getUint16(o + 6, true);
      const raw = versym ? this.dv.getUint16(versym.offset + i * 2, true) : undefined;
      out.push({
        index: i, name: this.strIn(strs, this.dv.getUint32(o, true), 'symbol name'),
        type: info & 15, bind: info >> 4, other: this.data[o + 5], shndx,
        value: this.dv.getBigUint64(o + 8, true), size: this.dv.getBigUint64(o + 16, true),
        versym: raw, version: raw !== undefined && versions ? suffix(raw, shndx !== SHN_UNDEF, versions) : undefined,
        dynamic: which === 'dynsym',
      });
    }
    return out;
  }

  /** Entries of a SHT_RELA or SHT_REL section. */
  relocations(s: ElfSection): ElfRelocation[] {
    const rela = s.type === SHT_RELA;
    const n = this.entries(s, rela ? 24 : 16);
    const out: ElfRelocation[] = [];
    for (let i = 0; i < n; i++) {
      const o = s.offset + i * (rela ? 24 : 16);
      const info = this.dv.getBigUint64(o + 8, true);
      out.push({
        offset: this.dv.getBigUint64(o, true), type: Number(info & 0xffffffffn), sym: Number(info >> 32n),
        addend: rela ? this.dv.getBigInt64(o + 16, true) : 0n,
      });
    }
    return out;
  }

  /** (tag, value) pairs of the dynamic section, up to DT_NULL. */
  dynamicTags(): [bigint, bigint][] {
    const dyn = this.sections.find((s) => s.type === SHT_DYNAMIC);
    if (!dyn || dyn.type === SHT_NOBITS) return [];
    const out: [bigint, bigint][] = [];
    for (let o = dyn.offset; o + 16 <= dyn.offset + dyn.size; o += 16) {
      const tag = this.dv.getBigUint64(o, true);
      if (tag === 0n) break;
      out.push([tag, this.dv.getBigUint64(o + 8, true)]);
    }
    return out;
  }

  /** Version definitions and needs, or undefined when the object has no .gnu.version_d/_r. */
  versions(): ElfVersions | undefined {
    if (this.versionsCache === undefined) this.versionsCache = this.readVersions() ?? null;
    return this.versionsCache ?? undefined;
  }

  private readVersions(): ElfVersions | undefined {
    const verdef = this.sections.find((s) => s.type === SHT_GNU_VERDEF);
    const verneed = this.sections.find((s) => s.type === SHT_GNU_VERNEED);
    if (!verdef && !verneed) return undefined;
    const defs: { flags: number; name: string }[] = [];
    const needs = new Map<number, string>();
    const at = (s: ElfSection, o: number, len: number) => {
      if (o < s.offset || o + len > s.offset + s.size) throw new ElfError(`corrupt ELF: ${s.name} entry runs outside the section`);
      return o;
    };
    if (verdef) {
      const strs = this.linked(verdef, 'string table');
      let o = verdef.offset;
      for (let k = 0; k < verdef.info || verdef.info === 0; k++) {
        at(verdef, o, 20);
        const flags = this.dv.getUint16(o + 2, true), ndx = this.dv.getUint16(o + 4, true);
        const aux = at(verdef, o + this.dv.getUint32(o + 12, true), 8);
        defs[(ndx & 0x7fff) - 1] = { flags, name: this.strIn(strs, this.dv.getUint32(aux, true), 'version name') };
        const next = this.dv.getUint32(o + 16, true);
        if (!next) break;
        o += next;
      }
    }
    if (verneed) {
      const strs = this.linked(verneed, 'string table');
      let o = verneed.offset;
      for (let k = 0; k < verneed.info || verneed.info === 0; k++) {
        at(verneed, o, 16);
        let a = o + this.dv.getUint32(o + 8, true);
        for (let c = this.dv.getUint16(o + 2, true); c > 0; c--) {
          at(verneed, a, 16);
          needs.set(this.dv.getUint16(a + 6, true), this.strIn(strs, this.dv.getUint32(a + 8, true), 'version name'));
          const next = this.dv.getUint32(a + 12, true);
          if (!next) break;
          a += next;
        }
        const next = this.dv.getUint32(o + 12, true);
        if (!next) break;
        o += next;
      }
    }
    return { defs, needs };
  }
}

/**
 * The `@VER`/`@@VER` suffix objdump prints after a dynamic symbol (binutils'
 * _bfd_elf_get_symbol_version_string with base names shown): '' when the symbol has none.
 */
export function suffix(versym: number, defined: boolean, v: ElfVersions): string {
  let hidden = (versym & 0x8000) !== 0;
  const n = versym & 0x7fff;
  let name: string;
  if (n === 0) name = '';
  else if (n === 1 && (n > v.defs.length || v.defs[0]?.flags === 1)) name = 'Base';
  else if (n <= v.defs.length) name = v.defs[n - 1]?.name ?? '';
  else {
    name = v.needs.get(n) ?? '<corrupt>';
    if (v.needs.has(n)) hidden = true;
  }
  if (!defined) hidden = true;
  return name ? `${hidden ? '@' : '@@'}${name}` : '';
}
