// Debug Console commands: `translate` (both walks level by level, descriptors decoded), `tlb`, `vectors`, `traps`
// and `help`. Each returns the text the session prints.
import { sysRegIndex } from '../arch/sysregs/table';
import type { WalkResult, WalkStep } from '../machine/core';
import type { TrapRecord } from '../machine/traps';
import {
  faultWords, hex, highestEl, regimeName, regimeOf, Space, VaRegime, walkOf,
} from './addressSpace';
import { EvalEnv, evaluateAddress } from './evaluate';
import { EvalError } from './expression';

export const COMMANDS = ['translate', 'tlb', 'vectors', 'traps', 'help'] as const;

const HELP = `Commands:
  translate <addr> [el10|el20|el2|el3]   both translation stages of an address, level by level, and where they stop
                                         (addr: an expression; ipa:<addr> walks stage 2 alone)
  tlb                                    the TLB's valid entries
  vectors                                VBAR_ELx and the 16 vector entries of each implemented EL
  traps [n]                              the last n trap records (10 by default)
  help                                   this text
Expressions: x0-x30, w0-w30, sp, pc, lr, fp, pstate, nzcv, daif, currentel, el; system registers and their fields
(HCR_EL2.VM, ESR_EL2.EC); ELF symbols; integers (0x, 0b, decimal, 1_000) with C operators; memory *(u8|u16|u32|u64|
s8|s16|s32|s64*)addr and *addr (u64); addresses in a space: va:, el1:, el2:, el3:, ipa:, pa: (*(u32*)ipa:0x9000000).
Assignments: x0 = 5, HCR_EL2.VM = 1, *(u32*)pa:0x40000000 = 1.`;

/** A Debug Console line as a command: its output, or undefined when the line is not a command. */
export function runCommand(line: string, env: EvalEnv): string | undefined {
  const [name, ...args] = line.trim().split(/\s+/);
  switch (name) {
    case 'help': return HELP;
    case 'translate': return translate(args, env);
    case 'tlb': return tlb(env);
    case 'vectors': return vectors(env);
    case 'traps': return traps(args, env);
    default: return undefined;
  }
}

const REGIMES: readonly VaRegime[] = ['el10', 'el20', 'el2', 'el3'];

function translate(args: string[], env: EvalEnv): string {
  let regime: VaRegime | undefined;
  if (args.length > 1 && REGIMES.includes(args[args.length - 1].toLowerCase() as VaRegime)) {
    regime = args.pop()!.toLowerCase() as VaRegime;
  }
  if (args.length === 0) throw new EvalError('usage: translate <addr> [el10|el20|el2|el3]');
  let { space, addr } = evaluateAddress(args.join(' '), env);
  if (regime) {
    if (space.kind !== 'va') throw new EvalError(`${regime} names a VA regime: ${space.kind}: addresses have none`);
    space = { kind: 'va', regime };
  }
  return describeWalk(space, addr, walkOf(space, addr, env), env);
}

