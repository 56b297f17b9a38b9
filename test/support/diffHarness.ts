// Differential execution against qemu-aarch64 (user mode): the same instruction sequences from the same
// register and memory state run in QEMU and in our core at EL0; the final states are compared.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../src/machine/core';
import type { TierStats } from '../../src/machine/jit/tier';
import { Elf } from '../../src/machine/loaders/elf';
import { sysRegIndex } from '../../src/arch/sysregs/table';

/** CPACR_EL1.FPEN = 0b11: FP/SIMD enabled at EL0, as Linux runs user programs under qemu-aarch64. */
const CPACR_EL1 = sysRegIndex('CPACR_EL1');

/** Where the scratch memory every case starts from lives, in QEMU and in our core alike. */
export const SCRATCH_VA = 0x1000000n;
export const SCRATCH_SIZE = 0x4000;
const TEXT_VA = 0x400000n;
/** Above the scratch buffer: in, pristine and out blocks take 33 KB per case, so a batch of any size fits. */
const DATA_VA = 0x1100000n;
/** In and out blocks: X0..X30, SP, NZCV, FPCR/FPSR, then V0..V31. */
const BLOCK = 8 * 34 + 16 * 32;
const V_OFF = 8 * 34;

export interface MachineState {
  x: bigint[];
  sp: bigint;
  /** NZCV in bits 31:28. */
  nzcv: number;
  /** FPCR on input, FPSR on output. */
  fp: number;
  /** V0..V31 as 128-bit values. */
  v: bigint[];
  scratch: Uint8Array;
}

export interface Case {
  readonly words: readonly number[];
  readonly initial: MachineState;
}

function packState(s: MachineState, fpField: number): Buffer {
  const b = Buffer.alloc(BLOCK);
  s.x.forEach((v, i) => b.writeBigUInt64LE(BigInt.asUintN(64, v), i * 8));
  b.writeBigUInt64LE(s.sp, 31 * 8);
  b.writeBigUInt64LE(BigInt(s.nzcv >>> 0), 32 * 8);
  b.writeBigUInt64LE(BigInt(fpField >>> 0), 33 * 8);
  s.v.forEach((v, i) => {
    b.writeBigUInt64LE(BigInt.asUintN(64, v), V_OFF + i * 16);
    b.writeBigUInt64LE(BigInt.asUintN(64, v >> 64n), V_OFF + i * 16 + 8);
  });
  return b;
}

function unpackState(b: Buffer, off: number, scratch: Uint8Array): MachineState {
  const x = Array.from({ length: 31 }, (_, i) => b.readBigUInt64LE(off + i * 8));
  const v = Array.from({ length: 32 }, (_, i) =>
    b.readBigUInt64LE(off + V_OFF + i * 16) | (b.readBigUInt64LE(off + V_OFF + i * 16 + 8) << 64n));
  return {
    x, v, scratch,
    sp: b.readBigUInt64LE(off + 31 * 8),
    nzcv: Number(b.readBigUInt64LE(off + 32 * 8)),
    fp: Number(b.readBigUInt64LE(off + 33 * 8)),
  };
}

const hex = (w: number) => `0x${(w >>> 0).toString(16).padStart(8, '0')}`;

