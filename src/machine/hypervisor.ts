// The built-in hypervisor (`--hypervisor builtin`): EL2 set up as KVM and arm_vcpu set it up for an EL1 guest
// (HCR_EL2, VTCR_EL2, VTTBR_EL2 with real stage-2 tables in RAM the guest is not told about), its exits handled
// by host code in arm_vcpu's roles: MMIO read/write from the data-abort syndrome, hypercalls and PSCI, trapped
// WFI and system registers. The guest's device accesses all trap, since stage 2 maps only RAM.
import { sysRegIndex } from '../arch/sysregs/table';
import { MemoryMap } from './bus';
import { AccessKind, Core, Regime } from './core';
import { decodeMmioAccess } from './mmioDecode';
import { dataAbortSyndrome, EC_NAMES, faultIpa, hexValue, TrapLog, TrapRecord } from './traps';

const R = (name: string): number => sysRegIndex(name);
const HCR_VM = 1n << 0n, HCR_TWI = 1n << 13n, HCR_TSC = 1n << 19n, HCR_RW = 1n << 31n;
/** 4 KB granule, T0SZ 25 (39-bit IPA), SL0 1 (start at level 1), write-back, Inner Shareable, PS 40 bits. */
const VTCR = 25n | (1n << 6n) | (1n << 8n) | (1n << 10n) | (3n << 12n) | (2n << 16n) | (1n << 31n);
/** Stage-2 block/page attributes: MemAttr Normal WB (0b1111), S2AP read/write, Inner Shareable, AF. */
const S2_NORMAL = (0xfn << 2n) | (3n << 6n) | (3n << 8n) | (1n << 10n);
const VMID = 1n;
/** The top of RAM kept for the hypervisor's tables and vectors: the guest's DTB does not include it. */
export const HYPERVISOR_RESERVED = 0x200000n;

/** What the hypervisor needs of the machine around it. */
export interface HypervisorHost {
  readonly core: Core;
  readonly map: MemoryMap;
  readonly vcpu: number;
  /** PSCI and other firmware calls made by HVC/SMC: the result for X0; undefined when the call does not return. */
  firmwareCall(regs: bigint[]): bigint | undefined;
  /** Whether the machine has stopped (PSCI SYSTEM_OFF) after the last firmware call. */
  readonly stopped: boolean;
  /** The guest executed WFI (trapped by HCR_EL2.TWI): the vCPU idles until an interrupt. */
  waitForInterrupt(): void;
}

/** Back to the guest, the machine stopped (PSCI SYSTEM_OFF), or the guest cannot go on (the report says why). */
export type HypervisorExit = 'resume' | 'stop' | { readonly fault: string };

export class BuiltinHypervisor {
  readonly tablesBase: bigint;

  constructor(private readonly core: Core, ramBase: bigint, ramSize: bigint, readonly log: TrapLog) {
    this.tablesBase = ramBase + ramSize - HYPERVISOR_RESERVED;
    this.buildStage2(ramBase, ramSize - HYPERVISOR_RESERVED);
  }

  /** Level 1 at tablesBase, one level-2 table of 2 MB blocks per GB of guest RAM, identity-mapped. */
  private buildStage2(ramBase: bigint, guestRam: bigint): void {
    const core = this.core;
    const l1 = this.tablesBase;
    const zero = new Uint8Array(0x1000);
    core.writeBytes(l1, zero);
    const desc = new DataView(new ArrayBuffer(8));
    const put = (at: bigint, v: bigint): void => { desc.setBigUint64(0, v, true); core.writeBytes(at, new Uint8Array(desc.buffer.slice(0))); };
    const gb = 1n << 30n;
    let l2 = l1 + 0x1000n;
    for (let ipa = ramBase; ipa < ramBase + guestRam; ipa += 2n << 20n) {
      const l1Index = ipa / gb;
      const l1Entry = l1 + l1Index * 8n;
      if (ipa === ramBase || ipa % gb === 0n) {
        core.writeBytes(l2, zero);
        put(l1Entry, l2 | 3n);
        l2 += 0x1000n;
      }
      const table = l2 - 0x1000n;
      put(table + ((ipa % gb) >> 21n) * 8n, ipa | S2_NORMAL | 1n);
    }
  }

