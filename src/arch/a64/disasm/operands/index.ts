// Every operand kind the table may name, tried in order until one recognises the spec.
import type { OperandFactory } from '../context';
import { BASIC_OPERANDS } from './basic';
import { SYS_OPERANDS } from './sys';
import { MEM_OPERANDS } from './mem';
import { FP_OPERANDS } from './fp';
import { SIMD_OPERANDS } from './simd';

export const OPERAND_FACTORIES: readonly OperandFactory[] = [
  ...BASIC_OPERANDS, ...SYS_OPERANDS, ...MEM_OPERANDS, ...FP_OPERANDS, ...SIMD_OPERANDS,
];
