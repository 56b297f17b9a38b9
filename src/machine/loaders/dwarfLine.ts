// DWARF 2–5 .debug_line: runs each unit's line-number program into its rows (address, file, line, column,
// is_stmt, end_sequence) and names its files by joined directory and file name, comp_dir first.
import { Elf } from './elf';
import {
  CompileUnit, Cursor, debugSection, DW_FORM_data1, DW_FORM_data2, DW_FORM_data4, DW_FORM_data8, DW_FORM_udata,
  DwarfError, FormValue, readCompileUnits, readForm, StringSections, stringSections, UnitFormat,
} from './dwarfInfo';

export interface LineRow {
  readonly address: bigint;
  /** Index into the table's `files`. */
  readonly file: number;
  /** 0 for an end-of-sequence row and for code the compiler attributes to no line. */
  readonly line: number;
  readonly column: number;
  readonly isStmt: boolean;
  /** The first address after a sequence: the row closes it and describes no instruction. */
  readonly endSequence: boolean;
}

export interface LineTable {
  /** Offset of the table in .debug_line. */
  readonly offset: number;
  readonly version: number;
  /** The unit's compilation directory (DW_AT_comp_dir, or directory entry 0 in DWARF 5). */
  readonly compDir?: string;
  /**
   * Each file entry's path: its directory (itself joined to the compilation directory when relative) and its
   * name. Indexes are the program's own: from 1 before DWARF 5, from 0 since. A path stays relative when the
   * compilation directory is (as after `--debug-prefix-map=DIR=.`).
   */
  readonly files: readonly (string | undefined)[];
  readonly rows: readonly LineRow[];
}

const DW_LNS_copy = 1, DW_LNS_advance_pc = 2, DW_LNS_advance_line = 3, DW_LNS_set_file = 4, DW_LNS_set_column = 5,
  DW_LNS_negate_stmt = 6, DW_LNS_set_basic_block = 7, DW_LNS_const_add_pc = 8, DW_LNS_fixed_advance_pc = 9,
  DW_LNS_set_prologue_end = 10, DW_LNS_set_epilogue_begin = 11, DW_LNS_set_isa = 12;
const DW_LNE_end_sequence = 1, DW_LNE_set_address = 2, DW_LNE_define_file = 3, DW_LNE_set_discriminator = 4;
const DW_LNCT_path = 1, DW_LNCT_directory_index = 2;

/** Joins a path to a directory the way DWARF consumers do: an absolute path (POSIX or drive letter) stands alone. */
export function joinPath(dir: string | undefined, path: string): string {
  if (!dir || isAbsolute(path)) return path;
  return dir.endsWith('/') || dir.endsWith('\\') ? dir + path : `${dir}/${path}`;
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}

/**
 * Every line table of the ELF's .debug_line, with comp_dir from the compile unit that points at it (from
 * `compileUnits` when the caller has read them).
 */
export function readLineTables(elf: Elf, compileUnits?: readonly CompileUnit[]): LineTable[] {
  const sec = debugSection(elf, '.debug_line');
  if (!sec) return [];
  const strs = stringSections(elf);
  const units = compileUnits ?? readCompileUnits(elf, strs);
  const unitAt = new Map<number, CompileUnit>();
  for (const u of units) if (u.stmtList !== undefined) unitAt.set(u.stmtList, u);
  const tables: LineTable[] = [];
  const c = new Cursor(sec, 0, '.debug_line');
  while (c.pos < sec.length) {
    const offset = c.pos;
    const { end, offsetSize } = c.unitLength();
    tables.push(readTable(c, offset, end, offsetSize, strs, unitAt.get(offset)));
    c.pos = end;
  }
  return tables;
}

