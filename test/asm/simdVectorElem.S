// AdvSIMD vector x indexed element, copy, permute, extract and table lookup: every row, aliases included.
	.text
	.arch_extension compnum
// asimdelem
	mul	v5.4s, v6.4s, v0.s[2]
	mla	v0.4s, v22.4s, v15.s[1]
	mls	v15.4h, v1.4h, v0.h[1]
	sqdmulh	v31.8h, v1.8h, v6.h[5]
	sqrdmulh	v7.2s, v5.2s, v0.s[1]
	sqrdmlah	v28.4s, v28.4s, v31.s[1]
	sqrdmlsh	v16.8h, v20.8h, v7.h[0]
	smlal2	v31.4s, v0.8h, v15.h[5]
	smlal	v11.2d, v6.2s, v30.s[2]
	umlal2	v25.2d, v30.4s, v12.s[2]
	umlal	v0.4s, v31.4h, v0.h[2]
	smlsl	v27.4s, v24.4h, v8.h[4]
	umlsl	v29.4s, v8.4h, v0.h[5]
	umlsl2	v31.2d, v1.4s, v14.s[1]
	smull2	v8.2d, v31.4s, v20.s[2]
	umull2	v19.4s, v5.8h, v9.h[6]
	sqdmlal2	v31.4s, v20.8h, v0.h[5]
	sqdmlal	v0.2d, v5.2s, v31.s[1]
	sqdmlsl2	v26.2d, v30.4s, v2.s[2]
	sqdmull	v9.2d, v31.2s, v5.s[3]
	fmla	v31.8h, v17.8h, v11.h[5]
	fmla	v31.2s, v14.2s, v15.s[3]
	fmls	v14.4h, v24.4h, v12.h[4]
	fmls	v8.2d, v10.2d, v31.d[1]
	fmul	v21.8h, v4.8h, v15.h[0]
	fmul	v3.4s, v3.4s, v8.s[2]
	fmulx	v10.4h, v31.4h, v4.h[7]
	fmulx	v2.2s, v1.2s, v23.s[2]
	fmlal	v14.2s, v23.2h, v6.h[6]
	fmlsl	v5.4s, v0.4h, v15.h[3]
	fmlal2	v31.2s, v31.2h, v9.h[6]
	fmlsl2	v31.2s, v0.2h, v0.h[0]
	sdot	v4.4s, v27.16b, v15.4b[3]
	udot	v23.4s, v0.16b, v14.4b[3]
	fcmla	v31.8h, v24.8h, v7.h[0], #90
// asimdins
	dup	v15.2s, v31.s[1]
	dup	v25.8h, w21
	smov	x17, v7.h[1]
	umov	w11, v22.b[5]
	mov	v29.h[3], wzr
	mov	v0.s[3], v13.s[2]
// asimdperm
	uzp1	v25.2s, v0.2s, v31.2s
	trn1	v25.8b, v31.8b, v27.8b
	zip1	v31.2s, v16.2s, v0.2s
	uzp2	v30.2d, v4.2d, v29.2d
	trn2	v23.8h, v0.8h, v9.8h
	zip2	v18.2s, v7.2s, v22.2s
// asimdext
	ext	v0.16b, v27.16b, v2.16b, #14
// asimdtbl
	tbl	v27.8b, {v7.16b, v8.16b}, v5.8b
	tbx	v0.16b, {v2.16b-v5.16b}, v18.16b
// aliases and edge cases
	dup	v0.16b, v1.b[15]
	dup	v0.2d, v1.d[1]
	dup	v0.4s, w2
	dup	v0.2d, x3
	mov	v0.s[1], w2
	mov	v0.d[1], x2
	mov	v0.b[15], v1.b[0]
	mov	v0.d[1], v1.d[0]
	mov	w0, v1.s[1]
	mov	x0, v1.d[1]
	umov	w0, v1.b[1]
	umov	w0, v1.h[7]
	smov	w0, v1.b[15]
	smov	x0, v1.s[3]
	ext	v0.16b, v1.16b, v2.16b, #15
	tbl	v0.16b, {v1.16b}, v2.16b
	tbl	v0.8b, {v1.16b, v2.16b}, v3.8b
	tbl	v0.16b, {v1.16b, v2.16b, v3.16b}, v4.16b
	tbx	v0.16b, {v28.16b, v29.16b, v30.16b, v31.16b}, v4.16b
	tbx	v0.8b, {v30.16b, v31.16b, v0.16b}, v4.8b
	sdot	v0.2s, v1.8b, v2.4b[3]
	udot	v0.4s, v1.16b, v31.4b[0]
	fmlal2	v0.4s, v1.4h, v15.h[7]
	fcmla	v0.8h, v1.8h, v2.h[3], #180
	fcmla	v0.4h, v1.4h, v2.h[1], #0
	fmul	v0.2d, v1.2d, v31.d[1]
	mul	v0.4h, v1.4h, v15.h[7]
