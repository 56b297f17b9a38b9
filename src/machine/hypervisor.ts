// The built-in hypervisor (`--hypervisor builtin`): EL2 set up as KVM and arm_vcpu set it up for an EL1 guest
// (HCR_EL2, VTCR_EL2, VTTBR_EL2 with real stage-2 tables in RAM the guest is not told about), its exits handled
// by host code in arm_vcpu's roles: MMIO read/write from the data-abort syndrome, hypercalls and PSCI, trapped
// WFI and system registers, and physical interrupts injected as virtual ones through the GIC's list registers.
// The guest's device accesses all trap, since stage 2 maps only RAM, except the GICv2 CPU interface (GICV).
import { sysRegIndex } from '../arch/sysregs/table';
import { MemoryMap } from './bus';
import { AccessKind, Core, Regime } from './core';
import { InterruptController } from './devices/gic';
import { GicV2 } from './devices/gicv2';
import { GicV3 } from './devices/gicv3';
import { VIRT } from './dtb';
import { decodeMmioAccess } from './mmioDecode';
import { dataAbortSyndrome, EC_NAMES, faultIpa, hexValue, syndromeRegister, TrapLog, TrapRecord } from './traps';

const R = (name: string): number => sysRegIndex(name);
const HCR_VM = 1n << 0n, HCR_FMO = 1n << 3n, HCR_IMO = 1n << 4n, HCR_TWI = 1n << 13n, HCR_TSC = 1n << 19n, HCR_RW = 1n << 31n;
/** 4 KB granule, T0SZ 25 (39-bit IPA), SL0 1 (start at level 1), write-back, Inner Shareable, PS 40 bits. */
const VTCR = 25n | (1n << 6n) | (1n << 8n) | (1n << 10n) | (3n << 12n) | (2n << 16n) | (1n << 31n);
/** Stage-2 block/page attributes: MemAttr Normal WB (0b1111), S2AP read/write, Inner Shareable, AF. */
const S2_NORMAL = (0xfn << 2n) | (3n << 6n) | (3n << 8n) | (1n << 10n);
/** Stage-2 page attributes for the GICV frame: MemAttr Device-nGnRE (0b0001), S2AP read/write, AF. */
const S2_DEVICE = (1n << 2n) | (3n << 6n) | (1n << 10n);
/** The GICv2 CPU interface as the guest's DTB places it (8 KB: GICC_DIR is in the second page). */
const GICC_SIZE = 0x2000n;
/** GICC_CTLR without Security Extensions: EnableGrp0, EnableGrp1, AckCtl (acknowledge group 1 too), EOImode. */
const GICC_CTLR_HOST = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 9);
const GICC_CTLR = 0x00, GICC_PMR = 0x04, GICC_IAR = 0x0c, GICC_EOIR = 0x10, GICC_DIR = 0x1000, GICH_HCR = 0x00, GICH_ELRSR0 = 0x30, GICH_LR0 = 0x100;
/** ICH_LR<n>_EL2: State pending [62], HW [61], Group [60], Priority [55:48], pINTID [44:32], vINTID [31:0]. */
const ICH_LR_PENDING = 1n << 62n, ICH_LR_HW = 1n << 61n, ICH_LR_GROUP1 = 1n << 60n;
/** GICH_LR<n>: HW [31], Grp1 [30], State pending [28], Priority [27:23], PhysicalID [19:10] / CPUID [12:10]. */
const GICH_LR_PENDING = 1 << 28, GICH_LR_HW = 1 << 31, GICH_LR_GRP1 = 1 << 30;
/** Both GIC models have 4 list registers; INTIDs from 1020 are special (spurious). */
const NUM_LRS = 4, SPURIOUS = 1020;
const ICC_CTLR_EOIMODE = 1n << 1n;
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
/** What a store of `size` bytes from register t writes (XZR stores zero). */
function storedValue(core: Core, t: number, size: number): bigint {
  return t === 31 ? 0n : BigInt.asUintN(size * 8, core.getX(t));
}

