// The exception filters of the Breakpoints view: which taken exceptions stop the session, and how a stop
// describes the exception ("Data Abort from a lower EL taken to EL2, ESR 0x93830005").
import type { DebugProtocol } from '@vscode/debugprotocol';
import { EXCEPTION_CLASSES } from '../arch/sysregs/fields';
import { sysRegIndex } from '../arch/sysregs/table';
import type { Core } from '../machine/core';
import { faultIpa } from '../machine/traps';
import type { TakenException } from '../machine/runner';

const CONDITION = 'A condition on the exception, e.g. `ec == 0x24`; also iss, esr, far, from, to, and any register.';

export const EXCEPTION_FILTERS: DebugProtocol.ExceptionBreakpointsFilter[] = [
  { filter: 'el1', label: 'Exception taken to EL1', default: false, supportsCondition: true, conditionDescription: CONDITION },
  { filter: 'el2', label: 'Exception taken to EL2', default: false, supportsCondition: true, conditionDescription: CONDITION },
  { filter: 'el3', label: 'Exception taken to EL3', default: false, supportsCondition: true, conditionDescription: CONDITION },
  { filter: 'eret', label: 'Exception return (ERET)', default: false },
  { filter: 'call', label: 'SVC, HVC or SMC', default: false, supportsCondition: true, conditionDescription: CONDITION },
  { filter: 'stage2', label: 'Stage-2 fault', default: false, supportsCondition: true, conditionDescription: CONDITION },
  { filter: 'mmio', label: 'MMIO trap', default: false, supportsCondition: true, conditionDescription: CONDITION },
  { filter: 'undefined', label: 'Undefined instruction', default: false, supportsCondition: true, conditionDescription: CONDITION },
  { filter: 'serror', label: 'SError', default: false, supportsCondition: true, conditionDescription: CONDITION },
  { filter: 'interrupt', label: 'Interrupt (IRQ, FIQ)', default: false, supportsCondition: true, conditionDescription: CONDITION },
];

/** Vector entry kinds by (offset >> 7) & 3 (ARM ARM D1.10.2, "Exception vectors"). */
const VECTOR_KINDS = ['sync', 'irq', 'fiq', 'serror'] as const;

const EC_UNKNOWN = 0x00, EC_INSTRUCTION_ABORT_LOWER = 0x20, EC_DATA_ABORT_LOWER = 0x24, EC_SERROR = 0x2f;
const CALL_CLASSES = new Set([0x11, 0x12, 0x13, 0x15, 0x16, 0x17]);
const HCR_VM = 1n, HCR_TGE = 1n << 27n;

/** What the filters and their conditions know about an exception just taken. */
export interface ExceptionFacts {
  readonly to: number;
  readonly from: number;
  readonly kind: typeof VECTOR_KINDS[number];
  readonly esr: bigint;
  readonly ec: number;
  readonly far: bigint;
  /** A stage-2 fault: the faulting IPA (HPFAR_EL2 with FAR_EL2's page offset). */
  readonly ipa?: bigint;
  /** The filters this exception matches. */
  readonly filters: ReadonlySet<string>;
}

/** `isRam(ipa)`: whether an IPA is guest RAM, so that a stage-2 data abort elsewhere is an MMIO access. */
export function exceptionFacts(core: Core, e: TakenException, isRam: (ipa: bigint) => boolean): ExceptionFacts {
  const kind = VECTOR_KINDS[Number((e.vector >> 7n) & 3n)];
  const esr = core.getSysreg(sysRegIndex(`ESR_EL${e.to}`));
  const ec = kind === 'sync' || kind === 'serror' ? Number((esr >> 26n) & 0x3fn) : -1;
  const far = core.getSysreg(sysRegIndex(`FAR_EL${e.to}`));
  const filters = new Set<string>([`el${e.to}`]);
  let ipa: bigint | undefined;
  if (kind === 'irq' || kind === 'fiq') filters.add('interrupt');
  if (kind === 'serror' || ec === EC_SERROR) filters.add('serror');
  if (kind === 'sync') {
    if (ec === EC_UNKNOWN) filters.add('undefined');
    if (CALL_CLASSES.has(ec)) filters.add('call');
    // A lower EL's abort taken to EL2 while stage 2 is on (and EL2 is not the host of EL0) is a stage-2 fault.
    const hcr = core.getSysreg(sysRegIndex('HCR_EL2'));
    if (e.to === 2 && e.from < 2 && (ec === EC_DATA_ABORT_LOWER || ec === EC_INSTRUCTION_ABORT_LOWER) && (hcr & HCR_VM) !== 0n && (hcr & HCR_TGE) === 0n) {
      filters.add('stage2');
      ipa = faultIpa(core.getSysreg(sysRegIndex('HPFAR_EL2')), far);
      if (ec === EC_DATA_ABORT_LOWER && !isRam(ipa)) filters.add('mmio');
    }
  }
  return { to: e.to, from: e.from, kind, esr, ec, far, ipa, filters };
}

/** The values a filter's condition can name besides registers and symbols. */
export function conditionValues(f: ExceptionFacts): Record<string, bigint> {
  return { ec: BigInt(Math.max(f.ec, 0)), iss: f.esr & 0x1ffffffn, esr: f.esr, far: f.far, from: BigInt(f.from), to: BigInt(f.to) };
}

/** "Data Abort from a lower EL taken to EL2, ESR 0x93830005", "IRQ taken to EL1 from EL0". */
export function describeException(f: ExceptionFacts): string {
  if (f.kind === 'irq' || f.kind === 'fiq') return `${f.kind.toUpperCase()} taken to EL${f.to} from EL${f.from}`;
  const cls = EXCEPTION_CLASSES[f.ec];
  const name = (cls ?? `EC 0x${f.ec.toString(16)}`).replace(/Exception level/, 'EL');
  // Class names such as "Data Abort from a lower EL" already say where the exception came from.
  const source = / EL$| Exception level$/.test(cls ?? '') ? '' : ` from EL${f.from}`;
  const ipa = f.ipa !== undefined ? `, IPA 0x${f.ipa.toString(16)}` : '';
  return `${name}${source} taken to EL${f.to}, ESR 0x${f.esr.toString(16)}${ipa}`;
}
