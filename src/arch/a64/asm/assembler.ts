// The assembler proper: runs the statements of a source twice (sizes, then bytes) through GNU as's directives,
// macros, conditionals and literal pools, encoding instructions with ./encoder, into sections with symbols,
// relocations and line rows.
import { encodeInstruction } from './encoder';
import { evalExpr, ExprEnv, ExprError } from './expr';
import { normalizeOperands, RelocType, Value } from './match';
import { bindMacroArgs, conditionHolds, Macro, parseMacroHead, substitute } from './macros';
import { parseString, splitArgs, splitMacroArgs, splitStatements, SrcLine } from './source';

export interface AsmDiagnostic {
  file: string; line: number; column: number; severity: 'error' | 'warning'; message: string;
}

export interface Reloc { offset: number; type: RelocType; sym?: string; sec?: number; addend: bigint; file: string; line: number; }

export interface Section {
  readonly index: number;
  readonly name: string;
  flags: string;
  nobits: boolean;
  bytes: number[];
  size: number;
  align: number;
  relocs: Reloc[];
  /** Rows of the line table: section offset → source position, one per change of line. */
  lines: { offset: number; file: string; line: number; order: number }[];
  mapping?: 'x' | 'd';
  mappingSymbols: { name: '$x' | '$d'; offset: number; order: number }[];
  /** Mapping symbols of alignment padding in code, which gas creates when it writes the frags (last). */
  lateMapping: { name: '$x' | '$d'; offset: number }[];
}

export interface AsmSymbol {
  name: string;
  sec?: number;
  value: bigint;
  global: boolean;
  /** `.weak`: global with weak binding; undefined, it links as 0 instead of being an error. */
  weak?: boolean;
  defined: boolean;
  type?: 'function' | 'object';
  size?: bigint;
  /** When gas would have created the symbol (first reference or definition): its place in the symbol table. */
  order: number;
}

interface PoolEntry { label: string; expr: string; size: number; line: SrcLine; }

interface PassState {
  sections: Section[];
  current: number;
  stack: number[];
  symbols: Map<string, AsmSymbol>;
  localCount: Map<string, number>;
  /** Literal pools by section index, then entry size. */
  pools: Map<number, Map<number, PoolEntry[]>>;
  poolOrdinal: number;
  macroCounter: number;
  order: number;
}

export interface AsmOutput {
  sections: Section[];
  symbols: AsmSymbol[];
  diagnostics: AsmDiagnostic[];
}

export interface SourceReader { (path: string, from: string): { path: string; text: string } | undefined; }

const DATA_SIZES: Record<string, number> = {
  '.byte': 1, '.hword': 2, '.short': 2, '.2byte': 2, '.word': 4, '.int': 4, '.long': 4, '.4byte': 4,
  '.quad': 8, '.xword': 8, '.dword': 8, '.8byte': 8,
};

const NOP = [0x1f, 0x20, 0x03, 0xd5];
/** Bounds that keep a runaway .space/.fill/.rept (say while it is being typed in the editor) from exhausting memory. */
const MAX_FILL = 1 << 26;
const MAX_REPEAT = 1 << 20;

const REGISTER_NAME = /^(?:[xwbhsdqvrcz]\d+|[xw]zr|w?sp|lsl|lsr|asr|ror|msl|[us]xt[bhwx]|eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al|nv)$/i;

export class Assembler {
  readonly diagnostics: AsmDiagnostic[] = [];
  private pass = 1;
  private st!: PassState;
  private pass1Symbols = new Map<string, AsmSymbol>();
  /** Every definition of each local label `N:`, in source order (from pass 1, the same in pass 2). */
  private localLabels = new Map<string, { sec: number; value: bigint }[]>();
  private globals = new Set<string>();
  private macros = new Map<string, Macro>();
  private poolPlan = new Map<number, string>();
  private includeDepth = 0;

  constructor(private readonly mainFile: string, private readonly read: SourceReader) {}

