// A64 table: AdvSIMD vector instructions (ARM ARM C4.1.96).
import type { EncodingGroup } from '../encoding';

export const SIMD_VECTOR: EncodingGroup[] = [
];
