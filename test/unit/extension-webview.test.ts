// The webviews' page scripts (out/media/*.js, bundled for the browser) run in jsdom on the CSP page of html.ts:
// hostile guest strings show literally and nothing of them executes or becomes an element; the trap panel keeps its
// DOM to the visible rows with 100,000 records; filters, row clicks and exports post what the host expects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Jsdom from 'jsdom';
import type { RegisterInfoView, Stage2FaultView, TrapRecordView } from '../../src/extension/contract';
import { contentSecurityPolicy, pageHtml } from '../../src/extension/html';

/** jsdom is loaded at run time, not bundled (it reads its own files beside its modules): from beside the test
 * bundle, else from the repository the tests run in (a build with --out outside it). */
function loadJsdom(): typeof Jsdom {
  for (const from of [__filename, join(process.cwd(), 'package.json')]) {
    try {
      return createRequire(from)('jsdom') as typeof Jsdom;
    } catch {
      // Not found from here: try the next place.
    }
  }
  throw new Error('jsdom is not installed: run npm install');
}
const { JSDOM } = loadJsdom();
type JSDOM = Jsdom.JSDOM;

/** Strings a guest controls (symbols from its ELF, device names from its DTB, values it writes) meant to break out. */
const HOSTILE = [
  '<img src=x onerror="window.__pwned++">',
  '</script><script>window.__pwned++</script>',
  '"><svg onload="window.__pwned++">',
  "'; window.__pwned++; '",
  '<iframe srcdoc="<script>parent.__pwned++</script>"></iframe>',
  '<details open ontoggle="window.__pwned++">',
  '&lt;b&gt;entity&lt;/b&gt;',
];
const INJECTED = 'img, svg, iframe, details, object, embed, b, a';

interface Page {
  readonly dom: JSDOM;
  readonly doc: Document;
  readonly posted: unknown[];
  send(m: unknown): void;
  frame(): Promise<void>;
}

function page(script: 'trapPanel' | 'stage2' | 'register', state?: unknown): Page {
  const html = pageHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'bm9uY2U=', scriptUri: 'media/x.js', styleUri: 'media/x.css', title: script });
  // 'dangerously' runs inline handlers too, so that an injected onerror/onload would count in __pwned.
  const dom = new JSDOM(html, { runScripts: 'dangerously', pretendToBeVisual: true });
  const posted: unknown[] = [];
  let saved = state;
  const w = dom.window as unknown as Record<string, unknown>;
  w.__pwned = 0;
  // Messages cross to the host as JSON-like clones, not as objects of the page's realm.
  w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => posted.push(JSON.parse(JSON.stringify(m))), getState: () => saved, setState: (s: unknown) => { saved = s; } });
  dom.window.eval(readFileSync(join(__dirname, '..', '..', 'media', `${script}.js`), 'utf8'));
  return {
    dom, doc: dom.window.document, posted,
    send: (m) => dom.window.dispatchEvent(new dom.window.MessageEvent('message', { data: m })),
    frame: () => new Promise((resolve) => dom.window.requestAnimationFrame(() => setTimeout(resolve, 0))),
  };
}

function assertNothingRan(p: Page): void {
  assert.equal((p.dom.window as unknown as { __pwned: number }).__pwned, 0);
  assert.equal(p.doc.querySelectorAll(INJECTED).length, 0, p.doc.body.innerHTML.slice(0, 2000));
  assert.equal(p.doc.querySelectorAll('script').length, 1);
}

const rec = (seq: number, o: Partial<TrapRecordView> = {}): TrapRecordView => ({
  seq, insnCount: String(seq * 10), vcpu: seq % 2, pc: '0x40080010', el: 1, esr: '0x93c08006', ec: 'DataAbortLowerEl',
  ipa: `0x${(0x9000000 + (seq % 64) * 4).toString(16)}`, device: seq % 3 === 0 ? 'gicd' : 'pl011',
  direction: seq % 2 ? 'read' : 'write', width: 32, register: 'w1', value: '0x41', outcome: 'emulated', ...o,
});

test('the page skeleton: a strict CSP, the script only by nonce, no data in the HTML', () => {
  const csp = contentSecurityPolicy('https://res', 'N0nce');
  assert.equal(csp, "default-src 'none'; style-src https://res; script-src 'nonce-N0nce'; connect-src 'none'; form-action 'none'; frame-src 'none'; base-uri 'none'");
  const html = pageHtml({ cspSource: 'https://res', nonce: 'N0nce', scriptUri: 'https://res/out/media/trapPanel.js', styleUri: 'https://res/media/webview.css', title: 'A <b>"title"</b>' });
  const doc = new JSDOM(html).window.document;
  assert.equal(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'), csp);
  const scripts = doc.querySelectorAll('script');
  assert.equal(scripts.length, 1);
  assert.equal(scripts[0].getAttribute('nonce'), 'N0nce');
  assert.equal(scripts[0].textContent, '');
  assert.equal(doc.title, 'A <b>"title"</b>');
  assert.equal(doc.querySelectorAll('b').length, 0);
  assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|http:/);
});

test('trap panel: hostile symbols, devices, values and registers show literally; nothing executes', async () => {
  const p = page('trapPanel');
  assert.deepEqual(p.posted, [{ type: 'ready' }]);
  const records = HOSTILE.map((h, i) => rec(i, { symbol: h, device: h, value: h, register: h, detail: h, outcome: h as TrapRecordView['outcome'], source: { path: h, line: 1 } }));
  p.send({ type: 'reset', records });
  await p.frame();
  assertNothingRan(p);
  const rows = [...p.doc.querySelectorAll('.rows .row')];
  assert.equal(rows.length, HOSTILE.length);
  HOSTILE.forEach((h, i) => {
    const cells = [...rows[i].querySelectorAll('.cell')].map((c) => c.textContent);
    assert.equal(cells[4], `0x40080010 <${h}>`);
    assert.equal(cells[7], h);
    assert.equal(cells[10], h);
    assert.equal(cells[11], h);
    assert.equal(cells[12], h);
    assert.equal(rows[i].getAttribute('title'), `${h}:1`);
  });
  // Device names become filter options, as text.
  const options = [...p.doc.querySelectorAll('select.device option')].map((o) => [o.textContent, (o as HTMLOptionElement).value]);
  for (const h of HOSTILE) assert.ok(options.some(([t, v]) => t === h && v === h), h);
  assertNothingRan(p);
});

test('trap panel: 100,000 records keep the DOM to the visible rows, scrolling renders the rows in view', async () => {
  const p = page('trapPanel');
  const viewport = p.doc.querySelector('.viewport') as HTMLElement;
  Object.defineProperty(viewport, 'clientHeight', { value: 400 });
  const t0 = performance.now();
  for (let b = 0; b < 20; b++) p.send({ type: 'append', records: Array.from({ length: 5000 }, (_, i) => rec(b * 5000 + i)) });
  await p.frame();
  const elapsed = performance.now() - t0;
  const rows = () => [...p.doc.querySelectorAll('.rows .row')];
  // 400 px of 20 px rows, plus 8 rows of overscan on each side.
  assert.ok(rows().length <= 400 / 20 + 2 * 8 + 1, String(rows().length));
  assert.equal(p.doc.querySelector('.status')?.textContent, '100000 exits');
  assert.equal((p.doc.querySelector('.spacer') as HTMLElement).style.height, `${100000 * 20}px`);
  // The panel followed the tail: the last record is rendered.
  assert.equal(rows().at(-1)?.querySelector('.cell')?.textContent, '99999');
  assert.ok(elapsed < 5000, `${elapsed} ms`);

  viewport.scrollTop = 50000 * 20;
  viewport.dispatchEvent(new p.dom.window.Event('scroll'));
  await p.frame();
  const seqs = rows().map((r) => Number(r.querySelector('.cell')?.textContent));
  assert.equal(seqs[0], 50000 - 8);
  assert.ok(seqs.includes(50000) && seqs.includes(50019));
  assert.ok(rows().length <= 37);
  assert.equal(p.doc.querySelectorAll('.row').length, rows().length + 1);
});

