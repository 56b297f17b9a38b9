// Boot at EL3 (secure=on,virtualization=on; no PSCI, ends with semihosting SYS_EXIT): sets SCR_EL3 (NS, HCE, RW),
// drops to EL2 and EL1, and climbs back with SVC, HVC and SMC (also SMC trapped to EL2 by HCR_EL2.TSC). Every
// handler prints its ESR, ELR and SPSR, so the return addresses and saved PSTATEs are checked too.

        .include "virt-lib.S"

main:   mrs     x19, CurrentEL
        lsr     x19, x19, #2
        show    "started at EL", x19
        adr     x0, vectors_el3
        msr     vbar_el3, x0
        adr     x0, vectors_el2
        msr     vbar_el2, x0
        adr     x0, vectors_el1
        msr     vbar_el1, x0
        adr     x0, stacks + 2 * 4096                    // EL2 and EL1 stacks in the unused CPU slots
        msr     sp_el2, x0
        adr     x0, stacks + 3 * 4096
        msr     sp_el1, x0
        mov     x0, #0x501                              // SCR_EL3: NS, HCE, RW
        msr     scr_el3, x0
        isb
        mrs     x19, scr_el3
        show    "SCR_EL3", x19
        mov64   x0, 1 << 31                             // HCR_EL2.RW
        msr     hcr_el2, x0
        mov64   x0, 0x30d00800                          // SCTLR_EL1: RES1 bits, MMU off
        msr     sctlr_el1, x0
        mov     x0, #0x3c9
        msr     spsr_el3, x0
        adr     x0, el2
        msr     elr_el3, x0
        isb
        eret

el2:    mrs     x19, CurrentEL
        lsr     x19, x19, #2
        show    "now at EL", x19
        mov     x0, #0x3c5
        msr     spsr_el2, x0
        adr     x0, el1
        msr     elr_el2, x0
        isb
        eret

el1:    mrs     x19, CurrentEL
        lsr     x19, x19, #2
        show    "now at EL", x19
        svc     #0x5
        hvc     #0x21                                   // EL2 returns here
        smc     #0x31                                   // EL3 returns here
        mov64   x0, (1 << 31) | (1 << 19)               // HCR_EL2.TSC is EL2's to set: ask it by HVC
        hvc     #0x23
        smc     #0x41                                   // trapped to EL2 now, which skips it
        hvc     #0x22                                   // EL2 continues at el2_again

el2_again:
        mrs     x19, CurrentEL
        lsr     x19, x19, #2
        show    "back at EL", x19
        smc     #0x32
        smc     #0x33                                   // EL3 ends the run

// Each handler: "ELn: ESR .. ELR .. SPSR ..", then what the syndrome's immediate asks.
        .macro report el
        mrs     x19, esr_el\el
        say     "EL\el: ESR "
        mov     x0, x19
        bl      puthex
        say     " ELR "
        mrs     x0, elr_el\el
        bl      puthex
        say     " SPSR "
        mrs     x0, spsr_el\el
        bl      puthex
        bl      newline
        and     x20, x19, #0xffff
        .endm

el1_exception:
        stp     x19, x20, [sp, #-32]!
        str     x30, [sp, #16]
        cmp     x0, #4
        b.ne    unexpected
        report  1
        b       return

el2_exception:
        stp     x19, x20, [sp, #-32]!
        str     x30, [sp, #16]
        cmp     x0, #8
        b.ne    unexpected
        report  2
        lsr     x0, x19, #26
        cmp     x0, #0x17                               // SMC trapped by TSC: ELR is the SMC itself
        b.eq    skip
        cmp     x20, #0x23
        b.ne    1f
        ldr     x0, [sp, #32]                           // the guest's x0: the HCR_EL2 it asks for
        msr     hcr_el2, x0
        isb
        b       return
1:      cmp     x20, #0x22
        b.ne    return
        mov     x0, #0x3c9
        msr     spsr_el2, x0
        adr     x0, el2_again
        msr     elr_el2, x0
        b       return
skip:   mrs     x0, elr_el2
        add     x0, x0, #4
        msr     elr_el2, x0
        b       return

el3_exception:
        stp     x19, x20, [sp, #-32]!
        str     x30, [sp, #16]
        cmp     x0, #8
        b.ne    unexpected
        report  3
        cmp     x20, #0x33
        b.eq    poweroff

return: ldr     x30, [sp, #16]
        ldp     x19, x20, [sp], #32
        ret

unexpected:
        mrs     x19, CurrentEL
        lsr     x19, x19, #2
        show    "UNEXPECTED exception at EL", x19
        b       poweroff

        vectors el3, el3_exception
        vectors el2, el2_exception
        vectors el1, el1_exception
