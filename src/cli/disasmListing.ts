// objdump -d style listing of an ELF file or a raw binary, built on the table-driven disassembler.
import { Disassembler } from '../arch/a64/disasm/disassemble';
import { Elf, SHF_EXECINSTR } from '../machine/loaders/elf';

export interface ListingOptions {
  start?: bigint;
  stop?: bigint;
  /** Raw binary: load address (objdump -b binary --adjust-vma). */
  base?: bigint;
  raw?: boolean;
  fileName?: string;
}

let shared: Disassembler | undefined;
const disassembler = () => (shared ??= new Disassembler());

function addrWidth(stop: bigint): number {
  return Math.max(4, stop.toString(16).length);
}

function words(bytes: Uint8Array, vma: bigint, opts: ListingOptions, out: string[], symbolize?: (a: bigint) => string | undefined): void {
  const dis = disassembler();
  const width = addrWidth(vma + BigInt(bytes.length));
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let off = 0; off + 4 <= bytes.length; off += 4) {
    const pc = vma + BigInt(off);
    if (opts.start !== undefined && pc < opts.start) continue;
    if (opts.stop !== undefined && pc >= opts.stop) break;
    const w = dv.getUint32(off, true);
    out.push(`${pc.toString(16).padStart(width)}:\t${w.toString(16).padStart(8, '0')} \t${dis.disassemble(w, pc, symbolize)}`);
  }
}

export function listing(data: Uint8Array, opts: ListingOptions): string {
  const out: string[] = [];
  if (opts.raw) {
    words(data, opts.base ?? 0n, opts, out);
    return out.join('\n') + '\n';
  }
  const elf = new Elf(data);
  for (const s of elf.sections) {
    if (!(s.flags & SHF_EXECINSTR)) continue;
    out.push('', `Disassembly of section ${s.name}:`, '');
    words(elf.bytes(s), s.addr, opts, out);
  }
  return out.join('\n') + '\n';
}
