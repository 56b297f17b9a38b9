// Exception levels tour: firmware entered at EL3 drops to EL2, then EL1, then runs an EL0 program that makes SVC,
// HVC and SMC calls and takes a data abort. Each level has its own vector table, and each handler prints what it got.
//
// Run: trapdoor run el-tour.elf --el 3   (QEMU: -M virt,secure=on,virtualization=on -semihosting)
//
// The path an exception takes is decided by the architecture, not by the software:
//   - SVC goes to EL1, HVC to EL2, SMC to EL3, and each returns to the instruction after the call;
//   - HVC and SMC are UNDEFINED at EL0, so EL0 trying them lands at EL1 (EC 0x00) pointing at the instruction;
//   - a data abort from EL0 goes to EL1 too (EC 0x24, "from a lower Exception level"), ELR at the access.
// A handler reads ESR_ELn (why: EC, the class, in bits 31:26; ISS, details, in bits 24:0), ELR_ELn (where to go
// back) and SPSR_ELn (the PSTATE that was interrupted: its M field says which EL we came from), then ERETs.

        .include "pl011.S"

        .equ    NOTHING, 0x0a800000                     // an address no device of the virt board answers
        .equ    PSCI_VERSION, 0x84000000
        .equ    PSCI_SYSTEM_OFF, 0x84000008
        .equ    SEMIHOSTING_SYS_EXIT, 0x18
        // Saved-register frame the vectors build: x0-x18, x29 and x30 (the registers a handler may clobber).
        .equ    FRAME_SIZE, 176
        .equ    FRAME_X0, 0

        .macro mov64 reg, value
        movz    \reg, #((\value) & 0xffff)
        movk    \reg, #(((\value) >> 16) & 0xffff), lsl #16
        movk    \reg, #(((\value) >> 32) & 0xffff), lsl #32
        movk    \reg, #(((\value) >> 48) & 0xffff), lsl #48
        .endm

        .text
        .global _start
// ---------------------------------------------------------------------------------------------------- EL3 ----
// Reset enters here at EL3, the firmware's level, on SP_EL3.
_start:
        adr     x0, stack_el3_top
        mov     sp, x0
        mrs     x19, CurrentEL                          // CurrentEL holds the EL in bits 3:2
        lsr     x19, x19, #2
        show    "EL3 firmware: CurrentEL = ", x19
        adr     x0, vectors_el3                         // each EL has its own vector base; 2 KB aligned
        msr     vbar_el3, x0
        show    "EL3: VBAR_EL3 = ", x0
        // SCR_EL3: RW (bit 10, the next lower EL is AArch64), HCE (bit 8, HVC enabled), NS (bit 0, EL2 and EL1
        // run in the Non-secure state). SMD (bit 7) stays 0: SMC works from EL1 and EL2.
        mov     x0, #(1 << 10) | (1 << 8) | (1 << 0)
        msr     scr_el3, x0
        adr     x0, stack_el2_top                       // the stack EL2 will use when it runs with SP_EL2
        msr     sp_el2, x0
        // "Return" to EL2: ERET restores PSTATE from SPSR_EL3 and jumps to ELR_EL3. SPSR.M = 0b1001 is EL2h
        // (EL2 on SP_EL2); DAIF (bits 9:6) masked, no interrupts in this tour.
        mov     x0, #0x3c9
        msr     spsr_el3, x0
        adr     x0, el2_entry
        msr     elr_el3, x0
        print   "EL3: ERET to EL2\n"
        eret

