// One-line meanings for hovers: the ARM ARM title of every encoding group of the table, what the common
// mnemonics do, and the condition codes. A mnemonic not listed here is described by its groups' titles.

/** ARM ARM C4.1 encoding-group titles, by the table's group names. */
export const GROUP_TITLES: Readonly<Record<string, string>> = {
  pcreladdr: 'PC-rel. addressing', addsub_imm: 'Add/subtract (immediate)', log_imm: 'Logical (immediate)',
  movewide: 'Move wide (immediate)', bitfield: 'Bitfield', extract: 'Extract', perm_undef: 'Permanently undefined',
  condbranch: 'Conditional branch (immediate)', exception: 'Exception generation', hints: 'Hints', barriers: 'Barriers',
  pstate: 'PSTATE', systeminstrs: 'System instructions', systemmove: 'System register move',
  branch_reg: 'Unconditional branch (register)', branch_imm: 'Unconditional branch (immediate)',
  compbranch: 'Compare and branch (immediate)', testbranch: 'Test and branch (immediate)',
  comswappr: 'Compare and swap pair', ldstexclp: 'Load/store exclusive pair', ldstexclr: 'Load/store exclusive register',
  ldstord: 'Load/store ordered', comswap: 'Compare and swap', loadlit: 'Load register (literal)',
  ldstnapair_offs: 'Load/store no-allocate pair (offset)', ldstpair_post: 'Load/store register pair (post-indexed)',
  ldstpair_off: 'Load/store register pair (offset)', ldstpair_pre: 'Load/store register pair (pre-indexed)',
  memop: 'Atomic memory operations', ldst_unscaled: 'Load/store register (unscaled immediate)',
  ldst_immpost: 'Load/store register (immediate post-indexed)', ldst_unpriv: 'Load/store register (unprivileged)',
  ldst_immpre: 'Load/store register (immediate pre-indexed)', ldst_regoff: 'Load/store register (register offset)',
  ldst_pos: 'Load/store register (unsigned immediate)', ldst_pac: 'Load/store register (pointer authentication)',
  asisdlse: 'Advanced SIMD load/store multiple structures', asisdlsep: 'Advanced SIMD load/store multiple structures (post-indexed)',
  asisdlso: 'Advanced SIMD load/store single structure', asisdlsop: 'Advanced SIMD load/store single structure (post-indexed)',
  dp_2src: 'Data-processing (2 source)', dp_1src: 'Data-processing (1 source)', log_shift: 'Logical (shifted register)',
  addsub_shift: 'Add/subtract (shifted register)', addsub_ext: 'Add/subtract (extended register)',
  addsub_carry: 'Add/subtract (with carry)', rmif: 'Rotate right into flags', setf: 'Evaluate into flags',
  condcmp_reg: 'Conditional compare (register)', condcmp_imm: 'Conditional compare (immediate)',
  condsel: 'Conditional select', dp_3src: 'Data-processing (3 source)',
  float2fix: 'Conversion between floating-point and fixed-point', float2int: 'Conversion between floating-point and integer',
  floatdp1: 'Floating-point data-processing (1 source)', floatcmp: 'Floating-point compare', floatimm: 'Floating-point immediate',
  floatccmp: 'Floating-point conditional compare', floatdp2: 'Floating-point data-processing (2 source)',
  floatsel: 'Floating-point conditional select', floatdp3: 'Floating-point data-processing (3 source)',
  cryptoaes: 'Cryptographic AES', cryptosha3: 'Cryptographic three-register SHA', cryptosha2: 'Cryptographic two-register SHA',
  cryptosha512_3: 'Cryptographic three-register SHA 512', cryptosha512_2: 'Cryptographic two-register SHA 512',
  crypto4: 'Cryptographic four-register', crypto3_imm6: 'Cryptographic three-register, imm6',
  crypto3_imm2: 'Cryptographic three-register, imm2',
  simd_scalar_copy: 'Advanced SIMD scalar copy', simd_scalar_pair: 'Advanced SIMD scalar pairwise',
  simd_scalar_3same: 'Advanced SIMD scalar three same', simd_scalar_3same_fp16: 'Advanced SIMD scalar three same FP16',
  simd_scalar_3same_extra: 'Advanced SIMD scalar three same extra', simd_scalar_3diff: 'Advanced SIMD scalar three different',
  simd_scalar_misc: 'Advanced SIMD scalar two-register miscellaneous',
  simd_scalar_misc_fp16: 'Advanced SIMD scalar two-register miscellaneous FP16',
  simd_scalar_shift: 'Advanced SIMD scalar shift by immediate', simd_scalar_elem: 'Advanced SIMD scalar x indexed element',
  asimdsame: 'Advanced SIMD three same', asimdsamefp16: 'Advanced SIMD three same (FP16)',
  asimdsame2: 'Advanced SIMD three same extra', asimddiff: 'Advanced SIMD three different',
  asimdmisc: 'Advanced SIMD two-register miscellaneous', asimdmiscfp16: 'Advanced SIMD two-register miscellaneous (FP16)',
  asimdall: 'Advanced SIMD across lanes', asimdimm: 'Advanced SIMD modified immediate',
  asimdshf: 'Advanced SIMD shift by immediate', asimdelem: 'Advanced SIMD vector x indexed element',
  asimdins: 'Advanced SIMD copy', asimdperm: 'Advanced SIMD permute', asimdext: 'Advanced SIMD extract',
  asimdtbl: 'Advanced SIMD table lookup',
};

/** What the instruction does, for the mnemonics bare-metal and hypervisor code uses most. */
const MEANINGS_TEXT = `
adr: Form a PC-relative address
adrp: Form the PC-relative address of a 4 KB page
add: Add
adds: Add, setting the condition flags
sub: Subtract
subs: Subtract, setting the condition flags
cmp: Compare (subtract, setting flags, discarding the result)
cmn: Compare negative (add, setting flags, discarding the result)
neg: Negate
negs: Negate, setting the condition flags
adc: Add with carry
sbc: Subtract with carry
and: Bitwise AND
ands: Bitwise AND, setting the condition flags
tst: Test bits (AND, setting flags, discarding the result)
orr: Bitwise inclusive OR
eor: Bitwise exclusive OR
bic: Bitwise bit clear (AND NOT)
orn: Bitwise OR NOT
eon: Bitwise exclusive OR NOT
mvn: Bitwise NOT
mov: Move a register or an immediate into a register
movz: Move a 16-bit immediate, shifted, zeroing the other bits
movn: Move the NOT of a 16-bit immediate, shifted
movk: Move a 16-bit immediate into a register field, keeping the other bits
lsl: Logical shift left
lsr: Logical shift right
asr: Arithmetic shift right
ror: Rotate right
ubfx: Unsigned bitfield extract
sbfx: Signed bitfield extract
ubfiz: Unsigned bitfield insert in zeros
sbfiz: Signed bitfield insert in zeros
bfi: Bitfield insert
bfxil: Bitfield extract and insert at the low end
bfc: Bitfield clear
uxtb: Zero-extend a byte
uxth: Zero-extend a halfword
sxtb: Sign-extend a byte
sxth: Sign-extend a halfword
sxtw: Sign-extend a word
extr: Extract a register from a pair of registers
mul: Multiply
madd: Multiply-add
msub: Multiply-subtract
mneg: Multiply-negate
smull: Signed multiply long
umull: Unsigned multiply long
smulh: Signed multiply high
umulh: Unsigned multiply high
udiv: Unsigned divide
sdiv: Signed divide
clz: Count leading zeros
cls: Count leading sign bits
rbit: Reverse bits
rev: Reverse bytes
rev16: Reverse bytes in each halfword
rev32: Reverse bytes in each word
csel: Conditional select
csinc: Conditional select increment
csinv: Conditional select invert
csneg: Conditional select negate
cset: Conditional set (1 if the condition holds, else 0)
csetm: Conditional set mask (all ones if the condition holds, else 0)
cinc: Conditional increment
cinv: Conditional invert
cneg: Conditional negate
ccmp: Conditional compare
ccmn: Conditional compare negative
b: Branch
b.cond: Branch if the condition holds
bl: Branch with link (call): X30 = return address
br: Branch to a register
blr: Branch with link to a register
ret: Return to the address in X30 (or the given register)
cbz: Compare and branch if zero
cbnz: Compare and branch if not zero
tbz: Test a bit and branch if zero
tbnz: Test a bit and branch if not zero
eret: Exception return: PC = ELR_ELx, PSTATE = SPSR_ELx
svc: Supervisor call: synchronous exception to EL1
hvc: Hypervisor call: synchronous exception to EL2
smc: Secure monitor call: synchronous exception to EL3
brk: Breakpoint instruction
hlt: Halt (external debug; HLT #0xF000 is a semihosting call)
udf: Permanently undefined
nop: No operation
yield: Hint that the thread may yield
wfe: Wait for event
wfi: Wait for interrupt
sev: Send event to every PE
sevl: Send event locally
hint: Hint instruction (NOP-compatible space)
esb: Error synchronization barrier
psb: Profiling synchronization barrier
csdb: Consumption of speculative data barrier
bti: Branch target identification
dmb: Data memory barrier
dsb: Data synchronization barrier
isb: Instruction synchronization barrier
ssbb: Speculative store bypass barrier
pssbb: Physical speculative store bypass barrier
clrex: Clear the local exclusive monitor
mrs: Move a system register to a general-purpose register
msr: Move a general-purpose register (or an immediate, to a PSTATE field) to a system register
sys: System instruction
sysl: System instruction with result
at: Address translation (writes PAR_EL1)
dc: Data cache operation
ic: Instruction cache operation
tlbi: TLB invalidate operation
ldr: Load register
ldrb: Load a byte, zero-extended
ldrh: Load a halfword, zero-extended
ldrsb: Load a byte, sign-extended
ldrsh: Load a halfword, sign-extended
ldrsw: Load a word, sign-extended
str: Store register
strb: Store a byte
strh: Store a halfword
ldur: Load register (unscaled offset)
stur: Store register (unscaled offset)
ldtr: Load register as if at EL0 (unprivileged)
sttr: Store register as if at EL0 (unprivileged)
ldp: Load a pair of registers
stp: Store a pair of registers
ldnp: Load a pair of registers, non-temporal
stnp: Store a pair of registers, non-temporal
ldpsw: Load a pair of words, sign-extended
ldxr: Load exclusive register
stxr: Store exclusive register (status in Ws: 0 = stored)
ldaxr: Load-acquire exclusive register
stlxr: Store-release exclusive register
ldxp: Load exclusive pair
stxp: Store exclusive pair
ldar: Load-acquire register
stlr: Store-release register
ldapr: Load-acquire RCpc register
prfm: Prefetch memory
cas: Compare and swap (LSE)
casp: Compare and swap pair (LSE)
swp: Swap (LSE)
ldadd: Atomic add, returning the old value (LSE)
ldclr: Atomic bit clear, returning the old value (LSE)
ldeor: Atomic exclusive OR, returning the old value (LSE)
ldset: Atomic bit set, returning the old value (LSE)
ldsmax: Atomic signed maximum, returning the old value (LSE)
ldsmin: Atomic signed minimum, returning the old value (LSE)
ldumax: Atomic unsigned maximum, returning the old value (LSE)
ldumin: Atomic unsigned minimum, returning the old value (LSE)
stadd: Atomic add, no return (LSE)
stclr: Atomic bit clear, no return (LSE)
steor: Atomic exclusive OR, no return (LSE)
stset: Atomic bit set, no return (LSE)
crc32b: CRC-32 of a byte
crc32cx: CRC-32C of a doubleword
fmov: Floating-point move (register, immediate, or between general and FP registers)
fadd: Floating-point add
fsub: Floating-point subtract
fmul: Floating-point multiply
fdiv: Floating-point divide
fsqrt: Floating-point square root
fabs: Floating-point absolute value
fneg: Floating-point negate
fmadd: Floating-point fused multiply-add
fmla: Floating-point fused multiply-add to accumulator (vector)
fcmp: Floating-point compare, setting the condition flags
fcvt: Floating-point convert precision
fcvtzs: Floating-point convert to signed integer, rounding toward zero
fcvtzu: Floating-point convert to unsigned integer, rounding toward zero
scvtf: Signed integer convert to floating-point
ucvtf: Unsigned integer convert to floating-point
fcsel: Floating-point conditional select
ld1: Load one or more single-element structures
st1: Store one or more single-element structures
dup: Duplicate an element or a general register into every vector element
ins: Insert a vector element
umov: Move a vector element to a general register, zero-extended
smov: Move a vector element to a general register, sign-extended
movi: Move an immediate into every vector element
addv: Add across vector lanes
cnt: Population count per byte
tbl: Table vector lookup
ext: Extract a vector from a pair of vectors
zip1: Interleave the lower halves of two vectors
uzp1: De-interleave the even elements of two vectors
aese: AES single round encryption
aesd: AES single round decryption
aesmc: AES mix columns
aesimc: AES inverse mix columns
pmull: Polynomial multiply long
sha256h: SHA256 hash update (part 1)
`;

