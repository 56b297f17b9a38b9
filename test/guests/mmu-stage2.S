// MMU test guest, stage 2 (VTCR_EL2: 4 KB granule, 39-bit IPA, start at level 1) under an identity stage 1 at
// EL1: MMIO-style stage-2 Translation faults with the instruction syndrome (ISV, SAS, SSE, SRT, SF, AR; ISV = 0
// for writeback and pairs), stage-2 Permission and Access flag faults, execute-never at stage 2, S1PTW, AT S1E1R
// (the IPA), then at EL2 AT S12E1R/W and S1E1R (faults in PAR with S and PTW), TLBI IPAS2E1IS + VMALLE1IS after
// changing a stage-2 page. The S1PTW fault is at level 3 of both stages: QEMU 7.2 reports the stage-1 level
// where the ARM ARM reports stage 2's. The EL2 handler prints ESR, FAR and HPFAR. The output must equal
//   qemu-system-aarch64 -M virt,secure=on,virtualization=on -cpu max -nographic -semihosting -kernel guest.elf
// Link at 0x40080000.
        .include "mmu-lib.S"

        .equ L1, 0x40200000
        .equ L2, 0x40201000
        .equ S2L1, 0x40300000
        .equ S2L2, 0x40301000
        .equ S2L3, 0x40302000
        .equ S2L3B, 0x40303000
        .equ DATA, 0x40400000
        .equ AF, 1 << 10
        .equ NORMAL, (1 << 2) | (3 << 8) | AF           // stage 1: AttrIndx 1 (0xff), Inner Shareable
        .equ DEVICE, AF | (2 << 8) | (3 << 53)          // stage 1: AttrIndx 0 (Device-nGnRnE), UXN, PXN
        .equ S2RW, (0xf << 2) | (3 << 6) | (3 << 8) | AF // stage 2: MemAttr Normal WB, S2AP RW, Inner Shareable
        .equ S2RO, (0xf << 2) | (1 << 6) | (3 << 8) | AF
        .equ S2XN, 1 << 54
        .equ TCR, 25 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (2 << 32)
        .equ VTCR, 25 | (1 << 6) | (1 << 8) | (1 << 10) | (3 << 12) | (2 << 16) | (1 << 31)
        .equ SCTLR1, 0x30d00800 | 1 | (1 << 2) | (1 << 12)

main:   // EL2, MMU off: stage-1 and stage-2 tables, data.
        zero    L1, 0x2000
        zero    S2L1, 0x4000
        desc    L1, 0, 0x00000000 | 1 | DEVICE
        desc    L1, 1, L2 | 3
        desc    L2, 0, 0x40000000 | 1 | NORMAL
        desc    L2, 1, 0x40200000 | 1 | NORMAL
        desc    L2, 2, 0x40400000 | 1 | NORMAL
        desc    L2, 3, 0x40600000 | 1 | NORMAL
        desc    L2, 5, 0x40800000 | 3                   // a table at an IPA stage 2 does not map: S1PTW
        // Stage 2: IPA 0..1 GB unmapped (the "MMIO" space), RAM blocks, pages at IPA 0x40600000.
        desc    S2L1, 1, S2L2 | 3
        desc    S2L2, 0, 0x40000000 | 1 | S2RW
        desc    S2L2, 1, 0x40200000 | 1 | S2RW
        desc    S2L2, 2, 0x40400000 | 1 | S2RW
        desc    S2L2, 3, S2L3 | 3
        desc    S2L2, 4, S2L3B | 3                      // IPA 0x40800000: a level-3 table, all invalid
        desc    S2L3, 0, (DATA + 0x1000) | 3 | S2RW
        desc    S2L3, 1, (DATA + 0x1000) | 3 | S2RO
        desc    S2L3, 2, (DATA + 0x1000) | 3 | (S2RW & ~AF)
        descl   S2L3, 3, code_page, 3 | S2RW | S2XN
        descl   S2L3, 4, code_page, 3 | S2RW
        mov64   x0, DATA
        mov64   x1, 0x1111
        str     x1, [x0]
        mov64   x1, 0x2222
        str     x1, [x0, #0x1000]
        mov64   x0, VTCR
        msr     vtcr_el2, x0
        mov64   x0, S2L1 | (5 << 48)                    // VMID 5
        msr     vttbr_el2, x0
        mov64   x0, (1 << 31) | 1                       // RW, VM
        msr     hcr_el2, x0
        isb
        adr     x27, el2_at
        adr     x0, el1
        b       to_el1

el1:    mov     x0, #3 << 20                            // CPACR_EL1.FPEN: no FP trap
        msr     cpacr_el1, x0
        mov64   x0, 0x44ff00
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
        show    "IPA page reads", x0
        // "MMIO" at IPA 0x09000000: stage-2 Translation fault at level 1 with the instruction syndrome.
        mov64   x22, 0x09000000
        ldr     w3, [x22]
        strh    w5, [x22, #4]
        ldrsb   x6, [x22, #8]
        ldrsh   w7, [x22, #10]
        str     x30, [x22, #16]
        ldur    x8, [x22, #-1]
        mov     x9, #0x20
        ldr     w10, [x22, x9]
        ldar    x11, [x22]
        stlrb   w12, [x22]
        ldr     w13, lit_mmio
        ldr     x14, [x22, #8]!                         // writeback: ISV = 0
        ldp     x15, x16, [x22]                         // pair: ISV = 0
        ldr     d0, [x22]                               // SIMD&FP: ISV = 0
        // Stage-2 permission (read-only), access flag, execute-never; S1PTW.
        ldr     x0, [x21, #0x1000]
        show    "S2 read-only page reads", x0
        str     x0, [x21, #0x1000]
        ldr     x0, [x21, #0x2000]
        adr     x28, 1f
        add     x0, x21, #0x3000
        blr     x0
1:      add     x0, x21, #0x4000
        blr     x0
        show    "executed at stage-2 alias", x0
        mov64   x0, 0x40a00000
        ldr     x0, [x0]
        // AT S1E1R with stage 2 on: PAR holds the IPA.
        at      s1e1r, x21
        isb
        mrs     x0, par_el1
        show    "AT S1E1R IPA", x0
        hvc     #0xff

el2_at: at      s12e1r, x21
        isb
        mrs     x0, par_el1
        show    "AT S12E1R", x0
        add     x0, x21, #0x1000
        at      s12e1w, x0
        isb
        mrs     x0, par_el1
        show    "AT S12E1W read-only", x0
        at      s12e1r, x22
        isb
        mrs     x0, par_el1
        show    "AT S12E1R MMIO", x0
        mov64   x0, 0x40a00000
        at      s1e1r, x0
        isb
        mrs     x0, par_el1
        show    "AT S1E1R S1PTW", x0
        at      s1e1r, x21
        isb
        mrs     x0, par_el1
        show    "AT S1E1R from EL2", x0
        // Remap the stage-2 page, invalidate by IPA and the stage-1 entries, read again from EL1.
        desc    S2L3, 0, DATA | 3 | S2RW
        dsb     ishst
        lsr     x0, x21, #12
        tlbi    ipas2e1is, x0
        dsb     ish
        tlbi    vmalle1is
        dsb     ish
        isb
        adr     x0, el1_again
        b       to_el1

el1_again:
        ldr     x0, [x21]
        show    "after TLBI IPAS2E1IS", x0
        b       exit

lit_mmio: .word 0
        .balign 4096
code_page:
        mov     x0, #0x77
        ret
        .balign 4096
