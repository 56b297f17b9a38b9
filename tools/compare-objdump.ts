// Compares our disassembly with GNU objdump: per table row on random words, over random 32-bit words,
// or on a whole ELF file (through the CLI's listing), and prints mismatches grouped by row.
import { Disassembler } from '../src/arch/a64/disasm/disassemble';
import { listing } from '../src/cli/disasmListing';
import { readFileSync } from 'node:fs';
import { objdumpFile, objdumpWords } from './objdumpOracle';
import { diffListing, summary } from './listingDiff';
import { randomWordsForRow, xorshift } from './randomWords';
import { inSveOrSmeSpace, isOutOfScope } from '../test/support/outOfScope';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dis = new Disassembler();
const examples = Number(arg('--examples') ?? 3);

function report(words: number[], key: (w: number) => string): void {
  const theirs = objdumpWords(Uint32Array.from(words));
  const bad = new Map<string, string[]>();
  let same = 0;
  words.forEach((w, i) => {
    const ours = dis.disassemble(w, BigInt(i * 4));
    if (ours === theirs[i] || (!dis.decodeRow(w) && isOutOfScope(theirs[i]))) { same++; return; }
    const k = key(w) === 'UNDEFINED' ? `UNDEFINED (objdump: ${theirs[i].split('\t')[0]})` : key(w);
    const list = bad.get(k) ?? [];
    list.push(`${w.toString(16).padStart(8, '0')} @${(i * 4).toString(16)}\n    objdump: ${theirs[i]}\n    ours:    ${ours}`);
    bad.set(k, list);
  });
  for (const [k, list] of [...bad].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`${k}: ${list.length} mismatches`);
    for (const e of list.slice(0, examples)) console.log(`  ${e}`);
  }
  console.log(`identical: ${same}/${words.length} (${(100 * same / words.length).toFixed(3)} %)`);
}

const rand = xorshift(Number(arg('--seed') ?? 1));
const elf = arg('--elf');
if (elf) {
  // --elf FILE: the whole listing; what the listing owns first, then instruction mismatches by row.
  const re = /^\s*[0-9a-f]+:\t/;
  const d = diffListing(elf);
  for (const e of d.structure.slice(0, examples)) console.log(`structure: ${e}`);
  for (const e of d.annotationMismatches.slice(0, examples)) console.log(`annotation: ${e}`);
  const theirs = objdumpFile(elf).split('\n');
  const ours = new Map(listing(readFileSync(elf), { fileName: elf }).split('\n').filter((l) => re.test(l)).map((l) => [l.split(':')[0].trim(), l]));
  const bad = new Map<string, string[]>();
  for (const l of theirs.filter((x) => re.test(x))) {
    const mine = ours.get(l.split(':')[0].trim());
    if (mine === l) continue;
    const word = parseInt(l.split('\t')[1], 16);
    const k = dis.decodeRow(word)?.form ?? 'UNDEFINED';
    const list = bad.get(k) ?? [];
    list.push(`objdump: ${l}\n    ours:    ${mine}`);
    bad.set(k, list);
  }
  for (const [k, list] of [...bad].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`${k}: ${list.length} mismatches`);
    for (const e of list.slice(0, examples)) console.log(`  ${e}`);
  }
  console.log(summary(elf, d));
} else if (arg('--space')) {
  // --space N [--mask M --value V]: N random words with (w & M) == V, SVE/SME spaces left out.
  const n = Number(arg('--space'));
  const mask = Number(arg('--mask') ?? 0) >>> 0;
  const value = Number(arg('--value') ?? 0) >>> 0;
  const words = Array.from({ length: n }, () => (((rand() & ~mask) | value) >>> 0)).filter((w) => !inSveOrSmeSpace(w));
  report(words, (w) => dis.decodeRow(w)?.form ?? 'UNDEFINED');
} else {
  const n = Number(arg('--random') ?? 200);
  const filter = new RegExp(arg('--filter') ?? '.');
  const words: number[] = [];
  for (const row of dis.rows) {
    if (filter.test(row.form) || filter.test(row.group) || filter.test(row.cls)) words.push(...randomWordsForRow(row, n, rand));
  }
  report(words, (w) => dis.decodeRow(w)?.form ?? 'UNDEFINED');
}
