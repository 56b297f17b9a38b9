/// <reference lib="dom" />
// The stage-2 inspector's webview script: the latest stage-2 fault and the last translation asked for, each drawn
// as its walks level by level (descriptor, decoded fields) with where the walk stopped and why.
import type { Stage2FaultView, TranslationView, WalkView } from '../contract';
import { decodeWalk, parseRegime } from '../walkView';
import type { Stage2In, Stage2Out, WebviewApi } from './messages';
import { el, textTable } from './dom';

declare function acquireVsCodeApi(): WebviewApi<Stage2Out, undefined>;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;
const toolbar = el('div', 'toolbar');
const translateButton = el('button', 'translate', 'Translate Address…');
translateButton.title = 'Trapdoor: Translate Address…';
translateButton.addEventListener('click', () => vscode.postMessage({ type: 'translate' }));
toolbar.append(translateButton);
const faultSection = el('section', 'fault');
const translationSection = el('section', 'translation');
root.append(toolbar, faultSection, translationSection);
showEmpty();

function showEmpty(): void {
  faultSection.replaceChildren(el('p', 'empty', 'No stage-2 fault yet. One appears here when a guest access faults at stage 2 (an exit to EL2 with EC 0x20 or 0x24).'));
  translationSection.replaceChildren();
}

const keyValues = (pairs: readonly (readonly [string, string | undefined])[]): HTMLElement => {
  const dl = el('dl', 'kv');
  for (const [k, v] of pairs) {
    if (v === undefined) continue;
    dl.append(el('dt', undefined, k), el('dd', undefined, v));
  }
  return dl;
};

const REGIME_TEXT: Record<string, string> = { el10: 'EL1&0', el20: 'EL2&0', el2: 'EL2', el3: 'EL3' };
const regimeText = (r: string): string => REGIME_TEXT[parseRegime(r) ?? ''] ?? r;

/** The walks of one record, then its outcome. */
function walkElement(walk: WalkView, regime: string): HTMLElement {
  const decoded = decodeWalk(walk, parseRegime(regime));
  const box = el('div', 'walk');
  for (const s of decoded.sections) {
    const sec = el('div', 'walk-section');
    sec.append(el('h3', undefined, s.title));
    for (const row of s.rows) {
      const step = el('div', row.stopped ? 'step stopped' : 'step');
      const head = el('div', 'step-head');
      head.append(el('span', 'level', `Level ${row.level}`), el('span', 'kind', row.kind),
        el('span', 'addr', `table ${row.table}`), el('span', 'addr', `descriptor at ${row.address}`),
        el('span', 'desc', row.descriptor));
      if (row.stopped) head.append(el('span', 'stop-mark', 'stopped here'));
      step.append(head, textTable('fields', ['Field', 'Bits', 'Value', 'Meaning'],
        row.fields.map((f) => [f.name, f.bits, f.value, f.meaning])));
      sec.append(step);
    }
    box.append(sec);
  }
  if (decoded.sections.length === 0) box.append(el('p', 'empty', 'No descriptor was read.'));
  const outcome = el('div', decoded.outcome.ok ? 'outcome ok' : 'outcome failed');
  outcome.append(el('p', 'summary', decoded.outcome.summary), keyValues(decoded.outcome.details.map((d) => [d.name, d.value])));
  box.append(outcome);
  return box;
}

function showFault(f: Stage2FaultView): void {
  faultSection.replaceChildren(
    el('h2', undefined, `Stage-2 fault: vCPU ${f.vcpu}, ${f.write ? 'write' : 'read'} of IPA ${f.ipa}`),
    keyValues([
      ['PC', `${f.pc} (EL${f.el})`], ['Instructions', f.insnCount], ['Regime', regimeText(f.regime)], ['VA', f.va], ['IPA', f.ipa],
      ['PA', f.pa], ['ESR_EL2', f.esr], ['FAR_EL2', f.far], ['HPFAR_EL2', f.hpfar],
    ]),
    walkElement(f.walk, f.regime),
  );
}

function showTranslation(t: TranslationView, access: string): void {
  translationSection.replaceChildren(
    el('h2', undefined, `Translation of ${t.va} (${regimeText(t.regime)}, ${access})`),
    walkElement(t.walk, t.regime),
  );
}

window.addEventListener('message', (e: MessageEvent<Stage2In>) => {
  const m = e.data;
  if (m.type === 'fault') showFault(m.fault);
  else if (m.type === 'translation') showTranslation(m.translation, m.access);
  else showEmpty();
});

vscode.postMessage({ type: 'ready' });