  assemble(source: string): AsmOutput {
    const lines = splitStatements(source, this.mainFile);
    for (this.pass = 1; this.pass <= 2; this.pass++) {
      this.st = {
        sections: [], current: 0, stack: [], symbols: new Map(), localCount: new Map(), pools: new Map(), poolOrdinal: 0, macroCounter: 0, order: 0,
      };
      this.macros = new Map();
      // gas starts every object with .text, .data and .bss.
      for (const name of ['.text', '.data', '.bss', '.text']) this.section(name);
      this.runLines(lines, 0);
      for (const s of this.st.sections) { this.st.current = s.index; this.flushPools(); }
      for (const s of this.st.sections) this.settleMapping(s);
      if (this.pass === 1) {
        this.pass1Symbols = this.st.symbols;
        for (const [n, s] of this.st.symbols) if (s.global) this.globals.add(n);
      }
    }
    for (const s of this.st.sections) if (!s.nobits) s.size = s.bytes.length;
    return { sections: this.st.sections, symbols: [...this.st.symbols.values()], diagnostics: this.diagnostics };
  }

  private error(l: SrcLine, message: string, severity: 'error' | 'warning' = 'error'): void {
    if (this.pass !== 2) return;
    this.diagnostics.push({ file: l.file, line: l.line, column: Math.max(0, l.text.search(/\S/)), severity, message });
  }

  private get sec(): Section { return this.st.sections[this.st.current]; }

  /** Names the alignment padding's mapping symbols, as gas does when it writes the frags (last); one already at the same place wins. */
  private settleMapping(s: Section): void {
    for (const m of s.lateMapping) {
      if (!s.mappingSymbols.some((x) => x.offset === m.offset)) s.mappingSymbols.push({ ...m, order: this.st.order++ });
    }
    s.lateMapping = [];
  }

  private section(name: string, flags?: string, nobits?: boolean): void {
    let s = this.st.sections.find((x) => x.name === name);
    if (!s) {
      const dflt = name === '.text' || name.startsWith('.text.') ? 'ax'
        : name === '.bss' || name.startsWith('.bss.') || name === '.data' || name.startsWith('.data.') ? 'aw'
          : name === '.rodata' || name.startsWith('.rodata') ? 'a' : '';
      s = {
        index: this.st.sections.length, name, flags: flags ?? dflt, nobits: nobits ?? (name === '.bss' || name.startsWith('.bss.')),
        bytes: [], size: 0, align: 1, relocs: [], lines: [], mappingSymbols: [], lateMapping: [],
      };
      this.st.sections.push(s);
    }
    this.st.current = s.index;
  }

  private offset(): number { return this.sec.nobits ? this.sec.size : this.sec.bytes.length; }

  private mapping(kind: 'x' | 'd', force = false): void {
    const s = this.sec;
    if (s.mapping === kind && !force) return;
    s.mapping = kind;
    s.mappingSymbols.push({ name: kind === 'x' ? '$x' : '$d', offset: this.offset(), order: this.st.order++ });
  }

  private emit(bytes: number[]): void {
    const s = this.sec;
    if (s.nobits) { s.size += bytes.length; return; }
    for (const b of bytes) s.bytes.push(b & 255);
  }

  /** `count` bytes of `value` (no memory for NOBITS); refuses sizes no guest image needs, which would exhaust memory. */
  private fill(l: SrcLine, count: number, value: number): void {
    if (!Number.isFinite(count) || count < 0) { this.error(l, 'size is negative or not a number'); return; }
    if (this.sec.nobits) { this.sec.size += count; return; }
    if (count > MAX_FILL) { this.error(l, `size ${count} is too large`); return; }
    for (let i = 0; i < count; i++) this.sec.bytes.push(value & 255);
  }

  private emitValue(v: bigint, size: number): void {
    const out: number[] = [];
    for (let i = 0; i < size; i++) out.push(Number((v >> BigInt(8 * i)) & 0xffn));
    this.emit(out);
  }

  /** Pads to a multiple of `bytes`: NOPs in code (after zeros up to a word boundary, each run with its mapping symbol). */
  private align(bytes: number, fill?: number): void {
    const s = this.sec;
    s.align = Math.max(s.align, bytes);
    let pad = (bytes - (this.offset() % bytes)) % bytes;
    if (!s.flags.includes('x') || s.nobits) this.mapping('d');
    else if (fill === undefined && pad === 0) this.mapping('x');
    else if (fill === undefined) {
      const prefix = this.offset() % 4 !== 0;
      if (prefix) s.lateMapping.push({ name: '$d', offset: this.offset() });
      while (pad > 0 && this.offset() % 4) { this.emit([0]); pad--; }
      // After a partial word gas names the padding when it writes the frags; whole NOPs it names at once.
      if (prefix) { s.lateMapping.push({ name: '$x', offset: this.offset() }); s.mapping = 'x'; } else this.mapping('x');
      while (pad >= 4) { this.emit(NOP); pad -= 4; }
    }
    this.emit(new Array(pad).fill(fill ?? 0));
  }

  private env(): ExprEnv {
    return {
      symbol: (name) => {
        // Operand matchers try immediates where registers stand: those names never become symbols.
        if (REGISTER_NAME.test(name) && !this.st.symbols.get(name)?.defined) return undefined;
        let s: AsmSymbol | undefined = this.symbolEntry(name);
        if (!s.defined) s = this.pass === 2 ? this.pass1Symbols.get(name) : undefined;
        if (!s || !s.defined) return undefined;
        if (this.globals.has(name) && s.sec !== undefined) return { n: s.value, sec: s.sec, global: name };
        return s.sec === undefined ? { n: s.value } : { n: s.value, sec: s.sec };
      },
      dot: () => ({ n: BigInt(this.offset()), sec: this.st.current }),
      local: (n, dir) => {
        const defs = this.localDefs(n);
        const seen = this.st.localCount.get(n) ?? 0;
        const d = dir === 'b' ? defs[seen - 1] : defs[seen];
        return d ? { n: d.value, sec: d.sec } : undefined;
      },
    };
  }

  private localDefs(n: string): { sec: number; value: bigint }[] {
    let list = this.localLabels.get(n);
    if (!list) { list = []; this.localLabels.set(n, list); }
    return list;
  }

  /** An expression that must be absolute (directives' operands). */
  private absolute(l: SrcLine, text: string | undefined): bigint | undefined {
    const v = this.value(l, text);
    if (!v) return undefined;
    if (v.sec !== undefined || v.sym !== undefined) { this.error(l, `invalid expression \`${text?.trim()}'`); return undefined; }
    return v.n;
  }

  private value(l: SrcLine, text: string | undefined): Value | undefined {
    if (text === undefined || text.trim() === '') { this.error(l, 'missing expression'); return undefined; }
    try {
      const r = evalExpr(text, 0, this.env());
      if (!r || text.slice(r.end).trim() !== '') { this.error(l, `junk at end of line, first unrecognized character is \`${text.slice(r?.end ?? 0).trim()[0] ?? ''}'`); return undefined; }
      return r.v;
    } catch (e) {
      if (e instanceof ExprError) { this.error(l, e.message); return undefined; }
      throw e;
    }
  }

  private define(l: SrcLine, name: string, v: Value): void {
    const old = this.st.symbols.get(name);
    if (old?.defined && old.sec !== undefined) { this.error(l, `symbol \`${name}' is already defined`); return; }
    const sym: AsmSymbol = {
      name, value: v.n, sec: v.sec, defined: true, global: old?.global ?? this.globals.has(name), weak: old?.weak, type: old?.type, size: old?.size,
      order: old?.order ?? this.st.order++,
    };
    this.st.symbols.set(name, sym);
  }

  private symbolEntry(name: string): AsmSymbol {
    let s = this.st.symbols.get(name);
    if (!s) { s = { name, value: 0n, defined: false, global: this.globals.has(name), order: this.st.order++ }; this.st.symbols.set(name, s); }
    return s;
  }

