// A guest for the DAP tests (built with `as -g` for source breakpoints): a loop calling a function (conditions,
// hit counts, logpoints), a store to a watched word (data breakpoints), an EL0 program making SVCs (next over an
// SVC at EL0, the SVC filter with a condition), and last a spin at EL1 with interrupts masked (pause).
	.text
	.global	_start
_start:
	ldr	x1, =stack_top
	mov	sp, x1
	adr	x1, vectors
	msr	vbar_el1, x1
	isb
	mov	x19, #0
	mov	x20, #0
loop:
	mov	x0, x19
	bl	count
	add	x19, x19, #1
	cmp	x19, #10
	b.ne	loop
	adr	x2, watched
	mov	x3, #0x55
	str	x3, [x2]
	// To EL0 at `user`, with its own stack.
	adr	x0, user
	msr	elr_el1, x0
	msr	spsr_el1, xzr
	ldr	x1, =user_stack_top
	msr	sp_el0, x1
	eret

	.global	count
	.type	count, %function
count:
	add	x20, x20, x0
	ret
	.size	count, . - count

	.global	user
user:
	mov	x8, #1
	svc	#0
	mov	x9, #2
	svc	#1
	b	.

// SVC #0 returns to EL0; SVC #1 spins here with every interrupt masked, until a debugger pauses it.
el1_sync:
	mrs	x10, esr_el1
	and	x10, x10, #0xffff
	cbnz	x10, spin
	eret
spin:
	msr	daifset, #0xf
1:	b	1b

	.balign	0x800
vectors:
	.irp	slot, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	.balign	0x80
	.if	\slot == 8
	b	el1_sync
	.else
	b	.
	.endif
	.endr
	.ltorg

	.data
	.balign	8
	.global	watched
watched:	.quad	0

	.bss
	.balign	16
	.space	4096
stack_top:
	.space	4096
user_stack_top:
