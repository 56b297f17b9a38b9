// Operand kinds of scalar floating point and AdvSIMD scalar: B/H/S/D/Q registers, FP immediates, fixed-point scales.
import type { OperandFactory } from '../context';

export const FP_OPERANDS: OperandFactory[] = [
];