// EL3's handler: x0 = vector entry index (0-15), x1 = the saved frame. A lower EL's SMC is a call to the firmware:
// the SMC Calling Convention puts the function number in x0 and the result back in x0.
el3_handler:
        stp     x19, x30, [sp, #-32]!
        str     x20, [sp, #16]
        mov     x20, x1
        mov     x19, #3
        bl      report                                  // x0 = index: which entry of the table was taken
        mrs     x0, esr_el3
        lsr     x0, x0, #26
        cmp     x0, #0x17                               // EC 0x17: SMC from AArch64
        b.ne    stop
        ldr     x0, [x20, #FRAME_X0]
        mov64   x1, PSCI_VERSION
        cmp     x0, x1
        b.eq    1f
        mov64   x1, PSCI_SYSTEM_OFF
        cmp     x0, x1
        b.eq    power_off
        print   "EL3: unknown SMC function\n"
        mov     x0, #-1                                 // SMCCC NOT_SUPPORTED
        b       2f
1:      print   "EL3: PSCI_VERSION -> 1.1\n"
        mov64   x0, 0x10001                             // major 1 in bits 31:16, minor 1
2:      str     x0, [x20, #FRAME_X0]                    // the caller sees it in x0 after the ERET
        ldr     x20, [sp, #16]
        ldp     x19, x30, [sp], #32
        ret                                             // back in the vector code, which ERETs (ELR_EL3 untouched:
                                                        // it already points after the SMC)

power_off:
        print   "EL3: PSCI_SYSTEM_OFF: the tour is over\n"
        // Nothing below EL3 can switch the board off here: the firmware ends the run by semihosting SYS_EXIT.
        adr     x1, exit_block
        mov     x0, #SEMIHOSTING_SYS_EXIT
        hlt     #0xf000
        b       .

// ---------------------------------------------------------------------------------------------------- EL2 ----
el2_entry:
        mrs     x19, CurrentEL
        lsr     x19, x19, #2
        show    "EL2 hypervisor: CurrentEL = ", x19
        adr     x0, vectors_el2
        msr     vbar_el2, x0
        show    "EL2: VBAR_EL2 = ", x0
        // HCR_EL2.RW (bit 31): EL1 is AArch64. Nothing else trapped, no stage 2: EL1 runs on the bare machine.
        mov64   x0, 1 << 31
        msr     hcr_el2, x0
        mov64   x0, 0x30d00800                          // SCTLR_EL1: its RES1 bits; MMU and caches off
        msr     sctlr_el1, x0
        adr     x0, stack_el1_top
        msr     sp_el1, x0
        mov     x0, #0x3c5                              // SPSR.M = 0b0101: EL1h (EL1 on SP_EL1)
        msr     spsr_el2, x0
        adr     x0, el1_entry
        msr     elr_el2, x0
        print   "EL2: ERET to EL1\n"
        eret

// EL2's handler: an HVC from EL1 is a hypercall. This hypervisor answers every one by printing it.
el2_handler:
        stp     x19, x30, [sp, #-16]!
        mov     x19, #2
        bl      report
        mrs     x0, esr_el2
        lsr     x0, x0, #26
        cmp     x0, #0x16                               // EC 0x16: HVC from AArch64
        b.ne    stop
        print   "EL2: hypercall handled, returning to EL1\n"
        ldp     x19, x30, [sp], #16
        ret

// ---------------------------------------------------------------------------------------------------- EL1 ----
el1_entry:
        mrs     x19, CurrentEL
        lsr     x19, x19, #2
        show    "EL1 kernel: CurrentEL = ", x19
        adr     x0, vectors_el1
        msr     vbar_el1, x0
        show    "EL1: VBAR_EL1 = ", x0
        adr     x0, stack_el0_top
        msr     sp_el0, x0
        mov     x0, #0x3c0                              // SPSR.M = 0b0000: EL0t (EL0 always uses SP_EL0)
        msr     spsr_el1, x0
        adr     x0, user_main
        msr     elr_el1, x0
        print   "EL1: ERET to the EL0 program\n"
        eret

// EL1's handler, the kernel's exception entry. System calls (SVC #n): 0 prints the string at x0, 1 calls the
// hypervisor, 2 asks the firmware for its PSCI version, 3 powers off. UNDEFINED instructions and data aborts from
// EL0 are reported and skipped (a real kernel would send the process a signal).
el1_handler:
        stp     x19, x30, [sp, #-32]!
        str     x20, [sp, #16]
        mov     x20, x1
        mov     x19, #1
        bl      report
        mrs     x0, esr_el1
        lsr     x1, x0, #26
        cmp     x1, #0x15                               // EC 0x15: SVC from AArch64
        b.eq    syscall
        cbz     x1, skip                                // EC 0x00: Unknown reason, here an UNDEFINED instruction
        cmp     x1, #0x24                               // EC 0x24: Data Abort from a lower EL
        b.ne    stop
        mrs     x19, far_el1                            // FAR_EL1: the address the access tried
        show    "EL1: FAR_EL1 = ", x19
        mrs     x19, esr_el1
        and     x19, x19, #0x3f                         // ISS.DFSC: 0x10 is a synchronous external abort
        show    "EL1: DFSC = ", x19
skip:   // ELR_EL1 points at the instruction that faulted: step over it, or the ERET would run it again.
        mrs     x0, elr_el1
        add     x0, x0, #4
        msr     elr_el1, x0
        print   "EL1: skipping the faulting instruction\n"
        b       el1_return
syscall:
        and     x0, x0, #0xffff                         // ISS holds the SVC's immediate
        cbz     x0, sys_write
        cmp     x0, #1
        b.eq    sys_hypercall
        cmp     x0, #2
        b.eq    sys_firmware_version
        cmp     x0, #3
        b.eq    sys_power_off
        print   "EL1: unknown system call\n"
        b       el1_return
sys_write:
        ldr     x0, [x20, #FRAME_X0]                    // the EL0 program's x0, as saved by the vector code
        bl      puts
        b       el1_return
sys_hypercall:
        print   "EL1: HVC #1 to the hypervisor\n"
        hvc     #1                                      // taken to EL2; comes back here, ELR_EL1 is not touched
        print   "EL1: back from EL2\n"
        b       el1_return
sys_firmware_version:
        print   "EL1: SMC to the firmware for PSCI_VERSION\n"
        mov64   x0, PSCI_VERSION
        smc     #0
        str     x0, [x20, #FRAME_X0]                    // the system call's result, in the EL0 program's x0
        show    "EL1: firmware says ", x0
        b       el1_return
sys_power_off:
        print   "EL1: SMC PSCI_SYSTEM_OFF\n"
        mov64   x0, PSCI_SYSTEM_OFF
        smc     #0
        b       .                                       // the firmware does not return
el1_return:
        ldr     x20, [sp, #16]
        ldp     x19, x30, [sp], #32
        ret

// ---------------------------------------------------------------------------------------------------- EL0 ----
// The user program: it can only reach higher levels through exceptions.
user_main:
        adr     x0, hello
        svc     #0                                      // write(hello): to the kernel at EL1, and back
        svc     #1                                      // the kernel calls the hypervisor for us
        svc     #2                                      // the kernel asks the firmware; the result comes back in x0
        adr     x0, trying
        svc     #0
        hvc     #0                                      // UNDEFINED at EL0: EL1 gets EC 0x00, not EL2 an HVC
        smc     #0                                      // likewise
        adr     x0, touching
        svc     #0
        mov64   x1, NOTHING
        ldr     w2, [x1]                                // nothing answers: a data abort, taken to EL1
        adr     x0, bye
        svc     #0
        svc     #3
        b       .

hello:  .asciz  "EL0: hello from user space\n"
trying: .asciz  "EL0: trying HVC and SMC myself\n"
touching:
        .asciz  "EL0: reading an address no device answers\n"
bye:    .asciz  "EL0: done, asking for power off\n"
        .balign 4

// ------------------------------------------------------------------------------------------------ common ----
// report(x0 = vector entry index, x19 = this EL): prints "EL<n> <- EL<m>: <class>, ESR 0x.., ELR 0x..".
report:
        stp     x21, x30, [sp, #-48]!
        stp     x22, x23, [sp, #16]
        str     x24, [sp, #32]
        mov     x24, x0
        cmp     x19, #3                                 // each EL has its own ESR/ELR/SPSR
        b.ne    1f
        mrs     x21, esr_el3
        mrs     x22, elr_el3
        mrs     x23, spsr_el3
        b       3f
1:      cmp     x19, #2
        b.ne    2f
        mrs     x21, esr_el2
        mrs     x22, elr_el2
        mrs     x23, spsr_el2
        b       3f
2:      mrs     x21, esr_el1
        mrs     x22, elr_el1
        mrs     x23, spsr_el1
3:      mov     w0, #'E'
        bl      putc
        mov     w0, #'L'
        bl      putc
        add     w0, w19, #'0'
        bl      putc
        print   " <- EL"
        ubfx    x0, x23, #2, #2                         // SPSR.M[3:2]: the EL the exception came from
        add     w0, w0, #'0'
        bl      putc
        print   ": "
        lsr     x0, x21, #26
        bl      ec_name
        bl      puts
        print   " at VBAR+"
        lsl     x0, x24, #7                             // entries are 0x80 apart
        bl      puthex
        print   ", ESR "
        mov     x0, x21
        bl      puthex
        print   ", ELR "
        mov     x0, x22
        bl      puthex
        bl      newline
        ldr     x24, [sp, #32]
        ldp     x22, x23, [sp, #16]
        ldp     x21, x30, [sp], #48
        ret

// ec_name(x0 = EC): x0 = the class's name.
ec_name:
        adr     x1, ec_names
1:      ldrb    w2, [x1], #1                            // table: EC byte, then its NUL-terminated name
        cmp     w2, #0xff                               // the end: the last name is "another class"
        b.eq    3f
        cmp     w2, w0
        b.eq    3f
2:      ldrb    w2, [x1], #1
        cbnz    w2, 2b
        b       1b
3:      mov     x0, x1
        ret

ec_names:
        .byte   0x00
        .asciz  "UNDEFINED instruction (EC 0x00)"
        .byte   0x15
        .asciz  "SVC (EC 0x15)"
        .byte   0x16
        .asciz  "HVC (EC 0x16)"
        .byte   0x17
        .asciz  "SMC (EC 0x17)"
        .byte   0x24
        .asciz  "Data Abort from a lower EL (EC 0x24)"
        .byte   0xff
        .asciz  "another class"
        .balign 4

// Anything this tour does not expect: say so and power off through the firmware (or directly at EL3).
stop:   print   "unexpected exception\n"
        b       power_off_any
power_off_any:
        mrs     x0, CurrentEL
        cmp     x0, #12
        b.eq    power_off
        mov64   x0, PSCI_SYSTEM_OFF
        smc     #0
        b       .

        // A vector table: 16 entries of 0x80 bytes. Four groups of four: exceptions from the current EL on SP_EL0,
        // from the current EL on SP_ELx, from a lower EL in AArch64, from a lower EL in AArch32; in each group the
        // entries are Synchronous, IRQ, FIQ, SError. Every entry saves the registers a handler may clobber,
        // calls \handler with x0 = its index and x1 = the frame, restores them and ERETs.
        .macro vector_table name, handler
        .balign 0x800
vectors_\name:
        .irp    index, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
        .balign 0x80
        sub     sp, sp, #FRAME_SIZE
        stp     x0, x1, [sp]
        mov     x0, #\index
        b       save_\name
        .endr
save_\name:
        stp     x2, x3, [sp, #16]
        stp     x4, x5, [sp, #32]
        stp     x6, x7, [sp, #48]
        stp     x8, x9, [sp, #64]
        stp     x10, x11, [sp, #80]
        stp     x12, x13, [sp, #96]
        stp     x14, x15, [sp, #112]
        stp     x16, x17, [sp, #128]
        stp     x18, x29, [sp, #144]
        str     x30, [sp, #160]
        mov     x1, sp
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
        add     sp, sp, #FRAME_SIZE
        eret
        .endm

        vector_table el3, el3_handler
        vector_table el2, el2_handler
        vector_table el1, el1_handler

        .balign 8
exit_block:
        .quad   0x20026, 0                              // ADP_Stopped_ApplicationExit, status 0

        .bss
        .balign 16
        .space  4096
stack_el3_top:
        .space  4096
stack_el2_top:
        .space  4096
stack_el1_top:
        .space  4096
stack_el0_top:
