// Branches, exception generating and system instructions: every table row, the aliases, and system
// registers, PSTATE fields and SYS operations from each part of their tables.
	.arch	armv8.5-a+crc+flagm+rng+memtag+predres+ssbs+tme
	.text
1:	udf	#0
	udf	#65535
	b.eq	1b
	b.ne	2f
	b.hs	1b
	b.lo	1b
	b.mi	1b
	b.al	1b
	b.nv	1b
	svc	#0
	svc	#0x1234
	hvc	#1
	smc	#0xffff
	brk	#0x3e8
	hlt	#0xf000
	dcps1
	dcps1	#1
	dcps2
	dcps3	#0xffff
2:	hint	#0x6
	hint	#0x7f
	nop
	yield
	wfe
	wfi
	sev
	sevl
	xpaclri
	pacia1716
	pacib1716
	autia1716
	autib1716
	esb
	psb	csync
	tsb	csync
	csdb
	hint	#0x16		// clearbhb
	paciaz
	paciasp
	pacibz
	pacibsp
	autiaz
	autiasp
	autibz
	autibsp
	bti
	bti	c
	bti	j
	bti	jc
	clrex
	clrex	#0
	dsb	sy
	dsb	ish
	dsb	oshld
	dsb	#0x8
	ssbb
	pssbb
	dmb	ishld
	dmb	#0
	dmb	st
	isb
	isb	#3
	cfinv
	msr	spsel, #1
	msr	daifset, #0xf
	msr	daifclr, #2
	msr	pan, #0
	msr	uao, #1
	msr	dit, #1
	msr	ssbs, #0
	msr	tco, #1
	.inst	0xd501411f		// msr allint, #1
	.inst	0xd503477f		// smstart
	.inst	0xd503437f		// smstart sm
	.inst	0xd503447f		// smstop za
	sys	#0, c0, c0, #0, x1
	sys	#7, c15, c15, #7
	ic	iallu
	ic	ialluis
	ic	ivau, x0
	dc	zva, x1
	dc	civac, x2
	dc	cvau, xzr
	dc	cvap, x3
	dc	isw, x4
	dc	gva, x5
	at	s1e1r, x0
	at	s12e0w, x6
	at	s1e1rp, x7
	tlbi	vmalle1is
	tlbi	vae1, x0
	tlbi	alle2
	tlbi	ipas2e1is, x8
	tlbi	vmalle1os
	tlbi	rvae1is, x9
	cfp	rctx, x0
	dvp	rctx, x1
	cpp	rctx, x2
	sysl	x0, #0, c0, c0, #0
	sysl	xzr, #7, c15, c15, #7
	msr	sctlr_el1, x0
	msr	vbar_el1, x1
	msr	s3_0_c15_c2_0, x2
	msr	dbgdtrtx_el0, x3
	msr	icc_eoir1_el1, x4
	msr	oslar_el1, x5
	msr	pmswinc_el0, x6
	msr	spsr_el1, x7
	msr	elr_el2, x8
	msr	cntv_ctl_el0, x9
	msr	daif, x10
	msr	nzcv, x11
	msr	s2_0_c0_c0_0, x12
	msr	s3_7_c15_c15_7, xzr
	.inst	0xd5000001		// msr s0_0_c0_c0_0, x1
	mrs	x0, midr_el1
	mrs	x1, currentel
	mrs	x2, dbgdtrrx_el0
	mrs	x3, icc_iar1_el1
	mrs	x4, id_aa64isar0_el1
	mrs	x5, esr_el1
	mrs	x6, far_el2
	mrs	x7, tpidr_el0
	mrs	x8, cntvct_el0
	mrs	x9, pmccntr_el0
	mrs	x10, mdscr_el1
	mrs	x11, trcidr0
	mrs	x12, rndr
	mrs	x13, s3_1_c0_c0_6
	mrs	x14, s3_0_c15_c0_0
	mrs	x15, s3_4_c12_c11_3
	.inst	0xd5200001		// mrs x1, s0_0_c0_c0_0
	br	x0
	br	x30
	blr	x1
	ret
	ret	x1
	eret
	drps
	braaz	x0
	brabz	x1
	blraaz	x2
	blrabz	x3
	retaa
	retab
	eretaa
	eretab
	braa	x4, x5
	brab	x6, sp
	blraa	x7, x8
	blrab	x9, sp
	b	1b
	bl	3f
	cbz	w0, 1b
	cbz	x30, 3f
	cbnz	wzr, 1b
	cbnz	x1, 3f
	tbz	w0, #0, 1b
	tbz	x1, #63, 3f
	tbnz	w2, #31, 1b
	tbnz	x3, #32, 3f
3:	nop
