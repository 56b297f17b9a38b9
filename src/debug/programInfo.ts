// What the debugger knows about the code it runs: the symbols and DWARF line tables of the program ELF and of
// extra symbol files (each loaded `offset` higher), for names, source locations (with the frames of inlined calls),
// source breakpoints and unwinding.
import { dirname, resolve } from 'node:path';
import type { Core } from '../machine/core';
import { Elf, PT_LOAD, SHN_LORESERVE, SHN_UNDEF, SHN_XINDEX, STB_LOCAL, STT_FUNC, STT_NOTYPE } from '../machine/loaders/elf';
import { DwarfError, InlinedSubroutine, readCompileUnits } from '../machine/loaders/dwarfInfo';
import { isAbsolute, readLineTables } from '../machine/loaders/dwarfLine';
import type { AddressRange } from '../machine/loaders/dwarfRanges';
import { readMemory } from './addressSpace';
import { unwind } from './unwind';

export interface FunctionSymbol {
  readonly name: string;
  readonly addr: bigint;
  /** 0 for a label (assembly symbols have no size). */
  readonly size: bigint;
}

export interface SourceLocation {
  /** Absolute path of the source file. */
  readonly path: string;
  readonly line: number;
}

interface Row {
  readonly address: bigint;
  /** Index into ProgramInfo.paths. */
  readonly file: number;
  readonly line: number;
  readonly isStmt: boolean;
}

/** Rows of one line-table sequence, in address order, covering [start, end). */
interface Sequence {
  readonly start: bigint;
  readonly end: bigint;
  readonly rows: readonly Row[];
}

/** An inlined call: the callee's name and code, and the call site in its caller. */
interface InlineScope {
  readonly name: string;
  readonly ranges: readonly AddressRange[];
  /** The call site; path '' and line 0 where the debug information gives none. */
  readonly call: SourceLocation;
  readonly inlined: readonly InlineScope[];
}

/** One address range of an out-of-line function of the DWARF information, with the calls inlined into it. */
interface FunctionRange extends AddressRange {
  readonly name: string;
  readonly inlined: readonly InlineScope[];
}

/** A source-level frame at an address: a function and the line it is at (absent where no line is known). */
export interface SourceFrame {
  readonly name: string;
  readonly path?: string;
  readonly line?: number;
}

/** A path as compared: separators unified, `.`/`..` gone, a drive letter in lower case. */
function pathKey(path: string): string {
  const p = path.replace(/\\/g, '/');
  const drive = /^([A-Za-z]):\//.exec(p);
  if (drive) return `${drive[1].toLowerCase()}:${resolve('/', p.slice(2))}`;
  return resolve('/', p);
}

const cmp = (x: bigint, y: bigint): number => (x < y ? -1 : x > y ? 1 : 0);

const within = (scopes: readonly InlineScope[], addr: bigint): InlineScope | undefined =>
  scopes.find((s) => s.ranges.some((r) => r.low <= addr && addr < r.high));

export class ProgramInfo {
  private readonly symbols: FunctionSymbol[] = [];
  private readonly byName = new Map<string, bigint>();
  private readonly sequences: Sequence[] = [];
  private readonly paths: string[] = [];
  private readonly pathIndex = new Map<string, number>();
  /** The statement rows of each file, for source breakpoints. */
  private readonly statements = new Map<number, { row: Row; seq: Sequence }[]>();
  /** In address order; `reach[i]` is the highest end of functionRanges[0..i], which bounds the search back. */
  private readonly functionRanges: FunctionRange[] = [];
  private reach: bigint[] = [];
  /** Problems with debug information that did not stop the launch (the symbols were still taken). */
  readonly warnings: string[] = [];

