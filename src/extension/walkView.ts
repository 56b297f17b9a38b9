// The stage-2 inspector's model: a walk record (WalkView) decoded into the two walks, level by level — each
// descriptor's type and fields with their meanings (ARM ARM D8.3, VMSAv8-64 translation table descriptor formats) —
// and a last line saying where the walk stopped and why, or what it produced.
import type { RegimeName, WalkFaultType, WalkStepView, WalkView } from './contract';

export interface DescriptorField {
  readonly name: string;
  readonly bits: string;
  readonly value: string;
  readonly meaning: string;
}

export type DescriptorKind = 'table' | 'block' | 'page' | 'invalid' | 'reserved';

export interface WalkRow {
  readonly stage: 1 | 2;
  readonly level: number;
  readonly table: string;
  readonly address: string;
  readonly descriptor: string;
  readonly kind: DescriptorKind;
  readonly fields: readonly DescriptorField[];
  /** The descriptor the walk faulted on. */
  readonly stopped: boolean;
}

/** A run of descriptor reads: the stage-1 walk, or one stage-2 walk (of a stage-1 table or of the output IPA). */
export interface WalkSection {
  readonly title: string;
  readonly rows: readonly WalkRow[];
}

export interface WalkOutcome {
  readonly ok: boolean;
  /** One sentence: the fault and where it happened, or the address the walk produced. */
  readonly summary: string;
  readonly details: readonly { readonly name: string; readonly value: string }[];
}

export interface DecodedWalk {
  readonly sections: readonly WalkSection[];
  readonly outcome: WalkOutcome;
}

/** A regime as the contract names it ('el10') or as the translate answer prints it ('EL1&0'). */
export function parseRegime(name: string): RegimeName | undefined {
  const key = name.toLowerCase().replace('&', '');
  return key === 'el10' || key === 'el20' || key === 'el2' || key === 'el3' ? key : undefined;
}

const bit = (d: bigint, n: number): number => Number((d >> BigInt(n)) & 1n);
const bitsOf = (d: bigint, hi: number, lo: number): number => Number((d >> BigInt(lo)) & ((1n << BigInt(hi - lo + 1)) - 1n));
const hex = (v: bigint | number): string => `0x${BigInt(v).toString(16)}`;
/** Output address bits [47:12]: the lower bits of a table or page address are RES0 in every granule, and the
 * walker masks a block's below its size. */
const OA_MASK = 0xfffffffff000n;

const SH_MEANING = ['Non-shareable', 'Reserved', 'Outer Shareable', 'Inner Shareable'];

/** AP[2:1] of a stage-1 descriptor: for EL1&0 and EL2&0 the privileged (EL1, EL2) and EL0 accesses; for EL2 and EL3
 * AP[1] is RES1 and only AP[2] (read-only) counts. */
function apMeaning(ap: number, regime: RegimeName | undefined): string {
  if (regime === 'el2' || regime === 'el3') return ap & 2 ? 'read-only' : 'read/write';
  const el = regime === 'el20' ? 'EL2' : 'EL1';
  return [`${el} read/write, EL0 none`, `${el} and EL0 read/write`, `${el} read-only, EL0 none`, `${el} and EL0 read-only`][ap];
}

const S2AP_MEANING = ['no access', 'read-only', 'write-only', 'read/write'];

/** Stage-2 MemAttr[3:0] (HCR_EL2.FWB = 0): Device types, or Normal memory with outer [3:2] and inner [1:0] cacheability. */
export function memAttrMeaning(m: number): string {
  const outer = m >> 2, inner = m & 3;
  if (outer === 0) return `Device-${['nGnRnE', 'nGnRE', 'nGRE', 'GRE'][inner]}`;
  const cache = ['(reserved)', 'Non-cacheable', 'Write-Through', 'Write-Back'];
  if (inner === 0) return 'Normal, inner cacheability reserved (UNPREDICTABLE)';
  return `Normal, outer ${cache[outer]}, inner ${cache[inner]}`;
}

