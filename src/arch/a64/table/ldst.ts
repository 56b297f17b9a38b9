// A64 table: Loads and stores of general-purpose and FP/SIMD registers (ARM ARM C4.1.94), except structure loads/stores.
// Where the ARM ARM fixes one bit of a size/opc field, the free bit that picks W or X is named sf; x bits are
// should-be-one fields (Rs, Rt2) that objdump ignores.
import type { EncodingGroup, EncodingSpec } from '../encoding';
import { LDST_REG } from './ldstReg';

/** One row per access size of an operation: byte (size 00), halfword (01), and word/doubleword (1x, sf picks W or X). */
function bySize(
  mnemonic: string, bits: string, ops: (r: 'W' | 'R') => string[], extra: (r: 'W' | 'R', sfx: string) => Partial<EncodingSpec> = () => ({}),
): EncodingSpec[] {
  return ([['00', 'b', 'W'], ['01', 'h', 'W'], ['1 sf', '', 'R']] as const).map(([size, sfx, r]) => {
    const mn = mnemonic.replace('%', sfx);
    return { form: mn.replace(/\{[^}]*\}/g, '').toUpperCase(), mnemonic: mn, bits: `${size} ${bits}`, ops: ops(r), ...extra(r, sfx) };
  });
}

const withGroup = (rows: EncodingSpec[], group: string) => rows.map((r) => (r.form ? { ...r, form: `${r.form}_${group}` } : r));

const BASE = '[Xn|SP]';
const LITERAL = 'rel=SignExtend(imm19, 19) * 4';

const ATOMICS: [string, string][] = [
  ['add', '0 000'], ['clr', '0 001'], ['eor', '0 010'], ['set', '0 011'],
  ['smax', '0 100'], ['smin', '0 101'], ['umax', '0 110'], ['umin', '0 111'],
];

/** The pair rows of one addressing group (bits 25:23 = index): GP and FP/SIMD STP/LDP (STNP/LDNP), LDPSW. */
function pairRows(index: string, addr: (scale: string) => string, ldpsw: boolean): EncodingSpec[] {
  const rows: EncodingSpec[] = [];
  for (const [L, mn] of [['0', 'st'], ['1', 'ld']]) {
    const op = index === '000' ? `${mn}np` : `${mn}p`;
    rows.push({ mnemonic: op, bits: `sf 0 101 0 ${index} ${L} imm7:7 Rt2:5 Rn:5 Rt:5`, ops: ['Rt', 'Rt2', addr('(sf ? 8 : 4)')] });
    rows.push({
      form: `${op.toUpperCase()}_fpsimd`, mnemonic: op, bits: `opc:2 101 1 ${index} ${L} imm7:7 Rt2:5 Rn:5 Rt:5`,
      ops: ['$t@opc + 2', '$t2@opc + 2', addr('(4 << opc)')], undef: 'opc == 3',
    });
  }
  // objdump rejects LDPSW (only) whose two destinations coincide or whose written-back base is one of them.
  const undef = index === '010' ? 'Rt == Rt2' : 'Rt == Rt2 || (Rn != 31 && (Rn == Rt || Rn == Rt2))';
  if (ldpsw) rows.push({ mnemonic: 'ldpsw', bits: `01 101 0 ${index} 1 imm7:7 Rt2:5 Rn:5 Rt:5`, ops: ['Xt', 'Xt2', addr('4')], undef });
  return rows;
}

const pairGroup = (group: string, index: string, addr: (scale: string) => string, ldpsw = true): EncodingGroup =>
  ({ cls: 'ldst', group, rows: withGroup(pairRows(index, addr, ldpsw), group) });

export const LDST: EncodingGroup[] = [
  {
    cls: 'ldst', group: 'comswappr', rows: [
      {
        form: 'CASP_comswappr', mnemonic: 'casp{L?a}{o0?l}', bits: '0 sf 001000 0 L 1 Rs:5 o0 11111 Rn:5 Rt:5',
        ops: ['Rs', 'Rs+1', 'Rt', 'Rt+1', BASE], undef: '(Rs & 1) == 1 || (Rt & 1) == 1', feature: 'lse',
      },
    ],
  },
  {
    cls: 'ldst', group: 'ldstexclp', rows: [
      { mnemonic: 'stxp', bits: '1 sf 001000 0 0 1 Rs:5 0 Rt2:5 Rn:5 Rt:5', ops: ['Ws', 'Rt', 'Rt2', BASE] },
      { mnemonic: 'stlxp', bits: '1 sf 001000 0 0 1 Rs:5 1 Rt2:5 Rn:5 Rt:5', ops: ['Ws', 'Rt', 'Rt2', BASE] },
      { mnemonic: 'ldxp', bits: '1 sf 001000 0 1 1 xxxxx 0 Rt2:5 Rn:5 Rt:5', ops: ['Rt', 'Rt2', BASE] },
      { mnemonic: 'ldaxp', bits: '1 sf 001000 0 1 1 xxxxx 1 Rt2:5 Rn:5 Rt:5', ops: ['Rt', 'Rt2', BASE] },
    ],
  },
  {
    cls: 'ldst', group: 'ldstexclr', rows: withGroup([
      ...bySize('stxr%', '001000 0 0 0 Rs:5 0 xxxxx Rn:5 Rt:5', (r) => ['Ws', `${r}t`, BASE]),
      ...bySize('stlxr%', '001000 0 0 0 Rs:5 1 xxxxx Rn:5 Rt:5', (r) => ['Ws', `${r}t`, BASE]),
      ...bySize('ldxr%', '001000 0 1 0 xxxxx 0 xxxxx Rn:5 Rt:5', (r) => [`${r}t`, BASE]),
      ...bySize('ldaxr%', '001000 0 1 0 xxxxx 1 xxxxx Rn:5 Rt:5', (r) => [`${r}t`, BASE]),
    ], 'ldstexclr'),
  },
  {
    // objdump decodes LDAR only with Rs<3:0> and Rt2 all ones (Rs<4> is free but for LDARH), unlike the other three.
    cls: 'ldst', group: 'ldstord', rows: withGroup([
      ...bySize('stllr%', '001000 1 0 0 xxxxx 0 xxxxx Rn:5 Rt:5', (r) => [`${r}t`, BASE], () => ({ feature: 'v8.1' })),
      ...bySize('stlr%', '001000 1 0 0 xxxxx 1 xxxxx Rn:5 Rt:5', (r) => [`${r}t`, BASE]),
      ...bySize('ldlar%', '001000 1 1 0 xxxxx 0 xxxxx Rn:5 Rt:5', (r) => [`${r}t`, BASE], () => ({ feature: 'v8.1' })),
      { mnemonic: 'ldarb', bits: '00 001000 1 1 0 x 1111 1 11111 Rn:5 Rt:5', ops: ['Wt', BASE] },
      { mnemonic: 'ldarh', bits: '01 001000 1 1 0 11111 1 11111 Rn:5 Rt:5', ops: ['Wt', BASE] },
      { mnemonic: 'ldar', bits: '1 sf 001000 1 1 0 x 1111 1 11111 Rn:5 Rt:5', ops: ['Rt', BASE] },
    ], 'ldstord'),
  },
  {
    cls: 'ldst', group: 'comswap', rows: withGroup(
      bySize('cas{L?a}{o0?l}%', '001000 1 L 1 Rs:5 o0 11111 Rn:5 Rt:5', (r) => [`${r}s`, `${r}t`, BASE], () => ({ feature: 'lse' })),
      'comswap'),
  },
  {
    cls: 'ldst', group: 'loadlit', rows: [
      { mnemonic: 'ldr', bits: '0 sf 011 0 00 imm19:19 Rt:5', ops: ['Rt', LITERAL] },
      { mnemonic: 'ldrsw', bits: '10 011 0 00 imm19:19 Rt:5', ops: ['Xt', LITERAL] },
      { mnemonic: 'prfm', bits: '11 011 0 00 imm19:19 Rt:5', ops: ['PRFOP', LITERAL] },
      { form: 'LDR_loadlit_fpsimd', mnemonic: 'ldr', bits: 'opc:2 011 1 00 imm19:19 Rt:5', ops: ['$t@opc + 2', LITERAL], undef: 'opc == 3' },
    ],
  },
  pairGroup('ldstnapair_offs', '000', (s) => `[Xn|SP{, #=SignExtend(imm7, 7) * ${s}}]`, false),
  pairGroup('ldstpair_post', '001', (s) => `[Xn|SP], #=SignExtend(imm7, 7) * ${s}`),
  pairGroup('ldstpair_off', '010', (s) => `[Xn|SP{, #=SignExtend(imm7, 7) * ${s}}]`),
  pairGroup('ldstpair_pre', '011', (s) => `[Xn|SP, #=SignExtend(imm7, 7) * ${s}]!`),
  {
    cls: 'ldst', group: 'memop', rows: withGroup([
      ...ATOMICS.flatMap(([op, bits]) => bySize(`ld${op}{A?a}{R?l}%`, `111 0 00 A R 1 Rs:5 ${bits} 00 Rn:5 Rt:5`,
        (r) => [`${r}s`, `${r}t`, BASE],
        (r, sfx) => ({ feature: 'lse', aliases: [{ mnemonic: `st${op}{R?l}${sfx}`, ops: [`${r}s`, BASE], when: 'A == 0 && Rt == 31' }] }))),
      ...bySize('swp{A?a}{R?l}%', '111 0 00 A R 1 Rs:5 1 000 00 Rn:5 Rt:5', (r) => [`${r}s`, `${r}t`, BASE], () => ({ feature: 'lse' })),
      ...bySize('ldapr%', '111 0 00 1 0 1 11111 1 100 00 Rn:5 Rt:5', (r) => [`${r}t`, BASE], () => ({ feature: 'lrcpc' })),
    ], 'memop'),
  },
  ...LDST_REG,
];
