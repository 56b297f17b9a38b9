// `npm run fuzz:diff -- --count N [--groups a,b] [--seed S] [--length L] [--translated]`: N random instruction
// sequences over every table group the core has handlers for, run in qemu-aarch64 and in our core in batches
// (interpreted, or with --translated through the translating tier); prints how many matched and the first
// mismatches. Exit status 1 when any case differs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Disassembler } from '../src/arch/a64/disasm/disassemble';
import type { EncodingRow } from '../src/arch/a64/encoding';
import { findHandlers } from '../src/arch/a64/emitDispatch';
import { branchWords, isControlledBranch } from '../test/support/branchWords';
import { type Case, diffStates, type MachineState, type QemuRun, runOnCore, runOnQemu } from '../test/support/diffHarness';
import { fpCases, fpWordMaker } from '../test/support/fpWords';
import { ldstInitialState, ldstWordMaker } from '../test/support/ldstWords';
import { allocatedWord, randomCases } from '../test/support/randomCases';
import { xorshift } from './randomWords';

const BATCH = 500;
const SHOWN = 5;

type DecodeRow = (w: number) => EncodingRow | undefined;

/** A kind of case: the rows it draws from and how it makes cases of them (words and initial state). */
interface Profile {
  readonly takes: (row: EncodingRow) => boolean;
  readonly cases: (rows: readonly EncodingRow[], length: number, rand: () => number, decodeRow: DecodeRow) => Case;
}

const isFpRow = (r: EncodingRow) => /^(f|scvtf|ucvtf)/.test(r.mnemonic.toLowerCase());

