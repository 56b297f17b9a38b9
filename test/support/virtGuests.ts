// The QEMU-virt test guests (test/guests/virt/*.S): each with its QEMU machine options and the equivalent
// `trapdoor run` options, plus building them with the Debian cross toolchain and running them on qemu-system-aarch64.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './cross';

export interface VirtGuest {
  /** Unique name; several guests may share a source and differ in options (e.g. the GIC version). */
  name: string;
  /** File in test/guests/virt. */
  source: string;
  /** QEMU options other than -cpu max -nographic -m 128M -kernel ELF. */
  qemu: string[];
  /** `trapdoor run ELF` options for the same machine. */
  trapdoor: string[];
  /** Bytes the guest reads from the PL011 (QEMU's stdin). */
  stdin?: string;
}

/** The input virt-uart echoes: 8 bytes read by polling, 8 by interrupt. */
const UART_INPUT = 'ABCDEFGHijklmnop';

export const VIRT_GUESTS: VirtGuest[] = [
  { name: 'virt-uart-gicv2', source: 'virt-uart.S', qemu: ['-M', 'virt,gic-version=2'],
    trapdoor: ['--el', '1', '--gic', '2', '--cpus', '1', '--memory', '128M'], stdin: UART_INPUT },
  { name: 'virt-uart-gicv3', source: 'virt-uart.S', qemu: ['-M', 'virt,gic-version=3'],
    trapdoor: ['--el', '1', '--gic', '3', '--cpus', '1', '--memory', '128M'], stdin: UART_INPUT },
  { name: 'virt-smp-el1', source: 'virt-smp.S', qemu: ['-M', 'virt,gic-version=2', '-smp', '4'],
    trapdoor: ['--el', '1', '--gic', '2', '--cpus', '4', '--memory', '128M'] },
  { name: 'virt-smp-el2', source: 'virt-smp.S', qemu: ['-M', 'virt,virtualization=on,gic-version=3', '-smp', '4'],
    trapdoor: ['--el', '2', '--gic', '3', '--cpus', '4', '--memory', '128M'] },
  { name: 'virt-gic-gicv2', source: 'virt-gic.S', qemu: ['-M', 'virt,gic-version=2', '-smp', '2'],
    trapdoor: ['--el', '1', '--gic', '2', '--cpus', '2', '--memory', '128M'] },
  { name: 'virt-gic-gicv3', source: 'virt-gic.S', qemu: ['-M', 'virt,gic-version=3', '-smp', '2'],
    trapdoor: ['--el', '1', '--gic', '3', '--cpus', '2', '--memory', '128M'] },
  { name: 'virt-timer-el1-gicv2', source: 'virt-timer-el1.S', qemu: ['-M', 'virt,gic-version=2'],
    trapdoor: ['--el', '1', '--gic', '2', '--cpus', '1', '--memory', '128M'] },
  { name: 'virt-timer-el1-gicv3', source: 'virt-timer-el1.S', qemu: ['-M', 'virt,gic-version=3'],
    trapdoor: ['--el', '1', '--gic', '3', '--cpus', '1', '--memory', '128M'] },
  { name: 'virt-timer-el2-gicv2', source: 'virt-timer-el2.S', qemu: ['-M', 'virt,virtualization=on,gic-version=2'],
    trapdoor: ['--el', '2', '--gic', '2', '--cpus', '1', '--memory', '128M'] },
  { name: 'virt-timer-el2-gicv3', source: 'virt-timer-el2.S', qemu: ['-M', 'virt,virtualization=on,gic-version=3'],
    trapdoor: ['--el', '2', '--gic', '3', '--cpus', '1', '--memory', '128M'] },
  { name: 'virt-hyp', source: 'virt-hyp.S', qemu: ['-M', 'virt,virtualization=on,gic-version=3'],
    trapdoor: ['--el', '2', '--gic', '3', '--cpus', '1', '--memory', '128M'] },
  { name: 'virt-vgic-gicv2', source: 'virt-vgic.S', qemu: ['-M', 'virt,virtualization=on,gic-version=2'],
    trapdoor: ['--el', '2', '--gic', '2', '--cpus', '1', '--memory', '128M'] },
  { name: 'virt-vgic-gicv3', source: 'virt-vgic.S', qemu: ['-M', 'virt,virtualization=on,gic-version=3'],
    trapdoor: ['--el', '2', '--gic', '3', '--cpus', '1', '--memory', '128M'] },
  { name: 'virt-unclaimed', source: 'virt-unclaimed.S', qemu: ['-M', 'virt,gic-version=2'],
    trapdoor: ['--el', '1', '--gic', '2', '--cpus', '1', '--memory', '128M'] },
  // secure=on: QEMU provides no PSCI, the guest ends with semihosting SYS_EXIT.
  { name: 'virt-el3', source: 'virt-el3.S', qemu: ['-M', 'virt,secure=on,virtualization=on', '-semihosting'],
    trapdoor: ['--el', '3', '--cpus', '1', '--memory', '128M'] },
];

let buildDir: string | undefined;

/** Assembles and links the guest at 0x40080000; returns the ELF's path (in a temp dir removed at exit). */
export function buildGuest(g: VirtGuest): string {
  if (!buildDir) {
    const dir = mkdtempSync(join(tmpdir(), 'trapdoor-virt-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    buildDir = dir;
  }
  const sources = join(repoRoot(), 'test/guests/virt');
  const obj = join(buildDir, `${g.name}.o`);
  const elf = join(buildDir, `${g.name}.elf`);
  execFileSync('aarch64-linux-gnu-as', ['-I', sources, '-o', obj, join(sources, g.source)], { stdio: ['ignore', 'ignore', 'pipe'] });
  execFileSync('aarch64-linux-gnu-ld', ['-Ttext=0x40080000', '-o', elf, obj], { stdio: ['ignore', 'ignore', 'pipe'] });
  return elf;
}

/** QEMU's command line for the guest's ELF. */
export function qemuArgs(g: VirtGuest, elf: string): string[] {
  return [...g.qemu, '-cpu', 'max', '-nographic', '-m', '128M', '-kernel', elf];
}

/** Runs the guest on qemu-system-aarch64 (20 s limit). PSCI SYSTEM_OFF and SYS_EXIT(ApplicationExit) exit 0. */
export function runOnQemu(g: VirtGuest): { status: number | null; stdout: string } {
  const r = spawnSync('qemu-system-aarch64', qemuArgs(g, buildGuest(g)), { input: g.stdin ?? '', encoding: 'utf8', timeout: 20000 });
  return { status: r.status, stdout: r.stdout };
}
