// The `trapdoor` launch configuration: its fields, defaults, and errors that name the field at fault.

export interface LaunchArguments {
  readonly program: string;
  readonly entryEl: 1 | 2 | 3;
  readonly memoryBytes: bigint;
  readonly stopOnEntry: boolean;
  readonly cwd?: string;
}

const SIZE = /^(0x[0-9a-f]+|[0-9]+)([KMGT]?)$/i;

/** Parses a size such as "128M", "4G" or a number of bytes. */
export function parseMemory(v: unknown): bigint | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return BigInt(v);
  if (typeof v !== 'string') return undefined;
  const m = SIZE.exec(v.trim());
  if (!m) return undefined;
  const shift = { '': 0n, K: 10n, M: 20n, G: 30n, T: 40n }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G' | 'T'];
  return BigInt(m[1]) << shift;
}

/** The validated arguments, or a message naming the first wrong field. */
export function validateLaunch(raw: Record<string, unknown>): LaunchArguments | string {
  const program = raw.program;
  if (typeof program !== 'string' || program === '') return '"program" must be the path of the guest to run (an AArch64 ELF file)';
  const entryEl = raw.entryEl ?? 1;
  if (entryEl !== 1 && entryEl !== 2 && entryEl !== 3) return `"entryEl" must be 1, 2 or 3, not ${JSON.stringify(entryEl)}`;
  const memoryBytes = raw.memory === undefined ? 128n << 20n : parseMemory(raw.memory);
  if (memoryBytes === undefined || memoryBytes < 1n << 20n || memoryBytes > 64n << 30n || memoryBytes % (64n << 10n) !== 0n) {
    return `"memory" must be a size between 1M and 64G in 64K steps, such as "128M", not ${JSON.stringify(raw.memory)}`;
  }
  const stopOnEntry = raw.stopOnEntry ?? true;
  if (typeof stopOnEntry !== 'boolean') return `"stopOnEntry" must be true or false, not ${JSON.stringify(stopOnEntry)}`;
  const cwd = raw.cwd;
  if (cwd !== undefined && typeof cwd !== 'string') return '"cwd" must be a directory path';
  return { program, entryEl, memoryBytes, stopOnEntry, cwd };
}
