// The Variables pane at a stop: general registers with PSTATE decoded, system registers grouped by EL (and timer,
// GIC) each expandable into its fields with their meaning from the sysreg table, and FP/SIMD registers; setVariable.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { Handles } from '@vscode/debugadapter';
import { ESR_FIELDS, SPSR_FIELDS } from '../arch/sysregs/fields';
import { SYSREGS, SysReg, SysRegField, sysRegIndex } from '../arch/sysregs/table';
import type { Core } from '../machine/core';

export type SysregGroup = 'EL1' | 'EL2' | 'EL3' | 'Timer' | 'GIC';

/** What a variablesReference expands to. */
type Container =
  | { kind: 'general' }
  | { kind: 'system' }
  | { kind: 'group'; group: SysregGroup }
  | { kind: 'fields'; reg: string }
  | { kind: 'fp' }
  | { kind: 'entry'; el: number }
  | { kind: 'tree'; items: readonly TreeItem[] };

/** A precomputed variable and its children (the stage-2 fault scope). */
interface TreeItem { readonly name: string; readonly value: string; readonly children?: readonly TreeItem[] }

/** Registers whose storage is not what MRS returns (reads with side effects, or computed by the GIC). */
const NOT_STORED = /^ICC_(IAR|EOIR|DIR|SGI|ASGI|HPPIR|RPR)|^ICH_(EISR|ELRSR|MISR)/;

const hex = (v: bigint, digits = 16) => `0x${v.toString(16).padStart(digits, '0')}`;

export function fieldValue(v: bigint, f: SysRegField): bigint {
  return (v >> BigInt(f.lo)) & ((1n << BigInt(f.hi - f.lo + 1)) - 1n);
}

/** The fields present in this value: those conditional on another field (ESR's ISS by EC) only when it applies. */
export function presentFields(fields: readonly SysRegField[], v: bigint): SysRegField[] {
  return fields.filter((f) => {
    if (!f.when) return true;
    const by = fields.find((g) => g.name === f.when!.field);
    return by !== undefined && f.when.values.includes(Number(fieldValue(v, by)));
  });
}

/** A field's value with its meaning from the table: "0x24 Data Abort from a lower Exception level". */
export function describeField(f: SysRegField, v: bigint): string {
  const x = fieldValue(v, f);
  const meaning = f.values?.[Number(x)];
  const text = f.hi === f.lo ? x.toString() : `0x${x.toString(16)}`;
  return meaning ? `${text} ${meaning}` : text;
}

/** PSTATE (or an SPSR) in words: EL, SPSel, DAIF masks, NZCV flags. */
export function describePstate(p: number): string {
  const flags = ['N', 'Z', 'C', 'V'].map((f, i) => ((p >>> (31 - i)) & 1 ? f : f.toLowerCase())).join('');
  const daif = ['D', 'A', 'I', 'F'].map((f, i) => ((p >>> (9 - i)) & 1 ? f : f.toLowerCase())).join('');
  const el = (p >>> 2) & 3;
  return `EL${el}${p & 1 ? 'h' : 't'} ${daif} ${flags}${(p >>> 20) & 1 ? ' IL' : ''}`;
}

/** Which group a register shows in, or undefined for those left out (ID, debug, trace, PMU, absent, aliases). */
function groupOf(r: SysReg, highestEl: number, gicv3: boolean): SysregGroup | undefined {
  if (r.absent || r.aliasOf || !r.fields || NOT_STORED.test(r.name)) return undefined;
  if (/^IC[CH]_/.test(r.name)) return gicv3 ? 'GIC' : undefined;
  if (/^CNT/.test(r.name)) return 'Timer';
  const m = /_EL([0-3])$/.exec(r.name);
  if (!m || /^(ID_|MIDR|REVIDR|AIDR|CCSIDR|CLIDR|CTR|DCZID)/.test(r.name)) return undefined;
  const el = Math.max(1, Number(m[1]));
  return el <= highestEl ? (`EL${el}` as SysregGroup) : undefined;
}

export interface MachineView { readonly highestEl: number; readonly gicv3: boolean; }

export class RegisterVariables {
  private readonly handles = new Handles<Container>();
  private readonly groups: Map<SysregGroup, SysReg[]> = new Map();

  constructor(private readonly core: Core, view: MachineView) {
    for (const r of SYSREGS) {
      const g = groupOf(r, view.highestEl, view.gicv3);
      if (g) this.groups.set(g, [...(this.groups.get(g) ?? []), r]);
    }
  }

  /** New handles for a stop: the old ones die with it. */
  reset(): void { this.handles.reset(); }