/** The lines of a walk: a header with the base registers, every descriptor read, then the result or the fault. */
function describeWalk(space: Space, addr: bigint, w: WalkResult, env: EvalEnv): string {
  const reg = (name: string): string => `${name} ${hex(env.core.getSysreg(sysRegIndex(name)))}`;
  const lines: string[] = [];
  if (space.kind === 'pa') return `PA ${hex(addr)}: physical, no translation`;
  if (space.kind === 'ipa') {
    lines.push(`IPA ${hex(addr)}, stage 2 of the EL1&0 regime (${reg('VTCR_EL2')}, ${reg('VTTBR_EL2')})`);
  } else {
    const r = regimeOf(space.regime, env);
    const name = regimeName(r);
    const upper = (addr >> 55n) & 1n ? '1' : '0';
    const base = name === 'EL1&0' ? [`TCR_EL1`, `TTBR${upper}_EL1`] : name === 'EL2&0' ? ['TCR_EL2', `TTBR${upper}_EL2`]
      : [`TCR_${name}`, `TTBR0_${name}`];
    const stage2 = w.steps.some((s) => s.stage === 2) || w.stage2 ? `; stage 2: ${reg('VTTBR_EL2')}` : '';
    lines.push(`VA ${hex(addr)} in the ${name} regime: ${base.map(reg).join(', ')}${stage2}`);
  }
  const lastS1 = w.steps.map((s) => s.stage).lastIndexOf(1);
  w.steps.forEach((s, i) => {
    // A stage-2 walk before the last stage-1 step translated a stage-1 table's address.
    const nested = s.stage === 2 && (i < lastS1 || (w.fault?.s1ptw === true && space.kind === 'va'));
    lines.push(`${nested ? '    ' : '  '}${stepText(s)}`);
  });
  if (w.fault) {
    const f = w.fault;
    const ipa = f.stage === 2 ? ` at IPA ${hex(f.ipa)}` : '';
    lines.push(`stopped: stage ${f.stage}${ipa}: ${faultWords(f)}`);
    return lines.join('\n');
  }
  if (w.steps.length === 0) lines.push('  no walk: translation is off');
  const chain = space.kind === 'va' && w.ipa !== w.pa ? `IPA ${hex(w.ipa!)} → ` : '';
  lines.push(`→ ${chain}PA ${hex(w.pa!)}${deviceAt(w.pa!, env)}`);
  if (w.stage1) {
    const s = w.stage1;
    const p = s.perms;
    const perms = regimeHasEl0(space, env)
      ? `EL1/2 ${rwx(p.r1, p.w1, p.x1)}, EL0 ${rwx(p.r0, p.w0, p.x0)}` : rwx(p.r1, p.w1, p.x1);
    lines.push(`stage 1: level ${s.level} ${size(s.blockBits)} ${s.level === 3 ? 'page' : 'block'}, ${mairText(s.attr)}, ` +
      `${SHARE[s.sh]}, ${perms}${s.nG ? ', not global' : ', global'}`);
  }
  if (w.stage2) {
    const s = w.stage2;
    lines.push(`stage 2: level ${s.level} ${size(s.blockBits)} ${s.level === 3 ? 'page' : 'block'}, ` +
      `${s2AttrText(s.memAttr)}, ${SHARE[s.sh]}, ${rwx(s.perms.r, s.perms.w, s.perms.x)}`);
  }
  return lines.join('\n');
}

function regimeHasEl0(space: Space, env: EvalEnv): boolean {
  if (space.kind !== 'va') return false;
  const r = regimeName(regimeOf(space.regime, env));
  return r === 'EL1&0' || r === 'EL2&0';
}

function deviceAt(pa: bigint, env: EvalEnv): string {
  const d = env.runner?.board.map.lookup(pa)?.device.name;
  return d ? ` (${d})` : '';
}

const SHARE = ['non-shareable', 'reserved shareability', 'Outer Shareable', 'Inner Shareable'];
const rwx = (r: boolean, w: boolean, x: boolean): string => `${r ? 'r' : '-'}${w ? 'w' : '-'}${x ? 'x' : '-'}`;

function size(bits: number): string {
  return bits >= 30 ? `${1 << (bits - 30)} GB` : bits >= 20 ? `${1 << (bits - 20)} MB` : `${1 << (bits - 10)} KB`;
}

/** A MAIR_ELx attribute byte: Device types by bits 3:2 when the high nibble is 0, else Normal. */
function mairText(attr: number): string {
  if ((attr & 0xf0) === 0) return `Device-${['nGnRnE', 'nGnRE', 'nGRE', 'GRE'][(attr >> 2) & 3]} (MAIR 0x${attr.toString(16).padStart(2, '0')})`;
  return `Normal (MAIR 0x${attr.toString(16)})`;
}

