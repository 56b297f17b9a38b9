// The MMIO trap panel's model (src/extension/trapTable.ts): column text, the filter, the exports, the record store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TrapRecordView } from '../../src/extension/contract';
import { csvField, matches, parseAddress, parseFilter, pcText, toCsv, toJsonl, TRAP_COLUMNS, TrapStore, type TrapFilter } from '../../src/extension/trapTable';

const range = (from: number, to: number): TrapRecordView[] => Array.from({ length: to - from }, (_, i) => rec(from + i));
const rec = (seq: number, o: Partial<TrapRecordView> = {}): TrapRecordView => ({
  seq, insnCount: String(1000 + seq), vcpu: 0, pc: '0x40080010', el: 1, esr: '0x93c08006', ec: 'DataAbortLowerEl',
  far: '0x9000000', ipa: '0x9000000', device: 'pl011', direction: 'write', width: 32, register: 'w1', value: '0x48',
  outcome: 'emulated', ...o,
});

test('columns: every column the brief lists, PC with its symbol as objdump prints it', () => {
  assert.deepEqual(TRAP_COLUMNS.map((c) => c.id),
    ['seq', 'insnCount', 'vcpu', 'el', 'pc', 'cause', 'ipa', 'device', 'direction', 'width', 'value', 'register', 'outcome']);
  const r = rec(7, { symbol: 'uart_putc+0x8' });
  assert.equal(pcText(r), '0x40080010 <uart_putc+0x8>');
  assert.deepEqual(TRAP_COLUMNS.map((c) => c.text(r)),
    ['7', '1007', '0', 'EL1', '0x40080010 <uart_putc+0x8>', 'DataAbortLowerEl', '0x9000000', 'pl011', 'write', '32', '0x48', 'w1', 'emulated']);
  const hvc = rec(8, { ec: 'HVC64', detail: 'imm 0x0 fn 0x84000000', ipa: undefined, device: undefined, direction: undefined,
    width: undefined, register: undefined, value: undefined, outcome: 'psci' });
  assert.deepEqual(TRAP_COLUMNS.map((c) => c.text(hvc)).slice(5),
    ['HVC64 imm 0x0 fn 0x84000000', '', '', '', '', '', '', 'psci']);
});

test('parseAddress: hex with or without 0x and _ separators, nothing else', () => {
  assert.equal(parseAddress('0x0900_0000'), 0x9000000n);
  assert.equal(parseAddress(' 9000000 '), 0x9000000n);
  assert.equal(parseAddress('0xFFFF000008010000'), 0xffff000008010000n);
  for (const bad of ['', '0x', 'uart', '0x1_0000_0000_0000_0000', '-1', '0x12g']) assert.equal(parseAddress(bad), undefined, bad);
});

test('parseFilter: empty inputs filter nothing; bad bounds are named', () => {
  assert.deepEqual(parseFilter({ device: '', from: '', to: '', direction: '' }), { device: undefined, from: undefined, to: undefined, direction: undefined });
  assert.deepEqual(parseFilter({ device: 'gic', from: '0x8000000', to: '0x800ffff', direction: 'read' }),
    { device: 'gic', from: 0x8000000n, to: 0x800ffffn, direction: 'read' });
  assert.match(parseFilter({ device: '', from: 'zz', to: '', direction: '' }) as string, /^From must be a hex address/);
  assert.match(parseFilter({ device: '', from: '', to: '0xq', direction: '' }) as string, /^To must be a hex address/);
  assert.equal(parseFilter({ device: '', from: '0x10', to: '0x1', direction: '' }), 'From must not be above To');
});

