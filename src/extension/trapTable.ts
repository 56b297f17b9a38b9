// The MMIO trap panel's model, shared by the extension host and the panel's webview script: its columns and how a
// record prints in them, the device / address-range / direction filter, and the CSV and JSONL exports.
import type { TrapRecordView } from './contract';

export interface TrapColumn {
  readonly id: string;
  readonly title: string;
  /** Width in the panel, in ch of the editor font (with one ch of padding). */
  readonly width: number;
  readonly text: (r: TrapRecordView) => string;
}

const str = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

/** The PC with its symbol, as objdump prints a branch target: "0x40080010 <uart_putc+0x8>". */
export const pcText = (r: TrapRecordView): string => (r.symbol ? `${r.pc} <${r.symbol}>` : r.pc);

/** What the exit was when it was not an MMIO access: the exception class and its detail (HVC function, sysreg). */
const causeText = (r: TrapRecordView): string => (r.detail ? `${r.ec} ${r.detail}` : r.ec);

export const TRAP_COLUMNS: readonly TrapColumn[] = [
  { id: 'seq', title: 'Seq', width: 8, text: (r) => String(r.seq) },
  { id: 'insnCount', title: 'Insns', width: 12, text: (r) => r.insnCount },
  { id: 'vcpu', title: 'vCPU', width: 6, text: (r) => String(r.vcpu) },
  { id: 'el', title: 'EL', width: 5, text: (r) => `EL${r.el}` },
  { id: 'pc', title: 'PC', width: 32, text: pcText },
  { id: 'cause', title: 'Exit', width: 20, text: causeText },
  { id: 'ipa', title: 'IPA', width: 13, text: (r) => str(r.ipa) },
  { id: 'device', title: 'Device', width: 12, text: (r) => str(r.device) },
  { id: 'direction', title: 'R/W', width: 7, text: (r) => str(r.direction) },
  { id: 'width', title: 'Width', width: 7, text: (r) => str(r.width) },
  { id: 'value', title: 'Value', width: 19, text: (r) => str(r.value) },
  { id: 'register', title: 'Reg', width: 6, text: (r) => str(r.register) },
  { id: 'outcome', title: 'Outcome', width: 16, text: (r) => r.outcome },
];

/** What the panel's filter inputs hold. */
export interface TrapFilterInput {
  /** A device name, or '' for any. */
  readonly device: string;
  /** IPA range bounds, inclusive, in hex ("0x0900_0000" or "9000000") or decimal with a leading "#"; '' for open. */
  readonly from: string;
  readonly to: string;
  readonly direction: '' | 'read' | 'write';
}

export const NO_FILTER: TrapFilterInput = { device: '', from: '', to: '', direction: '' };

export interface TrapFilter {
  readonly device?: string;
  readonly from?: bigint;
  readonly to?: bigint;
  readonly direction?: 'read' | 'write';
}

/** An address as the user types it: hex with or without 0x, "_" separators allowed; undefined when not one. */
export function parseAddress(text: string): bigint | undefined {
  const t = text.trim().replace(/_/g, '').toLowerCase();
  const m = /^(?:0x)?([0-9a-f]{1,16})$/.exec(t);
  return m ? BigInt(`0x${m[1]}`) : undefined;
}

/** The filter the inputs describe, or a message naming the input at fault. */
export function parseFilter(input: TrapFilterInput): TrapFilter | string {
  const bound = (name: string, text: string): bigint | undefined | string => {
    if (text.trim() === '') return undefined;
    return parseAddress(text) ?? `${name} must be a hex address such as 0x09000000, not "${text}"`;
  };
  const from = bound('From', input.from);
  if (typeof from === 'string') return from;
  const to = bound('To', input.to);
  if (typeof to === 'string') return to;
  if (from !== undefined && to !== undefined && from > to) return 'From must not be above To';
  return {
    device: input.device === '' ? undefined : input.device,
    from, to,
    direction: input.direction === '' ? undefined : input.direction,
  };
}

/** Whether a record passes the filter; with an address bound set, records without an IPA do not. */
export function matches(f: TrapFilter, r: TrapRecordView): boolean {
  if (f.device !== undefined && r.device !== f.device) return false;
  if (f.direction !== undefined && r.direction !== f.direction) return false;
  if (f.from !== undefined || f.to !== undefined) {
    if (r.ipa === undefined) return false;
    const ipa = BigInt(r.ipa);
    if (f.from !== undefined && ipa < f.from) return false;
    if (f.to !== undefined && ipa > f.to) return false;
  }
  return true;
}

