// Loads and stores of general-purpose and FP/SIMD registers: every table row, aliases and printing edge cases.
	.arch_extension pauth
	.text
// Compare and swap pair, exclusives, load-acquire/store-release, compare and swap.
	casp	w0, w1, w2, w3, [x4]
	caspa	x2, x3, x4, x5, [sp]
	caspl	x30, xzr, x0, x1, [x2]
	caspal	w4, w5, w6, w7, [x8]
	stxp	w0, x1, x2, [x3]
	stxp	w0, w1, wzr, [sp]
	stlxp	w5, x1, x2, [x3]
	ldxp	x0, x1, [x2]
	.inst	0x887f03e0		// ldxp w0, w0, [sp]: objdump prints the unpredictable pair
	ldaxp	w3, w4, [x5]
	stxrb	w0, w1, [x2]
	stxrh	wzr, w1, [x2]
	stxr	w0, x1, [x2]
	stxr	w0, w1, [x2]
	stlxrb	w0, w1, [x2]
	stlxrh	w0, w1, [x2]
	stlxr	w3, x4, [x5]
	ldxrb	w0, [x1]
	ldxrh	w0, [x1]
	ldxr	x0, [sp]
	ldaxrb	w0, [x1]
	ldaxrh	w0, [x1]
	ldaxr	w30, [x1]
	stllrb	w0, [x1]
	stllrh	w0, [x1]
	stllr	x0, [x1]
	stlrb	w0, [x1]
	stlrh	w0, [x1]
	stlr	w0, [sp]
	ldlarb	w0, [x1]
	ldlarh	w0, [x1]
	ldlar	x0, [x1]
	ldarb	w0, [x1]
	ldarh	w0, [x1]
	ldar	x0, [x1]
	casb	w0, w1, [x2]
	casalb	wzr, w1, [sp]
	cash	w0, w1, [x2]
	casah	w0, w1, [x2]
	cas	x0, x1, [x2]
	casl	w0, w1, [x2]
	casa	x0, x1, [x2]
	casal	x0, xzr, [x2]
	.inst	0x08cffe79		// ldarb with Rs<4> clear
	.inst	0x88407020		// ldxr with Rs and Rt2 not all ones
// Load register (literal).
1:	ldr	w0, 1b
	ldr	x1, 2f
	ldrsw	x2, 1b
	prfm	pldl1keep, 1b
	prfm	#0x1f, 2f
	ldr	s0, 1b
	ldr	d1, 1b
2:	ldr	q2, 2b
// Pairs: no-allocate, post-index, offset, pre-index.
	stnp	w0, w1, [x2]
	stnp	x0, x1, [sp, #-512]
	ldnp	w0, w1, [x2, #252]
	ldnp	x0, x1, [x2, #8]
	stnp	s0, s1, [x2, #-4]
	stnp	q0, q1, [x2, #1008]
	ldnp	d0, d1, [x2]
	ldnp	q30, q31, [sp, #-1024]
	stp	w0, w1, [x2], #4
	stp	x29, x30, [sp], #-16
	ldp	x0, x1, [x2], #0
	ldp	w0, w1, [x2], #-256
	stp	s0, s1, [x2], #8
	stp	d0, d1, [x2], #-512
	ldp	q0, q1, [x2], #1008
	ldp	d2, d3, [x2], #0
	ldpsw	x0, x1, [x2], #-8
	stp	x0, x1, [x2]
	stp	w0, w1, [x2, #-256]
	ldp	x0, x1, [x2, #504]
	.inst	0x29400000		// ldp w0, w0, [x0]
	stp	q0, q1, [x2, #-1024]
	ldp	s0, s1, [sp, #4]
	ldpsw	x0, x1, [x2, #252]
	ldpsw	xzr, x1, [x2]
	stp	x29, x30, [sp, #-16]!
	.inst	0x29800000		// stp w0, w0, [x0, #0]!
	ldp	x0, x1, [x2, #16]!
	stp	d0, d1, [x2, #-8]!
	ldp	q0, q1, [x2, #0]!
	ldpsw	x0, x1, [sp, #-4]!
	.inst	0x69c00400		// ldpsw writing back to a destination
	.inst	0x69400000		// ldpsw with equal destinations
	.inst	0xe9400000		// pair with opc = 11
// Unscaled, post-index, unprivileged and pre-index immediate.
	sturb	w0, [x1]
	ldurb	w0, [x1, #-256]
	ldursb	x0, [x1, #255]
	ldursb	w0, [x1, #-1]
	sturh	w0, [x1, #1]
	ldurh	w0, [sp]
	ldursh	x0, [x1, #-3]
	ldursh	w0, [x1, #7]
	stur	x0, [x1, #-8]
	stur	w0, [x1, #3]
	ldur	x0, [x1]
	ldur	wzr, [x1, #1]
	ldursw	x0, [x1, #-5]
	prfum	pldl1keep, [x1, #-1]
	prfum	pstl3strm, [x1]
	prfum	#0x1e, [x1, #255]
	stur	b0, [x1, #1]
	stur	h0, [x1, #-1]
	stur	s0, [x1]
	stur	d0, [x1, #255]
	stur	q0, [x1, #-256]
	ldur	b0, [x1]
	ldur	q31, [sp, #17]
	strb	w0, [x1], #1
	ldrb	w0, [x1], #-256
	ldrsb	x0, [x1], #0
	ldrsb	w0, [x1], #255
	strh	w0, [x1], #2
	ldrh	w0, [x1], #-2
	ldrsh	x0, [x1], #3
	ldrsh	w0, [x1], #-3
	str	x0, [x1], #8
	str	w0, [x1], #-1
	ldr	x0, [x1], #0
	ldrsw	x0, [x1], #4
	str	b0, [x1], #1
	str	q0, [sp], #16
	ldr	h0, [x1], #-2
	ldr	d0, [x1], #8
	sttrb	w0, [x1]
	ldtrb	w0, [x1, #-1]
	ldtrsb	x0, [x1, #1]
	ldtrsb	w0, [x1]
	sttrh	w0, [x1, #255]
	ldtrh	w0, [x1, #-256]
	ldtrsh	x0, [x1]
	ldtrsh	w0, [sp]
	sttr	x0, [x1, #8]
	ldtr	w0, [x1]
	ldtrsw	x0, [x1, #-4]
	strb	w0, [x1, #1]!
	ldrb	w0, [x1, #0]!
	ldrsb	x0, [x1, #-1]!
	strh	w0, [x1, #2]!
	ldrh	w0, [x1, #-2]!
	ldrsh	w0, [x1, #4]!
	str	x0, [sp, #-16]!
	ldr	w0, [x1, #255]!
	ldrsw	x0, [x1, #-256]!
	str	s0, [x1, #4]!
	ldr	q0, [x1, #-16]!
// Register offset.
	strb	w0, [x1, x2]
	strb	w0, [x1, x2, lsl #0]
	ldrb	w0, [x1, w2, uxtw]
	ldrb	w0, [x1, w2, sxtw #0]
	ldrsb	x0, [x1, x2, sxtx]
	ldrsb	w0, [sp, xzr]
	strh	w0, [x1, x2, lsl #1]
	ldrh	w0, [x1, w2, uxtw #1]
	ldrsh	x0, [x1, w2, sxtw]
	ldrsh	w0, [x1, x2, sxtx #1]
	str	x0, [x1, x2, lsl #3]
	str	w0, [x1, w2, uxtw #2]
	ldr	x0, [x1, w2, sxtw]
	ldr	w0, [x1, x2]
	ldrsw	x0, [x1, x2, lsl #2]
	prfm	pldl2strm, [x1, x2]
	prfm	#0x18, [x1, w2, sxtw #3]
	str	b0, [x1, x2, lsl #0]
	str	h0, [x1, w2, uxtw #1]
	str	q0, [x1, x2, lsl #4]
	ldr	s0, [x1, x2, sxtx #2]
	ldr	d0, [x1, w2, uxtw]
	ldr	b0, [x1, x2]
	.inst	0xf8622820		// option<1> clear
// Unsigned offset.
	strb	w0, [x1]
	strb	w0, [x1, #4095]
	ldrb	w0, [x1, #1]
	ldrsb	x0, [x1, #2]
	ldrsb	w0, [sp]
	strh	w0, [x1, #8190]
	ldrh	w0, [x1, #2]
	ldrsh	x0, [x1, #4]
	ldrsh	w0, [x1]
	str	x0, [x1, #32760]
	str	w0, [x1, #4]
	ldr	x0, [sp, #8]
	ldr	w0, [x1, #16380]
	ldrsw	x0, [x1, #4]
	prfm	pldl1keep, [x1]
	prfm	plil3strm, [x1, #8]
	prfm	pstl2keep, [sp, #32760]
	prfm	#0x06, [x1]
	str	b0, [x1, #4095]
	str	h0, [x1, #2]
	str	s0, [x1, #4]
	str	d0, [x1]
	str	q0, [x1, #65520]
	ldr	q0, [x1, #16]
	ldr	b31, [sp]
// Pointer-authenticated loads.
	ldraa	x0, [x1]
	ldraa	x0, [x1, #-4096]
	ldraa	x0, [x1, #8]!
	ldraa	x0, [x1, #0]!
	ldrab	x0, [sp, #4088]
	ldrab	xzr, [x1, #-8]!
// Atomic memory operations, their store aliases, swap and load-acquire RCpc.
	ldaddb	w0, w1, [x2]
	ldaddah	w0, w1, [x2]
	ldaddal	x0, x1, [x2]
	ldaddl	w0, w1, [sp]
	staddb	w0, [x2]
	staddlh	w0, [x2]
	stadd	x0, [x2]
	ldadda	w0, wzr, [x2]
	ldclrb	w0, w1, [x2]
	ldclralh	w0, w1, [x2]
	ldclr	x0, x1, [x2]
	stclrl	w0, [x2]
	ldeorb	w0, w1, [x2]
	ldeorh	w0, w1, [x2]
	ldeoral	x0, x1, [x2]
	steor	w0, [x2]
	ldsetab	w0, w1, [x2]
	ldseth	w0, w1, [x2]
	ldset	w0, w1, [x2]
	stsetlb	w0, [x2]
	ldsmaxb	w0, w1, [x2]
	ldsmaxalh	w0, w1, [x2]
	ldsmaxl	x0, x1, [x2]
	stsmax	x0, [x2]
	ldsminb	w0, w1, [x2]
	ldsminh	w0, w1, [x2]
	ldsmina	x0, x1, [x2]
	stsminh	w0, [x2]
	ldumaxlb	w0, w1, [x2]
	ldumaxh	w0, w1, [x2]
	ldumax	x0, x1, [x2]
	stumaxl	x0, [x2]
	lduminb	w0, w1, [x2]
	lduminah	w0, w1, [x2]
	ldumin	x0, x1, [x2]
	stuminlb	w0, [x2]
	swpb	w0, w1, [x2]
	swpalh	w0, w1, [x2]
	swp	x0, xzr, [x2]
	swpl	w0, w1, [sp]
	ldaprb	w0, [x1]
	ldaprh	w0, [x1]
	ldapr	x0, [sp]
	ldapr	w0, [x1]
