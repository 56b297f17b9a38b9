// Mini hypervisor: an EL2 hypervisor with a KVM-style world switch (__guest_enter/__guest_exit around a vCPU context
// frame) and an exit dispatcher in the style of arm_vcpu, hosting the EL1 guest of guest.S behind a stage-2 table.
//
// Run: trapdoor run mini-hypervisor.elf --el 2 --gic 3   (QEMU: -M virt,virtualization=on,gic-version=3)
//
// Stage 2 maps the guest's 2 MB of RAM (IPA = PA 0x40200000) and nothing else, so every access the guest makes to
// the PL011 at 0x09000000 is a stage-2 Data Abort taken to EL2 (EC 0x24). The dispatcher decodes it from ESR_EL2's
// ISS (SAS: size, SRT: register, WnR: direction), finds the IPA from HPFAR_EL2 and FAR_EL2, performs the access on
// the real PL011 and steps the guest past the instruction. HVC is the guest's way to call the hypervisor: PSCI
// (VERSION, SYSTEM_OFF) and one hypercall of its own.

        .include "pl011.S"

        .equ    GUEST_RAM, 0x40200000                   // the guest's one 2 MB block (see mini-hypervisor.ld)
        .equ    PSCI_VERSION, 0x84000000
        .equ    PSCI_SYSTEM_OFF, 0x84000008
        .equ    HYP_EXIT_COUNT, 0xc6000001              // SMCCC's vendor-specific hypervisor range: our hypercall
        .equ    SMCCC_NOT_SUPPORTED, -1

        // The vCPU context frame: the guest's x0-x30, ELR_EL2 and SPSR_EL2 (its PC and PSTATE while it is out),
        // then the host's callee-saved registers and SP while the guest runs. KVM's kvm_cpu_context also holds the
        // EL1 system registers; this hypervisor runs one guest and never touches them, so they stay in the CPU.
        .equ    VCPU_X, 0                               // x<n> at 8 * n
        .equ    VCPU_ELR, 31 * 8
        .equ    VCPU_SPSR, 32 * 8
        .equ    VCPU_HOST, 33 * 8                       // host x19-x30
        .equ    VCPU_HOST_SP, VCPU_HOST + 12 * 8
        .equ    VCPU_SIZE, VCPU_HOST_SP + 8

        // Exit kinds __guest_exit returns: the vector entry the guest came in through.
        .equ    EXIT_SYNC, 0
        .equ    EXIT_IRQ, 1

        // HCR_EL2: VM (bit 0) turns stage 2 on; TSC (bit 19) traps the guest's SMCs here, or they would reach the
        // firmware behind the hypervisor's back; RW (bit 31) makes EL1 AArch64. (KVM sets many more: TWI, TWE, IMO,
        // FMO, AMO, TID3, TACR... for a guest that uses interrupts, WFI and the ID registers.)
        .equ    HCR, (1 << 31) | (1 << 19) | (1 << 0)
        // VTCR_EL2: T0SZ 25 (a 39-bit IPA space), SL0 1 (the walk starts at level 1), inner/outer write-back
        // cacheable, inner shareable, TG0 4 KB granule, PS 40-bit physical addresses; bit 31 is RES1.
        .equ    VTCR, 25 | (1 << 6) | (1 << 8) | (1 << 10) | (3 << 12) | (2 << 16) | (1 << 31)
        // A stage-2 block descriptor's attributes: MemAttr Normal write-back, S2AP read/write, inner shareable, AF.
        .equ    S2_NORMAL_RW, (0xf << 2) | (3 << 6) | (3 << 8) | (1 << 10)

        .macro mov64 reg, value
        movz    \reg, #((\value) & 0xffff)
        movk    \reg, #(((\value) >> 16) & 0xffff), lsl #16
        movk    \reg, #(((\value) >> 32) & 0xffff), lsl #32
        movk    \reg, #(((\value) >> 48) & 0xffff), lsl #48
        .endm

        .text
        .global _start
_start:
        adr     x0, hyp_stack_top
        mov     sp, x0
        adr     x0, hyp_vectors
        msr     vbar_el2, x0
        print   "mini-hyp: EL2 hypervisor starting a guest at IPA 0x40200000; its UART is trapped\n"
        bl      stage2_init
        mov64   x0, HCR
        msr     hcr_el2, x0
        mov64   x0, 0x30d00800                          // SCTLR_EL1 for the guest: RES1 bits, MMU off
        msr     sctlr_el1, x0
        isb
        // The vCPU's first state: PC at the guest's entry, PSTATE EL1h with DAIF masked, registers zero.
        adr     x0, vcpu
        adrp    x1, guest_entry                         // 1.5 MB away: beyond ADR's reach
        add     x1, x1, :lo12:guest_entry
        mov     x2, #0x3c5
        stp     x1, x2, [x0, #VCPU_ELR]

// The run loop: enter the guest, handle what made it exit, enter again until it powers off.
run:    adr     x0, vcpu
        bl      __guest_enter                           // returns when the guest exits, x0 = exit kind
        bl      handle_exit
        cbz     x0, run
        print   "mini-hyp: guest powered off after "
        ldr     x0, exits
        bl      putdec
        print   " exits: "
        ldr     x0, mmio_reads
        bl      putdec
        print   " UART reads, "
        ldr     x0, mmio_writes
        bl      putdec
        print   " UART writes, "
        ldr     x0, hypercalls
        bl      putdec
        print   " hypercalls\n"
        mov64   x0, PSCI_SYSTEM_OFF                     // the board's PSCI, at EL3 behind us: SMC
        smc     #0
        b       .

// Stage 2: level 1 entry 1 (IPA 1-2 GB) points to a level-2 table whose entry 1 is the guest's 2 MB block.
// Every other IPA, the UART's included, is unmapped: a translation fault, a Data Abort to EL2.
stage2_init:
        adr     x0, s2_level1
        adr     x1, s2_end
1:      stp     xzr, xzr, [x0], #16                     // zero the tables: the guest must find nothing else
        cmp     x0, x1
        b.lo    1b
        adr     x0, s2_level1
        adr     x1, s2_level2
        orr     x1, x1, #3                              // table descriptor
        str     x1, [x0, #((GUEST_RAM >> 30) & 0x1ff) * 8]
        mov64   x1, GUEST_RAM | S2_NORMAL_RW | 1        // block descriptor, IPA = PA
        adr     x0, s2_level2
        str     x1, [x0, #((GUEST_RAM >> 21) & 0x1ff) * 8]
        mov64   x0, VTCR
        msr     vtcr_el2, x0
        adr     x0, s2_level1
        orr     x0, x0, #1 << 48                        // VMID 1 tags the guest's TLB entries
        msr     vttbr_el2, x0
        dsb     ishst
        tlbi    vmalls12e1
        dsb     ish
        isb
        ret

// u64 __guest_enter(vcpu x0): saves the host's callee-saved registers and SP in the frame, loads the guest's
// registers and ERETs into it. Control comes back through __guest_exit, which returns from this call.
__guest_enter:
        add     x1, x0, #VCPU_HOST
        stp     x19, x20, [x1, #0]
        stp     x21, x22, [x1, #16]
        stp     x23, x24, [x1, #32]
        stp     x25, x26, [x1, #48]
        stp     x27, x28, [x1, #64]
        stp     x29, x30, [x1, #80]
        mov     x2, sp
        str     x2, [x0, #VCPU_HOST_SP]
        msr     tpidr_el2, x0                           // how the vectors find the frame again
        ldp     x1, x2, [x0, #VCPU_ELR]
        msr     elr_el2, x1
        msr     spsr_el2, x2
        ldp     x1, x2, [x0, #8 * 1]
        ldp     x3, x4, [x0, #8 * 3]
        ldp     x5, x6, [x0, #8 * 5]
        ldp     x7, x8, [x0, #8 * 7]
        ldp     x9, x10, [x0, #8 * 9]
        ldp     x11, x12, [x0, #8 * 11]
        ldp     x13, x14, [x0, #8 * 13]
        ldp     x15, x16, [x0, #8 * 15]
        ldp     x17, x18, [x0, #8 * 17]
        ldp     x19, x20, [x0, #8 * 19]
        ldp     x21, x22, [x0, #8 * 21]
        ldp     x23, x24, [x0, #8 * 23]
        ldp     x25, x26, [x0, #8 * 25]
        ldp     x27, x28, [x0, #8 * 27]
        ldp     x29, x30, [x0, #8 * 29]
        ldr     x0, [x0, #8 * 0]                        // the frame's base goes last
        eret

// __guest_exit(vcpu x0, exit kind x1; the guest's x0 and x1 on the stack): saves the guest's registers, ELR_EL2
// and SPSR_EL2 in the frame, restores the host's and returns from __guest_enter with x0 = the exit kind.
__guest_exit:
        stp     x2, x3, [x0, #8 * 2]
        stp     x4, x5, [x0, #8 * 4]
        stp     x6, x7, [x0, #8 * 6]
        stp     x8, x9, [x0, #8 * 8]
        stp     x10, x11, [x0, #8 * 10]
        stp     x12, x13, [x0, #8 * 12]
        stp     x14, x15, [x0, #8 * 14]
        stp     x16, x17, [x0, #8 * 16]
        stp     x18, x19, [x0, #8 * 18]
        stp     x20, x21, [x0, #8 * 20]
        stp     x22, x23, [x0, #8 * 22]
        stp     x24, x25, [x0, #8 * 24]
        stp     x26, x27, [x0, #8 * 26]
        stp     x28, x29, [x0, #8 * 28]
        str     x30, [x0, #8 * 30]
        ldp     x2, x3, [sp], #16                       // the guest's x0 and x1, pushed by the vector entry
        stp     x2, x3, [x0, #8 * 0]
        mrs     x2, elr_el2
        mrs     x3, spsr_el2
        stp     x2, x3, [x0, #VCPU_ELR]
        ldr     x2, [x0, #VCPU_HOST_SP]
        mov     sp, x2
        add     x2, x0, #VCPU_HOST
        ldp     x19, x20, [x2, #0]
        ldp     x21, x22, [x2, #16]
        ldp     x23, x24, [x2, #32]
        ldp     x25, x26, [x2, #48]
        ldp     x27, x28, [x2, #64]
        ldp     x29, x30, [x2, #80]
        mov     x0, x1
        ret

// handle_exit(kind x0): the exit dispatcher. Returns 0 to run the guest again, 1 when it has powered off.
handle_exit:
        stp     x19, x30, [sp, #-64]!
        stp     x20, x21, [sp, #16]
        stp     x22, x23, [sp, #32]
        str     x24, [sp, #48]
        adr     x19, vcpu
        adr     x1, exits
        ldr     x2, [x1]
        add     x2, x2, #1
        str     x2, [x1]
        cmp     x0, #EXIT_SYNC
        b.ne    unhandled
        mrs     x20, esr_el2
        lsr     x21, x20, #26                           // EC
        cmp     x21, #0x24                              // Data Abort from a lower EL: MMIO
        b.eq    mmio
        cmp     x21, #0x16                              // HVC from AArch64
        b.eq    hvc
        cmp     x21, #0x17                              // SMC from AArch64, trapped by HCR_EL2.TSC
        b.eq    smc
        b       unhandled

// A stage-2 fault on the UART: emulate the load or store the guest tried, on the real device.
mmio:   tbz     x20, #24, unhandled                     // ISV = 0: no syndrome (e.g. LDP), nothing to emulate
        // IPA = HPFAR_EL2.FIPA (bits 43:4, IPA[51:12]) << 12 | FAR_EL2[11:0] (the page offset)
        mrs     x22, hpfar_el2
        ubfx    x22, x22, #4, #40
        lsl     x22, x22, #12
        mrs     x0, far_el2
        bfxil   x22, x0, #0, #12
        mov64   x0, UART_BASE
        sub     x0, x22, x0
        cmp     x0, #0x1000
        b.hs    unhandled                               // not the UART: no device here to emulate
        ubfx    x23, x20, #16, #5                       // SRT: the guest register moved
        ubfx    x24, x20, #22, #2                       // SAS: 1 << SAS bytes
        tbnz    x20, #6, mmio_write                     // WnR
        // Read: load from the device in the guest's size, then extend as the guest's instruction would.
        cmp     x24, #1
        b.lo    1f
        b.eq    2f
        cmp     x24, #2
        b.eq    3f
        ldr     x1, [x22]
        b       4f
1:      ldrb    w1, [x22]
        b       4f
2:      ldrh    w1, [x22]
        b       4f
3:      ldr     w1, [x22]
4:      tbz     x20, #21, 5f                            // SSE: sign-extend from 8 << SAS bits
        mov     x3, #8
        lsl     x3, x3, x24
        mov     x2, #64
        sub     x2, x2, x3
        lsl     x1, x1, x2
        asr     x1, x1, x2
5:      tbnz    x20, #15, 6f                            // SF = 0: the guest named a W register
        mov     w1, w1
6:      cmp     x23, #31                                // XZR: the value goes nowhere
        b.eq    7f
        str     x1, [x19, x23, lsl #3]
7:      adr     x1, mmio_reads
        b       mmio_done
        // Write: the guest register's value (XZR reads as zero), stored to the device in the guest's size.
mmio_write:
        mov     x1, #0
        cmp     x23, #31
        b.eq    1f
        ldr     x1, [x19, x23, lsl #3]
1:      cmp     x24, #1
        b.lo    2f
        b.eq    3f
        cmp     x24, #2
        b.eq    4f
        str     x1, [x22]
        b       5f
2:      strb    w1, [x22]
        b       5f
3:      strh    w1, [x22]
        b       5f
4:      str     w1, [x22]
5:      adr     x1, mmio_writes
mmio_done:
        ldr     x2, [x1]
        add     x2, x2, #1
        str     x2, [x1]
        // ELR_EL2 points at the faulting load or store: step the guest past it (4 bytes, ESR_EL2.IL = 1).
        b       advance

// A trapped SMC's ELR_EL2 is the SMC itself (unlike HVC's): step past it, then handle it as PSCI like an HVC.
smc:    ldr     x0, [x19, #VCPU_ELR]
        add     x0, x0, #4
        str     x0, [x19, #VCPU_ELR]
// HVC: the SMC Calling Convention. x0 = function; the result goes back in the guest's x0. ELR_EL2 already points
// after the HVC: the preferred return address of a call is the next instruction.
hvc:    adr     x1, hypercalls
        ldr     x2, [x1]
        add     x2, x2, #1
        str     x2, [x1]
        ldr     x0, [x19, #VCPU_X]
        mov64   x1, PSCI_VERSION
        cmp     x0, x1
        b.eq    1f
        mov64   x1, PSCI_SYSTEM_OFF
        cmp     x0, x1
        b.eq    powered_off
        mov64   x1, HYP_EXIT_COUNT
        cmp     x0, x1
        b.eq    2f
        mov     x0, #SMCCC_NOT_SUPPORTED
        b       3f
1:      mov     x0, #2                                  // PSCI 0.2, where VERSION and SYSTEM_OFF appeared
        b       3f
2:      ldr     x0, exits
3:      str     x0, [x19, #VCPU_X]
        b       resume

advance:
        ldr     x0, [x19, #VCPU_ELR]
        add     x0, x0, #4
        str     x0, [x19, #VCPU_ELR]
resume: mov     x0, #0
        b       1f
powered_off:
        mov     x0, #1
1:      ldr     x24, [sp, #48]
        ldp     x22, x23, [sp, #32]
        ldp     x20, x21, [sp, #16]
        ldp     x19, x30, [sp], #64
        ret

unhandled:
        mrs     x20, esr_el2
        show    "mini-hyp: unhandled exit, ESR_EL2 ", x20
        ldr     x20, [x19, #VCPU_ELR]
        show    "mini-hyp: at guest PC ", x20
        b       powered_off

// An exception taken while the hypervisor itself runs (current EL): a bug in the hypervisor.
hyp_panic:
        mrs     x19, esr_el2
        show    "mini-hyp: exception at EL2, ESR_EL2 ", x19
        mrs     x19, elr_el2
        show    "mini-hyp: ELR_EL2 ", x19
        mov64   x0, PSCI_SYSTEM_OFF
        smc     #0
        b       .

// VBAR_EL2: entries 0-7 are exceptions taken at EL2 itself, 8-11 come from the guest (lower EL, AArch64): they
// push the guest's x0 and x1, find the vCPU frame in TPIDR_EL2 and leave through __guest_exit.
        .balign 0x800
hyp_vectors:
        .rept   8
        .balign 0x80
        b       hyp_panic
        .endr
        .irp    kind, EXIT_SYNC, EXIT_IRQ, 2, 3
        .balign 0x80
        stp     x0, x1, [sp, #-16]!
        mrs     x0, tpidr_el2
        mov     x1, #\kind
        b       __guest_exit
        .endr
        .rept   4
        .balign 0x80
        b       hyp_panic
        .endr

        .data
        .balign 8
exits:  .quad   0
mmio_reads:
        .quad   0
mmio_writes:
        .quad   0
hypercalls:
        .quad   0
vcpu:   .space  VCPU_SIZE

        .bss
        .balign 4096
s2_level1:
        .space  4096
s2_level2:
        .space  4096
s2_end:
        .balign 16
        .space  4096
hyp_stack_top:
