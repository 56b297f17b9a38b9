// Test object for the disassembly listing: data inside code ($d mapping symbols) of every size and
// alignment, runs of zeroes, an object symbol inside .text, local labels, and an odd-sized tail.
	.text
	.globl	start
	.type	start, %function
start:
	adr	x0, table
	ldr	w1, lit
	b	after
table:
	.word	0x12345678, 0
	.short	0x1234
	.byte	0x56
	.byte	0x78, 0x9a
	.align	2
lit:
	.word	0xdeadbeef
after:
	bl	helper
	.zero	16
	nop
	.byte	0, 0, 0, 0
	ret
	.type	blob, %object
	.size	blob, 24
blob:
	.ascii	"hello, world, data here!"
	.type	helper, %function
helper:
	cbz	x0, 1f
	ret
1:	.short	0xbeef
	.byte	1