function s2AttrText(memAttr: number): string {
  if ((memAttr & 0xc) === 0) return `Device-${['nGnRnE', 'nGnRE', 'nGRE', 'GRE'][memAttr & 3]} (MemAttr 0x${memAttr.toString(16)})`;
  return `Normal (MemAttr 0x${memAttr.toString(16)})`;
}

const OA_MASK = 0x0000fffffffff000n;
const bits = (d: bigint, hi: number, lo: number): number => Number((d >> BigInt(lo)) & ((1n << BigInt(hi - lo + 1)) - 1n));

/** One descriptor read: where it is, its value, and what it says (VMSAv8-64 descriptor formats). */
function stepText(s: WalkStep): string {
  const index = (s.address - s.table) / 8n;
  const at = `S${s.stage} L${s.level}  ${hex(s.table)}[${index}] @ ${hex(s.address)} = 0x${s.descriptor.toString(16).padStart(16, '0')}`;
  const d = s.descriptor;
  if ((d & 1n) === 0n) return `${at}  invalid`;
  const isTable = (d & 2n) !== 0n;
  if (s.level === 3 && !isTable) return `${at}  reserved (invalid at level 3)`;
  if (isTable && s.level < 3) {
    const attrs = s.stage === 1 ? [
      bits(d, 63, 63) ? 'NSTable' : '', bits(d, 62, 61) ? `APTable 0b${bits(d, 62, 61).toString(2).padStart(2, '0')}` : '',
      bits(d, 60, 60) ? 'UXNTable' : '', bits(d, 59, 59) ? 'PXNTable' : '',
    ].filter(Boolean) : [];
    return `${at}  table → ${hex(d & OA_MASK)}${attrs.length ? `  ${attrs.join(' ')}` : ''}`;
  }
  const kind = s.level === 3 ? 'page' : 'block';
  const ap = `0b${bits(d, 7, 6).toString(2).padStart(2, '0')}`;
  const attrs = s.stage === 1
    ? [`AttrIndx ${bits(d, 4, 2)}`, `AP ${ap}`, `SH ${bits(d, 9, 8)}`, bits(d, 10, 10) ? 'AF' : 'no AF',
      bits(d, 11, 11) ? 'nG' : '', bits(d, 5, 5) ? 'NS' : '', bits(d, 53, 53) ? 'PXN' : '', bits(d, 54, 54) ? 'UXN' : '']
    : [`MemAttr 0x${bits(d, 5, 2).toString(16)}`, `S2AP ${ap}`, `SH ${bits(d, 9, 8)}`, bits(d, 10, 10) ? 'AF' : 'no AF',
      bits(d, 54, 54) ? 'XN' : ''];
  return `${at}  ${kind} → ${hex(d & OA_MASK)}  ${attrs.filter(Boolean).join(' ')}`;
}

/** TLB entry layout of src/core/mmu/tlb.ts: VA page | 1, context tag, PA page, flags (u32), block size log2 (u32). */
const TLB_ENTRIES = 256, TLB_ENTRY_SIZE = 32;
const TLB_REGIMES: Record<number, string> = { 1: 'EL1&0', 2: 'EL2', 3: 'EL3', 4: 'EL2&0' };
const TAG_GLOBAL = 1n << 40n;
const TLB_R1 = 1, TLB_W1 = 2, TLB_X1 = 4, TLB_R0 = 8, TLB_W0 = 16, TLB_X0 = 32, TLB_DEVICE = 128;

