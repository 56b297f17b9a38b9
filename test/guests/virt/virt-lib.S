// Shared part of the QEMU-virt test guests (.include "virt-lib.S", assembled with -I test/guests/virt): PL011
// output (say, show, puthex), PSCI calls and power-off, GIC helpers for either version, bounded waits, per-CPU
// stacks, and vector tables that save the caller-saved registers and call a handler with the entry index.

        .arch   armv8.2-a

        .equ    UART, 0x09000000
        .equ    GICD, 0x08000000
        .equ    GICC, 0x08010000
        .equ    GICR, 0x080a0000
        .equ    PSCI_VERSION, 0x84000000
        .equ    PSCI_CPU_OFF, 0x84000002
        .equ    PSCI_CPU_ON, 0xc4000003
        .equ    PSCI_AFFINITY_INFO, 0xc4000004
        .equ    PSCI_SYSTEM_OFF, 0x84000008
        .equ    PSCI_FEATURES, 0x8400000a
        // Spin bound of every wait for an event: far beyond what any event needs on either machine.
        .equ    SPIN_LIMIT, 50000000

        .macro mov64 reg, value
        movz    \reg, #((\value) & 0xffff)
        movk    \reg, #(((\value) >> 16) & 0xffff), lsl #16
        movk    \reg, #(((\value) >> 32) & 0xffff), lsl #32
        movk    \reg, #(((\value) >> 48) & 0xffff), lsl #48
        .endm

        // Prints the string literal \text (no newline added).
        .macro say text
        adr     x0, 9001f
        bl      puts
        b       9002f
9001:   .asciz  "\text"
        .balign 4
9002:
        .endm

        // Prints "<text> 0x<reg>\n". Clobbers x0-x8.
        .macro show text, reg
        mov     x8, \reg
        say     "\text "
        mov     x0, x8
        bl      puthex
        bl      newline
        .endm

        // Vector table at label vectors_\name: every entry saves x0-x18, x29 and x30, calls \handler with x0 = the
        // entry index (0-15: sync, irq, fiq, serror for SP0, SPx, lower AArch64, lower AArch32), restores, erets.
        .macro vectors name, handler
        .balign 2048