/** One nibble of a MAIR attribute for Normal memory. */
function mairNibble(n: number): string {
  if (n === 0b0100) return 'Non-cacheable';
  const alloc = `${n & 2 ? 'R' : ''}${n & 1 ? 'W' : ''}`;
  const allocText = alloc ? `, ${alloc}-allocate` : ', no allocate';
  switch (n >> 2) {
    case 0: return `Write-Through transient${allocText}`;
    case 1: return `Write-Back transient${allocText}`;
    case 2: return `Write-Through${allocText}`;
    default: return `Write-Back${allocText}`;
  }
}

/** A MAIR_ELx attribute byte (Attr<n>), as stage 1 selects it by AttrIndx. */
export function mairAttrMeaning(attr: number): string {
  const hi = attr >> 4, lo = attr & 15;
  if (hi === 0) {
    if (lo & 3) return 'UNPREDICTABLE';
    return `Device-${['nGnRnE', 'nGnRE', 'nGRE', 'GRE'][lo >> 2]}`;
  }
  if (lo === 0) return 'UNPREDICTABLE';
  return `Normal, outer ${mairNibble(hi)}, inner ${mairNibble(lo)}`;
}

/** The kind of descriptor bits [1:0] make at this level (a block at level 3 is reserved). */
export function descriptorKind(d: bigint, level: number): DescriptorKind {
  if ((d & 1n) === 0n) return 'invalid';
  if ((d & 2n) === 0n) return level === 3 ? 'reserved' : 'block';
  return level === 3 ? 'page' : 'table';
}

const field = (name: string, bits: string, value: number | string, meaning: string): DescriptorField =>
  ({ name, bits, value: typeof value === 'number' ? String(value) : value, meaning });

/** The fields of one descriptor, by stage and kind. */
export function decodeDescriptor(d: bigint, stage: 1 | 2, level: number, regime?: RegimeName): { kind: DescriptorKind; fields: DescriptorField[] } {
  const kind = descriptorKind(d, level);
  const fields: DescriptorField[] = [field('Valid', '0', bit(d, 0), bit(d, 0) ? 'valid' : 'invalid: the walk faults here')];
  if (kind === 'invalid' || kind === 'reserved') return { kind, fields };
  fields.push(field('Type', '1', bit(d, 1), kind === 'table' ? 'table descriptor' : kind === 'page' ? 'page descriptor' : 'block descriptor'));
  if (kind === 'table') {
    fields.push(field('Next-level table', '47:12', hex(d & OA_MASK), `level ${level + 1} table`));
    if (stage === 1) {
      fields.push(field('NSTable', '63', bit(d, 63), bit(d, 63) ? 'next levels Non-secure' : 'no effect'));
      const apt = bitsOf(d, 62, 61);
      fields.push(field('APTable', '62:61', apt, ['no effect', 'no EL0 access below', 'read-only below', 'read-only, no EL0 access below'][apt]));
      const xnName = regime === 'el2' || regime === 'el3' ? 'XNTable' : 'UXNTable';
      fields.push(field(xnName, '60', bit(d, 60), bit(d, 60) ? 'execute-never below' : 'no effect'));
      if (regime !== 'el2' && regime !== 'el3') fields.push(field('PXNTable', '59', bit(d, 59), bit(d, 59) ? 'privileged execute-never below' : 'no effect'));
    }
    return { kind, fields };
  }
  fields.push(field('Output address', '47:12', hex(d & OA_MASK), kind === 'page' ? 'page' : `level ${level} block`));
  if (stage === 1) {
    const idx = bitsOf(d, 4, 2);
    fields.push(field('AttrIndx', '4:2', idx, `MAIR_ELx.Attr${idx}`));
    fields.push(field('NS', '5', bit(d, 5), bit(d, 5) ? 'Non-secure' : 'Secure (from Secure state)'));
    const ap = bitsOf(d, 7, 6);
    fields.push(field('AP', '7:6', ap, apMeaning(ap, regime)));
  } else {
    const m = bitsOf(d, 5, 2);
    fields.push(field('MemAttr', '5:2', hex(m), memAttrMeaning(m)));
    const s2ap = bitsOf(d, 7, 6);
    fields.push(field('S2AP', '7:6', s2ap, S2AP_MEANING[s2ap]));
  }
  const sh = bitsOf(d, 9, 8);
  fields.push(field('SH', '9:8', sh, SH_MEANING[sh]));
  fields.push(field('AF', '10', bit(d, 10), bit(d, 10) ? 'accessed' : 'not accessed: Access flag fault'));
  if (stage === 1) fields.push(field('nG', '11', bit(d, 11), bit(d, 11) ? 'not global (ASID-tagged)' : 'global'));
  fields.push(field('DBM', '51', bit(d, 51), bit(d, 51) ? 'dirty-bit modifier set' : 'no effect'));
  fields.push(field('Contiguous', '52', bit(d, 52), bit(d, 52) ? 'one of a contiguous set' : 'no effect'));
  if (stage === 1) {
    if (regime === 'el2' || regime === 'el3') {
      fields.push(field('XN', '54', bit(d, 54), bit(d, 54) ? 'execute-never' : 'executable'));
    } else {
      fields.push(field('PXN', '53', bit(d, 53), bit(d, 53) ? 'privileged execute-never' : 'privileged executable'));
      fields.push(field('UXN', '54', bit(d, 54), bit(d, 54) ? 'EL0 execute-never' : 'EL0 executable'));
    }
  } else {
    fields.push(field('XN', '54', bit(d, 54), bit(d, 54) ? 'execute-never' : 'executable'));
  }
  return { kind, fields };
}

