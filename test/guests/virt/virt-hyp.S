// A small hypervisor (EL2, virtualization=on): stage 2 maps RAM and the PL011 but leaves a hole over a fake device
// page at IPA 0x40601000; its EL1 guest loads and stores there in every size, EL2 prints ESR/FAR/HPFAR_EL2 and
// emulates each access from the syndrome (ISV, SAS, SSE, SRT, SF, WnR). Also HVCs with their immediates.

        .include "virt-lib.S"

        .equ    FAKE, 0x40601000                        // the hole: a page of RAM that stage 2 leaves unmapped
        .equ    UNMAPPED, 0x0a000000                    // device space with nothing mapped: reads as zero here
        .equ    AF, 1 << 10
        .equ    S2NORMAL, (0xf << 2) | (3 << 6) | (3 << 8) | AF // MemAttr Normal WB, S2AP RW, Inner Shareable
        .equ    S2DEVICE, (0 << 2) | (3 << 6) | AF      // MemAttr Device-nGnRnE, S2AP RW
        // 4 KB granule, T0SZ 25 (39-bit IPA), SL0 1 (start at level 1), WB caches, Inner Shareable, PS 40 bits.
        .equ    VTCR, 25 | (1 << 6) | (1 << 8) | (1 << 10) | (3 << 12) | (2 << 16) | (1 << 31)

main:   adr     x0, vectors_el2
        msr     vbar_el2, x0
        mrs     x19, CurrentEL
        lsr     x19, x19, #2
        show    "hypervisor at EL", x19

        adr     x0, s2_l1                               // the tables, zeroed (not left to the loader)
        adr     x1, s2_end
