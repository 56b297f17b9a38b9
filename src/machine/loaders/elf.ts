// ELF64 little-endian AArch64 reader: header, sections, segments and symbols, with clear errors for
// files that are not such an ELF. Used by the disassembler CLI, the loaders and the debugger.

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
  readonly name: string;
  readonly value: bigint;
  readonly size: bigint;
  readonly type: number;
  readonly bind: number;
  readonly shndx: number;
  /** Symbol version suffix from .gnu.version_d/_r, e.g. `@@GLIBC_2.17` (dynamic symbols only). */
  readonly version?: string;
  readonly dynamic: boolean;
}

export const SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_RELA = 4, SHT_NOBITS = 8, SHT_DYNSYM = 11;
export const SHF_ALLOC = 2n, SHF_EXECINSTR = 4n;
export const STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4, STT_TLS = 6, STT_GNU_IFUNC = 10;
export const STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;
export const PT_LOAD = 1;
export const EM_AARCH64 = 183;

export class Elf {
  readonly type: number;
  readonly entry: bigint;
  readonly sections: ElfSection[] = [];
  readonly segments: ElfSegment[] = [];
  private readonly dv: DataView;

  constructor(readonly data: Uint8Array) {
    if (data.length < 64 || data[0] !== 0x7f || data[1] !== 0x45 || data[2] !== 0x4c || data[3] !== 0x46) {
      throw new ElfError('not an ELF file');
    }
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
    const shentsize = this.dv.getUint16(58, true), shnum = this.dv.getUint16(60, true);
    const shstrndx = this.dv.getUint16(62, true);
    for (let i = 0; i < phnum; i++) {
      const o = phoff + i * phentsize;
      this.need(o, 56, 'program header');
      const seg: ElfSegment = {
        type: this.dv.getUint32(o, true), flags: this.dv.getUint32(o + 4, true),
        offset: this.num(this.dv.getBigUint64(o + 8, true), 'segment offset'),
        vaddr: this.dv.getBigUint64(o + 16, true), paddr: this.dv.getBigUint64(o + 24, true),
        filesz: this.num(this.dv.getBigUint64(o + 32, true), 'segment size'),
        memsz: this.num(this.dv.getBigUint64(o + 40, true), 'segment size'),
      };
      if (seg.type === PT_LOAD) this.need(seg.offset, seg.filesz, 'segment contents');
      this.segments.push(seg);
    }
    const raw: Omit<ElfSection, 'name'>[] = [];
    const nameOffs: number[] = [];
    for (let i = 0; i < shnum; i++) {
      const o = shoff + i * shentsize;
      this.need(o, 64, 'section header');
      nameOffs.push(this.dv.getUint32(o, true));
      raw.push({
        index: i, type: this.dv.getUint32(o + 4, true), flags: this.dv.getBigUint64(o + 8, true),
        addr: this.dv.getBigUint64(o + 16, true),
        offset: this.num(this.dv.getBigUint64(o + 24, true), 'section offset'),
        size: this.num(this.dv.getBigUint64(o + 32, true), 'section size'),
        link: this.dv.getUint32(o + 40, true), info: this.dv.getUint32(o + 44, true),
        entsize: this.num(this.dv.getBigUint64(o + 56, true), 'section entry size'),
      });
    }
    const strtab = raw[shstrndx];
    raw.forEach((s, i) => {
      if (s.type !== SHT_NOBITS) this.need(s.offset, s.size, 'section contents');
      this.sections.push({ ...s, name: strtab ? this.str(strtab.offset + nameOffs[i]) : '' });
    });
  }

  private num(v: bigint, what: string): number {
    if (v > BigInt(this.data.length)) throw new ElfError(`truncated or corrupt ELF: ${what} 0x${v.toString(16)} is past the end of the file`);
    return Number(v);
  }

  private need(off: number, len: number, what: string): void {
    if (off + len > this.data.length) throw new ElfError(`truncated ELF: ${what} at 0x${off.toString(16)} runs past the end of the file`);
  }

  str(off: number): string {
    let end = off;
    while (end < this.data.length && this.data[end] !== 0) end++;
    return Buffer.from(this.data.subarray(off, end)).toString('latin1');
  }

  bytes(s: ElfSection): Uint8Array {
    return this.data.subarray(s.offset, s.offset + s.size);
  }

  section(name: string): ElfSection | undefined {
    return this.sections.find((s) => s.name === name);
  }

  /** Symbols of .symtab, or of .dynsym with their versions (objdump's view of a stripped library). */
  symbols(which: 'symtab' | 'dynsym'): ElfSymbol[] {
    const tab = this.sections.find((s) => s.type === (which === 'symtab' ? SHT_SYMTAB : SHT_DYNSYM));
    if (!tab) return [];
    const strs = this.sections[tab.link];
    const versions = which === 'dynsym' ? this.symbolVersions(tab) : undefined;
    const out: ElfSymbol[] = [];
    for (let i = 1; i < tab.size / 24; i++) {
      const o = tab.offset + i * 24;
      const info = this.data[o + 4];
      out.push({
        name: this.str(strs.offset + this.dv.getUint32(o, true)),
        type: info & 15, bind: info >> 4,
        shndx: this.dv.getUint16(o + 6, true),
        value: this.dv.getBigUint64(o + 8, true), size: this.dv.getBigUint64(o + 16, true),
        version: versions?.[i], dynamic: which === 'dynsym',
      });
    }
    return out;
  }

  /** `@@VER` / `@VER` suffixes of the dynamic symbols, from .gnu.version, _d and _r. */
  private symbolVersions(dynsym: ElfSection): (string | undefined)[] | undefined {
    const versym = this.section('.gnu.version');
    if (!versym) return undefined;
    const names = new Map<number, string>();
    const verdef = this.section('.gnu.version_d');
    if (verdef) {
      const strs = this.sections[verdef.link];
      let o = verdef.offset;
      for (;;) {
        const ndx = this.dv.getUint16(o + 4, true);
        const aux = o + this.dv.getUint32(o + 12, true);
        names.set(ndx, this.str(strs.offset + this.dv.getUint32(aux, true)));
        const next = this.dv.getUint32(o + 16, true);
        if (!next) break;
        o += next;
      }
    }
    const verneed = this.section('.gnu.version_r');
    if (verneed) {
      const strs = this.sections[verneed.link];
      let o = verneed.offset;
      for (;;) {
        let a = o + this.dv.getUint32(o + 8, true);
        for (;;) {
          names.set(this.dv.getUint16(a + 6, true), this.str(strs.offset + this.dv.getUint32(a + 8, true)));
          const next = this.dv.getUint32(a + 12, true);
          if (!next) break;
          a += next;
        }
        const next = this.dv.getUint32(o + 12, true);
        if (!next) break;
        o += next;
      }
    }
    const out: (string | undefined)[] = [];
    for (let i = 0; i < dynsym.size / 24; i++) {
      const v = this.dv.getUint16(versym.offset + i * 2, true);
      const idx = v & 0x7fff;
      if (idx < 2) { out.push(undefined); continue; }
      const hidden = (v & 0x8000) !== 0;
      const defined = this.dv.getUint16(dynsym.offset + i * 24 + 6, true) !== 0;
      out.push(`${hidden || !defined ? '@' : '@@'}${names.get(idx) ?? ''}`);
    }
    return out;
  }
}