function readTable(c: Cursor, offset: number, end: number, offsetSize: 4 | 8, strs: StringSections, unit: CompileUnit | undefined): LineTable {
  const version = c.u16();
  if (version < 2 || version > 5) throw new DwarfError(`.debug_line: table at 0x${offset.toString(16)} has version ${version}`);
  let addressSize = 8;
  if (version >= 5) {
    addressSize = c.u8();
    c.u8();
  }
  const headerLength = c.offset(offsetSize);
  const programStart = c.pos + headerLength;
  const minInsnLength = c.u8();
  const maxOps = version >= 4 ? c.u8() || 1 : 1;
  const defaultIsStmt = c.u8() !== 0;
  const lineBase = (c.u8() << 24) >> 24;
  const lineRange = c.u8();
  const opcodeBase = c.u8();
  if (lineRange === 0) throw new DwarfError(`.debug_line: table at 0x${offset.toString(16)} has line_range 0`);
  const argCounts = [0];
  for (let i = 1; i < opcodeBase; i++) argCounts.push(c.u8());
  const u: UnitFormat = { version, addressSize, offsetSize };

  let compDir = unit?.compDir;
  const dirs: (string | undefined)[] = [];
  const files: (string | undefined)[] = [];
  if (version >= 5) {
    const dirEntries = entries(c, u, strs);
    dirEntries.forEach((e) => dirs.push(e.path));
    compDir = dirs[0] ?? compDir;
    for (let i = 1; i < dirs.length; i++) dirs[i] = joinPath(compDir, dirs[i] ?? '');
    for (const e of entries(c, u, strs)) {
      files.push(e.path === undefined ? undefined : joinPath(e.dir === 0 ? compDir : dirs[e.dir], e.path));
    }
  } else {
    dirs.push(compDir);
    for (let d = c.cstr(); d !== ''; d = c.cstr()) dirs.push(joinPath(compDir, d));
    files.push(undefined);
    for (let name = c.cstr(); name !== ''; name = c.cstr()) files.push(fileEntry(c, name, dirs));
  }
  c.pos = programStart;

  const rows: LineRow[] = [];
  let address = 0n, opIndex = 0, file = 1, line = 1, column = 0, isStmt = defaultIsStmt;
  const reset = () => { address = 0n; opIndex = 0; file = 1; line = 1; column = 0; isStmt = defaultIsStmt; };
  const advance = (operation: bigint) => {
    const ops = BigInt(opIndex) + operation;
    address = BigInt.asUintN(64, address + BigInt(minInsnLength) * (ops / BigInt(maxOps)));
    opIndex = Number(ops % BigInt(maxOps));
  };
  const emit = (endSequence = false) => rows.push({ address, file, line, column, isStmt, endSequence });
  while (c.pos < end) {
    const op = c.u8();
    if (op >= opcodeBase) {
      const adj = op - opcodeBase;
      advance(BigInt(Math.floor(adj / lineRange)));
      line += lineBase + (adj % lineRange);
      emit();
      continue;
    }
    switch (op) {
      case 0: {
        const len = c.ulebNum();
        const next = c.pos + len;
        if (len === 0) break;
        const sub = c.u8();
        if (sub === DW_LNE_end_sequence) {
          emit(true);
          reset();
        } else if (sub === DW_LNE_set_address) {
          const n = next - c.pos;
          address = n === 8 ? c.u64() : n === 4 ? BigInt(c.u32()) : BigInt(c.u16());
          opIndex = 0;
        } else if (sub === DW_LNE_define_file) {
          files.push(fileEntry(c, c.cstr(), dirs));
        } else if (sub === DW_LNE_set_discriminator) {
          c.uleb();
        }
        c.pos = next;
        break;
      }
      case DW_LNS_copy: emit(); break;
      case DW_LNS_advance_pc: advance(c.uleb()); break;
      case DW_LNS_advance_line: line += Number(c.sleb()); break;
      case DW_LNS_set_file: file = c.ulebNum(); break;
      case DW_LNS_set_column: column = c.ulebNum(); break;
      case DW_LNS_negate_stmt: isStmt = !isStmt; break;
      case DW_LNS_const_add_pc: advance(BigInt(Math.floor((255 - opcodeBase) / lineRange))); break;
      case DW_LNS_fixed_advance_pc: address = BigInt.asUintN(64, address + BigInt(c.u16())); opIndex = 0; break;
      case DW_LNS_set_basic_block: case DW_LNS_set_prologue_end: case DW_LNS_set_epilogue_begin: break;
      case DW_LNS_set_isa: c.uleb(); break;
      default:
        // An opcode this version does not define: the header says how many ULEB arguments to skip.
        for (let i = 0; i < argCounts[op]; i++) c.uleb();
    }
  }
  return { offset, version, compDir, files, rows };
}

/** A DWARF 2–4 file entry (also DW_LNE_define_file's operands): name, directory index, mtime, length. */
function fileEntry(c: Cursor, name: string, dirs: readonly (string | undefined)[]): string {
  const dir = c.ulebNum();
  c.uleb();
  c.uleb();
  return joinPath(dirs[dir], name);
}

/** A DWARF 5 directory or file name table: its entry format, then the entries. */
function entries(c: Cursor, u: UnitFormat, strs: StringSections): { path?: string; dir: number }[] {
  const format: [number, number][] = [];
  for (let n = c.u8(); n > 0; n--) format.push([c.ulebNum(), c.ulebNum()]);
  const out: { path?: string; dir: number }[] = [];
  const count = c.ulebNum();
  // Every entry takes at least a byte: a larger count is corrupt (and would otherwise allocate without end).
  if (count > c.data.length - c.pos) throw new DwarfError(`.debug_line: ${count} entries at 0x${c.pos.toString(16)} exceed the section`);
  for (let n = count; n > 0; n--) {
    let path: string | undefined, dir = 0;
    for (const [type, form] of format) {
      const v: FormValue = readForm(c, form, u, strs);
      if (type === DW_LNCT_path && v.kind === 'str') path = v.s;
      else if (type === DW_LNCT_directory_index && v.kind === 'num' && isConstant(form)) dir = Number(v.v);
    }
    out.push({ path, dir });
  }
  return out;
}

function isConstant(form: number): boolean {
  return form === DW_FORM_data1 || form === DW_FORM_data2 || form === DW_FORM_data4 || form === DW_FORM_data8 || form === DW_FORM_udata;
}
