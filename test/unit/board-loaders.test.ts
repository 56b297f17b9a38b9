// loadKernel(): ELF, Linux arm64 Image and raw placements, initrd and DTB addresses as QEMU's hw/arm/boot.c
// computes them (the initrd address cross-checked with qemu-system-aarch64's DTB), and the LoadError messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadKernel } from '../../src/machine/loaders/kernel';
import { parseArm64Image } from '../../src/machine/loaders/image';
import { LoadError } from '../../src/machine/loaders/load';
import { repoRoot } from '../support/cross';
import { findNode, getProp, propCells, readDtb } from '../../src/machine/dtb';

/** Guest RAM as a list of writes. */
class FakeRam {
  readonly writes: { pa: bigint; bytes: Uint8Array }[] = [];
  writeBytes(pa: bigint, bytes: Uint8Array): void { this.writes.push({ pa, bytes: bytes.slice() }); }
}
const MiB = 0x100000n;
const ram = (size: bigint) => ({ base: 0x40000000n, size });

function image(textOffset: bigint, imageSize: bigint, flags = 0n, length = 0x1000): Uint8Array {
  const b = new Uint8Array(length);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, 0x14000010, true); // b +0x40, as a real Image's code0
  dv.setBigUint64(8, textOffset, true);
  dv.setBigUint64(16, imageSize, true);
  dv.setBigUint64(24, flags, true);
  b.set([0x41, 0x52, 0x4d, 0x64], 0x38);
  return b;
}

test('Image header fields', () => {
  const h = parseArm64Image(image(0x80000n, 0x1234000n, 0b1010n));
  assert.deepEqual([h.textOffset, h.imageSize, h.bigEndian, h.pageSize, h.physicalPlacementAnywhere], [0x80000n, 0x1234000n, false, 4096, true]);
});

test('Image placement: text_offset, the 2 MiB move below 4 KiB, image_size 0', () => {
  const cases: [bigint, bigint, bigint][] = [[0x80000n, 0x300000n, 0x40080000n], [0n, 0x300000n, 0x40200000n],
    [0x200000n, 0x300000n, 0x40200000n], [0x80000n, 0n, 0x40080000n], [0x10000000n, 0n, 0x40080000n]];
  for (const [text, size, entry] of cases) {
    const mem = new FakeRam();
    const k = loadKernel(image(text, size), mem, { ram: ram(128n * MiB) });
    assert.equal(k.kind, 'image');
    assert.equal(k.entry, entry, `text_offset 0x${text.toString(16)} image_size 0x${size.toString(16)}`);
    assert.equal(k.linux, true);
    assert.equal(mem.writes[0].pa, entry);
  }
});

test('raw binary at 0x40080000, gzip Image decompressed', () => {
  const raw = loadKernel(new Uint8Array([1, 2, 3, 4]), new FakeRam(), { ram: ram(128n * MiB) });
  assert.deepEqual([raw.kind, raw.entry, raw.end], ['raw', 0x40080000n, 0x40080004n]);
  const mem = new FakeRam();
  const gz = loadKernel(gzipSync(image(0x80000n, 0x200000n)), mem, { ram: ram(128n * MiB) });
  assert.deepEqual([gz.kind, gz.entry, mem.writes[0].bytes.length], ['image', 0x40080000n, 0x1000]);
});

test('initrd at min(RAM/2, 128M) or after the kernel, page aligned; DTB 2 MiB aligned after it', () => {
  const initrd = new Uint8Array(5000);
  const small = loadKernel(image(0n, 0x300000n), new FakeRam(), { ram: ram(128n * MiB), initrd });
  assert.deepEqual(small.initrd, { start: 0x44000000n, end: 0x44000000n + 5000n });
  assert.deepEqual(small.dtb, { address: 0x44200000n, limit: 0x48000000n });
  const big = loadKernel(image(0n, 0x300000n), new FakeRam(), { ram: ram(1024n * MiB), initrd });
  assert.equal(big.initrd!.start, 0x48000000n);
  const huge = loadKernel(image(0x80000n, 0x5000123n), new FakeRam(), { ram: ram(128n * MiB), initrd });
  assert.equal(huge.initrd!.start, 0x45081000n); // 0x40080000 + 0x5000123 rounded up to 4 KiB
  const none = loadKernel(image(0n, 0x300000n), new FakeRam(), { ram: ram(128n * MiB) });
  assert.deepEqual([none.initrd, none.dtb!.address], [undefined, 0x44000000n]);
});

const hasQemu = spawnSync('qemu-system-aarch64', ['--version']).status === 0;
test('the initrd goes where qemu-system-aarch64 puts it', { skip: !hasQemu }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'board-loaders-'));
  for (const [kernel, memory] of [[image(0n, 0x300000n), '128M'], [image(0x80000n, 0x5000123n), '128M'], [image(0x80000n, 0n), '512M'],
    [new Uint8Array(0x3000), '64M']] as const) {
    writeFileSync(join(dir, 'k'), kernel);
    writeFileSync(join(dir, 'i'), new Uint8Array(12345));
    execFileSync('qemu-system-aarch64', ['-M', `virt,dumpdtb=${join(dir, 'd.dtb')}`, '-cpu', 'max', '-m', memory, '-nographic',
      '-kernel', join(dir, 'k'), '-initrd', join(dir, 'i')], { stdio: 'pipe' });
    const chosen = findNode(readDtb(readFileSync(join(dir, 'd.dtb'))).root, 'chosen')!;
    const ours = loadKernel(kernel, new FakeRam(), { ram: ram(BigInt(parseInt(memory)) * MiB), initrd: new Uint8Array(12345) });
    assert.deepEqual([BigInt(propCells(getProp(chosen, 'linux,initrd-start')!)[0]), BigInt(propCells(getProp(chosen, 'linux,initrd-end')!)[0])],
      [ours.initrd!.start, ours.initrd!.end], memory);
  }
});

test('ELF: segments at their addresses, X0 not a DTB, initrd ignored', () => {
  const elf = readFileSync(join(repoRoot(), 'examples/hello/hello.elf'));
  const mem = new FakeRam();
  const k = loadKernel(elf, mem, { ram: ram(128n * MiB), initrd: new Uint8Array(10) });
  assert.equal(k.kind, 'elf');
  assert.equal(k.linux, false);
  assert.equal(k.start, 0x4007f000n);
  // Room below the image: the DTB goes at the base of RAM, limited by the image.
  assert.deepEqual(k.dtb, { address: 0x40000000n, limit: 0x4007f000n });
  assert.equal(k.initrd, undefined);
  assert.match(k.notes.join('\n'), /initrd is ignored/);
  assert.throws(() => loadKernel(elf, new FakeRam(), { ram: ram(128n * MiB), dtbSize: 0x80000 }), /DTB \(524288 bytes\) does not fit at 0x40000000 below 0x4007f000/);
});

test('clear LoadErrors', () => {
  const elf = readFileSync(join(repoRoot(), 'examples/hello/hello.elf'));
  const x86 = Uint8Array.from(elf);
  x86[18] = 62;
  const errors: [() => unknown, RegExp][] = [
    [() => loadKernel(x86, new FakeRam(), { ram: ram(128n * MiB) }), /ELF machine is 62, not AArch64/],
    [() => loadKernel(elf.subarray(0, 40), new FakeRam(), { ram: ram(128n * MiB) }), /truncated ELF/],
    [() => loadKernel(elf, new FakeRam(), { ram: { base: 0x80000000n, size: 128n * MiB } }), /outside RAM/],
    [() => loadKernel(image(0x80000n, 0x9000000n), new FakeRam(), { ram: ram(128n * MiB) }), /larger than RAM/],
    [() => loadKernel(image(0x80000n, 0x200000n, 1n), new FakeRam(), { ram: ram(128n * MiB) }), /big-endian/],
    [() => loadKernel(image(0x80000n, 0x200000n), new FakeRam(), { ram: ram(128n * MiB), initrd: new Uint8Array(Number(65n * MiB)) }), /initrd of .* does not fit in RAM/],
    [() => loadKernel(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), new FakeRam(), { ram: ram(128n * MiB) }), /gzip-compressed but does not decompress/],
  ];
  for (const [f, message] of errors) assert.throws(f, (e: unknown) => e instanceof LoadError && message.test(e.message), String(message));
});
