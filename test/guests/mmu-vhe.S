// MMU test guest, the EL2&0 regime of VHE (HCR_EL2.E2H = TGE = 1): TCR_EL2 in its EL1 layout, TTBR0_EL2 and
// TTBR1_EL2, EL0 permissions (AP[1], UXN) for EL0 and for LDTR at EL2, PAN
// at EL2, AT S1E2R and S1E0R, faults from EL0 taken to EL2. QEMU 7.2 gives stage-1 Data Aborts taken to EL2 an
// instruction syndrome (ISV is for stage 2 only), so the EL2 handler prints Data Abort ESRs without ISS[24:14].
// The output must equal
//   qemu-system-aarch64 -M virt,secure=on,virtualization=on -cpu max -nographic -semihosting -kernel guest.elf
// Link at 0x40080000.
        .equ MASK_EL2_ISV, 1
        .include "mmu-lib.S"

        .equ L1, 0x40200000
        .equ L2, 0x40201000
        .equ L3, 0x40202000
        .equ U0, 0x40203000                             // TTBR1_EL2: L0, L1
        .equ DATA, 0x40400000
        .equ AF, 1 << 10
        .equ NORMAL, (1 << 2) | (3 << 8) | AF
        .equ EL0RO, 3 << 6                              // AP 11: read-only at EL2 and EL0
        .equ EL0RW, 1 << 6                              // AP 01
        .equ UXN, 1 << 54
        .equ PXN, 1 << 53
        .equ TCR, 25 | (1 << 8) | (1 << 10) | (3 << 12) | (16 << 16) | (2 << 30) | (2 << 32)
        .equ SCTLR2, 0x30d00800 | 1 | (1 << 2) | (1 << 12)

main:   zero    L1, 0x5000
        desc    L1, 1, L2 | 3
        desc    L2, 0, 0x40000000 | 1 | NORMAL | UXN
        desc    L2, 1, 0x40200000 | 1 | NORMAL | UXN
        desc    L2, 2, 0x40400000 | 1 | NORMAL | UXN
        desc    L2, 3, L3 | 3
        desc    L3, 0, DATA | 3 | NORMAL | EL0RO | UXN
        desc    L3, 1, (DATA + 0x1000) | 3 | NORMAL | EL0RW | UXN | PXN
        desc    L3, 2, (DATA + 0x2000) | 3 | NORMAL | UXN
        descl   L3, 3, el0_code, 3 | NORMAL | EL0RO | PXN
        descl   L3, 4, el0_code, 3 | NORMAL | PXN | UXN
        desc    U0, 0, (U0 + 0x1000) | 3
        desc    U0 + 0x1000, 0, 0x40000000 | 1 | NORMAL | UXN
        mov64   x0, DATA
        mov64   x1, 0x1111
        str     x1, [x0]
        mov64   x1, 0x2222
        str     x1, [x0, #0x1000]
        mov64   x1, 0x3333
        str     x1, [x0, #0x2000]
        mov64   x0, (1 << 31) | (1 << 34) | (1 << 27)   // RW, E2H, TGE
        msr     hcr_el2, x0
        mov64   x0, 0x44ff00
        msr     mair_el2, x0
        mov64   x0, TCR
        msr     tcr_el2, x0
        mov64   x0, L1
        msr     ttbr0_el2, x0
        mov64   x0, U0
        msr     ttbr1_el2, x0
        isb
        mov64   x0, SCTLR2
        msr     sctlr_el2, x0
        isb
        mov64   x21, 0x40600000
        ldr     x0, [x21]
        show    "EL2 reads", x0
        mov64   x0, 0xffff000000400000
        ldr     x0, [x0]
        show    "EL2 reads TTBR1_EL2", x0
        add     x22, x21, #0x1000
        ldtr    x0, [x22]
        show    "LDTR EL0 page", x0
        add     x22, x21, #0x2000
        ldtr    x0, [x22]                               // EL0 has no access
        msr     pan, #1
        ldr     x0, [x21, #0x2000]
        show    "PAN, EL2-only page", x0
        ldr     x0, [x21, #0x1000]                      // PAN: EL0-accessible page
        msr     pan, #0
        at      s1e2r, x21
        isb
        mrs     x0, par_el1
        show    "AT S1E2R", x0
        add     x0, x21, #0x2000
        at      s1e0r, x0
        isb
        mrs     x0, par_el1
        show    "AT S1E0R EL2-only", x0
        add     x0, x21, #0x1000
        at      s1e0w, x0
        isb
        mrs     x0, par_el1
        show    "AT S1E0W EL0 page", x0

        // EL0 under TGE: reads, a fault to EL2, SVC back to EL2.
        adr     x27, 1f
        mov     x0, #0
        msr     spsr_el2, x0
        add     x0, x21, #0x3000
        msr     elr_el2, x0
        eret
1:      show    "EL0 read", x23
        show    "EL0 read EL0RW", x24
        // EL0 jumps into a UXN page: Instruction Abort to EL2.
        adr     x27, 2f
        mov     x0, #0
        msr     spsr_el2, x0
        add     x0, x21, #0x4000
        msr     elr_el2, x0
        adr     x28, 2f
        eret
2:      mov64   x0, 0x30d00800
        msr     sctlr_el2, x0
        isb
        b       exit

        .balign 4096
el0_code:                                               // VA 0x40603000 (x21 = 0x40600000)
        ldr     x23, [x21]
        ldr     x24, [x21, #0x1000]
        ldr     x25, [x21, #0x2000]                     // Permission fault to EL2
        svc     #0
        .balign 4096
