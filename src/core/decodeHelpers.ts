// AssemblyScript twins of the decode-time helpers in src/arch/a64/pseudocode.ts, called by the
// generated decoder's UNALLOCATED checks (the list is DECODE_HELPERS in src/arch/a64/encoding.ts).

export function LogicalImmReserved(n: u32, imms: u32, sf: u32): bool {
  const x = (n << 6) | (~imms & 0x3f);
  if (x == 0) return true;
  const len = 31 - clz<u32>(x);
  if (len < 1) return true;
  const levels: u32 = (1 << len) - 1;
  return (imms & levels) == levels || (sf == 0 && len > 5);
}
