// A64 table: Loads and stores of general-purpose and FP/SIMD registers (ARM ARM C4.1.94), except structure loads/stores.
import type { EncodingGroup } from '../encoding';

export const LDST: EncodingGroup[] = [
];
