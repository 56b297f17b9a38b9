// PL011 as QEMU models it: transmit to the sink, the receive FIFO (16 deep, 1 without FEN), flags, the RX/TX
// interrupts through IMSC/RIS/MIS/ICR, ID registers, and a save/restore round trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FR_RXFE, FR_RXFF, FR_TXFE, INT_RX, INT_TX, Pl011, UARTCR, UARTDR, UARTFR, UARTIBRD, UARTICR, UARTIFLS, UARTIMSC,
  UARTLCR_H, UARTMIS, UARTRIS, UARTRSR,
} from '../../src/machine/devices/pl011';

function uart() {
  const out: number[] = [];
  const irq: boolean[] = [];
  const u = new Pl011({ onTransmit: (b) => out.push(b), onInterrupt: (l) => irq.push(l) });
  const r = (off: number) => Number(u.read(off, 4));
  const w = (off: number, v: number) => assert.ok(u.write(off, 4, BigInt(v)));
  return { u, out, irq, r, w };
}

test('reset values and identification registers', () => {
  const { u, r } = uart();
  assert.equal(r(UARTFR), FR_TXFE | FR_RXFE);
  assert.equal(r(UARTCR), 0x300);
  assert.equal(r(UARTIFLS), 0x12);
  assert.deepEqual([0xfe0, 0xfe4, 0xfe8, 0xfec, 0xff0, 0xff4, 0xff8, 0xffc].map(r), [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1]);
  assert.equal(u.read(0x800, 4), undefined);
  assert.equal(u.write(0x800, 4, 0n), false);
});

test('transmit: bytes to the sink, TX interrupt raised and cleared through ICR', () => {
  const { out, irq, r, w } = uart();
  w(UARTIMSC, INT_TX);
  for (const c of 'hi\n') w(UARTDR, c.charCodeAt(0) | 0x100);
  assert.equal(String.fromCharCode(...out), 'hi\n');
  assert.equal(r(UARTRIS) & INT_TX, INT_TX);
  assert.equal(r(UARTMIS), INT_TX);
  assert.deepEqual(irq, [true]);
  w(UARTICR, INT_TX);
  assert.equal(r(UARTMIS), 0);
  assert.deepEqual(irq, [true, false]);
});

test('receive with FIFOs on: 16 entries, RXFF, overflow waits in the host queue', () => {
  const { u, irq, r, w } = uart();
  w(UARTLCR_H, 0x70); // 8 bits, FEN
  w(UARTIMSC, INT_RX);
  u.pushInput(Array.from({ length: 20 }, (_, i) => 0x41 + i));
  assert.equal(r(UARTFR) & (FR_RXFF | FR_RXFE), FR_RXFF);
  assert.equal(r(UARTMIS), INT_RX);
  assert.deepEqual(irq, [true]);
  const got: number[] = [];
  while (!(r(UARTFR) & FR_RXFE)) got.push(r(UARTDR));
  assert.equal(String.fromCharCode(...got), 'ABCDEFGHIJKLMNOPQRST');
  assert.equal(r(UARTRIS) & INT_RX, 0);
  assert.deepEqual(irq, [true, false]);
});

test('receive with FIFOs off: a one-character holding register', () => {
  const { u, r } = uart();
  u.pushInput([1, 2]);
  assert.equal(r(UARTFR) & (FR_RXFF | FR_RXFE), FR_RXFF);
  assert.equal(r(UARTDR), 1);
  assert.equal(r(UARTDR), 2);
  assert.equal(r(UARTFR) & FR_RXFE, FR_RXFE);
  assert.equal(r(UARTDR), 2); // an empty FIFO reads its last slot again, as in QEMU
});

test('toggling FEN empties the FIFO; RSR/ECR; registers keep what is written', () => {
  const { u, r, w } = uart();
  w(UARTLCR_H, 0x10);
  u.pushInput([9, 9, 9]);
  w(UARTLCR_H, 0x00);
  assert.equal(r(UARTFR) & FR_RXFE, FR_RXFE);
  w(UARTIBRD, 13);
  w(UARTCR, 0x301);
  assert.deepEqual([r(UARTIBRD), r(UARTCR)], [13, 0x301]);
  w(UARTRSR, 0xff);
  assert.equal(r(UARTRSR), 0);
  w(UARTFR, 0); // ignored
  assert.equal(r(UARTFR), FR_TXFE | FR_RXFE);
});

test('save/restore round trip keeps the FIFO, pending input and interrupt state', () => {
  const a = uart();
  a.w(UARTLCR_H, 0x10);
  a.w(UARTIMSC, INT_RX | INT_TX);
  a.u.pushInput(Array.from({ length: 18 }, (_, i) => i));
  a.r(UARTDR);
  const snap = JSON.parse(JSON.stringify(a.u.save()));
  const b = uart();
  b.u.restore(snap);
  assert.equal(b.u.interruptLevel, true);
  assert.deepEqual(b.irq, [true]);
  const drain = (x: ReturnType<typeof uart>) => { const got = []; while (!(x.r(UARTFR) & FR_RXFE)) got.push(x.r(UARTDR)); return got; };
  assert.deepEqual(drain(b), drain(a));
  a.u.reset();
  assert.equal(a.r(UARTIMSC), 0);
});
