// A64 table: AdvSIMD scalar instructions (ARM ARM C4.1.96).
import type { EncodingGroup } from '../encoding';

export const SIMD_SCALAR: EncodingGroup[] = [
];
