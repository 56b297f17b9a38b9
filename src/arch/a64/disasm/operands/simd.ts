// Operand kinds of AdvSIMD vector instructions: arrangements, elements, modified immediates, shifts,
// register lists, printed as GNU objdump prints them.
import { compileExpr } from '../../expr';
import { advSimdExpandImm, vfpExpandImm } from '../../pseudocode';
import type { Fields } from '../../encoding';
import type { OperandFactory } from '../context';
import { REG_FIELD } from './basic';
import { formatFpImmediate } from './fp';

/** Arrangement by index: size:Q for 0..7, then the long-only `1q` (PMULL) at 9. */
const ARRANGEMENTS = ['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d', '', '1q'];
const SCALARS = ['b', 'h', 's', 'd', 'q'];

type Eval = (f: Fields) => number;

/** A register number: `d`/`n`/`m`/`a` names the field, `(expr)` computes it (e.g. `(M*16+Rm)`). */
function regSelector(r: string): Eval {
  if (REG_FIELD[r]) { const name = REG_FIELD[r]; return (f) => f[name]; }
  const e = compileExpr(r.slice(1, -1));
  return (f) => Number(e(f)) & 31;
}

/** A literal (`16b`, `s`) or an expression giving the index into `names` (or the name itself). */
function nameSelector(s: string, names: readonly string[]): (f: Fields) => string {
  if (names.includes(s) || /^\d+[bhsdq]$/.test(s)) return () => s;
  const e = compileExpr(s);
  return (f) => {
    const v = e(f);
    return typeof v === 'string' ? v : names[Number(v)];
  };
}

const REG = '([dnma]|\\([^)]*\\))';

/** `Vd.16b` or `Vn.<expr>`: a vector register with its arrangement (index into ARRANGEMENTS). */
const vector: OperandFactory = (spec) => {
  const m = new RegExp(`^V${REG}\\.(.+)$`).exec(spec);
  if (!m || m[2].includes('.')) return undefined;
  const reg = regSelector(m[1]);
  const arr = nameSelector(m[2], ARRANGEMENTS);
  return ({ f }) => `v${reg(f)}.${arr(f)}`;
};

/** `VEn.s.idx`: an element `v1.s[2]` (or `v2.4b[1]`); the type is literal or an expression giving 0..3. */
const element: OperandFactory = (spec) => {
  const m = new RegExp(`^VE${REG}\\.([^.]+)\\.(.+)$`).exec(spec);
  if (!m) return undefined;
  const reg = regSelector(m[1]);
  const type = nameSelector(m[2], SCALARS);
  const idx = compileExpr(m[3]);
  return ({ f }) => `v${reg(f)}.${type(f)}[${Number(idx(f))}]`;
};

/** `VLIST.16b`: the table register list of TBL/TBX; objdump uses a range for 3+ registers unless they wrap past v31. */
const registerList: OperandFactory = (spec) => {
  const m = /^VLIST\.(\w+)$/.exec(spec);
  if (!m) return undefined;
  return ({ f }) => {
    const n = f.len + 1;
    const regs = Array.from({ length: n }, (_, i) => `v${(f.Rn + i) & 31}.${m[1]}`);
    return n > 2 && f.Rn + n <= 32 ? `{${regs[0]}-${regs[n - 1]}}` : `{${regs.join(', ')}}`;
  };
};

/** `V2` in a mnemonic: the `2` of the upper-half forms (SQXTN2, SADDL2…) when Q is set. */
const upperHalf: OperandFactory = (spec) => spec === 'V2' ? ({ f }) => (f.Q ? '2' : '') : undefined;

/** The 8-bit immediate a:b:c:d:e:f:g:h of the modified-immediate group, kept as fields abc and defgh. */
const imm8 = (f: Fields) => (f.abc << 5) | f.defgh;

const modifiedImmediate: OperandFactory = (spec) => {
  switch (spec) {
    // MOVI of 64-bit values, each bit of imm8 a whole byte.
    case 'VIMM_64': return ({ f }) => `#0x${advSimdExpandImm(1, 0b1110, imm8(f)).toString(16)}`;
    // FMOV (vector, immediate): the VFPExpandImm value.
    case 'VIMM_FP': return ({ f }) => `#${formatFpImmediate(vfpExpandImm(imm8(f)))}`;
    default: return undefined;
  }
};

/** `VLSL=expr`: the `lsl #n` of a shifted immediate, absent for 0; `VMSL=expr`: the shifting-ones `msl #n`. */
const immediateShift: OperandFactory = (spec) => {
  const m = /^V(LSL|MSL)=(.+)$/.exec(spec);
  if (!m) return undefined;
  const e = compileExpr(m[2]);
  const op = m[1].toLowerCase();
  return ({ f }) => {
    const n = Number(e(f));
    return n || op === 'msl' ? `${op} #${n}` : '';
  };
};

export const SIMD_OPERANDS: OperandFactory[] = [
  upperHalf, registerList, modifiedImmediate, immediateShift, element, vector,
];
