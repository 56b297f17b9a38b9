// Storage of the system registers, one u64 per register of src/arch/sysregs/table.ts (index constants
// generated into generated/sysregs.ts), and the per-EL banked registers exception entry and return use.
import {
  SYSREG_COUNT, ELR_EL1, ELR_EL2, ELR_EL3, ESR_EL1, ESR_EL2, ESR_EL3, FAR_EL1, FAR_EL2, FAR_EL3,
  SPSR_EL1, SPSR_EL2, SPSR_EL3, VBAR_EL1, VBAR_EL2, VBAR_EL3,
} from './generated/sysregs';

export const SYSREG_BASE: usize = memory.data(SYSREG_COUNT * 8, 16);

@inline export function sr(i: i32): u64 { return load<u64>(SYSREG_BASE + (<usize>i << 3)); }
@inline export function setSr(i: i32, v: u64): void { store<u64>(SYSREG_BASE + (<usize>i << 3), v); }

@inline export function ELR(el: u32): i32 { return el == 1 ? ELR_EL1 : el == 2 ? ELR_EL2 : ELR_EL3; }
@inline export function SPSR(el: u32): i32 { return el == 1 ? SPSR_EL1 : el == 2 ? SPSR_EL2 : SPSR_EL3; }
@inline export function ESR(el: u32): i32 { return el == 1 ? ESR_EL1 : el == 2 ? ESR_EL2 : ESR_EL3; }
@inline export function FAR(el: u32): i32 { return el == 1 ? FAR_EL1 : el == 2 ? FAR_EL2 : FAR_EL3; }
@inline export function VBAR(el: u32): i32 { return el == 1 ? VBAR_EL1 : el == 2 ? VBAR_EL2 : VBAR_EL3; }
