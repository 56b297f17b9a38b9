// The debug configurations the extension offers and completes (src/extension/debugConfig.ts), the register page's
// layout (src/extension/registerInfo.ts) and the disassembly listing a trap record opens (src/extension/disasmListing.ts).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sysRegByName } from '../../src/arch/sysregs/table';
import { validateLaunch } from '../../src/debug/launchConfig';
import { checkLaunch, configurationFor, dynamicConfigurations, initialConfigurations, noProgramMessage, type TrapdoorConfiguration } from '../../src/extension/debugConfig';
import { formatListing } from '../../src/extension/disasmListing';
import { registerInfoFromTable, registerLayout } from '../../src/extension/registerInfo';

const kind = (p: string): 'file' | 'directory' | undefined => {
  try {
    return statSync(p).isDirectory() ? 'directory' : 'file';
  } catch {
    return undefined;
  }
};

const made: string[] = [];
after(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'td-ui-'));
  made.push(dir);
  writeFileSync(join(dir, 'guest.elf'), 'x');
  writeFileSync(join(dir, 'hyp.elf'), 'x');
  writeFileSync(join(dir, 'boot.S'), 'x');
  mkdirSync(join(dir, 'build'));
  return dir;
}

test('initial configurations: the built-in hypervisor, your own EL2 on the bare board, a .S file; all valid for the adapter', () => {
  const configs = initialConfigurations();
  assert.deepEqual(configs.map((c) => [c.hypervisor ?? 'none', c.entryEl ?? 1, c.program]), [
    ['builtin', 1, '${workspaceFolder}/guest.elf'],
    ['none', 2, '${workspaceFolder}/hyp.elf'],
    ['none', 1, '${file}'],
  ]);
  const dir = workspace();
  const substituted = configs.map((c) => ({ ...c, program: String(c.program).replace('${workspaceFolder}', dir).replace('${file}', join(dir, 'boot.S')) }));
  for (const c of substituted) {
    assert.equal(typeof validateLaunch(c), 'object', c.name);
    assert.deepEqual(checkLaunch(c, dir, kind), { config: c });
  }
});

test('configurations for files: F5 on the active file, dynamic ones for each guest found', () => {
  assert.deepEqual(configurationFor('/w/hello.S'), { type: 'trapdoor', request: 'launch', name: 'Trapdoor: hello.S', program: '/w/hello.S', stopOnEntry: true });
  assert.deepEqual(dynamicConfigurations(['/w/b.s', '/w/README.md', '/w/a.elf']).map((c) => [c.name, c.program, c.hypervisor]), [
    ['Trapdoor: a.elf', '/w/a.elf', undefined],
    ['Trapdoor: a.elf (built-in hypervisor)', '/w/a.elf', 'builtin'],
    ['Trapdoor: b.s', '/w/b.s', undefined],
  ]);
  assert.match(noProgramMessage('/w/notes.txt'), /^Trapdoor cannot run notes\.txt: open an AArch64 ELF/);
  assert.match(noProgramMessage(undefined), /^Open an AArch64 ELF/);
});

