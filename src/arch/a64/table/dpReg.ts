// A64 table: Data Processing -- Register (ARM ARM C4.1.95).
import type { EncodingGroup } from '../encoding';

export const DP_REG: EncodingGroup[] = [
];
