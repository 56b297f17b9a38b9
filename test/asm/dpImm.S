// Data processing -- immediate: one or more instructions per table row, aliases included.
	.text
1:	adr	x0, 1b
	adrp	x1, 1b
	add	x0, x1, #16
	add	sp, sp, #1, lsl #12
	mov	x0, sp
	adds	w0, w1, #4095
	cmn	x0, #3
	sub	w0, w1, #4095
	subs	x2, x3, #1, lsl #12
	cmp	x0, #1
	and	x0, x0, #0xff
	and	sp, x1, #0xfffffffffffffffe
	orr	w1, w2, #0x3
	mov	x0, #0x5555555555555555
	eor	x3, x4, #0x1
	ands	w0, w1, #0x80000000
	tst	x0, #0xf0
	movn	x0, #0, lsl #16
	mov	x0, #-1
	mov	w1, #-2
	movz	x0, #0, lsl #32
	mov	x0, #0x10
	movk	x0, #0x1234, lsl #16
	movk	w0, #0xffff
	asr	x0, x1, #3
	sbfiz	w0, w1, #3, #4
	sbfx	x0, x1, #4, #8
	sxtb	x0, w1
	sxth	w0, w1
	sxtw	x0, w1
	sbfm	x0, x1, #0, #0
	bfc	w0, #3, #4
	bfi	x0, x1, #3, #4
	bfxil	x0, x1, #4, #8
	lsl	x0, x1, #3
	lsr	w0, w1, #3
	ubfiz	x0, x1, #3, #4
	ubfx	x0, x1, #4, #8
	uxtb	w0, w1
	uxth	w0, w1
	extr	x0, x1, x2, #3
	ror	w0, w1, #5