test('matches: device, direction and an inclusive IPA range; no IPA fails any range', () => {
  const uart = rec(0), gicRead = rec(1, { device: 'gicd', ipa: '0x8000004', direction: 'read' }), hvc = rec(2, { ipa: undefined, device: undefined, direction: undefined });
  const pick = (f: TrapFilter) => [uart, gicRead, hvc].filter((r) => matches(f, r)).map((r) => r.seq);
  assert.deepEqual(pick({}), [0, 1, 2]);
  assert.deepEqual(pick({ device: 'pl011' }), [0]);
  assert.deepEqual(pick({ direction: 'read' }), [1]);
  assert.deepEqual(pick({ from: 0x8000004n, to: 0x8000004n }), [1]);
  assert.deepEqual(pick({ from: 0x8000005n }), [0]);
  assert.deepEqual(pick({ to: 0x8ffffffn }), [1]);
});

test('CSV: RFC 4180 quoting, and guest strings a spreadsheet would run as formulas are defused', () => {
  assert.equal(csvField(undefined), '');
  assert.equal(csvField(42), '42');
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  assert.equal(csvField('+1'), "'+1");
  assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  const text = toCsv([rec(0, { symbol: 'uart_putc+0x8', source: { path: '/src/uart.S', line: 12 } }), rec(1, { device: 'x,"y"' })]);
  const lines = text.split('\r\n');
  assert.equal(lines[0], 'seq,insnCount,vcpu,el,pc,symbol,esr,ec,far,ipa,device,direction,width,register,value,detail,outcome,sourcePath,sourceLine');
  assert.equal(lines[1], '0,1000,0,1,0x40080010,uart_putc+0x8,0x93c08006,DataAbortLowerEl,0x9000000,0x9000000,pl011,write,32,w1,0x48,,emulated,/src/uart.S,12');
  assert.equal(lines[2].split(',')[10], '"x');
  assert.ok(lines[2].includes('"x,""y"""'));
  assert.equal(lines.length, 4);
  assert.equal(lines[3], '');
});

test('JSONL: one record per line, read back unchanged', () => {
  const records = [rec(0), rec(1, { symbol: '</script><img src=x onerror=alert(1)>' })];
  const text = toJsonl(records);
  assert.equal(text.split('\n').length, 3);
  assert.deepEqual(text.trim().split('\n').map((l) => JSON.parse(l)), records);
});

test('TrapStore: batches in order append; a gap is reported; a backfill merges by sequence number', () => {
  const s = new TrapStore();
  assert.equal(s.nextSeq, 0);
  assert.equal(s.missingFrom(0), undefined);
  assert.equal(s.add([rec(0), rec(1)]), 'appended');
  assert.equal(s.missingFrom(2), undefined);
  assert.equal(s.missingFrom(5), 2);
  assert.equal(s.add([rec(5), rec(6)]), 'appended');
  assert.equal(s.nextSeq, 7);
  // The backfill from 2 repeats 5 and 6 with their final outcome.
  assert.equal(s.add([2, 3, 4, 5, 6].map((n) => rec(n, { outcome: 'returned' }))), 'merged');
  assert.deepEqual(s.records.map((r) => r.seq), [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(s.bySeq(6)?.outcome, 'returned');
  assert.equal(s.bySeq(0)?.outcome, 'emulated');
  assert.equal(s.bySeq(9), undefined);
  s.clear();
  assert.equal(s.size, 0);
});

test('TrapStore: 100,000 records append and look up quickly', () => {
  const s = new TrapStore();
  const t0 = performance.now();
  for (let b = 0; b < 100; b++) s.add(Array.from({ length: 1000 }, (_, i) => rec(b * 1000 + i)));
  for (let i = 0; i < 100000; i += 997) assert.equal(s.bySeq(i)?.seq, i);
  assert.equal(s.size, 100000);
  assert.ok(performance.now() - t0 < 1000);
});

test('TrapStore: past its limit and slack, the oldest records go', () => {
  const s = new TrapStore(100, 20);
  s.add(range(0, 120));
  assert.equal(s.size, 120);
  assert.equal(s.add(range(120, 121)), 'appended');
  assert.deepEqual([s.size, s.dropped, s.records[0].seq, s.nextSeq], [100, 21, 21, 121]);
  assert.equal(s.bySeq(20), undefined);
  assert.equal(s.bySeq(21)?.seq, 21);
  s.clear();
  assert.equal(s.dropped, 0);
});
