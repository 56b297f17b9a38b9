// Floating point against qemu-aarch64: random sequences of the FP rows with FP-biased registers and random FPCR
// modes; registers, NZCV and FPSR must match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Disassembler } from '../../src/arch/a64/disasm/disassemble';
import type { EncodingRow } from '../../src/arch/a64/encoding';
import { xorshift } from '../../tools/randomWords';
import { Case, diffStates, MachineState, runOnCore, runOnQemu } from '../support/diffHarness';
import { fpCases, fpWordMaker } from '../support/fpWords';
import { randomState } from '../support/randomCases';

const dis = new Disassembler();
// Cases per test in `npm test`; FP_CASES=1500 (or more) and another FP_SEED for a long run.
const COUNT = Number(process.env.FP_CASES ?? 300);
const SEED = Number(process.env.FP_SEED ?? 0);

function fpRow(r: EncodingRow): boolean {
  const m = r.mnemonic.toLowerCase();
  return m.startsWith('f') || m.startsWith('scvtf') || m.startsWith('ucvtf');
}

/** Final states in QEMU and in our core, in batches of 60 cases (the QEMU program's data must stay below scratch). */
async function runBoth(cases: readonly Case[]): Promise<{ ours: MachineState[]; theirs: MachineState[] }> {
  const theirs: MachineState[] = [];
  const ours: MachineState[] = [];
  for (let k = 0; k < cases.length; k += 60) {
    const batch = cases.slice(k, k + 60);
    const qemu = runOnQemu(batch);
    theirs.push(...qemu.results);
    ours.push(...await runOnCore(batch, qemu.seqVa));
  }
  return { ours, theirs };
}

async function check(groups: readonly string[], seed: number, filter: (r: EncodingRow) => boolean = fpRow, fpcrMask = 0xffffffff): Promise<void> {
  const rows = dis.rows.filter((r) => groups.includes(r.group) && filter(r));
  assert.ok(rows.length > 0, `no rows in ${groups.join(', ')}`);
  const cases = fpCases(rows, COUNT, 6, xorshift(seed + SEED), fpWordMaker((w) => dis.decodeRow(w)), fpcrMask);
  const { ours, theirs } = await runBoth(cases);
  const failures: string[] = [];
  cases.forEach((c, i) => {
    const d = diffStates(ours[i], theirs[i]);
    if (d.length) {
      failures.push(`case ${i} fpcr 0x${c.initial.fp.toString(16)}:\n${c.words.map((w) => `    ${w.toString(16).padStart(8, '0')}  ${dis.disassemble(w)}`).join('\n')}\n  ${d.join('\n  ')}`);
    }
  });
  assert.equal(failures.length, 0, `${failures.length}/${cases.length} cases differ:\n${failures.slice(0, 4).join('\n')}`);
}

test('scalar FP data processing matches qemu-aarch64', async () => {
  await check(['floatdp1', 'floatdp2', 'floatdp3', 'floatcmp', 'floatccmp', 'floatsel', 'floatimm'], 11);
});

test('FP/integer conversions match qemu-aarch64', async () => {
  await check(['float2int', 'float2fix'], 12, (r) => fpRow(r) && r.form !== 'FJCVTZS_float2int');
});

// QEMU 7.2 sets Z for a positive denormal flushed by FZ, where FPToFixedJS() clears it: FJCVTZS runs with FZ = 0.
test('FJCVTZS matches qemu-aarch64 (FPCR.FZ = 0)', async () => {
  await check(['float2int', 'float2fix'], 13, fpRow, ~(1 << 24));
});

test('AdvSIMD scalar FP (pairwise, three same, by element) matches qemu-aarch64', async () => {
  await check(['simd_scalar_pair', 'simd_scalar_3same', 'simd_scalar_3same_fp16', 'simd_scalar_elem'], 21);
});

test('AdvSIMD scalar FP (two-register misc, fixed-point shifts) matches qemu-aarch64', async () => {
  await check(['simd_scalar_misc', 'simd_scalar_misc_fp16', 'simd_scalar_shift'], 22);
});

test('AdvSIMD vector FP (three same, FP16 three same) matches qemu-aarch64', async () => {
  await check(['asimdsame', 'asimdsamefp16'], 23);
});

test('AdvSIMD vector FP (misc, across lanes, immediates, fixed-point shifts) matches qemu-aarch64', async () => {
  await check(['asimdmisc', 'asimdmiscfp16', 'asimdall', 'asimdimm', 'asimdshf'], 24);
});

test('AdvSIMD vector FP by element matches qemu-aarch64', async () => {
  await check(['asimdelem'], 25);
});

test('complex FCADD/FCMLA and FMLAL/FMLSL match qemu-aarch64', async () => {
  await check(['asimdsame2', 'asimdsame', 'asimdelem'], 26, (r) => /^(FCADD|FCMLA|FMLAL|FMLSL)/.test(r.form));
});

