// The words the grammar and the language server take from the tables: mnemonic spellings, group titles,
// curated meanings (only of mnemonics the table has) and the system-register hover text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { A64_ROWS } from '../../src/arch/a64/table';
import { SYSREGS } from '../../src/arch/sysregs/table';
import { InstructionIndex } from '../../src/language/instructionIndex';
import { CONDITION_MEANINGS, GROUP_TITLES, MNEMONIC_MEANINGS } from '../../src/language/meanings';
import { describeSysReg, describeSystemName } from '../../src/language/sysregDocs';
import { expandMnemonic, mnemonicVocabulary, OPERAND_CONDITIONS } from '../../src/language/vocabulary';

test('mnemonic templates expand to every spelling GNU as accepts', () => {
  assert.deepEqual(expandMnemonic('ldadd{A?a}{R?l}h').map((s) => s.text), ['ldaddh', 'ldaddlh', 'ldaddah', 'ldaddalh']);
  assert.deepEqual(expandMnemonic('sqxtn{V2}').map((s) => s.text), ['sqxtn', 'sqxtn2']);
  const b = expandMnemonic('b.{bcond:b}').map((s) => s.text);
  for (const c of ['b.eq', 'b.hs', 'b.lo', 'b.nv', 'b.none', 'b.nlast']) assert.ok(b.includes(c), c);
  assert.throws(() => expandMnemonic('foo{Z}'), /unknown part/);
  const vocab = mnemonicVocabulary(A64_ROWS);
  for (const m of ['mov', 'cmp', 'casal', 'stlrb', 'sha512h2', 'fcvtxn2', 'eret']) assert.ok(vocab.plain.has(m), m);
  assert.ok(vocab.control.has('eret') && vocab.control.has('cbnz') && !vocab.control.has('add'));
  assert.deepEqual([...vocab.conditional], ['b']);
});

test('every encoding group and condition has a meaning, and every curated meaning is of a mnemonic of the table', () => {
  for (const r of A64_ROWS) assert.ok(GROUP_TITLES[r.group], r.group);
  for (const c of OPERAND_CONDITIONS) assert.ok(CONDITION_MEANINGS[c], c);
  const index = new InstructionIndex(A64_ROWS);
  for (const m of MNEMONIC_MEANINGS.keys()) assert.ok(index.find(m), m);
  assert.equal(index.meaning(index.find('ldaddal')!), 'Atomic add, returning the old value (LSE)');
  assert.deepEqual(index.examples(index.find('cmp')!), ['cmp x2, #0x0', 'cmp x2, x3', 'cmp x2, w3, uxtb']);
});

test('system-register hover text for every register, PSTATE fields, SYS operations and generic names', () => {
  for (const r of SYSREGS) assert.match(describeSysReg(r), new RegExp(`^\\*\\*${r.name}\\*\\*`));
  assert.match(describeSystemName('hcr_el2')!, /Owning EL: EL2/);
  assert.match(describeSystemName('SCTLR_EL12')!, /Alias of SCTLR_EL1/);
  assert.match(describeSystemName('daifset')!, /PSTATE field/);
  assert.match(describeSystemName('vmalle1is')!, /TLBI VMALLE1IS/);
  assert.match(describeSystemName('s3_0_c15_c2_0')!, /op0=3, op1=0, CRn=15, CRm=2, op2=0/);
  assert.equal(describeSystemName('main_loop'), undefined);
});
