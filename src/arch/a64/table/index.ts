// The one A64 instruction table: every encoding group, in ARM ARM order. Row index = decoder result.
import { buildRows, EncodingGroup, EncodingRow } from '../encoding';
import { DP_IMM } from './dpImm';
import { BRANCH_SYS } from './branchSys';
import { LDST } from './ldst';
import { SIMD_LDST } from './simdLdst';
import { DP_REG } from './dpReg';
import { FP } from './fp';
import { CRYPTO } from './crypto';
import { SIMD_SCALAR } from './simdScalar';
import { SIMD_VECTOR } from './simdVector';

export const A64_GROUPS: readonly EncodingGroup[] = [
  ...DP_IMM, ...BRANCH_SYS, ...LDST, ...SIMD_LDST, ...DP_REG, ...FP, ...CRYPTO, ...SIMD_SCALAR, ...SIMD_VECTOR,
];

export const A64_ROWS: readonly EncodingRow[] = buildRows(A64_GROUPS);
