// A64 table: Scalar floating-point and FP<->integer conversions (ARM ARM C4.1.96).
import type { EncodingGroup } from '../encoding';

export const FP: EncodingGroup[] = [
];
