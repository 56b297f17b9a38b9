// MMU test guest, stage 1 at EL1 in each granule and VA size: 16 KB (36-bit VA, start at level 2, 32 MB blocks),
// 64 KB (39-bit VA, start at level 2, 512 MB blocks), 4 KB with 48-bit VAs (start at level 0) through TTBR0 and
// TTBR1, and TCR_EL1.TBI0. Reads through blocks and pages, faults at each level, AT S1E1R. The output must equal
//   qemu-system-aarch64 -M virt,secure=on,virtualization=on -cpu max -nographic -semihosting -kernel guest.elf
// Link at 0x40080000.
        .include "mmu-lib.S"

        .equ T16, 0x40210000                            // 16K: level-2 table (2048 entries), level 3 at +0x4000
        .equ T64, 0x40220000                            // 64K: level-2 table (1024 entries), level 3 at +0x10000
        .equ T4, 0x40240000                             // 4K 48-bit: TTBR0 L0, L1; TTBR1 L0, L1
        .equ DATA, 0x40400000
        .equ AF, 1 << 10
        .equ NORMAL, (1 << 2) | (3 << 8) | AF
        .equ RO, 2 << 6
        .equ TCRBASE, (1 << 8) | (1 << 10) | (3 << 12) | (2 << 32)
        .equ SCTLR1, 0x30d00800 | (1 << 2) | (1 << 12)

        // MMU off, new TCR_EL1/TTBR0_EL1/TTBR1_EL1, TLB flushed, MMU on.
        .macro mmu tcr, ttbr0, ttbr1
        mov64   x0, SCTLR1
        msr     sctlr_el1, x0
        isb
        mov64   x0, \tcr
        msr     tcr_el1, x0
        mov64   x0, \ttbr0
        msr     ttbr0_el1, x0
        mov64   x0, \ttbr1
        msr     ttbr1_el1, x0
        isb
        tlbi    vmalle1
        dsb     ish
        mov64   x0, SCTLR1 | 1
        msr     sctlr_el1, x0
        isb
        .endm

        .macro load va, text
        mov64   x0, \va
        ldr     x0, [x0]
        show    "\text", x0
        .endm

        .macro at1 va, text
        mov64   x0, \va
        at      s1e1r, x0
        isb
        mrs     x0, par_el1
        show    "\text", x0
        .endm

main:   zero    T16, 0x8000
        zero    T64, 0x20000
        zero    T4, 0x4000
        // 16K: VA 0x40000000 32 MB identity block; VA 0x42000000 pages.
        desc    T16, 32, 0x40000000 | 1 | NORMAL
        desc    T16, 33, (T16 + 0x4000) | 3
        desc    T16 + 0x4000, 0, DATA | 3 | NORMAL
        desc    T16 + 0x4000, 1, (DATA + 0x4000) | 3 | NORMAL
        desc    T16 + 0x4000, 2, (DATA + 0x4000) | 3 | (NORMAL & ~AF)
        // 64K: VA 0x40000000 512 MB identity block; VA 0x60000000 pages.
        desc    T64, 2, 0x40000000 | 1 | NORMAL
        desc    T64, 3, (T64 + 0x10000) | 3
        desc    T64 + 0x10000, 0, DATA | 3 | NORMAL
        desc    T64 + 0x10000, 1, (DATA + 0x10000) | 3 | (NORMAL & ~AF)
        desc    T64 + 0x10000, 2, (DATA + 0x10000) | 3 | NORMAL | RO
        // 4K, 48 bits: TTBR0 L0[0] -> L1 with a 1 GB identity block; TTBR1 L0[0] -> L1[0] 1 GB block at 0x40000000.
        desc    T4, 0, (T4 + 0x1000) | 3
        desc    T4 + 0x1000, 1, 0x40000000 | 1 | NORMAL
        desc    T4 + 0x2000, 0, (T4 + 0x3000) | 3
        desc    T4 + 0x3000, 0, 0x40000000 | 1 | NORMAL
        mov64   x0, DATA
        mov64   x1, 0x1111
        str     x1, [x0]
        mov64   x1, 0x4444
        str     x1, [x0, #0x4000]
        mov64   x1, 0x6464
        add     x0, x0, #0x10000
        str     x1, [x0]
        adr     x0, el1
        b       to_el1

el1:    mov64   x0, 0x44ff00
        msr     mair_el1, x0
        mmu     TCRBASE | 28 | (2 << 14) | (1 << 23), T16, 0
        load    0x42000000, "16K page 0"
        load    0x42004000, "16K page 1"
        load    0x40400000, "16K block"
        mov64   x0, 0x42008000
        ldr     x0, [x0]                                // Access flag, level 3
        mov64   x0, 0x44000000
        ldr     x0, [x0]                                // Translation, level 2
        at1     0x42004abc, "16K AT S1E1R"

        mmu     TCRBASE | 25 | (1 << 14) | (1 << 23), T64, 0
        load    0x60000000, "64K page 0"
        load    0x40400000, "64K block"
        mov64   x0, 0x60010000
        ldr     x0, [x0]                                // Access flag, level 3
        mov64   x0, 0x60020000
        str     x0, [x0]                                // Permission, level 3
        load    0x60020000, "64K read-only page"
        mov64   x0, 0x80000000
        ldr     x0, [x0]                                // Translation, level 2
        at1     0x6000abcd, "64K AT S1E1R"

        mmu     TCRBASE | 16 | (16 << 16) | (2 << 30), T4, T4 + 0x2000
        load    0x40400000, "48-bit TTBR0"
        load    0xffff000000400000, "48-bit TTBR1"
        mov64   x0, 0xffff000040000000
        ldr     x0, [x0]                                // Translation, level 1 (TTBR1)
        mov64   x0, 0x0001000000000000
        ldr     x0, [x0]                                // Translation, level 0
        at1     0xffff000000400010, "48-bit AT S1E1R TTBR1"
        mmu     TCRBASE | 16 | (16 << 16) | (2 << 30) | (1 << 37), T4, T4 + 0x2000
        load    0x5a00000040400000, "TBI0 tagged"
        b       exit
