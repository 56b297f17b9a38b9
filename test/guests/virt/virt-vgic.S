// Virtual interrupts from an EL2 hypervisor to its EL1 guest: HCR_EL2.VI, then two list registers taken in priority
// order and ended by the guest, EL2 printing the list registers after. GICv3: ICH_* and the ICV registers behind
// ICC_*; GICv2: GICH, and GICV mapped by stage 2 at GICC's address.

        .include "virt-lib.S"

        .equ    LR_PENDING, 1 << 62
        .equ    LR_GROUP1, 1 << 60
        .equ    GICH, 0x08030000
        .equ    GICV, 0x08040000
        .equ    V2_LR_PENDING, 1 << 28                  // GICH_LR: Group 0, signalled as a virtual IRQ
        .equ    AF, 1 << 10
        .equ    S2NORMAL, (0xf << 2) | (3 << 6) | (3 << 8) | AF
        .equ    S2DEVICE, (3 << 6) | AF
        .equ    VTCR, 25 | (1 << 6) | (1 << 8) | (1 << 10) | (3 << 12) | (2 << 16) | (1 << 31)

main:   adr     x0, vectors_el2
        msr     vbar_el2, x0
        gicv3   x19
        show    "GIC system registers", x19
        bl      gic_init_dist
        bl      gic_init_cpu
        gicv3   x0
        cbz     x0, 1f
        mrs     x19, ich_vtr_el2
        show    "ICH_VTR_EL2", x19
        b       2f
1:      mov64   x0, GICH
        ldr     w19, [x0, #4]
        show    "GICH_VTR", x19
2:      bl      stage2
        mov64   x0, 0x30d00800                          // SCTLR_EL1: RES1 bits, MMU off
        msr     sctlr_el1, x0
        adr     x0, vectors_el1
        msr     vbar_el1, x0
        adr     x0, stacks + 2 * 4096                    // CPU1's stack slot: this guest runs on one CPU
        msr     sp_el1, x0
        mov64   x0, (1 << 31) | (1 << 7) | (1 << 4) | 1 // HCR_EL2.RW, VI (a virtual IRQ pending), IMO, VM
        msr     hcr_el2, x0
        mov     x0, #0x3c5
        msr     spsr_el2, x0
        adr     x0, guest
        msr     elr_el2, x0
        isb
        eret

guest:  say     "guest at EL1, IRQs masked\n"
        mrs     x19, isr_el1
        show    "ISR_EL1 with HCR_EL2.VI", x19
        msr     daifclr, #2
        isb
        msr     daifset, #2
        mrs     x19, isr_el1
        show    "ISR_EL1 after EL2 cleared VI", x19
        // The virtual CPU interface: under HCR_EL2.IMO ICC_* accesses go to ICV_*, and GICC's IPA is GICV.
        gicv3   x0
        cbz     x0, 3f
        mov     x0, #0xff
        msr     icc_pmr_el1, x0
        mov     x0, #1
        msr     icc_igrpen1_el1, x0
        isb
        b       4f
3:      mov64   x1, GICC
        mov     w0, #0xff
        str     w0, [x1, #4]
        mov     w0, #1
        str     w0, [x1]
4:
        adr     x0, phase
        mov     w1, #1
        str     w1, [x0]
        hvc     #2                                      // EL2 fills the list registers
        mrs     x19, isr_el1
        show    "ISR_EL1 with the list registers", x19
        msr     daifclr, #2
        mov64   x20, SPIN_LIMIT
1:      adr     x0, taken
        ldr     w0, [x0]
        cmp     w0, #2
        b.hs    2f
        subs    x20, x20, #1
        b.ne    1b
        b       timeout
2:      msr     daifset, #2
        hvc     #3                                      // EL2 prints the list registers
        hvc     #0

// EL1 IRQs. Phase 0: the HCR_EL2.VI interrupt, which only EL2 can withdraw (HVC #1). Phase 1: virtual GIC
// interrupts, acknowledged and ended through the ICV registers.
el1_exception:
        stp     x19, x20, [sp, #-32]!
        str     x30, [sp, #16]
        cmp     x0, #5
        b.ne    el1_unexpected
        adr     x0, phase
        ldr     w0, [x0]
        cbnz    w0, 1f
        say     "EL1 IRQ from HCR_EL2.VI\n"
        hvc     #1
        b       2f
1:      gicv3   x0
        cbz     x0, 3f
        mrs     x19, icc_iar1_el1
        mrs     x20, icc_rpr_el1
        b       4f
3:      mov64   x1, GICC
        ldr     w19, [x1, #0xc]
        ldr     w20, [x1, #0x14]
4:      say     "EL1 IRQ vINTID "
        mov     x0, x19
        bl      puthex
        show    " running priority", x20
        gicv3   x0
        cbz     x0, 5f
        msr     icc_eoir1_el1, x19
        isb
        b       6f
5:      mov64   x1, GICC
        str     w19, [x1, #0x10]
6:
        adr     x0, taken
        ldr     w1, [x0]
        add     w1, w1, #1
        str     w1, [x0]
2:      ldr     x30, [sp, #16]
        ldp     x19, x20, [sp], #32
        ret

el1_unexpected:
        mrs     x19, esr_el1
        show    "UNEXPECTED exception at EL1, ESR", x19
        hvc     #0

// EL2: HVC #1 clears HCR_EL2.VI; #2 enables the virtual CPU interface with vINTID 0x2a at priority 0xa0 in LR0 and
// 0x2b at 0x60 in LR1; #3 prints the list registers; #0 ends the run.
el2_exception:
        stp     x19, x20, [sp, #-32]!
        str     x30, [sp, #16]
        cmp     x0, #8
        b.ne    el2_unexpected
        mrs     x19, esr_el2
        lsr     x0, x19, #26
        cmp     x0, #0x16
        b.ne    el2_unexpected
        and     x20, x19, #0xffff
        show    "EL2: HVC, ESR", x19
        cbz     x20, poweroff
        cmp     x20, #1
        b.ne    1f
        mrs     x0, hcr_el2
        bic     x0, x0, #1 << 7
        msr     hcr_el2, x0
        b       3f
1:      gicv3   x1
        cmp     x20, #2
        b.ne    2f
        cbz     x1, 4f
        mov64   x0, LR_PENDING | LR_GROUP1 | (0xa0 << 48) | 0x2a
        msr     ich_lr0_el2, x0
        mov64   x0, LR_PENDING | LR_GROUP1 | (0x60 << 48) | 0x2b
        msr     ich_lr1_el2, x0
        mov     x0, #1                                  // ICH_HCR_EL2.En
        msr     ich_hcr_el2, x0
        b       3f
4:      mov64   x1, GICH
        mov64   x0, V2_LR_PENDING | ((0xa0 >> 3) << 23) | 0x2a
        str     w0, [x1, #0x100]
        mov64   x0, V2_LR_PENDING | ((0x60 >> 3) << 23) | 0x2b
        str     w0, [x1, #0x104]
        mov     w0, #1                                  // GICH_HCR.En
        str     w0, [x1]
        b       3f
2:      cbz     x1, 5f
        mrs     x19, ich_lr0_el2
        show    "EL2: ICH_LR0_EL2", x19
        mrs     x19, ich_lr1_el2
        show    "EL2: ICH_LR1_EL2", x19
        mrs     x19, ich_elrsr_el2
        show    "EL2: ICH_ELRSR_EL2", x19
        b       3f
5:      mov64   x20, GICH
        ldr     w19, [x20, #0x100]
        show    "EL2: GICH_LR0", x19
        ldr     w19, [x20, #0x104]
        show    "EL2: GICH_LR1", x19
        ldr     w19, [x20, #0x30]
        show    "EL2: GICH_ELRSR0", x19
3:      isb
        ldr     x30, [sp, #16]
        ldp     x19, x20, [sp], #32
        ret

el2_unexpected:
        mrs     x19, esr_el2
        show    "UNEXPECTED exception at EL2, ESR", x19
        b       poweroff

// Stage 2: RAM (IPA 1-2 GB) as one block, the PL011's page, and GICV at GICC's IPA (2 pages).
stage2: adr     x0, s2_l1
        adr     x1, s2_end
1:      stp     xzr, xzr, [x0], #16
        cmp     x0, x1
        b.lo    1b
        adr     x0, s2_l1
        adr     x1, s2_l2
        orr     x1, x1, #3
        str     x1, [x0]
        mov64   x1, 0x40000000 | S2NORMAL | 1
        str     x1, [x0, #8]
        adr     x0, s2_l2
        adr     x1, s2_l3_gic
        orr     x1, x1, #3
        str     x1, [x0, #(GICD >> 21) * 8]
        adr     x1, s2_l3_uart
        orr     x1, x1, #3
        str     x1, [x0, #(UART >> 21) * 8]
        adr     x0, s2_l3_uart
        mov64   x1, UART | S2DEVICE | 3
        str     x1, [x0]
        adr     x0, s2_l3_gic
        mov64   x1, GICV | S2DEVICE | 3
        str     x1, [x0, #((GICC >> 12) & 0x1ff) * 8]
        add     x1, x1, #0x1000
        str     x1, [x0, #(((GICC >> 12) & 0x1ff) + 1) * 8]
        mov64   x0, VTCR
        msr     vtcr_el2, x0
        adr     x0, s2_l1
        msr     vttbr_el2, x0
        dsb     sy
        tlbi    vmalls12e1
        dsb     sy
        isb
        ret

        vectors el2, el2_exception
        vectors el1, el1_exception

        .data
        .balign 4
phase:  .word   0
taken:  .word   0                                       // virtual GIC interrupts handled

        .bss
        .balign 4096
s2_l1:  .space  4096
s2_l2:  .space  4096
s2_l3_gic:
        .space  4096
s2_l3_uart:
        .space  4096
s2_end:
