// A64 table: AdvSIMD load/store multiple and single structures (ARM ARM C4.1.94), without and with post-index.
// Post-index by Rm = 31 means by the immediate: the bytes transferred.
import type { EncodingGroup, EncodingSpec } from '../encoding';

/** opcode of the multiple-structure forms per mnemonic and register count; two to four structures forbid 1D. */
const MULTIPLE: readonly [number, string, number][] = [
  [4, '0000', 4], [1, '0010', 4], [3, '0100', 3], [1, '0110', 3], [1, '0111', 1], [2, '1000', 2], [1, '1010', 2],
];

function multiple(post: boolean): EncodingGroup {
  const group = post ? 'asisdlsep' : 'asisdlse';
  const rows: EncodingSpec[] = [];
  for (const [L, op] of [['0', 'st'], ['1', 'ld']]) {
    for (const [selem, opcode, regs] of MULTIPLE) {
      const mnemonic = `${op}${selem}`;
      rows.push({
        form: `${mnemonic.toUpperCase()}_${group}_R${regs}`, mnemonic,
        bits: `0 Q 001100 ${post ? '1' : '0'} ${L} ${post ? '0 Rm:5' : '000000'} ${opcode} size:2 Rn:5 Rt:5`,
        ops: [`{Vt.T}*${regs}`, post ? `[Xn|SP], Xm|#=${regs} * (Q ? 16 : 8)` : '[Xn|SP]'],
        ...(selem > 1 ? { undef: 'size == 3 && Q == 0' } : {}),
      });
    }
  }
  return { cls: 'ldst', group, rows };
}

/** Single-structure element sizes: opcode<2:1>, the S and size bits, the lane index, the element bytes. */
const ELEMENTS: readonly [string, string, string, string, number, string?][] = [
  ['B', '00', 'S size:2', 'Q * 8 + S * 4 + size', 1],
  ['H', '01', 'S size:2', 'Q * 4 + S * 2 + (size >> 1)', 2, '(size & 1) == 1'],
  ['S', '10', 'S 00', 'Q * 2 + S', 4],
  ['D', '10', '0 01', 'Q', 8],
];

function single(post: boolean): EncodingGroup {
  const group = post ? 'asisdlsop' : 'asisdlso';
  const rows: EncodingSpec[] = [];
  const head = (L: string, selem: number) =>
    `0 Q 001101 ${post ? '1' : '0'} ${L} ${(selem - 1) & 1} ${post ? 'Rm:5' : '00000'}`;
  const addr = (bytes: string) => (post ? `[Xn|SP], Xm|#=${bytes}` : '[Xn|SP]');
  for (const [L, op] of [['0', 'st'], ['1', 'ld']]) {
    for (let selem = 1; selem <= 4; selem++) {
      const mnemonic = `${op}${selem}`;
      for (const [name, opc, low, index, bytes, undef] of ELEMENTS) {
        rows.push({
          form: `${mnemonic.toUpperCase()}_${group}_${name}`, mnemonic,
          bits: `${head(L, selem)} ${opc}${(selem - 1) >> 1} ${low} Rn:5 Rt:5`,
          ops: [`{Vt.${name.toLowerCase()}}*${selem}[${index}]`, addr(`${selem * bytes}`)],
          ...(undef ? { undef } : {}),
        });
      }
    }
  }
  for (let selem = 1; selem <= 4; selem++) {
    rows.push({
      mnemonic: `ld${selem}r`, bits: `${head('1', selem)} 11${(selem - 1) >> 1} 0 size:2 Rn:5 Rt:5`,
      ops: [`{Vt.T}*${selem}`, addr(`${selem} << size`)],
    });
  }
  return { cls: 'ldst', group, rows };
}

export const SIMD_LDST: EncodingGroup[] = [multiple(false), multiple(true), single(false), single(true)];
