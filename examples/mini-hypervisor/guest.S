// The mini hypervisor's guest: an EL1 program in its own 2 MB of guest RAM. It drives the PL011 at 0x09000000 as on
// a bare board, not knowing that stage 2 leaves that address unmapped: each flag read and each byte written is a
// Data Abort to EL2, where the hypervisor performs it. It calls the hypervisor by HVC (PSCI and a hypercall).

        .section .guest.text, "ax"
        .include "pl011.S"

        .equ    PSCI_VERSION, 0x84000000
        .equ    PSCI_SYSTEM_OFF, 0x84000008
        .equ    HYP_EXIT_COUNT, 0xc6000001

        .macro mov64 reg, value
        movz    \reg, #((\value) & 0xffff)
        movk    \reg, #(((\value) >> 16) & 0xffff), lsl #16
        movk    \reg, #(((\value) >> 32) & 0xffff), lsl #32
        movk    \reg, #(((\value) >> 48) & 0xffff), lsl #48
        .endm

        .global guest_entry
guest_entry:
        adr     x0, guest_stack_top
        mov     sp, x0
        adr     x0, guest_vectors
        msr     vbar_el1, x0
        isb
        print   "guest: hello from EL1\n"
        print   "guest: every byte of these lines is a trip to EL2 and back\n"
        mov64   x0, PSCI_VERSION
        hvc     #0                                      // a call: returns to the next instruction with x0
        show    "guest: PSCI version by HVC ", x0
        mov64   x0, PSCI_VERSION
        smc     #0                                      // trapped by HCR_EL2.TSC: the hypervisor answers it too
        show    "guest: PSCI version by SMC ", x0
        mov64   x0, HYP_EXIT_COUNT
        hvc     #0
        mov     x19, x0
        print   "guest: exits to EL2 so far: "
        mov     x0, x19
        bl      putdec
        bl      newline
        print   "guest: powering off\n"
        mov64   x0, PSCI_SYSTEM_OFF
        hvc     #0
        b       .

// The guest's own vector table: any exception taken to EL1 is unexpected here.
guest_unexpected:
        mrs     x19, esr_el1
        show    "guest: unexpected exception, ESR_EL1 ", x19
        mov64   x0, PSCI_SYSTEM_OFF
        hvc     #0
        b       .

        .balign 0x800
guest_vectors:
        .rept   16
        .balign 0x80
        b       guest_unexpected
        .endr

        .section .guest.bss, "aw", %nobits
        .balign 16
        .space  4096
guest_stack_top:
