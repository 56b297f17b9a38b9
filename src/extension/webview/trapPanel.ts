/// <reference lib="dom" />
// The MMIO trap panel's webview script: a filterable list of trap records that renders only the rows in view
// (fixed row height, a spacer for the full height), so 100,000 records cost the DOM a few dozen rows. Every
// guest-controlled string goes in as text (textContent, or a Text node's data), never as markup.
import type { SessionInfoView, TrapRecordView } from '../contract';
import { matches, NO_FILTER, parseFilter, TRAP_COLUMNS, TRAP_LIMIT, TRAP_LIMIT_SLACK, type TrapFilter, type TrapFilterInput } from '../trapTable';
import type { TrapPanelIn, TrapPanelOut, WebviewApi } from './messages';
import { el, schedule } from './dom';

declare function acquireVsCodeApi(): WebviewApi<TrapPanelOut, { filter: TrapFilterInput }>;

/** Pixels per row; media/webview.css gives .row the same height (and .rows the header's as its top). */
const ROW_HEIGHT = 20;
/** Rows rendered above and below the visible ones, so that a small scroll shows no blank band. */
const OVERSCAN = 8;
/** Viewport height assumed before layout has given one. */
const FALLBACK_HEIGHT = 600;

const vscode = acquireVsCodeApi();
const records: TrapRecordView[] = [];
/** Indices into `records` of the rows passing the filter. */
let shown: number[] = [];
let filterInput: TrapFilterInput = vscode.getState()?.filter ?? NO_FILTER;
let filter: TrapFilter = (() => { const f = parseFilter(filterInput); return typeof f === 'string' ? {} : f; })();
const devices = new Set<string>();
let selectedSeq = -1;
/** Records dropped from the front (TRAP_LIMIT). */
let dropped = 0;
let session: SessionInfoView | undefined;

const root = document.getElementById('root') as HTMLElement;
const toolbar = el('div', 'toolbar');
const deviceSelect = el('select', 'device') as HTMLSelectElement;
deviceSelect.title = 'Device';
const fromInput = el('input', 'from') as HTMLInputElement;
fromInput.placeholder = 'IPA from';
fromInput.title = 'Lowest IPA shown (hex)';
const toInput = el('input', 'to') as HTMLInputElement;
toInput.placeholder = 'IPA to';
toInput.title = 'Highest IPA shown (hex)';
const directionSelect = el('select', 'direction') as HTMLSelectElement;
directionSelect.title = 'Direction';
for (const [value, label] of [['', 'read & write'], ['read', 'read'], ['write', 'write']]) {
  const o = el('option') as HTMLOptionElement;
  o.value = value;
  o.textContent = label;
  directionSelect.append(o);
}
const status = el('span', 'status');
const empty = el('p', 'empty');
const error = el('span', 'error');
const csvButton = el('button', 'export-csv', 'CSV');
csvButton.title = 'Export the rows shown as CSV';
const jsonlButton = el('button', 'export-jsonl', 'JSONL');
jsonlButton.title = 'Export the rows shown as JSON Lines';
toolbar.append(deviceSelect, fromInput, toInput, directionSelect, csvButton, jsonlButton, status, error);

const header = el('div', 'row header');
const viewport = el('div', 'viewport');
const spacer = el('div', 'spacer');
const body = el('div', 'rows');
// The header scrolls sideways with the rows and stays at the top (sticky); the rows sit below it.
viewport.append(header, spacer, body);
root.append(toolbar, empty, viewport);

const gridColumns = TRAP_COLUMNS.map((c) => `${c.width}ch`).join(' ');
header.style.gridTemplateColumns = gridColumns;
for (const c of TRAP_COLUMNS) header.append(el('span', 'cell', c.title));

fromInput.value = filterInput.from;
toInput.value = filterInput.to;
directionSelect.value = filterInput.direction;
refreshDevices();

/** The pool of row elements, reused as the view scrolls, each with the text node of every cell: rendering a row
 * sets those nodes' data, which is never parsed as markup and costs less than replacing the cells' children. */
const pool: { row: HTMLElement; texts: Text[] }[] = [];

function rowElement(i: number): { row: HTMLElement; texts: Text[] } {
  let entry = pool[i];
  if (!entry) {
    const row = el('div', 'row');
    row.style.gridTemplateColumns = gridColumns;
    row.style.height = `${ROW_HEIGHT}px`;
    row.tabIndex = 0;
    const texts: Text[] = [];
    for (let c = 0; c < TRAP_COLUMNS.length; c++) {
      const cell = el('span', 'cell');
      const t = document.createTextNode('');
      cell.append(t);
      row.append(cell);
      texts.push(t);
    }
    entry = pool[i] = { row, texts };
  }
  return entry;
}

function render(): void {
  spacer.style.height = `${shown.length * ROW_HEIGHT}px`;
  const height = viewport.clientHeight || FALLBACK_HEIGHT;
  const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((viewport.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  body.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
  const count = Math.max(0, last - first);
  for (let i = 0; i < count; i++) {
    const r = records[shown[first + i]];
    const { row, texts } = rowElement(i);
    row.classList.toggle('selected', r.seq === selectedSeq);
    const seq = String(r.seq);
    if (row.dataset.seq !== seq) {
      row.dataset.seq = seq;
      row.classList.toggle('write', r.direction === 'write');
      row.title = r.source ? `${r.source.path}:${r.source.line}` : 'Open the disassembly at this PC';
      for (let c = 0; c < TRAP_COLUMNS.length; c++) texts[c].data = TRAP_COLUMNS[c].text(r);
    }
    if (row.parentNode !== body) body.append(row);
  }
  while (body.children.length > count) body.lastElementChild!.remove();
  const total = shown.length === records.length ? `${records.length} exits` : `${shown.length} of ${records.length} exits`;
  status.textContent = dropped ? `${total} (the newest; ${dropped} older dropped)` : total;
  empty.textContent = records.length === 0 ? emptyText() : '';
}

let renderPending = false;
function requestRender(): void {
  if (renderPending) return;
  renderPending = true;
  schedule(() => { renderPending = false; render(); });
}

function atBottom(): boolean {
  const height = viewport.clientHeight || FALLBACK_HEIGHT;
  return viewport.scrollTop + height >= shown.length * ROW_HEIGHT - ROW_HEIGHT;
}

function refreshDevices(): void {
  const current = filterInput.device;
  deviceSelect.replaceChildren();
  const any = el('option', undefined, 'all devices') as HTMLOptionElement;
  any.value = '';
  deviceSelect.append(any);
  const names = [...devices];
  if (current && !devices.has(current)) names.push(current);
  for (const d of names.sort()) {
    const o = el('option', undefined, d) as HTMLOptionElement;
    o.value = d;
    deviceSelect.append(o);
  }
  deviceSelect.value = current;
}

function add(batch: readonly TrapRecordView[]): void {
  const follow = atBottom();
  let newDevice = false;
  for (const r of batch) {
    if (r.device !== undefined && !devices.has(r.device)) { devices.add(r.device); newDevice = true; }
    if (matches(filter, r)) shown.push(records.length);
    records.push(r);
  }
  if (newDevice) refreshDevices();
  if (records.length > TRAP_LIMIT + TRAP_LIMIT_SLACK) dropOldest(records.length - TRAP_LIMIT);
  spacer.style.height = `${shown.length * ROW_HEIGHT}px`;
  if (follow) viewport.scrollTop = shown.length * ROW_HEIGHT;
  requestRender();
}

/** Keeps the newest records, as the host's TrapStore does, and the rows shown among them. */
function dropOldest(n: number): void {
  records.splice(0, n);
  dropped += n;
  const kept: number[] = [];
  for (const i of shown) if (i >= n) kept.push(i - n);
  shown = kept;
}

/** Why there is nothing to show: exits to EL2 exist only with an EL2 to take them. */
function emptyText(): string {
  if (session && session.hypervisor !== 'builtin' && session.entryEl < 2) {
    return 'No exits to record: this guest runs at EL1 with no EL2. Launch it with "hypervisor": "builtin", or start your own hypervisor with "entryEl": 2.';
  }
  return session ? 'No exits yet: they appear as the guest traps to EL2.' : 'Exits to EL2 appear here while a Trapdoor session runs.';
}

function applyFilter(): void {
  const next: TrapFilterInput = {
    device: deviceSelect.value, from: fromInput.value, to: toInput.value,
    direction: directionSelect.value as TrapFilterInput['direction'],
  };
  const parsed = parseFilter(next);
  if (typeof parsed === 'string') { error.textContent = parsed; return; }
  error.textContent = '';
  filterInput = next;
  filter = parsed;
  vscode.setState({ filter: filterInput });
  shown = [];
  for (let i = 0; i < records.length; i++) if (matches(filter, records[i])) shown.push(i);
  viewport.scrollTop = 0;
  requestRender();
}

let filterTimer: ReturnType<typeof setTimeout> | undefined;
const applyFilterSoon = (): void => { clearTimeout(filterTimer); filterTimer = setTimeout(applyFilter, 150); };
fromInput.addEventListener('input', applyFilterSoon);
toInput.addEventListener('input', applyFilterSoon);
deviceSelect.addEventListener('change', applyFilter);
directionSelect.addEventListener('change', applyFilter);
viewport.addEventListener('scroll', requestRender);
csvButton.addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'csv', filter: filterInput }));
jsonlButton.addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'jsonl', filter: filterInput }));

function open(target: EventTarget | null): void {
  const row = (target as HTMLElement | null)?.closest?.('.row') as HTMLElement | null;
  if (!row || row.dataset.seq === undefined) return;
  selectedSeq = Number(row.dataset.seq);
  vscode.postMessage({ type: 'open', seq: selectedSeq });
  requestRender();
}
body.addEventListener('click', (e) => open(e.target));
body.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(e.target); });

window.addEventListener('message', (e: MessageEvent<TrapPanelIn>) => {
  const m = e.data;
  if (m.type === 'reset') {
    records.length = 0;
    shown = [];
    devices.clear();
    selectedSeq = -1;
    dropped = 0;
    viewport.scrollTop = 0;
    // A new session numbers from 0 again and a backfill changes outcomes: no pooled row's text is current.
    for (const p of pool) delete p.row.dataset.seq;
    refreshDevices();
    add(m.records);
  } else if (m.type === 'append') {
    add(m.records);
  } else {
    session = m.info;
    requestRender();
  }
});

requestRender();
vscode.postMessage({ type: 'ready' });
