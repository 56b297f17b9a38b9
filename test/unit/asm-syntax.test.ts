// The built-in assembler's directives, macros, literal pools, expressions and C preprocessor against GNU as + ld
// (and cpp for .S): program headers, loaded bytes, symbols and line rows must be the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { assemble } from '../../src/arch/a64/asm';
import { gnuBuild, lineRows, loadSegments, Scratch, symbolSet } from '../support/asmCompare';

const scratch = new Scratch();
process.on('exit', () => scratch.dispose());

const INCLUDED = `// included
	.equ	INCLUDED, 7
`;

const DIRECTIVES = `// Every directive the built-in assembler takes, in one program.
	.include "inc.s"
	.equ	BASE, 0x09000000
	.set	COUNT, 3
	SIZE = 4 * COUNT + (1 << 4) - 2 % 3
	.macro	push2 a, b=x30
	stp	\\a, \\b, [sp, #-16]!
	.endm
	.macro	lbl name
\\name\\()_end:
	.endm

	.section .text.boot, "ax"
	.global	_start
	.type	_start, %function
_start:	ldr	x0, =BASE; ldr w1, =0x12345678
	ldr	x2, =msg
	ldr	x10, =SIZE
	ldr	x11, =26
	ldr	x12, =msg
	adrp	x3, table
	add	x3, x3, :lo12:table
	ldr	x4, [x3, #:lo12:table]
	mov	x5, #SIZE
	mov	x6, #INCLUDED
	push2	x0
	push2	x1, x2
1:	subs	x0, x0, #1
	b.ne	1b
	cbz	x0, 2f
2:	bl	func
	bic	x7, x7, #1 << 20
	add	x8, x8, #-4
	ldr	x9, [x3, #-8]
	b	.
	.size	_start, . - _start
	.ltorg
	lbl	start

	.text
	.type	func, %function
func:
	.rept	COUNT
	nop
	.endr
	.irp	r, x7, x8, x9
	mov	\\r, #0
	.endr
	.p2align 4
	ret
	.size	func, . - func

	.section .rodata
msg:	.ascii	"ab\\tc\\n"
	.asciz	"x\\"y"
	.string	"s"
	.balign	8
	.type	table, %object
table:	.byte	1, 2, 3
	.hword	0x1234
	.short	-1
	.word	table - msg, INCLUDED
	.int	5
	.long	6
	.quad	_start, msg + 3
	.xword	0x1122334455667788
	.dword	9
	.size	table, . - table

	.data
	.align	3
counter:	.skip	3
	.space	2, 0xaa
	.zero	3
	.fill	2, 4, 0x11223344
	.pushsection .bss
	.balign	64
buffer:	.space	256
	.popsection
	.if	COUNT == 3
	.word	1
	.else
	.word	2
	.endif
	.ifdef	BASE
	.byte	3
	.endif
`;

const PREPROCESSED = `// C preprocessor: object and function macros, conditionals, includes.
#include "defs.h"
#define SCALE(x)	((x) * 8)
#if defined(FAST) && FAST > 1
#define LOOPS	2
#elif !defined(SLOW)
#define LOOPS	4
#else
#define LOOPS	8
#endif
#ifndef UNSET
	.text
	.global	_start
_start:
	mov	x0, #LOOPS
	mov	x1, #SCALE(REG_BASE)
#undef LOOPS
#ifdef LOOPS
	mov	x2, #99
#endif
1:	subs	x0, x0, #1
	b.ne	1b
	ret
#endif
`;

function compare(ours: Uint8Array, refPath: string, whole = true): void {
  const oursPath = scratch.write('ours.elf', ours);
  const a = loadSegments(ours);
  const b = loadSegments(readFileSync(refPath));
  assert.deepEqual(a.map((s) => s.header), b.map((s) => s.header), 'program headers');
  a.forEach((s, i) => assert.ok(s.bytes === b[i].bytes, `PT_LOAD ${i} contents`));
  const file = (list: string[]) => list.filter((l) => !/ FILE /.test(l));
  assert.deepEqual(file(symbolSet(oursPath)), file(symbolSet(refPath)), 'symbols');
  assert.equal(lineRows(oursPath), lineRows(refPath), '.debug_line rows');
  if (whole) assert.ok(readFileSync(refPath).equals(Buffer.from(ours)), 'the whole ELF file');
}

const ld = (obj: string, elf: string) => execFileSync('aarch64-linux-gnu-ld',
  ['-nostdlib', '-Ttext=0x40080000', '-z', 'max-page-size=4096', '--build-id=none', '-o', elf, obj]);

const read = (p: string) => { try { return readFileSync(scratch.path(p), 'utf8'); } catch { return undefined; } };

test('asm syntax: directives, macros, pools and expressions equal as + ld', () => {
  scratch.write('inc.s', INCLUDED);
  const ref = gnuBuild(scratch.write('syntax.s', DIRECTIVES), scratch);
  const r = assemble(DIRECTIVES, { fileName: 'syntax.s', readFile: read });
  assert.deepEqual(r.diagnostics, []);
  compare(r.executable!, ref);
});

test('asm syntax: .S files go through the C preprocessor as cpp + as do', () => {
  scratch.write('defs.h', '#define REG_BASE 0x10\n');
  scratch.write('pp.S', PREPROCESSED);
  const variants: Record<string, string>[] = [{}, { FAST: '2' }, { SLOW: '1' }];
  for (const defines of variants) {
    const d = Object.entries(defines).map(([k, v]) => `-D${k}=${v}`);
    const cpp = execFileSync('aarch64-linux-gnu-cpp', [...d, 'pp.S'], { cwd: scratch.dir, encoding: 'utf8' });
    scratch.write('pp.i', cpp);
    execFileSync('aarch64-linux-gnu-as', ['-g', `--debug-prefix-map=${scratch.dir}=.`, '-o', 'pp.o', 'pp.i'], { cwd: scratch.dir });
    ld(scratch.path('pp.o'), scratch.path('pp.elf'));
    const r = assemble(PREPROCESSED, { fileName: 'pp.S', readFile: read, defines });
    assert.deepEqual(r.diagnostics, []);
    compare(r.executable!, scratch.path('pp.elf'), false);
  }
});

test('asm syntax: the object file holds as\'s .text bytes and the relocations ld resolves', () => {
  scratch.write('inc.s', INCLUDED);
  const r = assemble(DIRECTIVES, { fileName: 'syntax.s', readFile: read });
  const objPath = scratch.write('ours.o', r.object!);
  execFileSync('aarch64-linux-gnu-as', ['-g', `--debug-prefix-map=${scratch.dir}=.`, '-o', 'ref.o', 'syntax.s'], { cwd: scratch.dir });
  const dump = (p: string, s: string) => execFileSync('aarch64-linux-gnu-objdump', ['-s', '-j', s, p], { encoding: 'utf8' }).split('\n').slice(3).join('\n');
  for (const s of ['.text', '.text.boot', '.rodata', '.data']) assert.equal(dump(objPath, s), dump(scratch.path('ref.o'), s), s);
  const relocs = (p: string) => execFileSync('aarch64-linux-gnu-objdump', ['-r', p], { encoding: 'utf8' }).split('\n').filter((l) => /R_AARCH64/.test(l)).sort();
  assert.deepEqual(relocs(objPath), relocs(scratch.path('ref.o')));
});

test('asm syntax: .weak symbols are weak, and an undefined weak reference links as 0, as with as + ld', () => {
  const source = '\t.text\n\t.global _start\n\t.weak handler, missing\n_start:\n\tbl handler\n\tb .\nhandler:\n\tret\n\t.data\n\t.quad missing\n';
  const ref = gnuBuild(scratch.write('weak.s', source), scratch);
  const r = assemble(source, { fileName: 'weak.s', readFile: read });
  assert.deepEqual(r.diagnostics, []);
  compare(r.executable!, ref);
  const obj = scratch.write('weak-ours.o', r.object!);
  const binds = (p: string) => execFileSync('aarch64-linux-gnu-readelf', ['-sW', p], { encoding: 'utf8' })
    .split('\n').filter((l) => / (handler|missing)$/.test(l)).map((l) => l.trim().split(/\s+/).slice(3, 5).join(' ') + ' ' + l.trim().split(/\s+/).pop());
  assert.deepEqual(binds(obj).sort(), binds(scratch.path('weak.o')).sort());
});