function tlb(env: EvalEnv): string {
  const x = env.core.exports;
  const view = new DataView(x.memory.buffer, x.tlbPointer() >>> 0, TLB_ENTRIES * TLB_ENTRY_SIZE);
  const lines: string[] = [];
  for (let i = 0; i < TLB_ENTRIES; i++) {
    const e = i * TLB_ENTRY_SIZE;
    const page = view.getBigUint64(e, true);
    if (page === 0n) continue;
    const tag = view.getBigUint64(e + 8, true);
    const pa = view.getBigUint64(e + 16, true);
    const f = view.getUint32(e + 24, true);
    const blockBits = view.getUint32(e + 28, true);
    const regime = Number(tag & 7n);
    const vmid = Number((tag >> 8n) & 0xffffn);
    const context = (regime === 1 ? `VMID ${vmid} ` : '') +
      ((regime === 1 || regime === 4) ? (tag & TAG_GLOBAL ? 'global' : `ASID ${Number((tag >> 24n) & 0xffffn)}`) : '');
    const perms = `EL1/2 ${rwx(!!(f & TLB_R1), !!(f & TLB_W1), !!(f & TLB_X1))} EL0 ${rwx(!!(f & TLB_R0), !!(f & TLB_W0), !!(f & TLB_X0))}`;
    lines.push(`  VA ${hex(page & ~0xfffn)} → PA ${hex(pa)}  ${TLB_REGIMES[regime] ?? `regime ${regime}`} ${context}`.trimEnd() +
      `  ${perms}  ${f & TLB_DEVICE ? 'Device' : 'Normal'}  (of a ${size(blockBits)} mapping)`);
  }
  return [`TLB: ${lines.length} valid entr${lines.length === 1 ? 'y' : 'ies'} of ${TLB_ENTRIES} (4 KB each)`, ...lines].join('\n');
}

const SOURCES = ['cur_sp0', 'cur_spx', 'lower64', 'lower32'];
const KINDS = ['sync', 'irq', 'fiq', 'serror'];

function vectors(env: EvalEnv): string {
  const lines: string[] = [];
  const at = (a: bigint): string => { const s = env.symbolAt?.(a); return s ? `  ${s}` : ''; };
  for (let el = 1; el <= highestEl(env); el++) {
    const vbar = env.core.getSysreg(sysRegIndex(`VBAR_EL${el}`));
    const base = vbar & ~0x7ffn;
    lines.push(`VBAR_EL${el} ${hex(vbar)}${at(base)}`);
    SOURCES.forEach((src, i) => KINDS.forEach((kind, j) => {
      const off = BigInt(i * 0x200 + j * 0x80);
      const name = `vector:el${el}:${src}:${kind}`;
      lines.push(`  +0x${off.toString(16).padStart(3, '0')}  ${hex(base + off).padEnd(18)}  ${name.padEnd(25)}${at(base + off)}`);
    }));
  }
  return lines.join('\n');
}

/** One trap record on one line: where, why (EC), the access or call, and what became of it. */
function trapLine(r: TrapRecord, symbolAt?: (a: bigint) => string | undefined): string {
  const sym = symbolAt?.(BigInt(r.pc));
  const access = r.direction
    ? ` ${r.direction} ${r.width ?? '?'}-bit${r.register ? ` ${r.register}` : ''}${r.value !== undefined ? ` = ${r.value}` : ''}`
    : r.value !== undefined ? ` → ${r.value}` : '';
  const where = [r.ipa ? `IPA ${r.ipa}` : r.far ? `FAR ${r.far}` : '', r.device ?? ''].filter(Boolean).join(' ');
  return `#${r.seq} vCPU ${r.vcpu} EL${r.el} ${r.pc}${sym ? ` <${sym}>` : ''}  ${r.ec} (ESR ${r.esr})` +
    `${where ? ` ${where}` : ''}${access}${r.detail ? ` ${r.detail}` : ''}: ${r.outcome}`;
}

function traps(args: string[], env: EvalEnv): string {
  if (!env.runner) throw new EvalError('no machine: trap records come from a running guest');
  const n = args.length ? Number(args[0]) : 10;
  if (!Number.isInteger(n) || n < 0) throw new EvalError('usage: traps [n] (n a number of records)');
  const records = env.runner.traps.records;
  if (records.length === 0) return 'no trap records yet';
  const shown = records.slice(Math.max(0, records.length - n));
  return [`last ${shown.length} of ${records.length} trap records:`, ...shown.map((r) => trapLine(r, env.symbolAt))].join('\n');
}