vectors_\name:
        .irp    index, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
        sub     sp, sp, #176
        stp     x0, x1, [sp]
        stp     x2, x3, [sp, #16]
        mov     x0, #\index
        b       9003f
        .balign 128
        .endr
9003:   stp     x4, x5, [sp, #32]
        stp     x6, x7, [sp, #48]
        stp     x8, x9, [sp, #64]
        stp     x10, x11, [sp, #80]
        stp     x12, x13, [sp, #96]
        stp     x14, x15, [sp, #112]
        stp     x16, x17, [sp, #128]
        stp     x18, x29, [sp, #144]
        str     x30, [sp, #160]
        bl      \handler
        ldp     x2, x3, [sp, #16]
        ldp     x4, x5, [sp, #32]
        ldp     x6, x7, [sp, #48]
        ldp     x8, x9, [sp, #64]
        ldp     x10, x11, [sp, #80]
        ldp     x12, x13, [sp, #96]
        ldp     x14, x15, [sp, #112]
        ldp     x16, x17, [sp, #128]
        ldp     x18, x29, [sp, #144]
        ldr     x30, [sp, #160]
        ldp     x0, x1, [sp]
        add     sp, sp, #176
        eret
        .endm

        // Waits (bounded) until bit \bit of the word at [\base, #\offset] is 0. Clobbers w0, x2.
        .macro await_clear base, offset, bit
        mov64   x2, SPIN_LIMIT
9006:   ldr     w0, [\base, #\offset]
        tbz     w0, #\bit, 9007f
        subs    x2, x2, #1
        b.ne    9006b
        b       timeout
9007:
        .endm

        .text
        .global _start
_start:
        // Stack: 4 KB per CPU, indexed by MPIDR.Aff0.
        mrs     x9, mpidr_el1
        and     x9, x9, #0xff
        adr     x10, stacks
        add     x9, x9, #1
        add     x10, x10, x9, lsl #12
        mov     sp, x10
        b       main

// Writes the byte in w0, waiting while the transmit FIFO is full. Clobbers x1, x2.
putc:   mov64   x1, UART
1:      ldr     w2, [x1, #0x18]
        tbnz    w2, #5, 1b
        strb    w0, [x1]
        ret

// Prints the NUL-terminated string at x0. Clobbers x0-x5.
puts:   mov     x3, x30
        mov     x5, x0
1:      ldrb    w0, [x5], #1
        cbz     w0, 2f
        bl      putc
        b       1b
2:      ret     x3

newline:
        mov     x4, x30
        mov     w0, #'\n'
        bl      putc
        ret     x4

// Prints x0 as 0x<hex> without leading zeros. Clobbers x0-x7.
puthex: mov     x7, x30
        mov     x5, x0
        mov     w0, #'0'
        bl      putc
        mov     w0, #'x'
        bl      putc
        mov     x6, #60
        mov     x4, #0                                  // a non-zero digit has been printed
1:      lsr     x0, x5, x6
        and     x0, x0, #0xf
        orr     x4, x4, x0
        cbnz    x4, 2f
        cbnz    x6, 3f
2:      cmp     x0, #10
        add     x3, x0, #'0'
        add     x0, x0, #'a' - 10
        csel    x0, x0, x3, hs
        bl      putc
3:      subs    x6, x6, #4
        b.pl    1b
        ret     x7

// PSCI call with function x0 and arguments x1-x3; result in x0. The conduit is the one QEMU's DTB names: SMC when
// the guest runs at EL2 (virtualization=on), HVC at EL1.
psci:   mrs     x4, CurrentEL
        cmp     x4, #8
        b.eq    1f
        hvc     #0
        ret
1:      smc     #0
        ret

// An EL1 exception a guest did not expect: report ESR_EL1 and power off.
unexpected_el1:
        mrs     x19, esr_el1
        show    "UNEXPECTED exception, ESR", x19
        b       poweroff

// Ends the run with exit status 0: PSCI SYSTEM_OFF below EL3, semihosting SYS_EXIT (ApplicationExit) at EL3.
poweroff:
        say     "done\n"
        mrs     x4, CurrentEL
        cmp     x4, #12
        b.eq    1f
        mov64   x0, PSCI_SYSTEM_OFF
        bl      psci
        b       .
1:      adr     x1, exitblock
        mov     x0, #0x18
        hlt     #0xf000
        b       .

// Prints "TIMEOUT" and powers off: the reaction to an event that never came.
timeout:
        say     "TIMEOUT\n"
        b       poweroff

// The GIC, either version: QEMU's gic-version shows in ID_AA64PFR0_EL1.GIC (system-register CPU interface).
// GICv3 interrupts all go to Group 1 (QEMU virt without secure=on has one security state, GICD_CTLR.DS = 1).
// Each routine clobbers x0-x7 only.

        .macro gicv3 reg
        mrs     \reg, id_aa64pfr0_el1
        ubfx    \reg, \reg, #24, #4
        .endm

// x6 = this CPU's GICv3 redistributor SGI frame.
gicr_sgi:
        mrs     x6, mpidr_el1
        and     x6, x6, #0xff
        mov64   x5, GICR + 0x10000
        add     x6, x5, x6, lsl #17
        ret

// The distributor, once (CPU0): enabled, SPIs 32-63 in Group 1 under GICv3.
gic_init_dist:
        mov64   x1, GICD
        gicv3   x7
        cbz     x7, 2f
        mov     w0, #0x10                               // ARE before the group enables, as the GICv3 spec asks
        str     w0, [x1]
        await_clear x1, 0, 31                           // GICD_CTLR.RWP
        mov     w0, #-1
        str     w0, [x1, #0x84]
        mov     w0, #0x12
        str     w0, [x1]
        ret
2:      mov     w0, #1
        str     w0, [x1]
        ret

// This CPU's interface (and its redistributor under GICv3): awake, SGIs/PPIs in Group 1, all priorities pass.
gic_init_cpu:
        mov     x7, x30
        gicv3   x0
        cbz     x0, 3f
        bl      gicr_sgi
        sub     x1, x6, #0x10000
        ldr     w0, [x1, #0x14]                         // GICR_WAKER.ProcessorSleep off, wait for ChildrenAsleep off
        bic     w0, w0, #2
        str     w0, [x1, #0x14]
        await_clear x1, 0x14, 2
        mov     w0, #-1
        str     w0, [x6, #0x80]
        mrs     x0, CurrentEL
        cmp     x0, #8
        b.ne    2f
        mov     x0, #0xf                                // ICC_SRE_EL2: SRE, DFB, DIB, and Enable for EL1
        msr     icc_sre_el2, x0
        isb
2:      mov     x0, #7
        msr     icc_sre_el1, x0
        isb
        mov     x0, #0xff
        msr     icc_pmr_el1, x0
        mov     x0, #1
        msr     icc_igrpen1_el1, x0
        isb
        ret     x7
3:      mov64   x1, GICC
        mov     w0, #0xff
        str     w0, [x1, #4]
        mov     w0, #1
        str     w0, [x1]
        ret     x7

// Enables INTID x0 at priority x1; an SPI goes to CPU0.
gic_enable:
        mov     x4, x30
        mov64   x6, GICD
        gicv3   x7
        cbz     x7, 1f
        cmp     x0, #32
        b.hs    1f
        bl      gicr_sgi
1:      add     x2, x6, #0x400
        strb    w1, [x2, x0]
        cmp     x0, #32
        b.lo    2f
        cbz     x7, 3f
        add     x2, x6, #0x6000                         // GICD_IROUTER: Aff 0.0.0.0, its reset value is UNKNOWN
        str     xzr, [x2, x0, lsl #3]
        b       2f
3:      add     x2, x6, #0x800
        mov     w1, #1
        strb    w1, [x2, x0]
2:      lsr     x2, x0, #5
        add     x3, x6, #0x100
        and     x0, x0, #31
        mov     w1, #1
        lsl     w1, w1, w0
        str     w1, [x3, x2, lsl #2]
        ret     x4

// Makes SPI x0 pending through GICD_ISPENDR.
gic_pend_spi:
        mov64   x6, GICD + 0x200
        lsr     x2, x0, #5
        and     x0, x0, #31
        mov     w1, #1
        lsl     w1, w1, w0
        str     w1, [x6, x2, lsl #2]
        ret

// Sends SGI x0 to the CPU with MPIDR.Aff0 = x1.
gic_sgi:
        gicv3   x7
        cbz     x7, 1f
        mov     x2, #1
        lsl     x2, x2, x1
        orr     x2, x2, x0, lsl #24
        msr     icc_sgi1r_el1, x2
        isb
        ret
1:      mov64   x6, GICD
        mov     w2, #1
        lsl     w2, w2, w1
        orr     w2, w0, w2, lsl #16
        str     w2, [x6, #0xf00]
        ret

// Acknowledges: x0 = the IAR value (give it back to gic_eoi), x1 = its INTID.
gic_ack:
        gicv3   x7
        cbz     x7, 1f
        mrs     x0, icc_iar1_el1
        and     x1, x0, #0xffffff
        ret
1:      mov64   x6, GICC
        ldr     w0, [x6, #0xc]
        and     x1, x0, #0x3ff
        ret

// Ends the interrupt acknowledged as x0 (priority drop and deactivation).
gic_eoi:
        gicv3   x7
        cbz     x7, 1f
        msr     icc_eoir1_el1, x0
        isb
        ret
1:      mov64   x6, GICC
        str     w0, [x6, #0x10]
        ret

        .balign 8
exitblock: .quad 0x20026, 0

        .pushsection .bss
        .balign 4096
stacks: .space  4096 * 4
        .popsection
