// The benchmark's compute loop (.include "bench-loop.S", assembled with -I test/guests): ITERATIONS rounds of a
// 4-instruction integer loop, then SYS_EXIT with the low byte of the result, so that both machines can be checked
// for the same answer.
	.equ	SYS_EXIT, 0x18
compute:
	ldr	x0, =ITERATIONS
	mov	x1, #0
	mov	x2, #1
1:	add	x1, x1, x2
	eor	x2, x2, x1, lsl #1
	sub	x0, x0, #1
	cbnz	x0, 1b
	and	x1, x1, #0xff
	adr	x3, block
	str	x1, [x3, #8]
	mov	x1, x3
	mov	x0, #SYS_EXIT
	hlt	#0xf000
	.ltorg
	.pushsection .data
	.balign	8
block:	.quad	0x20026, 0
	.popsection