test('checkLaunch: relative paths made absolute against cwd or the folder; each mistake named', () => {
  const dir = workspace();
  const base: TrapdoorConfiguration = { type: 'trapdoor', request: 'launch', name: 'x', program: 'guest.elf' };
  assert.deepEqual(checkLaunch(base, dir, kind).config?.program, join(dir, 'guest.elf'));
  assert.deepEqual(checkLaunch({ ...base, cwd: 'build', program: '../hyp.elf' }, dir, kind).config,
    { ...base, cwd: join(dir, 'build'), program: join(dir, 'hyp.elf') });
  const error = (c: Partial<TrapdoorConfiguration>) => checkLaunch({ ...base, ...c }, dir, kind).error;
  assert.equal(error({ program: 'missing.elf' }),
    `"program": ${join(dir, 'missing.elf')} does not exist. Build the guest first, or point "program" at an ELF, Image, raw binary or .S file.`);
  assert.equal(error({ program: 'build' }), `"program": ${join(dir, 'build')} is a directory, not a file.`);
  assert.equal(error({ dtb: 'virt.dtb' }), `"dtb": ${join(dir, 'virt.dtb')} does not exist.`);
  assert.equal(error({ cwd: 'nowhere' }), `"cwd": the directory ${join(dir, 'nowhere')} does not exist.`);
  assert.equal(error({ program: '${command:pickFile}' }), '"program": ${command:pickFile} has a variable VS Code could not substitute.');
  assert.equal(error({ hypervisor: 'builtin', entryEl: 2 }), '"entryEl" must be 1 with "hypervisor": "builtin" (Trapdoor plays EL2), not 2.');
  assert.equal(error({ program: '' }), '"program" must be the path of the guest to run (an AArch64 ELF, a Linux arm64 Image or a raw binary).');
  assert.equal(error({ request: 'attach' }), 'Trapdoor only launches guests: "request" must be "launch", not "attach".');
});

test('register page layout: fields from the top bit down, the gaps between them as reserved', () => {
  const layout = registerLayout({
    name: 'X', description: '', value: '0x80000001',
    fields: [{ name: 'A', msb: 0, lsb: 0, value: '0x1' }, { name: 'B', msb: 7, lsb: 4 }, { name: 'C', msb: 31, lsb: 31, value: '0x1', meaning: 'set' }],
  });
  assert.deepEqual(layout.facts, [['Value', '0x80000001']]);
  assert.deepEqual(layout.segments, [
    { name: 'C', bits: '31', width: 1 }, { name: '', bits: '30:8', width: 23 }, { name: 'B', bits: '7:4', width: 4 },
    { name: '', bits: '3:1', width: 3 }, { name: 'A', bits: '0', width: 1 },
  ]);
  assert.deepEqual(layout.rows[0], ['C', '31', '0x1', 'set', '']);
  // A field above bit 31 makes the register 64 bits wide.
  assert.equal(registerLayout({ name: 'Y', description: '', fields: [{ name: 'Z', msb: 40, lsb: 32 }] }).segments[0].bits, '63:41');
});

test('register page without a session: description and fields from the one system-register table', () => {
  const esr = sysRegByName('esr_el2')!;
  const info = registerInfoFromTable(esr);
  assert.equal(info.name, 'ESR_EL2');
  assert.equal(info.el, 2);
  assert.equal(info.encoding, `S${esr.op0}_${esr.op1}_C${esr.crn}_C${esr.crm}_${esr.op2}`);
  assert.equal(info.value, undefined);
  const ec = info.fields.find((f) => f.name === 'EC');
  assert.deepEqual([ec?.msb, ec?.lsb], [31, 26]);
  assert.match(ec?.description ?? '', /0x24: Data Abort/);
});

test('disassembly listing: objdump layout, symbols as labels, the PC marked', () => {
  const l = formatListing([
    { address: '0x40080000', instructionBytes: 'd503201f', instruction: 'nop', symbol: 'uart_putc' },
    { address: '0x40080004', instructionBytes: 'b9000001', instruction: 'str w1, [x0]' },
    { address: '0x40080008', instructionBytes: 'd65f03c0', instruction: 'ret' },
  ], '0x40080004', 'exit #3 at 0x40080004 <uart_putc+0x4>');
  assert.deepEqual(l.text.split('\n'), [
    '// exit #3 at 0x40080004 <uart_putc+0x4>',
    '',
    '0000000040080000 <uart_putc>:',
    '  40080000:\td503201f \tnop',
    '=>40080004:\tb9000001 \tstr w1, [x0]',
    '  40080008:\td65f03c0 \tret',
    '',
  ]);
  assert.equal(l.pcLine, 4);
  assert.equal(formatListing([], '0x0', 't').pcLine, -1);
});