/** The assembly of one QEMU program that runs every case in turn and writes all final states to stdout. */
function program(cases: readonly Case[]): string {
  const lines = ['.arch armv8.2-a+crypto+sha3+sm4+fp16+fp16fml+rcpc+dotprod+lse+crc+rdm', '.text', '.global _start', '_start:'];
  cases.forEach((c, i) => {
    lines.push(
      // Fresh scratch memory from the case's pristine copy.
      `adrp x0, pristine_${i}`, `add x0, x0, :lo12:pristine_${i}`, `mov x1, #${SCRATCH_VA}`, `mov x2, #${SCRATCH_SIZE}`,
      `1: ldr x3, [x0], #8`, 'str x3, [x1], #8', 'subs x2, x2, #8', 'b.ne 1b',
      `adrp x30, in_${i}`, `add x30, x30, :lo12:in_${i}`,
      'ldr x0, [x30, #248]', 'mov sp, x0', 'ldr x0, [x30, #256]', 'msr nzcv, x0', 'ldr x0, [x30, #264]', 'msr fpcr, x0',
      'msr fpsr, xzr',
      ...Array.from({ length: 16 }, (_, k) => `ldp q${2 * k}, q${2 * k + 1}, [x30, #${V_OFF + 32 * k}]`),
      ...Array.from({ length: 15 }, (_, k) => `ldp x${2 * k}, x${2 * k + 1}, [x30, #${16 * k}]`),
      'ldr x30, [x30, #240]',
      `seq_${i}:`, ...c.words.map((w) => `.inst ${hex(w)}`), `seqend_${i}:`,
      'msr tpidr_el0, x30', `adrp x30, out_${i}`, `add x30, x30, :lo12:out_${i}`,
      ...Array.from({ length: 15 }, (_, k) => `stp x${2 * k}, x${2 * k + 1}, [x30, #${16 * k}]`),
      'mrs x0, tpidr_el0', 'str x0, [x30, #240]', 'mov x0, sp', 'str x0, [x30, #248]',
      'mrs x0, nzcv', 'str x0, [x30, #256]', 'mrs x0, fpsr', 'str x0, [x30, #264]',
      ...Array.from({ length: 16 }, (_, k) => `stp q${2 * k}, q${2 * k + 1}, [x30, #${V_OFF + 32 * k}]`),
      // Final scratch contents follow the register block.
      `mov x0, #${SCRATCH_VA}`, `add x1, x30, #${BLOCK}`, `mov x2, #${SCRATCH_SIZE}`,
      `1: ldr x3, [x0], #8`, 'str x3, [x1], #8', 'subs x2, x2, #8', 'b.ne 1b',
    );
  });
  lines.push(
    'mov x0, #1', `adrp x1, out_0`, `add x1, x1, :lo12:out_0`, `ldr x2, =${cases.length * (BLOCK + SCRATCH_SIZE)}`,
    'mov x8, #64', 'svc #0', 'mov x0, #0', 'mov x8, #93', 'svc #0', '.ltorg',
    '.data', '.balign 16');
  cases.forEach((c, i) => {
    lines.push(`in_${i}:`, `.byte ${[...packState(c.initial, c.initial.fp)].join(',')}`);
    lines.push(`pristine_${i}:`, `.byte ${[...c.initial.scratch].join(',')}`);
  });
  lines.push('.bss', '.balign 16', 'out_0:');
  cases.forEach((_, i) => lines.push(`out_${i}:`, `.space ${BLOCK + SCRATCH_SIZE}`));
  lines.push(`.section .scratch, "aw", %nobits`, `.space ${SCRATCH_SIZE}`);
  return lines.join('\n') + '\n';
}

export interface QemuRun {
  readonly results: MachineState[];
  /** VA of each case's first instruction, so that our core runs the code at the same addresses. */
  readonly seqVa: bigint[];
}

export function runOnQemu(cases: readonly Case[]): QemuRun {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-diff-'));
  try {
    writeFileSync(join(dir, 'p.S'), program(cases));
    execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 'p.o'), join(dir, 'p.S')]);
    execFileSync('aarch64-linux-gnu-ld', ['-static', `-Ttext=0x${TEXT_VA.toString(16)}`, `-Tdata=0x${DATA_VA.toString(16)}`,
      `--section-start=.scratch=0x${SCRATCH_VA.toString(16)}`, '-o', join(dir, 'p'), join(dir, 'p.o')]);
    const out = execFileSync('qemu-aarch64', ['-cpu', 'max', join(dir, 'p')], { maxBuffer: 1 << 30 });
    const elf = new Elf(readFileSync(join(dir, 'p')));
    const syms = new Map(elf.symbols('symtab').map((s) => [s.name, s.value]));
    const results = cases.map((_, i) => {
      const off = i * (BLOCK + SCRATCH_SIZE);
      return unpackState(out, off, new Uint8Array(out.subarray(off + BLOCK, off + BLOCK + SCRATCH_SIZE)));
    });
    return { results, seqVa: cases.map((_, i) => syms.get(`seq_${i}`)!) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RunOptions {
  /** Run each sequence through the translating tier (blocks compiled at first sight) rather than the interpreter. */
  readonly translated?: boolean;
  /** Receives what the translating tier did for a batch. */
  readonly onTierStats?: (stats: TierStats) => void;
}

/**
 * Runs each case in our core at EL0 (SP_EL0), code at the VA QEMU used, until the PC reaches the end of the
 * sequence (forward branches skip words) or twice its length in instructions have executed.
 */
export async function runOnCore(cases: readonly Case[], seqVa: readonly bigint[], opts: RunOptions = {}): Promise<MachineState[]> {
  const core = await Core.load();
  core.setJitThreshold(opts.translated ? 1 : 0, 0);
  core.configureRam(TEXT_VA, 0x1000000n);
  // qemu-aarch64 runs user code with the MMU on and Normal memory: no alignment faults on ordinary accesses.
  core.setDataAccessesNormal(true);
  const states = cases.map((c, i) => {
    const words = new Uint8Array(Uint32Array.from(c.words).buffer);
    core.writeBytes(seqVa[i], words);
    core.writeBytes(SCRATCH_VA, c.initial.scratch);
    c.initial.x.forEach((v, n) => core.setX(n, v));
    core.setSP(0, c.initial.sp);
    core.pc = seqVa[i];
    core.pstate = c.initial.nzcv & 0xf0000000;
    core.setFpcr(c.initial.fp);
    core.setFpsr(0);
    core.setSysreg(CPACR_EL1, 3n << 20n);
    c.initial.v.forEach((v, n) => core.setV(n, v));
    const end = seqVa[i] + BigInt(4 * c.words.length);
    if (opts.translated) {
      // In one run, so that the translating tier compiles each block at first sight; the breakpoint stops it at the end.
      core.setBreakpoint(end);
      core.run(BigInt(2 * c.words.length));
      core.clearBreakpoint(end);
    } else {
      for (let budget = 2 * c.words.length; budget > 0 && core.pc !== end; budget--) core.run(1n);
    }
    return {
      x: Array.from({ length: 31 }, (_, n) => core.getX(n)),
      sp: core.getSP(0),
      nzcv: core.pstate & 0xf0000000,
      fp: core.fpsr,
      v: Array.from({ length: 32 }, (_, n) => core.getV(n)),
      scratch: core.readBytes(SCRATCH_VA, SCRATCH_SIZE),
    };
  });
  opts.onTierStats?.(core.jitStats);
  return states;
}

/** Differences between two final states, one line each (empty when equal). */
export function diffStates(ours: MachineState, theirs: MachineState): string[] {
  const d: string[] = [];
  const h = (v: bigint) => `0x${v.toString(16)}`;
  theirs.x.forEach((v, i) => { if (ours.x[i] !== v) d.push(`x${i}: ours ${h(ours.x[i])} qemu ${h(v)}`); });
  if (ours.sp !== theirs.sp) d.push(`sp: ours ${h(ours.sp)} qemu ${h(theirs.sp)}`);
  if (ours.nzcv >>> 28 !== theirs.nzcv >>> 28) d.push(`nzcv: ours ${(ours.nzcv >>> 28).toString(2)} qemu ${(theirs.nzcv >>> 28).toString(2)}`);
  if (ours.fp !== theirs.fp) d.push(`fpsr: ours 0x${ours.fp.toString(16)} qemu 0x${theirs.fp.toString(16)}`);
  theirs.v.forEach((v, i) => { if (ours.v[i] !== v) d.push(`v${i}: ours ${h(ours.v[i])} qemu ${h(v)}`); });
  for (let i = 0; i < theirs.scratch.length; i++) {
    if (ours.scratch[i] !== theirs.scratch[i]) { d.push(`memory differs first at scratch+0x${i.toString(16)}`); break; }
  }
  return d;
}

/** Cases per QEMU program: their in/out blocks must fit below the scratch section. */
const QEMU_BATCH = 100;

/**
 * Runs the cases in QEMU and in our core, a batch at a time, and returns one report per case whose final
 * states differ, headed by `describe(case, index)` (typically the disassembled sequence).
 */
export async function compareWithQemu(cases: readonly Case[], describe: (c: Case, i: number) => string, opts: RunOptions = {}): Promise<string[]> {
  const failures: string[] = [];
  for (let at = 0; at < cases.length; at += QEMU_BATCH) {
    const batch = cases.slice(at, at + QEMU_BATCH);
    const qemu = runOnQemu(batch);
    const ours = await runOnCore(batch, qemu.seqVa, opts);
    batch.forEach((c, j) => {
      const d = diffStates(ours[j], qemu.results[j]);
      if (d.length) failures.push(`${describe(c, at + j)}\n  ${d.join('\n  ')}`);
    });
  }
  return failures;
}

/** `case N:` and the case's instructions, one per line, disassembled. */
export function describeCase(disassemble: (w: number) => string): (c: Case, i: number) => string {
  return (c, i) => `case ${i}:\n${c.words.map((w) => `    ${w.toString(16).padStart(8, '0')}  ${disassemble(w)}`).join('\n')}`;
}
