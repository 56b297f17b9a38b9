// The QEMU `virt` board around the core: RAM at 0x40000000, the GIC (v2 or v3), the PL011 on SPI 1, the generic
// timers' PPIs, the memory map and a DTB generated from the configuration, with the guest loaded as `-kernel` is.
import { SYSREGS, sysRegIndex } from '../arch/sysregs/table';
import { MemoryMap } from './bus';
import { Core } from './core';
import { GicLine, InterruptController, PPI_HYP_TIMER, PPI_PHYS_TIMER, PPI_VIRT_TIMER } from './devices/gic';
import { GicV2 } from './devices/gicv2';
import { GicV2m } from './devices/gicv2m';
import { GicV3 } from './devices/gicv3';
import { Pl011 } from './devices/pl011';
import { Dtb, DtbError, DtNode, findNode, prop, readDtb, strings, cells, VIRT, virtDtb, virtMpidr, writeDtb } from './dtb';
import { loadKernel, LoadedKernel } from './loaders/kernel';
import { LoadError } from './loaders/load';

export interface BoardConfig {
  /** The EL the boot CPU starts at: 1 (QEMU's default), 2 (virtualization=on) or 3 (secure=on too). */
  readonly el: 1 | 2 | 3;
  readonly memory: bigint;
  readonly cpus: number;
  readonly gic: 2 | 3;
  /** The user's DTB instead of the generated one (its /chosen gets bootargs and initrd as QEMU does). */
  readonly dtb?: Uint8Array;
  readonly bootargs?: string;
  readonly initrd?: Uint8Array;
  /** Bytes the guest writes to the UART. */
  readonly uartOut: (byte: number) => void;
  /**
   * RAM at the top kept from the guest (the built-in hypervisor's tables): the DTB and the loader see the rest.
   * With it, the guest runs at EL1 under an EL2 the host plays: EL2 exists, the DTB describes a machine without it.
   */
  readonly hypervisorReserved?: bigint;
}

/** The EL2 virtual timer's PPI on virt (not in QEMU 7.2's DTB, but wired). */
const PPI_HYP_VIRT_TIMER = 12;
/** core.timerLines() bit order: EL1 physical, EL1 virtual, EL2 physical, EL2 virtual. */
const TIMER_PPIS = [PPI_PHYS_TIMER, PPI_VIRT_TIMER, PPI_HYP_TIMER, PPI_HYP_VIRT_TIMER];
const HCR_IMO = 1n << 4n, HCR_FMO = 1n << 3n;

export interface CpuLines { irq: boolean; fiq: boolean; virq: boolean; vfiq: boolean }

export class VirtBoard {
  readonly map = new MemoryMap();
  readonly gic: InterruptController;
  readonly uart: Pl011;
  /** Interrupt outputs of the GIC per CPU, applied to the core while that CPU runs. */
  readonly lines: CpuLines[];
  /** Called when a CPU's line rises (a waiting vCPU wakes up). */
  onLineRaised: (cpu: number) => void = () => {};
  /** The vCPU the core is executing (the GIC's banked accesses and the ICC registers follow it). */
  private running = 0;
  readonly kernel: LoadedKernel;
  readonly dtbAddress: bigint | undefined;

  private constructor(readonly core: Core, readonly config: BoardConfig, image: Uint8Array) {
    const hosted = config.hypervisorReserved !== undefined;
    const ram = { base: VIRT.ram, size: config.memory - (config.hypervisorReserved ?? 0n) };
    this.lines = Array.from({ length: config.cpus }, () => ({ irq: false, fiq: false, virq: false, vfiq: false }));
    const output = (cpu: number, line: GicLine, level: boolean): void => this.gicOutput(cpu, line, level);
    const virtualization = config.el >= 2 && !hosted;
    // The built-in hypervisor injects interrupts through GICH and maps GICV for its guest, whose DTB does not show them.
    this.gic = config.gic === 3
      ? new GicV3({ cpus: config.cpus, output })
      : new GicV2({ cpus: config.cpus, virtualization: virtualization || hosted, output });
    for (const f of this.gic.frames) this.map.attach(VIRT.gicDist + f.base, f.size, f.device);
    if (config.gic === 2) {
      this.map.attach(VIRT.gicV2m, 0x1000n, new GicV2m((spi) => { this.gic.setSpi(spi, true); this.gic.setSpi(spi, false); }));
    }
    this.uart = new Pl011({ onTransmit: config.uartOut, onInterrupt: (level) => this.gic.setSpi(VIRT.uartSpi, level) });
    this.map.attach(VIRT.uart, 0x1000n, this.uart);
    core.setBus(this.map);
    if (this.gic instanceof GicV3) {
      const gic = this.gic;
      core.setGicSysregs({
        // FIXME(out-of-spec): a register this GIC does not implement reads as zero and ignores writes, not UNDEFINED.
        read: (idx) => gic.cpuif.sysregRead(this.running, SYSREGS[idx].name, this.virtualInterface()) ?? 0n,
        write: (idx, v) => { gic.cpuif.sysregWrite(this.running, SYSREGS[idx].name, v, this.virtualInterface()); },
      });
    }

    let tree = config.dtb ? parseUserDtb(config.dtb) : undefined;
    const sizeGuess = config.dtb ? config.dtb.length + 4096 : 16384;
    this.kernel = loadKernel(image, core, { ram, initrd: config.initrd, dtbSize: sizeGuess });
    const initrd = this.kernel.initrd;
    if (!tree) {
      tree = virtDtb({
        memorySize: ram.size, cpus: config.cpus, gicVersion: config.gic,
        virtualization, secure: config.el === 3, bootargs: config.bootargs, initrd,
      });
    } else {
      patchChosen(tree, config.bootargs, initrd);
    }
    const blob = writeDtb(tree);
    this.dtbAddress = this.kernel.dtb?.address;
    if (this.kernel.dtb) {
      if (this.kernel.dtb.address + BigInt(blob.length) > this.kernel.dtb.limit) {
        throw new LoadError(`the DTB (${blob.length} bytes) does not fit below 0x${this.kernel.dtb.limit.toString(16)}`);
      }
      core.writeBytes(this.kernel.dtb.address, blob);
    }
  }

