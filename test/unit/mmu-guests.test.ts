// The MMU test guests (test/guests/mmu-*.S) in `trapdoor run` and in qemu-system-aarch64: stage 1 in each
// granule and VA size, the EL2 and EL2&0 regimes, stage 2 with MMIO-style faults and S1PTW, TLBI, AT. Each guest
// prints the ESR/FAR/HPFAR/PAR values it observes; the outputs must be equal line for line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareEl3GuestWithQemu } from '../support/el3Guest';

/** Builds test/guests/<name>.S, runs it on both machines, compares; returns our output lines. */
function compareWithQemu(name: string): string[] {
  const t = compareEl3GuestWithQemu(name);
  assert.equal(t.at(-2), 'done');
  return t;
}

/** Asserts that the output has a line starting with each of `prefixes` (equal outputs must not be equally empty). */
function covers(lines: string[], prefixes: string[]): void {
  for (const p of prefixes) assert.ok(lines.some((l) => l.startsWith(p)), p);
}

test('stage 1, 4K granule: blocks, pages, faults per level, AT, TLBI, instruction aborts, LDTR, PAN, EL2 regime', () => {
  covers(compareWithQemu('mmu-stage1'), [
    'EL1 ESR 0x9600000b FAR 0x40601000', 'EL1 ESR 0x9600004f FAR 0x40602000', 'EL1 ESR 0x96000005 FAR 0x80000000',
    'EL1 ESR 0x8600000f FAR 0x40604000', 'after TLBI VAE1IS 0x2222', 'AT S1E1W read-only 0x81f', 'AT S1E2R 0xff',
  ]);
});

test('stage 2: MMIO faults with ISV/SAS/SSE/SRT/SF/AR, permission, AF, XN, S1PTW, AT S12E1 and S1E1, TLBI IPAS2E1IS', () => {
  covers(compareWithQemu('mmu-stage2'), [
    'EL2 ESR 0x93830005 FAR 0x9000000 HPFAR 0x90000', 'EL2 ESR 0x93cbc005', 'EL2 ESR 0x92000005',
    'EL2 ESR 0x92000087 FAR 0x40a00000 HPFAR 0x408000', 'EL2 ESR 0x8200000f', 'AT S12E1W read-only 0xa1f',
    'AT S1E1R S1PTW 0xb0f', 'after TLBI IPAS2E1IS 0x1111',
  ]);
});

test('granules and VA sizes: 16K, 64K, 4K with 48-bit VAs through TTBR0 and TTBR1, TBI', () => {
  covers(compareWithQemu('mmu-granules'), ['16K page 1 0x4444', '64K read-only page 0x6464', 'EL1 ESR 0x96000004', 'TBI0 tagged 0x1111']);
});

test('VHE: the EL2&0 regime with TTBR1_EL2, EL0 under TGE, LDTR and PAN at EL2', () => {
  covers(compareWithQemu('mmu-vhe'), ['EL2 reads TTBR1_EL2 0x1111', 'EL0 read EL0RW 0x2222', 'EL2 ESR 0x8200000f FAR 0x40604000']);
});
