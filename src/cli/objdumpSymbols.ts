// The symbols objdump -d (binutils 2.40) uses to label code and annotate targets: BFD's view of .symtab
// or .dynsym, synthetic `name@plt` entries, dynamic relocations, and objdump's sorting and lookup rules.
import {
  Elf, ElfSection, ElfSymbol, ET_DYN, ET_EXEC, ET_REL, SHF_ALLOC, SHN_COMMON, SHN_LORESERVE, SHN_UNDEF,
  SHT_REL, SHT_RELA, SHT_SYMTAB, STB_GLOBAL, STB_GNU_UNIQUE, STB_LOCAL, STB_WEAK, STT_COMMON, STT_FILE, STT_FUNC,
  STT_GNU_IFUNC, STT_OBJECT, STT_SECTION, STT_TLS,
} from '../machine/loaders/elf';

// BFD symbol flags (only the ones objdump's rules look at).
export const BSF_LOCAL = 1 << 0, BSF_GLOBAL = 1 << 1, BSF_DEBUGGING = 1 << 2, BSF_FUNCTION = 1 << 3,
  BSF_WEAK = 1 << 7, BSF_SECTION_SYM = 1 << 8, BSF_FILE = 1 << 14, BSF_DYNAMIC = 1 << 15, BSF_OBJECT = 1 << 16,
  BSF_THREAD_LOCAL = 1 << 18, BSF_SYNTHETIC = 1 << 21, BSF_GNU_INDIRECT_FUNCTION = 1 << 22, BSF_GNU_UNIQUE = 1 << 23;

/** Pseudo section numbers of BFD's global sections, below every real one as their addresses are. */
export const SEC_COM = -3, SEC_UND = -2, SEC_ABS = -1;

export interface BfdSymbol {
  readonly name: string;
  /** bfd_asymbol_value: the absolute address. */
  readonly value: bigint;
  /** The symbol's value relative to its section, as BFD stores it. */
  readonly relValue: bigint;
  /** Section index, or SEC_ABS / SEC_UND / SEC_COM. */
  readonly section: number;
  /** Its section's name (`*ABS*`, `*UND*`, `*COM*` for BFD's global sections). */
  readonly secName: string;
  readonly flags: number;
  readonly size: bigint;
  readonly elfType: number;
  /** `@VER` / `@@VER` printed after the name ('' for none). */
  readonly version: string;
}

export interface Reloc {
  readonly address: bigint;
  readonly sym: BfdSymbol;
}

const GLOBAL_SECTION_NAMES: Record<number, string> = { [SEC_ABS]: '*ABS*', [SEC_UND]: '*UND*', [SEC_COM]: '*COM*' };

/** BFD's asymbol for one ELF symbol (bfd/elfcode.h elf_slurp_symbol_table). */
function toBfd(elf: Elf, s: ElfSymbol): BfdSymbol {
  const exec = elf.type === ET_EXEC || elf.type === ET_DYN;
  let section: number;
  if (s.shndx === SHN_UNDEF) section = SEC_UND;
  else if (s.shndx === SHN_COMMON) section = SEC_COM;
  else if (s.shndx >= SHN_LORESERVE || s.shndx >= elf.sections.length) section = SEC_ABS;
  else section = s.shndx;
  const sec = section >= 0 ? elf.sections[section] : undefined;
  const vma = sec?.addr ?? 0n;
  const rel = section === SEC_COM ? s.size : exec ? s.value - vma : s.value;
  let flags = 0;
  switch (s.type) {
    case STT_SECTION: flags |= BSF_SECTION_SYM | BSF_DEBUGGING; break;
    case STT_FILE: flags |= BSF_FILE | BSF_DEBUGGING; break;
    case STT_FUNC: flags |= BSF_FUNCTION; break;
    case STT_COMMON: case STT_OBJECT: flags |= BSF_OBJECT; break;
    case STT_TLS: flags |= BSF_THREAD_LOCAL; break;
    case STT_GNU_IFUNC: flags |= BSF_GNU_INDIRECT_FUNCTION; break;
  }
  if (s.bind === STB_LOCAL) flags |= BSF_LOCAL;
  else if (s.bind === STB_GLOBAL) { if (section !== SEC_UND && section !== SEC_COM) flags |= BSF_GLOBAL; }
  else if (s.bind === STB_WEAK) flags |= BSF_WEAK;
  else if (s.bind === STB_GNU_UNIQUE) flags |= BSF_GNU_UNIQUE;
  if (s.dynamic) flags |= BSF_DYNAMIC;
  let name = s.name;
  if (name === '' && s.type === STT_SECTION && sec) name = sec.name;
  const value = BigInt.asUintN(64, vma + rel);
  const secName = sec?.name ?? GLOBAL_SECTION_NAMES[section];
  return { name, value, relValue: rel, section, secName, flags, size: s.size, elfType: s.type, version: s.version ?? '' };
}

