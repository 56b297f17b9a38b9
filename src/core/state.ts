// Architectural CPU state of the vCPU being executed: general registers, SPs and vector registers in
// linear memory at fixed offsets (the host reads and writes them while stopped), PC and PSTATE in globals.

/** X0..X30 at 8-byte slots (slot 31 unused), SP_EL0..SP_EL3, V0..V31 (16 bytes each). */
export const REGS: usize = memory.data(2048, 64);
export const SP_BASE: usize = REGS + 256;
export const V_BASE: usize = REGS + 512;

export let PC: u64 = 0;
/** PC of the instruction after the one executing; branches and exceptions overwrite it. */
export let nextPC: u64 = 0;
/** PSTATE in the SPSR_ELx layout: NZCV 31:28, PAN 22, SS 21, IL 20, DAIF 9:6, M[3:0] = EL:SPSel. */
export let PSTATE: u32 = 0x3c5;
export let FPCR: u32 = 0;
export let FPSR: u32 = 0;
/** Instructions retired: the machine's only clock. */
export let insnCount: u64 = 0;

export const PSTATE_N: u32 = 1 << 31, PSTATE_Z: u32 = 1 << 30, PSTATE_C: u32 = 1 << 29, PSTATE_V: u32 = 1 << 28;
export const PSTATE_NZCV: u32 = 0xf0000000;
export const PSTATE_DAIF: u32 = 0xf << 6;
export const PSTATE_IL: u32 = 1 << 20, PSTATE_SS: u32 = 1 << 21, PSTATE_PAN: u32 = 1 << 22;

export function setPC(v: u64): void { PC = v; }
export function setNextPC(v: u64): void { nextPC = v; }
export function setPSTATE(v: u32): void { PSTATE = v; }
export function setFPCR(v: u32): void { FPCR = v; }
export function setFPSR(v: u32): void { FPSR = v; }
export function retire(): void { insnCount++; }
export function addRetired(n: u64): void { insnCount += n; }
export function subtractRetired(n: u64): void { insnCount -= n; }

@inline export function currentEL(): u32 { return (PSTATE >> 2) & 3; }

/** Xn, with register 31 reading as zero (XZR). */
@inline export function X(n: u32): u64 { return n == 31 ? 0 : load<u64>(REGS + (<usize>n << 3)); }
/** Wn: the low 32 bits of Xn. */
@inline export function W(n: u32): u32 { return <u32>X(n); }
/** Writes Xn; writes to register 31 (XZR) are discarded. */
@inline export function setX(n: u32, v: u64): void { if (n != 31) store<u64>(REGS + (<usize>n << 3), v); }
/** Writes Wn, zero-extending into Xn. */
@inline export function setW(n: u32, v: u32): void { setX(n, <u64>v); }

/** The stack pointer selected by PSTATE.SPSel and the current EL (SP_EL0 when SPSel = 0). */
@inline function spSlot(): usize { return SP_BASE + ((PSTATE & 1) ? (<usize>currentEL() << 3) : 0); }
@inline export function SP(): u64 { return load<u64>(spSlot()); }
@inline export function setSP(v: u64): void { store<u64>(spSlot(), v); }

/** Xn where register 31 is SP (the `Xn|SP` operands). */
@inline export function XSP(n: u32): u64 { return n == 31 ? SP() : load<u64>(REGS + (<usize>n << 3)); }
@inline export function setXSP(n: u32, v: u64): void { if (n == 31) setSP(v); else store<u64>(REGS + (<usize>n << 3), v); }

@inline export function setNZCV(nzcv: u32): void { PSTATE = (PSTATE & ~PSTATE_NZCV) | (nzcv << 28); }
@inline export function NZCV(): u32 { return PSTATE >> 28; }

/** The highest implemented exception level: 1 (QEMU virt default), 2 (virtualization=on) or 3 (secure=on too). */
export let highestEL: u32 = 1;
export function setHighestEL(el: u32): void { highestEL = el; }
