// Compute-bound benchmark guest: the loop of bench-loop.S from the entry point.
	.text
	.global	_start
_start:
	.include "bench-loop.S"
