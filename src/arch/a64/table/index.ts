// The one A64 instruction table: every encoding group, in ARM ARM order. Row index = decoder result.
import { buildRows, EncodingGroup, EncodingRow } from '../encoding';
import { DP_IMM } from './dpImm';

export const A64_GROUPS: readonly EncodingGroup[] = [
  ...DP_IMM,
];

export const A64_ROWS: readonly EncodingRow[] = buildRows(A64_GROUPS);