  /** EL2's configuration for the guest vCPU (and each secondary as it comes up). */
  configureVcpu(mpidr: bigint): void {
    const core = this.core;
    // FIXME(out-of-spec): KVM also sets IMO/FMO/AMO and injects interrupts through the GIC's list registers; here
    // physical interrupts go straight to EL1 and the guest's GIC accesses trap and are forwarded to the GIC.
    core.setSysreg(R('HCR_EL2'), HCR_VM | HCR_RW | HCR_TSC | HCR_TWI);
    core.setSysreg(R('VTCR_EL2'), VTCR);
    core.setSysreg(R('VTTBR_EL2'), (VMID << 48n) | this.tablesBase);
    core.setSysreg(R('VBAR_EL2'), this.tablesBase + HYPERVISOR_RESERVED - 0x800n);
    core.setSysreg(R('VMPIDR_EL2'), mpidr);
    core.setSysreg(R('VPIDR_EL2'), core.getSysreg(R('MIDR_EL1')));
    // EL1 keeps its physical counter and timer (arm_vcpu's CNTHCTL_EL2.EL1PCEN/EL1PCTEN).
    core.setSysreg(R('CNTHCTL_EL2'), 3n);
  }

  /**
   * An exception the guest took to EL2: handle it as the hypervisor would and return to the guest (ERET), or
   * 'stop' when the machine is done (the caller decides from the firmware call).
   */
  handleExit(host: HypervisorHost): HypervisorExit {
    const core = this.core;
    const vector = BigInt.asUintN(64, core.exports.lastVector()) - core.getSysreg(R('VBAR_EL2'));
    const elr = core.getSysreg(R('ELR_EL2'));
    const spsr = core.getSysreg(R('SPSR_EL2'));
    const base = { insnCount: core.insnCount.toString(), vcpu: host.vcpu, pc: hexValue(elr), el: Number((spsr >> 2n) & 3n) };
    if (vector !== 0x400n) {
      // Not routed here by this configuration (IMO/FMO/AMO clear): recorded if it happens at all.
      const rec = this.log.add({ ...base, esr: '0x0', ec: vector === 0x480n ? 'IRQ' : vector === 0x500n ? 'FIQ' : 'SError', outcome: 'unhandled' });
      this.log.done(rec);
      core.exports.hostExceptionReturn();
      return 'resume';
    }
    const esr = core.getSysreg(R('ESR_EL2'));
    const ec = Number((esr >> 26n) & 0x3fn);
    // HVC's preferred return address is the next instruction: the record names the HVC itself.
    const pc = ec === 0x16 ? elr - 4n : elr;
    const common = { ...base, pc: hexValue(pc), esr: hexValue(esr), ec: EC_NAMES[ec] ?? `EC 0x${ec.toString(16)}` };
    let result: HypervisorExit = 'resume';
    switch (ec) {
      case 0x24: this.dataAbort(host, esr, common); break;
      case 0x16: case 0x17: {
        // HVC returns past itself; a trapped SMC (TSC) returns to the SMC, which the hypervisor skips.
        if (ec === 0x17) core.setSysreg(R('ELR_EL2'), elr + 4n);
        const regs = [0, 1, 2, 3].map((n) => core.getX(n));
        const rec = this.log.add({ ...common, detail: `imm 0x${(esr & 0xffffn).toString(16)} function ${hexValue(regs[0])}`, outcome: 'hypercall' });
        const x0 = host.firmwareCall(regs);
        if (host.stopped) result = 'stop';
        else if (x0 !== undefined) core.setX(0, x0);
        rec.value = x0 === undefined ? undefined : hexValue(x0);
        this.log.done(rec);
        break;
      }
      case 0x20: {
        // The guest executes from an IPA stage 2 does not map: an instruction abort for EL1, unless that is where
        // its own vectors are (it would fault forever).
        const vbar = core.getSysreg(R('VBAR_EL1'));
        const far = core.getSysreg(R('FAR_EL2'));
        this.log.done(this.log.add({ ...common, far: hexValue(far), outcome: 'external-abort-injected' }));
        if (elr >= vbar && elr < vbar + 0x800n) return { fault: `the guest's EL1 vectors at ${hexValue(vbar)} are not in RAM` };
        const fromEl0 = ((spsr >> 2n) & 3n) === 0n;
        this.inject(elr, spsr, (BigInt(fromEl0 ? 0x20 : 0x21) << 26n) | (1n << 25n) | 0x10n, far);
        break;
      }
      case 0x01: {
        core.setSysreg(R('ELR_EL2'), elr + 4n);
        this.log.done(this.log.add({ ...common, detail: (esr & 1n) ? 'WFE' : 'WFI', outcome: 'idle' }));
        if ((esr & 1n) === 0n) host.waitForInterrupt();
        break;
      }
      default: {
        // Nothing else is trapped by this configuration; anything that still arrives is reflected to EL1 as UNDEFINED.
        this.log.done(this.log.add({ ...common, outcome: 'unhandled' }));
        this.injectUndefined(elr, spsr);
      }
    }
    if (result === 'resume') core.exports.hostExceptionReturn();
    return result;
  }

  /** MMIO emulation from the data-abort syndrome (arm_vcpu's handle_data_abort), or an external abort for the guest. */
  private dataAbort(host: HypervisorHost, esr: bigint, common: Omit<TrapRecord, 'seq' | 'outcome'>): void {
    const core = this.core;
    const far = core.getSysreg(R('FAR_EL2'));
    const ipa = faultIpa(core.getSysreg(R('HPFAR_EL2')), far);
    const s = dataAbortSyndrome(esr);
    const hit = host.map.lookup(ipa, s.size);
    const reg = s.register === 31 ? 'xzr' : `${s.sixtyFour ? 'x' : 'w'}${s.register}`;
    const rec = this.log.add({
      ...common, far: hexValue(far), ipa: hexValue(ipa), device: hit?.device.name, direction: s.write ? 'write' : 'read',
      width: s.size * 8, register: s.isv ? reg : undefined, outcome: 'pending',
    });
    const elr = core.getSysreg(R('ELR_EL2'));
    if (!s.isv) {
      // No valid syndrome (a pair, a writeback form): KVM gives up here; this hypervisor decodes the instruction.
      if (hit && this.emulateDecoded(host, elr, ipa, rec)) return;
      rec.outcome = 'no-syndrome';
      this.log.done(rec);
      this.injectDataAbort(elr, core.getSysreg(R('SPSR_EL2')), far);
      return;
    }
    let ok: boolean;
    if (s.write) {
      const v = s.register === 31 ? 0n : BigInt.asUintN(s.size * 8, core.getX(s.register));
      rec.value = hexValue(v);
      ok = hit !== undefined && host.map.write(ipa, s.size, v);
    } else {
      const v = hit ? host.map.read(ipa, s.size) : undefined;
      ok = v !== undefined;
      if (v !== undefined) {
        let value = v;
        if (s.signExtend) value = BigInt.asUintN(64, BigInt.asIntN(s.size * 8, value));
        if (!s.sixtyFour) value &= 0xffffffffn;
        if (s.register !== 31) core.setX(s.register, value);
        rec.value = hexValue(value);
      }
    }
    if (!ok) {
      // An address no device claims: recorded, and the guest gets a synchronous external abort, as under KVM.
      rec.outcome = 'external-abort-injected';
      this.log.done(rec);
      this.injectDataAbort(elr, core.getSysreg(R('SPSR_EL2')), far);
      return;
    }
    core.setSysreg(R('ELR_EL2'), elr + 4n);
    rec.outcome = 'emulated';
    this.log.done(rec);
  }

