// The result view JupyterLab shows under a SQL cell, in the console and for Arrow outputs:
// a stats line, a grid and a chart below it, read from the Arrow table. Every value reaches the DOM as
// text (textContent), never as markup, so hostile values render as text and nothing executes.
// It is deliberately small: the shared results viewer (shared/src/results) replaces it when
// mounted through `mountResult` in view.ts.
import { DataType, type Table } from 'apache-arrow';

const GRID_ROWS = 500;
const CHART_BARS = 40;

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) {
    return `0x${[...value].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  }
  if (typeof value === 'object') {
    const json = (value as { toJSON?: () => unknown }).toJSON?.() ?? value;
    return JSON.stringify(json, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }
  return String(value);
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function isNumeric(type: DataType): boolean {
  return DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type);
}

/** A bar chart of the first numeric column by the first other column (row order). */
function chart(table: Table): SVGSVGElement | undefined {
  const fields = table.schema.fields;
  const y = fields.findIndex((f) => isNumeric(f.type));
  if (y < 0 || table.numRows === 0) return undefined;
  const x = fields.findIndex((_f, i) => i !== y);
  const n = Math.min(table.numRows, CHART_BARS);
  const ys = table.getChildAt(y)!;
  const xs = x >= 0 ? table.getChildAt(x)! : undefined;
  const values = Array.from({ length: n }, (_v, i) => Number(ys.get(i) ?? 0));
  const max = Math.max(...values.map(Math.abs), 1e-9);
  const ns = 'http://www.w3.org/2000/svg';
  const w = 640;
  const h = 220;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('class', 'loch-chart');
  svg.setAttribute('role', 'img');
  const title = document.createElementNS(ns, 'title');
  title.textContent = `${fields[y]!.name}${xs ? ` by ${fields[x]!.name}` : ''}`;
  svg.appendChild(title);
  const band = w / n;
  values.forEach((v, i) => {
    const r = document.createElementNS(ns, 'rect');
    const bh = (Math.abs(v) / max) * (h - 20);
    r.setAttribute('x', String(i * band + 1));
    r.setAttribute('y', String(h - 20 - bh));
    r.setAttribute('width', String(Math.max(band - 2, 1)));
    r.setAttribute('height', String(bh));
    r.setAttribute('class', 'loch-chart-bar');
    const tip = document.createElementNS(ns, 'title');
    tip.textContent = `${xs ? cellText(xs.get(i)) : i + 1}: ${cellText(ys.get(i))}`;
    r.appendChild(tip);
    svg.appendChild(r);
  });
  return svg;
}

/** Renders `table` into `host` (replacing its content). */
export function renderSimpleView(host: HTMLElement, table: Table, caption?: string): void {
  host.replaceChildren();
  host.classList.add('loch-result');
  const stats = el(
    'div',
    'loch-result-stats',
    `${table.numRows.toLocaleString('en-US')} rows × ${table.numCols} columns${caption ? ` · ${caption}` : ''}`,
  );
  host.appendChild(stats);
  const gridBox = el('div', 'loch-grid-box');
  const grid = el('table', 'loch-grid');
  const head = el('tr');
  for (const f of table.schema.fields) {
    const th = el('th', undefined, f.name);
    th.title = String(f.type);
    head.appendChild(th);
  }
  grid.appendChild(el('thead')).appendChild(head);
  const body = grid.appendChild(el('tbody'));
  const shown = Math.min(table.numRows, GRID_ROWS);
  const columns = table.schema.fields.map((_f, i) => table.getChildAt(i)!);
  for (let r = 0; r < shown; r++) {
    const tr = el('tr');
    for (const c of columns) tr.appendChild(el('td', undefined, cellText(c.get(r))));
    body.appendChild(tr);
  }
  gridBox.appendChild(grid);
  if (table.numRows > shown) {
    gridBox.appendChild(el('div', 'loch-result-more', `first ${shown} of ${table.numRows} rows`));
  }
  host.appendChild(gridBox);

  const chartBox = el('div', 'loch-chart-box');
  const svg = chart(table);
  if (svg) chartBox.appendChild(svg);
  else chartBox.appendChild(el('div', 'loch-result-more', 'no numeric column to chart'));
  host.appendChild(chartBox);
}
