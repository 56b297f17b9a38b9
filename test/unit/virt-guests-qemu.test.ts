// Self-check of the QEMU-virt test guests on the reference: each builds, runs on qemu-system-aarch64, exits 0 and
// prints the lines below, which follow from the architecture and QEMU's board (the Trapdoor comparison is elsewhere).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VIRT_GUESTS, runOnQemu } from '../support/virtGuests';

const UART = ['hello from EL1 through the PL011', 'id 0x11 0x10 0x14 0x0 0xd 0xf0 0x5 0xb1', 'poll: ABCDEFGH', 'irq: ijklmnop',
  'first IRQ INTID 0x21\nFR 0x90\nRIS 0x20\nMIS 0x0\nIMSC 0x10'];
const SMP = ['PSCI_VERSION 0x10001', 'PSCI_FEATURES 0xc4000003 0x0', 'PSCI_FEATURES 0x8400000f 0xffffffffffffffff',
  'AFFINITY_INFO cpu 0x7 0xfffffffffffffffe\nCPU_ON cpu 0x7 0xfffffffffffffffe', 'before CPU_ON: AFFINITY_INFO cpu 0x3 0x1', 'CPU_ON cpu 0x3 0x0', 'CPU_ON cpu1 again 0xfffffffffffffffc',
  'after: AFFINITY_INFO cpu 0x2 0x0', 'after CPU_OFF: AFFINITY_INFO cpu3 0x1'];
const SECONDARIES = (el: number) => [1, 2, 3].map((n) => `secondary MPIDR 0x8000000${n} EL 0x${el} context 0x${n}${n}`);
const GIC = ['self SGI', 'IRQ 0x1 running priority 0xa0', 'ISR_EL1 0x80',
  'all three pending, masked\nISR_EL1 0x80\nIRQ 0x1b running priority 0x60\nIRQ 0x28 running priority 0x80\nIRQ 0x1 running priority 0xa0',
  'IRQ 0x28 running priority 0x80\nIRQ 0x29 running priority 0x40\nback in the handler of INTID 0x28', 'CPU1 IRQ 0x3 running priority 0x80'];
const TIMER_EL1 = ['CNTFRQ_EL0 0x3b9aca0', 'enabled, masked, CVAL 0: CTL 0x7', 'TVAL far ahead: CTL 0x3', 'TVAL 1000 expired: CTL 0x7',
  'masked: ISR_EL1 0x0', 'unmasked: ISR_EL1 0x80', 'IRQ 0x1e CNTP_CTL 0x5\nIRQ 0x1b CNTV_CTL 0x5\ndone'];
const TIMER_EL2 = ['at EL 0x2', 'IRQ 0x1a CTL 0x5', '(CNTPCT - CNTVCT) >> 32 0x100\nIRQ 0x1b CTL 0x5', 'CVAL +1000 expired: CTL 0x7',
  'EL2 took ESR_EL2 0x6232f801', 'EL2 took ESR_EL2 0x6232f804', 'EL2 took ESR_EL2 0x5a000012'];

const VGIC = ['ISR_EL1 with HCR_EL2.VI 0x80\nEL1 IRQ from HCR_EL2.VI\nEL2: HVC, ESR 0x5a000001\nISR_EL1 after EL2 cleared VI 0x0',
  'ISR_EL1 with the list registers 0x80\nEL1 IRQ vINTID 0x2b running priority 0x60\nEL1 IRQ vINTID 0x2a running priority 0xa0'];

const EXPECTED: Record<string, string[]> = {
  'virt-uart-gicv2': [...UART, 'GIC system registers 0x0'],
  'virt-uart-gicv3': [...UART, 'GIC system registers 0x1'],
  'virt-smp-el1': ['CPU0 at EL 0x1', ...SMP, SECONDARIES(1).join('\n')],
  'virt-smp-el2': ['CPU0 at EL 0x2', ...SMP, SECONDARIES(2).join('\n')],
  'virt-gic-gicv2': ['GIC system registers 0x0', ...GIC],
  'virt-gic-gicv3': ['GIC system registers 0x1', ...GIC],
  'virt-timer-el1-gicv2': TIMER_EL1,
  'virt-timer-el1-gicv3': TIMER_EL1,
  'virt-timer-el2-gicv2': TIMER_EL2,
  'virt-timer-el2-gicv3': TIMER_EL2,
  'virt-hyp': [
    'EL2: ESR 0x93030007 FAR 0x40601000 HPFAR 0x406010', 'guest: ldrb w3, [x1] -> 0x11',
    'EL2: ESR 0x932a8007 FAR 0x40601008 HPFAR 0x406010', 'guest: ldrsb x10, [x1, #8] -> 0xffffffffffffff88',
    'guest: ldrsh w11, [x1, #14] -> 0xffffffee', 'EL2: ESR 0x939f0047 FAR 0x4060100c HPFAR 0x406010',
    'guest: ldr x16, [x1] -> 0x123466554433ab11', 'EL2: ESR 0x92000007 FAR 0x40601000 HPFAR 0x406010',
    'EL2: ESR 0x93840006 FAR 0xa000004 HPFAR 0xa0000', 'EL2: HVC, ESR 0x5a000042', 'guest: HVC #0x42 returned 0x1042',
  ],
  'virt-vgic-gicv2': [...VGIC, 'GICH_VTR 0x90000003', 'EL2: GICH_LR0 0xa00002a\nEL2: GICH_LR1 0x600002b\nEL2: GICH_ELRSR0 0xf'],
  'virt-vgic-gicv3': [...VGIC, 'ICH_VTR_EL2 0x90b80003',
    'EL2: ICH_LR0_EL2 0x10a000000000002a\nEL2: ICH_LR1_EL2 0x106000000000002b\nEL2: ICH_ELRSR_EL2 0xf'],
  'virt-unclaimed': ['reads and writes where nothing answers\nESR 0x96000010\nFAR 0xa800000\nafter the load, w1 0x77',
    'ESR 0x96000050\nFAR 0xa800008\nafter the store'],
  'virt-el3': ['started at EL 0x3', 'SCR_EL3 0x531', 'now at EL 0x2\nnow at EL 0x1', 'EL1: ESR 0x56000005',
    'EL3: ESR 0x5e000031', 'EL2: ESR 0x5e000041', 'back at EL 0x2', 'EL3: ESR 0x5e000033'],
};

test('every guest has expectations', () => {
  assert.deepEqual(VIRT_GUESTS.map((g) => g.name).sort(), Object.keys(EXPECTED).sort());
});

for (const g of VIRT_GUESTS) {
  test(`${g.name} on qemu-system-aarch64 ${g.qemu.join(' ')}`, () => {
    const { status, stdout } = runOnQemu(g);
    assert.equal(status, 0, stdout);
    assert.ok(stdout.endsWith('\ndone\n'), stdout);
    assert.doesNotMatch(stdout, /TIMEOUT|UNEXPECTED/);
    // Each expectation is a run of lines, its last one possibly a prefix.
    for (const lines of EXPECTED[g.name]) assert.ok(`\n${stdout}`.includes(`\n${lines}`), `${lines}\n--- in ---\n${stdout}`);
  });
}