  static async create(image: Uint8Array, config: BoardConfig): Promise<VirtBoard> {
    if (config.cpus < 1 || config.cpus > (config.gic === 2 ? 8 : 123)) {
      throw new LoadError(`--cpus must be between 1 and ${config.gic === 2 ? 8 : 123} with GICv${config.gic}`);
    }
    const core = await Core.load();
    core.configureRam(VIRT.ram, config.memory);
    const hosted = config.hypervisorReserved !== undefined;
    core.setHighestEL(hosted ? 2 : config.el);
    // QEMU's built-in PSCI: by HVC without EL2, by SMC with EL2; with EL3 the guest brings its own firmware. Under
    // the built-in hypervisor HVC traps to EL2 as architected, and the hypervisor answers PSCI.
    core.exports.setFirmwareConduit(hosted || config.el === 3 ? 0 : config.el === 2 ? 2 : 1);
    return new VirtBoard(core, config, image);
  }

  /** The MPIDR_EL1 of vCPU `cpu` (bit 31 RES1, affinity as virt assigns it). */
  mpidr(cpu: number): bigint { return 0x80000000n | BigInt(virtMpidr(cpu, this.config.gic)); }

  /** Makes `cpu` the one whose accesses the devices see and whose lines drive the core. */
  setRunning(cpu: number): void {
    this.running = cpu;
    this.gic.currentCpu = cpu;
    this.applyLines();
  }

  get runningCpu(): number { return this.running; }

  /** The timer outputs of the running CPU to its PPIs (after it ran, or after time moved on). */
  updateTimerPpis(): void {
    const t = this.core.exports.timerLines();
    TIMER_PPIS.forEach((ppi, i) => this.gic.setPpi(this.running, ppi, ((t >> i) & 1) !== 0));
  }

  private virtualInterface(): boolean {
    const el = (this.core.pstate >> 2) & 3;
    if (el !== 1 || (this.config.el < 2 && this.config.hypervisorReserved === undefined)) return false;
    // FIXME(out-of-spec): IMO and FMO select the virtual interface for group 1 and group 0 registers separately.
    return (this.core.getSysreg(HCR_EL2) & (HCR_IMO | HCR_FMO)) !== 0n;
  }

  private gicOutput(cpu: number, line: GicLine, level: boolean): void {
    const l = this.lines[cpu];
    if (!l) return;
    const was = l[line];
    l[line] = level;
    if (cpu === this.running) this.applyLines();
    if (level && !was) this.onLineRaised(cpu);
  }

  private linesMasked = false;
  /** Holds the running CPU's interrupt inputs low (a debugger stepping with interrupts masked) or lets them through. */
  setLinesMasked(masked: boolean): void {
    this.linesMasked = masked;
    this.applyLines();
  }

  private applyLines(): void {
    const l = this.lines[this.running];
    const on = (level: boolean): number => (level && !this.linesMasked ? 1 : 0);
    this.core.exports.setInterruptLines(on(l.irq), on(l.fiq), 0);
    this.core.exports.setVirtualInterruptLines(on(l.virq), on(l.vfiq));
  }
}

const HCR_EL2 = sysRegIndex('HCR_EL2');

function parseUserDtb(blob: Uint8Array): DtNode {
  let dtb: Dtb;
  try {
    dtb = readDtb(blob);
  } catch (e) {
    if (e instanceof DtbError) throw new LoadError(`the DTB is malformed: ${e.message}`);
    throw e;
  }
  return dtb.root;
}

/** What QEMU writes into a user's DTB: /chosen bootargs and the initrd range. */
function patchChosen(root: DtNode, bootargs: string | undefined, initrd: { start: bigint; end: bigint } | undefined): void {
  let chosen = findNode(root, '/chosen');
  if (!chosen) {
    chosen = { name: 'chosen', props: [], children: [] };
    root.children.push(chosen);
  }
  const set = (name: string, value: Uint8Array): void => {
    const i = chosen!.props.findIndex((p) => p.name === name);
    if (i >= 0) chosen!.props.splice(i, 1);
    chosen!.props.push(prop(name, value));
  };
  if (bootargs !== undefined) set('bootargs', strings(bootargs));
  // QEMU writes both as single cells (hw/arm/boot.c qemu_fdt_setprop_cell).
  if (initrd) {
    set('linux,initrd-start', cells(Number(initrd.start & 0xffffffffn)));
    set('linux,initrd-end', cells(Number(initrd.end & 0xffffffffn)));
  }
}
