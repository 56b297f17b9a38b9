// The debugger's address spaces: VAs of a translation regime (stage 1, then stage 2 where enabled), IPAs (stage 2
// alone) and PAs, translated page by page without side effects; only RAM is read or written, never a device.
import { sysRegIndex } from '../arch/sysregs/table';
import { AccessKind, Regime, WalkResult } from '../machine/core';
import type { Core } from '../machine/core';
import { RAM_BASE } from '../machine/runner';
import { evaluateAddress } from './evaluate';
import type { EvalEnv } from './evaluate';
import { EvalError } from './expression';

export type VaRegime = 'current' | 'el10' | 'el20' | 'el2' | 'el3';
export type Space = { kind: 'va'; regime: VaRegime } | { kind: 'ipa' } | { kind: 'pa' };
export type SpaceEnv = Pick<EvalEnv, 'core' | 'runner' | 'el'>;

const PAGE = 0x1000n;
const HCR_E2H = 1n << 34n, HCR_TGE = 1n << 27n;
const REGIME_NAMES: Record<Regime, string> = {
  [Regime.EL10]: 'EL1&0', [Regime.EL2]: 'EL2', [Regime.EL3]: 'EL3', [Regime.EL20]: 'EL2&0',
};

export const hex = (v: bigint): string => `0x${BigInt.asUintN(64, v).toString(16)}`;

/**
 * The Space of a prefix (expression.ts SPACE_PREFIXES, without the colon): `el1:` is the EL1&0 regime, `el2:` the
 * EL2 regime, or EL2&0 while HCR_EL2.E2H = 1 (and `el0:` then too, with TGE); undefined when it names none.
 */
export function spaceOfPrefix(prefix: string, env: SpaceEnv): Space | undefined {
  const hcr = sysreg(env.core, 'HCR_EL2');
  const e2h = (hcr & HCR_E2H) !== 0n;
  switch (prefix.toLowerCase()) {
    case 'va': return { kind: 'va', regime: 'current' };
    case 'ipa': return { kind: 'ipa' };
    case 'pa': return { kind: 'pa' };
    case 'el0': return { kind: 'va', regime: e2h && (hcr & HCR_TGE) !== 0n ? 'el20' : 'el10' };
    case 'el1': case 'el10': return { kind: 'va', regime: 'el10' };
    case 'el2': return { kind: 'va', regime: e2h ? 'el20' : 'el2' };
    case 'el20': return { kind: 'va', regime: 'el20' };
    case 'el3': return { kind: 'va', regime: 'el3' };
    default: return undefined;
  }
}

/** How a Space is written in a memory reference: "ipa:0x…", "el2:0x…"; the current regime's VAs without a prefix. */
export function spaceReference(space: Space, addr: bigint): string {
  const prefix = space.kind !== 'va' ? `${space.kind}:` : space.regime === 'current' ? '' : `${space.regime}:`;
  return `${prefix}${hex(addr)}`;
}

const sysreg = (core: Core, name: string): bigint => core.getSysreg(sysRegIndex(name));

/** The highest implemented EL: the board's entry EL, 2 under the built-in hypervisor; 3 without a board. */
export function highestEl(env: SpaceEnv): number {
  const board = env.runner?.board;
  if (!board) return 3;
  return board.config.hypervisorReserved !== undefined ? 2 : board.config.el;
}

/** The translation regime of a VA space: `current` is the regime of the frame's EL (ARM ARM TranslationRegime()). */
export function regimeOf(regime: VaRegime, env: SpaceEnv): Regime {
  const hcr = sysreg(env.core, 'HCR_EL2');
  const vhe = highestEl(env) >= 2 && (hcr & HCR_E2H) !== 0n;
  const wanted = regime === 'current' ? env.el : undefined;
  if (regime === 'el10' || wanted === 1 || (wanted === 0 && !(vhe && (hcr & HCR_TGE) !== 0n))) return Regime.EL10;
  if (regime === 'el3' || wanted === 3) return check(Regime.EL3, 3, env);
  if (regime === 'el2') return check(Regime.EL2, 2, env);
  if (regime === 'el20') return check(Regime.EL20, 2, env);
  return check(vhe ? Regime.EL20 : Regime.EL2, 2, env);
}

