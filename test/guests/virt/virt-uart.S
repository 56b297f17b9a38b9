// PL011 at EL1: its ID registers, output, then 8 bytes of input read by polling FR.RXFE and 8 more through the RX
// interrupt (SPI 1, INTID 33) via the GIC of either version. Echoes them; the input comes on stdin.

        .include "virt-lib.S"

        .equ    UART_INTID, 33

main:   adr     x0, vectors_el1
        msr     vbar_el1, x0
        say     "hello from EL1 through the PL011\n"
        mov64   x19, UART
        // PrimeCell identification: PeriphID0-3, CellID0-3 (0xfe0-0xffc).
        say     "id"
        add     x20, x19, #0xfe0
1:      mov     w0, #' '
        bl      putc
        ldr     w0, [x20], #4
        bl      puthex
        add     x0, x19, #0x1000
        cmp     x20, x0
        b.ne    1b
        bl      newline
        // Enabled, 8 bits, FIFOs off (a one-byte holding register: the sender is held back until each byte is read).
        mov     w0, #0x60
        str     w0, [x19, #0x2c]
        mov     w0, #0x301
        str     w0, [x19, #0x30]
        gicv3   x0
        show    "GIC system registers", x0

        say     "poll: "
        mov     x20, #8
2:      mov64   x21, SPIN_LIMIT
3:      ldr     w0, [x19, #0x18]
        tbz     w0, #4, 4f
        subs    x21, x21, #1
        b.ne    3b
        b       timeout
4:      ldr     w0, [x19]
        and     w0, w0, #0xff
        bl      putc
        subs    x20, x20, #1
        b.ne    2b
        bl      newline

        bl      gic_init_dist
        bl      gic_init_cpu
        mov     x0, #UART_INTID
        mov     x1, #0x80
        bl      gic_enable
        adr     x22, received
        mov     w0, #0x10                               // UARTIMSC.RXIM
        str     w0, [x19, #0x38]
        say     "irq: "
        msr     daifclr, #2
        mov64   x21, SPIN_LIMIT
5:      ldr     w0, [x22]
        cmp     w0, #8
        b.hs    6f
        subs    x21, x21, #1
        b.ne    5b
        b       timeout
6:      msr     daifset, #2
        bl      newline
        ldr     w0, [x22, #4]
        show    "first IRQ INTID", x0
        // All input consumed and the transmitter idle: flags, raw and masked interrupt status, mask.
        ldr     w20, [x19, #0x18]
        show    "FR", x20
        ldr     w20, [x19, #0x3c]
        show    "RIS", x20
        ldr     w20, [x19, #0x40]
        show    "MIS", x20
        ldr     w20, [x19, #0x38]
        show    "IMSC", x20
        b       poweroff

// IRQ: drains the receive FIFO, echoing every byte and counting them.
el1_exception:
        mov     x9, x30
        cmp     x0, #5
        b.ne    unexpected_el1
        bl      gic_ack
        mov     x10, x0
        adr     x11, received
        ldr     w2, [x11, #4]
        cbnz    w2, 1f
        str     w1, [x11, #4]
1:      mov64   x12, UART
2:      ldr     w0, [x12, #0x18]
        tbnz    w0, #4, 3f
        ldr     w0, [x12]
        and     w0, w0, #0xff
        bl      putc
        ldr     w0, [x11]
        add     w0, w0, #1
        str     w0, [x11]
        b       2b
3:      mov     x0, x10
        bl      gic_eoi
        ret     x9

        vectors el1, el1_exception

        .data
        .balign 4
received:
        .word   0, 0                                    // bytes taken by interrupt, INTID of the first one
