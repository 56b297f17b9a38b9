// Operand kinds of AdvSIMD vector instructions: arrangements, elements, modified immediates, shifts.
import type { OperandFactory } from '../context';

export const SIMD_OPERANDS: OperandFactory[] = [
];
