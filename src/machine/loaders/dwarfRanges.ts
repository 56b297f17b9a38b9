// DWARF address ranges of a DIE: low_pc/high_pc, or DW_AT_ranges through .debug_rnglists (DWARF 5, DW_RLE_* entries,
// DW_FORM_rnglistx via rnglists_base) or .debug_ranges (DWARF 2–4 address pairs with base address selection).
import { Cursor, DwarfError, DW_FORM_addr, FormValue } from './dwarfInfo';

/** [low, high) */
export interface AddressRange {
  readonly low: bigint;
  readonly high: bigint;
}

/** What a unit's range lists depend on. */
export interface RangeUnit {
  readonly version: number;
  readonly addressSize: number;
  readonly offsetSize: 4 | 8;
  /** The unit's base address (its DW_AT_low_pc), which offset pairs are relative to until a list changes it. */
  readonly base: bigint;
  /** DW_AT_rnglists_base: where the unit's offset table starts in .debug_rnglists. */
  readonly rnglistsBase: number;
  readonly rnglists?: Uint8Array;
  readonly ranges?: Uint8Array;
  /** The .debug_addr entry `index` of the unit. */
  address(index: number): bigint;
}

export const DW_FORM_rnglistx = 0x23;
const DW_RLE_end_of_list = 0, DW_RLE_base_addressx = 1, DW_RLE_startx_endx = 2, DW_RLE_startx_length = 3,
  DW_RLE_offset_pair = 4, DW_RLE_base_address = 5, DW_RLE_start_end = 6, DW_RLE_start_length = 7;

const wrap = (v: bigint): bigint => BigInt.asUintN(64, v);

/** The ranges of low_pc/high_pc (high_pc of a constant class is a length since DWARF 4), or of a DW_AT_ranges value. */
export function dieRanges(u: RangeUnit, low: FormValue | undefined, high: FormValue | undefined, ranges: FormValue | undefined): AddressRange[] {
  if (ranges?.kind === 'num') return rangeList(u, ranges);
  if (low?.kind !== 'num' || high?.kind !== 'num') return [];
  const hi = high.form === DW_FORM_addr ? high.v : wrap(low.v + high.v);
  return hi > low.v ? [{ low: low.v, high: hi }] : [];
}

function rangeList(u: RangeUnit, value: FormValue & { kind: 'num' }): AddressRange[] {
  if (u.version < 5) return debugRanges(u, Number(value.v));
  const sec = u.rnglists;
  if (!sec) throw new DwarfError('.debug_info: DW_AT_ranges without .debug_rnglists');
  let offset = Number(value.v);
  if (value.form === DW_FORM_rnglistx) {
    // An index into the offset table after the unit's rnglists header; the offsets are relative to that table.
    const c = new Cursor(sec, u.rnglistsBase + offset * u.offsetSize, '.debug_rnglists');
    offset = u.rnglistsBase + c.offset(u.offsetSize);
  }
  return rnglist(u, new Cursor(sec, offset, '.debug_rnglists'));
}

function rnglist(u: RangeUnit, c: Cursor): AddressRange[] {
  const out: AddressRange[] = [];
  const addr = (): bigint => (u.addressSize === 8 ? c.u64() : u.addressSize === 4 ? BigInt(c.u32()) : BigInt(c.u16()));
  const add = (low: bigint, high: bigint) => {
    if (high > low) out.push({ low, high });
  };
  let base = u.base;
  for (;;) {
    const kind = c.u8();
    switch (kind) {
      case DW_RLE_end_of_list: return out;
      case DW_RLE_base_addressx: base = u.address(c.ulebNum()); break;
      case DW_RLE_startx_endx: { const lo = u.address(c.ulebNum()); add(lo, u.address(c.ulebNum())); break; }
      case DW_RLE_startx_length: { const lo = u.address(c.ulebNum()); add(lo, wrap(lo + c.uleb())); break; }
      case DW_RLE_offset_pair: { const lo = wrap(base + c.uleb()); add(lo, wrap(base + c.uleb())); break; }
      case DW_RLE_base_address: base = addr(); break;
      case DW_RLE_start_end: { const lo = addr(); add(lo, addr()); break; }
      case DW_RLE_start_length: { const lo = addr(); add(lo, wrap(lo + c.uleb())); break; }
      default: throw new DwarfError(`.debug_rnglists: unknown entry kind ${kind} at 0x${(c.pos - 1).toString(16)}`);
    }
  }
}

function debugRanges(u: RangeUnit, offset: number): AddressRange[] {
  const sec = u.ranges;
  if (!sec) throw new DwarfError('.debug_info: DW_AT_ranges without .debug_ranges');
  const c = new Cursor(sec, offset, '.debug_ranges');
  const size = u.addressSize;
  const read = (): bigint => (size === 8 ? c.u64() : size === 4 ? BigInt(c.u32()) : BigInt(c.u16()));
  const max = (1n << BigInt(size * 8)) - 1n;
  const out: AddressRange[] = [];
  let base = u.base;
  for (;;) {
    const begin = read(), end = read();
    if (begin === 0n && end === 0n) return out;
    if (begin === max) base = end;
    else if (end > begin) out.push({ low: wrap(base + begin), high: wrap(base + end) });
  }
}
