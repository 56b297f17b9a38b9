// Debugger hooks of the core that cost nothing while unused: breakpoints live in the decode cache (a marked
// entry, checked only when that word executes), events are one flag test at the rare places they happen.

/** Why run() returned to the host. */
export const enum Exit {
  Budget = 0,
  /** The guest executed WFI/WFE: the host advances time to the next event or stops. */
  WaitForInterrupt = 1,
  /** HLT #0xF000: the host performs the semihosting call in X0/X1 and resumes. */
  Semihosting = 2,
  /** A breakpoint or an event the host asked for (see `debugStop`). */
  Debug = 3,
  /** An instruction fetch from an address with no RAM (the host reports where execution went). */
  FetchFromNowhere = 4,
  /** A timer register was written: the host re-plans its next timer event and resumes. */
  TimerProgrammed = 5,
  /** HVC or SMC on the board's firmware conduit (PSCI): the host performs the call in X0–X3 and resumes. */
  FirmwareCall = 6,
  /** An exception was taken to an EL the host plays (the built-in hypervisor's EL2): the host handles it. */
  HostTrap = 7,
}

export let exitRequest: i32 = -1;

/** Handlers call this to return to the host after the current instruction completes. */
export function requestExit(reason: Exit): void { exitRequest = reason; }
export function clearExitRequest(): void { exitRequest = -1; }

/** What made the last Exit.Debug: a breakpoint before PC executed, or an event after an instruction. */
export const enum DebugStop { None = 0, Breakpoint = 1, ExceptionTaken = 2, ExceptionReturn = 3, SysregWrite = 4, Watchpoint = 5 }
export let debugStop: DebugStop = DebugStop.None;
/** The system register index of the last SysregWrite stop. */
export let debugSysreg: i32 = -1;

/** Events the host wants a stop for: bit per DebugStop kind. */
let eventMask: u32 = 0;
export function setDebugEvents(mask: u32): void { eventMask = mask; }

@inline function wants(kind: DebugStop): bool { return (eventMask & (1 << <u32>kind)) != 0; }

/** Exception levels whose exceptions the host handles in place of guest code (bit per EL). */
let hostELs: u32 = 0;
export function setHostExceptionLevels(mask: u32): void { hostELs = mask; }

export function notifyExceptionTaken(targetEL: u32): void {
  if (wants(DebugStop.ExceptionTaken)) { debugStop = DebugStop.ExceptionTaken; requestExit(Exit.Debug); }
  // After the debugger's request, so that the host's handler runs first; the host reports the debug stop after it.
  if ((hostELs >> targetEL) & 1) requestExit(Exit.HostTrap);
}

export function notifyExceptionReturn(): void {
  if (wants(DebugStop.ExceptionReturn)) { debugStop = DebugStop.ExceptionReturn; requestExit(Exit.Debug); }
}

/** Per system-register watch bits (data breakpoints on system registers), checked on MSR writes. */
const watchedSysregs: usize = memory.data(512);
export function watchSysreg(index: i32, on: bool): void {
  const p = watchedSysregs + (<usize>index >> 3);
  const bit = <u8>(1 << <u8>(index & 7));
  store<u8>(p, on ? load<u8>(p) | bit : load<u8>(p) & ~bit);
}

export function notifySysregWrite(index: i32): void {
  if (wants(DebugStop.SysregWrite) && (load<u8>(watchedSysregs + (<usize>index >> 3)) & (1 << (index & 7))) != 0) {
    debugStop = DebugStop.SysregWrite;
    debugSysreg = index;
    requestExit(Exit.Debug);
  }
}

/**
 * Watchpoints: physical address ranges [lo, hi) whose data accesses stop the run after the accessing instruction
 * (kind bit 1: reads, bit 2: writes). Few, so a linear scan; none costs one load per translated access.
 */
const WATCH_SLOTS: i32 = 32;
const watchLo = new StaticArray<u64>(WATCH_SLOTS);
const watchHi = new StaticArray<u64>(WATCH_SLOTS);
const watchKind = new StaticArray<u32>(WATCH_SLOTS);
export let watchCount: i32 = 0;
/** The physical address of the access that hit the last Watchpoint stop. */
export let watchHitAddress: u64 = 0;

/** Adds a watchpoint; false when all slots are used. */
export function addWatchpoint(lo: u64, hi: u64, kind: u32): bool {
  if (watchCount >= WATCH_SLOTS) return false;
  watchLo[watchCount] = lo;
  watchHi[watchCount] = hi;
  watchKind[watchCount] = kind;
  watchCount++;
  return true;
}
export function clearWatchpoints(): void { watchCount = 0; }

export function checkWatchpoints(pa: u64, size: u32, write: bool): void {
  const bit: u32 = write ? 2 : 1;
  for (let i = 0; i < watchCount; i++) {
    if ((watchKind[i] & bit) != 0 && pa < watchHi[i] && pa + <u64>size > watchLo[i]) {
      debugStop = DebugStop.Watchpoint;
      watchHitAddress = pa;
      requestExit(Exit.Debug);
      return;
    }
  }
}

export function markBreakpointStop(): void { debugStop = DebugStop.Breakpoint; }
export function clearDebugStop(): void { debugStop = DebugStop.None; debugSysreg = -1; }

/** Breakpoint addresses (physical): a small open-addressing set; 0 marks an empty slot. */
const BP_SLOTS: u32 = 4096;
const breakpoints: usize = memory.data(<i32>BP_SLOTS * 8, 16);
let breakpointCount: u32 = 0;

@inline function slotOf(pa: u64): u32 { return <u32>((pa >> 2) * 0x9e3779b1) & (BP_SLOTS - 1); }

export function isBreakpoint(pa: u64): bool {
  if (breakpointCount == 0) return false;
  const key = pa | 1;
  for (let i = slotOf(pa), n: u32 = 0; n < BP_SLOTS; i = (i + 1) & (BP_SLOTS - 1), n++) {
    const v = load<u64>(breakpoints + (<usize>i << 3));
    if (v == key) return true;
    if (v == 0) return false;
  }
  return false;
}

/** Adds a breakpoint; false when the set is full. The caller drops the decode of that word (see memory.ts). */
export function addBreakpoint(pa: u64): bool {
  if (isBreakpoint(pa)) return true;
  if (breakpointCount >= BP_SLOTS / 2) return false;
  const key = pa | 1;
  let i = slotOf(pa);
  // Fewer than half the slots are used, so a free one (0, or 2 for a removed entry) is always found.
  for (let v = load<u64>(breakpoints + (<usize>i << 3)); v != 0 && v != 2; v = load<u64>(breakpoints + (<usize>i << 3))) {
    i = (i + 1) & (BP_SLOTS - 1);
  }
  store<u64>(breakpoints + (<usize>i << 3), key);
  breakpointCount++;
  return true;
}

export function removeBreakpoint(pa: u64): void {
  const key = pa | 1;
  for (let i = slotOf(pa), n: u32 = 0; n < BP_SLOTS; i = (i + 1) & (BP_SLOTS - 1), n++) {
    const p = breakpoints + (<usize>i << 3);
    const v = load<u64>(p);
    if (v == 0) return;
    if (v == key) { store<u64>(p, 2); breakpointCount--; return; }
  }
}