const ABS_SYMBOL: BfdSymbol = {
  name: '*ABS*', value: 0n, relValue: 0n, section: SEC_ABS, secName: '*ABS*', flags: BSF_SECTION_SYM, size: 0n, elfType: STT_SECTION, version: '',
};

function fileSymbol(s: BfdSymbol): boolean {
  const n = s.name;
  return (s.flags & BSF_FILE) !== 0 || (n.length > 2 && n[n.length - 2] === '.' && (n[n.length - 1] === 'o' || n[n.length - 1] === 'a'));
}

const compiledMarker = (n: string) => n.includes('gnu_compiled') || n.includes('gcc2_compiled');

/** objdump's compare_symbols while disassembling section `current`: symbols of that section first. */
export function compareSymbols(a: BfdSymbol, b: BfdSymbol, current: string): number {
  if (a.value !== b.value) return a.value > b.value ? 1 : -1;
  const as = a.secName === current, bs = b.secName === current;
  if (as !== bs) return as ? -1 : 1;
  let af = compiledMarker(a.name), bf = compiledMarker(b.name);
  if (af !== bf) return af ? 1 : -1;
  af = fileSymbol(a); bf = fileSymbol(b);
  if (af !== bf) return af ? 1 : -1;
  const order: [number, number][] = [[BSF_DEBUGGING, 1], [BSF_SECTION_SYM, 1], [BSF_FUNCTION, -1], [BSF_OBJECT, -1],
    [BSF_LOCAL, 1], [BSF_GLOBAL, -1]];
  for (const [bit, first] of order) {
    if ((a.flags & bit) !== (b.flags & bit)) return (a.flags & bit) ? first : -first;
  }
  const asz = a.flags & (BSF_SECTION_SYM | BSF_SYNTHETIC) ? 0n : a.size;
  const bsz = b.flags & (BSF_SECTION_SYM | BSF_SYNTHETIC) ? 0n : b.size;
  if (asz !== bsz) return asz > bsz ? -1 : 1;
  const ad = a.name.startsWith('.'), bd = b.name.startsWith('.');
  if (ad !== bd) return ad ? 1 : -1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** aarch64_symbol_is_valid: mapping symbols never label or annotate anything. */
export function symbolIsValid(s: BfdSymbol): boolean {
  const n = s.name;
  return n[0] !== '$' || (n[1] !== 'x' && n[1] !== 'd') || (n.length > 2 && n[2] !== '.');
}

/** Section symbols objdump keeps (is_significant_symbol_name). */
const significant = (n: string) => n.startsWith('.plt') || n.startsWith('.got');

/** PLT entry sizes by the DT_AARCH64_BTI_PLT / DT_AARCH64_PAC_PLT tags (bfd elfNN_aarch64_plt_sym_val). */
function pltEntrySize(elf: Elf): number {
  let bti = false, pac = false;
  for (const [tag] of elf.dynamicTags()) {
    if (tag === 0x70000001n) bti = true;
    if (tag === 0x70000003n) pac = true;
  }
  if (bti && pac) return 24;
  if (bti) return elf.type === ET_EXEC ? 24 : 16;
  if (pac) return 24;
  return 16;
}

export class SymbolTable {
  /** sorted_syms: the useful symbols (or dynamic ones when there is no .symtab) plus synthetic ones, sorted. */
  sorted: BfdSymbol[];
  private sortedFor?: string;
  /** Dynamic relocations by address (for targets that land exactly on one). */
  private readonly dynrels: Reloc[];
  readonly symtab: BfdSymbol[];
  readonly hasReloc: boolean;
  readonly execOrDyn: boolean;

  constructor(readonly elf: Elf) {
    this.execOrDyn = elf.type === ET_EXEC || elf.type === ET_DYN;
    this.symtab = elf.symbols('symtab').map((s) => toBfd(elf, s));
    const symtabIndex = elf.symbolTable('symtab')?.index;
    const dynElf = elf.symbols('dynsym');
    const dynsyms = dynElf.map((s) => toBfd(elf, s));
    const dynIndex = elf.symbolTable('dynsym')?.index;
    // BFD's HAS_RELOC: some section has relocations of its own (allocated ones in linked files are plain data).
    const isRel = (s?: ElfSection) => s !== undefined && (s.type === SHT_RELA || s.type === SHT_REL);
    this.hasReloc = symtabIndex !== undefined && elf.sections.some((s) => isRel(s) && s.link === symtabIndex
      && !(this.execOrDyn && (s.flags & SHF_ALLOC)) && s.info > 0 && s.info < elf.sections.length && !isRel(elf.sections[s.info]));

    const base = this.symtab.length ? this.symtab : dynsyms;
    const sorted = base.filter((s) => s.name !== '' && (!(s.flags & (BSF_DEBUGGING | BSF_SECTION_SYM)) || significant(s.name))
      && s.section !== SEC_UND && s.section !== SEC_COM);

    const dynSym = (i: number) => (i === 0 ? ABS_SYMBOL : dynsyms[i - 1] ?? ABS_SYMBOL);
    this.dynrels = [];
    if (dynIndex !== undefined && this.execOrDyn) {
      for (const s of elf.sections) {
        if ((s.type !== SHT_RELA && s.type !== SHT_REL) || s.link !== dynIndex) continue;
        for (const r of elf.relocations(s)) this.dynrels.push({ address: r.offset, sym: dynSym(r.sym) });
      }
      this.dynrels.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
      sorted.push(...this.synthetic(dynSym, dynIndex));
    }
    this.sorted = sorted;
  }

  /** Re-sorts the symbols for disassembling `sec`, as objdump does at the start of each section. */
  sortFor(sec: ElfSection): void {
    if (this.sortedFor === sec.name) return;
    this.sortedFor = sec.name;
    this.sorted.sort((a, b) => compareSymbols(a, b, sec.name));
  }

  /** `name@plt` (or `*ABS*+0xaddend@plt`) for each .rela.plt entry (bfd _bfd_elf_get_synthetic_symtab). */
  private synthetic(dynSym: (i: number) => BfdSymbol, dynIndex: number): BfdSymbol[] {
    const relplt = this.elf.section('.rela.plt'), plt = this.elf.section('.plt');
    if (!relplt || !plt || relplt.link !== dynIndex || relplt.type !== SHT_RELA) return [];
    const entry = BigInt(pltEntrySize(this.elf));
    return this.elf.relocations(relplt).map((r, i) => {
      const s = dynSym(r.sym);
      const addr = plt.addr + 32n + BigInt(i) * entry;
      const addend = r.addend !== 0n ? `+0x${BigInt.asUintN(64, r.addend).toString(16)}` : '';
      return {
        ...s, name: `${s.name}${addend}@plt`, value: addr, relValue: addr - plt.addr, section: plt.index, secName: plt.name,
        flags: ((s.flags & BSF_LOCAL) ? s.flags : s.flags | BSF_GLOBAL) | BSF_SYNTHETIC, version: '',
      };
    });
  }

  sectionVma(s: BfdSymbol): bigint {
    return s.section >= 0 ? this.elf.sections[s.section].addr : 0n;
  }

  private ok(wantSection: boolean, i: number, sec: ElfSection): boolean {
    const s = this.sorted[i];
    if (wantSection && (s.section >= 0 ? s.section !== sec.index : s.secName !== sec.name)) return false;
    return symbolIsValid(s);
  }

  /** objdump's find_symbol_for_address: the symbol to show for `vma` from code in `sec`, and its index. */
  find(vma: bigint, sec: ElfSection, requireSec: boolean): { sym: BfdSymbol; place: number } | undefined {
    const syms = this.sorted;
    const n = syms.length;
    if (n < 1) return undefined;
    let min = 0, max = n;
    while (min + 1 < max) {
      const mid = (min + max) >> 1;
      const v = syms[mid].value;
      if (v > vma) max = mid;
      else if (v < vma) min = mid;
      else { min = mid; break; }
    }
    let place = min;
    while (place > 0 && syms[place].value === syms[place - 1].value) place--;
    for (min = place; min < max && syms[min].value === syms[place].value; min++) {
      if (syms[min].section === sec.index && symbolIsValid(syms[min])) return { sym: syms[min], place: min };
    }
    const wantSection = requireSec || (this.hasReloc && vma >= sec.addr && vma < sec.addr + BigInt(sec.size));
    if (!this.ok(wantSection, place, sec)) {
      let newplace = n;
      for (let i = min - 1; i >= 0; i--) {
        if (!this.ok(wantSection, i, sec)) continue;
        if (newplace === n) newplace = i;
        if (syms[i].value !== syms[newplace].value) break;
        newplace = i;
      }
      if (newplace !== n) place = newplace;
      else {
        for (let i = place + 1; i < n; i++) if (this.ok(wantSection, i, sec)) { place = i; break; }
      }
      if (!this.ok(wantSection, place, sec)) return undefined;
    }
    const s = syms[place];
    if (!wantSection && s.relValue !== vma && !(s.flags & BSF_SYNTHETIC)) {
      const r = this.dynrelAt(vma);
      if (r) return { sym: r, place };
    }
    return { sym: s, place };
  }

  private dynrelAt(vma: bigint): BfdSymbol | undefined {
    const rels = this.dynrels;
    let lo = 0, hi = rels.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rels[mid].address < vma) lo = mid + 1; else hi = mid;
    }
    for (let i = lo; i < rels.length && rels[i].address === vma; i++) {
      if (rels[i].sym.section !== SEC_ABS) return rels[i].sym;
    }
    return undefined;
  }

  /** objdump_print_addr_with_sym without the address: `<sym+0xoff>`, `<sym-0xoff>` or `<section+0xoff>`. */
  annotation(sym: BfdSymbol | undefined, vma: bigint, sec: ElfSection): string {
    if (!sym) return `<${sec.name}${offset(vma, sec.addr)}>`;
    const name = sym.flags & (BSF_SECTION_SYM | BSF_SYNTHETIC) ? sym.name : sym.name + sym.version;
    if (sym.value === vma || (this.execOrDyn && sym.section === SEC_UND)) return `<${name}>`;
    return `<${name}${offset(vma, sym.value)}>`;
  }

  /** The `<...>` objdump prints after a target address from code in `sec`. */
  describe(vma: bigint, sec: ElfSection): string {
    return this.annotation(this.find(vma, sec, false)?.sym, vma, sec);
  }

  /** Relocations that apply to section `sec` of a relocatable object, by offset. */
  sectionRelocs(sec: ElfSection): Reloc[] {
    if (this.elf.type !== ET_REL) return [];
    const symtab = this.elf.sections.find((s) => s.type === SHT_SYMTAB);
    const out: Reloc[] = [];
    for (const s of this.elf.sections) {
      if ((s.type !== SHT_RELA && s.type !== SHT_REL) || s.info !== sec.index || !symtab || s.link !== symtab.index) continue;
      for (const r of this.elf.relocations(s)) out.push({ address: r.offset, sym: r.sym ? this.symtab[r.sym - 1] ?? ABS_SYMBOL : ABS_SYMBOL });
    }
    return out.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  }

  /** Target annotation for an instruction that carries relocation `r` (objdump_print_addr with aux->reloc). */
  describeWithReloc(target: bigint, r: Reloc, sec: ElfSection): string {
    const vma = BigInt.asUintN(64, target + r.sym.value);
    if (r.sym.section === SEC_UND) return `${vma.toString(16)} ${this.annotation(r.sym, vma, sec)}`;
    return `${vma.toString(16)} ${this.describe(vma, sec)}`;
  }
}

function offset(vma: bigint, base: bigint): string {
  if (vma < base) return `-0x${(base - vma).toString(16)}`;
  if (vma > base) return `+0x${(vma - base).toString(16)}`;
  return '';
}

