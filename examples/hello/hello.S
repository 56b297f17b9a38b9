// A bare-metal guest for QEMU's virt board: prints through the PL011 UART at 0x09000000 from EL1,
// takes an SVC into its own vector table, and powers off with PSCI SYSTEM_OFF (HVC, as QEMU's DTB says).
	.equ	UART_BASE, 0x09000000
	.equ	UARTFR, 0x18
	.equ	UARTFR_TXFF, 1 << 5
	.equ	PSCI_SYSTEM_OFF, 0x84000008

	.section .text.boot, "ax"
	.global	_start
_start:
	ldr	x1, =stack_top
	mov	sp, x1
	adr	x1, vectors
	msr	vbar_el1, x1
	isb
	adr	x0, greeting
	bl	puts
	svc	#0x42
	adr	x0, after_svc
	bl	puts
	ldr	w0, =PSCI_SYSTEM_OFF
	hvc	#0
1:	wfi
	b	1b

// puts(x0 = NUL-terminated string): polls TXFF before each byte.
puts:
	mov	x2, #UART_BASE
1:	ldrb	w1, [x0], #1
	cbz	w1, 3f
2:	ldr	w3, [x2, #UARTFR]
	tbnz	w3, #5, 2b
	strb	w1, [x2]
	b	1b
3:	ret

// EL1 synchronous exception from the current EL with SP_ELx: report ESR_EL1's class and return.
el1_sync:
	stp	x29, x30, [sp, #-16]!
	mrs	x0, esr_el1
	ubfx	x0, x0, #26, #6
	cmp	x0, #0x15
	adr	x0, svc_msg
	adr	x1, other_msg
	csel	x0, x0, x1, eq
	bl	puts
	ldp	x29, x30, [sp], #16
	eret

	.balign	0x800
vectors:
	.irp	slot, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	.balign	0x80
	.if	\slot == 4
	b	el1_sync
	.else
	b	.
	.endif
	.endr

	.section .rodata
greeting:	.asciz	"Hello from EL1\n"
svc_msg:	.asciz	"SVC taken to EL1 (EC 0x15)\n"
other_msg:	.asciz	"unexpected exception\n"
after_svc:	.asciz	"back from the SVC handler\n"

	.bss
	.balign	16
	.space	4096
stack_top:
