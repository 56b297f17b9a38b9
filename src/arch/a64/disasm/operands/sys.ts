// Operand kinds of system instructions: system registers, PSTATE fields, barriers, hints, SYS aliases (DC/IC/AT/TLBI).
import type { OperandFactory } from '../context';

export const SYS_OPERANDS: OperandFactory[] = [
];