  /**
   * Adds the symbols and line tables of an ELF file at `path` whose addresses load `offset` higher. Returns
   * false, adding nothing, when the bytes are not an ELF (an Image or a raw binary); a corrupt ELF throws ElfError.
   */
  addElf(bytes: Uint8Array, path: string, offset = 0n): boolean {
    if (bytes.length < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return false;
    const elf = new Elf(bytes);
    for (const s of elf.symbols('symtab')) {
      // Mapping symbols ($x, $d) mark code and data, absolute and common ones are not code: none names code.
      if (!s.name || s.name.startsWith('$') || s.shndx === SHN_UNDEF || (s.shndx >= SHN_LORESERVE && s.shndx !== SHN_XINDEX)) continue;
      if (s.type !== STT_FUNC && s.type !== STT_NOTYPE) continue;
      const addr = BigInt.asUintN(64, s.value + offset);
      this.symbols.push({ name: s.name, addr, size: s.size });
      // A global name wins over a local one of the same name.
      if (!this.byName.has(s.name) || s.bind !== STB_LOCAL) this.byName.set(s.name, addr);
    }
    this.symbols.sort((a, b) => cmp(a.addr, b.addr));
    try {
      this.addLines(elf, path, offset);
    } catch (e) {
      if (!(e instanceof DwarfError)) throw e;
      this.warnings.push(`${path}: line information ignored: ${e.message}`);
    }
    return true;
  }

  private addLines(elf: Elf, elfPath: string, offset: bigint): void {
    // Relative paths (a relative comp_dir, as after --debug-prefix-map=DIR=.) are relative to the ELF's directory.
    const base = dirname(resolve(elfPath));
    // The linker leaves the sequences of discarded code (--gc-sections, COMDAT) at address 0.
    const loadsZero = elf.segments.some((s) => s.type === PT_LOAD && s.vaddr === 0n && s.memsz > 0);
    const units = readCompileUnits(elf);
    const filesOf = new Map<number, number[]>();
    for (const t of readLineTables(elf, units)) {
      // A drive-letter path from a Windows build stays as written; any other is resolved (which also drops `./`).
      const fileOf = t.files.map((f) => (f === undefined ? -1 : this.intern(isAbsolute(f) && !f.startsWith('/') ? f : resolve(base, f))));
      filesOf.set(t.offset, fileOf);
      let rows: Row[] = [];
      let rawStart = 0n;
      for (const r of t.rows) {
        const address = BigInt.asUintN(64, r.address + offset);
        if (!r.endSequence) {
          if (rows.length === 0) rawStart = r.address;
          rows.push({ address, file: fileOf[r.file] ?? -1, line: r.line, isStmt: r.isStmt });
          continue;
        }
        if (rows.length > 0 && (rawStart !== 0n || loadsZero)) {
          rows.sort((a, b) => cmp(a.address, b.address));
          const seq: Sequence = { start: rows[0].address, end: address, rows };
          this.sequences.push(seq);
          for (const row of rows) {
            if (!row.isStmt || row.file < 0) continue;
            const list = this.statements.get(row.file);
            if (list) list.push({ row, seq });
            else this.statements.set(row.file, [{ row, seq }]);
          }
        }
        rows = [];
      }
    }
    this.sequences.sort((a, b) => cmp(a.start, b.start));
    const shift = (r: AddressRange): AddressRange => ({ low: BigInt.asUintN(64, r.low + offset), high: BigInt.asUintN(64, r.high + offset) });
    for (const u of units) {
      const fileOf = (u.stmtList !== undefined ? filesOf.get(u.stmtList) : undefined) ?? [];
      const scope = (s: InlinedSubroutine): InlineScope => {
        const file = fileOf[s.callFile] ?? -1;
        return {
          name: s.name, ranges: s.ranges.map(shift), inlined: s.inlined.map(scope),
          call: { path: file < 0 ? '' : this.paths[file], line: s.callLine },
        };
      };
      for (const f of u.subprograms) {
        const inlined = f.inlined.map(scope);
        for (const r of f.ranges) if (r.low !== 0n || loadsZero) this.functionRanges.push({ ...shift(r), name: f.name, inlined });
      }
    }
    this.functionRanges.sort((a, b) => cmp(a.low, b.low));
    let reach = 0n;
    this.reach = this.functionRanges.map((r) => (reach = r.high > reach ? r.high : reach));
  }

  private intern(path: string): number {
    const key = pathKey(path);
    let i = this.pathIndex.get(key);
    if (i === undefined) {
      i = this.paths.length;
      this.paths.push(path);
      this.pathIndex.set(key, i);
    }
    return i;
  }

  /**
   * The function (or assembly label) an address is in: of the symbols at the nearest address at or below it, a
   * sized one that covers it, else a label (assembly symbols have no size).
   */
  functionAt(addr: bigint): FunctionSymbol | undefined {
    const syms = this.symbols;
    let lo = 0, hi = syms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (syms[mid].addr <= addr) lo = mid + 1;
      else hi = mid;
    }
    let label: FunctionSymbol | undefined;
    for (let i = lo - 1; i >= 0 && syms[i].addr === syms[lo - 1].addr; i--) {
      const s = syms[i];
      if (s.size > 0n && addr < s.addr + s.size) return s;
      if (s.size === 0n) label ??= s;
    }
    return label;
  }

  /** "name" or "name+0x10", undefined outside every symbol. */
  symbolAt(addr: bigint): string | undefined {
    const f = this.functionAt(addr);
    if (!f) return undefined;
    return addr === f.addr ? f.name : `${f.name}+0x${(addr - f.addr).toString(16)}`;
  }

  addressOf(name: string): bigint | undefined {
    return this.byName.get(name);
  }

  symbolNames(): string[] {
    return [...this.byName.keys()];
  }

  /** Every source file of the line tables. */
  sources(): string[] {
    return [...this.paths];
  }

