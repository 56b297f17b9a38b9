// System test guest: starts at EL3 and goes EL3 -> EL2 -> EL1 -> EL0 and back, raising every exception class the
// core implements (SVC, HVC, SMC, BRK, UDF, UNDEFINED system register accesses, trapped MSR/MRS/SYS, WFI, SMC and
// FP accesses, illegal exception returns, PC alignment, virtual IRQ and SError, VHE and the EL2&0 host regime).
// Every vector prints ESR, ELR and SPSR (and FAR when valid) through semihosting SYS_WRITE0, so that the output
// compares line by line with
//   qemu-system-aarch64 -M virt,secure=on,virtualization=on -cpu max -nographic -semihosting -kernel guest.elf
// Left out where QEMU 7.2 deviates from the ARM ARM: HVC at EL3 (QEMU takes it to EL2), trapped WFE (QEMU never
// traps WFE), MSR DAIFSet at EL0 with SCTLR_EL1.UMA = 0 (QEMU swaps op1 and op2 in the ISS); misaligned branches
// use RET, since BR sets PSTATE.BTYPE on QEMU's BTI-capable CPU. SP alignment is not checked by QEMU at all.
// Link at 0x40080000. Handlers clobber x0-x17 (x15 keeps the service argument x1); the test code keeps its state
// in x19-x28 (x27: continuation address for the "go up one EL" calls, x28: where a PC alignment fault resumes).
// Service calls (printed like every other exception): SVC #0x100 SCTLR_EL1 = x1, SVC #0x101 CPACR_EL1 = x1,
// SVC #0x1ff continue at EL1 at x27; HVC #0x200 HCR_EL2 = x1, HVC #0x201 CPTR_EL2 = x1, HVC #0x202 MDCR_EL2 = x1,
// HVC #0x203 CNTHCTL_EL2 = x1, HVC #0x2ff (or SVC from the host EL0) continue at EL2 at x27; SMC #0x300
// CPTR_EL3 = x1, SMC #0x301 SCR_EL3 = x1, SMC #0x3ff exit.

        .arch   armv8.2-a
        .equ SCR_BASE, 0x501            // NS, HCE, RW
        .equ HCR_RW, 1 << 31
        .equ SCTLR_EL1_BASE, 0x30d00800 // RES1 bits and SPAN; UCT, DZE, UMA, nTWI, nTWE all 0: EL0 traps
        .equ SCTLR_EL2_BASE, 0x30c50830

        .macro print label
        adr     x0, \label
        bl      puts
        .endm

        .macro setx reg, value
        movz    \reg, #((\value) & 0xffff)
        movk    \reg, #(((\value) >> 16) & 0xffff), lsl #16
        .endm

        .text
        .global _start
_start:
        adr     x0, vectors3
        msr     vbar_el3, x0
        setx    x0, SCR_BASE
        msr     scr_el3, x0
        msr     cptr_el3, xzr
        msr     mdcr_el3, xzr
        isb
        print   banner
        mrs     x0, currentel
        bl      puthex
        print   newline

        // EL3 itself: UNDEFINED, BRK. (HVC at EL3 is left out: QEMU 7.2 takes it to EL2, the ARM ARM to EL3.)
        udf     #0
        brk     #0x77

        // Into EL2 (nVHE hypervisor configuration).
        adr     x0, vectors2
        msr     vbar_el2, x0
        setx    x0, SCTLR_EL2_BASE
        msr     sctlr_el2, x0
        setx    x0, HCR_RW
        msr     hcr_el2, x0
        mov     x0, #0x33ff
        msr     cptr_el2, x0
        msr     mdcr_el2, xzr
        mov     x0, #0x3c9
        msr     spsr_el3, x0
        adr     x0, el2
        msr     elr_el3, x0
        eret

