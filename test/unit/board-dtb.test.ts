// The FDT writer/reader and virtDtb(): round trips, malformed blobs, and every node we generate compared with
// what qemu-system-aarch64 -M virt dumps for the same options (phandles normalised to the paths they name).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DtbError, DtNode, VirtDtbConfig, cells, findNode, getProp, node, prop, propCells, propStrings, readDtb, strings,
  virtDtb, writeDtb,
} from '../../src/machine/dtb';

const dir = mkdtempSync(join(tmpdir(), 'board-dtb-'));
const PHANDLE_PROPS = new Set(['phandle', 'interrupt-parent', 'clocks', 'cpu', 'msi-parent']);
/** QEMU seeds these from the host's entropy on every run; we leave them out for determinism. */
const RANDOM_PROPS = new Set(['rng-seed', 'kaslr-seed']);

function phandlePaths(root: DtNode): Map<number, string> {
  const map = new Map<number, string>();
  const walk = (n: DtNode, path: string): void => {
    const p = getProp(n, 'phandle');
    if (p) map.set(propCells(p)[0], path || '/');
    n.children.forEach((c) => walk(c, `${path}/${c.name}`));
  };
  walk(root, '');
  return map;
}

/** A node as text, properties sorted, phandle cells replaced by the path of the node they designate. */
function describe(n: DtNode, phandles: Map<number, string>, indent = ''): string {
  const props = n.props.filter((p) => !RANDOM_PROPS.has(p.name)).map((p) => {
    const v = PHANDLE_PROPS.has(p.name)
      ? propCells(p.value).map((c) => phandles.get(c) ?? `?${c}`).join(' ')
      : Buffer.from(p.value).toString('hex');
    return `${indent}  ${p.name} = ${v}`;
  }).sort();
  return [`${indent}${n.name || '/'} {`, ...props, ...n.children.map((c) => describe(c, phandles, `${indent}  `)), `${indent}}`].join('\n');
}

function qemuDtb(machine: string, args: string[]): DtNode {
  const file = join(dir, 'qemu.dtb');
  execFileSync('qemu-system-aarch64', ['-M', `virt,dumpdtb=${file}${machine}`, '-nographic', ...args], { stdio: 'pipe' });
  return readDtb(readFileSync(file)).root;
}

function compareWithQemu(config: VirtDtbConfig, machine: string, args: string[]): void {
  const ours = virtDtb(config);
  const theirs = qemuDtb(machine, args);
  const ourPh = phandlePaths(ours), theirPh = phandlePaths(theirs);
  const rootProps = (n: DtNode): DtNode => node('', n.props, []);
  assert.equal(describe(rootProps(ours), ourPh), describe(rootProps(theirs), theirPh));
  for (const child of ours.children) {
    const q = findNode(theirs, child.name);
    assert.ok(q, `QEMU has no /${child.name}`);
    // QEMU's GICv3 node holds an ITS we do not model; compare the GIC's own properties then.
    const mine = child.name.startsWith('intc') && config.gicVersion === 3 ? node(child.name, child.props, []) : child;
    const qemu = child.name.startsWith('intc') && config.gicVersion === 3 ? node(q.name, q.props, []) : q;
    assert.equal(describe(mine, ourPh), describe(qemu, theirPh), `/${child.name}`);
  }
}

const hasQemu = spawnSync('qemu-system-aarch64', ['--version']).status === 0;
const hasDtc = spawnSync('dtc', ['--version']).status === 0;

test('writer and reader round-trip a tree, reservations and boot cpu', () => {
  const tree = node('', [prop('compatible', strings('a', 'b')), prop('x', cells(1, 2, 3)), prop('e', new Uint8Array(0))],
    [node('n@1', [prop('odd', new Uint8Array([1, 2, 3, 4, 5]))], [node('deep', [])]), node('m', [])]);
  const blob = writeDtb(tree, { bootCpuidPhys: 3, reservations: [{ address: 0x1000n, size: 0x2000n }] });
  const back = readDtb(blob);
  assert.deepEqual(back.root, tree);
  assert.equal(back.bootCpuidPhys, 3);
  assert.deepEqual(back.reservations, [{ address: 0x1000n, size: 0x2000n }]);
  assert.deepEqual(propStrings(getProp(back.root, 'compatible')!), ['a', 'b']);
});

test('malformed blobs give a DtbError with the offset', () => {
  const good = writeDtb(virtDtb({ memorySize: 128n << 20n, cpus: 1, gicVersion: 2 }));
  const broken = (edit: (b: Uint8Array, dv: DataView) => void): Uint8Array => {
    const b = good.slice();
    edit(b, new DataView(b.buffer));
    return b;
  };
  const structOff = new DataView(good.buffer).getUint32(8);
  const cases: [Uint8Array, RegExp][] = [
    [good.subarray(0, 20), /offset 0x0: 20 bytes is shorter/],
    [broken((_, dv) => dv.setUint32(0, 0xdeadbeef)), /offset 0x0: bad magic 0xdeadbeef/],
    [good.subarray(0, good.length - 8), /offset 0x4: totalsize/],
    [broken((_, dv) => dv.setUint32(20, 15)), /offset 0x14: version 15/],
    [broken((_, dv) => dv.setUint32(structOff, 7)), new RegExp(`offset 0x${structOff.toString(16)}: structure block starts with token 0x7`)],
    [broken((_, dv) => dv.setUint32(36, dv.getUint32(36) - 4)), /FDT_END/],
    [broken((_, dv) => dv.setUint32(32, 2)), /outside the strings block|unterminated string/],
    [broken((_, dv) => dv.setUint32(12, 0xffff0)), /offset 0xc: strings block/],
  ];
  for (const [blob, message] of cases) {
    assert.throws(() => readDtb(blob), (e: unknown) => e instanceof DtbError && message.test(e.message), String(message));
  }
});

test('GICv2, 1 CPU, 128M, EL1: the nodes we generate are QEMU\'s', { skip: !hasQemu }, () => {
  compareWithQemu({ memorySize: 128n << 20n, cpus: 1, gicVersion: 2, cpuCompatible: 'arm,cortex-a57' }, '', ['-cpu', 'max', '-m', '128M']);
});

test('GICv2 with virtualization=on, 2 CPUs: GICH/GICV frames, maintenance PPI, PSCI over SMC', { skip: !hasQemu }, () => {
  compareWithQemu({ memorySize: 128n << 20n, cpus: 2, gicVersion: 2, virtualization: true, cpuCompatible: 'arm,cortex-a57' },
    ',virtualization=on', ['-cpu', 'max', '-m', '128M', '-smp', '2']);
});

test('GICv3 with virtualization=on, 2 CPUs, 1G', { skip: !hasQemu }, () => {
  compareWithQemu({ memorySize: 1n << 30n, cpus: 2, gicVersion: 3, virtualization: true, cpuCompatible: 'arm,cortex-a57' },
    ',gic-version=3,virtualization=on', ['-cpu', 'max', '-m', '1G', '-smp', '2']);
});

test('GICv3, 4 CPUs, EL1 only, Cortex-A76', { skip: !hasQemu }, () => {
  compareWithQemu({ memorySize: 256n << 20n, cpus: 4, gicVersion: 3 }, ',gic-version=3', ['-cpu', 'cortex-a76', '-m', '256M', '-smp', '4']);
});

test('secure=on: no psci node, as QEMU', { skip: !hasQemu }, () => {
  const ours = virtDtb({ memorySize: 128n << 20n, cpus: 1, gicVersion: 2, secure: true, virtualization: true });
  assert.equal(findNode(ours, 'psci'), undefined);
  assert.equal(findNode(qemuDtb(',secure=on,virtualization=on', ['-cpu', 'max', '-m', '128M']), 'psci'), undefined);
});

test('chosen: bootargs and the initrd range of a Linux Image boot', { skip: !hasQemu }, () => {
  const image = new Uint8Array(0x1000);
  const dv = new DataView(image.buffer);
  dv.setBigUint64(8, 0n, true);
  dv.setBigUint64(16, 0x300000n, true);
  image.set([0x41, 0x52, 0x4d, 0x64], 0x38);
  writeFileSync(join(dir, 'Image'), image);
  writeFileSync(join(dir, 'initrd'), new Uint8Array(5000));
  const bootargs = 'console=ttyAMA0 root=/dev/ram';
  compareWithQemu({
    memorySize: 128n << 20n, cpus: 1, gicVersion: 2, bootargs, initrd: { start: 0x44000000n, end: 0x44000000n + 5000n },
  }, '', ['-cpu', 'cortex-a76', '-m', '128M', '-kernel', join(dir, 'Image'), '-initrd', join(dir, 'initrd'), '-append', bootargs]);
});

test('dtc accepts our blobs without a warning', { skip: !hasDtc }, () => {
  for (const config of [
    { memorySize: 128n << 20n, cpus: 1, gicVersion: 2 as const },
    { memorySize: 4n << 30n, cpus: 4, gicVersion: 2 as const, virtualization: true, bootargs: 'x', initrd: { start: 0x48000000n, end: 0x48001000n } },
    { memorySize: 1n << 30n, cpus: 8, gicVersion: 3 as const, virtualization: true },
  ]) {
    const file = join(dir, 'ours.dtb');
    writeFileSync(file, writeDtb(virtDtb(config)));
    const r = spawnSync('dtc', ['-I', 'dtb', '-O', 'dts', '-o', '/dev/null', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '', JSON.stringify(config, (_, v) => (typeof v === 'bigint' ? v.toString(16) : v)));
  }
});

test('the comparison notices a difference (harness check)', { skip: !hasQemu }, () => {
  assert.throws(() => compareWithQemu({ memorySize: 128n << 20n, cpus: 1, gicVersion: 2, cpuCompatible: 'arm,cortex-a57' },
    ',virtualization=on', ['-cpu', 'max', '-m', '128M']), /psci|intc/);
  assert.throws(() => compareWithQemu({ memorySize: 64n << 20n, cpus: 1, gicVersion: 2, cpuCompatible: 'arm,cortex-a57' },
    '', ['-cpu', 'max', '-m', '128M']), /memory/);
});
