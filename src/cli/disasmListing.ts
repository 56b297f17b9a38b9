// objdump -d style listing of an ELF file (or objdump -D -b binary of a raw one), line for line as
// binutils 2.40 prints it: labels, mapping-symbol data, skipped zeroes, address columns and targets.
import { Disassembler } from '../arch/a64/disasm/disassemble';
import type { Symbolizer } from '../arch/a64/disasm/context';
import { Elf, ElfSection, SHF_EXECINSTR, SHT_NOBITS, STT_FUNC } from '../machine/loaders/elf';
import { BfdSymbol, BSF_FUNCTION, BSF_OBJECT, BSF_SYNTHETIC, Reloc, SymbolTable, symbolIsValid } from './objdumpSymbols';

export interface ListingOptions {
  /** --start-address: only addresses >= start. */
  start?: bigint;
  /** --stop-address: only addresses < stop. */
  stop?: bigint;
  /** Raw binary: load address (objdump -b binary --adjust-vma). */
  base?: bigint;
  raw?: boolean;
  /** The name printed in the header, as given on the command line. */
  fileName?: string;
}

let shared: Disassembler | undefined;
const disassembler = () => (shared ??= new Disassembler());

const SKIP_ZEROES = 8, SKIP_ZEROES_AT_END = 3;
const hex16 = (v: bigint) => v.toString(16).padStart(16, '0');

/** How many leading digits of a 16-digit address this section's lines drop (whole groups of four). */
function skipChars(vma: bigint, size: number): number {
  const buf = hex16(BigInt.asUintN(64, vma + BigInt(size)));
  let z = 0;
  while (buf[z] === '0') z++;
  if (z === 16 && vma !== 0n) return 0;
  return z ? (z - 1) & ~3 : 0;
}

function addressColumn(addr: bigint, skip: number): string {
  const s = hex16(addr).slice(skip);
  let i = 0;
  while (i < s.length - 1 && s[i] === '0') i++;
  return ' '.repeat(i) + s.slice(i);
}

const enum MapType { Insn, Data }
const INSN = { type: MapType.Insn, index: -1 };

/** What objdump's disassemble_info keeps from one instruction to the next, across sections. */
interface DisassemblerState {
  /** bytes_per_chunk of the last decoded unit (0 before any). */
  chunk: number;
}

/** One section's disassembly, following objdump's disassemble_section and disassemble_bytes. */
class SectionLister {
  private readonly dis = disassembler();
  private readonly skip: number;
  private readonly numericBase?: number;
  private readonly dv: DataView;
  /** Mapping symbols and functions of this section in sorted order: [address, type, index in sorted]. */
  private readonly maps: [bigint, MapType, number][] = [];
  private relocs: Reloc[] = [];
  private relIndex = 0;

  constructor(private readonly out: string[], private readonly state: DisassemblerState, private readonly sec: ElfSection,
    private readonly data: Uint8Array, private readonly syms: SymbolTable | undefined, private readonly raw: boolean) {
    this.skip = skipChars(sec.addr, sec.size);
    if (sec.addr + BigInt(sec.size) <= BigInt(Number.MAX_SAFE_INTEGER)) this.numericBase = Number(sec.addr);
    this.dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (syms) {
      syms.sortFor(sec);
      syms.sorted.forEach((s, i) => {
        if (s.section !== sec.index) return;
        const m = mapType(s);
        if (m !== undefined) this.maps.push([s.value, m, i]);
      });
      this.relocs = syms.sectionRelocs(sec);
    }
  }

