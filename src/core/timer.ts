// The Generic Timer (ARM ARM D11): the system counter in machine time and the EL1 physical, EL1 virtual, EL2
// physical and EL2 virtual timers. Machine time is one nanosecond per retired instruction plus the time skipped
// while waiting for an interrupt, so every run is deterministic; the counter ticks at CNTFRQ_EL0's 62.5 MHz.
import {
  CNTHP_CTL_EL2, CNTHP_CVAL_EL2, CNTHP_TVAL_EL2, CNTHV_CTL_EL2, CNTHV_CVAL_EL2, CNTHV_TVAL_EL2,
  CNTP_CTL_EL0, CNTP_CVAL_EL0, CNTP_TVAL_EL0, CNTV_CTL_EL0, CNTV_CVAL_EL0, CNTV_TVAL_EL0, CNTVOFF_EL2,
} from './generated/sysregs';
import { Exit, requestExit } from './debug';
import { highestEL, insnCount } from './state';
import { setSr, sr } from './sysregs';

/** Nanoseconds per counter tick at 62.5 MHz, as a shift. */
const TICK_SHIFT: u64 = 4;
const CTL_ENABLE: u64 = 1, CTL_IMASK: u64 = 2, CTL_ISTATUS: u64 = 4;
const NEVER: u64 = u64.MAX_VALUE;

/** The timers, in the order of the host's timer lines: EL1 physical, EL1 virtual, EL2 physical, EL2 virtual. */
export const TIMER_EL1_PHYS: u32 = 0, TIMER_EL1_VIRT: u32 = 1, TIMER_EL2_PHYS: u32 = 2, TIMER_EL2_VIRT: u32 = 3;

/** Time skipped while the CPU waited for an interrupt (WFI), in ns. */
let idleTime: u64 = 0;

export function machineTime(): u64 { return insnCount + idleTime; }
/** Advances machine time without executing (the CPU is waiting for the next event). */
export function skipTime(ns: u64): void { idleTime += ns; }

/** CNTPCT_EL0: the physical count. */
export function physicalCount(): u64 { return machineTime() >> TICK_SHIFT; }

/** The offset of timer t's count from the physical count: CNTVOFF_EL2 for the EL1 virtual timer (with EL2). */
@inline function offsetOf(t: u32): u64 { return t == TIMER_EL1_VIRT && highestEL >= 2 ? sr(CNTVOFF_EL2) : 0; }

@inline function ctlIndex(t: u32): i32 {
  return t == TIMER_EL1_PHYS ? CNTP_CTL_EL0 : t == TIMER_EL1_VIRT ? CNTV_CTL_EL0 : t == TIMER_EL2_PHYS ? CNTHP_CTL_EL2 : CNTHV_CTL_EL2;
}
@inline function cvalIndex(t: u32): i32 {
  return t == TIMER_EL1_PHYS ? CNTP_CVAL_EL0 : t == TIMER_EL1_VIRT ? CNTV_CVAL_EL0 : t == TIMER_EL2_PHYS ? CNTHP_CVAL_EL2 : CNTHV_CVAL_EL2;
}

/** The timer a CTL, CVAL or TVAL register belongs to, or -1. */
function timerOf(idx: i32): i32 {
  if (idx == CNTP_CTL_EL0 || idx == CNTP_CVAL_EL0 || idx == CNTP_TVAL_EL0) return TIMER_EL1_PHYS;
  if (idx == CNTV_CTL_EL0 || idx == CNTV_CVAL_EL0 || idx == CNTV_TVAL_EL0) return TIMER_EL1_VIRT;
  if (idx == CNTHP_CTL_EL2 || idx == CNTHP_CVAL_EL2 || idx == CNTHP_TVAL_EL2) return TIMER_EL2_PHYS;
  if (idx == CNTHV_CTL_EL2 || idx == CNTHV_CVAL_EL2 || idx == CNTHV_TVAL_EL2) return TIMER_EL2_VIRT;
  return -1;
}

@inline function isTval(idx: i32): bool {
  return idx == CNTP_TVAL_EL0 || idx == CNTV_TVAL_EL0 || idx == CNTHP_TVAL_EL2 || idx == CNTHV_TVAL_EL2;
}

/** The timer condition: the timer's count has reached CVAL (unsigned, ARM ARM D11.2.4). */
@inline function conditionMet(t: u32): bool { return physicalCount() - offsetOf(t) >= sr(cvalIndex(t)); }

export function isTimerRegister(idx: i32): bool { return timerOf(idx) >= 0; }

/** MRS of a timer register: CTL with ISTATUS computed now, TVAL as CVAL minus the count (bits 31:0). */
export function readTimerRegister(idx: i32): u64 {
  const t = <u32>timerOf(idx);
  if (isTval(idx)) return (sr(cvalIndex(t)) - (physicalCount() - offsetOf(t))) & 0xffffffff;
  if (idx == ctlIndex(t)) {
    const ctl = sr(idx) & (CTL_ENABLE | CTL_IMASK);
    return (ctl & CTL_ENABLE) != 0 && conditionMet(t) ? ctl | CTL_ISTATUS : ctl;
  }
  return sr(idx);
}

/** MSR of a timer register; TVAL sets CVAL to the count plus the signed 32-bit value. The host re-plans its events. */
export function writeTimerRegister(idx: i32, v: u64): void {
  const t = <u32>timerOf(idx);
  if (isTval(idx)) setSr(cvalIndex(t), physicalCount() - offsetOf(t) + <u64>(<i64>(<i32>(<u32>v))));
  else if (idx == ctlIndex(t)) setSr(idx, v & (CTL_ENABLE | CTL_IMASK));
  else setSr(idx, v);
  requestExit(Exit.TimerProgrammed);
}

/** The timers' interrupt outputs (bit t: ENABLE, not IMASK, condition met), for the host's interrupt controller. */
export function timerLines(): u32 {
  let lines: u32 = 0;
  for (let t: u32 = 0; t < 4; t++) {
    const ctl = sr(ctlIndex(t));
    if ((ctl & (CTL_ENABLE | CTL_IMASK)) == CTL_ENABLE && conditionMet(t)) lines |= 1 << t;
  }
  return lines;
}

/** The machine time at which the next unmasked enabled timer fires (now if one already has), or u64 max. */
export function nextTimerEvent(): u64 {
  let next = NEVER;
  for (let t: u32 = 0; t < 4; t++) {
    const ctl = sr(ctlIndex(t));
    if ((ctl & (CTL_ENABLE | CTL_IMASK)) != CTL_ENABLE) continue;
    const target = sr(cvalIndex(t)) + offsetOf(t);
    if (target < offsetOf(t) || target > (NEVER >> TICK_SHIFT)) continue;
    const at = target << TICK_SHIFT;
    if (at < next) next = at;
  }
  const now = machineTime();
  return next != NEVER && next < now ? now : next;
}
