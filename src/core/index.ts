// Entry of the WebAssembly CPU core (AssemblyScript): what the host (src/machine) may call.
export { decode, ROW_COUNT } from './generated/decoder';
export { SYSREG_COUNT } from './generated/sysregs';
export { run, resumeOverBreakpoint } from './cpu';
export { jitConfigure, JIT_CTX, jitStep } from './jit';
export {
  addWatchpoint, clearWatchpoints, debugStop, debugSysreg, setDebugEvents, setHostExceptionLevels, watchHitAddress, watchSysreg,
} from './debug';
export { hostExceptionReturn } from './exec/exceptionReturn';
export { setBreakpoint, clearBreakpoint } from './memory';
export { codeWritten, configureRam, ramPointer, readPhys, writePhys } from './memory';
export { REGS, V_BASE, SP_BASE, setPC, setPSTATE, setFPCR, setFPSR, setHighestEL } from './state';
export { SYSREG_BASE } from './sysregs';
export { clearExclusiveLocal, setDataAccessesNormal, exclusiveMonitorTagged } from './vmem';
export { signalBusError } from './memory';
export { debugReadSysreg, debugWriteSysreg, resetSystemRegisters } from './exec/system';
export { setInterruptLines, setVirtualInterruptLines } from './exec/exceptionInterrupt';
export { setFirmwareConduit, setSemihosting } from './exec/exceptionCall';
export { waitIsForEvent } from './exec/systemHints';
export { machineTime, nextTimerEvent, skipTime, timerLines } from './timer';
export { setGicSystemRegisters } from './gicCpuInterface';
export { translateForDebugger, walkRecordPointer, walkResultPointer } from './mmu/debugger';
export { tlbPointer } from './mmu/tlb';
import { PC, PSTATE, FPCR, FPSR, insnCount } from './state';
import { exceptionTaken, lastExceptionFromEL, lastExceptionToEL, lastExceptionVector } from './exception';

/** The last exception taken: from EL in bits 1:0, to EL in bits 3:2; 0xff when none was taken yet. */
export function lastException(): u32 { return exceptionTaken ? lastExceptionFromEL | (lastExceptionToEL << 2) : 0xff; }
export function lastVector(): u64 { return lastExceptionVector; }

export function getPC(): u64 { return PC; }
export function getPSTATE(): u32 { return PSTATE; }
export function getFPCR(): u32 { return FPCR; }
export function getFPSR(): u32 { return FPSR; }
export function getInsnCount(): u64 { return insnCount; }
