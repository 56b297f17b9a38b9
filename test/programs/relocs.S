// Test object for the disassembly listing: instructions carrying relocations (decoded as if at address 0,
// annotated with the relocation symbol), a zero-filled literal with its own relocation, calls within the file.
	.text
	.globl f
	.type f, %function
f:
	bl	ext1
	b	1f
	.xword	ext2
	.xword	0
1:	bl	ext3
	adrp	x0, ext4
	add	x0, x0, :lo12:ext4
	bl	f
	bl	g
	ret
	.globl g
	.type g, %function
g:	ret
	.data
	.xword ext5