  /**
   * Emulates a general-register load/store with writeback, or a pair, from the instruction itself (the guest's
   * stage 1 is off or identity for the MMIO page in the cases this serves: ELR_EL2 is read through the debugger's
   * translation). Returns false for anything else.
   */
  private emulateDecoded(host: HypervisorHost, elr: bigint, ipa: bigint, rec: TrapRecord): boolean {
    const core = this.core;
    const el = Number((core.getSysreg(R('SPSR_EL2')) >> 2n) & 3n);
    const pa = core.translateForDebugger(elr, Regime.EL10, AccessKind.Fetch | (el === 0 ? AccessKind.Unpriv : 0));
    // The walk covers both stages: its output is the PA of the instruction.
    if (pa.pa === undefined) return false;
    const word = new DataView(core.readBytes(pa.pa, 4).buffer).getUint32(0, true);
    const access = decodeMmioAccess(word);
    if (!access) return false;
    const spsr = core.getSysreg(R('SPSR_EL2'));
    const sp = () => ((spsr & 1n) ? core.getSP(el) : core.getSP(0));
    const base = access.rn === 31 ? sp() : core.getX(access.rn);
    const results: bigint[] = [];
    for (let i = 0; i < access.registers.length; i++) {
      const at = ipa + BigInt(i * access.size);
      const rt = access.registers[i];
      if (access.write) {
        const v = rt === 31 ? 0n : BigInt.asUintN(access.size * 8, core.getX(rt));
        if (!host.map.write(at, access.size, v)) return false;
        results.push(v);
      } else {
        const raw = host.map.read(at, access.size);
        if (raw === undefined) return false;
        let v = access.signed ? BigInt.asUintN(64, BigInt.asIntN(access.size * 8, raw)) : raw;
        if (!access.sixtyFour) v &= 0xffffffffn;
        results.push(v);
      }
    }
    if (!access.write) access.registers.forEach((rt, i) => { if (rt !== 31) core.setX(rt, results[i]); });
    if (access.writeback) {
      const next = BigInt.asUintN(64, base + access.offset);
      if (access.rn === 31) core.setSP((spsr & 1n) ? el : 0, next); else core.setX(access.rn, next);
    }
    core.setSysreg(R('ELR_EL2'), elr + 4n);
    rec.value = results.map(hexValue).join(' ');
    rec.outcome = 'emulated';
    (rec as { detail?: string }).detail = `decoded ${access.form} (no syndrome)`;
    this.log.done(rec);
    return true;
  }

  /**
   * Injects a synchronous exception into EL1 (kvm_inject_dabt/kvm_inject_undefined): ESR_EL1, FAR_EL1, ELR_EL1,
   * SPSR_EL1 as AArch64.TakeException() would set them, and points the coming ERET at EL1's vector.
   */
  private inject(elr: bigint, spsr: bigint, esr: bigint, far: bigint | undefined): void {
    const core = this.core;
    const fromEl0 = ((spsr >> 2n) & 3n) === 0n;
    const offset = fromEl0 ? 0x400n : (spsr & 1n) ? 0x200n : 0n;
    core.setSysreg(R('ESR_EL1'), esr);
    if (far !== undefined) core.setSysreg(R('FAR_EL1'), far);
    core.setSysreg(R('ELR_EL1'), elr);
    core.setSysreg(R('SPSR_EL1'), spsr);
    core.setSysreg(R('ELR_EL2'), core.getSysreg(R('VBAR_EL1')) + offset);
    core.setSysreg(R('SPSR_EL2'), 0x3c5n | (spsr & 0xf0000000n));
  }

  private injectDataAbort(elr: bigint, spsr: bigint, far: bigint): void {
    const fromEl0 = ((spsr >> 2n) & 3n) === 0n;
    // EC Data Abort (lower or same EL), IL, DFSC 0b010000: synchronous external abort.
    this.inject(elr, spsr, (BigInt(fromEl0 ? 0x24 : 0x25) << 26n) | (1n << 25n) | 0x10n, far);
  }

  private injectUndefined(elr: bigint, spsr: bigint): void {
    this.inject(elr, spsr, 1n << 25n, undefined);
  }
}
