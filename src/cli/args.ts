// Command-line argument helpers shared by the `trapdoor` commands: the usage error and number parsing.

/** A mistake in how the command was called: one line on stderr, exit code 2. */
export class UsageError extends Error {}

export function parseAddr(flag: string, v: string | undefined): bigint {
  if (v === undefined || !/^(0x[0-9a-f]+|[0-9]+)$/i.test(v)) throw new UsageError(`${flag} needs an address (decimal or 0x hex), got '${v ?? ''}'`);
  const a = BigInt(v);
  if (a >= 1n << 64n) throw new UsageError(`${flag} address ${v} does not fit in 64 bits`);
  return a;
}

/** A size such as 128M, 4G, 65536 or 0x10000. */
export function parseSize(flag: string, v: string | undefined): bigint {
  const m = /^(0x[0-9a-f]+|[0-9]+)([KMGT]?)$/i.exec(v ?? '');
  if (!m) throw new UsageError(`${flag} needs a size such as 128M or 4G, got '${v ?? ''}'`);
  const shift = { '': 0n, K: 10n, M: 20n, G: 30n, T: 40n }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G' | 'T'];
  return BigInt(m[1]) << shift;
}

export function parseCount(flag: string, v: string | undefined): bigint {
  if (v === undefined || !/^[0-9]+$/.test(v)) throw new UsageError(`${flag} needs a whole number, got '${v ?? ''}'`);
  return BigInt(v);
}
