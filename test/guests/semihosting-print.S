// Printing for the test guests that report through semihosting (.include "semihosting-print.S", assembled with
// -I test/guests): SYS_WRITE0 of a string, and of a register in hex.

// puts: prints the NUL-terminated string at x0. Clobbers x0, x1.
puts:   mov     x1, x0
        mov     x0, #4
        hlt     #0xf000
        ret

// puthex: prints x0 as 0x followed by its hex digits without leading zeros. Clobbers x0-x7.
puthex: adr     x1, hexbuf
        mov     w2, #'0'
        strb    w2, [x1], #1
        mov     w2, #'x'
        strb    w2, [x1], #1
        mov     x3, #60
        mov     x4, #0
6:      lsr     x5, x0, x3
        and     x5, x5, #0xf
        orr     x4, x4, x5
        cbnz    x4, 7f
        cbnz    x3, 8f
7:      cmp     x5, #10
        add     x6, x5, #'0'
        add     x7, x5, #'a' - 10
        csel    x6, x7, x6, hs
        strb    w6, [x1], #1
8:      subs    x3, x3, #4
        b.pl    6b
        strb    wzr, [x1]
        adr     x1, hexbuf
        mov     x0, #4
        hlt     #0xf000
        ret

        .pushsection .data
hexbuf: .space  24
        .popsection
