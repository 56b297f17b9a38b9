// AdvSIMD scalar: copy, pairwise, three same/different (with FP16 and RDM), two-register misc,
// shifts by immediate and by element, one or more lines per table row.
	.text
	mov	b0, v1.b[15]
	mov	h0, v1.h[7]
	mov	s0, v1.s[3]
	mov	d0, v31.d[1]
	addp	d0, v1.2d
	fmaxnmp	h0, v1.2h
	fmaxnmp	d0, v1.2d
	faddp	s0, v1.2s
	faddp	h0, v1.2h
	fmaxp	d0, v1.2d
	fminnmp	s0, v1.2s
	fminnmp	h0, v1.2h
	fminp	h0, v1.2h
	fminp	d0, v1.2d
	sqadd	b0, b1, b2
	sqsub	h0, h1, h2
	cmgt	d0, d1, d2
	cmge	d0, d1, d2
	sshl	d0, d1, d2
	sqshl	s0, s1, s2
	srshl	d0, d1, d2
	sqrshl	d0, d1, d2
	add	d0, d1, d2
	cmtst	d0, d1, d2
	sqdmulh	h0, h1, h2
	sqdmulh	s0, s1, s2
	fmulx	s0, s1, s2
	fcmeq	d0, d1, d2
	frecps	s0, s1, s2
	frsqrts	d0, d1, d2
	uqadd	b0, b1, b2
	uqsub	d0, d1, d2
	cmhi	d0, d1, d2
	cmhs	d0, d1, d2
	ushl	d0, d1, d2
	uqshl	h0, h1, h2
	urshl	d0, d1, d2
	uqrshl	s0, s1, s2
	sub	d0, d1, d2
	cmeq	d0, d1, d2
	sqrdmulh	s0, s1, s2
	fcmge	s0, s1, s2
	facge	d0, d1, d2
	fabd	s0, s1, s2
	fcmgt	d0, d1, d2
	facgt	s0, s1, s2
	fmulx	h0, h1, h2
	fcmeq	h0, h1, h2
	frecps	h0, h1, h2
	frsqrts	h0, h1, h2
	fcmge	h0, h1, h2
	facge	h0, h1, h2
	fabd	h0, h1, h2
	fcmgt	h0, h1, h2
	facgt	h0, h1, h2
	sqrdmlah	h0, h1, h2
	sqrdmlsh	s0, s1, s2
	sqdmlal	s0, h1, h2
	sqdmlsl	d0, s1, s2
	sqdmull	d0, s1, s2
	suqadd	b0, b1
	sqabs	d0, d1
	cmgt	d0, d1, #0
	cmeq	d0, d1, #0
	cmlt	d0, d1, #0
	abs	d0, d1
	sqxtn	b0, h1
	sqxtn	s0, d1
	fcvtns	s0, s1
	fcvtms	d0, d1
	fcvtas	s0, s1
	scvtf	d0, d1
	fcmgt	s0, s1, #0.0
	fcmeq	d0, d1, #0.0
	fcmlt	s0, s1, #0.0
	fcvtps	d0, d1
	fcvtzs	s0, s1
	frecpe	d0, d1
	frecpx	s0, s1
	usqadd	h0, h1
	sqneg	s0, s1
	cmge	d0, d1, #0
	cmle	d0, d1, #0
	neg	d0, d1
	sqxtun	h0, s1
	uqxtn	b0, h1
	fcvtxn	s0, d1
	fcvtnu	s0, s1
	fcvtmu	d0, d1
	fcvtau	s0, s1
	ucvtf	d0, d1
	fcmge	s0, s1, #0.0
	fcmle	d0, d1, #0.0
	fcvtpu	s0, s1
	fcvtzu	d0, d1
	frsqrte	s0, s1
	fcvtns	h0, h1
	fcvtms	h0, h1
	fcvtas	h0, h1
	scvtf	h0, h1
	fcmgt	h0, h1, #0.0
	fcmeq	h0, h1, #0.0
	fcmlt	h0, h1, #0.0
	fcvtps	h0, h1
	fcvtzs	h0, h1
	frecpe	h0, h1
	frecpx	h0, h1
	fcvtnu	h0, h1
	fcvtmu	h0, h1
	fcvtau	h0, h1
	ucvtf	h0, h1
	fcmge	h0, h1, #0.0
	fcmle	h0, h1, #0.0
	fcvtpu	h0, h1
	fcvtzu	h0, h1
	frsqrte	h0, h1
	sshr	d0, d1, #64
	ssra	d0, d1, #1
	srshr	d0, d1, #32
	srsra	d0, d1, #7
	shl	d0, d1, #0
	shl	d0, d1, #63
	sqshl	b0, b1, #7
	sqshl	d0, d1, #63
	sqshrn	b0, h1, #8
	sqshrn	s0, d1, #1
	sqrshrn	h0, s1, #16
	scvtf	h0, h1, #16
	scvtf	s0, s1, #32
	fcvtzs	d0, d1, #64
	ushr	d0, d1, #1
	usra	d0, d1, #64
	urshr	d0, d1, #2
	ursra	d0, d1, #3
	sri	d0, d1, #4
	sli	d0, d1, #5
	sqshlu	h0, h1, #15
	uqshl	s0, s1, #0
	sqshrun	b0, h1, #1
	sqrshrun	s0, d1, #32
	uqshrn	h0, s1, #3
	uqrshrn	b0, h1, #4
	ucvtf	d0, d1, #1
	fcvtzu	h0, h1, #1
	fmla	h0, h1, v2.h[7]
	fmla	s0, s1, v31.s[3]
	sqdmlal	s0, h1, v15.h[7]
	fmls	d0, d1, v2.d[1]
	sqdmlsl	d0, s1, v31.s[2]
	fmul	s0, s1, v2.s[1]
	sqdmull	s0, h1, v2.h[3]
	sqdmulh	h0, h1, v15.h[7]
	sqdmulh	s0, s1, v31.s[3]
	sqrdmulh	s0, s1, v16.s[0]
	fmulx	d0, d1, v2.d[0]
	fmulx	h0, h1, v2.h[0]
	sqrdmlah	h0, h1, v2.h[5]
	sqrdmlsh	s0, s1, v31.s[3]
