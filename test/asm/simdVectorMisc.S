// AdvSIMD two-register miscellaneous (integer, FP, FP16) and across lanes: every row, aliases included.
	.text
// asimdmisc
	rev64	v5.4s, v6.4s
	rev16	v31.16b, v6.16b
	rev32	v27.8b, v4.8b
	saddlp	v9.4h, v6.8b
	uaddlp	v31.1d, v6.2s
	suqadd	v22.2d, v17.2d
	usqadd	v15.2d, v2.2d
	cls	v20.8b, v31.8b
	clz	v21.8b, v24.8b
	cnt	v19.8b, v31.8b
	mvn	v0.8b, v25.8b
	rbit	v16.16b, v20.16b
	sadalp	v0.2s, v8.4h
	uadalp	v3.8h, v27.16b
	sqabs	v0.16b, v25.16b
	sqneg	v31.4s, v26.4s
	cmgt	v24.4s, v24.4s, #0
	cmge	v0.2d, v8.2d, #0
	cmeq	v15.4s, v12.4s, #0
	cmle	v16.2d, v31.2d, #0
	cmlt	v3.2d, v6.2d, #0
	abs	v13.2d, v1.2d
	neg	v31.16b, v31.16b
	xtn2	v9.8h, v12.4s
	xtn	v0.2s, v31.2d
	sqxtun	v0.4h, v27.4s
	sqxtn	v21.8b, v31.8h
	uqxtn	v21.2s, v31.2d
	shll2	v20.8h, v0.16b, #8
	shll	v31.4s, v31.4h, #16
	fcvtn	v31.2s, v31.2d
	fcvtxn	v13.2s, v17.2d
	fcvtl2	v25.2d, v16.4s
	fcvtl	v2.2d, v17.2s
	frintn	v0.2d, v31.2d
	frintm	v29.2d, v0.2d
	fcvtns	v9.4s, v12.4s
	fcvtms	v4.4s, v19.4s
	fcvtas	v14.2d, v23.2d
	scvtf	v4.2d, v1.2d
	fcmgt	v22.2d, v11.2d, #0.0
	fcmeq	v13.2s, v18.2s, #0.0
	fcmlt	v31.4s, v4.4s, #0.0
	fabs	v0.2d, v29.2d
	frintp	v12.2s, v7.2s
	frintz	v5.2d, v29.2d
	fcvtps	v4.2s, v29.2s
	fcvtzs	v21.2s, v18.2s
	frecpe	v0.4s, v19.4s
	frinta	v11.2d, v26.2d
	frintx	v31.4s, v12.4s
	fcvtnu	v2.2s, v5.2s
	fcvtmu	v17.2d, v11.2d
	fcvtau	v0.4s, v13.4s
	ucvtf	v23.2d, v0.2d
	fcmge	v9.2s, v20.2s, #0.0
	fcmle	v26.2d, v31.2d, #0.0
	fneg	v8.4s, v18.4s
	frinti	v11.4s, v9.4s
	fcvtpu	v31.4s, v31.4s
	fcvtzu	v27.4s, v28.4s
	frsqrte	v13.2d, v0.2d
	fsqrt	v6.2s, v2.2s
	urecpe	v0.2s, v5.2s
	ursqrte	v28.4s, v10.4s
// asimdmiscfp16
	frintn	v25.4h, v23.4h
	frintm	v4.8h, v16.8h
	fcvtns	v1.4h, v5.4h
	fcvtms	v30.8h, v31.8h
	fcvtas	v17.4h, v0.4h
	scvtf	v31.8h, v8.8h
	fcmgt	v18.4h, v7.4h, #0.0
	fcmeq	v31.8h, v8.8h, #0.0
	fcmlt	v18.4h, v24.4h, #0.0
	fabs	v27.4h, v7.4h
	frintp	v1.4h, v1.4h
	frintz	v0.8h, v28.8h
	fcvtps	v6.4h, v24.4h
	fcvtzs	v9.8h, v29.8h
	frecpe	v15.8h, v4.8h
	frinta	v31.4h, v0.4h
	frintx	v13.8h, v23.8h
	fcvtnu	v16.4h, v3.4h
	fcvtmu	v0.4h, v6.4h
	fcvtau	v31.4h, v0.4h
	ucvtf	v2.4h, v15.4h
	fcmge	v28.8h, v29.8h, #0.0
	fcmle	v29.4h, v3.4h, #0.0
	fneg	v16.4h, v27.4h
	frinti	v12.4h, v30.4h
	fcvtpu	v22.8h, v31.8h
	fcvtzu	v9.4h, v11.4h
	frsqrte	v3.4h, v0.4h
	fsqrt	v26.8h, v31.8h
// asimdall
	saddlv	s10, v16.4h
	uaddlv	h0, v8.16b
	smaxv	b28, v0.16b
	umaxv	h31, v8.4h
	sminv	b31, v31.8b
	uminv	h31, v28.4h
	addv	h29, v30.4h
	fmaxnmv	s13, v0.4s
	fminnmv	s1, v11.4s
	fmaxv	s31, v31.4s
	fminv	s19, v31.4s
	fmaxnmv	h11, v7.8h
	fminnmv	h28, v13.4h
	fmaxv	h28, v12.8h
	fminv	h13, v28.4h
// aliases and edge cases
	mvn	v0.16b, v1.16b
	not	v2.8b, v3.8b
	xtn2	v0.16b, v1.8h
	fcvtn2	v0.8h, v1.4s
	fcvtl2	v0.2d, v1.4s
	fcvtxn2	v0.4s, v1.2d
	shll	v0.2d, v1.2s, #32
	cmeq	v0.2d, v1.2d, #0
	fcmeq	v0.8h, v1.8h, #0.0
	saddlv	d0, v1.4s
	addv	b0, v1.8b
