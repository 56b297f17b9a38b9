// The register page's model: a `trapdoor/registerInfo` answer laid out for reading — the facts (owning EL,
// encoding, current value), the fields from the most significant bit down, and a bit map with the gaps between
// fields shown as reserved.
import type { SysReg } from '../arch/sysregs/table';
import type { RegisterInfoView } from './contract';

export interface RegisterLayout {
  readonly facts: readonly (readonly [string, string])[];
  /** One per field or gap, most significant first; width in bits. */
  readonly segments: readonly { readonly name: string; readonly bits: string; readonly width: number }[];
  /** Field, bits, value, meaning, description. */
  readonly rows: readonly (readonly [string, string, string, string, string])[];
}

const bitsText = (msb: number, lsb: number): string => (msb === lsb ? `${msb}` : `${msb}:${lsb}`);

/** The register's width: 64 unless every field fits in the low 32 bits and the value does too. */
function registerWidth(info: RegisterInfoView): number {
  const top = Math.max(-1, ...info.fields.map((f) => f.msb));
  const valueTop = info.value ? BigInt(info.value).toString(2).length - 1 : -1;
  return top < 32 && valueTop < 32 ? 32 : 64;
}

export function registerLayout(info: RegisterInfoView): RegisterLayout {
  const facts: [string, string][] = [];
  if (info.el !== undefined) facts.push(['Owning EL', `EL${info.el}`]);
  if (info.encoding) facts.push(['Encoding', info.encoding]);
  if (info.value) facts.push(['Value', info.value]);
  const fields = [...info.fields].sort((a, b) => b.msb - a.msb);
  const segments: { name: string; bits: string; width: number }[] = [];
  let next = registerWidth(info) - 1;
  for (const f of fields) {
    if (f.msb < next) segments.push({ name: '', bits: bitsText(next, f.msb + 1), width: next - f.msb });
    if (f.msb <= next) segments.push({ name: f.name, bits: bitsText(f.msb, f.lsb), width: f.msb - f.lsb + 1 });
    next = Math.min(next, f.lsb - 1);
  }
  if (next >= 0) segments.push({ name: '', bits: bitsText(next, 0), width: next + 1 });
  const rows = fields.map((f) => [f.name, bitsText(f.msb, f.lsb), f.value ?? '', f.meaning ?? '', f.description ?? ''] as const);
  return { facts, segments, rows };
}

/** What the page shows without a session to ask: the register's description and fields from the one table. */
export function registerInfoFromTable(reg: SysReg): RegisterInfoView {
  const el = /_EL([0-3])\d?$/.exec(reg.name);
  return {
    name: reg.name,
    description: reg.doc ?? '',
    el: el ? Number(el[1]) : undefined,
    encoding: `S${reg.op0}_${reg.op1}_C${reg.crn}_C${reg.crm}_${reg.op2}`,
    fields: (reg.fields ?? []).map((f) => ({
      name: f.name, msb: f.hi, lsb: f.lo,
      description: [f.doc, ...Object.entries(f.values ?? {}).map(([v, m]) => `0x${Number(v).toString(16)}: ${m}`)].filter(Boolean).join('; '),
    })),
  };
}