el2:    print   at_el2
        hvc     #0x22
        smc     #0x33
        mrs     x0, scr_el3                     // UNDEFINED at EL2
        // CPTR_EL3.TCPAC: EL2 accesses to CPTR_EL2 trap to EL3.
        setx    x1, 1 << 31
        smc     #0x300
        msr     cptr_el2, x5
        mov     x1, #0
        smc     #0x300
        // SCR_EL3.TWI: WFI at EL2 traps to EL3.
        setx    x1, SCR_BASE | (1 << 12)
        smc     #0x301
        wfi
        setx    x1, SCR_BASE
        smc     #0x301
        // CPTR_EL3.TFP: FP at EL2 traps to EL3.
        mov     x1, #1 << 10
        smc     #0x300
        fmov    d0, x1
        mov     x1, #0
        smc     #0x300
        // PC alignment fault at EL2.
        adr     x28, 1f
        adr     x0, 1f + 2
        ret     x0
1:      // Illegal exception return: to EL3 from EL2.
        mov     x0, #0x3cd
        msr     spsr_el2, x0
        adr     x0, 2f
        msr     elr_el2, x0
        eret
2:      nop

        // Into EL1: EL0 traps on, FP trapped by CPACR_EL1.
        adr     x0, vectors1
        msr     vbar_el1, x0
        setx    x0, SCTLR_EL1_BASE
        msr     sctlr_el1, x0
        msr     cpacr_el1, xzr
        mov     x0, #0x3c5
        msr     spsr_el2, x0
        adr     x0, el1
        msr     elr_el2, x0
        eret

el1:    print   at_el1
        svc     #0x44
        hvc     #0x55
        smc     #0x66
        mrs     x0, hcr_el2                     // UNDEFINED at EL1
        fmov    d0, x1                          // CPACR_EL1.FPEN = 0
        mov     x1, #3 << 20
        svc     #0x101
        fmov    d0, x1                          // allowed
        mov     x1, #0x33ff | (1 << 10)
        hvc     #0x201
        fmov    d0, x1                          // CPTR_EL2.TFP
        mov     x1, #0x33ff
        hvc     #0x201
        // HCR_EL2 traps of EL1: TVM, TRVM, TID3, TACR, TSC, TWI.
        setx    x1, HCR_RW | (1 << 26) | (1 << 30) | (1 << 18) | (1 << 21) | (1 << 19) | (1 << 13)
        hvc     #0x200
        msr     sctlr_el1, x20
        mrs     x21, ttbr0_el1
        mrs     x22, id_aa64pfr0_el1
        mrs     x23, actlr_el1
        smc     #0x77
        wfi
        setx    x1, HCR_RW
        hvc     #0x200
        // Virtual IRQ and SError from HCR_EL2.VI/VSE, taken at EL1 once unmasked.
        setx    x1, HCR_RW | (1 << 4) | (1 << 7)
        hvc     #0x200
        msr     daifclr, #2
        setx    x1, HCR_RW | (1 << 5) | (1 << 8)
        hvc     #0x200
        msr     daifclr, #4
        setx    x1, HCR_RW
        hvc     #0x200
        // MDCR_EL2.TDA: debug register accesses trap to EL2.
        mov     x1, #1 << 9
        hvc     #0x202
        mrs     x24, mdscr_el1
        mov     x1, #0
        hvc     #0x202
        // More EL1 traps to EL2: HCR_EL2.TID1, TID2, TSW, TPU, TTLB, TDZ; CPTR_EL2.TCPAC; CNTHCTL_EL2.EL1PCTEN.
        setx    x1, HCR_RW | (1 << 16) | (1 << 17) | (1 << 22) | (1 << 24) | (1 << 25) | (1 << 28)
        hvc     #0x200
        mrs     x20, revidr_el1
        mrs     x20, ctr_el0
        dc      cisw, x20
        ic      ivau, x20
        tlbi    vmalle1
        dc      zva, x20
        setx    x1, HCR_RW
        hvc     #0x200
        setx    x1, 0x800033ff
        hvc     #0x201
        mrs     x20, cpacr_el1
        mov     x1, #0x33ff
        hvc     #0x201
        mov     x1, #0
        hvc     #0x203
        mrs     x20, cntpct_el0
        mov     x1, #3
        hvc     #0x203
        // Illegal exception return: to EL2 from EL1.
        mov     x0, #0x3c9
        msr     spsr_el1, x0
        adr     x0, 3f
        msr     elr_el1, x0
        eret
