// The C kernel's entry at EL1 and its vector table: sets the stack, installs the vectors, clears .bss and calls
// kernel_main(). Each vector entry saves the registers C code may clobber and calls the C handler for its kind.

        .section .text.boot, "ax"
        .global _start
_start:
        ldr     x0, =stack_top
        mov     sp, x0
        ldr     x0, =vectors
        msr     vbar_el1, x0
        isb
        ldr     x0, =__bss_start                        // C expects zeroed statics; .bss has no file bytes
        ldr     x1, =__bss_end
1:      cmp     x0, x1
        b.hs    2f
        str     xzr, [x0], #8
        b       1b
2:      bl      kernel_main
        b       .

        .text
        // One vector entry: save x0-x18, x29, x30 (the AAPCS64 caller-saved set, plus the frame record), call
        // \handler, restore and return to the interrupted code.
        .macro entry handler
        .balign 0x80
        sub     sp, sp, #176
        stp     x0, x1, [sp]
        adr     x0, \handler
        b       call_handler
        .endm

        .balign 0x800
vectors:
        .rept   4                                       // current EL with SP_EL0: not used by this kernel
        entry   unexpected_exception
        .endr
        entry   sync_exception                          // current EL with SP_EL1: sync, IRQ, FIQ, SError
        entry   irq_exception
        entry   unexpected_exception
        entry   unexpected_exception
        .rept   8                                       // lower ELs: this kernel has no EL0
        entry   unexpected_exception
        .endr

// x0 = the C handler; x1 and the old x0 already saved.
call_handler:
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
        blr     x0
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
