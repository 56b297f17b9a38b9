// AdvSIMD modified immediate and shift by immediate: every row, aliases included.
	.text
// asimdimm
	movi	v5.4s, #0x6, lsl #24
	movi	v31.8h, #0x0, lsl #8
	orr	v20.4s, #0xeb, lsl #24
	orr	v8.4h, #0x1d
	mvni	v19.2s, #0x50, lsl #8
	mvni	v15.4h, #0xe0, lsl #8
	bic	v7.2s, #0x5, lsl #24
	bic	v0.4h, #0x56, lsl #8
	movi	v11.2s, #0x50, msl #16
	mvni	v16.4s, #0xf4, msl #8
	movi	v7.16b, #0xe0
	movi	d0, #0xff00ffffff00ffff
	movi	v4.2d, #0xff0000ffffffff00
	fmov	v31.4s, #-1.625000000000000000e+00
	fmov	v24.8h, #-6.000000000000000000e+00
	fmov	v3.2d, #1.200000000000000000e+01
// asimdshf
	sshr	v17.2d, v3.2d, #37
	ushr	v0.2d, v26.2d, #1
	ssra	v31.2d, v5.2d, #49
	usra	v9.2d, v5.2d, #2
	srshr	v30.2d, v29.2d, #48
	urshr	v23.4h, v6.4h, #13
	srsra	v21.4h, v18.4h, #1
	ursra	v17.2s, v23.2s, #25
	sri	v9.2s, v31.2s, #27
	shl	v3.4s, v10.4s, #25
	sli	v25.2d, v16.2d, #56
	sqshlu	v0.4s, v31.4s, #16
	sqshl	v26.2d, v22.2d, #60
	uqshl	v31.2d, v31.2d, #50
	shrn2	v0.16b, v23.8h, #4
	sqshrun	v0.4h, v15.4s, #8
	rshrn2	v23.4s, v31.2d, #13
	sqrshrun	v30.8b, v0.8h, #1
	sqrshrun2	v24.4s, v0.2d, #15
	sqshrn2	v9.16b, v31.8h, #6
	uqshrn	v31.4h, v31.4s, #14
	sqrshrn	v20.2s, v24.2d, #22
	uqrshrn2	v6.4s, v9.2d, #6
	sshll2	v31.2d, v7.4s, #8
	ushll	v0.2d, v31.2s, #3
	scvtf	v9.4s, v12.4s, #8
	ucvtf	v17.2s, v31.2s, #31
	fcvtzs	v29.2d, v9.2d, #39
	fcvtzu	v0.4s, v31.4s, #20
// aliases and edge cases
	movi	v0.4s, #0x12
	movi	v0.2s, #0xff, lsl #24
	movi	v0.4h, #0x12, lsl #8
	movi	v0.4s, #0x12, msl #16
	movi	v0.16b, #0xff
	movi	d0, #0xff00ff00ff00ff00
	movi	v0.2d, #0x0
	mvni	v0.8h, #0x1, lsl #8
	orr	v0.2s, #0x80, lsl #16
	bic	v0.8h, #0x7f
	fmov	v0.4s, #1.0
	fmov	v0.2s, #-31.0
	fmov	v0.8h, #0.125
	fmov	v0.2d, #-1.9375
	sxtl	v0.8h, v1.8b
	sxtl2	v0.2d, v1.4s
	uxtl	v0.4s, v1.4h
	uxtl2	v0.8h, v1.16b
	sshll	v0.2d, v1.2s, #31
	ushll2	v0.8h, v1.16b, #7
	shrn2	v0.16b, v1.8h, #8
	sshr	v0.2d, v1.2d, #64
	shl	v0.2d, v1.2d, #63
	scvtf	v0.4h, v1.4h, #16
	fcvtzu	v0.2d, v1.2d, #1