0:      stp     xzr, xzr, [x0], #16
        cmp     x0, x1
        b.lo    0b
        // Level 1: IPA 0-1 GB (devices) and 1-2 GB (RAM) through level-2 tables.
        adr     x0, s2_l1
        adr     x1, s2_l2_dev
        orr     x1, x1, #3
        str     x1, [x0]
        adr     x1, s2_l2_ram
        orr     x1, x1, #3
        str     x1, [x0, #8]
        // Devices: only the PL011's page, through a level-3 table at 2 MB block 0x09000000 >> 21.
        adr     x0, s2_l2_dev
        adr     x1, s2_l3_uart
        orr     x1, x1, #3
        str     x1, [x0, #(UART >> 21) * 8]
        mov64   x1, UART | S2DEVICE | 3
        adr     x0, s2_l3_uart
        str     x1, [x0]
        // RAM: 64 2 MB blocks (128 MB), except that the one holding FAKE is a level-3 table without FAKE's page.
        adr     x0, s2_l2_ram
        mov64   x1, 0x40000000 | S2NORMAL | 1
        mov     x2, #64
1:      str     x1, [x0], #8
        add     x1, x1, #1 << 21
        subs    x2, x2, #1
        b.ne    1b
        adr     x0, s2_l2_ram
        adr     x1, s2_l3_hole
        orr     x1, x1, #3
        str     x1, [x0, #((FAKE - 0x40000000) >> 21) * 8]
        adr     x0, s2_l3_hole
        mov64   x1, (FAKE & ~0x1fffff) | S2NORMAL | 3
        mov     x2, #512
2:      str     x1, [x0], #8
        add     x1, x1, #1 << 12
        subs    x2, x2, #1
        b.ne    2b
        adr     x0, s2_l3_hole
        str     xzr, [x0, #((FAKE >> 12) & 0x1ff) * 8]

        mov64   x0, VTCR
        msr     vtcr_el2, x0
        adr     x0, s2_l1
        orr     x0, x0, #1 << 48                        // VMID 1
        msr     vttbr_el2, x0
        mov64   x0, (1 << 31) | 1                       // HCR_EL2.RW (EL1 is AArch64), VM (stage 2 on)
        msr     hcr_el2, x0
        dsb     sy
        tlbi    vmalls12e1
        dsb     sy
        isb
        mov64   x0, 0x30d00800                          // SCTLR_EL1: RES1 bits, MMU and caches off
        msr     sctlr_el1, x0
        adr     x0, vectors_el1
        msr     vbar_el1, x0
        adr     x0, stacks + 2 * 4096                    // CPU1's stack slot: this guest runs on one CPU
        msr     sp_el1, x0
        mov     x0, #0x3c5
        msr     spsr_el2, x0
        adr     x0, guest
        msr     elr_el2, x0
        isb
        eret

        // EL1: one access to the hole, then prints the register it loaded or stored.
        .macro access text, insn, reg
        mov64   x1, FAKE
        \insn
        show    "guest: \text ->", \reg
        .endm

guest:  say     "guest at EL1\n"
        access  "ldrb w3, [x1]", "ldrb w3, [x1]", x3
        access  "ldrh w5, [x1, #2]", "ldrh w5, [x1, #2]", x5
        access  "ldr w7, [x1, #4]", "ldr w7, [x1, #4]", x7
        access  "ldr x9, [x1, #8]", "ldr x9, [x1, #8]", x9
        access  "ldrsb x10, [x1, #8]", "ldrsb x10, [x1, #8]", x10
        access  "ldrsh w11, [x1, #14]", "ldrsh w11, [x1, #14]", x11
        access  "ldrsw x12, [x1, #12]", "ldrsw x12, [x1, #12]", x12
        mov     w13, #0xab
        access  "strb w13, [x1, #1]", "strb w13, [x1, #1]", x13
        mov     w14, #0x1234
        access  "strh w14, [x1, #6]", "strh w14, [x1, #6]", x14
        mov64   x15, 0x0123456789abcdef
        access  "str x15, [x1, #8]", "str x15, [x1, #8]", x15
        access  "str wzr, [x1, #12]", "str wzr, [x1, #12]", xzr
        access  "ldr x16, [x1]", "ldr x16, [x1]", x16
        access  "ldr x17, [x1, #8]", "ldr x17, [x1, #8]", x17
        mov     x2, #0
        mov     x18, #0
        access  "ldp x2, x18, [x1] (no syndrome)", "ldp x2, x18, [x1]", x18
        mov64   x1, UNMAPPED
        mov     w4, #0x55
        str     w4, [x1, #4]
        mov64   x1, UNMAPPED
        ldr     w4, [x1, #4]
        show    "guest: unmapped device reads", x4
        mov     x0, #7
        hvc     #0x42
        show    "guest: HVC #0x42 returned", x0
        hvc     #0

// EL2 handler: Data Aborts from EL1 are emulated against fake_regs (or read as zero outside FAKE's page), HVC #n
// returns n + 0x1000 in x0, HVC #0 ends the run. x23 points at the guest's saved x0-x18.
el2_exception:
        stp     x19, x20, [sp, #-48]!
        stp     x21, x22, [sp, #16]
        stp     x23, x30, [sp, #32]
        add     x23, sp, #48
        cmp     x0, #8
        b.ne    unexpected
        mrs     x19, esr_el2
        lsr     x20, x19, #26
        cmp     x20, #0x16
        b.eq    hypercall
        cmp     x20, #0x24
        b.ne    unexpected
        say     "EL2: ESR "
        mov     x0, x19
        bl      puthex
        say     " FAR "
        mrs     x0, far_el2
        bl      puthex
        mrs     x20, hpfar_el2
        say     " HPFAR "
        mov     x0, x20
        bl      puthex
        bl      newline
        tbnz    x19, #24, 1f
        say     "EL2: no instruction syndrome, skipped\n"
        b       advance
        // IPA = HPFAR.FIPA << 12 | FAR[11:0]; x21 = the device byte it addresses, or 0 outside FAKE.
1:      lsl     x20, x20, #8
        and     x20, x20, #~0xfff
        mrs     x0, far_el2
        and     x0, x0, #0xfff
        orr     x20, x20, x0
        mov64   x0, FAKE
        sub     x0, x20, x0
        adr     x21, fake_regs
        add     x21, x21, x0
        cmp     x0, #16
        csel    x21, xzr, x21, hs
        ubfx    x22, x19, #16, #5                       // SRT
        ubfx    x20, x19, #22, #2                       // SAS
        tbz     x19, #6, read
        // Write: the value of Xt (XZR reads as 0).
        mov     x0, #0
        cmp     x22, #31
        b.eq    2f
        ldr     x0, [x23, x22, lsl #3]
2:      cbz     x21, 3f
        adr     x1, stores
        add     x1, x1, x20, lsl #3
        blr     x1
3:      mov     x8, x0
        say     "EL2: emulated write of "
        mov     x0, #1
        lsl     x0, x0, x20
        bl      puthex
        say     " bytes from register "
        mov     x0, x22
        bl      puthex
        show    ", value", x8
        b       advance
read:   mov     x0, #0
        cbz     x21, 4f
        adr     x1, loads
        add     x1, x1, x20, lsl #3
        blr     x1
4:      tbz     x19, #21, 5f                            // SSE: sign-extend from 8 << SAS bits
        mov     x1, #8
        lsl     x1, x1, x20
        mov     x2, #64
        sub     x1, x2, x1
        lsl     x0, x0, x1
        asr     x0, x0, x1
5:      tbnz    x19, #15, 6f                            // SF = 0: a W register, upper half zero
        mov     w0, w0
6:      cmp     x22, #31
        b.eq    7f
        str     x0, [x23, x22, lsl #3]
7:      mov     x8, x0
        say     "EL2: emulated read of "
        mov     x0, #1
        lsl     x0, x0, x20
        bl      puthex
        say     " bytes into register "
        mov     x0, x22
        bl      puthex
        show    ", value", x8
advance:
        mrs     x0, elr_el2
        add     x0, x0, #4
        msr     elr_el2, x0
        b       return
hypercall:
        and     x20, x19, #0xffff
        show    "EL2: HVC, ESR", x19
        cbz     x20, poweroff
        add     x0, x20, #0x1000
        str     x0, [x23]
return: ldp     x23, x30, [sp, #32]
        ldp     x21, x22, [sp, #16]
        ldp     x19, x20, [sp], #48
        ret

// Accessors of the fake device's bytes at x21 by size (SAS), 8 bytes apart: loads zero-extend into x0.
        .balign 8
loads:  ldrb    w0, [x21]
        ret
        ldrh    w0, [x21]
        ret
        ldr     w0, [x21]
        ret
        ldr     x0, [x21]
        ret
stores: strb    w0, [x21]
        ret
        strh    w0, [x21]
        ret
        str     w0, [x21]
        ret
        str     x0, [x21]
        ret

unexpected:
        mrs     x19, esr_el2
        show    "UNEXPECTED exception at EL2, ESR", x19
        b       poweroff

el1_exception:
        mrs     x19, esr_el1
        show    "UNEXPECTED exception at EL1, ESR", x19
        hvc     #0

        vectors el2, el2_exception
        vectors el1, el1_exception

        .data
        .balign 8
fake_regs:
        .quad   0x8877665544332211, 0xffeeddccbbaa9988

        .bss
        .balign 4096
s2_l1:  .space  4096
s2_l2_dev:
        .space  4096
s2_l2_ram:
        .space  4096
s2_l3_uart:
        .space  4096
s2_l3_hole:
        .space  4096
s2_end:
