// Operand kinds of system instructions: system registers, PSTATE fields, barriers, hints, SYS aliases (DC/IC/AT/TLBI).
import { compileExpr } from '../../expr';
import { findPStateField } from '../../../sysregs/pstate';
import { findSysOp } from '../../../sysregs/sysOps';
import { sysRegKey, sysRegName } from '../../../sysregs/table';
import type { OperandFactory, OperandFormatter } from '../context';
import { BASIC_OPERANDS, gpr } from './basic';

/** `SYSREG:r` (MRS) / `SYSREG:w` (MSR): the register named by op0:op1:CRn:CRm:op2, or `s3_0_c15_c2_0`. */
const systemRegister: OperandFactory = (spec) => {
  const m = /^SYSREG:([rw])$/.exec(spec);
  if (!m) return undefined;
  const dir = m[1] as 'r' | 'w';
  return ({ f }) => sysRegName(sysRegKey(f.op0, f.op1, f.CRn, f.CRm, f.op2), dir);
};

/** `PSTATEFIELD`: the PSTATE field MSR (immediate) writes (`spsel`, `daifset`). */
const pstateField: OperandFactory = (spec) => spec === 'PSTATEFIELD'
  ? ({ f }) => findPStateField(f.op1, f.op2, f.CRm)?.name.toLowerCase() ?? '' : undefined;

/** `PSTATE_IMM`: the immediate MSR (immediate) writes to the field: the CRm bits the field leaves free. */
const pstateImmediate: OperandFactory = (spec) => spec === 'PSTATE_IMM'
  ? ({ f }) => `#0x${(f.CRm & ~(findPStateField(f.op1, f.op2, f.CRm)?.crmMask ?? 0)).toString(16)}` : undefined;

/** `SVCR_BITS`: which of SM and ZA SMSTART/SMSTOP change (CRm<2:1>); none printed when both. */
const svcrBits: OperandFactory = (spec) => spec === 'SVCR_BITS'
  ? ({ f }) => ['', 'sm', 'za', ''][(f.CRm >> 1) & 3] : undefined;

/** `Cn`, `Cm`: the CRn/CRm operands of SYS and SYSL (`C7`). */
const controlRegister: OperandFactory = (spec) => {
  if (spec === 'Cn') return ({ f }) => `C${f.CRn}`;
  if (spec === 'Cm') return ({ f }) => `C${f.CRm}`;
  return undefined;
};

/** `SYSOP`: the operation of an AT/DC/IC/TLBI/CFP/DVP/CPP alias; `SYSOP_Xt`: its Xt, if it takes one. */
const sysOperation: OperandFactory = (spec) => {
  if (spec === 'SYSOP') return ({ f }) => findSysOp(f.op1, f.CRn, f.CRm, f.op2)?.name.toLowerCase() ?? '';
  if (spec === 'SYSOP_Xt') return ({ f }) => (findSysOp(f.op1, f.CRn, f.CRm, f.op2)?.xt ? gpr(f.Rt, true, false) : '');
  return undefined;
};

/** DSB/DMB options by CRm; the unnamed ones print as a two-digit immediate. */
export const BARRIER_OPTIONS = ['', 'oshld', 'oshst', 'osh', '', 'nshld', 'nshst', 'nsh', '', 'ishld', 'ishst', 'ish', '', 'ld', 'st', 'sy'];

/** `BARRIER`: the DSB/DMB option (`ish`, `#0x0c`). */
const barrierOption: OperandFactory = (spec) => spec === 'BARRIER'
  ? ({ f }) => BARRIER_OPTIONS[f.CRm] || `#0x${f.CRm.toString(16).padStart(2, '0')}` : undefined;

/** `BTI_TARGETS`: the branch types BTI accepts: none, `c`, `j`, `jc`. */
const btiTargets: OperandFactory = (spec) => spec === 'BTI_TARGETS'
  ? ({ f }) => ['', 'c', 'j', 'jc'][f.targets] : undefined;

/**
 * `opt(cond):kind`: an operand the assembler may leave out, omitted when `cond` holds (its default):
 * RET's X30, CLREX's and ISB's #15, DCPS's #0, SYS's XZR. `kind` is one of the basic operand kinds.
 */
const optional: OperandFactory = (spec) => {
  const m = /^opt\((.+)\):(.+)$/.exec(spec);
  if (!m) return undefined;
  const omit = compileExpr(m[1]);
  let inner: OperandFormatter | undefined;
  for (const make of BASIC_OPERANDS) if ((inner = make(m[2]))) break;
  if (!inner) return undefined;
  const fmt = inner;
  return (ctx) => (omit(ctx.f) ? '' : fmt(ctx));
};

export const SYS_OPERANDS: OperandFactory[] = [
  systemRegister, pstateField, pstateImmediate, svcrBits, controlRegister, sysOperation, barrierOption, btiTargets, optional,
];
