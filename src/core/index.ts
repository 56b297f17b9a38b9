// Entry of the WebAssembly CPU core (AssemblyScript): what the host (src/machine) may call.
export { decode, ROW_COUNT } from './generated/decoder';
export { SYSREG_COUNT } from './generated/sysregs';
export { run } from './cpu';
export { configureRam, readPhys, writePhys } from './memory';
export { REGS, V_BASE, SP_BASE, setPC, setPSTATE, setFPCR, setFPSR } from './state';
export { SYSREG_BASE } from './sysregs';
import { PC, PSTATE, FPCR, FPSR, insnCount } from './state';

export function getPC(): u64 { return PC; }
export function getPSTATE(): u32 { return PSTATE; }
export function getFPCR(): u32 { return FPCR; }
export function getFPSR(): u32 { return FPSR; }
export function getInsnCount(): u64 { return insnCount; }