  /** The source line of an address: the nearest row at or below it in the sequence that covers it. */
  location(addr: bigint): SourceLocation | undefined {
    const seq = this.sequenceAt(addr);
    if (!seq) return undefined;
    const rows = seq.rows;
    let lo = 0, hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].address <= addr) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return undefined;
    // Of several rows at one address the last statement describes the instruction there (earlier ones are empty).
    const at = rows[lo - 1].address;
    let best = lo - 1;
    for (let i = lo - 1; i >= 0 && rows[i].address === at; i--) {
      if (rows[i].isStmt) {
        best = i;
        break;
      }
    }
    const r = rows[best];
    if (r.file < 0 || r.line === 0) return undefined;
    return { path: this.paths[r.file], line: r.line };
  }

  /**
   * The inlined calls whose code holds `addr`, innermost first, each with its call site in its caller (the next
   * entry, or after the last the out-of-line function).
   */
  inlineChain(addr: bigint): { name: string; call: SourceLocation }[] {
    const chain: InlineScope[] = [];
    let scopes = this.subprogramAt(addr)?.inlined ?? [];
    for (let inner = within(scopes, addr); inner; inner = within(scopes, addr)) {
      chain.push(inner);
      scopes = inner.inlined;
    }
    return chain.reverse().map((s) => ({ name: s.name, call: s.call }));
  }

  /**
   * The source frames at `addr`, innermost first: the innermost inlined function at location(addr), then each
   * caller at the line of its inlined call; the last is the out-of-line function (its symbol's name where the
   * DWARF information has none). Empty where nothing names the code.
   */
  frameLocations(addr: bigint): SourceFrame[] {
    const here = this.location(addr);
    const name = this.subprogramAt(addr)?.name ?? this.functionAt(addr)?.name;
    const frames: SourceFrame[] = [];
    let at: Partial<SourceLocation> | undefined = here;
    for (const { name: callee, call } of this.inlineChain(addr)) {
      frames.push({ name: callee, ...at });
      at = call.line === 0 ? undefined : call.path === '' ? { line: call.line } : call;
    }
    if (name !== undefined) frames.push({ name, ...at });
    else if (frames.length > 0 || here) frames.push({ name: '??', ...at });
    return frames;
  }

  private subprogramAt(addr: bigint): FunctionRange | undefined {
    const fr = this.functionRanges;
    let lo = 0, hi = fr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fr[mid].low <= addr) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && this.reach[i] > addr; i--) if (addr < fr[i].high) return fr[i];
    return undefined;
  }

  private sequenceAt(addr: bigint): Sequence | undefined {
    const seqs = this.sequences;
    let lo = 0, hi = seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seqs[mid].start <= addr) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) if (addr < seqs[i].end) return seqs[i];
    return undefined;
  }

  /**
   * Where a breakpoint on a source line goes, as gdb places it: the lowest statement address of the line in each
   * function (or sequence, outside every symbol); a line without code moves to the next line of the file that has
   * some. Undefined when the file is unknown or no later line has code.
   */
  addresses(path: string, line: number): { line: number; addresses: bigint[] } | undefined {
    const file = this.fileIndex(path);
    if (file === undefined) return undefined;
    const statements = this.statements.get(file) ?? [];
    let used = Infinity;
    for (const { row } of statements) if (row.line >= line && row.line < used) used = row.line;
    if (used === Infinity) return undefined;
    const lowest = new Map<string, bigint>();
    for (const { row, seq } of statements) {
      if (row.line !== used || row.address >= seq.end) continue;
      const f = this.functionAt(row.address);
      const key = f ? `f${f.addr}` : `s${seq.start}`;
      const had = lowest.get(key);
      if (had === undefined || row.address < had) lowest.set(key, row.address);
    }
    return { line: used, addresses: [...lowest.values()].sort(cmp) };
  }

  /**
   * The line-table file a client's path names: the same file after normalisation, else the one file sharing the
   * longest run of trailing path components with it (debug info built elsewhere, or with a prefix map).
   */
  private fileIndex(path: string): number | undefined {
    const exact = this.pathIndex.get(pathKey(path));
    if (exact !== undefined) return exact;
    const want = pathKey(path).split('/').reverse();
    let best: number | undefined, bestLen = 0, tie = false;
    this.paths.forEach((p, i) => {
      const have = pathKey(p).split('/').reverse();
      let n = 0;
      while (n < want.length && n < have.length && want[n] !== '' && want[n] === have[n]) n++;
      if (n > bestLen) {
        best = i;
        bestLen = n;
        tie = false;
      } else if (n === bestLen && n > 0) {
        tie = true;
      }
    });
    return bestLen > 0 && !tie ? best : undefined;
  }

  /**
   * The return addresses of the callers of the function stopped at `pc` at exception level `el`, innermost first,
   * found through the frame-record chain in that EL's translation regime.
   */
  unwind(core: Core, el: number, pc: bigint, sp: bigint, fp: bigint, lr: bigint): bigint[] {
    const read = (va: bigint, length: number): Uint8Array | undefined => {
      try {
        const { data, unreadable } = readMemory({ kind: 'va', regime: 'current' }, va, length, { core, el });
        return unreadable ? undefined : data;
      } catch {
        return undefined;
      }
    };
    return unwind({ pc, sp, fp, lr }, read, (a) => this.functionAt(a)?.addr).slice(1).map((f) => f.pc);
  }
}