test('trap panel: filters by direction, device and IPA range; bad input is named; clicks and exports post', async () => {
  const p = page('trapPanel', { filter: { device: '', from: '', to: '', direction: '' } });
  p.send({ type: 'reset', records: Array.from({ length: 300 }, (_, i) => rec(i)) });
  await p.frame();
  const status = () => p.doc.querySelector('.status')?.textContent;
  const direction = p.doc.querySelector('select.direction') as HTMLSelectElement;
  direction.value = 'read';
  direction.dispatchEvent(new p.dom.window.Event('change'));
  await p.frame();
  assert.equal(status(), '150 of 300 exits');
  const device = p.doc.querySelector('select.device') as HTMLSelectElement;
  assert.deepEqual([...device.options].map((o) => o.value), ['', 'gicd', 'pl011']);
  device.value = 'gicd';
  device.dispatchEvent(new p.dom.window.Event('change'));
  await p.frame();
  assert.equal(status(), '50 of 300 exits');
  const from = p.doc.querySelector('input.from') as HTMLInputElement;
  from.value = 'not-hex';
  from.dispatchEvent(new p.dom.window.Event('input'));
  await new Promise((r) => setTimeout(r, 200));
  assert.match(p.doc.querySelector('.error')?.textContent ?? '', /^From must be a hex address/);
  assert.equal(status(), '50 of 300 exits');
  from.value = '0x9000000';
  const to = p.doc.querySelector('input.to') as HTMLInputElement;
  to.value = '0x9000010';
  to.dispatchEvent(new p.dom.window.Event('input'));
  await new Promise((r) => setTimeout(r, 200));
  await p.frame();
  assert.equal(p.doc.querySelector('.error')?.textContent, '');
  // Reads (odd seq) of gicd (seq divisible by 3) at IPA 0x9000000 + (seq % 64) * 4 <= 0x9000010: seq % 64 in 0..4.
  const expected = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 2 === 1 && i % 3 === 0 && i % 64 <= 4);
  assert.equal(status(), `${expected.length} of 300 exits`);
  const first = p.doc.querySelector('.rows .row') as HTMLElement;
  assert.equal(first.querySelector('.cell')?.textContent, String(expected[0]));
  first.querySelector('.cell')!.dispatchEvent(new p.dom.window.MouseEvent('click', { bubbles: true }));
  (p.doc.querySelector('button.export-csv') as HTMLElement).click();
  (p.doc.querySelector('button.export-jsonl') as HTMLElement).click();
  const filter = { device: 'gicd', from: '0x9000000', to: '0x9000010', direction: 'read' };
  assert.deepEqual(p.posted.slice(1), [
    { type: 'open', seq: expected[0] },
    { type: 'export', format: 'csv', filter },
    { type: 'export', format: 'jsonl', filter },
  ]);
  // A reset (a new session, or a backfill) shows the new records even where sequence numbers repeat.
  direction.value = '';
  device.value = '';
  from.value = '';
  to.value = '';
  direction.dispatchEvent(new p.dom.window.Event('change'));
  p.send({ type: 'reset', records: [rec(0, { device: 'virtio', value: '0x99' })] });
  await p.frame();
  const cells = [...p.doc.querySelectorAll('.rows .row .cell')].map((c) => c.textContent);
  assert.deepEqual([cells[0], cells[7], cells[10]], ['0', 'virtio', '0x99']);
  p.send({ type: 'reset', records: [] });
  await p.frame();
  assert.equal(p.doc.querySelectorAll('.rows .row').length, 0);
});

test('trap panel: an empty panel says why — no session, no EL2 to exit to, or no exit yet', async () => {
  const p = page('trapPanel');
  await p.frame();
  const empty = () => p.doc.querySelector('.empty')?.textContent;
  assert.equal(empty(), 'Exits to EL2 appear here while a Trapdoor session runs.');
  p.send({ type: 'session', info: { entryEl: 1, hypervisor: 'none', gic: 2, cpus: 1 } });
  await p.frame();
  assert.match(empty() ?? '', /^No exits to record: this guest runs at EL1 with no EL2/);
  p.send({ type: 'session', info: { entryEl: 2, hypervisor: 'none', gic: 3, cpus: 1 } });
  await p.frame();
  assert.equal(empty(), 'No exits yet: they appear as the guest traps to EL2.');
  p.send({ type: 'append', records: [rec(0)] });
  await p.frame();
  assert.equal(empty(), '');
});

const fault = (o: Partial<Stage2FaultView> = {}): Stage2FaultView => ({
  vcpu: 0, insnCount: '1234', el: 1, pc: '0x40080010', esr: '0x93c08006', far: '0x9000000', hpfar: '0x90000', va: '0x9000000',
  ipa: '0x9000000', write: true, regime: 'el10',
  walk: {
    steps: [{ stage: 1, level: 1, table: '0x40100000', address: '0x40100000', descriptor: '0x401' },
      { stage: 2, level: 1, table: '0x47e00000', address: '0x47e00000', descriptor: '0x0' }],
    fault: { type: 'translation', stage: 2, level: 1, s1ptw: false, ipa: '0x9000000' },
  },
  ...o,
});

test('stage-2 inspector: the fault and its walks, the stopping descriptor marked; hostile strings stay text', async () => {
  const p = page('stage2');
  assert.match(p.doc.body.textContent ?? '', /No stage-2 fault yet/);
  p.send({ type: 'fault', fault: fault() });
  const text = () => p.doc.body.textContent ?? '';
  assert.match(text(), /Stage-2 fault: vCPU 0, write of IPA 0x9000000/);
  assert.deepEqual([...p.doc.querySelectorAll('.walk-section h3')].map((h) => h.textContent), ['Stage 1', 'Stage 2 for the output IPA 0x9000000']);
  const stopped = p.doc.querySelectorAll('.step.stopped');
  assert.equal(stopped.length, 1);
  assert.match(stopped[0].textContent ?? '', /Level 1invalid/);
  assert.match(text(), /Translation fault at stage 2 level 1: the descriptor is invalid \(bit 0 clear\)\./);

  const h = HOSTILE.join(' ');
  p.send({ type: 'fault', fault: fault({ pc: h, insnCount: h, esr: h, regime: h as Stage2FaultView['regime'],
    walk: { ...fault().walk, steps: fault().walk.steps.map((s) => ({ ...s, table: h })) } }) });
  p.send({ type: 'translation', access: h, translation: { regime: h, va: h, walk: { steps: [], pa: '0x1' } } });
  assertNothingRan(p);
  for (const s of HOSTILE) assert.ok(text().includes(s), s);
  (p.doc.querySelector('button.translate') as HTMLElement).click();
  assert.deepEqual(p.posted, [{ type: 'ready' }, { type: 'translate' }]);
  p.send({ type: 'clear' });
  assert.match(text(), /No stage-2 fault yet/);
});

test('register page: description, bit map and fields with values; hostile strings stay text', () => {
  const p = page('register');
  const info: RegisterInfoView = {
    name: 'ESR_EL2', description: 'Exception Syndrome Register (EL2)', el: 2, encoding: 'S3_4_C5_C2_0', value: '0x93c08006',
    fields: [
      { name: 'EC', msb: 31, lsb: 26, value: '0x24', meaning: 'Data Abort from a lower Exception level' },
      { name: 'IL', msb: 25, lsb: 25, value: '0x1', meaning: '32-bit instruction' },
      { name: 'ISS', msb: 24, lsb: 0, value: '0x1c08006' },
    ],
  };
  p.send({ type: 'register', info, stopped: true });
  const rows = [...p.doc.querySelectorAll('table.fields tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
  assert.deepEqual(rows, [
    ['EC', '31:26', '0x24', 'Data Abort from a lower Exception level', ''],
    ['IL', '25', '0x1', '32-bit instruction', ''],
    ['ISS', '24:0', '0x1c08006', '', ''],
  ]);
  // The one-bit IL has no room for its name in the map: its tooltip names it.
  assert.deepEqual([...p.doc.querySelectorAll('.bitmap .segment')].map((s) => [s.textContent, s.getAttribute('title')]),
    [['EC', 'EC [31:26]'], ['', 'IL [25]'], ['ISS', 'ISS [24:0]']]);
  (p.doc.querySelector('button.refresh') as HTMLElement).click();
  assert.deepEqual(p.posted, [{ type: 'ready' }, { type: 'refresh' }]);

  const h = HOSTILE.join(' ');
  p.send({ type: 'register', stopped: false, info: { name: h, description: h, encoding: h, fields: [{ name: h, msb: 3, lsb: 0, meaning: h, description: h }] } });
  assertNothingRan(p);
  for (const s of HOSTILE) assert.ok((p.doc.body.textContent ?? '').includes(s), s);
  assert.match(p.doc.body.textContent ?? '', /Values appear while the guest is stopped/);
});
