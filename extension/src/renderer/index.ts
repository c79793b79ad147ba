// Notebook renderer for `application/vnd.loch.arrow` outputs: Arrow IPC bytes, shown as a grid.
// Runs in the notebook's webview (browser, ES module). Values are written as text nodes only:
// a cell value is data, never markup.
import { tableFromIPC } from 'apache-arrow';

interface OutputItem {
  data(): Uint8Array;
  mime: string;
}

interface RendererContext {
  postMessage?: (m: unknown) => void;
}

export function renderArrowTable(element: HTMLElement, bytes: Uint8Array, maxRows = 1000): void {
  element.replaceChildren();
  const table = tableFromIPC(bytes);
  const wrap = document.createElement('div');
  wrap.className = 'loch-grid';
  wrap.style.overflow = 'auto';
  wrap.style.maxHeight = '400px';
  const t = document.createElement('table');
  t.style.borderCollapse = 'collapse';
  t.style.fontFamily = 'var(--vscode-editor-font-family, monospace)';
  const head = t.createTHead().insertRow();
  for (const f of table.schema.fields) {
    const th = document.createElement('th');
    th.textContent = f.name;
    th.title = String(f.type);
    th.style.textAlign = 'left';
    th.style.padding = '2px 8px';
    th.style.borderBottom = '1px solid var(--vscode-panel-border, #888)';
    head.appendChild(th);
  }
  const body = t.createTBody();
  const n = Math.min(table.numRows, maxRows);
  for (let i = 0; i < n; i++) {
    const row = body.insertRow();
    const r = table.get(i);
    for (const f of table.schema.fields) {
      const td = row.insertCell();
      td.style.padding = '2px 8px';
      const v: unknown = r?.[f.name];
      td.textContent =
        v === null || v === undefined ? 'NULL' : typeof v === 'bigint' ? v.toString() : String(v);
    }
  }
  wrap.appendChild(t);
  const foot = document.createElement('div');
  foot.className = 'loch-grid-footer';
  foot.textContent = `${table.numRows} row${table.numRows === 1 ? '' : 's'}${table.numRows > n ? ` (first ${n} shown)` : ''}`;
  element.append(wrap, foot);
}

export const activate = (_ctx: RendererContext) => ({
  renderOutputItem(item: OutputItem, element: HTMLElement) {
    try {
      renderArrowTable(element, item.data());
    } catch (e) {
      element.textContent = `Loch could not render this result: ${(e as Error).message}`;
    }
  },
});