/** What a load of `size` bytes leaves in its register: sign-extended or not, a W register zero-extended. */
function extendLoaded(raw: bigint, size: number, signed: boolean, sixtyFour: boolean): bigint {
  const v = signed ? BigInt.asUintN(64, BigInt.asIntN(size * 8, raw)) : raw;
  return sixtyFour ? v : v & 0xffffffffn;
}

export type HypervisorExit = 'resume' | 'stop' | { readonly fault: string };

export class BuiltinHypervisor {
  readonly tablesBase: bigint;

  constructor(private readonly core: Core, ramBase: bigint, ramSize: bigint, readonly log: TrapLog,
    private readonly gic: InterruptController) {
    this.tablesBase = ramBase + ramSize - HYPERVISOR_RESERVED;
    this.buildStage2(ramBase, ramSize - HYPERVISOR_RESERVED);
  }

  /**
   * Level 1 at tablesBase, one level-2 table of 2 MB blocks per GB of guest RAM, identity-mapped; with a GICv2, the
   * guest's GICC IPA mapped to the GICV frame by level-3 pages, as KVM does, so its CPU-interface accesses do not trap.
   */
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
    if (!(this.gic instanceof GicV2)) return;
    // The GIC lies in the first GB, below RAM: its own level-2 and level-3 tables after RAM's.
    const gicL2 = l2, gicL3 = l2 + 0x1000n;
    core.writeBytes(gicL2, zero);
    core.writeBytes(gicL3, zero);
    put(l1 + (VIRT.gicCpu / gb) * 8n, gicL2 | 3n);
    put(gicL2 + ((VIRT.gicCpu % gb) >> 21n) * 8n, gicL3 | 3n);
    for (let off = 0n; off < GICC_SIZE; off += 0x1000n) {
      put(gicL3 + (((VIRT.gicCpu + off) >> 12n) & 0x1ffn) * 8n, (VIRT.gicVcpu + off) | S2_DEVICE | 3n);
    }
  }

  /** EL2's configuration for the guest vCPU `cpu` (and each secondary as it comes up). */
  configureVcpu(mpidr: bigint, cpu: number): void {
    const core = this.core;
    // IMO/FMO: physical interrupts exit to EL2 and are injected through the list registers, the guest's ICC_*
    // accesses reach the virtual interface. FIXME(out-of-spec): KVM also sets AMO (virtual SErrors).
    core.setSysreg(R('HCR_EL2'), HCR_VM | HCR_RW | HCR_TSC | HCR_TWI | HCR_IMO | HCR_FMO);
    core.setSysreg(R('VTCR_EL2'), VTCR);
    core.setSysreg(R('VTTBR_EL2'), (VMID << 48n) | this.tablesBase);
    core.setSysreg(R('VBAR_EL2'), this.tablesBase + HYPERVISOR_RESERVED - 0x800n);
    core.setSysreg(R('VMPIDR_EL2'), mpidr);
    core.setSysreg(R('VPIDR_EL2'), core.getSysreg(R('MIDR_EL1')));
    // EL1 keeps its physical counter and timer (arm_vcpu's CNTHCTL_EL2.EL1PCEN/EL1PCTEN).
    core.setSysreg(R('CNTHCTL_EL2'), 3n);
    this.configureCpuInterface(cpu);
  }

  /**
   * The host's side of the GIC for `cpu`: its physical CPU interface takes every priority and both groups, with
   * EOImode 1 so that the hypervisor's EOI only drops the priority and the guest's deactivation of the HW list
   * register deactivates the interrupt; the virtual interface enabled (ICH_HCR_EL2.En / GICH_HCR.En).
   */
  private configureCpuInterface(cpu: number): void {
    const gic = this.gic;
    if (gic instanceof GicV3) {
      const w = (name: string, v: bigint): void => { gic.cpuif.sysregWrite(cpu, name, v, false); };
      w('ICC_PMR_EL1', 0xffn);
      w('ICC_CTLR_EL1', ICC_CTLR_EOIMODE);
      w('ICC_IGRPEN0_EL1', 1n);
      w('ICC_IGRPEN1_EL1', 1n);
      w('ICH_HCR_EL2', 1n);
    } else if (gic instanceof GicV2 && gic.virt) {
      gic.cpuWrite(cpu, GICC_PMR, 0xff);
      gic.cpuWrite(cpu, GICC_CTLR, GICC_CTLR_HOST);
      gic.virt.hypWrite(cpu, GICH_HCR, 1);
    }
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
    if (vector === 0x480n || vector === 0x500n) {
      this.injectInterrupt(host.vcpu, vector === 0x480n, base);
      core.exports.hostExceptionReturn();
      return 'resume';
    }
    if (vector !== 0x400n) {
      // An SError is not routed here by this configuration (AMO clear): recorded if it happens at all.
      this.log.done(this.log.add({ ...base, esr: '0x0', ec: 'SError', outcome: 'unhandled' }));
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

  /**
   * A physical IRQ (group 1) or FIQ (group 0) taken to EL2: acknowledged on the physical CPU interface, its
   * priority dropped, and put in a free list register as pending, with HW = 1 so that the guest's deactivation
   * deactivates the physical interrupt (KVM's forwarded interrupts). SGIs cannot be HW (pINTID >= 16): they are
   * deactivated at once and injected as software interrupts (GICv2: with the source CPU), as KVM emulates them.
   * No free list register: the interrupt stays pending on the physical interface, not acknowledged.
   * FIXME(out-of-spec): an SGI sent again before the guest took it gets a second list register, not merged.
   */
  private injectInterrupt(cpu: number, irq: boolean, base: Omit<TrapRecord, 'seq' | 'outcome' | 'esr' | 'ec'>): void {
    const gic = this.gic;
    const ec = irq ? 'IRQ' : 'FIQ';
    const record = (detail: string, outcome: 'interrupt' | 'pending', value?: string): void => {
      this.log.done(this.log.add({ ...base, esr: '0x0', ec, detail, value, outcome }));
    };
    if (gic instanceof GicV3) {
      const cpuif = gic.cpuif;
      const n = this.freeListRegister(Number(cpuif.sysregRead(cpu, 'ICH_ELRSR_EL2', false) ?? 0n));
      if (n === undefined) {
        // FIXME(out-of-spec): KVM queues it and asks for an underflow maintenance interrupt; this one is taken
        // again at once, until the guest deactivates one of the list registers' interrupts.
        record(`INTID ${gic.bestPending(cpu)?.id ?? 'none'}: no free list register`, 'pending');
        return;
      }
      const id = Number(cpuif.sysregRead(cpu, irq ? 'ICC_IAR1_EL1' : 'ICC_IAR0_EL1', false));
      if (id >= SPURIOUS) return;
      const k = gic.key(cpu, id);
      cpuif.sysregWrite(cpu, irq ? 'ICC_EOIR1_EL1' : 'ICC_EOIR0_EL1', BigInt(id), false);
      let lr = ICH_LR_PENDING | (gic.s.group[k] ? ICH_LR_GROUP1 : 0n) | (BigInt(gic.s.priority[k]) << 48n) | BigInt(id);
      if (id < 16) cpuif.sysregWrite(cpu, 'ICC_DIR_EL1', BigInt(id), false);
      else lr |= ICH_LR_HW | (BigInt(id) << 32n);
      cpuif.sysregWrite(cpu, `ICH_LR${n}_EL2`, lr, false);
      record(`INTID ${id} in ICH_LR${n}_EL2`, 'interrupt', hexValue(lr));
    } else if (gic instanceof GicV2 && gic.virt) {
      const n = this.freeListRegister(Number(gic.virt.hypRead(cpu, GICH_ELRSR0) ?? 0n));
      if (n === undefined) {
        // FIXME(out-of-spec): as for GICv3 above.
        record(`INTID ${gic.bestPending(cpu)?.id ?? 'none'}: no free list register`, 'pending');
        return;
      }
      const iar = Number(gic.cpuRead(cpu, GICC_IAR));
      const id = iar & 0x3ff;
      if (id >= SPURIOUS) return;
      const k = gic.key(cpu, id);
      gic.cpuWrite(cpu, GICC_EOIR, iar);
      let lr = GICH_LR_PENDING | (gic.s.group[k] ? GICH_LR_GRP1 : 0) | ((gic.s.priority[k] >> 3) << 23) | id;
      if (id < 16) {
        gic.cpuWrite(cpu, GICC_DIR, iar);
        lr |= iar & 0x1c00;
      } else {
        lr |= GICH_LR_HW | (id << 10);
      }
      gic.virt.hypWrite(cpu, GICH_LR0 + 4 * n, lr >>> 0);
      record(`INTID ${id} in GICH_LR${n}`, 'interrupt', hexValue(lr >>> 0));
    }
  }

  /** The lowest list register ELRSR reports empty. */
  private freeListRegister(elrsr: number): number | undefined {
    for (let i = 0; i < NUM_LRS; i++) if ((elrsr >> i) & 1) return i;
    return undefined;
  }

  /** MMIO emulation from the data-abort syndrome (arm_vcpu's handle_data_abort), or an external abort for the guest. */
  private dataAbort(host: HypervisorHost, esr: bigint, common: Omit<TrapRecord, 'seq' | 'outcome'>): void {
    const core = this.core;
    const far = core.getSysreg(R('FAR_EL2'));
    const ipa = faultIpa(core.getSysreg(R('HPFAR_EL2')), far);
    const s = dataAbortSyndrome(esr);
    const hit = host.map.lookup(ipa, s.size);
    const rec = this.log.add({
      ...common, far: hexValue(far), ipa: hexValue(ipa), device: hit?.device.name, direction: s.write ? 'write' : 'read',
      width: s.size * 8, register: s.isv ? syndromeRegister(s) : undefined, outcome: 'pending',
    });
    const elr = core.getSysreg(R('ELR_EL2'));
    if (!s.isv) {
      // No valid syndrome (a pair, a writeback form): KVM gives up here; this hypervisor decodes the instruction.
      if (hit && this.emulateDecoded(host, elr, ipa, rec)) return;
      rec.outcome = 'no-syndrome';
      this.log.done(rec);
      this.injectDataAbort(elr, core.getSysreg(R('SPSR_EL2')), far, s.write);
      return;
    }
    let ok: boolean;
    if (s.write) {
      const v = storedValue(core, s.register, s.size);
      rec.value = hexValue(v);
      ok = hit !== undefined && host.map.write(ipa, s.size, v);
    } else {
      const v = hit ? host.map.read(ipa, s.size) : undefined;
      ok = v !== undefined;
      if (v !== undefined) {
        const value = extendLoaded(v, s.size, s.signExtend, s.sixtyFour);
        if (s.register !== 31) core.setX(s.register, value);
        rec.value = hexValue(value);
      }
    }
    if (!ok) {
      // An address no device claims: recorded, and the guest gets a synchronous external abort, as under KVM.
      rec.outcome = 'external-abort-injected';
      this.log.done(rec);
      this.injectDataAbort(elr, core.getSysreg(R('SPSR_EL2')), far, s.write);
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
        const v = storedValue(core, rt, access.size);
        if (!host.map.write(at, access.size, v)) return false;
        results.push(v);
      } else {
        const raw = host.map.read(at, access.size);
        if (raw === undefined) return false;
        results.push(extendLoaded(raw, access.size, access.signed, access.sixtyFour));
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

  private injectDataAbort(elr: bigint, spsr: bigint, far: bigint, write: boolean): void {
    const fromEl0 = ((spsr >> 2n) & 3n) === 0n;
    // EC Data Abort (lower or same EL), IL, WnR, DFSC 0b010000: what the bare machine's external abort reports.
    this.inject(elr, spsr, (BigInt(fromEl0 ? 0x24 : 0x25) << 26n) | (1n << 25n) | (write ? 1n << 6n : 0n) | 0x10n, far);
  }

  private injectUndefined(elr: bigint, spsr: bigint): void {
    this.inject(elr, spsr, 1n << 25n, undefined);
  }
}
