// Operand kinds of loads and stores: addressing modes, register lists of structure loads/stores, prefetch operations.
import type { OperandFactory } from '../context';

export const MEM_OPERANDS: OperandFactory[] = [
];
