// The EL1 physical and virtual timers: CTL.ISTATUS polled with TVAL and CVAL, IMASK seen in ISR_EL1, and their
// PPIs (30 and 27) through the GIC. Prints only control values and event order, never counts.

        .include "virt-lib.S"

        .equ    PPI_PTIMER, 30
        .equ    PPI_VTIMER, 27
        .equ    FAR_AHEAD, 0x10000000                   // > 4 s at QEMU's 62.5 MHz: never expires during the run

main:   adr     x0, vectors_el1
        msr     vbar_el1, x0
        mrs     x19, cntfrq_el0
        show    "CNTFRQ_EL0", x19

        say     "physical timer, polled\n"
        msr     cntp_ctl_el0, xzr
        isb
        mrs     x19, cntp_ctl_el0
        show    "disabled CTL", x19
        msr     cntp_cval_el0, xzr                      // condition met, but the timer is off: ISTATUS stays 0
        isb
        mrs     x19, cntp_ctl_el0
        show    "disabled, CVAL 0: CTL", x19
        mov     x0, #3
        msr     cntp_ctl_el0, x0
        isb
        mrs     x19, cntp_ctl_el0
        show    "enabled, masked, CVAL 0: CTL", x19
        mov64   x0, FAR_AHEAD
        msr     cntp_tval_el0, x0
        isb
        mrs     x19, cntp_ctl_el0
        show    "TVAL far ahead: CTL", x19
        mrs     x0, cntp_tval_el0
        cmp     x0, #0
        cset    x19, gt
        show    "TVAL positive", x19
        mov64   x19, 0x123456789a
        msr     cntp_cval_el0, x19
        mrs     x19, cntp_cval_el0
        show    "CVAL reads back", x19
        mov     x0, #1000
        msr     cntp_tval_el0, x0
        mov64   x20, SPIN_LIMIT
1:      mrs     x19, cntp_ctl_el0
        tbnz    x19, #2, 2f
        subs    x20, x20, #1
        b.ne    1b
        b       timeout
2:      show    "TVAL 1000 expired: CTL", x19
        mrs     x0, cntp_tval_el0
        sxtw    x0, w0
        cmp     x0, #0
        cset    x19, le
        show    "TVAL not positive", x19
        msr     cntp_ctl_el0, xzr

        say     "virtual timer, IMASK and ISR_EL1\n"
        bl      gic_init_dist
        bl      gic_init_cpu
        mov     x0, #PPI_PTIMER
        mov     x1, #0x40
        bl      gic_enable
        mov     x0, #PPI_VTIMER
        mov     x1, #0x80
        bl      gic_enable
        msr     cntv_cval_el0, xzr
        mov     x0, #3
        msr     cntv_ctl_el0, x0
        isb
        mrs     x19, cntv_ctl_el0
        show    "CNTV_CTL", x19
        mrs     x19, isr_el1
        show    "masked: ISR_EL1", x19
        mov     x0, #1
        msr     cntv_ctl_el0, x0
        isb
        mov64   x20, SPIN_LIMIT                         // the GIC may take a moment to signal the CPU
3:      mrs     x19, isr_el1
        cbnz    x19, 4f
        subs    x20, x20, #1
        b.ne    3b
4:      show    "unmasked: ISR_EL1", x19
        msr     daifclr, #2
        mov     x0, #1
        bl      await_irqs

        say     "virtual timer by TVAL, IRQ\n"
        mov     x0, #2000
        msr     cntv_tval_el0, x0
        mov     x0, #1
        msr     cntv_ctl_el0, x0
        mov     x0, #2
        bl      await_irqs

        say     "physical timer by CVAL, IRQ\n"
        mrs     x0, cntpct_el0
        add     x0, x0, #2000
        msr     cntp_cval_el0, x0
        mov     x0, #1
        msr     cntp_ctl_el0, x0
        mov     x0, #3
        bl      await_irqs

        // Programmed with IRQs masked, and the physical timer at the higher priority: should the host stall and
        // both expire before the CPU takes either, the order stays the same.
        say     "both: physical soon, virtual later\n"
        msr     daifset, #2
        mrs     x0, cntvct_el0
        mov64   x1, 100000
        add     x0, x0, x1
        msr     cntv_cval_el0, x0
        mrs     x0, cntpct_el0
        add     x0, x0, #500
        msr     cntp_cval_el0, x0
        mov     x0, #1
        msr     cntv_ctl_el0, x0
        msr     cntp_ctl_el0, x0
        msr     daifclr, #2
        mov     x0, #5
        bl      await_irqs
        b       poweroff

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

// IRQ: prints the INTID and its timer's CTL, then masks that timer (its output is level-sensitive).
el1_exception:
        stp     x19, x20, [sp, #-32]!
        stp     x21, x30, [sp, #16]
        cmp     x0, #5
        b.ne    unexpected_el1
        bl      gic_ack
        mov     x19, x0
        mov     x20, x1
        say     "IRQ "
        mov     x0, x20
        bl      puthex
        cmp     x20, #PPI_VTIMER
        b.ne    1f
        mrs     x21, cntv_ctl_el0
        show    " CNTV_CTL", x21
        mov     x0, #3
        msr     cntv_ctl_el0, x0
        b       3f
1:      cmp     x20, #PPI_PTIMER
        b.ne    2f
        mrs     x21, cntp_ctl_el0
        show    " CNTP_CTL", x21
        mov     x0, #3
        msr     cntp_ctl_el0, x0
        b       3f
2:      bl      newline
3:      isb
        mov     x0, x19
        bl      gic_eoi
        adr     x0, handled
        ldr     w1, [x0]
        add     w1, w1, #1
        str     w1, [x0]
        ldp     x21, x30, [sp, #16]
        ldp     x19, x20, [sp], #32
        ret

        vectors el1, el1_exception

        .data
        .balign 4
handled:
        .word   0