  list(start: bigint | undefined, stop: bigint | undefined): void {
    const { sec, syms, out } = this;
    const size = BigInt(this.data.length);
    let addrOffset = start === undefined || start < sec.addr ? 0n : start - sec.addr;
    let stopOffset = size;
    if (stop !== undefined) stopOffset = stop < sec.addr ? 0n : stop - sec.addr > size ? size : stop - sec.addr;
    if (addrOffset >= stopOffset) return;
    out.push('', `Disassembly of section ${sec.name}:`);
    this.skipRelocs(Number(addrOffset));
    if (!syms) {
      out.push('', `${hex16(sec.addr + addrOffset)} <${sec.name}${addrOffset ? `+0x${addrOffset.toString(16)}` : ''}>:`);
      this.bytes(addrOffset, stopOffset, true);
      return;
    }
    let found = syms.find(sec.addr + addrOffset, sec, true);
    let sym = found?.sym;
    let place = found?.place ?? 0;
    const sorted = syms.sorted;
    while (addrOffset < stopOffset) {
      const addr = sec.addr + addrOffset;
      out.push('', `${hex16(addr)} ${syms.annotation(sym, addr, sec)}:`);
      let next: BfdSymbol | undefined;
      if (sym && sym.value > addr) next = sym;
      else if (!sym) next = undefined;
      else {
        const cur = sym;
        while (place < sorted.length && !(sorted[place].secName === sec.name && sorted[place].value > cur.value
          && symbolIsValid(sorted[place]))) place++;
        next = place < sorted.length ? sorted[place] : undefined;
      }
      let nextStop: bigint;
      if (sym && sym.value > addr) nextStop = sym.value - sec.addr;
      else if (!next) nextStop = stopOffset;
      else nextStop = next.value - sec.addr;
      if (nextStop > stopOffset || nextStop <= addrOffset) nextStop = stopOffset;
      // Bytes under an object symbol (not a function) are dumped, not disassembled.
      const object = sym !== undefined && sym.section === sec.index && sym.value <= addr && !(sym.flags & BSF_FUNCTION)
        && ((sym.flags & BSF_OBJECT) !== 0 || sym.name.includes('gnu_compiled') || sym.name.includes('gcc2_compiled'));
      this.bytes(addrOffset, nextStop, !object);
      addrOffset = nextStop;
      sym = next;
    }
  }

  /** disassemble_bytes over [from, to) (section offsets). */
  private bytes(from: bigint, to: bigint, insns: boolean): void {
    const { out, data, sec } = this;
    const end = Number(to);
    let off = Number(from);
    while (off < end) {
      let z = off;
      while (z < end && data[z] === 0) z++;
      let zeros = z - off;
      if (zeros >= SKIP_ZEROES || (z === end && zeros < SKIP_ZEROES_AT_END && zeros > 0)) {
        if (z !== end) zeros &= ~3;
        out.push('\t...');
        off += zeros;
        this.skipRelocs(off);
        continue;
      }
      const pc = sec.addr + BigInt(off);
      const prefix = `${this.column(off, pc)}:\t`;
      if (!insns) {
        off += this.dump(prefix, off, end);
        this.skipRelocs(off);
        continue;
      }
      const map = this.maps.length ? this.mapAt(pc) : INSN;
      let size = 4;
      if (map.type === MapType.Data) {
        size = 4 - Number(pc & 3n);
        const after = this.syms!.sorted;
        for (let n = map.index + 1; n < after.length; n++) {
          if (after[n].value > pc) {
            if (after[n].value - pc < BigInt(size)) size = Number(after[n].value - pc);
            break;
          }
        }
        if (size === 3) size = pc & 1n ? 1 : 2;
      }
      if (off + size > end) {
        out.push(`${prefix}Address 0x${pc.toString(16)} is out of bounds.`, '');
        break;
      }
      const reloc = this.relocFor(off);
      if (map.type === MapType.Data) {
        const v = size === 4 ? this.dv.getUint32(off, true) : size === 2 ? this.dv.getUint16(off, true) : data[off];
        const h = v.toString(16).padStart(size * 2, '0');
        const directive = size === 4 ? '.word' : size === 2 ? '.short' : '.byte';
        out.push(`${prefix}${h} ${' '.repeat((4 - size) / size * (size * 2 + 1))}\t${directive}\t0x${h}`);
      } else {
        const w = this.dv.getUint32(off, true);
        out.push(`${prefix}${w.toString(16).padStart(8, '0')} \t${this.insn(w, pc, reloc)}`);
      }
      this.state.chunk = size;
      off += size;
      this.skipRelocs(off);
    }
  }

  /** Moves past the relocations of bytes before section offset `off`. */
  private skipRelocs(off: number): void {
    while (this.relIndex < this.relocs.length && this.relocs[this.relIndex].address < BigInt(off)) this.relIndex++;
  }