  /**
   * The register scopes; for a frame left by an exception, that exception's registers first; and the latest stage-2
   * fault (see customProtocol.ts stage2FaultView) with both walks.
   */
  scopes(takenTo?: number, stage2?: Record<string, unknown>): DebugProtocol.Scope[] {
    const entry: DebugProtocol.Scope[] = takenTo === undefined ? [] : [{
      name: `Exception taken to EL${takenTo}`, variablesReference: this.handles.create({ kind: 'entry', el: takenTo }), expensive: false,
    }];
    const fault: DebugProtocol.Scope[] = stage2 === undefined ? [] : [{
      name: 'Stage-2 fault', variablesReference: this.handles.create({ kind: 'tree', items: stage2Items(stage2) }), expensive: false,
    }];
    return [
      ...entry,
      ...fault,
      { name: 'General registers', variablesReference: this.handles.create({ kind: 'general' }), expensive: false },
      { name: 'System registers', variablesReference: this.handles.create({ kind: 'system' }), expensive: false },
      { name: 'FP/SIMD registers', variablesReference: this.handles.create({ kind: 'fp' }), expensive: true },
    ];
  }

  variables(ref: number): DebugProtocol.Variable[] {
    const c = this.handles.get(ref);
    if (!c) return [];
    const core = this.core;
    switch (c.kind) {
      case 'general': {
        const el = (core.pstate >>> 2) & 3;
        // Each register may hold an address: its memory reference opens the hex editor there (current regime).
        const withMemory = (v: DebugProtocol.Variable): DebugProtocol.Variable => ({ ...v, memoryReference: v.value.replace(/^0x0*(?=.)/, '0x') });
        const vars = Array.from({ length: 31 }, (_, n) => withMemory(this.plain(`x${n}`, hex(core.getX(n)), true)));
        vars.push(withMemory(this.plain('sp', hex(core.getSP(core.pstate & 1 ? el : 0)), true)), withMemory(this.plain('pc', hex(core.pc), true)));
        vars.push({
          name: 'pstate', value: `${hex(BigInt(core.pstate), 8)} (${describePstate(core.pstate)})`,
          variablesReference: this.handles.create({ kind: 'fields', reg: 'PSTATE' }),
        });
        return vars;
      }
      case 'system':
        return [...this.groups.keys()].map((g) => ({
          name: g, value: `${this.groups.get(g)!.length} registers`, variablesReference: this.handles.create({ kind: 'group', group: g }),
        }));
      case 'group':
        return this.groups.get(c.group)!.map((r) => this.sysregVariable(r));
      case 'fields': {
        const v = this.read(c.reg);
        // The field's description goes in `type`, which VS Code shows when the pointer rests on the variable.
        return presentFields(fieldsOf(c.reg), v).map((f) => ({
          ...this.plain(f.name, describeField(f, v), false), type: f.doc ? `${bitsOf(f)} ${f.doc}` : bitsOf(f),
          evaluateName: c.reg === 'PSTATE' ? undefined : `${c.reg}.${f.name}`,
        }));
      }
      case 'entry': {
        // What the exception entry recorded about this frame: where it was, its PSTATE, why, and the address.
        const names = ['ELR', 'SPSR', 'ESR', 'FAR', ...(c.el === 2 ? ['HPFAR'] : [])].map((r) => `${r}_EL${c.el}`);
        return names.map((n) => this.sysregVariable(SYSREGS[sysRegIndex(n)]));
      }
      case 'tree':
        return c.items.map((i) => ({
          name: i.name, value: i.value, variablesReference: i.children ? this.handles.create({ kind: 'tree', items: i.children }) : 0,
        }));
      case 'fp': {
        const vars = Array.from({ length: 32 }, (_, n) => this.plain(`v${n}`, hex(core.getV(n), 32), false));
        vars.push(this.plain('fpcr', hex(BigInt(core.fpcr), 8), false), this.plain('fpsr', hex(BigInt(core.fpsr), 8), false));
        return vars;
      }
    }
  }

  /** A register's variable: its value, with the one field that says most (ESR's EC) in words, and its fields. */
  private sysregVariable(r: SysReg): DebugProtocol.Variable {
    const v = this.sysreg(r.name);
    let value = hex(v);
    if (/^ESR_EL/.test(r.name)) value += ` (EC ${describeField(r.fields!.find((f) => f.name === 'EC')!, v)})`;
    else if (/^SPSR_EL/.test(r.name)) value += ` (${describePstate(Number(v & 0xffffffffn))})`;
    return {
      name: r.name, value, variablesReference: this.handles.create({ kind: 'fields', reg: r.name }),
      evaluateName: r.name, type: r.doc,
    };
  }

  /** The system register a variable of container `ref` is (for a data breakpoint on its writes). */
  systemRegisterName(ref: number, name: string): string | undefined {
    const c = this.handles.get(ref);
    if (c?.kind === 'group' || c?.kind === 'entry') return SYSREGS.some((r) => r.name === name) ? name : undefined;
    return undefined;
  }

  private plain(name: string, value: string, evaluable: boolean): DebugProtocol.Variable {
    return { name, value, variablesReference: 0, evaluateName: evaluable ? name : undefined };
  }

  private read(reg: string): bigint {
    return reg === 'PSTATE' ? BigInt(this.core.pstate) : this.sysreg(reg);
  }