  private runLines(lines: SrcLine[], depth: number): void {
    if (depth > 100) { this.error(lines[0], 'macros nested too deeply'); return; }
    let i = 0;
    /** Collects the body up to the matching end directive (nesting counted), returns the index after it. */
    const block = (open: RegExp, close: RegExp): SrcLine[] => {
      const body: SrcLine[] = [];
      let level = 1;
      i++;
      for (; i < lines.length; i++) {
        const t = lines[i].text.trim();
        if (open.test(t)) level++;
        if (close.test(t) && --level === 0) return body;
        body.push(lines[i]);
      }
      this.error(lines[lines.length - 1], 'end of file inside a block');
      return body;
    };
    const conds: { active: boolean; done: boolean }[] = [];
    for (; i < lines.length; i++) {
      const l = lines[i];
      const t = l.text.trim();
      const dir = /^(\.[A-Za-z0-9_]+)\b\s*(.*)$/.exec(t);
      const name = dir?.[1].toLowerCase();
      const active = conds.every((c) => c.active);
      if (name && /^\.if/.test(name)) {
        conds.push(active ? this.ifCondition(l, name, dir![2]) : { active: false, done: true });
        continue;
      }
      if (name === '.else' || name === '.elseif') {
        const c = conds[conds.length - 1];
        if (!c) { this.error(l, `${name} without matching .if`); continue; }
        const outer = conds.slice(0, -1).every((x) => x.active);
        if (c.done || !outer) { c.active = false; continue; }
        const r = name === '.else' ? { active: true, done: true } : this.ifCondition(l, '.if', dir![2]);
        c.active = r.active; c.done = r.active;
        continue;
      }
      if (name === '.endif') { if (!conds.pop()) this.error(l, '.endif without .if'); continue; }
      if (!active) {
        if (name === '.macro') block(/^\.macro\b/i, /^\.endm\b/i);
        else if (name === '.rept' || name === '.irp' || name === '.irpc') block(/^\.(rept|irpc?)\b/i, /^\.endr\b/i);
        continue;
      }
      if (name === '.macro') {
        const { name: macroName, params } = parseMacroHead(dir![2]);
        this.macros.set(macroName.toLowerCase(), { params, body: block(/^\.macro\b/i, /^\.endm\b/i) });
        continue;
      }
      if (name === '.rept') {
        let n = Number(this.absolute(l, dir![2]) ?? 0n);
        const body = block(/^\.(rept|irpc?)\b/i, /^\.endr\b/i);
        if (n * Math.max(1, body.length) > MAX_REPEAT) { this.error(l, `.rept ${n} is too large`); n = 0; }
        for (let k = 0; k < n; k++) this.runLines(body, depth + 1);
        continue;
      }
      if (name === '.irp' || name === '.irpc') {
        const args = splitArgs(dir![2]);
        const m = /^([\w.$]+)\s*,?\s*(.*)$/.exec(dir![2]);
        const param = m?.[1] ?? '';
        const values = name === '.irp' ? (m ? splitMacroArgs(m[2]) : args.slice(1)) : [...(m?.[2] ?? '')];
        const body = block(/^\.(rept|irpc?)\b/i, /^\.endr\b/i);
        for (const v of values.length ? values : ['']) {
          this.runLines(body.map((b) => ({ ...b, text: substitute(b.text, new Map([[param, v]])) })), depth + 1);
        }
        continue;
      }
      this.statement(l, depth);
    }
    if (conds.length && depth === 0) this.error(lines[lines.length - 1], 'end of file in conditional');
  }

  private ifCondition(l: SrcLine, name: string, arg: string): { active: boolean; done: boolean } {
    const r = conditionHolds(name, arg, (n) => { const x = this.st.symbols.get(n); return !!x && (x.defined || x.global); },
      () => this.absolute(l, arg) ?? 0n);
    return { active: r, done: r };
  }

  private statement(l: SrcLine, depth: number): void {
    let text = l.text;
    // Labels: `name:` and local `1:`, several per line.
    for (;;) {
      const m = /^\s*([A-Za-z_.$][\w.$]*|\d+):/.exec(text);
      if (!m || text[m[0].length] === ':') break;
      this.label(l, m[1]);
      text = text.slice(m[0].length);
    }
    const t = text.trim();
    if (!t) return;
    const assign = /^([A-Za-z_.$][\w.$]*)\s*=\s*(.+)$/.exec(t);
    if (assign && !assign[2].startsWith('=')) { this.setSymbol(l, assign[1], assign[2]); return; }
    const m = /^([A-Za-z_.$][\w.$]*)\s*(.*)$/.exec(t);
    if (!m) { this.error(l, `junk at end of line, first unrecognized character is \`${t[0]}'`); return; }
    const head = m[1];
    const rest = m[2];
    const macro = this.macros.get(head.toLowerCase());
    if (macro) { this.expandMacro(l, macro, rest, depth); return; }
    if (head.startsWith('.')) { this.directive(l, head.toLowerCase(), rest); return; }
    this.instruction(l, head, rest);
  }

  private label(l: SrcLine, name: string): void {
    const v: Value = { n: BigInt(this.offset()), sec: this.st.current };
    if (/^\d+$/.test(name)) {
      const count = this.st.localCount.get(name) ?? 0;
      if (this.pass === 1) this.localDefs(name).push({ sec: this.st.current, value: v.n });
      this.st.localCount.set(name, count + 1);
      return;
    }
    this.define(l, name, v);
  }

