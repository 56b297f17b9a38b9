// Our core against qemu-aarch64 on random sequences of the AdvSIMD integer and crypto instructions (every row of
// the SIMD and crypto tables that is not floating point): V registers and FPSR (QC) must match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EncodingRow } from '../../src/arch/a64/encoding';
import { Disassembler } from '../../src/arch/a64/disasm/disassemble';
import { xorshift } from '../../tools/randomWords';
import { type Case, compareWithQemu, describeCase } from '../support/diffHarness';
import { allocatedWord, randomCases, type WordMaker } from '../support/randomCases';

const dis = new Disassembler();
/**
 * Cases (of 6 instructions) per family: a fast sample of 100 in `npm test`; longer runs with other seeds by
 * SIMD_DIFF_COUNT=5000 SIMD_DIFF_SEED=7 node --test out/test/unit/exec-simd.test.js
 */
const COUNT = Number(process.env.SIMD_DIFF_COUNT ?? 100);
const SEED = Number(process.env.SIMD_DIFF_SEED ?? 0);

/** Integer AdvSIMD/crypto rows: FP rows (F*, SCVTF/UCVTF and the FMOV immediate) belong to the FP checks. */
const integer = (r: EncodingRow) => !/^(F|SCVTF|UCVTF)/.test(r.form);

/** 16-bit chunks that are edges at every lane size: saturation limits, sign boundaries, all ones, one. */
const LANE_EDGES = [0x0000n, 0xffffn, 0x8000n, 0x7fffn, 0x0001n, 0x8080n, 0x7f7fn, 0x00ffn, 0xff00n, 0x807fn];

/** Replaces about half of the V registers with vectors assembled from lane edges and random chunks. */
function withLaneEdges(cases: Case[], rand: () => number): Case[] {
  for (const c of cases) {
    c.initial.v = c.initial.v.map((v) => {
      if (rand() & 1) return v;
      let r = 0n;
      for (let k = 0n; k < 8n; k++) {
        const pick = rand() % (LANE_EDGES.length + 3);
        const chunk = pick < LANE_EDGES.length ? LANE_EDGES[pick] : BigInt(rand() & 0xffff);
        r |= chunk << (16n * k);
      }
      return r;
    });
  }
  return cases;
}

/** Words of random rows, except that the first words walk through every row once so that each row is executed. */
function everyRowFirst(rows: readonly EncodingRow[], base: WordMaker): { maker: WordMaker; missed: string[] } {
  const pending = [...rows];
  const missed: string[] = [];
  let tries = 0;
  const maker: WordMaker = (row, rand) => {
    if (pending.length === 0) return base(row, rand);
    const w = base(pending[0], rand);
    if (w !== undefined || ++tries === 100) {
      if (w === undefined) missed.push(pending[0].form);
      pending.shift();
      tries = 0;
    }
    return w;
  };
  return { maker, missed };
}

async function check(groups: readonly string[], seed: number, count = COUNT, length = 6): Promise<void> {
  const rows = dis.rows.filter((r) => groups.includes(r.group) && integer(r));
  assert.ok(rows.length > 0, `no rows in ${groups.join(', ')}`);
  const rand = xorshift(seed + 1000 * SEED);
  const { maker, missed } = everyRowFirst(rows, allocatedWord((w) => dis.decodeRow(w)));
  const cases = withLaneEdges(randomCases(rows, count, length, rand, maker), rand);
  assert.deepEqual(missed, [], 'rows without an allocated random word');
  assert.ok(count * length >= rows.length, 'too few instructions to execute every row');
  const failures = await compareWithQemu(cases, describeCase((w) => dis.disassemble(w)));
  assert.equal(failures.length, 0, `${failures.length}/${cases.length} cases differ:\n${failures.slice(0, 5).join('\n')}`);
}

test('AdvSIMD three same (integer, bitwise, extra) matches qemu-aarch64', async () => {
  await check(['asimdsame', 'asimdsame2'], 101);
});

test('AdvSIMD three different matches qemu-aarch64', async () => {
  await check(['asimddiff'], 102);
});

test('AdvSIMD two-register miscellaneous (integer) and across lanes match qemu-aarch64', async () => {
  await check(['asimdmisc', 'asimdall'], 103);
});

test('AdvSIMD shift by immediate (integer) matches qemu-aarch64', async () => {
  await check(['asimdshf'], 104);
});

test('AdvSIMD copy, modified immediate, permute, extract and table lookup match qemu-aarch64', async () => {
  await check(['asimdins', 'simd_scalar_copy', 'asimdimm', 'asimdperm', 'asimdext', 'asimdtbl'], 105);
});

test('AdvSIMD by element (integer, vector and scalar) matches qemu-aarch64', async () => {
  await check(['asimdelem', 'simd_scalar_elem'], 106);
});

test('AdvSIMD scalar three same, three different and pairwise match qemu-aarch64', async () => {
  await check(['simd_scalar_3same', 'simd_scalar_3same_extra', 'simd_scalar_3diff', 'simd_scalar_pair'], 107);
});

test('AdvSIMD scalar two-register miscellaneous and shift by immediate match qemu-aarch64', async () => {
  await check(['simd_scalar_misc', 'simd_scalar_shift'], 108);
});

test('cryptographic extension (AES, SHA-1/256/512, SHA-3, SM3, SM4) matches qemu-aarch64', async () => {
  await check(['cryptoaes', 'cryptosha3', 'cryptosha2', 'cryptosha512_3', 'cryptosha512_2', 'crypto4', 'crypto3_imm6', 'crypto3_imm2'], 109);
});
