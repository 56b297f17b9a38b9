// Semihosting guest for `trapdoor run`: writes to the console, reads its command line, writes and reads back a
// file in the launch directory, is refused a file outside it, then exits with status 42.
	.equ	SYS_OPEN, 0x01
	.equ	SYS_CLOSE, 0x02
	.equ	SYS_WRITE0, 0x04
	.equ	SYS_WRITE, 0x05
	.equ	SYS_READ, 0x06
	.equ	SYS_FLEN, 0x0c
	.equ	SYS_GET_CMDLINE, 0x15
	.equ	SYS_EXIT, 0x18

	.macro	semihost op, block
	mov	x0, #\op
	adr	x1, \block
	hlt	#0xf000
	.endm

	.text
	.global	_start
_start:
	semihost SYS_WRITE0, hello
	semihost SYS_GET_CMDLINE, cmdline_block
	semihost SYS_WRITE0, cmdline_buf
	semihost SYS_WRITE0, newline
	// Write "data\n" to out.txt, then read it back and print it.
	semihost SYS_OPEN, open_w
	adr	x1, handle
	str	x0, [x1]
	adr	x1, write_block
	str	x0, [x1]
	mov	x0, #SYS_WRITE
	hlt	#0xf000
	semihost SYS_CLOSE, handle
	semihost SYS_OPEN, open_r
	adr	x1, read_block
	str	x0, [x1]
	adr	x1, handle
	str	x0, [x1]
	semihost SYS_FLEN, handle
	adr	x1, read_block
	str	x0, [x1, #16]
	mov	x0, #SYS_READ
	hlt	#0xf000
	semihost SYS_WRITE0, readback
	semihost SYS_CLOSE, handle
	// Opening a file outside the launch directory fails (-1).
	semihost SYS_OPEN, open_escape
	cmn	x0, #1
	b.ne	1f
	semihost SYS_WRITE0, refused
1:	semihost SYS_EXIT, exit_block

	.data
	.balign	8
hello:		.asciz	"hello from semihosting\n"
newline:	.asciz	"\n"
refused:	.asciz	"outside file refused\n"
name_out:	.asciz	"out.txt"
name_escape:	.asciz	"../escape.txt"
data:		.ascii	"data\n"
	.balign	8
cmdline_block:	.quad	cmdline_buf, 64
open_w:		.quad	name_out, 4, 7
open_r:		.quad	name_out, 0, 7
open_escape:	.quad	name_escape, 4, 13
handle:		.quad	0
write_block:	.quad	0, data, 5
read_block:	.quad	0, readback, 0
exit_block:	.quad	0x20026, 42
cmdline_buf:	.space	64
readback:	.space	64
