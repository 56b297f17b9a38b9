// Register views for the Variables pane: general registers with PSTATE decoded, and the exception registers
// of the current EL (ELR, SPSR, ESR with its class, FAR, VBAR).
import type { DebugProtocol } from '@vscode/debugprotocol';
import { sysRegIndex } from '../arch/sysregs/table';
import type { Core } from '../machine/core';

export type RegisterGroup = 'general' | 'exception';

const hex = (v: bigint) => `0x${v.toString(16).padStart(16, '0')}`;

function variable(name: string, value: string): DebugProtocol.Variable {
  return { name, value, variablesReference: 0 };
}

/** PSTATE in words: NZCV flags, DAIF masks, EL and stack pointer selection. */
export function describePstate(p: number): string {
  const flags = ['N', 'Z', 'C', 'V'].map((f, i) => ((p >>> (31 - i)) & 1 ? f : f.toLowerCase())).join('');
  const daif = ['D', 'A', 'I', 'F'].map((f, i) => ((p >>> (9 - i)) & 1 ? f : f.toLowerCase())).join('');
  const el = (p >>> 2) & 3;
  return `${flags} ${daif} EL${el}${p & 1 ? 'h' : 't'}${(p >>> 20) & 1 ? ' IL' : ''}`;
}

export function registerVariables(core: Core, group: RegisterGroup): DebugProtocol.Variable[] {
  const el = (core.pstate >> 2) & 3;
  if (group === 'general') {
    const vars = Array.from({ length: 31 }, (_, n) => variable(`x${n}`, hex(core.getX(n))));
    const spIndex = core.pstate & 1 ? el : 0;
    vars.push(variable('sp', hex(core.getSP(spIndex))), variable('pc', hex(core.pc)));
    vars.push(variable('pstate', `0x${core.pstate.toString(16).padStart(8, '0')} (${describePstate(core.pstate)})`));
    return vars;
  }
  if (el === 0) return [variable('(EL0)', 'no exception registers at EL0')];
  const read = (name: string) => core.getSysreg(sysRegIndex(name));
  const esr = read(`ESR_EL${el}`);
  return [
    variable(`ELR_EL${el}`, hex(read(`ELR_EL${el}`))),
    variable(`SPSR_EL${el}`, `${hex(read(`SPSR_EL${el}`))} (${describePstate(Number(read(`SPSR_EL${el}`) & 0xffffffffn))})`),
    variable(`ESR_EL${el}`, `${hex(esr)} (EC 0x${((esr >> 26n) & 0x3fn).toString(16)}, ISS 0x${(esr & 0x1ffffffn).toString(16)})`),
    variable(`FAR_EL${el}`, hex(read(`FAR_EL${el}`))),
    variable(`VBAR_EL${el}`, hex(read(`VBAR_EL${el}`))),
  ];
}
