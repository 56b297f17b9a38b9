// The workspace the end-to-end tests open: a fresh copy of examples/ (so the editor's state never lands in the
// repository) plus one assembly file with a deliberate mistake for the diagnostics test.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
/** examples/hello takes an SVC into its own EL1 vectors: the stand-in while examples/ has no mini hypervisor. */
export const HELLO: DebugTarget = { config: 'Hello (SVC at EL1)', breakpoint: 'vector:el1:cur_spx:sync', handlerEl: 1, guestEl: 1 };

export const BAD_INSTRUCTION_FILE = 'scratch/bad.S';
export const BAD_INSTRUCTION_LINE = 4;

/** Copies examples/ into `dir` and picks the debug target its launch.json offers. */
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
  const launchJson = join(dir, '.vscode/launch.json');
  if (existsSync(launchJson) && readFileSync(launchJson, 'utf8').includes(`"${MINI_HYPERVISOR.config}"`)
    && existsSync(join(dir, 'mini-hypervisor/mini-hypervisor.elf'))) return MINI_HYPERVISOR;
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  const configurations = existsSync(launchJson) ? parseJsonc(readFileSync(launchJson, 'utf8')).configurations : [];
  configurations.push({ type: 'trapdoor', request: 'launch', name: HELLO.config, program: '${workspaceFolder}/hello/hello.elf', stopOnEntry: false });
  writeFileSync(launchJson, JSON.stringify({ version: '0.2.0', configurations }, null, 2));
  return HELLO;
}

/** launch.json allows comments and trailing commas. */
function parseJsonc(text: string): { configurations: unknown[] } {
  const plain = text.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, s: string | undefined) => s ?? '')
    .replace(/,(\s*[}\]])/g, '$1');
  return JSON.parse(plain);
}