function check(r: Regime, el: number, env: SpaceEnv): Regime {
  if (highestEl(env) < el) throw new EvalError(`EL${el} is not implemented on this machine`);
  return r;
}

export function regimeName(r: Regime): string { return REGIME_NAMES[r]; }

/**
 * The walk of one address: a VA through its regime, an IPA through stage 2 alone (the identity when stage 2 is
 * off), a PA as itself (no walk).
 */
export function walkOf(space: Space, addr: bigint, env: SpaceEnv, access: AccessKind = AccessKind.Read): WalkResult {
  const core = env.core;
  if (space.kind === 'pa') return { steps: [], pa: addr, ipa: addr };
  if (space.kind === 'va') {
    const r = regimeOf(space.regime, env);
    return core.translateForDebugger(untagged(addr, r, core), r, access);
  }
  // The walker's EL1&0 path with stage 1 off is the identity into stage 2, so that stage 2 is all that walks. The
  // walker reads SCTLR_EL1 from storage and caches nothing, and nothing runs in between: the guest never sees it.
  const sctlr = sysRegIndex('SCTLR_EL1');
  const saved = core.getSysreg(sctlr);
  core.setSysreg(sctlr, saved & ~1n);
  try {
    return core.translateForDebugger(addr, Regime.EL10, access);
  } finally {
    core.setSysreg(sctlr, saved);
  }
}

/** A data VA as the walker takes it (AArch64 AddrTop()): with its top byte ignored (TCR TBI), bits 63:56 = bit 55. */
function untagged(va: bigint, r: Regime, core: Core): bigint {
  const upper = (va >> 55n) & 1n;
  const tcr = sysreg(core, r === Regime.EL10 ? 'TCR_EL1' : r === Regime.EL3 ? 'TCR_EL3' : 'TCR_EL2');
  // TBI0/TBI1 (bits 37/38) in the two-range regimes, one TBI (bit 20) in EL2 and EL3.
  const tbi = r === Regime.EL10 || r === Regime.EL20 ? (tcr >> (37n + upper)) & 1n : (tcr >> 20n) & 1n;
  if (tbi === 0n) return va;
  return upper ? va | 0xff00000000000000n : va & 0x00ffffffffffffffn;
}

const FAULT_WORDS: Record<NonNullable<WalkResult['fault']>['type'], string> = {
  translation: 'translation fault', accessFlag: 'access flag fault', addressSize: 'address size fault',
  permission: 'permission fault', externalAbortOnWalk: 'synchronous external abort on the walk',
};

/** "translation fault, level 2" */
export function faultWords(fault: NonNullable<WalkResult['fault']>): string {
  return `${FAULT_WORDS[fault.type]}, level ${fault.level}${fault.s1ptw ? ', on a stage-1 table walk' : ''}`;
}

/**
 * The PA of addr, or why there is none. A debugger reads what the guest could not (an execute-only page, a stage-2
 * write-only page), as a JTAG probe does: a permission fault for the access asked is retried as the other kinds.
 */
function physical(space: Space, addr: bigint, env: SpaceEnv, write: boolean): bigint | string {
  const kinds = write ? [AccessKind.Write, AccessKind.Read, AccessKind.Fetch] : [AccessKind.Read, AccessKind.Write, AccessKind.Fetch];
  let first: WalkResult | undefined;
  for (const k of kinds) {
    const w = walkOf(space, addr, env, k);
    if (w.pa !== undefined) return w.pa;
    first ??= w;
    if (w.fault?.type !== 'permission') break;
  }
  const f = first!.fault!;
  const what = space.kind === 'ipa' ? 'IPA' : 'address';
  const ipa = f.stage === 2 && space.kind === 'va' ? `IPA ${hex(f.ipa)}: ` : '';
  return `${what} ${hex(addr)} not mapped at stage ${f.stage} (${ipa}${faultWords(f)})`;
}