3:      // PC alignment fault at EL1.
        adr     x28, 4f
        adr     x0, 4f + 1
        ret     x0
4:      // Into EL0, with FP trapped again.
        mov     x1, #0
        svc     #0x101
        msr     spsr_el1, xzr
        adr     x0, el0
        msr     elr_el1, x0
        adr     x27, back_at_el1
        eret

el0:    svc     #0x88
        mrs     x0, ctr_el0                     // SCTLR_EL1.UCT = 0
        mrs     x0, sctlr_el1                   // UNDEFINED at EL0
        hvc     #0x1                            // UNDEFINED at EL0
        smc     #0x2                            // UNDEFINED at EL0
        wfi                                     // SCTLR_EL1.nTWI = 0
        brk     #0x99
        udf     #0x1234
        fmov    d1, x2                          // CPACR_EL1.FPEN = 0
        adr     x28, 5f
        adr     x0, 5f + 3
        ret     x0
5:      svc     #0x1ff                          // back to EL1 at x27

back_at_el1:
        print   at_el1
        adr     x27, back_at_el2
        hvc     #0x2ff
back_at_el2:
        print   at_el2
        // VHE: with E2H, CONTEXTIDR_EL1 names CONTEXTIDR_EL2 and CONTEXTIDR_EL12 the EL1 register.
        setx    x0, HCR_RW
        movk    x0, #(1 << (34 - 32)), lsl #32
        msr     hcr_el2, x0
        isb
        mov     x0, #0x1234
        msr     contextidr_el1, x0
        mov     x0, #0x5678
        msr     contextidr_el12, x0
        mrs     x0, contextidr_el2
        bl      puthex
        print   newline
        // EL0 in the EL2&0 host regime (E2H and TGE): its exceptions go to EL2.
        setx    x0, HCR_RW | (1 << 27)
        movk    x0, #(1 << (34 - 32)), lsl #32
        msr     hcr_el2, x0
        msr     spsr_el2, xzr
        adr     x0, host_el0
        msr     elr_el2, x0
        adr     x27, back_in_host
        eret
host_el0:
        svc     #0x9a
        mrs     x0, ctr_el0                     // SCTLR_EL2.UCT = 0
        brk     #0xab
        fmov    d2, x3                          // CPTR_EL2.FPEN = 0 (E2H layout)
        svc     #0x2ff                          // back to EL2 at x27
back_in_host:
        setx    x0, HCR_RW
        msr     hcr_el2, x0
        isb
        mrs     x0, contextidr_el1
        bl      puthex
        print   newline
        smc     #0x3ff

// ---- printing (semihosting SYS_WRITE0) ----

        .include "semihosting-print.S"

// ---- exception handlers ----

// Prints "ELn vector <offset> ESR .. ELR .. SPSR .. [FAR ..]", performs service calls, and returns: to the
// next instruction for SVC/HVC and SMC taken to EL3 (ELR is already there), clearing SPSR.IL for an Illegal
// State exception, to x28 after a PC alignment fault, past the instruction otherwise; interrupts return to the
// interrupted instruction with A, I and F masked (the test code then clears the virtual interrupt).
        .macro handler el
handle\el:
        mov     x16, x30
        mov     x15, x1
        print   name\el
        mov     x0, x9
        bl      puthex
        print   esr_str
        mrs     x0, esr_el\el
        bl      puthex
        print   elr_str
        mrs     x0, elr_el\el
        bl      puthex
        print   spsr_str
        mrs     x0, spsr_el\el
        bl      puthex
        mrs     x10, esr_el\el
        lsr     x11, x10, #26                   // EC
        and     x12, x10, #0xffff               // imm16 of calls
        cmp     x11, #0x22
        b.eq    10f
        cmp     x11, #0x20
        b.lt    11f
        cmp     x11, #0x25
        b.gt    11f
10:     print   far_str
        mrs     x0, far_el\el
        bl      puthex
11:     print   newline
        mov     x30, x16
        tst     x9, #0x180
        b.ne    12f
        service\el
        cmp     x11, #0x15
        b.eq    13f
        cmp     x11, #0x16
        b.eq    13f
        .if \el == 3
        cmp     x11, #0x17
        b.eq    13f
        .endif
        cmp     x11, #0x0e
        b.eq    14f
        cmp     x11, #0x22
        b.eq    15f
        mrs     x10, elr_el\el
        add     x10, x10, #4
        msr     elr_el\el, x10
13:     eret
14:     mrs     x10, spsr_el\el
        bic     x10, x10, #1 << 20
        msr     spsr_el\el, x10
        eret
15:     msr     elr_el\el, x28
        eret
12:     mrs     x10, spsr_el\el                // IRQ, FIQ, SError: return masked, to the interrupted instruction
        orr     x10, x10, #0x1c0
        msr     spsr_el\el, x10
        eret
        .endm

        .macro service1
        cmp     x11, #0x15
        b.ne    19f
        cmp     x12, #0x100
        b.ne    16f
        msr     sctlr_el1, x15
16:     cmp     x12, #0x101
        b.ne    17f
        msr     cpacr_el1, x15
17:     cmp     x12, #0x1ff
        b.ne    19f
        mov     x10, #0x3c5
        msr     spsr_el1, x10
        msr     elr_el1, x27
19:
        .endm

        .macro service2
        cmp     x11, #0x15                      // SVC from EL0 in the host regime
        b.eq    20f
        cmp     x11, #0x16
        b.ne    19f
20:        cmp     x12, #0x200
        b.ne    16f
        msr     hcr_el2, x15
16:     cmp     x12, #0x201
        b.ne    17f
        msr     cptr_el2, x15
17:     cmp     x12, #0x202
        b.ne    18f
        msr     mdcr_el2, x15
18:     cmp     x12, #0x203
        b.ne    21f
        msr     cnthctl_el2, x15
21:     cmp     x12, #0x2ff
        b.ne    19f
        mov     x10, #0x3c9
        msr     spsr_el2, x10
        msr     elr_el2, x27
19:
        .endm

        .macro service3
        cmp     x11, #0x17
        b.ne    19f
        cmp     x12, #0x300
        b.ne    16f
        msr     cptr_el3, x15
16:     cmp     x12, #0x301
        b.ne    17f
        msr     scr_el3, x15
17:     cmp     x12, #0x3ff
        b.ne    19f
        print   done
        mov     x0, #0x18                       // SYS_EXIT, ADP_Stopped_ApplicationExit
        adr     x1, exit_block
        hlt     #0xf000
19:
        .endm

        handler 1
        handler 2
        handler 3

        .macro vector_table el
        .balign 2048
vectors\el:
        .irp offset, 0x000, 0x080, 0x100, 0x180, 0x200, 0x280, 0x300, 0x380, 0x400, 0x480, 0x500, 0x580, 0x600, 0x680, 0x700, 0x780
        .balign 0x80
        mov     x9, #\offset
        b       handle\el
        .endr
        .endm

        vector_table 1
        vector_table 2
        vector_table 3

        .data
        .balign 8
exit_block:
        .quad   0x20026, 0
banner: .asciz  "exceptions test: CurrentEL "
at_el1: .asciz  "at EL1\n"
at_el2: .asciz  "at EL2\n"
name1:  .asciz  "EL1 vector "
name2:  .asciz  "EL2 vector "
name3:  .asciz  "EL3 vector "
esr_str: .asciz " ESR "
elr_str: .asciz " ELR "
spsr_str: .asciz " SPSR "
far_str: .asciz " FAR "
newline: .asciz "\n"
done:   .asciz  "done\n"
