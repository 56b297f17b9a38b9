// Compares our `trapdoor disasm` listing of an ELF file with objdump -d's, separating what the listing
// owns (headers, labels, address and byte columns, data, skipped zeroes, target annotations) from the
// instruction text that comes from the table rows.
import { readFileSync } from 'node:fs';
import { listing } from '../src/cli/disasmListing';
import { SymbolTable } from '../src/cli/objdumpSymbols';
import { Elf, ET_REL } from '../src/machine/loaders/elf';
import { objdumpFile } from './objdumpOracle';

export interface ListingDiff {
  lines: number;
  /** Lines identical character for character. */
  identical: number;
  /** Lines whose listing-owned part differs (everything but a decoded instruction's text). */
  structure: string[];
  /** objdump lines with a `<...>` target annotation, and how many of ours agree. */
  annotations: number;
  annotationMismatches: string[];
  /** Annotations we could not check: our instruction text has no target and the word carries a relocation. */
  unchecked: number;
}

const INSN = /^( *[0-9a-f]+:\t[0-9a-f]{8} \t)(.*)$/;
const TARGET = /([0-9a-f]+) (<[^>]*>)/;
const DATA = /^\t?\.(word|short|byte)\t/;

export function diffListing(path: string, theirsText = objdumpFile(path), oursText?: string): ListingDiff {
  const data = readFileSync(path);
  const lines = (text: string) => text.replace(/\n$/, '').split('\n');
  const theirs = lines(theirsText);
  const ours = lines(oursText ?? listing(data, { fileName: path }));
  const elf = new Elf(data);
  const syms = new SymbolTable(elf);
  const d: ListingDiff = { lines: theirs.length, identical: 0, structure: [], annotations: 0, annotationMismatches: [], unchecked: 0 };
  if (ours.length !== theirs.length) d.structure.push(`line count: objdump ${theirs.length}, ours ${ours.length}`);
  let section = '';
  for (let i = 0; i < theirs.length; i++) {
    const t = theirs[i], o = ours[i] ?? '';
    const m = /^Disassembly of section (.*):$/.exec(t);
    if (m) section = m[1];
    if (t === o) d.identical++;
    const ti = INSN.exec(t), oi = INSN.exec(o);
    const structural = ti && !DATA.test(ti[2]) && !ti[2].startsWith('Address ') ? oi !== null && ti[1] === oi[1] : t === o;
    if (!structural) d.structure.push(`line ${i + 1}:\n  objdump: ${t}\n  ours:    ${o}`);
    const tt = ti && TARGET.exec(ti[2]);
    if (!tt) continue;
    d.annotations++;
    const ot = oi && TARGET.exec(oi[2]);
    let mine: string | undefined;
    if (ot && ot[1] === tt[1]) mine = ot[2];
    else if (elf.type !== ET_REL) {
      const sec = elf.sections.find((s) => s.name === section)!;
      syms.sortFor(sec);
      mine = syms.describe(BigInt(`0x${tt[1]}`), sec);
    } else {
      d.unchecked++;
      continue;
    }
    if (mine !== tt[2]) d.annotationMismatches.push(`line ${i + 1}: objdump ${tt[0]}, ours ${mine}`);
  }
  return d;
}

export function summary(name: string, d: ListingDiff): string {
  const pct = (a: number, b: number) => `${a}/${b} (${(100 * a / Math.max(b, 1)).toFixed(2)} %)`;
  return `${name}: structure differences ${d.structure.length}, annotations ${pct(d.annotations - d.annotationMismatches.length - d.unchecked, d.annotations)}`
    + `${d.unchecked ? ` (${d.unchecked} unchecked)` : ''}, identical lines ${pct(d.identical, d.lines)}`;
}
