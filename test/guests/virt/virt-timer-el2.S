// The timers from EL2 (virtualization=on): the EL2 physical timer CNTHP polled and by its PPI 26, CNTVOFF_EL2 and the
// EL1 virtual timer's PPI 27 taken at EL2, the EL2 virtual timer CNTHV polled, and CNTHCTL_EL2 trapping EL1's
// physical counter and timer. Prints only control values, syndromes and event order.

        .include "virt-lib.S"

        .equ    PPI_HPTIMER, 26
        .equ    PPI_VTIMER, 27

main:   adr     x0, vectors_el2
        msr     vbar_el2, x0
        mov64   x0, (1 << 31) | (1 << 4)                // HCR_EL2.RW, IMO: physical IRQs are taken at EL2
        msr     hcr_el2, x0
        mrs     x19, CurrentEL
        lsr     x19, x19, #2
        show    "at EL", x19

        say     "CNTHP, polled\n"
        msr     cnthp_cval_el2, xzr
        mov     x0, #3
        msr     cnthp_ctl_el2, x0
        isb
        mrs     x19, cnthp_ctl_el2
        show    "enabled, masked, CVAL 0: CTL", x19
        mov     x0, #1000
        msr     cnthp_tval_el2, x0
        mov64   x20, SPIN_LIMIT
1:      mrs     x19, cnthp_ctl_el2
        tbnz    x19, #2, 2f
        subs    x20, x20, #1
        b.ne    1b
        b       timeout
2:      show    "TVAL 1000 expired: CTL", x19
        msr     cnthp_ctl_el2, xzr

        bl      gic_init_dist
        bl      gic_init_cpu
        mov     x0, #PPI_HPTIMER
        mov     x1, #0x80
        bl      gic_enable
        mov     x0, #PPI_VTIMER
        mov     x1, #0x80
        bl      gic_enable
        msr     daifclr, #2

        say     "CNTHP by TVAL, IRQ\n"
        mov     x0, #2000
        msr     cnthp_tval_el2, x0
        mov     x0, #1
        msr     cnthp_ctl_el2, x0
        mov     x0, #1
        bl      await_irqs

        say     "CNTVOFF_EL2 1<<40\n"
        mov64   x0, 1 << 40
        msr     cntvoff_el2, x0
        isb
        mrs     x0, cntpct_el0
        mrs     x1, cntvct_el0
        sub     x0, x0, x1
        mov64   x1, 1 << 31                             // round: the two reads are a few ticks apart
        add     x0, x0, x1
        lsr     x19, x0, #32
        show    "(CNTPCT - CNTVCT) >> 32", x19
        mrs     x0, cntvct_el0
        add     x0, x0, #2000
        msr     cntv_cval_el0, x0
        mov     x0, #1
        msr     cntv_ctl_el0, x0
        mov     x0, #2
        bl      await_irqs
        msr     cntvoff_el2, xzr

        // QEMU 7.2 does not connect the EL2 virtual timer's output to the GIC (PPI 28): poll it.
        msr     daifset, #2
        say     "CNTHV, polled\n"
        msr     cnthv_cval_el2, xzr
        mov     x0, #3
        msr     cnthv_ctl_el2, x0
        isb
        mrs     x19, cnthv_ctl_el2
        show    "enabled, masked, CVAL 0: CTL", x19
        mrs     x0, cntpct_el0
        add     x0, x0, #1000
        msr     cnthv_cval_el2, x0
        mov64   x20, SPIN_LIMIT
4:      mrs     x19, cnthv_ctl_el2
        tbnz    x19, #2, 5f
        subs    x20, x20, #1
        b.ne    4b
        b       timeout
5:      show    "CVAL +1000 expired: CTL", x19
        msr     cnthv_ctl_el2, xzr

        say     "EL1 with CNTHCTL_EL2 0\n"
        msr     cnthctl_el2, xzr
        mov64   x0, 1 << 31                             // HCR_EL2.RW: EL1 is AArch64
        msr     hcr_el2, x0
        mov64   x0, 0x30d00800
        msr     sctlr_el1, x0
        mov     x0, #0x3c5
        msr     spsr_el2, x0
        adr     x0, el1
        msr     elr_el2, x0
        isb
        eret

el1:    mrs     x0, cntpct_el0
        mov     x0, #0
        msr     cntp_ctl_el0, x0
        mrs     x0, cntvct_el0
        say     "EL1 read CNTVCT_EL0 untrapped\n"
        hvc     #0x12

// Waits (bounded) until x0 timer interrupts have been handled in all.
await_irqs:
        mov64   x1, SPIN_LIMIT
        adr     x2, handled
1:      ldr     w3, [x2]
        cmp     w3, w0
        b.hs    2f
        subs    x1, x1, #1
        b.ne    1b
        b       timeout
2:      ret

// IRQs from EL2 (index 5): print the INTID and its timer's CTL, mask that timer. Synchronous exceptions from EL1
// (index 8): print ESR_EL2 and skip the instruction; HVC ends the run.
el2_exception:
        stp     x19, x20, [sp, #-32]!
        stp     x21, x30, [sp, #16]
        cmp     x0, #8
        b.eq    lower_sync
        cmp     x0, #5
        b.ne    unexpected
        bl      gic_ack
        mov     x19, x0
        mov     x20, x1
        say     "IRQ "
        mov     x0, x20
        bl      puthex
        mov     x0, #3
        cmp     x20, #PPI_HPTIMER
        b.ne    1f
        mrs     x21, cnthp_ctl_el2
        msr     cnthp_ctl_el2, x0
1:      cmp     x20, #PPI_VTIMER
        b.ne    2f
        mrs     x21, cntv_ctl_el0
        msr     cntv_ctl_el0, x0
2:      isb
        show    " CTL", x21
        mov     x0, x19
        bl      gic_eoi
        adr     x0, handled
        ldr     w1, [x0]
        add     w1, w1, #1
        str     w1, [x0]
        ldp     x21, x30, [sp, #16]
        ldp     x19, x20, [sp], #32
        ret

lower_sync:
        mrs     x19, esr_el2
        show    "EL2 took ESR_EL2", x19
        lsr     x0, x19, #26
        cmp     x0, #0x16
        b.eq    poweroff
        mrs     x0, elr_el2
        add     x0, x0, #4
        msr     elr_el2, x0
        ldp     x21, x30, [sp, #16]
        ldp     x19, x20, [sp], #32
        ret

unexpected:
        mrs     x19, esr_el2
        show    "UNEXPECTED exception, ESR", x19
        b       poweroff

        vectors el2, el2_exception

        .data
        .balign 4
handled:
        .word   0
