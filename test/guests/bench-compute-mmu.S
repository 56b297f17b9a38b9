// Compute-bound benchmark guest with the MMU on: the loop of bench-loop.S after turning on stage 1 at EL1 with an
// identity map (4 KB pages for the 2 MB holding the code, 2 MB blocks for the rest of the first 8 MB of RAM), so
// that `npm run bench` compares MMU-on with MMU-off speed. Exits through SYS_EXIT with the same result.
	.equ	L1, 0x40200000
	.equ	L2, 0x40201000
	.equ	L3, 0x40202000
	.equ	NORMAL, (1 << 2) | (3 << 8) | (1 << 10)
	.text
	.global	_start
_start:
	ldr	x0, =L1
	mov	x1, #0x3000
	add	x1, x0, x1
1:	stp	xzr, xzr, [x0], #16
	cmp	x0, x1
	b.lo	1b
	ldr	x0, =L1
	ldr	x1, =L2 | 3
	str	x1, [x0, #8]			// L1[1]: 0x40000000..0x7fffffff
	ldr	x0, =L2
	ldr	x1, =L3 | 3
	str	x1, [x0]			// L2[0]: pages
	ldr	x1, =0x40200000 | 1 | NORMAL
	mov	x2, #1
2:	str	x1, [x0, x2, lsl #3]		// L2[1..3]: 2 MB blocks
	add	x1, x1, #0x200000
	add	x2, x2, #1
	cmp	x2, #4
	b.lo	2b
	ldr	x0, =L3
	ldr	x1, =0x40000000 | 3 | NORMAL
	mov	x2, #0
3:	str	x1, [x0, x2, lsl #3]		// L3[0..511]: 4 KB pages
	add	x1, x1, #0x1000
	add	x2, x2, #1
	cmp	x2, #512
	b.lo	3b
	ldr	x0, =0xff00
	msr	mair_el1, x0
	ldr	x0, =25 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (2 << 32)
	msr	tcr_el1, x0
	ldr	x0, =L1
	msr	ttbr0_el1, x0
	isb
	ldr	x0, =0x30d00800 | 1 | (1 << 2) | (1 << 12)
	msr	sctlr_el1, x0
	isb

	.include "bench-loop.S"
