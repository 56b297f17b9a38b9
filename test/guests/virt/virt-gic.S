// GIC at EL1 on 2 CPUs, either version: a self SGI, the virtual timer PPI, an SPI pended through GICD_ISPENDR,
// all three pending at once (taken in priority order), preemption of an SPI by a higher-priority one, and an SGI to
// CPU1. Every handler prints the INTID it acknowledged and the running priority.

        .include "virt-lib.S"

        .equ    SGI_SELF, 1
        .equ    SGI_OTHER, 3
        .equ    PPI_VTIMER, 27
        .equ    SPI_LOW, 40
        .equ    SPI_HIGH, 41

        // Waits (bounded) until the word at flags + \offset is at least \value.
        .macro await offset, value
        mov64   x22, SPIN_LIMIT
9004:   adr     x0, flags + \offset
        ldar    w0, [x0]
        cmp     w0, #\value
        b.hs    9005f
        subs    x22, x22, #1
        b.ne    9004b
        b       timeout
9005:
        .endm

        .equ    HANDLED, 0                              // flags: interrupts handled by CPU0
        .equ    PREEMPT, 4                              // SPI_LOW's handler pends SPI_HIGH and lets it preempt
        .equ    CPU1_READY, 8
        .equ    CPU1_HANDLED, 12

main:   adr     x0, vectors_el1
        msr     vbar_el1, x0
        mrs     x0, mpidr_el1
        ands    x0, x0, #0xff
        b.ne    secondary
        gicv3   x19
        show    "GIC system registers", x19
        bl      gic_init_dist
        bl      gic_init_cpu
        mov     x0, #SGI_SELF
        mov     x1, #0xa0
        bl      gic_enable
        mov     x0, #PPI_VTIMER
        mov     x1, #0x60
        bl      gic_enable
        mov     x0, #SPI_LOW
        mov     x1, #0x80
        bl      gic_enable
        mov     x0, #SPI_HIGH
        mov     x1, #0x40
        bl      gic_enable

        say     "self SGI\n"
        mov     x0, #SGI_SELF
        mov     x1, #0
        bl      gic_sgi
        msr     daifclr, #2
        await   HANDLED, 1
        msr     daifset, #2

        say     "virtual timer PPI\n"
        bl      vtimer_fire
        msr     daifclr, #2
        await   HANDLED, 2
        msr     daifset, #2

        say     "SPI by GICD_ISPENDR\n"
        mov     x0, #SPI_LOW
        bl      gic_pend_spi
        msr     daifclr, #2
        await   HANDLED, 3
        msr     daifset, #2

        say     "all three pending, masked\n"
        mov     x0, #SGI_SELF
        mov     x1, #0
        bl      gic_sgi
        bl      vtimer_fire
        mov     x0, #SPI_LOW
        bl      gic_pend_spi
        dsb     sy
        isb
        mrs     x19, isr_el1
        show    "ISR_EL1", x19
        msr     daifclr, #2
        await   HANDLED, 6
        msr     daifset, #2

        say     "preemption\n"
        adr     x0, flags
        mov     w1, #1
        str     w1, [x0, #PREEMPT]
        mov     x0, #SPI_LOW
        bl      gic_pend_spi
        msr     daifclr, #2
        await   HANDLED, 8
        msr     daifset, #2

        say     "SGI to CPU1\n"
        mov64   x0, PSCI_CPU_ON
        mov     x1, #1
        adr     x2, _start
        mov     x3, #0
        bl      psci
        await   CPU1_READY, 1
        mov     x0, #SGI_OTHER
        mov     x1, #1
        bl      gic_sgi
        await   CPU1_HANDLED, 1
        b       poweroff

// The virtual timer condition met at once (CVAL 0 is in the past), enabled and unmasked.
vtimer_fire:
        msr     cntv_cval_el0, xzr
        mov     x0, #1
        msr     cntv_ctl_el0, x0
        isb
        ret

secondary:
        bl      gic_init_cpu
        mov     x0, #SGI_OTHER
        mov     x1, #0x80
        bl      gic_enable
        msr     daifclr, #2
        adr     x0, flags + CPU1_READY
        mov     w1, #1
        stlr    w1, [x0]
1:      wfi
        b       1b

// IRQ handler; keeps ELR/SPSR in callee-saved registers so that SPI_LOW's handler can unmask IRQs.
el1_exception:
        stp     x19, x20, [sp, #-48]!
        stp     x21, x22, [sp, #16]
        stp     x23, x30, [sp, #32]
        cmp     x0, #5
        b.ne    unexpected_el1
        mrs     x19, elr_el1
        mrs     x20, spsr_el1
        bl      gic_ack
        mov     x21, x0
        mov     x23, x1
        mrs     x0, mpidr_el1
        ands    x0, x0, #0xff
        b.eq    1f
        say     "CPU1 "
1:      say     "IRQ "
        mov     x0, x23
        bl      puthex
        gicv3   x0
        cbz     x0, 2f
        mrs     x8, icc_rpr_el1
        b       3f
2:      mov64   x0, GICC
        ldr     w8, [x0, #0x14]
3:      say     " running priority "
        mov     x0, x8
        bl      puthex
        bl      newline

        adr     x22, flags
        cmp     x23, #PPI_VTIMER
        b.ne    4f
        msr     cntv_ctl_el0, xzr                       // level-sensitive: stop asserting before the EOI
        isb
4:      cmp     x23, #SPI_LOW
        b.ne    5f
        ldr     w0, [x22, #PREEMPT]
        cbz     w0, 5f
        str     wzr, [x22, #PREEMPT]
        mov     x0, #SPI_HIGH
        bl      gic_pend_spi
        ldr     w0, [x22, #HANDLED]
        add     w23, w0, #1
        msr     daifclr, #2
        mov64   x0, SPIN_LIMIT
6:      ldar    w1, [x22]                               // HANDLED
        cmp     w1, w23
        b.hs    7f
        subs    x0, x0, #1
        b.ne    6b
        b       timeout
7:      msr     daifset, #2
        say     "back in the handler of INTID 0x28\n"
5:      mov     x0, x21
        bl      gic_eoi
        mrs     x0, mpidr_el1
        ands    x0, x0, #0xff
        mov     x1, #HANDLED
        mov     x2, #CPU1_HANDLED
        csel    x1, x1, x2, eq
        add     x1, x22, x1
        ldr     w0, [x1]
        add     w0, w0, #1
        stlr    w0, [x1]
        msr     elr_el1, x19
        msr     spsr_el1, x20
        ldp     x23, x30, [sp, #32]
        ldp     x21, x22, [sp, #16]
        ldp     x19, x20, [sp], #48
        ret

        vectors el1, el1_exception

        .data
        .balign 4
flags:  .word   0, 0, 0, 0