/** How many bytes from pa on (at most n) are RAM, 0 when pa is not RAM. */
function ramBytes(pa: bigint, n: number, env: SpaceEnv): number {
  const board = env.runner?.board;
  if (board) {
    const end = RAM_BASE + board.config.memory;
    if (pa < RAM_BASE || pa >= end) return 0;
    return Number(end - pa < BigInt(n) ? end - pa : BigInt(n));
  }
  // A bare core (tests) knows its RAM only by asking; a page is RAM or not as a whole.
  return env.core.exports.ramPointer(pa) === 0 ? 0 : n;
}

/** Why pa cannot be accessed: a device (never read or written by the debugger), or nothing at all. */
function notRam(pa: bigint, env: SpaceEnv): string {
  const device = env.runner?.board.map.lookup(pa)?.device.name;
  return device !== undefined
    ? `PA ${hex(pa)} is ${device} MMIO: the debugger does not access devices`
    : `PA ${hex(pa)} is not RAM`;
}

/** The RAM ranges that [addr, addr + count) of `space` maps to, in order, up to the first byte that is not RAM. */
export function physicalRuns(space: Space, addr: bigint, count: number, env: SpaceEnv, write: boolean):
  { runs: { pa: bigint; length: number }[]; stop?: string } {
  const runs: { pa: bigint; length: number }[] = [];
  let done = 0;
  while (done < count) {
    const at = BigInt.asUintN(64, addr + BigInt(done));
    const inPage = Number(PAGE - (at & (PAGE - 1n)));
    const n = Math.min(count - done, inPage);
    const pa = physical(space, at, env, write);
    if (typeof pa === 'string') return { runs, stop: pa };
    const ram = ramBytes(pa, n, env);
    if (ram > 0) {
      const last = runs[runs.length - 1];
      if (last && last.pa + BigInt(last.length) === pa) last.length += ram;
      else runs.push({ pa, length: ram });
    }
    done += ram;
    if (ram < n) return { runs, stop: notRam(pa + BigInt(ram), env) };
  }
  return { runs };
}

/** Parses "va:0x…", "el2:0x…", "ipa:…", "pa:…" or "0x…" (the current regime); the address may be any expression. */
export function parseAddress(ref: string, env: EvalEnv): { space: Space; addr: bigint } {
  return evaluateAddress(ref, env);
}

/**
 * RAM bytes [pa, pa + n) into out at `at`: aligned doublewords at a time (a byte at a time costs a call into the core
 * per byte). readPhys of RAM never allocates: untouched RAM reads as zeroes and stays unallocated.
 */
function readRam(core: Core, pa: bigint, n: number, out: Uint8Array, at: number): void {
  const view = new DataView(out.buffer, out.byteOffset);
  let i = 0;
  for (; i < n && ((pa + BigInt(i)) & 7n) !== 0n; i++) out[at + i] = Number(core.exports.readPhys(pa + BigInt(i), 1));
  for (; i + 8 <= n; i += 8) view.setBigUint64(at + i, BigInt.asUintN(64, core.exports.readPhys(pa + BigInt(i), 8)), true);
  for (; i < n; i++) out[at + i] = Number(core.exports.readPhys(pa + BigInt(i), 1));
}

/** Reads count bytes; `unreadable` bytes at the end could not be read (unmapped, not RAM) and are not in `data`. */
export function readMemory(space: Space, addr: bigint, count: number, env: SpaceEnv): { data: Uint8Array; unreadable: number } {
  const { runs } = physicalRuns(space, addr, count, env, false);
  const data = new Uint8Array(runs.reduce((s, r) => s + r.length, 0));
  let at = 0;
  for (const r of runs) {
    readRam(env.core, r.pa, r.length, data, at);
    at += r.length;
  }
  return { data, unreadable: count - data.length };
}

/** Writes data up to the first byte that cannot be written; returns how many were. Decoded code there is dropped. */
export function writeMemory(space: Space, addr: bigint, data: Uint8Array, env: SpaceEnv): number {
  const { runs } = physicalRuns(space, addr, data.length, env, true);
  let at = 0;
  for (const r of runs) {
    env.core.writeBytes(r.pa, data.subarray(at, at + r.length));
    at += r.length;
  }
  return at;
}
