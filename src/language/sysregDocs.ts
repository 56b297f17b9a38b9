// Hover text for system registers, PSTATE fields and SYS operations, from the one system-register table:
// encoding, access, owning EL and trap controls, and the fields with their bit ranges.
import { accessRule } from '../arch/sysregs/access';
import { PSTATE_FIELDS } from '../arch/sysregs/pstate';
import { SYS_OPS } from '../arch/sysregs/sysOps';
import { SysReg, sysRegByName, SysRegField } from '../arch/sysregs/table';
import { GENERIC_SYSREG_PATTERN } from './vocabulary';

const ACCESS: Record<SysReg['access'], string> = { r: 'read-only (MRS)', w: 'write-only (MSR)', rw: 'read/write (MRS and MSR)' };

/** The EL a register belongs to: its `_ELn` suffix, else the lowest EL its encoding is accessible from. */
export function owningEL(r: SysReg): number {
  const m = /_EL([0-3])([0-3])?$/.exec(r.name);
  if (m) return m[2] === undefined ? Number(m[1]) : 2;
  return accessRule(r).minEL;
}

function bits(f: SysRegField): string {
  return f.hi === f.lo ? `[${f.hi}]` : `[${f.hi}:${f.lo}]`;
}

function fieldTable(fields: readonly SysRegField[]): string[] {
  const lines = ['| Bits | Field | Meaning |', '| --- | --- | --- |'];
  for (const f of fields) {
    const when = f.when ? ` (when ${f.when.field} is ${f.when.values.map((v) => `0x${v.toString(16)}`).join(', ')})` : '';
    const values = f.values && Object.keys(f.values).length <= 4
      ? ` — ${Object.entries(f.values).map(([v, m]) => `${v}: ${m}`).join('; ')}` : '';
    lines.push(`| ${bits(f)} | ${f.name} | ${(f.doc ?? '').replace(/\|/g, '\\|')}${values}${when} |`);
  }
  return lines;
}

export function describeSysReg(r: SysReg): string {
  const target = r.aliasOf ? sysRegByName(r.aliasOf) : undefined;
  const el = owningEL(r);
  const rule = accessRule(r);
  const lines = [`**${r.name}**${r.doc ?? target?.doc ? ` — ${r.doc ?? target?.doc}` : ''}`, ''];
  lines.push(`- Encoding: \`S${r.op0}_${r.op1}_C${r.crn}_C${r.crm}_${r.op2}\` (op0=${r.op0}, op1=${r.op1}, CRn=${r.crn}, CRm=${r.crm}, op2=${r.op2})`);
  lines.push(`- Access: ${ACCESS[r.access]}`);
  lines.push(`- Owning EL: EL${el}; accessible from EL${rule.minEL} and above`);
  if (r.aliasOf) lines.push(`- Alias of ${r.aliasOf} from EL2 with HCR_EL2.E2H = 1 (otherwise UNDEFINED)`);
  if (r.e2h) lines.push(`- At EL2 with HCR_EL2.E2H = 1, accesses go to ${r.e2h}`);
  if (rule.controls.length) lines.push(`- Trap controls: ${rule.controls.map((c) => c.name).join(', ')}`);
  if (r.reset !== undefined) lines.push(`- Reset value in Trapdoor's CPU: \`0x${r.reset.toString(16)}\``);
  if (r.absent) lines.push('- Not implemented by Trapdoor\'s CPU model: accesses are UNDEFINED');
  const fields = r.fields ?? target?.fields;
  if (fields?.length) lines.push('', ...fieldTable(fields));
  return lines.join('\n');
}

/** Hover text for a name MRS/MSR/SYS accept: a register, a generic `S3_…` encoding, a PSTATE field or a SYS operation. */
export function describeSystemName(word: string): string | undefined {
  const reg = sysRegByName(word);
  if (reg) return describeSysReg(reg);
  const generic = new RegExp(`^${GENERIC_SYSREG_PATTERN}$`, 'i').exec(word);
  if (generic) {
    const [op0, op1, crn, crm, op2] = word.toLowerCase().replace(/c/g, '').slice(1).split('_').map(Number);
    return `**${word}** — the system register at op0=${op0}, op1=${op1}, CRn=${crn}, CRm=${crm}, op2=${op2}, by its encoding`;
  }
  const pstate = PSTATE_FIELDS.find((p) => p.name.toLowerCase() === word.toLowerCase());
  if (pstate) return `**${pstate.name}** — PSTATE field written by MSR (immediate): \`msr ${pstate.name.toLowerCase()}, #imm\``;
  const ops = SYS_OPS.filter((o) => o.name.toLowerCase() === word.toLowerCase());
  if (ops.length) {
    return ops.map((o) => `**${o.op} ${o.name}** — SYS #${o.op1}, C${o.crn}, C${o.crm}, #${o.op2}${o.xt ? ', Xt' : ''}`).join('\n\n');
  }
  return undefined;
}