  /** The address column; plain numbers while addresses fit in a double (nearly always). */
  private column(off: number, pc: bigint): string {
    if (this.numericBase === undefined) return addressColumn(pc, this.skip);
    return (this.numericBase + off).toString(16).padStart(16 - this.skip);
  }

  /** A line of at most 16 raw bytes in chunks of the disassembler's last chunk size, then the ASCII. */
  private dump(prefix: string, off: number, end: number): number {
    const n = Math.min(16, end - off);
    const bpc = this.state.chunk || 1;
    let line = prefix;
    for (let j = off; j < off + n; j += bpc) {
      if (j + bpc <= end) for (let k = bpc; k-- > 0;) line += this.data[j + k].toString(16).padStart(2, '0');
      line += ' ';
    }
    for (let pb = n; pb < 16; pb += bpc) line += '  '.repeat(bpc) + ' ';
    line += '    ';
    for (let j = off; j < off + n; j++) {
      const c = this.data[j];
      line += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
    }
    this.out.push(line);
    return n;
  }

  private relocFor(off: number): Reloc | undefined {
    const r = this.relocs[this.relIndex];
    if (!r) return undefined;
    const d = r.address - BigInt(off);
    return d >= 0n && d < 4n ? r : undefined;
  }

  private insn(w: number, pc: bigint, reloc: Reloc | undefined): string {
    const { syms, sec } = this;
    if (this.raw || !syms || syms.sorted.length === 0) return this.dis.disassemble(w, pc);
    if (!reloc) return this.dis.disassemble(w, pc, (a) => syms.describe(a, sec));
    // An instruction with a relocation is decoded as if at address 0 (its field is the addend).
    const fixes: [string, string][] = [];
    const symbolize: Symbolizer = (a) => {
      const text = syms.describeWithReloc(a, reloc, sec);
      const cut = text.indexOf(' ');
      const shown = text.slice(0, cut);
      if (shown !== a.toString(16)) fixes.push([`${a.toString(16)} <`, `${shown} <`]);
      return text.slice(cut + 1);
    };
    let text = this.dis.disassemble(w, 0n, symbolize);
    for (const [from, to] of fixes) text = text.replace(from, to);
    return text;
  }

  /** The mapping state at pc: the last function or $x/$d symbol of this section at or before it. */
  private mapAt(pc: bigint): { type: MapType; index: number } {
    const m = this.maps;
    let lo = 0, hi = m.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (m[mid][0] <= pc) lo = mid + 1; else hi = mid;
    }
    return lo === 0 ? INSN : { type: m[lo - 1][1], index: m[lo - 1][2] };
  }
}

/** aarch64-dis.c get_sym_code_type: functions are code, `$x`/`$d` (optionally `.suffix`) switch modes. */
function mapType(s: BfdSymbol): MapType | undefined {
  if (s.flags & BSF_SYNTHETIC) return undefined;
  if (s.elfType === STT_FUNC) return MapType.Insn;
  const n = s.name;
  if (n[0] === '$' && (n[1] === 'x' || n[1] === 'd') && (n.length === 2 || n[2] === '.')) return n[1] === 'x' ? MapType.Insn : MapType.Data;
  return undefined;
}

export function listing(data: Uint8Array, opts: ListingOptions): string {
  const out: string[] = [];
  const name = opts.fileName ?? 'a.out';
  if (opts.raw) {
    out.push('', `${name}:     file format binary`, '');
    const sec: ElfSection = {
      index: 1, name: '.data', type: 1, flags: 0n, addr: opts.base ?? 0n, offset: 0, size: data.length, link: 0, info: 0, entsize: 0,
    };
    if (data.length) new SectionLister(out, { chunk: 0 }, sec, data, undefined, true).list(opts.start, opts.stop);
    return out.join('\n') + '\n';
  }
  const elf = new Elf(data);
  out.push('', `${name}:     file format elf64-littleaarch64`, '');
  const syms = new SymbolTable(elf);
  const state: DisassemblerState = { chunk: 0 };
  for (const s of elf.sections) {
    if (!(s.flags & SHF_EXECINSTR) || s.type === SHT_NOBITS || s.size === 0) continue;
    new SectionLister(out, state, s, elf.bytes(s), syms, false).list(opts.start, opts.stop);
  }
  return out.join('\n') + '\n';
}
