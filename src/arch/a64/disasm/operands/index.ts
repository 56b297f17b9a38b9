// Every operand kind the table may name, tried in order until one recognises the spec.
import type { OperandFactory } from '../context';
import { BASIC_OPERANDS } from './basic';

export const OPERAND_FACTORIES: readonly OperandFactory[] = [
  ...BASIC_OPERANDS,
];
