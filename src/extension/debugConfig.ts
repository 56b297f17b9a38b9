// The `trapdoor` debug configurations the extension offers and completes: the initial launch.json entries, one per
// guest file found (dynamic configurations), the configuration made from the active editor when there is no
// launch.json, and the checks that turn a wrong configuration into a message naming what to fix.
import { basename, extname, isAbsolute, resolve } from 'node:path';
import { validateLaunch } from '../debug/launchConfig';

export interface TrapdoorConfiguration {
  type: string;
  request: string;
  name: string;
  [key: string]: unknown;
}

export const DEBUG_TYPE = 'trapdoor';

/** launch.json's first entries: a guest under the built-in hypervisor, your own hypervisor on the bare board, a .S file. */
export function initialConfigurations(): TrapdoorConfiguration[] {
  return [
    {
      type: DEBUG_TYPE, request: 'launch', name: 'Trapdoor: guest under the built-in hypervisor',
      program: '${workspaceFolder}/guest.elf', hypervisor: 'builtin', stopOnEntry: true,
    },
    {
      type: DEBUG_TYPE, request: 'launch', name: 'Trapdoor: my hypervisor at EL2',
      program: '${workspaceFolder}/hyp.elf', hypervisor: 'none', entryEl: 2, gic: 3, stopOnEntry: true,
    },
    {
      type: DEBUG_TYPE, request: 'launch', name: 'Trapdoor: assemble and run the current .S file',
      program: '${file}', stopOnEntry: true,
    },
  ];
}

/** Files a configuration can launch directly: ELF guests and assembly sources (which the adapter assembles). */
export const isAssembly = (path: string): boolean => /^\.s$/i.test(extname(path));
export const isElf = (path: string): boolean => /^\.(elf|axf)$/i.test(extname(path));
export const isLaunchable = (path: string): boolean => isAssembly(path) || isElf(path);

/** A configuration that runs one file at EL1 on the bare board (no launch.json needed). */
export function configurationFor(path: string): TrapdoorConfiguration {
  return { type: DEBUG_TYPE, request: 'launch', name: `Trapdoor: ${basename(path)}`, program: path, stopOnEntry: true };
}

/** Dynamic configurations: each ELF or assembly file found, twice for ELFs (bare board and built-in hypervisor). */
export function dynamicConfigurations(paths: readonly string[]): TrapdoorConfiguration[] {
  const out: TrapdoorConfiguration[] = [];
  for (const p of [...paths].sort()) {
    if (!isLaunchable(p)) continue;
    out.push(configurationFor(p));
    if (isElf(p)) out.push({ ...configurationFor(p), name: `Trapdoor: ${basename(p)} (built-in hypervisor)`, hypervisor: 'builtin' });
  }
  return out;
}

/** Why there is nothing to debug when F5 is pressed without launch.json on a file that is not a guest. */
export function noProgramMessage(activeFile: string | undefined): string {
  return activeFile
    ? `Trapdoor cannot run ${basename(activeFile)}: open an AArch64 ELF (.elf) or an assembly file (.S, .s), or add a "trapdoor" configuration to launch.json.`
    : 'Open an AArch64 ELF (.elf) or an assembly file (.S, .s) to debug it with Trapdoor, or add a "trapdoor" configuration to launch.json.';
}

export interface CheckedLaunch {
  /** The configuration with `program` (and the other paths) made absolute. */
  readonly config?: TrapdoorConfiguration;
  readonly error?: string;
}

const PATH_FIELDS = ['program', 'dtb', 'initrd'] as const;

/**
 * The configuration after variable substitution, checked as the adapter will check it and with its files looked up
 * (relative paths against `cwd`, else the workspace folder), so that a mistake is named before a session starts.
 */
export function checkLaunch(config: TrapdoorConfiguration, folder: string | undefined, exists: (path: string) => 'file' | 'directory' | undefined): CheckedLaunch {
  if (config.request !== 'launch') return { error: `Trapdoor only launches guests: "request" must be "launch", not ${JSON.stringify(config.request)}.` };
  const problem = validateLaunch(config);
  if (typeof problem === 'string') return { error: `${problem}.` };
  const base = typeof config.cwd === 'string' ? resolve(folder ?? '', config.cwd) : folder;
  const out: TrapdoorConfiguration = { ...config };
  if (typeof config.cwd === 'string') {
    if (exists(base!) !== 'directory') return { error: `"cwd": the directory ${base} does not exist.` };
    out.cwd = base;
  }
  for (const f of PATH_FIELDS) {
    const v = config[f];
    if (typeof v !== 'string') continue;
    if (v.includes('${')) return { error: `"${f}": ${v} has a variable VS Code could not substitute.` };
    const abs = isAbsolute(v) || base === undefined ? v : resolve(base, v);
    const kind = exists(abs);
    if (kind === undefined) return { error: `"${f}": ${abs} does not exist.${f === 'program' ? ' Build the guest first, or point "program" at an ELF, Image, raw binary or .S file.' : ''}` };
    if (kind === 'directory') return { error: `"${f}": ${abs} is a directory, not a file.` };
    out[f] = abs;
  }
  return { config: out };
}