/** Every fuzzable row belongs to the first profile that takes it; rows with handlers that none takes are skipped. */
const PROFILES: Readonly<Record<string, Profile>> = {
  // Branches only go forward inside the sequence, among integer instructions that set flags and registers.
  integer: {
    takes: (r) => r.cls === 'dp_imm' || r.cls === 'dp_reg' || isControlledBranch(r),
    cases: (rows, length, rand, decodeRow) => randomCases(rows, 1, length, rand, branchWords(decodeRow))[0],
  },
  // FP-biased registers and a random FPCR.
  fp: {
    takes: (r) => (r.cls === 'fp' || r.cls === 'simd') && isFpRow(r),
    cases: (rows, length, rand, decodeRow) => fpCases(rows, 1, length, rand, fpWordMaker(decodeRow))[0],
  },
  simd: {
    takes: (r) => r.cls === 'simd' || r.cls === 'crypto',
    cases: (rows, length, rand, decodeRow) => randomCases(rows, 1, length, rand, allocatedWord(decodeRow))[0],
  },
  // Bases and indexes in reserved registers that point into the scratch buffer.
  ldst: {
    takes: (r) => r.cls === 'ldst',
    cases: (rows, length, rand, decodeRow) => {
      const c = randomCases(rows, 1, length, rand, ldstWordMaker(decodeRow, length))[0];
      return { ...c, initial: ldstInitialState(c.initial, rand) };
    },
  },
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The rows with handlers, by profile, and the groups with handlers that no profile can fuzz. */
function fuzzableRows(dis: Disassembler): { byProfile: Map<string, EncodingRow[]>; skipped: string[] } {
  const dir = join(process.cwd(), 'src/core/exec');
  const handlers = findHandlers(new Map(readdirSync(dir).filter((f) => f.endsWith('.ts'))
    .map((f) => [f.replace(/\.ts$/, ''), readFileSync(join(dir, f), 'utf8')])));
  const byProfile = new Map<string, EncodingRow[]>();
  const skipped = new Set<string>();
  for (const r of dis.rows.filter((row) => handlers.has(row.form))) {
    const name = Object.keys(PROFILES).find((p) => PROFILES[p].takes(r));
    if (name) byProfile.set(name, [...(byProfile.get(name) ?? []), r]);
    else skipped.add(r.group);
  }
  return { byProfile, skipped: [...skipped] };
}

/** Rows repeated so that every group is drawn about equally often, whatever its number of rows. */
function weightByGroup(rows: readonly EncodingRow[]): EncodingRow[] {
  const byGroup = new Map<string, EncodingRow[]>();
  for (const r of rows) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  const most = Math.max(...[...byGroup.values()].map((g) => g.length));
  return [...byGroup.values()].flatMap((g) => Array.from({ length: Math.round(most / g.length) }, () => g).flat());
}

type Outcome = { state: MachineState; theirs: MachineState } | { crashed: string };

/** Runs cases in QEMU and in our core; a batch QEMU cannot finish is split until the crashing cases are alone. */
async function runBatch(cases: readonly Case[]): Promise<Outcome[]> {
  let qemu: QemuRun;
  try {
    qemu = runOnQemu(cases);
  } catch (e) {
    if (cases.length === 1) return [{ crashed: String((e as Error).message).split('\n').slice(0, 2).join(' ') }];
    const half = cases.length >> 1;
    return [...await runBatch(cases.slice(0, half)), ...await runBatch(cases.slice(half))];
  }
  const ours = await runOnCore(cases, qemu.seqVa, { translated: process.argv.includes('--translated') });
  return ours.map((state, i) => ({ state, theirs: qemu.results[i] }));
}

async function main(): Promise<void> {
  const count = Number(arg('--count') ?? 1000);
  const seed = Number(arg('--seed') ?? 1);
  const length = Number(arg('--length') ?? 8);
  const dis = new Disassembler();
  const decodeRow: DecodeRow = (w) => dis.decodeRow(w);
  const { byProfile, skipped } = fuzzableRows(dis);
  const wanted = arg('--groups')?.split(',');
  if (wanted) {
    const known = new Set([...byProfile.values()].flat().map((r) => r.group));
    const unknown = wanted.filter((g) => !known.has(g));
    if (unknown.length) throw new Error(`no fuzzable rows with handlers in group(s) ${unknown.join(', ')}`);
    for (const [p, rows] of byProfile) {
      const kept = rows.filter((r) => wanted.includes(r.group));
      if (kept.length) byProfile.set(p, kept); else byProfile.delete(p);
    }
  }
  // Profiles are drawn in proportion to their number of groups, and groups equally within a profile.
  const profiles = [...byProfile].map(([name, rows]) => ({ profile: PROFILES[name], pool: weightByGroup(rows), groups: new Set(rows.map((r) => r.group)).size }));
  const draw = profiles.flatMap((p) => Array.from({ length: p.groups }, () => p));
  const groupCount = profiles.reduce((n, p) => n + p.groups, 0);
  console.log(`fuzz-diff: seed ${seed}, ${count} cases × ${length} words over ${groupCount} groups (${[...byProfile.keys()].join(', ')})`);
  if (!wanted && skipped.length) console.log(`  skipped (handlers, but no profile makes safe words for them): ${skipped.join(', ')}`);
  const rand = xorshift(seed);

  let matched = 0;
  const failures: string[] = [];
  const failingGroups = new Map<string, number>();
  for (let done = 0; done < count; done += BATCH) {
    const cases = Array.from({ length: Math.min(BATCH, count - done) }, () => {
      const p = draw[rand() % draw.length];
      return p.profile.cases(p.pool, length, rand, decodeRow);
    });
    const outcomes = await runBatch(cases);
    outcomes.forEach((o, i) => {
      const d = 'crashed' in o ? [`qemu did not finish: ${o.crashed}`] : diffStates(o.state, o.theirs);
      if (!d.length) { matched++; return; }
      for (const g of new Set(cases[i].words.map((w) => dis.decodeRow(w)?.group ?? '?'))) failingGroups.set(g, (failingGroups.get(g) ?? 0) + 1);
      if (failures.length < SHOWN) {
        const listing = cases[i].words.map((w) => `    ${w.toString(16).padStart(8, '0')}  ${dis.disassemble(w)}`).join('\n');
        failures.push(`case ${done + i}:\n${listing}\n  ${d.slice(0, 8).join('\n  ')}`);
      }
    });
    process.stdout.write(`\r  ${Math.min(done + BATCH, count)}/${count} run, ${matched} matched`);
  }
  process.stdout.write('\n');
  console.log(`${matched}/${count} cases matched qemu-aarch64`);
  if (matched < count) {
    const ranked = [...failingGroups].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(`groups in differing cases: ${ranked.map(([g, n]) => `${g} ${n}`).join(', ')}`);
    console.log(failures.join('\n'));
    process.exitCode = 1;
  }
}

main().catch((e) => { console.error(e); process.exitCode = 2; });
