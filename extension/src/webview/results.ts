// The results panel's page script (browser, ES module, strict CSP: no inline script or eval).
// A grid of the Arrow result, written as text nodes only, and a bar chart of the first label
// column against the first numeric column.
import { tableFromIPC, type Table } from 'apache-arrow';
import { renderArrowTable } from '../renderer/index';

interface VsCodeApi {
  postMessage(m: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('loch-results')!;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const SVG = 'http://www.w3.org/2000/svg';

/** A small SVG bar chart (no script, no markup from data: labels are text nodes). */
function barChart(table: Table): SVGSVGElement | undefined {
  const fields = table.schema.fields;
  const numeric = fields.find((f) => /Int|Float|Decimal/.test(String(f.type)));
  const label = fields.find((f) => f !== numeric);
  if (!numeric || table.numRows === 0) return undefined;
  const n = Math.min(table.numRows, 50);
  const values: number[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = table.get(i);
    values.push(Number(row?.[numeric.name] ?? 0));
    labels.push(label ? String(row?.[label.name] ?? '') : String(i + 1));
  }
  const max = Math.max(...values.map(Math.abs), 1);
  const w = 640;
  const h = 200;
  const bw = w / n;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'loch-chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('viewBox', `0 0 ${w} ${h + 20}`);
  svg.setAttribute('width', String(w));
  const title = document.createElementNS(SVG, 'title');
  title.textContent = `${numeric.name}${label ? ` by ${label.name}` : ''}`;
  svg.appendChild(title);
  values.forEach((v, i) => {
    const r = document.createElementNS(SVG, 'rect');
    const bh = (Math.abs(v) / max) * h;
    r.setAttribute('x', String(i * bw + 1));
    r.setAttribute('y', String(h - bh));
    r.setAttribute('width', String(Math.max(bw - 2, 1)));
    r.setAttribute('height', String(bh));
    r.setAttribute('fill', 'var(--vscode-charts-blue, #3794ff)');
    const t = document.createElementNS(SVG, 'title');
    t.textContent = `${labels[i]}: ${v}`;
    r.appendChild(t);
    svg.appendChild(r);
  });
  return svg;
}

interface ResultMessage {
  type: 'result';
  title: string;
  sql: string;
  ref: string;
  queryId: string;
  ipc: Uint8Array;
  rowCount: number;
  truncated: boolean;
  elapsedMs: number;
}
interface StatusMessage {
  type: 'status';
  text: string;
  kind: string;
}

function showResult(m: ResultMessage): void {
  root.replaceChildren();
  const head = el('div', 'loch-results-header');
  head.append(
    el('strong', 'loch-results-title', m.title),
    el(
      'span',
      'loch-results-meta',
      ` · ${m.ref} · ${m.rowCount} row${m.rowCount === 1 ? '' : 's'} · ${m.elapsedMs} ms · ${m.queryId}`,
    ),
  );
  const grid = el('div', 'loch-results-grid');
  renderArrowTable(grid, m.ipc);
  root.append(head, grid);
  const chart = barChart(tableFromIPC(m.ipc));
  if (chart) {
    const box = el('div', 'loch-results-chart');
    box.appendChild(chart);
    root.appendChild(box);
  }
}

window.addEventListener('message', (ev: MessageEvent<ResultMessage | StatusMessage>) => {
  const m = ev.data;
  try {
    if (m.type === 'result') showResult(m);
    else if (m.type === 'status')
      root.replaceChildren(el('div', `loch-status loch-status-${m.kind}`, m.text));
  } catch (e) {
    vscode.postMessage({ type: 'log', text: (e as Error).message });
    root.replaceChildren(
      el(
        'div',
        'loch-status loch-status-error',
        `Cannot show this result: ${(e as Error).message}`,
      ),
    );
  }
});
vscode.postMessage({ type: 'ready' });
