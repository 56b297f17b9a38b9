// A64 table: AdvSIMD vector instructions (ARM ARM C4.1.96), gathered from one file per family of groups.
import type { EncodingGroup } from '../encoding';
import { SIMD_VECTOR_3SAME } from './simdVector3Same';
import { SIMD_VECTOR_MISC } from './simdVectorMisc';
import { SIMD_VECTOR_SHIFT } from './simdVectorShift';
import { SIMD_VECTOR_ELEM } from './simdVectorElem';

export const SIMD_VECTOR: EncodingGroup[] = [
  ...SIMD_VECTOR_3SAME, ...SIMD_VECTOR_MISC, ...SIMD_VECTOR_SHIFT, ...SIMD_VECTOR_ELEM,
];