export const MNEMONIC_MEANINGS: ReadonlyMap<string, string> = new Map(MEANINGS_TEXT.trim().split('\n').map((l) => {
  const i = l.indexOf(': ');
  return [l.slice(0, i), l.slice(i + 2)] as [string, string];
}));

/** The condition codes (ARM ARM C1.2.4) by their names and GNU as's other names for them. */
export const CONDITION_MEANINGS: Readonly<Record<string, string>> = {
  eq: 'Equal (Z == 1)', ne: 'Not equal (Z == 0)', cs: 'Carry set, unsigned higher or same (C == 1)',
  hs: 'Unsigned higher or same (C == 1)', cc: 'Carry clear, unsigned lower (C == 0)', lo: 'Unsigned lower (C == 0)',
  mi: 'Negative (N == 1)', pl: 'Positive or zero (N == 0)', vs: 'Overflow (V == 1)', vc: 'No overflow (V == 0)',
  hi: 'Unsigned higher (C == 1 && Z == 0)', ls: 'Unsigned lower or same (C == 0 || Z == 1)',
  ge: 'Signed greater than or equal (N == V)', lt: 'Signed less than (N != V)',
  gt: 'Signed greater than (Z == 0 && N == V)', le: 'Signed less than or equal (Z == 1 || N != V)',
  al: 'Always', nv: 'Always (nv is executed as al)',
};
