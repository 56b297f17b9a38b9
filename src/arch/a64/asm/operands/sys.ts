// Inverses of the system operand kinds (src/arch/a64/disasm/operands/sys.ts): system registers by name or
// s<op0>_<op1>_c<n>_c<m>_<op2>, PSTATE fields, barriers, CRn/CRm and the operations of AT/DC/IC/TLBI.
import { PSTATE_FIELDS } from '../../../sysregs/pstate';
import { SYS_OPS } from '../../../sysregs/sysOps';
import { sysRegByName } from '../../../sysregs/table';
import { gprAt, immAt, MatcherFactory, OperandMatcher, setFields, withField, word } from '../match';

const systemRegister: MatcherFactory = (spec) => /^SYSREG:[rw]$/.test(spec) ? (ctx, st) => {
  const w = word(ctx, st.pos);
  if (!w) return [];
  const g = /^s([0-3])_([0-7])_c([0-9]|1[0-5])_c([0-9]|1[0-5])_([0-7])$/.exec(w.w);
  let f: Record<string, number> | undefined;
  if (g) f = { op0: +g[1], op1: +g[2], CRn: +g[3], CRm: +g[4], op2: +g[5] };
  else {
    const r = sysRegByName(w.w);
    if (r) f = { op0: r.op0, op1: r.op1, CRn: r.crn, CRm: r.crm, op2: r.op2 };
  }
  const s = f && setFields(st, f, w.end);
  return s ? [s] : [];
} : undefined;

const pstateField: MatcherFactory = (spec) => spec === 'PSTATEFIELD' ? (ctx, st) => {
  const w = word(ctx, st.pos);
  const p = w && PSTATE_FIELDS.find((x) => x.name.toLowerCase() === w.w && x.crmValue === 0);
  const s = p && setFields(st, { op1: p.op1, op2: p.op2, _crmMask: p.crmMask }, w!.end);
  return s ? [s] : [];
} : undefined;

const pstateImmediate: MatcherFactory = (spec) => spec === 'PSTATE_IMM' ? (ctx, st) => {
  const v = immAt(ctx, st.pos);
  const mask = st.f._crmMask ?? 0;
  if (!v || v.n < 0 || v.n > 15 || (v.n & mask) !== 0) return [];
  const s = withField({ ...st, pos: v.end }, 'CRm', v.n);
  return s ? [s] : [];
} : undefined;

const controlRegister: MatcherFactory = (spec) => {
  const field = spec === 'Cn' ? 'CRn' : spec === 'Cm' ? 'CRm' : undefined;
  if (!field) return undefined;
  return (ctx, st) => {
    const m = /^c([0-9]|1[0-5])(?![0-9a-z_])/.exec(ctx.lower.slice(st.pos));
    const s = m && withField({ ...st, pos: st.pos + m[0].length }, field, Number(m[1]));
    return s ? [s] : [];
  };
};

const sysOperation: MatcherFactory = (spec, mnemonic) => {
  if (spec === 'SYSOP') {
    return (ctx, st) => {
      const w = word(ctx, st.pos);
      const op = w && SYS_OPS.find((o) => o.op.toLowerCase() === mnemonic && o.name.toLowerCase() === w.w);
      const s = op && setFields(st, { op1: op.op1, CRn: op.crn, CRm: op.crm, op2: op.op2, _xt: op.xt ? 1 : 0 }, w!.end);
      return s ? [s] : [];
    };
  }
  if (spec !== 'SYSOP_Xt') return undefined;
  const m: OperandMatcher = (ctx, st) => {
    const r = gprAt(ctx, st.pos);
    if (!st.f._xt || !r || !r.is64 || r.sp) return [];
    const s = withField({ ...st, pos: r.end }, 'Rt', r.n);
    return s ? [s] : [];
  };
  m.absent = (_ctx, st) => { const s = st.f._xt ? undefined : withField(st, 'Rt', 31); return s ? [s] : []; };
  return m;
};

const BARRIER_OPTIONS = ['', 'oshld', 'oshst', 'osh', '', 'nshld', 'nshst', 'nsh', '', 'ishld', 'ishst', 'ish', '', 'ld', 'st', 'sy'];

const barrierOption: MatcherFactory = (spec) => spec === 'BARRIER' ? (ctx, st) => {
  const w = word(ctx, st.pos);
  const i = w ? BARRIER_OPTIONS.indexOf(w.w) : -1;
  if (w && i > 0) { const s = withField({ ...st, pos: w.end }, 'CRm', i); return s ? [s] : []; }
  const v = immAt(ctx, st.pos);
  const s = v && v.n >= 0 && v.n < 16 ? withField({ ...st, pos: v.end }, 'CRm', v.n) : undefined;
  return s ? [s] : [];
} : undefined;

const btiTargets: MatcherFactory = (spec) => {
  if (spec !== 'BTI_TARGETS') return undefined;
  const m: OperandMatcher = (ctx, st) => {
    const w = word(ctx, st.pos);
    const i = w ? ['c', 'j', 'jc'].indexOf(w.w) : -1;
    const s = i >= 0 ? withField({ ...st, pos: w!.end }, 'targets', i + 1) : undefined;
    return s ? [s] : [];
  };
  m.absent = (_ctx, st) => { const s = withField(st, 'targets', 0); return s ? [s] : []; };
  return m;
};

const svcrBits: MatcherFactory = (spec) => {
  if (spec !== 'SVCR_BITS') return undefined;
  const m: OperandMatcher = (ctx, st) => {
    const w = word(ctx, st.pos);
    const i = w ? ['sm', 'za'].indexOf(w.w) : -1;
    const s = i >= 0 ? setFields(st, { CRm: (st.f.CRm ?? 0) | ((i + 1) << 1) }, w!.end) : undefined;
    return s ? [s] : [];
  };
  m.absent = (_ctx, st) => { const s = setFields(st, { CRm: (st.f.CRm ?? 0) | 6 }); return s ? [s] : []; };
  return m;
};

export const SYS_MATCHERS: MatcherFactory[] = [
  systemRegister, pstateField, pstateImmediate, controlRegister, sysOperation, barrierOption, btiTargets, svcrBits,
];
