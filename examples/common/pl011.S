// PL011 output for the assembly examples: .include it where the routines should live (each including file gets
// its own copy, so a guest's copy sits in guest memory). putc, puts, puthex, putdec, newline; `print`, `show`.
// With the MMU off every data access is Device memory, which must be aligned: strings are read a byte at a time.

        .equ    UART_BASE, 0x09000000                   // QEMU virt's PL011
        .equ    UARTDR, 0x00                            // data register: a write sends a byte
        .equ    UARTFR, 0x18                            // flag register
        .equ    UARTFR_TXFF, 5                          // bit: the transmit FIFO is full

        // Prints the string literal \text (no newline added). Clobbers x0, x9-x15.
        .macro print text
        adr     x0, 9001f
        bl      puts
        b       9002f
9001:   .asciz  "\text"
        .balign 4
9002:
        .endm

        // Prints "\text0x<reg>\n". Clobbers x0, x9-x15.
        .macro show text, reg
        mov     x15, \reg
        print   "\text"
        mov     x0, x15
        bl      puthex
        bl      newline
        .endm

// putc(w0): waits while the transmit FIFO is full, then sends the byte. Clobbers x9, x10.
putc:   mov     x9, #UART_BASE
1:      ldr     w10, [x9, #UARTFR]
        tbnz    w10, #UARTFR_TXFF, 1b
        strb    w0, [x9, #UARTDR]
        ret

// puts(x0): prints the NUL-terminated string at x0. Clobbers x0, x9-x12.
puts:   mov     x12, x30
        mov     x11, x0
1:      ldrb    w0, [x11], #1
        cbz     w0, 2f
        bl      putc
        b       1b
2:      ret     x12

// newline: prints "\n". Clobbers x0, x9, x10, x12.
newline:
        mov     x12, x30
        mov     w0, #'\n'
        bl      putc
        ret     x12

// puthex(x0): prints x0 as 0x<hex digits> without leading zeros. Clobbers x0, x9-x14.
puthex: mov     x14, x30
        mov     x11, x0
        mov     w0, #'0'
        bl      putc
        mov     w0, #'x'
        bl      putc
        clz     x13, x11                                // skip the leading zero digits, keep at least one
        and     x13, x13, #~3
        cmp     x13, #60
        mov     x12, #60
        csel    x13, x13, x12, ls
        mov     x12, #60
        sub     x13, x12, x13                           // x13 = shift of the first digit printed
1:      lsr     x0, x11, x13
        and     x0, x0, #0xf
        cmp     x0, #10
        add     x12, x0, #'0'
        add     x0, x0, #'a' - 10
        csel    x0, x0, x12, hs
        bl      putc
        subs    x13, x13, #4
        b.pl    1b
        ret     x14

// putdec(x0): prints x0 in decimal. Clobbers x0, x9-x14; uses 32 bytes of stack for the digits.
putdec: mov     x14, x30
        sub     sp, sp, #32
        add     x11, sp, #32                            // digits are found last first: fill the buffer backwards
        mov     x13, #10
1:      udiv    x12, x0, x13
        msub    x10, x12, x13, x0
        add     w10, w10, #'0'
        strb    w10, [x11, #-1]!
        mov     x0, x12
        cbnz    x0, 1b
        add     x12, sp, #32
2:      ldrb    w0, [x11], #1
        bl      putc
        cmp     x11, x12
        b.lo    2b
        add     sp, sp, #32
        ret     x14