  private setSymbol(l: SrcLine, name: string, expr: string): void {
    const v = this.value(l, expr);
    if (!v) return;
    const old = this.st.symbols.get(name);
    this.st.symbols.set(name, {
      name, value: v.n, sec: v.sec, defined: true, global: old?.global ?? this.globals.has(name), weak: old?.weak, type: old?.type, size: old?.size,
      order: old?.order ?? this.st.order++,
    });
  }

  private expandMacro(l: SrcLine, macro: Macro, argText: string, depth: number): void {
    const map = bindMacroArgs(macro, argText, () => this.error(l, 'too many positional arguments'));
    map.set('@', String(this.st.macroCounter++));
    // Lines of an expansion belong to the invocation in the line table, as gas reports them.
    this.runLines(macro.body.map((b) => ({ text: substitute(b.text, map), file: l.file, line: l.line })), depth + 1);
  }

  private recordLine(l: SrcLine): void {
    const s = this.sec;
    const last = s.lines[s.lines.length - 1];
    if (!last || last.line !== l.line || last.file !== l.file) {
      s.lines.push({ offset: this.offset(), file: l.file, line: l.line, order: this.st.order++ });
    }
  }

  private instruction(l: SrcLine, mnemonic: string, operands: string): void {
    const s = this.sec;
    if (s.flags.includes('x')) this.mapping('x');
    s.align = Math.max(s.align, 4);
    this.align4(l);
    this.recordLine(l);
    const lit = /^(\s*[^,]+,\s*)=(.*)$/.exec(operands);
    if (lit && /^ldr(sw)?$/i.test(mnemonic)) operands = lit[1] + this.poolLabel(l, mnemonic, lit[1], lit[2]);
    const pc = BigInt(this.offset());
    if (this.pass === 1) { this.emit([0, 0, 0, 0]); return; }
    let undefinedSymbol: string | undefined;
    const r = encodeInstruction({
      mnemonic, operands, pc, section: this.st.current,
      value: (text, pos) => {
        try {
          const e = evalExpr(text, pos, this.env());
          const missing = e?.undefinedSymbols.filter((n) => !REGISTER_NAME.test(n));
          if (missing?.length) undefinedSymbol ??= missing[0];
          return e && { end: e.end, v: e.v };
        } catch { return undefined; }
      },
    });
    const whole = `${mnemonic.toLowerCase()}${operands.trim() ? ` ${normalizeOperands(operands)}` : ''}`;
    if ('error' in r) {
      if (undefinedSymbol && !/^\d+[bf]$/.test(undefinedSymbol) && r.error === 'operands') this.error(l, `undefined symbol ${undefinedSymbol} used as an immediate value`);
      else if (r.error === 'mnemonic') this.error(l, `unknown mnemonic \`${mnemonic.toLowerCase()}' -- \`${whole}'`);
      else if (r.message && !/ at operand /.test(r.message)) this.error(l, r.message);
      else this.error(l, `${r.message ?? 'operand mismatch'} -- \`${whole}'`);
      this.emit([0, 0, 0, 0]);
      return;
    }
    if (undefinedSymbol && /^\d+[bf]$/.test(undefinedSymbol)) this.error(l, `local label \`"${undefinedSymbol.slice(0, -1)}" (instance number ${(this.st.localCount.get(undefinedSymbol.slice(0, -1)) ?? 0) + (undefinedSymbol.endsWith('f') ? 1 : 0)} of a fb label)' is not defined`);
    if (r.reloc) this.addReloc(l, r.reloc.type, r.reloc.value);
    this.emitValue(BigInt(r.word), 4);
  }

  private align4(l: SrcLine): void {
    if (this.offset() % 4) { this.error(l, 'unaligned opcodes detected in executable segment', 'warning'); this.align(4); }
  }

  private addReloc(l: SrcLine, type: RelocType, v: Value): void {
    const r: Reloc = { offset: this.offset(), type, addend: v.n, file: l.file, line: l.line };
    if (v.global !== undefined) {
      r.sym = v.global;
      const here = this.st.symbols.get(v.global);
      r.addend = v.n - ((here?.defined ? here : this.pass1Symbols.get(v.global))?.value ?? 0n);
    } else if (v.sym !== undefined) r.sym = v.sym; else r.sec = v.sec;
    this.sec.relocs.push(r);
  }

  private poolLabel(l: SrcLine, mnemonic: string, reg: string, expr: string): string {
    const ordinal = this.st.poolOrdinal++;
    const size = /^\s*x/i.test(reg) && mnemonic.toLowerCase() === 'ldr' ? 8 : /^\s*q/i.test(reg) ? 16 : /^\s*d/i.test(reg) ? 8 : 4;
    let label = this.poolPlan.get(ordinal);
    const pools = this.sectionPools();
    const pool = pools.get(size) ?? [];
    pools.set(size, pool);
    if (this.pass === 1) {
      // gas shares an entry between equal constants, and between equal expressions of symbols.
      const key = (e: string) => {
        try {
          const r = evalExpr(e, 0, this.env());
          if (r && !r.undefinedSymbols.length && r.v.sec === undefined && r.v.sym === undefined) return `=${BigInt.asUintN(size * 8, r.v.n)}`;
        } catch { /* not a constant */ }
        return e.trim();
      };
      const same = pool.find((p) => key(p.expr) === key(expr));
      label = same?.label ?? `.Lpool$${this.st.current}$${ordinal}`;
      this.poolPlan.set(ordinal, label);
    }
    if (!pool.some((p) => p.label === label)) pool.push({ label: label!, expr, size, line: l });
    // gas creates the literal's symbols here, which fixes their place in the symbol table.
    if (this.pass === 2) { try { evalExpr(expr, 0, this.env()); } catch { /* reported when the pool is written */ } }
    return label!;
  }

  private sectionPools(): Map<number, PoolEntry[]> {
    let p = this.st.pools.get(this.st.current);
    if (!p) { p = new Map(); this.st.pools.set(this.st.current, p); }
    return p;
  }

  private flushPools(): void {
    const pools = this.sectionPools();
    for (const size of [4, 8, 16]) {
      const pool = pools.get(size);
      if (!pool?.length) continue;
      if (this.offset() % size && this.sec.flags.includes('x')) this.mapping('x');
      this.sec.align = Math.max(this.sec.align, size);
      this.emit(new Array((size - (this.offset() % size)) % size).fill(0));
      // Every pool starts with its own mapping symbol, as gas's s_ltorg writes one.
      this.mapping('d', true);
      for (const p of pool) {
        this.define(p.line, p.label, { n: BigInt(this.offset()), sec: this.st.current });
        this.data(p.line, size, p.expr);
      }
      pools.set(size, []);
    }
  }

  private data(l: SrcLine, size: number, expr: string): void {
    const v = this.pass === 2 ? this.value(l, expr) : { n: 0n };
    if (!v) { this.emitValue(0n, size); return; }
    if (v.sec !== undefined || v.sym !== undefined) {
      const type = ({ 8: 'ABS64', 4: 'ABS32', 2: 'ABS16' } as Record<number, RelocType>)[size];
      if (!type) this.error(l, `cannot represent relocation type in ${size}-byte data`);
      else this.addReloc(l, type, v);
      this.emitValue(0n, size);
      return;
    }
    this.emitValue(v.n, size);
  }

  private directive(l: SrcLine, name: string, args: string): void {
    const size = DATA_SIZES[name];
    if (size !== undefined) {
      if (this.sec.flags.includes('x')) this.mapping('d');
      for (const a of splitArgs(args)) this.data(l, size, a);
      return;
    }
    switch (name) {
      case '.text': case '.data': case '.bss': this.section(name); return;
      case '.section': case '.pushsection': {
        if (name === '.pushsection') this.st.stack.push(this.st.current);
        const parts = splitArgs(args);
        const flags = parts[1] ? /^"(.*)"$/.exec(parts[1])?.[1] : undefined;
        this.section(parts[0].replace(/^"|"$/g, ''), flags, parts[2] ? /nobits/.test(parts[2]) : undefined);
        return;
      }
      case '.popsection': case '.previous': {
        const prev = this.st.stack.pop();
        if (prev !== undefined) this.st.current = prev;
        return;
      }
      case '.global': case '.globl':
        for (const n of splitArgs(args)) { this.symbolEntry(n).global = true; this.globals.add(n); }
        return;
      case '.weak':
        for (const n of splitArgs(args)) { Object.assign(this.symbolEntry(n), { global: true, weak: true }); this.globals.add(n); }
        return;
      case '.local': case '.hidden': case '.protected': case '.file': case '.ident': case '.arch':
      case '.arch_extension': case '.cpu': case '.loc': case '.cfi_startproc': case '.cfi_endproc': case '.cfi_sections': case '.end':
        return;
      case '.type': {
        const [n, t] = splitArgs(args);
        const sym = this.symbolEntry(n);
        if (/function/.test(t ?? '')) sym.type = 'function';
        else if (/object/.test(t ?? '')) sym.type = 'object';
        return;
      }
      case '.size': {
        const [n, e] = splitArgs(args);
        const v = this.pass === 2 ? this.value(l, e) : undefined;
        if (v) this.symbolEntry(n).size = v.n;
        return;
      }
      case '.equ': case '.set': case '.equiv': {
        const [n, ...e] = splitArgs(args);
        if (name === '.equiv' && this.st.symbols.get(n)?.defined) { this.error(l, `symbol \`${n}' is already defined`); return; }
        this.setSymbol(l, n, e.join(','));
        return;
      }
      case '.align': case '.p2align': case '.balign': {
        const [a, f] = splitArgs(args);
        const n = Number(this.absolute(l, a) ?? 0n);
        const bytes = name === '.balign' ? n || 1 : 2 ** n;
        if (!(bytes > 0 && bytes <= MAX_FILL && (bytes & (bytes - 1)) === 0)) { this.error(l, `alignment not a power of 2: ${bytes}`); return; }
        const fill = f !== undefined && f !== '' ? Number(this.absolute(l, f) ?? 0n) : undefined;
        this.align(bytes, fill);
        return;
      }
      case '.ascii': case '.asciz': case '.string': {
        for (const a of splitArgs(args)) {
          const s = parseString(a, 0);
          if (!s) { this.error(l, 'expected string'); continue; }
          if (this.sec.flags.includes('x')) this.mapping('d');
          this.emit(name === '.ascii' ? s.bytes : [...s.bytes, 0]);
        }
        return;
      }
      case '.skip': case '.space': case '.zero': {
        const [n, f] = splitArgs(args);
        const count = Number(this.absolute(l, n) ?? 0n);
        const fill = f ? Number(this.absolute(l, f) ?? 0n) : 0;
        this.mapping('d');
        this.fill(l, count, fill);
        return;
      }
      case '.fill': {
        const [r, s, v] = splitArgs(args);
        const repeat = Number(this.absolute(l, r) ?? 0n);
        const sz = s ? Math.min(8, Number(this.absolute(l, s) ?? 1n)) : 1;
        const val = v ? this.absolute(l, v) ?? 0n : 0n;
        this.mapping('d');
        if (repeat * sz > MAX_FILL) { this.error(l, `size ${repeat * sz} is too large`); return; }
        for (let k = 0; k < repeat; k++) this.emitValue(sz > 4 ? val & 0xffffffffn : val, sz);
        return;
      }
      case '.inst': {
        this.mapping('x');
        this.recordLine(l);
        for (const a of splitArgs(args)) this.emitValue(this.pass === 2 ? this.absolute(l, a) ?? 0n : 0n, 4);
        return;
      }
      case '.ltorg': case '.pool': this.flushPools(); return;
      case '.include': {
        const file = /^"(.*)"$/.exec(args.trim())?.[1] ?? args.trim();
        const r = this.read(file, l.file);
        if (!r) { this.error(l, `can't open ${file} for reading: No such file or directory`); return; }
        if (this.includeDepth >= 64) { this.error(l, `.include nested too deeply: ${file}`); return; }
        this.includeDepth++;
        this.runLines(splitStatements(r.text, r.path), 1);
        this.includeDepth--;
        return;
      }
      case '.err': this.error(l, '.err encountered'); return;
      case '.error': this.error(l, parseString(args.trim(), 0)?.bytes.map((b) => String.fromCharCode(b)).join('') ?? args); return;
      case '.warning': this.error(l, parseString(args.trim(), 0)?.bytes.map((b) => String.fromCharCode(b)).join('') ?? args, 'warning'); return;
      case '.purgem': this.macros.delete(args.trim().toLowerCase()); return;
      default:
        // Call-frame information is for unwinders; an executable for the debugger does without it.
        if (!name.startsWith('.cfi_')) this.error(l, `unknown pseudo-op: \`${name}'`);
    }
  }
}
