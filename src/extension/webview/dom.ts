/// <reference lib="dom" />
// DOM helpers for the webview scripts: elements are made with their text as textContent, so no string from the
// guest or the adapter is ever parsed as HTML.

export function el(tag: string, className?: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A table of rows of text cells, the first row a header. */
export function textTable(className: string, head: readonly string[], rows: readonly (readonly string[])[]): HTMLElement {
  const table = el('table', className);
  const thead = el('thead');
  const tr = el('tr');
  for (const h of head) tr.append(el('th', undefined, h));
  thead.append(tr);
  const tbody = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    for (const c of r) row.append(el('td', undefined, c));
    tbody.append(row);
  }
  table.append(thead, tbody);
  return table;
}

/** Runs `f` before the next paint (or soon, where there is no animation frame). */
export function schedule(f: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => f());
  else setTimeout(f, 16);
}
