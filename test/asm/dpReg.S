// Data processing -- register: every table row, with the aliases and the shift/extend forms objdump
// prints differently (LSL next to SP, W registers for 32-bit UXTX/SXTX).
	.arch	armv8.5-a+crc+flagm
	.text
	udiv	w0, w1, w2
	udiv	x0, x1, xzr
	sdiv	x3, x4, x5
	lslv	w0, w1, w2
	lsl	x0, x1, x2
	lsrv	x3, x4, x5
	asrv	w6, w7, w8
	rorv	x9, x10, x11
	pacga	x0, x1, sp
	pacga	x2, x3, x4
	crc32b	w0, w1, w2
	crc32h	w3, w4, w5
	crc32w	w6, w7, w8
	crc32x	w9, w10, x11
	crc32cb	w0, w1, w2
	crc32ch	w3, w4, w5
	crc32cw	w6, w7, w8
	crc32cx	w9, w10, x11
	rbit	w0, w1
	rbit	x0, x1
	rev16	w2, w3
	rev16	x2, x3
	rev	w4, w5
	rev32	x6, x7
	rev	x8, x9
	rev64	x8, x9
	clz	w10, w11
	clz	x10, xzr
	cls	x12, x13
	pacia	x0, x1
	pacia	x0, sp
	pacib	x2, x3
	pacda	x4, x5
	pacdb	x6, sp
	autia	x7, x8
	autib	x9, x10
	autda	x11, x12
	autdb	x13, sp
	paciza	x0
	pacizb	x1
	pacdza	x2
	pacdzb	x3
	autiza	x4
	autizb	x5
	autdza	x6
	autdzb	x7
	xpaci	x8
	xpacd	x9
	and	w0, w1, w2
	and	x0, x1, x2, lsl #63
	bic	w3, w4, w5, lsr #31
	bic	x3, x4, x5, ror #7
	orr	x6, x7, x8, asr #2
	orr	x6, xzr, x8, lsl #2
	mov	w6, w8
	mov	x6, xzr
	orn	w9, w10, w11
	mvn	x9, x11, ror #3
	eor	x12, x13, x14
	eon	w15, w16, w17, lsl #4
	ands	x0, x1, x2
	tst	w1, w2, asr #5
	bics	x3, x4, x5, lsr #1
	add	w0, w1, w2
	add	x0, x1, x2, asr #63
	add	sp, x1, x2
	adds	x3, x4, x5, lsl #12
	cmn	w4, w5
	sub	x6, x7, x8, lsr #3
	neg	w6, w8, lsl #31
	neg	x6, xzr
	subs	w9, w10, w11
	cmp	x10, x11, asr #2
	negs	x9, x11
	add	w0, wsp, w1
	add	wsp, w0, w1, uxtw #1
	add	x0, sp, x1
	add	sp, x0, w1, sxtw #4
	add	x0, x1, w2, uxtb
	add	w0, w1, w2, sxth #2
	add	x0, x1, x2, uxtx #3
	adds	x0, sp, w1, uxtw
	adds	x0, sp, x1, lsl #2
	adds	xzr, x1, x2, uxtx
	cmn	sp, x1, lsl #2
	cmn	w1, w2, sxtb
	sub	sp, sp, x1
	sub	x0, x1, w2, sxtw #3
	subs	w0, w1, w2, uxtb #1
	cmp	sp, w1, uxtw
	cmp	x1, x2, sxtx
	adc	w0, w1, w2
	adc	x0, x1, xzr
	adcs	x3, x4, x5
	sbc	w6, w7, w8
	ngc	x6, x8
	sbcs	x9, x10, x11
	ngcs	w9, w11
	rmif	x0, #0, #0
	rmif	x1, #63, #15
	setf8	w0
	setf16	w1
	ccmn	w0, w1, #0, eq
	ccmn	x0, x1, #15, al
	ccmp	w2, w3, #4, ne
	ccmp	x2, xzr, #0xa, nv
	ccmn	w4, #0, #1, hs
	ccmn	x4, #31, #2, lo
	ccmp	w5, #16, #3, gt
	ccmp	x5, #1, #0, le
	csel	w0, w1, w2, eq
	csel	x0, xzr, x2, nv
	csinc	w3, w4, w5, ne
	csinc	x3, x4, x4, al
	csinc	x3, xzr, xzr, nv
	cinc	x3, x4, hs
	cset	w3, lo
	csinv	x6, x7, x8, mi
	cinv	w6, w7, pl
	csetm	x6, vs
	csneg	w9, w10, w11, vc
	cneg	x9, x10, hi
	cneg	x9, xzr, ls
	csneg	x9, x10, x10, al
	madd	w0, w1, w2, w3
	mul	x0, x1, x2
	msub	x4, x5, x6, x7
	mneg	w4, w5, w6
	smaddl	x0, w1, w2, x3
	smull	x0, w1, w2
	smsubl	x4, w5, w6, x7
	smnegl	x4, w5, w6
	smulh	x8, x9, x10
	umaddl	x0, w1, w2, x3
	umull	x0, w1, w2
	umsubl	x4, w5, w6, x7
	umnegl	x4, w5, w6
	umulh	x8, x9, x10
	.inst	0x9b4a0128		// smulh x8, x9, x10 with Ra = 0