const FAULT_TEXT: Record<WalkFaultType, string> = {
  translation: 'Translation fault',
  accessFlag: 'Access flag fault',
  addressSize: 'Address size fault',
  permission: 'Permission fault',
  externalAbortOnWalk: 'Synchronous External abort on the table walk',
};

/** Why a fault of this type happened at this descriptor, in the words of the descriptor itself. */
function faultReason(type: WalkFaultType, row: WalkRow | undefined): string {
  switch (type) {
    case 'translation':
      if (!row) return 'the input address is outside the range the translation tables cover';
      if (row.kind === 'invalid') return 'the descriptor is invalid (bit 0 clear)';
      if (row.kind === 'reserved') return 'bits [1:0] = 0b01 is reserved at level 3';
      if (row.kind === 'block') return `a block is not allowed at level ${row.level} with this granule`;
      return 'the descriptor does not map the address';
    case 'accessFlag': return 'AF (bit 10) is clear and hardware update of the flag is off';
    case 'addressSize': return 'an output or table address is above the configured physical/IPA size';
    case 'permission': return 'the access is not permitted by the final descriptor';
    default: return 'a descriptor address is not RAM';
  }
}

/** Splits the record into the stage-1 walk and, after it, the stage-2 walks it made (one per stage-1 table, then
 * the output IPA's), each titled by what it translated; `trailing` titles a stage-2 walk no stage-1 read follows. */
function sections(rows: WalkRow[], trailing: string): WalkSection[] {
  const stage2: WalkSection[] = [];
  const stage1: WalkRow[] = [];
  let i = 0;
  while (i < rows.length) {
    if (rows[i].stage === 1) { stage1.push(rows[i++]); continue; }
    const run: WalkRow[] = [];
    while (i < rows.length && rows[i].stage === 2) run.push(rows[i++]);
    const next = rows[i];
    stage2.push({ title: next ? `Stage 2 for the stage-1 level ${next.level} table at IPA ${next.table}` : trailing, rows: run });
  }
  return stage1.length ? [{ title: 'Stage 1', rows: stage1 }, ...stage2] : stage2;
}

/** The record decoded: per-walk rows and the outcome. */
export function decodeWalk(walk: WalkView, regime?: RegimeName): DecodedWalk {
  const f = walk.fault;
  const rows: WalkRow[] = walk.steps.map((s: WalkStepView, i) => {
    const d = BigInt(s.descriptor);
    // A walk ends at its fault: the last read is the faulting descriptor when stage and level agree (an external
    // abort or an address size fault of the table base reads nothing at the faulting level).
    const stopped = f !== undefined && i === walk.steps.length - 1 && s.stage === f.stage && s.level === f.level;
    return { stage: s.stage, level: s.level, table: s.table, address: s.address, descriptor: s.descriptor, stopped, ...decodeDescriptor(d, s.stage, s.level, regime) };
  });
  const ipa = walk.ipa ?? walk.fault?.ipa ?? '';
  const trailing = walk.fault?.s1ptw ? `Stage 2 for a stage-1 table at IPA ${walk.fault.ipa}`
    : rows.some((r) => r.stage === 1) ? `Stage 2 for the output IPA ${ipa}` : `Stage 2 for IPA ${ipa}`;
  const secs = sections(rows, trailing);
  if (f) {
    const at = rows.find((r) => r.stopped);
    const where = `stage ${f.stage} level ${f.level}${f.s1ptw ? ', on the stage-1 table walk (S1PTW)' : ''}`;
    const details = [{ name: 'Fault', value: FAULT_TEXT[f.type] }, { name: 'Stage', value: String(f.stage) }, { name: 'Level', value: String(f.level) },
      { name: 'S1PTW', value: f.s1ptw ? '1' : '0' }];
    if (f.stage === 2) details.push({ name: 'Faulting IPA', value: f.ipa });
    return { sections: secs, outcome: { ok: false, summary: `${FAULT_TEXT[f.type]} at ${where}: ${faultReason(f.type, at)}.`, details } };
  }
  const details: { name: string; value: string }[] = [];
  if (walk.ipa !== undefined && walk.stage2) details.push({ name: 'IPA', value: walk.ipa });
  if (walk.pa !== undefined) details.push({ name: 'PA', value: walk.pa });
  if (walk.stage1) {
    const s = walk.stage1, p = s.perms;
    details.push({ name: 'Stage 1 mapping', value: `level ${s.level}, ${sizeText(s.blockBits)}${s.nG ? ', not global' : ', global'}` });
    details.push({ name: 'Stage 1 memory', value: `${hex(s.attr)}: ${mairAttrMeaning(s.attr)}, ${SH_MEANING[s.sh]}` });
    // The privileged level is the regime's own EL; EL2 and EL3 have no EL0 half.
    const access = regime === 'el2' || regime === 'el3' ? `EL${regime[2]} ${perm(p.r1, p.w1, p.x1)}`
      : `EL${regime === 'el20' ? 2 : 1} ${perm(p.r1, p.w1, p.x1)}, EL0 ${perm(p.r0, p.w0, p.x0)}`;
    details.push({ name: 'Stage 1 access', value: access });
  }
  if (walk.stage2) {
    const s = walk.stage2, p = s.perms;
    details.push({ name: 'Stage 2 mapping', value: `level ${s.level}, ${sizeText(s.blockBits)}` });
    details.push({ name: 'Stage 2 memory', value: `${hex(s.memAttr)}: ${memAttrMeaning(s.memAttr)}, ${SH_MEANING[s.sh]}` });
    details.push({ name: 'Stage 2 access', value: perm(p.r, p.w, p.x) });
  }
  const summary = walk.stage1 || walk.stage2 ? `Translates to PA ${walk.pa ?? '?'}.` : `Translation is off: PA ${walk.pa ?? '?'} is the address itself.`;
  return { sections: secs, outcome: { ok: true, summary, details } };
}

const perm = (r: boolean, w: boolean, x: boolean): string => `${r ? 'r' : '-'}${w ? 'w' : '-'}${x ? 'x' : '-'}`;

/** 12 → "4 KB", 21 → "2 MB". */
export function sizeText(log2: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  const u = Math.min(Math.floor(log2 / 10), units.length - 1);
  return `${2 ** (log2 - u * 10)} ${units[u]}`;
}