/** The fields a CSV row and a JSONL line carry, in the panel's column order. */
const EXPORT_FIELDS = ['seq', 'insnCount', 'vcpu', 'el', 'pc', 'symbol', 'esr', 'ec', 'far', 'ipa', 'device', 'direction',
  'width', 'register', 'value', 'detail', 'outcome', 'sourcePath', 'sourceLine'] as const;

function exportValue(r: TrapRecordView, field: typeof EXPORT_FIELDS[number]): string | number | undefined {
  if (field === 'sourcePath') return r.source?.path;
  if (field === 'sourceLine') return r.source?.line;
  return r[field];
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. A field a spreadsheet would run as a
 * formula (=, +, -, @ first) gets a leading apostrophe, since device names and symbols come from the guest. */
export function csvField(v: string | number | undefined): string {
  if (v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(records: Iterable<TrapRecordView>): string {
  const lines = [EXPORT_FIELDS.join(',')];
  for (const r of records) lines.push(EXPORT_FIELDS.map((f) => csvField(exportValue(r, f))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** One JSON object per line, as `trapdoor run --trace-traps` writes them (plus symbol and source). */
export function toJsonl(records: Iterable<TrapRecordView>): string {
  let out = '';
  for (const r of records) out += `${JSON.stringify(r)}\n`;
  return out;
}

/** Records the panel keeps (the newest): a Linux boot under the built-in hypervisor makes millions of exits. */
export const TRAP_LIMIT = 200_000;
/** Records past the limit before the oldest are dropped, so that dropping is an occasional bulk operation. */
export const TRAP_LIMIT_SLACK = 20_000;

/**
 * The records the adapter has sent, in sequence order, merged from live batches and backfills, the newest `limit`
 * kept. A batch that starts past the next expected sequence number leaves a gap, which `missingFrom` reports for a
 * backfill request.
 */
export class TrapStore {
  private list: TrapRecordView[] = [];
  /** How many of the oldest records were dropped. */
  dropped = 0;

  constructor(private readonly limit = TRAP_LIMIT, private readonly slack = TRAP_LIMIT_SLACK) {}

  get records(): readonly TrapRecordView[] { return this.list; }
  get size(): number { return this.list.length; }
  /** The sequence number the next record should have. */
  get nextSeq(): number { return this.list.length === 0 ? 0 : this.list[this.list.length - 1].seq + 1; }

  clear(): void { this.list = []; this.dropped = 0; }

  /** Adds a batch; returns 'appended' when it simply extends the list, 'merged' when it filled in or replaced rows. */
  add(batch: readonly TrapRecordView[]): 'appended' | 'merged' {
    if (batch.length === 0) return 'appended';
    const last = this.list.length === 0 ? -1 : this.list[this.list.length - 1].seq;
    if (batch[0].seq > last && isAscending(batch)) {
      for (const r of batch) this.list.push(r);
      // The page trims its own copy by the same rule: nothing to resend.
      this.trim();
      return 'appended';
    }
    const bySeq = new Map<number, TrapRecordView>();
    for (const r of this.list) bySeq.set(r.seq, r);
    for (const r of batch) bySeq.set(r.seq, r);
    this.list = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    this.trim();
    return 'merged';
  }

  /** Drops the oldest records once the list is `slack` past the limit. */
  private trim(): void {
    if (this.list.length <= this.limit + this.slack) return;
    const n = this.list.length - this.limit;
    this.list.splice(0, n);
    this.dropped += n;
  }

  /** Where a batch starting at `firstSeq` leaves a gap, the first missing sequence number; else undefined. */
  missingFrom(firstSeq: number): number | undefined {
    const next = this.nextSeq;
    return firstSeq > next ? next : undefined;
  }

  bySeq(seq: number): TrapRecordView | undefined {
    let lo = 0, hi = this.list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.list[mid].seq;
      if (s === seq) return this.list[mid];
      if (s < seq) lo = mid + 1; else hi = mid - 1;
    }
    return undefined;
  }
}

function isAscending(batch: readonly TrapRecordView[]): boolean {
  for (let i = 1; i < batch.length; i++) if (batch[i].seq <= batch[i - 1].seq) return false;
  return true;
}
