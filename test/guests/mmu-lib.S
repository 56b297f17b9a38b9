// Shared part of the MMU test guests (.include "mmu-lib.S", assembled with -I test/guests): entry at EL3 with
// SCR_EL3 = NS|HCE|RW, semihosting output (puts, puthex, exit), descriptor-writing macros, and vectors for EL1,
// EL2 and EL3 that print "ELn ESR .. FAR .." (plus HPFAR at EL2 for aborts from below) and resume: after an
// Instruction Abort at x28 (at EL2 when it came from EL0 under TGE), after anything else at the next instruction. HVC #0xff from EL1 continues at EL2 at
// x27 (EL2h), and so does SVC taken to EL2 (from EL0 under TGE); SMC #0xff from EL2 continues at EL3 at x27.
// Handlers clobber x0-x17; tests keep state in x19-x28. With MASK_EL2_ISV defined, the EL2 handler prints Data
// Abort syndromes without ISS[24:14].

        .arch   armv8.2-a

        .macro mov64 reg, value
        movz    \reg, #((\value) & 0xffff)
        movk    \reg, #(((\value) >> 16) & 0xffff), lsl #16
        movk    \reg, #(((\value) >> 32) & 0xffff), lsl #32
        movk    \reg, #(((\value) >> 48) & 0xffff), lsl #48
        .endm

        .macro print label
        adr     x0, \label
        bl      puts
        .endm

        // Prints "<text> 0x<reg>\n" (text a string literal).
        .macro show text, reg
        mov     x20, \reg
        adr     x0, 9001f
        bl      puts
        mov     x0, x20
        bl      puthex
        adr     x0, nl
        bl      puts
        b       9002f
9001:   .asciz  "\text "
        .balign 4
9002:
        .endm

        // Descriptor \value at \table + 8 * \index.
        .macro desc table, index, value
        mov64   x9, (\table) + 8 * (\index)
        mov64   x10, \value
        str     x10, [x9]
        .endm

        // Descriptor \attrs | the address at label \target, at \table + 8 * \index.
        .macro descl table, index, target, attrs
        mov64   x9, (\table) + 8 * (\index)
        mov64   x10, \attrs
        adr     x11, \target
        orr     x10, x10, x11
        str     x10, [x9]
        .endm

        // Zeroes the 4 KB-multiple region [\base, \base + \size).
        .macro zero base, size
        mov64   x9, \base
        mov64   x10, (\base) + (\size)
9003:   stp     xzr, xzr, [x9], #16
        cmp     x9, x10
        b.lo    9003b
        .endm

        .macro vectors el
        .balign 2048
vectors\el:
        .rept   16
        b       handler\el
        .balign 128
        .endr
handler\el:
        mov     x15, x30
        mrs     x11, esr_el\el
        mrs     x12, far_el\el
        mrs     x13, elr_el\el
        lsr     x14, x11, #26
        .if \el == 2
        cmp     x14, #0x15                              // SVC (from EL0 under TGE): continue at EL2
        b.eq    3f
        cmp     x14, #0x16
        b.ne    1f
        and     x16, x11, #0xffff
        cmp     x16, #0xff
        b.ne    1f
3:      mov     x0, #0x3c9
        msr     spsr_el2, x0
        msr     elr_el2, x27
        mov     x30, x15
        eret
1:
        .endif
        .if \el == 3
        cmp     x14, #0x17
        b.ne    1f
        mov     x0, #0x3cd
        msr     spsr_el3, x0
        msr     elr_el3, x27
        mov     x30, x15
        eret
1:
        .endif
        adr     x0, el\el\()text
        bl      puts
        mov     x0, x11
        .if \el == 2
        .ifdef MASK_EL2_ISV
        // Data Aborts: ISS[24:14] (the instruction syndrome QEMU 7.2 also gives stage-1 faults taken to EL2).
        bic     x16, x14, #1
        cmp     x16, #0x24
        b.ne    4f
        and     x0, x11, #~(0x7ff << 14)
4:
        .endif
        .endif
        bl      puthex
        adr     x0, fartext
        bl      puts
        mov     x0, x12
        bl      puthex
        .if \el == 2
        // HPFAR_EL2 for aborts from a lower EL (EC 0x20, 0x24).
        bic     x16, x14, #4
        cmp     x16, #0x20
        b.ne    2f
        adr     x0, hpfartext
        bl      puts
        mrs     x0, hpfar_el2
        bl      puthex
2:
        .endif
        adr     x0, nl
        bl      puts
        add     x13, x13, #4
        and     x16, x14, #0x3e
        cmp     x16, #0x20
        csel    x13, x28, x13, eq
        msr     elr_el\el, x13
        .if \el == 2
        // An Instruction Abort from EL0 under TGE resumes at EL2.
        b.ne    5f
        mrs     x16, hcr_el2
        tbz     x16, #27, 5f
        mov     x16, #0x3c9
        msr     spsr_el2, x16
5:
        .endif
        mov     x30, x15
        eret
        .endm

        .text
        .global _start
_start:
        adr     x0, vectors3
        msr     vbar_el3, x0
        mov     x0, #0x501
        msr     scr_el3, x0
        msr     cptr_el3, xzr
        adr     x0, vectors2
        msr     vbar_el2, x0
        mov64   x0, 1 << 31
        msr     hcr_el2, x0
        adr     x0, vectors1
        msr     vbar_el1, x0
        mov     x0, #0x3c9
        msr     spsr_el3, x0
        adr     x0, main
        msr     elr_el3, x0
        isb
        eret

// Drops from EL2 to EL1h at x0 (SCTLR_EL1 as it is).
to_el1: mov     x1, #0x3c5
        msr     spsr_el2, x1
        msr     elr_el2, x0
        eret

        .include "semihosting-print.S"

exit:   print   donetext
        adr     x1, exitblock
        mov     x0, #0x18
        hlt     #0xf000
        b       .

        vectors 1
        vectors 2
        vectors 3

el1text:   .asciz "EL1 ESR "
el2text:   .asciz "EL2 ESR "
el3text:   .asciz "EL3 ESR "
fartext:   .asciz " FAR "
hpfartext: .asciz " HPFAR "
nl:        .asciz "\n"
donetext:  .asciz "done\n"
        .balign 8
exitblock: .quad 0x20026, 0
        .balign 4
