// AdvSIMD structure loads and stores: every table row, register-list and post-index printing.
	.text
// Multiple structures.
	st1	{v0.16b}, [x0]
	st1	{v0.8b, v1.8b}, [x0]
	st1	{v0.4h-v2.4h}, [sp]
	st1	{v30.2d, v31.2d, v0.2d, v1.2d}, [x0]
	st2	{v0.4s, v1.4s}, [x0]
	st3	{v0.2s-v2.2s}, [x0]
	st4	{v31.8h, v0.8h, v1.8h, v2.8h}, [x0]
	ld1	{v0.1d}, [x0]
	ld1	{v31.16b, v0.16b}, [x0]
	ld1	{v0.8h-v2.8h}, [x0]
	ld1	{v0.4s-v3.4s}, [x0]
	ld2	{v0.2d, v1.2d}, [x0]
	ld3	{v29.16b, v30.16b, v31.16b}, [x0]
	ld4	{v0.4h-v3.4h}, [x0]
	.inst	0x0c417000		// ld1 with bits 21:16 not zero
	.inst	0x0c408c00		// ld2 of 1d
// Multiple structures, post-index.
	st1	{v0.16b}, [x0], #16
	st1	{v0.8b}, [x0], x1
	st1	{v0.8b, v1.8b}, [x0], #16
	st1	{v0.4h-v2.4h}, [sp], #24
	st1	{v0.2d-v3.2d}, [x0], x30
	st2	{v0.4s, v1.4s}, [x0], #32
	st3	{v0.2s-v2.2s}, [x0], x2
	st4	{v0.8h-v3.8h}, [x0], #64
	ld1	{v0.1d}, [x0], #8
	ld1	{v0.16b, v1.16b}, [x0], x3
	ld1	{v0.8h-v2.8h}, [x0], #48
	ld1	{v0.4s-v3.4s}, [x0], #64
	ld2	{v0.2d, v1.2d}, [x0], #32
	ld3	{v0.16b-v2.16b}, [x0], #48
	ld4	{v0.4h-v3.4h}, [x0], #32
// Single structures.
	st1	{v0.b}[15], [x0]
	st1	{v0.h}[7], [x0]
	st1	{v0.s}[1], [x0]
	st1	{v0.d}[1], [sp]
	st2	{v0.b, v1.b}[3], [x0]
	st2	{v0.h, v1.h}[2], [x0]
	st2	{v31.s, v0.s}[3], [x0]
	st2	{v0.d, v1.d}[0], [x0]
	st3	{v0.b-v2.b}[8], [x0]
	st3	{v0.h-v2.h}[5], [x0]
	st3	{v0.s-v2.s}[2], [x0]
	st3	{v0.d-v2.d}[1], [x0]
	st4	{v0.b-v3.b}[0], [x0]
	st4	{v0.h-v3.h}[1], [x0]
	st4	{v0.s-v3.s}[0], [x0]
	st4	{v30.d, v31.d, v0.d, v1.d}[1], [x0]
	ld1	{v0.b}[0], [x0]
	ld1	{v0.h}[3], [x0]
	ld1	{v0.s}[2], [x0]
	ld1	{v0.d}[0], [x0]
	ld2	{v0.b, v1.b}[9], [x0]
	ld2	{v0.h, v1.h}[6], [x0]
	ld2	{v0.s, v1.s}[1], [x0]
	ld2	{v0.d, v1.d}[1], [x0]
	ld3	{v0.b-v2.b}[1], [x0]
	ld3	{v0.h-v2.h}[0], [x0]
	ld3	{v0.s-v2.s}[3], [x0]
	ld3	{v0.d-v2.d}[0], [x0]
	ld4	{v0.b-v3.b}[14], [x0]
	ld4	{v0.h-v3.h}[7], [x0]
	ld4	{v0.s-v3.s}[1], [x0]
	ld4	{v0.d-v3.d}[1], [x0]
	ld1r	{v0.8b}, [x0]
	ld1r	{v0.2d}, [sp]
	ld2r	{v0.4h, v1.4h}, [x0]
	ld3r	{v0.4s-v2.4s}, [x0]
	ld4r	{v31.1d, v0.1d, v1.1d, v2.1d}, [x0]
	.inst	0x0d404400		// ld1 of a halfword with size<0> set
	.inst	0x0d408800		// ld1 of a word with size<1> set
// Single structures, post-index.
	st1	{v0.b}[15], [x0], #1
	st1	{v0.h}[7], [x0], x1
	st1	{v0.s}[1], [x0], #4
	st1	{v0.d}[1], [sp], #8
	st2	{v0.b, v1.b}[3], [x0], #2
	st2	{v0.h, v1.h}[2], [x0], #4
	st2	{v0.s, v1.s}[3], [x0], x2
	st2	{v0.d, v1.d}[0], [x0], #16
	st3	{v0.b-v2.b}[8], [x0], #3
	st3	{v0.h-v2.h}[5], [x0], #6
	st3	{v0.s-v2.s}[2], [x0], #12
	st3	{v0.d-v2.d}[1], [x0], #24
	st4	{v0.b-v3.b}[0], [x0], #4
	st4	{v0.h-v3.h}[1], [x0], #8
	st4	{v0.s-v3.s}[0], [x0], #16
	st4	{v0.d-v3.d}[1], [x0], x3
	ld1	{v0.b}[0], [x0], #1
	ld1	{v0.h}[3], [x0], #2
	ld1	{v0.s}[2], [x0], #4
	ld1	{v0.d}[0], [x0], #8
	ld2	{v0.b, v1.b}[9], [x0], #2
	ld2	{v0.h, v1.h}[6], [x0], #4
	ld2	{v0.s, v1.s}[1], [x0], #8
	ld2	{v0.d, v1.d}[1], [x0], #16
	ld3	{v0.b-v2.b}[1], [x0], #3
	ld3	{v0.h-v2.h}[0], [x0], #6
	ld3	{v0.s-v2.s}[3], [x0], #12
	ld3	{v0.d-v2.d}[0], [x0], #24
	ld4	{v0.b-v3.b}[14], [x0], #4
	ld4	{v0.h-v3.h}[7], [x0], #8
	ld4	{v0.s-v3.s}[1], [x0], #16
	ld4	{v0.d-v3.d}[1], [x0], #32
	ld1r	{v0.16b}, [x0], #1
	ld1r	{v0.2s}, [x0], x5
	ld2r	{v0.8h, v1.8h}, [x0], #4
	ld3r	{v0.2d-v2.2d}, [x0], #24
	ld4r	{v0.2s-v3.2s}, [x0], #16
