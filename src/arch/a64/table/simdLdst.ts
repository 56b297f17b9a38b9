// A64 table: AdvSIMD load/store multiple and single structures (ARM ARM C4.1.94).
import type { EncodingGroup } from '../encoding';

export const SIMD_LDST: EncodingGroup[] = [
];
