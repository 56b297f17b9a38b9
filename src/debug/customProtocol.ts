// Trapdoor's own DAP events and requests, for the extension's views: trap records (the MMIO panel), stage-2
// faults and address translations with both walks (the stage-2 inspector), and a system register's details.
import { sysRegByName, sysRegIndex } from '../arch/sysregs/table';
import { AccessKind, Core, Regime, WalkResult } from '../machine/core';
import type { Runner } from '../machine/runner';
import { regimeName, regimeOf, VaRegime } from './addressSpace';
import type { TrapRecord } from '../machine/traps';
import { fieldValue, presentFields } from './variables';

const hex = (v: bigint): string => `0x${BigInt.asUintN(64, v).toString(16)}`;

/** WalkResult with its 64-bit values as "0x…" strings (JSON has no bigint). */
export function walkView(w: WalkResult): unknown {
  return {
    steps: w.steps.map((s) => ({ stage: s.stage, level: s.level, table: hex(s.table), address: hex(s.address), descriptor: hex(s.descriptor) })),
    fault: w.fault && { ...w.fault, ipa: hex(w.fault.ipa) },
    pa: w.pa === undefined ? undefined : hex(w.pa),
    ipa: w.ipa === undefined ? undefined : hex(w.ipa),
    stage1: w.stage1,
    stage2: w.stage2,
  };
}

/** `trapdoor/translate`: an address through a regime's walks, as the core's MMU would (no side effects). */
export function translate(core: Core, runner: Runner | undefined, args: { address?: unknown; regime?: unknown; access?: unknown }): { regime: string; va: string; walk: unknown } {
  if (typeof args.address !== 'string' || !/^\s*(0x[0-9a-f_]+|[0-9_]+)\s*$/i.test(args.address)) {
    throw new Error(`"address" must be a number (decimal or 0x hex), got ${JSON.stringify(args.address)}`);
  }
  const va = BigInt.asUintN(64, BigInt(args.address.trim().replace(/_/g, '')));
  const name = args.regime ?? 'current';
  if (typeof name !== 'string' || !['current', 'el10', 'el20', 'el2', 'el3'].includes(name)) {
    throw new Error(`"regime" must be current, el10, el20, el2 or el3, got ${JSON.stringify(name)}`);
  }
  const regime = regimeOf(name as VaRegime, { core, runner, el: (core.pstate >>> 2) & 3 });
  const access = args.access === 'write' ? AccessKind.Write : args.access === 'fetch' ? AccessKind.Fetch : AccessKind.Read;
  return { regime: regimeName(regime), va: hex(va), walk: walkView(core.translateForDebugger(va, regime, access)) };
}

/** A stage-2 fault as the inspector draws it: the faulting access, and both walks redone from the tables now. */
export function stage2FaultView(core: Core, vcpu: number, ipa: bigint, pc: bigint): Record<string, unknown> {
  const esr = core.getSysreg(sysRegIndex('ESR_EL2'));
  const far = core.getSysreg(sysRegIndex('FAR_EL2'));
  const spsr = core.getSysreg(sysRegIndex('SPSR_EL2'));
  const ec = Number((esr >> 26n) & 0x3fn);
  const write = ec === 0x24 && ((esr >> 6n) & 1n) === 1n;
  const access = ec === 0x20 ? AccessKind.Fetch : write ? AccessKind.Write : AccessKind.Read;
  const walk = core.translateForDebugger(far, Regime.EL10, access);
  return {
    vcpu, insnCount: core.insnCount.toString(), el: Number((spsr >> 2n) & 3n), pc: hex(pc), esr: hex(esr), far: hex(far),
    hpfar: hex(core.getSysreg(sysRegIndex('HPFAR_EL2'))), va: hex(far), ipa: hex(ipa),
    pa: walk.pa === undefined ? undefined : hex(walk.pa), write, regime: 'el10', walk: walkView(walk),
  };
}

/** `trapdoor/registerInfo`: a system register's documentation from the one table, and its fields' values now. */
export function registerInfo(core: Core | undefined, name: unknown): Record<string, unknown> {
  const r = typeof name === 'string' ? sysRegByName(name.trim()) : undefined;
  if (!r) throw new Error(`no system register ${JSON.stringify(name)} in the table`);
  const value = core && !r.absent ? core.getSysreg(sysRegIndex(r.name)) : undefined;
  const fields = value === undefined ? r.fields ?? [] : presentFields(r.fields ?? [], value);
  const el = /_EL([0-3])$/.exec(r.name);
  return {
    name: r.name,
    description: r.doc ?? '',
    el: el ? Number(el[1]) : undefined,
    encoding: `S${r.op0}_${r.op1}_C${r.crn}_C${r.crm}_${r.op2}`,
    value: value === undefined ? undefined : hex(value),
    fields: fields.map((f) => {
      const v = value === undefined ? undefined : fieldValue(value, f);
      return {
        name: f.name, msb: f.hi, lsb: f.lo, description: f.doc,
        value: v === undefined ? undefined : hex(v), meaning: v === undefined ? undefined : f.values?.[Number(v)],
      };
    }),
  };
}

/** Trap records waiting to be sent as one `trapdoor/traps` event, each with its PC's symbol and source line. */
export class TrapBatch {
  private pending: TrapRecord[] = [];

  constructor(private readonly annotate: (pc: bigint) => { symbol?: string; source?: { path: string; line: number } }) {}

  add(r: TrapRecord): void { this.pending.push(r); }

  /** The body of the next event, or undefined when nothing is waiting. */
  take(): { records: unknown[] } | undefined {
    if (this.pending.length === 0) return undefined;
    const records = this.pending.map((r) => this.view(r));
    this.pending = [];
    return { records };
  }

  view(r: TrapRecord): unknown {
    return { ...r, ...this.annotate(BigInt(r.pc)) };
  }
}
