// The GNU as directives bare-metal AArch64 code uses, with one line each for completion and hover.
// (Directives are the assembler's language, not the architecture's, so this list is not in src/arch.)

export type DirectiveKind = 'macro' | 'conditional' | 'other';

export interface Directive {
  readonly name: string;
  readonly doc: string;
  readonly kind: DirectiveKind;
}

const d = (kind: DirectiveKind) => (name: string, doc: string): Directive => ({ name, doc, kind });
const other = d('other');
const macro = d('macro');
const cond = d('conditional');

export const DIRECTIVES: readonly Directive[] = [
  other('.text', 'Assemble into the .text (code) section'),
  other('.data', 'Assemble into the .data section'),
  other('.bss', 'Assemble into the .bss section (zero-initialised, no file contents)'),
  other('.section', 'Assemble into the named section: `.section name, "flags", %type`'),
  other('.pushsection', 'Switch to a section, remembering the current one for .popsection'),
  other('.popsection', 'Return to the section before the matching .pushsection'),
  other('.previous', 'Swap back to the previously selected section'),
  other('.global', 'Make a symbol visible to the linker'),
  other('.globl', 'Make a symbol visible to the linker (same as .global)'),
  other('.local', 'Keep a symbol local to this object file'),
  other('.weak', 'Make a symbol weak: a strong definition elsewhere wins'),
  other('.hidden', 'Give a symbol hidden visibility'),
  other('.type', 'Set a symbol\'s type: `.type name, %function` or `%object`'),
  other('.size', 'Set a symbol\'s size: `.size name, . - name`'),
  other('.align', 'Align to 2^n bytes (on AArch64 the argument is a power of two)'),
  other('.p2align', 'Align to 2^n bytes, optionally with a fill value and a maximum skip'),
  other('.balign', 'Align to n bytes (n a power of two)'),
  other('.org', 'Advance the location counter to an offset in the section'),
  other('.byte', 'Emit 8-bit values'),
  other('.hword', 'Emit 16-bit values'),
  other('.short', 'Emit 16-bit values'),
  other('.2byte', 'Emit unaligned 16-bit values'),
  other('.word', 'Emit 32-bit values'),
  other('.int', 'Emit 32-bit values'),
  other('.long', 'Emit 32-bit values'),
  other('.4byte', 'Emit unaligned 32-bit values'),
  other('.quad', 'Emit 64-bit values'),
  other('.xword', 'Emit 64-bit values'),
  other('.dword', 'Emit 64-bit values'),
  other('.8byte', 'Emit unaligned 64-bit values'),
  other('.inst', 'Emit instruction words given as numbers'),
  other('.ascii', 'Emit strings without a terminating NUL'),
  other('.asciz', 'Emit NUL-terminated strings'),
  other('.string', 'Emit NUL-terminated strings'),
  other('.float', 'Emit single-precision floating-point values'),
  other('.single', 'Emit single-precision floating-point values'),
  other('.double', 'Emit double-precision floating-point values'),
  other('.skip', 'Reserve n bytes, filled with a value (0 by default)'),
  other('.space', 'Reserve n bytes, filled with a value (0 by default)'),
  other('.zero', 'Emit n zero bytes'),
  other('.fill', 'Emit `repeat` copies of a `size`-byte value'),
  other('.equ', 'Define a symbol\'s value: `.equ name, expression`'),
  other('.set', 'Define or redefine a symbol\'s value: `.set name, expression`'),
  other('.equiv', 'Define a symbol\'s value; an error if it is already defined'),
  other('.eqv', 'Define a symbol as an expression evaluated where it is used'),
  other('.include', 'Insert the contents of another source file: `.include "file"`'),
  other('.incbin', 'Insert a file\'s bytes verbatim'),
  other('.ltorg', 'Emit the pending literal pool (the constants of `ldr xN, =value`) here'),
  other('.pool', 'Emit the pending literal pool (same as .ltorg)'),
  other('.req', 'Give a register another name: `name .req x19`'),
  other('.unreq', 'Remove a name given with .req'),
  other('.arch', 'Select the target architecture: `.arch armv8.2-a+crypto`'),
  other('.arch_extension', 'Enable or disable an architecture extension'),
  other('.cpu', 'Select the target processor'),
  other('.file', 'Name the source file (debug information)'),
  other('.loc', 'Give the source line of the following instructions (debug information)'),
  other('.ident', 'Add an identification string to the .comment section'),
  other('.comm', 'Declare a common symbol of a given size'),
  other('.lcomm', 'Reserve a local common symbol in .bss'),
  other('.uleb128', 'Emit unsigned LEB128 values'),
  other('.sleb128', 'Emit signed LEB128 values'),
  other('.print', 'Print a message while assembling'),
  other('.warning', 'Emit a warning while assembling'),
  other('.error', 'Stop with an error message'),
  other('.err', 'Stop with an error'),
  other('.end', 'End of the source: the rest of the file is ignored'),
  other('.cfi_startproc', 'Start a function\'s call-frame information'),
  other('.cfi_endproc', 'End a function\'s call-frame information'),
  other('.cfi_def_cfa', 'Define the canonical frame address as register + offset'),
  other('.cfi_def_cfa_offset', 'Set the offset of the canonical frame address'),
  other('.cfi_offset', 'Record that a register is saved at CFA + offset'),
  other('.cfi_restore', 'Record that a register has its value on entry again'),
  macro('.macro', 'Define a macro: `.macro name arg1, arg2=default`, arguments used as `\\arg1`'),
  macro('.endm', 'End of a macro definition'),
  macro('.exitm', 'Leave the current macro expansion early'),
  macro('.purgem', 'Delete a macro definition'),
  cond('.rept', 'Repeat the following lines up to .endr n times'),
  cond('.irp', 'Repeat the lines up to .endr for each value: `.irp reg, x0, x1`'),
  cond('.irpc', 'Repeat the lines up to .endr for each character of a string'),
  cond('.endr', 'End of a .rept, .irp or .irpc block'),
  cond('.if', 'Assemble the following lines if the expression is non-zero'),
  cond('.ifdef', 'Assemble the following lines if the symbol is defined'),
  cond('.ifndef', 'Assemble the following lines if the symbol is not defined'),
  cond('.ifeq', 'Assemble the following lines if the expression is zero'),
  cond('.ifne', 'Assemble the following lines if the expression is non-zero'),
  cond('.ifc', 'Assemble the following lines if the two strings are the same'),
  cond('.ifnc', 'Assemble the following lines if the two strings differ'),
  cond('.ifb', 'Assemble the following lines if the argument is blank'),
  cond('.ifnb', 'Assemble the following lines if the argument is not blank'),
  cond('.else', 'The other branch of an .if'),
  cond('.elseif', 'Another condition of an .if'),
  cond('.endif', 'End of an .if block'),
];

const byName = new Map(DIRECTIVES.map((x) => [x.name, x]));

export function findDirective(name: string): Directive | undefined {
  return byName.get(name.toLowerCase());
}

/** C preprocessor directives of `.S` files. */
export const PREPROCESSOR_DIRECTIVES: readonly string[] = [
  'include', 'define', 'undef', 'if', 'ifdef', 'ifndef', 'elif', 'else', 'endif', 'error', 'warning', 'pragma', 'line',
];
