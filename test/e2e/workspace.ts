// The workspace the end-to-end tests open: a fresh copy of examples/ (so the editor's state never lands in the
// repository) plus one assembly file with a deliberate mistake for the diagnostics test.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The launch configuration the debugging scenario starts, and what it should see there. */
export interface DebugTarget {
  config: string;
  breakpoint: string;
  /** The EL of the vector the breakpoint is in, and the EL the exception came from. */
  handlerEl: number;
  guestEl: number;
}

export const MINI_HYPERVISOR: DebugTarget = { config: 'Mini hypervisor', breakpoint: 'vector:el2:lower64:sync', handlerEl: 2, guestEl: 1 };

export const BAD_INSTRUCTION_FILE = 'scratch/bad.S';
export const BAD_INSTRUCTION_LINE = 4;

/** Copies examples/ into `dir` and returns the debug target its launch.json offers. */
export function prepareWorkspace(root: string, dir: string): DebugTarget {
  cpSync(join(root, 'examples'), dir, { recursive: true });
  mkdirSync(join(dir, 'scratch'), { recursive: true });
  writeFileSync(join(dir, BAD_INSTRUCTION_FILE), [
    '// A deliberate mistake: the language server must flag line 4.',
    '\t.text',
    '\tmov\tx0, #1',
    '\tmovz\tx0, x1, x2',
    '\tmsr\tvbar_el1, x0',
    '',
  ].join('\n'));
  const launch = readFileSync(join(dir, '.vscode/launch.json'), 'utf8');
  if (!launch.includes(`"name": "${MINI_HYPERVISOR.config}"`)) throw new Error(`examples/.vscode/launch.json has no "${MINI_HYPERVISOR.config}"`);
  return MINI_HYPERVISOR;
}
