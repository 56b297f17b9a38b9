// MemoryMap: window claims and overlaps, dispatch by (offset, size), the RAZ/WI or abort policy for holes inside
// a device, the access observer, and save/restore across devices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccessEvent, BusError, Device, MemoryMap } from '../../src/machine/bus';

class Scratch implements Device {
  regs = new Map<number, bigint>();
  resets = 0;
  constructor(readonly name: string, private readonly size = 0x100) {}
  read(offset: number, size: number) { return offset < this.size / 2 ? (this.regs.get(offset) ?? 0n) | BigInt(size) << 56n : undefined; }
  write(offset: number, _size: number, value: bigint) {
    if (offset >= this.size / 2) return false;
    this.regs.set(offset, value);
    return true;
  }
  save() { return [...this.regs].map(([k, v]) => [k, v.toString()]); }
  restore(s: unknown) { this.regs = new Map((s as [number, string][]).map(([k, v]) => [k, BigInt(v)])); }
  reset() { this.regs.clear(); this.resets++; }
}

test('claims: overlaps and duplicate names are errors', () => {
  const map = new MemoryMap();
  map.attach(0x1000n, 0x100n, new Scratch('a'));
  map.attach(0x1100n, 0x100n, new Scratch('b'));
  assert.throws(() => map.attach(0x10f0n, 0x20n, new Scratch('c')), (e: unknown) => e instanceof BusError && /c at 0x10f0-0x1110 overlaps a at 0x1000-0x1100/.test(e.message));
  assert.throws(() => map.attach(0x0n, 0x2000n, new Scratch('d')), /overlaps/);
  assert.throws(() => map.attach(0x3000n, 0x100n, new Scratch('a')), /already attached/);
  assert.throws(() => map.attach(0x3000n, 0n, new Scratch('e')), /empty window/);
  assert.deepEqual(map.devices.map((d) => d.name), ['a', 'b']);
});

test('dispatch by offset and size; unclaimed addresses and straddling accesses abort', () => {
  const map = new MemoryMap();
  const a = new Scratch('a');
  map.attach(0x9000000n, 0x100n, a);
  assert.equal(map.write(0x9000010n, 4, 0x1_2345_6789n), true);
  assert.equal(a.regs.get(0x10), 0x23456789n); // truncated to the access size
  assert.equal(map.read(0x9000010n, 8), 0x0800000023456789n);
  assert.equal(map.read(0x9000010n, 4), 0x23456789n);
  assert.equal(map.read(0x8fffff0n, 4), undefined);
  assert.equal(map.write(0x9000100n, 4, 0n), false);
  assert.equal(map.read(0x90000fcn, 8), undefined);
});

test('holes inside a device: RAZ/WI by default, abort when asked', () => {
  const raz = new MemoryMap();
  raz.attach(0n, 0x100n, new Scratch('a'));
  assert.equal(raz.read(0x80n, 4), 0n);
  assert.equal(raz.write(0x80n, 4, 1n), true);
  const strict = new MemoryMap({ unimplementedRegister: 'abort' });
  strict.attach(0n, 0x100n, new Scratch('a'));
  assert.equal(strict.read(0x80n, 4), undefined);
  assert.equal(strict.write(0x80n, 4, 1n), false);
});

test('the observer sees every access with its device, value and outcome', () => {
  const events: AccessEvent[] = [];
  const map = new MemoryMap({ unimplementedRegister: 'abort', observer: (e) => events.push(e) });
  map.attach(0x100n, 0x100n, new Scratch('uart'));
  map.write(0x104n, 1, 0x141n);
  map.read(0x104n, 2);
  map.read(0x180n, 4);
  map.write(0x50n, 4, 7n);
  assert.deepEqual(events, [
    { device: 'uart', pa: 0x104n, size: 1, direction: 'write', value: 0x41n, ok: true },
    { device: 'uart', pa: 0x104n, size: 2, direction: 'read', value: 0x41n, ok: true },
    { device: 'uart', pa: 0x180n, size: 4, direction: 'read', value: 0n, ok: false },
    { device: undefined, pa: 0x50n, size: 4, direction: 'write', value: 7n, ok: false },
  ]);
});

test('save, reset and restore every device', () => {
  const map = new MemoryMap();
  const a = new Scratch('a'), b = new Scratch('b');
  map.attach(0n, 0x100n, a);
  map.attach(0x100n, 0x100n, b);
  map.write(0x8n, 4, 5n);
  map.write(0x108n, 4, 6n);
  const snap = JSON.parse(JSON.stringify(map.save()));
  map.reset();
  assert.deepEqual([a.resets, b.resets, map.read(0x8n, 1)], [1, 1, 0n]);
  map.restore(snap);
  assert.deepEqual([map.read(0x8n, 4), map.read(0x108n, 4)], [5n, 6n]);
  assert.throws(() => map.restore({ a: [] }), /no state for b/);
});
