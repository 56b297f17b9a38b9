// MMU test guest, stage 1 with the 4 KB granule (39-bit VA, start at level 1): 1 GB and 2 MB blocks and 4 KB
// pages, Translation/Access flag/Permission faults at their levels, AT S1E1R/W and S1E0R (PAR_EL1), TLBI VAE1IS
// after changing a page, instruction aborts (XN, unmapped), LDTR and PAN permissions, then the EL2 regime
// (TTBR0_EL2). Left out where QEMU 7.2 deviates from the ARM ARM: unaligned accesses to Device memory (no
// Alignment fault in QEMU), stage-1 Data Aborts taken from EL2 (QEMU sets ISV, which is for stage 2 only). Prints what it observes; the output must equal
//   qemu-system-aarch64 -M virt,secure=on,virtualization=on -cpu max -nographic -semihosting -kernel guest.elf
// Link at 0x40080000.
        .include "mmu-lib.S"

        .equ L1, 0x40200000
        .equ L2, 0x40201000
        .equ L3, 0x40202000
        .equ DATA, 0x40400000
        .equ AF, 1 << 10
        .equ NORMAL, (1 << 2) | (3 << 8) | AF          // AttrIndx 1 (0xff), Inner Shareable
        .equ DEVICE, AF | (2 << 8) | (3 << 53)          // AttrIndx 0 (Device-nGnRnE), Outer Shareable, UXN, PXN
        .equ RO, 2 << 6                                 // AP[2:1] = 10: read-only, no EL0
        .equ EL0RW, 1 << 6                              // AP[2:1] = 01: EL0 read/write
        .equ XN, 3 << 53
        .equ TCR, 25 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (2 << 32)
        .equ SCTLR1, 0x30d00800 | 1 | (1 << 2) | (1 << 12)

main:   // EL2, MMU off: tables and data.
        zero    L1, 0x3000
        desc    L1, 0, 0x00000000 | 1 | DEVICE
        desc    L1, 1, L2 | 3
        desc    L2, 0, 0x40000000 | 1 | NORMAL
        desc    L2, 1, 0x40200000 | 1 | NORMAL
        desc    L2, 2, 0x40400000 | 1 | NORMAL | XN
        desc    L2, 3, L3 | 3
        desc    L3, 0, DATA | 3 | NORMAL
        desc    L3, 1, (DATA + 0x1000) | 3 | (NORMAL & ~AF)
        desc    L3, 2, (DATA + 0x1000) | 3 | NORMAL | RO
        descl   L3, 4, code_page, 3 | NORMAL | XN
        descl   L3, 5, code_page, 3 | NORMAL
        desc    L3, 6, (DATA + 0x2000) | 3 | NORMAL | EL0RW | XN
        mov64   x0, DATA
        mov64   x1, 0x1111
        str     x1, [x0]
        mov64   x1, 0x2222
        str     x1, [x0, #0x1000]
        str     x1, [x0, #0x1008]
        mov64   x1, 0x3333
        str     x1, [x0, #0x2000]
        adr     x27, el2_mmu
        adr     x0, el1
        b       to_el1

el1:    mov64   x0, 0x44ff00
        msr     mair_el1, x0
        mov64   x0, TCR
        msr     tcr_el1, x0
        mov64   x0, L1
        msr     ttbr0_el1, x0
        isb
        mov64   x0, SCTLR1
        msr     sctlr_el1, x0
        isb
        mov64   x21, 0x40600000
        ldr     x0, [x21]
        show    "page 0x40600000 reads", x0
        mov64   x0, 0x40123458
        ldr     x0, [x0]
        show    "2MB block reads", x0
        ldr     x0, [x21, #0x1000]                      // Access flag fault, level 3
        mov     x0, #1
        str     x0, [x21, #0x2000]                      // Permission fault (read-only), level 3
        ldr     x0, [x21, #0x2008]
        show    "read-only page reads", x0
        ldr     x0, [x21, #0x3000]                      // Translation fault, level 3
        mov64   x0, 0x80000000
        ldr     x0, [x0]                                // Translation fault, level 1
        mov64   x0, 0x40a00000
        ldr     x0, [x0]                                // Translation fault, level 2
        ldr     x0, [x21, #1]                           // unaligned Normal: fine
        show    "unaligned read", x0

        // AT S1E1R/W, S1E0R.
        add     x0, x21, #0x123
        at      s1e1r, x0
        isb
        mrs     x0, par_el1
        show    "AT S1E1R page", x0
        mov64   x0, 0x40123458
        at      s1e1w, x0
        isb
        mrs     x0, par_el1
        show    "AT S1E1W block", x0
        add     x0, x21, #0x2000
        at      s1e1w, x0
        isb
        mrs     x0, par_el1
        show    "AT S1E1W read-only", x0
        at      s1e0r, x21
        isb
        mrs     x0, par_el1
        show    "AT S1E0R no EL0", x0
        add     x0, x21, #0x1000
        at      s1e1r, x0
        isb
        mrs     x0, par_el1
        show    "AT S1E1R no AF", x0
        mov64   x0, 0x09000000
        at      s1e1r, x0
        isb
        mrs     x0, par_el1
        show    "AT S1E1R device", x0

        // TLBI: remap the page, invalidate by VA, see the new mapping.
        desc    L3, 0, (DATA + 0x1000) | 3 | NORMAL
        dsb     ishst
        lsr     x0, x21, #12
        tlbi    vae1is, x0
        dsb     ish
        isb
        ldr     x0, [x21]
        show    "after TLBI VAE1IS", x0
        desc    L3, 0, DATA | 3 | NORMAL
        dsb     ishst
        tlbi    vmalle1
        dsb     ish
        isb
        ldr     x0, [x21]
        show    "after TLBI VMALLE1", x0

        // Instruction fetch: XN page, executable alias, unmapped page.
        adr     x28, 1f
        add     x0, x21, #0x4000
        blr     x0
1:      add     x0, x21, #0x5000
        blr     x0
        show    "executed at alias", x0
        adr     x28, 2f
        add     x0, x21, #0x3000
        blr     x0
2:
        // LDTR with EL0 permissions; PAN.
        ldtr    x0, [x21]                               // AP 00: no EL0 access
        add     x1, x21, #0x6000
        ldtr    x0, [x1]
        show    "LDTR EL0 page", x0
        add     x22, x21, #0x6000
        msr     pan, #1
        ldr     x0, [x22]                               // PAN: EL0-accessible page
        ldtr    x0, [x22]
        show    "LDTR under PAN", x0
        ldr     x0, [x21]                               // not EL0-accessible: PAN does not apply
        show    "LDR under PAN", x0
        msr     pan, #0
        hvc     #0xff

el2_mmu: // The EL2 regime: TCR_EL2 T0SZ 25, PS 40 bits, the same tables (AP[1] ignored).
        mov64   x0, 0x44ff00
        msr     mair_el2, x0
        mov64   x0, 25 | (1 << 8) | (1 << 10) | (3 << 12) | (2 << 16) | (1 << 31) | (1 << 23)
        msr     tcr_el2, x0
        mov64   x0, L1
        msr     ttbr0_el2, x0
        isb
        mov64   x0, 0x30c50830 | 1 | (1 << 2) | (1 << 12)
        msr     sctlr_el2, x0
        isb
        ldr     x0, [x21, #0x6000]
        show    "EL2 reads", x0
        at      s1e2r, x21
        isb
        mrs     x0, par_el1
        show    "AT S1E2R", x0
        add     x0, x21, #0x3000
        at      s1e2w, x0
        isb
        mrs     x0, par_el1
        show    "AT S1E2W unmapped", x0
        mov64   x0, 0x30c50830
        msr     sctlr_el2, x0
        isb
        b       exit

        .balign 4096
code_page:
        mov     x0, #0x77
        ret
        .balign 4096
