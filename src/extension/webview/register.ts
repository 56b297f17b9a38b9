/// <reference lib="dom" />
// The register page's webview script: one system register from `trapdoor/registerInfo` — what it is, who owns it,
// its encoding, and every field with its bits, current value and meaning.
import type { RegisterInfoView } from '../contract';
import type { RegisterIn, RegisterOut, WebviewApi } from './messages';
import { el, textTable } from './dom';
import { registerLayout } from '../registerInfo';

declare function acquireVsCodeApi(): WebviewApi<RegisterOut, undefined>;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;

function show(info: RegisterInfoView, stopped: boolean): void {
  const layout = registerLayout(info);
  const head = el('header');
  head.append(el('h1', undefined, info.name), el('p', 'description', info.description));
  const facts = el('dl', 'kv');
  for (const [k, v] of layout.facts) facts.append(el('dt', undefined, k), el('dd', undefined, v));
  head.append(facts);
  const refresh = el('button', 'refresh', 'Refresh');
  refresh.title = 'Read the register again';
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  if (stopped) head.append(refresh);
  const bitmap = el('div', 'bitmap');
  for (const seg of layout.segments) {
    // A field of one or two bits has no room for its name in the map: the tooltip and the table below give it.
    const cell = el('div', seg.name ? 'segment' : 'segment res', seg.width < 3 ? '' : seg.name || '—');
    cell.title = seg.name ? `${seg.name} [${seg.bits}]` : `[${seg.bits}] reserved`;
    cell.style.flexGrow = String(seg.width);
    bitmap.append(cell);
  }
  root.replaceChildren(head, el('h2', undefined, 'Fields'), bitmap,
    textTable('fields', ['Field', 'Bits', 'Value', 'Meaning', 'Description'], layout.rows));
  if (!info.value) root.append(el('p', 'note', 'Values appear while the guest is stopped.'));
}

window.addEventListener('message', (e: MessageEvent<RegisterIn>) => {
  if (e.data.type === 'register') show(e.data.info, e.data.stopped);
});

vscode.postMessage({ type: 'ready' });