  /** A system register as MRS reads it (counters and the timers' computed fields), without MRS's side effects. */
  private sysreg(name: string): bigint {
    return BigInt.asUintN(64, this.core.exports.debugReadSysreg(sysRegIndex(name)));
  }

  /** setVariable: a general register, a system register, or one field of either (in the container `ref`). */
  set(ref: number, name: string, text: string): string {
    const c = this.handles.get(ref);
    const value = parseValue(text);
    const core = this.core;
    if (c?.kind === 'fields') {
      const f = fieldsOf(c.reg).find((x) => x.name === name);
      if (!f) throw new Error(`${c.reg} has no field ${name}`);
      const mask = ((1n << BigInt(f.hi - f.lo + 1)) - 1n) << BigInt(f.lo);
      const old = this.read(c.reg);
      const next = (old & ~mask) | ((value << BigInt(f.lo)) & mask);
      if (c.reg === 'PSTATE') core.pstate = Number(next);
      else core.exports.debugWriteSysreg(sysRegIndex(c.reg), next);
      return describeField(f, next);
    }
    if (c?.kind === 'group') {
      const r = this.groups.get(c.group)!.find((x) => x.name === name);
      if (!r) throw new Error(`${name} is not a ${c.group} register`);
      // As an MSR writes it (TLB flushed after a translation control changes), not the raw storage.
      core.exports.debugWriteSysreg(sysRegIndex(name), value);
      return this.sysregVariable(r).value;
    }
    if (c?.kind === 'general') {
      const el = (core.pstate >>> 2) & 3;
      const x = /^x([0-9]|[12][0-9]|30)$/.exec(name);
      if (x) core.setX(Number(x[1]), value);
      else if (name === 'sp') core.setSP(core.pstate & 1 ? el : 0, value);
      else if (name === 'pc') core.pc = value;
      else if (name === 'pstate') core.pstate = Number(BigInt.asUintN(32, value));
      else throw new Error(`${name} cannot be set`);
      return name === 'pstate' ? `${hex(BigInt(core.pstate), 8)} (${describePstate(core.pstate)})` : hex(BigInt.asUintN(64, value));
    }
    throw new Error(`${name} cannot be set here`);
  }
}

/** "[31:26]" or "[5]". */
const bitsOf = (f: SysRegField): string => (f.hi === f.lo ? `[${f.lo}]` : `[${f.hi}:${f.lo}]`);

function fieldsOf(reg: string): readonly SysRegField[] {
  // PSTATE is laid out as an SPSR: the same fields describe it.
  if (reg === 'PSTATE') return SPSR_FIELDS;
  return SYSREGS[sysRegIndex(reg)].fields ?? [];
}

function parseValue(text: string): bigint {
  const t = text.trim().replace(/_/g, '');
  if (!/^(-?[0-9]+|0x[0-9a-f]+|0b[01]+)$/i.test(t)) throw new Error(`"${text}" is not a number (decimal, 0x hex or 0b binary)`);
  return BigInt.asUintN(64, BigInt(t));
}

interface WalkStepView { stage: number; level: number; table: string; address: string; descriptor: string }

/** The stage-2 fault as variables: the addresses, the syndrome, then each walk level by level. */
function stage2Items(v: Record<string, unknown>): TreeItem[] {
  const walk = v.walk as { steps: WalkStepView[]; fault?: { type: string; stage: number; level: number; s1ptw: boolean } };
  const esr = BigInt(v.esr as string);
  const esrField = (n: string) => ESR_FIELDS.find((f) => f.name === n);
  const steps = (stage: number): TreeItem[] => walk.steps.filter((s) => s.stage === stage)
    .map((s, i) => ({ name: `[${i}] level ${s.level}`, value: `descriptor ${s.descriptor} at ${s.address} (table ${s.table})` }));
  const fault = walk.fault;
  return [
    { name: 'VA', value: v.va as string },
    { name: 'IPA', value: v.ipa as string },
    { name: 'PA', value: (v.pa as string | undefined) ?? '(none: the walk faults)' },
    { name: 'access', value: v.write ? 'write' : 'read' },
    { name: 'ESR_EL2', value: `${v.esr as string} (EC ${describeField(esrField('EC')!, esr)})` },
    { name: 'HPFAR_EL2', value: v.hpfar as string },
    { name: 'FAR_EL2', value: v.far as string },
    {
      name: 'fault', value: fault ? `${fault.type} fault, stage ${fault.stage}, level ${fault.level}${fault.s1ptw ? ' (on a stage-1 table walk)' : ''}` : 'none now (the tables have changed since)',
    },
    steps(1).length > 0 || fault?.s1ptw ? { name: 'stage-1 walk', value: `${steps(1).length} descriptors`, children: steps(1) }
      : { name: 'stage-1 walk', value: 'none: stage 1 is off (the VA is the IPA)' },
    { name: 'stage-2 walk', value: `${steps(2).length} descriptors`, children: steps(2) },
    { name: 'vCPU', value: String(v.vcpu) },
    { name: 'instruction count', value: v.insnCount as string },
  ];
}
