// Interrupt delivery: the host's IRQ/FIQ/SError lines and the virtual ones of HCR_EL2.VI/VF/VSE, taken between
// instructions when unmasked, routed by SCR_EL3.IRQ/FIQ/EA and HCR_EL2.IMO/FMO/AMO/TGE (ARM ARM D1.3.6).
import { HCR_EL2, SCR_EL3, VSESR_EL2 } from '../generated/sysregs';
import { el2Enabled, takeException, VECTOR_FIQ, VECTOR_IRQ, VECTOR_SERROR } from '../exception';
import { currentEL, highestEL, PC, PSTATE } from '../state';
import { setSr, sr } from '../sysregs';
import {
  HCR_AMO, HCR_E2H, HCR_FMO, HCR_IMO, HCR_TGE, HCR_VF, HCR_VI, HCR_VSE, SCR_EA, SCR_FIQ, SCR_IRQ,
} from './systemTraps';

const LINE_IRQ: u32 = 1, LINE_FIQ: u32 = 2, LINE_SERROR: u32 = 4, LINE_VIRQ: u32 = 8, LINE_VFIQ: u32 = 16, LINE_VSERROR: u32 = 32;
const PSTATE_F: u32 = 1 << 6, PSTATE_I: u32 = 1 << 7, PSTATE_A: u32 = 1 << 8;
const ESR_EC_SERROR: u64 = <u64>0x2f << 26;
const ESR_IL: u64 = 1 << 25;

let physicalLines: u32 = 0;
/** Every asserted line, physical and virtual: the run loop looks for an interrupt to take only when non-zero. */
export let interruptLines: u32 = 0;

/** Recomputes `interruptLines` after the host's lines or HCR_EL2 changed. */
export function updateInterruptLines(): void {
  const hcr = sr(HCR_EL2);
  let v: u32 = 0;
  if ((hcr & HCR_VI) != 0 || virtualIrq) v |= LINE_VIRQ;
  if ((hcr & HCR_VF) != 0 || virtualFiq) v |= LINE_VFIQ;
  if (hcr & HCR_VSE) v |= LINE_VSERROR;
  interruptLines = physicalLines | v;
}

/** The virtual IRQ/FIQ the GIC's virtual CPU interface signals (ORed with HCR_EL2.VI/VF). */
let virtualIrq: bool = false, virtualFiq: bool = false;
export function setVirtualInterruptLines(irq: bool, fiq: bool): void {
  virtualIrq = irq;
  virtualFiq = fiq;
  updateInterruptLines();
}

/** The host's interrupt controller drives the physical lines (levels). */
export function setInterruptLines(irq: bool, fiq: bool, serror: bool): void {
  physicalLines = (irq ? LINE_IRQ : 0) | (fiq ? LINE_FIQ : 0) | (serror ? LINE_SERROR : 0);
  updateInterruptLines();
}

/** The EL a physical interrupt goes to: EL3 by SCR_EL3, EL2 by HCR_EL2 (or TGE), else EL1. */
function physicalTarget(scrBit: u64, hcrBit: u64): u32 {
  if (highestEL == 3 && (sr(SCR_EL3) & scrBit) != 0) return 3;
  if (el2Enabled() && (sr(HCR_EL2) & (hcrBit | HCR_TGE)) != 0) return 2;
  return 1;
}

/**
 * Whether an interrupt routed to `target` is taken now: never to a lower EL; to a higher EL regardless of
 * PSTATE (except EL0 in the EL2&0 host regime, whose PSTATE masks interrupts to EL2); at the same EL when unmasked.
 */
function takenFrom(el: u32, target: u32, maskBit: u32): bool {
  if (target < el) return false;
  if (target > el) {
    if (el == 0 && target == 2 && (sr(HCR_EL2) & (HCR_E2H | HCR_TGE)) == (HCR_E2H | HCR_TGE)) return (PSTATE & maskBit) == 0;
    return true;
  }
  return (PSTATE & maskBit) == 0;
}

/** Virtual interrupts reach EL0/EL1 when EL2 routes the physical ones (IMO/FMO/AMO) and TGE is 0. */
@inline function virtualEnabled(hcrBit: u64): bool {
  return currentEL() <= 1 && el2Enabled() && (sr(HCR_EL2) & (hcrBit | HCR_TGE)) == hcrBit;
}

/** Takes the highest-priority pending unmasked interrupt (FIQ, IRQ, vIRQ, vFIQ, SError, vSError); false if none. */
export function takePendingInterrupt(): bool {
  const el = currentEL();
  const lines = interruptLines;
  if (lines & LINE_FIQ) {
    const t = physicalTarget(SCR_FIQ, HCR_FMO);
    if (takenFrom(el, t, PSTATE_F)) { takeException(t, VECTOR_FIQ, 0, 0, false, PC); return true; }
  }
  if (lines & LINE_IRQ) {
    const t = physicalTarget(SCR_IRQ, HCR_IMO);
    if (takenFrom(el, t, PSTATE_I)) { takeException(t, VECTOR_IRQ, 0, 0, false, PC); return true; }
  }
  if ((lines & LINE_VIRQ) && virtualEnabled(HCR_IMO) && (PSTATE & PSTATE_I) == 0) {
    takeException(1, VECTOR_IRQ, 0, 0, false, PC);
    return true;
  }
  if ((lines & LINE_VFIQ) && virtualEnabled(HCR_FMO) && (PSTATE & PSTATE_F) == 0) {
    takeException(1, VECTOR_FIQ, 0, 0, false, PC);
    return true;
  }
  if (lines & LINE_SERROR) {
    const t = physicalTarget(SCR_EA, HCR_AMO);
    // FIXME(out-of-spec): a physical SError reports an uncategorized syndrome (ISS 0), no RAS error record.
    if (takenFrom(el, t, PSTATE_A)) { takeException(t, VECTOR_SERROR, ESR_EC_SERROR | ESR_IL, 0, false, PC); return true; }
  }
  if ((lines & LINE_VSERROR) && virtualEnabled(HCR_AMO) && (PSTATE & PSTATE_A) == 0) {
    // A virtual SError is taken once: HCR_EL2.VSE clears, ESR_EL1 gets VSESR_EL2's syndrome (FEAT_RAS).
    setSr(HCR_EL2, sr(HCR_EL2) & ~HCR_VSE);
    updateInterruptLines();
    takeException(1, VECTOR_SERROR, ESR_EC_SERROR | ESR_IL | (sr(VSESR_EL2) & 0x1ffffff), 0, false, PC);
    return true;
  }
  return false;
}

/** ISR_EL1: pending IRQ (I, bit 7), FIQ (F, bit 6), SError (A, bit 8); at EL1 the virtual ones when EL2 routes them. */
export function interruptStatus(): u32 {
  const hcr = currentEL() == 1 && el2Enabled() ? sr(HCR_EL2) : 0;
  const lines = interruptLines;
  const irq = (hcr & HCR_IMO) != 0 ? (lines & LINE_VIRQ) != 0 : (lines & LINE_IRQ) != 0;
  const fiq = (hcr & HCR_FMO) != 0 ? (lines & LINE_VFIQ) != 0 : (lines & LINE_FIQ) != 0;
  const serr = (hcr & HCR_AMO) != 0 ? (lines & LINE_VSERROR) != 0 : (lines & LINE_SERROR) != 0;
  return (irq ? PSTATE_I : 0) | (fiq ? PSTATE_F : 0) | (serr ? PSTATE_A : 0);
}
