// Scalar floating point: conversions, data processing, compares, immediates, conditional forms;
// single, double and half precision (FEAT_FP16), one or more lines per table row.
	.text
	scvtf	s0, w1, #1
	scvtf	d2, x3, #64
	scvtf	h4, w5, #32
	ucvtf	s0, x1, #17
	ucvtf	d31, w30, #3
	fcvtzs	w0, s1, #32
	fcvtzs	x0, d1, #64
	fcvtzs	x2, h3, #5
	fcvtzu	w0, d1, #1
	fcvtzu	x3, h4, #64
	fcvtns	w0, s1
	fcvtns	x0, h1
	fcvtnu	x0, d1
	scvtf	s0, x1
	scvtf	h0, w1
	ucvtf	d0, w1
	fcvtas	w0, h1
	fcvtau	x0, s1
	fcvtps	w0, d1
	fcvtpu	x0, s1
	fcvtms	w0, s1
	fcvtmu	x0, h1
	fcvtzs	w0, d1
	fcvtzu	x0, d31
	fmov	w0, s1
	fmov	x0, d1
	fmov	w0, h1
	fmov	x0, h1
	fmov	s0, w1
	fmov	d0, xzr
	fmov	h0, w1
	fmov	h0, x1
	fmov	x0, v1.d[1]
	fmov	v1.d[1], x2
	.inst	0x1e7e0020	// fjcvtzs w0, d1 (FEAT_JSCVT, Armv8.3)
	fmov	s0, s1
	fmov	h0, h1
	fabs	d0, d1
	fneg	h0, h1
	fsqrt	s0, s1
	fcvt	d0, s1
	fcvt	h0, s1
	fcvt	s0, d1
	fcvt	h0, d1
	fcvt	s0, h1
	fcvt	d0, h1
	frintn	s0, s1
	frintp	d0, d1
	frintm	h0, h1
	frintz	s0, s1
	frinta	d0, d1
	frintx	h0, h1
	frinti	s0, s1
	fcmp	s0, s1
	fcmp	h0, #0.0
	fcmpe	d0, d1
	fcmpe	s0, #0.0
	fmov	s0, #1.0
	fmov	d0, #-31.0
	fmov	h1, #0.125
	fmov	s2, #1.9375
	fmov	d3, #-0.1875
	fccmp	s0, s1, #0x3, eq
	fccmp	h0, h1, #0xf, hs
	fccmpe	d0, d1, #0x0, nv
	fmul	s0, s1, s2
	fdiv	d0, d1, d2
	fadd	h0, h1, h2
	fsub	s0, s1, s2
	fmax	d0, d1, d2
	fmin	h0, h1, h2
	fmaxnm	s0, s1, s2
	fminnm	d0, d1, d2
	fnmul	h0, h1, h2
	fcsel	s0, s1, s2, ne
	fcsel	h0, h1, h2, al
	fmadd	s0, s1, s2, s3
	fmsub	d0, d1, d2, d3
	fnmadd	h0, h1, h2, h3
	fnmsub	s31, s30, s29, s28
