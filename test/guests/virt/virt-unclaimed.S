// An EL1 guest that touches addresses no device claims (unused device space, and past the end of RAM) with a
// load and a store: each is a synchronous external abort (DFSC 0b010000) on the bare board, under QEMU, and under
// the built-in hypervisor (which records the access and injects the abort, as KVM does). Prints ESR and FAR.

        .include "virt-lib.S"

        .equ    NOTHING, 0x0a800000                     // between the virtio-mmio slots and the PCIe window

main:   adr     x0, vectors_el1
        msr     vbar_el1, x0
        isb
        say     "reads and writes where nothing answers"
        bl      newline
        mov64   x20, NOTHING
        ldr     w1, [x20]
        show    "after the load, w1", x1
        mov     w2, #0x5a
        str     w2, [x20, #8]
        say     "after the store"
        bl      newline
        b       poweroff

// Synchronous exceptions from EL1 report ESR/FAR and skip the faulting instruction; anything else is unexpected_el1.
el1_exception:
        cmp     x0, #4
        b.ne    unexpected_el1
        mov     x9, x30
        mrs     x19, esr_el1
        show    "ESR", x19
        mrs     x19, far_el1
        show    "FAR", x19
        mrs     x19, elr_el1
        add     x19, x19, #4
        msr     elr_el1, x19
        mov     x1, #0x77
        str     x1, [sp, #8]                            // the saved x1: what the aborted load leaves
        ret     x9

        vectors el1, el1_exception
