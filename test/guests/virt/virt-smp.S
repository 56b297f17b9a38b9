// SMP bring-up with PSCI on 4 CPUs: CPU0 reads PSCI_VERSION and PSCI_FEATURES, starts CPUs 1-3 with CPU_ON; each
// prints its MPIDR and context ID when its turn comes (a turn variable fixes the order), CPU3 then does CPU_OFF.

        .include "virt-lib.S"

main:   adr     x1, vectors_el1
        msr     vbar_el1, x1
        mrs     x1, mpidr_el1
        ands    x1, x1, #0xff
        b.ne    secondary
        mrs     x19, CurrentEL
        lsr     x19, x19, #2
        show    "CPU0 at EL", x19
        mov64   x0, PSCI_VERSION
        bl      psci
        show    "PSCI_VERSION", x0
        adr     x20, features
1:      ldr     w19, [x20], #4
        cbz     w19, 2f
        say     "PSCI_FEATURES "
        mov     x0, x19
        bl      puthex
        mov64   x0, PSCI_FEATURES
        mov     x1, x19
        bl      psci
        show    "", x0
        b       1b

        // A CPU that does not exist: INVALID_PARAMETERS from both.
2:      mov64   x0, PSCI_AFFINITY_INFO
        mov     x1, #7
        mov     x2, #0
        bl      psci
        show    "AFFINITY_INFO cpu 0x7", x0
        mov64   x0, PSCI_CPU_ON
        mov     x1, #7
        adr     x2, _start
        mov     x3, #0
        bl      psci
        show    "CPU_ON cpu 0x7", x0

        // Start 1-3 with context IDs 0x11, 0x22, 0x33; they wait for turn 1, 2, 3.
        mov     x20, #1
3:      mov64   x0, PSCI_AFFINITY_INFO
        mov     x1, x20
        mov     x2, #0
        bl      psci
        mov     x19, x0
        say     "before CPU_ON: AFFINITY_INFO cpu "
        mov     x0, x20
        bl      puthex
        show    "", x19
        mov64   x0, PSCI_CPU_ON
        mov     x1, x20
        adr     x2, _start
        mov     x3, #0x11
        mul     x3, x3, x20
        bl      psci
        mov     x19, x0
        say     "CPU_ON cpu "
        mov     x0, x20
        bl      puthex
        show    "", x19
        add     x20, x20, #1
        cmp     x20, #4
        b.ne    3b

        adr     x21, turn
        mov     w0, #1
        stlr    w0, [x21]
        mov64   x22, SPIN_LIMIT
4:      ldar    w0, [x21]
        cmp     w0, #4
        b.eq    5f
        subs    x22, x22, #1
        b.ne    4b
        b       timeout

5:      say     "CPU0 again\n"
        // CPU1 is on for sure now: a second CPU_ON is ALREADY_ON.
        mov64   x0, PSCI_CPU_ON
        mov     x1, #1
        adr     x2, _start
        mov     x3, #0
        bl      psci
        show    "CPU_ON cpu1 again", x0
        mov     x20, #1
6:      mov64   x0, PSCI_AFFINITY_INFO
        mov     x1, x20
        mov     x2, #0
        bl      psci
        mov     x19, x0
        say     "after: AFFINITY_INFO cpu "
        mov     x0, x20
        bl      puthex
        show    "", x19
        add     x20, x20, #1
        cmp     x20, #3
        b.ne    6b
        // CPU3 may still be on its way off: wait until PSCI says it is.
        mov64   x22, SPIN_LIMIT
7:      mov64   x0, PSCI_AFFINITY_INFO
        mov     x1, #3
        mov     x2, #0
        bl      psci
        cmp     x0, #1
        b.eq    8f
        subs    x22, x22, #1
        b.ne    7b
        b       timeout
8:      show    "after CPU_OFF: AFFINITY_INFO cpu3", x0
        b       poweroff

// x0 = the context ID, x1 = MPIDR.Aff0 (= the turn this CPU waits for).
secondary:
        mov     x19, x0
        mov     x20, x1
        adr     x21, turn
        mov64   x22, SPIN_LIMIT
1:      ldar    w0, [x21]
        cmp     w0, w20
        b.eq    2f
        subs    x22, x22, #1
        b.ne    1b
        b       timeout
2:      mrs     x23, mpidr_el1
        say     "secondary MPIDR "
        mov     x0, x23
        bl      puthex
        mrs     x23, CurrentEL
        lsr     x23, x23, #2
        say     " EL "
        mov     x0, x23
        bl      puthex
        show    " context", x19
        add     w0, w20, #1
        cmp     x20, #3
        b.eq    3f
        stlr    w0, [x21]
4:      wfe
        b       4b
3:      stlr    w0, [x21]
        mov64   x0, PSCI_CPU_OFF
        bl      psci
        show    "UNEXPECTED CPU_OFF return", x0
        b       poweroff

el1_exception:
        mrs     x19, esr_el1
        show    "UNEXPECTED exception, ESR", x19
        b       poweroff

        vectors el1, el1_exception

        .balign 4
// PSCI_FEATURES queries: the mandatory functions, SYSTEM_RESET (0x84000009), CPU_SUSPEND (0xc4000001) and the
// optional PSCI_SET_SUSPEND_MODE (0x8400000f) that QEMU does not implement; 0 ends the list.
features:
        .word   PSCI_VERSION, PSCI_CPU_ON, PSCI_CPU_OFF, PSCI_AFFINITY_INFO, PSCI_SYSTEM_OFF, 0x84000009, 0xc4000001
        .word   0x8400000f, 0
        .data
        .balign 4
turn:   .word   0
