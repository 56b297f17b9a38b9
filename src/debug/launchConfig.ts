// The `trapdoor` launch configuration: its fields, defaults, and errors that name the field at fault. Kept in step
// with package.json's contributes.debuggers[0].configurationAttributes.launch.

export interface LaunchArguments {
  readonly program: string;
  readonly hypervisor: 'builtin' | 'none';
  /** The path of the user's own hypervisor ELF, run at EL2 with `program` loaded as its guest. */
  readonly hypervisorProgram?: string;
  /** Extra ELF files for symbols and source lines, each loaded `offset` bytes above its link addresses. */
  readonly symbols: readonly { readonly path: string; readonly offset: bigint }[];
  readonly entryEl: 1 | 2 | 3;
  readonly cpus: number;
  readonly memoryBytes: bigint;
  readonly gic: 2 | 3;
  readonly dtb?: string;
  readonly bootargs?: string;
  readonly initrd?: string;
  readonly stopOnEntry: boolean;
  readonly maskInterruptsWhileStepping: boolean;
  readonly cwd?: string;
}

const SIZE = /^(0x[0-9a-f]+|[0-9]+)([KMGT]?)$/i;
/** As on QEMU's virt board: at most 512 CPUs with GICv3, 8 with GICv2. */
const MAX_CPUS = { 2: 8, 3: 512 } as const;

/** Parses a size such as "128M", "4G" or a number of bytes. */
export function parseMemory(v: unknown): bigint | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return BigInt(v);
  if (typeof v !== 'string') return undefined;
  const m = SIZE.exec(v.trim());
  if (!m) return undefined;
  const shift = { '': 0n, K: 10n, M: 20n, G: 30n, T: 40n }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G' | 'T'];
  return BigInt(m[1]) << shift;
}

const show = (v: unknown) => JSON.stringify(v);
const optionalPath = (raw: Record<string, unknown>, field: string, what: string): string | undefined => {
  const v = raw[field];
  if (v !== undefined && (typeof v !== 'string' || v === '')) throw new LaunchError(`"${field}" must be the path of ${what}, not ${show(v)}`);
  return v as string | undefined;
};
const flag = (raw: Record<string, unknown>, field: string, dflt: boolean): boolean => {
  const v = raw[field] ?? dflt;
  if (typeof v !== 'boolean') throw new LaunchError(`"${field}" must be true or false, not ${show(v)}`);
  return v;
};

class LaunchError extends Error {}

/** `symbols`: [{ "path": "vmlinux", "offset": "0x0" }] or plain paths. */
function symbolFiles(v: unknown): { path: string; offset: bigint }[] {
  if (v === undefined) return [];
  const wrong = (what: string) => new LaunchError(`"symbols" must be a list of ELF files, each "path" or { "path": …, "offset": … }: ${what}`);
  if (!Array.isArray(v)) throw wrong(`not ${show(v)}`);
  return v.map((e, i) => {
    const entry = typeof e === 'string' ? { path: e } : e as { path?: unknown; offset?: unknown };
    if (typeof entry !== 'object' || entry === null || typeof entry.path !== 'string' || entry.path === '') throw wrong(`entry ${i} is ${show(e)}`);
    const o = entry.offset ?? 0;
    if (!(typeof o === 'number' && Number.isSafeInteger(o)) && !(typeof o === 'string' && /^-?(0x[0-9a-f]+|[0-9]+)$/i.test(o.trim()))) {
      throw wrong(`entry ${i} has "offset" ${show(o)} (a number or "0x…" string)`);
    }
    const text = String(o).trim();
    const offset = text.startsWith('-') ? -BigInt(text.slice(1)) : BigInt(text);
    return { path: entry.path, offset };
  });
}

/** The validated arguments, or a message naming the first wrong field. */
export function validateLaunch(raw: Record<string, unknown>): LaunchArguments | string {
  try {
    return validate(raw);
  } catch (e) {
    if (e instanceof LaunchError) return e.message;
    throw e;
  }
}

function validate(raw: Record<string, unknown>): LaunchArguments {
  const program = raw.program;
  if (typeof program !== 'string' || program === '') {
    throw new LaunchError('"program" must be the path of the guest to run (an AArch64 ELF, a Linux arm64 Image or a raw binary)');
  }
  const rawHypervisor = raw.hypervisor ?? 'none';
  if (typeof rawHypervisor !== 'string' || rawHypervisor === '') {
    throw new LaunchError(`"hypervisor" must be "builtin", "none" or the path of your hypervisor's ELF, not ${show(rawHypervisor)}`);
  }
  const hypervisorProgram = rawHypervisor === 'builtin' || rawHypervisor === 'none' ? undefined : rawHypervisor;
  const hypervisor = rawHypervisor === 'builtin' ? 'builtin' : 'none';
  // Your own hypervisor is entered at EL2 (or EL3 firmware below it) like `--el 2`.
  const entryEl = raw.entryEl ?? (hypervisorProgram ? 2 : 1);
  if (hypervisorProgram && entryEl === 1) throw new LaunchError(`"entryEl" must be 2 or 3 when "hypervisor" is your own hypervisor's ELF, not 1`);
  if (entryEl !== 1 && entryEl !== 2 && entryEl !== 3) throw new LaunchError(`"entryEl" must be 1, 2 or 3, not ${show(entryEl)}`);
  // The built-in hypervisor is the EL2: the guest itself starts at EL1.
  if (hypervisor === 'builtin' && entryEl !== 1) throw new LaunchError(`"entryEl" must be 1 with "hypervisor": "builtin" (Trapdoor plays EL2), not ${entryEl}`);
  const gic = raw.gic ?? 2;
  if (gic !== 2 && gic !== 3) throw new LaunchError(`"gic" must be 2 or 3, not ${show(gic)}`);
  const cpus = raw.cpus ?? 1;
  if (typeof cpus !== 'number' || !Number.isInteger(cpus) || cpus < 1 || cpus > MAX_CPUS[gic]) {
    throw new LaunchError(`"cpus" must be a whole number from 1 to ${MAX_CPUS[gic]} with GICv${gic}, not ${show(cpus)}`);
  }
  const memoryBytes = raw.memory === undefined ? 128n << 20n : parseMemory(raw.memory);
  if (memoryBytes === undefined || memoryBytes < 1n << 20n || memoryBytes > 64n << 30n || memoryBytes % (64n << 10n) !== 0n) {
    throw new LaunchError(`"memory" must be a size between 1M and 64G in 64K steps, such as "128M", not ${show(raw.memory)}`);
  }
  const dtb = optionalPath(raw, 'dtb', 'a flattened device tree (.dtb)');
  const initrd = optionalPath(raw, 'initrd', 'an initial RAM disk');
  const bootargs = raw.bootargs;
  if (bootargs !== undefined && typeof bootargs !== 'string') throw new LaunchError(`"bootargs" must be a string (the kernel command line), not ${show(bootargs)}`);
  const cwd = optionalPath(raw, 'cwd', 'a directory');
  return {
    program, hypervisor, hypervisorProgram, symbols: symbolFiles(raw.symbols), entryEl, cpus, memoryBytes, gic, dtb, bootargs, initrd, cwd,
    stopOnEntry: flag(raw, 'stopOnEntry', true),
    maskInterruptsWhileStepping: flag(raw, 'maskInterruptsWhileStepping', false),
  };
}