/** N-bit encoding of a value given as sign, unbiased exponent and fraction bits. */
function encode(n: 16 | 32 | 64, sign: number, exp: number, frac: bigint): bigint {
  const e = n === 16 ? 5 : n === 32 ? 8 : 11;
  const f = n === 16 ? 10 : n === 32 ? 23 : 52;
  const bias = (1 << (e - 1)) - 1;
  return (BigInt(sign) << BigInt(n - 1)) | (BigInt(exp + bias) << BigInt(f)) | (frac & ((1n << BigInt(f)) - 1n));
}

// Directed cases the random ones rarely reach: products and quotients rounding across the denormal/normal
// boundary (tininess before rounding, FZ), and fused multiply-adds whose addend cancels the product to its
// rounding error (only an exact 128-bit intermediate gets those right), in every rounding mode.
test('FP rounding at the underflow boundary and FMA cancellation match qemu-aarch64', async () => {
  const rand = xorshift(31 + SEED);
  const cases: Case[] = [];
  for (let i = 0; i < COUNT; i++) {
    const n = ([16, 32, 64] as const)[i % 3];
    const f = n === 16 ? 10 : n === 32 ? 23 : 52;
    const minExp = n === 16 ? -14 : n === 32 ? -126 : -1022;
    const ftype = n === 16 ? 3 : n === 32 ? 0 : 1;
    const frac = () => (BigInt(rand()) << 32n | BigInt(rand())) & ((1n << BigInt(f)) - 1n);
    const e1 = Math.trunc(minExp / 2) + (rand() % 5) - 2;
    const a = encode(n, rand() & 1, e1, frac());
    const b = encode(n, rand() & 1, minExp - e1 + (rand() % 3) - 1, frac());
    // c is minus the product rounded to nearest for single/half (exact in a double), any ordinary value else.
    const toNum = (x: bigint) => { const dv = new DataView(new ArrayBuffer(8)); dv.setBigUint64(0, x); return dv.getFloat64(0); };
    const fromNum = (v: number) => { const dv = new DataView(new ArrayBuffer(8)); dv.setFloat64(0, v); return dv.getBigUint64(0); };
    const p = encode(64, rand() & 1, (rand() % 8) - 4, frac() << BigInt(52 - f));
    const q = encode(64, rand() & 1, (rand() % 8) - 4, frac() << BigInt(52 - f));
    const prod = toNum(p) * toNum(q);
    let c: bigint, x: bigint, y: bigint;
    if (n === 64) { x = p; y = q; c = fromNum(-prod); }
    else {
      const toN = (d: bigint) => { // double (exactly representable in N) to N bits
        const sign = Number(d >> 63n), exp = Number((d >> 52n) & 0x7ffn) - 1023;
        return encode(n, sign, exp, (d & ((1n << 52n) - 1n)) >> BigInt(52 - f));
      };
      x = toN(p & ~((1n << BigInt(52 - f)) - 1n)); y = toN(q & ~((1n << BigInt(52 - f)) - 1n));
      const pr = n === 32 ? Math.fround(prod) : prod;
      c = n === 32 ? toN(fromNum(-pr) & ~((1n << 29n) - 1n)) : encode(16, 0, 0, 0n);
    }
    const initial = randomState(rand);
    initial.v[1] = a; initial.v[2] = b; initial.v[3] = c; initial.v[8] = x; initial.v[9] = y;
    initial.fp = (((rand() & 3) << 22) | ((rand() & 1) << 24) | ((rand() & 1) << 19)) >>> 0;
    const t = ftype << 22;
    cases.push({
      initial,
      words: [
        0x1e200800 | t | (2 << 16) | (1 << 5) | 4,          // fmul  v4 = v1 * v2
        0x1e201800 | t | (2 << 16) | (1 << 5) | 5,          // fdiv  v5 = v1 / v2
        0x1e21c000 | t | (1 << 5) | 6,                      // fsqrt v6 = v1
        0x1f000000 | t | (9 << 16) | (3 << 10) | (8 << 5) | 10, // fmadd v10 = v3 + v8 * v9
        0x1f000000 | t | (2 << 16) | (1 << 10) | (1 << 5) | 11, // fmadd v11 = v1 + v1 * v2
        0x1e202800 | t | (3 << 16) | (4 << 5) | 12,         // fadd  v12 = v4 + v3
      ].map((w) => w >>> 0),
    });
  }
  const { ours, theirs } = await runBoth(cases);
  const failures = cases.flatMap((c, i) => {
    const d = diffStates(ours[i], theirs[i]);
    return d.length ? [`case ${i} fpcr 0x${c.initial.fp.toString(16)} v1 ${c.initial.v[1].toString(16)} v2 ${c.initial.v[2].toString(16)} v3 ${c.initial.v[3].toString(16)}: ${d.join('; ')}`] : [];
  });
  assert.equal(failures.length, 0, failures.slice(0, 6).join('\n'));
});
