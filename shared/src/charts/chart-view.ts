// The chart panel: encodings the user can edit, the chart drawn by vega-embed with vega's
// CSP-safe expression interpreter (no eval, no `new Function`), the generated pushdown SQL in
// plain view, and PNG/SVG/spec export. It never fetches: pushed-down queries are requested
// from the host through `requestQuery` and their Arrow rows come back to `receive`.
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';
import { tableFromIPC, type Table } from 'apache-arrow';
import { arrowToVegaRows, type VegaRow } from './arrow-rows';
import { inferChart } from './infer';
import { parseStats } from './pushdown';
import { DATASET, aggregatedSpec, rawSpec } from './spec';
import {
  AGGREGATES,
  CHART_KINDS,
  DEFAULT_MARK_THRESHOLD,
  type ChartEncoding,
  type ChartField,
  type Extent,
} from './types';
import { make } from '../results/dom';
import type { ChartRequest, ResultView } from '../results/messages';
import { chartSql } from '../viewer/follow-up-sql';

export interface ChartSource {
  /** The statement the result came from (pushdown wraps it). */
  sql: string;
  /** The sort/filter pushed into Trino that the chart is of. */
  view: ResultView;
  fields: ChartField[];
  /** All rows are loaded and few enough to draw without Trino aggregating them. */
  localTable?: Table;
}

export interface ChartViewHost {
  /** Asks the host to run a chart query (built by the core from `request`, never sent as SQL). */
  requestQuery(requestId: string, view: ResultView, request: ChartRequest): void;
  saveFile(name: string, mimeType: string, data: ArrayBuffer): void;
}

let nextRequest = 0;

export class ChartView {
  readonly root = make('div', 'loch-chart');
  private readonly controls = make('div', 'loch-chart-controls');
  private readonly canvas = make('div', 'loch-chart-canvas');
  private readonly status = make('div', 'loch-chart-status');
  private readonly sqlBox = make('pre', 'loch-chart-sql');
  private source: ChartSource | undefined;
  private encoding: ChartEncoding | undefined;
  private extent: Extent | undefined;
  private pendingRequest: string | undefined;
  /** Column ranges from SHOW STATS for the current source (empty when Trino had none). */
  private bounds: Map<string, Extent> | undefined;
  private pendingStats: string | undefined;
  private embedded: Result | undefined;
  private spec: TopLevelSpec | undefined;
  private rows: VegaRow[] = [];
  threshold = DEFAULT_MARK_THRESHOLD;
  /** Called after each chart is painted (tests and the benchmark wait for it). */
  onPainted: ((info: { kind: string; marks: number; pushedDown: boolean }) => void) | undefined;

  constructor(private readonly host: ChartViewHost) {
    this.status.setAttribute('role', 'status');
    const sqlLabel = make('details', 'loch-chart-sql-box');
    sqlLabel.append(make('summary', '', 'Generated SQL'), this.sqlBox);
    this.root.append(this.controls, this.status, this.canvas, sqlLabel);
  }

  /** A new result to chart: infers the encoding from its schema. */
  setSource(source: ChartSource, rowCount?: number): void {
    this.source = source;
    this.extent = undefined;
    this.bounds = undefined;
    this.pendingStats = undefined;
    this.encoding = inferChart(source.fields, { rowCount, threshold: this.threshold });
    this.renderControls();
    void this.draw();
  }

  setEncoding(encoding: ChartEncoding): void {
    this.encoding = encoding;
    this.extent = undefined;
    this.renderControls();
    void this.draw();
  }

  get currentEncoding(): ChartEncoding | undefined {
    return this.encoding;
  }

  /** The SQL of the last pushed-down query, as shown to the user. */
  get generatedSql(): string {
    return this.sqlBox.textContent ?? '';
  }

  private renderControls(): void {
    this.controls.replaceChildren();
    const src = this.source;
    const enc = this.encoding;
    if (!src || !enc) {
      this.status.textContent = 'Nothing to chart in this result.';
      return;
    }
    const names = src.fields.map((f) => f.name);
    const select = (
      label: string,
      value: string,
      options: readonly string[],
      allowNone: boolean,
      set: (v: string | undefined) => void,
    ) => {
      const wrap = make('label', 'loch-chart-field', label);
      const s = make('select', '');
      s.setAttribute('aria-label', label);
      s.dataset.encoding = label.toLowerCase();
      if (allowNone) s.append(new Option('(none)', ''));
      for (const o of options) s.append(new Option(o, o));
      s.value = value;
      s.addEventListener('change', () => set(s.value === '' ? undefined : s.value));
      wrap.append(s);
      this.controls.append(wrap);
    };
    select('Mark', enc.kind, CHART_KINDS, false, (v) =>
      this.setEncoding({ ...enc, kind: v as ChartEncoding['kind'] }),
    );
    select('X', enc.x, names, false, (v) => this.setEncoding({ ...enc, x: v! }));
    select('Y', enc.y ?? '', names, true, (v) => this.setEncoding({ ...enc, y: v }));
    select('Color', enc.color ?? '', names, true, (v) => this.setEncoding({ ...enc, color: v }));
    select('Aggregate', enc.aggregate, AGGREGATES, false, (v) =>
      this.setEncoding({ ...enc, aggregate: v as ChartEncoding['aggregate'] }),
    );
    const reset = make('button', 'loch-button', 'Reset zoom');
    reset.addEventListener('click', () => {
      this.extent = undefined;
      void this.draw();
    });
    const exports: [string, () => void][] = [
      ['PNG', () => void this.exportPng()],
      ['SVG', () => void this.exportSvg()],
      ['Spec', () => this.exportSpec()],
    ];
    this.controls.append(reset);
    for (const [label, run] of exports) {
      const b = make('button', 'loch-button', `Export ${label}`);
      b.dataset.export = label.toLowerCase();
      b.addEventListener('click', run);
      this.controls.append(b);
    }
  }

  /** Draws from local rows when the whole result is loaded and small, else asks Trino. */
  private async draw(): Promise<void> {
    const src = this.source;
    const enc = this.encoding;
    if (!src || !enc) return;
    if (src.localTable && src.localTable.numRows <= this.threshold && !this.extent) {
      this.sqlBox.textContent = '(drawn from the loaded rows: no query)';
      this.pendingRequest = undefined;
      // Rows are keyed c0, c1, ... so a column name (any text) is never read as a field path.
      const names = src.localTable.schema.fields.map((f) => f.name);
      const key = (name: string | undefined) =>
        name === undefined ? undefined : `c${names.indexOf(name)}`;
      const keyed: ChartEncoding = { ...enc, x: key(enc.x)!, y: key(enc.y), color: key(enc.color) };
      const titleOf = (k: string) => names[Number(k.slice(1))] ?? k;
      await this.paint(
        rawSpec(keyed, titleOf),
        arrowToVegaRows(src.localTable, (i) => `c${i}`),
        false,
      );
      return;
    }
    if (this.pendingStats) return; // draws with the current encoding when statistics arrive
    if (!this.bounds && enc.kind !== 'bar' && enc.kind !== 'scatter') {
      // Binning needs the data's range: ask the statistics first (no scan) so the aggregating
      // query reads the rows once instead of twice.
      const statsId = `stats-${++nextRequest}`;
      this.pendingStats = statsId;
      this.pendingRequest = undefined;
      this.status.textContent = 'Reading table statistics…';
      this.host.requestQuery(statsId, src.view, { kind: 'stats' });
      return;
    }
    const request: ChartRequest = {
      kind: 'aggregate',
      encoding: enc,
      threshold: this.threshold,
      extent: this.extent,
      bounds: this.bounds && [...this.bounds],
    };
    const requestId = `chart-${++nextRequest}`;
    this.pendingRequest = requestId;
    // The same text the backend builds and runs from the request.
    this.sqlBox.textContent = chartSql(src.sql, src.view, request);
    this.status.textContent = 'Aggregating in Trino…';
    this.host.requestQuery(requestId, src.view, request);
  }

  /** Rows of a pushed-down query; stale answers (an encoding changed since) are dropped. */
  receive(requestId: string, ipc: ArrayBuffer): void {
    if (requestId === this.pendingStats) {
      this.pendingStats = undefined;
      this.bounds = parseStats(arrowToVegaRows(tableFromIPC(new Uint8Array(ipc))));
      void this.draw();
      return;
    }
    if (requestId !== this.pendingRequest || !this.encoding) return;
    this.pendingRequest = undefined;
    const table = tableFromIPC(new Uint8Array(ipc));
    void this.paint(aggregatedSpec(this.encoding), arrowToVegaRows(table), true);
  }

  fail(requestId: string, message: string): void {
    if (requestId === this.pendingStats) {
      // No statistics for this statement (Trino refuses SHOW STATS for complex queries):
      // the aggregating query scans for the range itself.
      this.pendingStats = undefined;
      this.bounds = new Map();
      void this.draw();
      return;
    }
    if (requestId !== this.pendingRequest) return;
    this.pendingRequest = undefined;
    this.status.textContent = `Chart query failed: ${message}`;
  }

  handles(requestId: string): boolean {
    return requestId === this.pendingRequest || requestId === this.pendingStats;
  }

  private async paint(spec: TopLevelSpec, rows: VegaRow[], pushedDown: boolean): Promise<void> {
    this.embedded?.finalize();
    this.spec = spec;
    this.rows = rows;
    this.embedded = await embed(this.canvas, spec, {
      actions: false,
      renderer: 'canvas',
      defaultStyle: false,
      tooltip: false,
      ast: true,
      expr: expressionInterpreter,
      config: themeConfig(this.root),
    });
    const view = this.embedded.view;
    view.data(DATASET, rows);
    await view.runAsync();
    this.watchBrush(pushedDown);
    this.status.textContent = pushedDown
      ? `${rows.length} marks aggregated by Trino${this.extent ? ' (zoomed)' : ''}`
      : `${rows.length} rows drawn`;
    this.onPainted?.({ kind: this.encoding!.kind, marks: rows.length, pushedDown });
  }

  // Brushing a histogram or time axis zooms: the brushed range becomes the extent of a new
  // pushed-down query, so the finer bins come from all rows, not from the coarse ones drawn.
  private watchBrush(pushedDown: boolean): void {
    const view = this.embedded?.view;
    const enc = this.encoding;
    if (!view || !pushedDown || !enc || (enc.kind !== 'line' && enc.kind !== 'histogram')) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      view.addSignalListener('brush', (_name, value: unknown) => {
        clearTimeout(timer);
        const range = Object.values((value ?? {}) as Record<string, unknown>)[0];
        if (!Array.isArray(range) || range.length !== 2) return;
        const [a, b] = range.map((v) => (v instanceof Date ? v.getTime() : Number(v)));
        if (!Number.isFinite(a) || !Number.isFinite(b) || a === b) return;
        timer = setTimeout(() => this.zoom({ lo: Math.min(a!, b!), hi: Math.max(a!, b!) }), 600);
      });
    } catch {
      // No brush signal in this spec.
    }
  }

  /** Re-issues the pushed-down query over a zoomed range. */
  zoom(extent: Extent): void {
    this.extent = extent;
    void this.draw();
  }

  private async exportPng(): Promise<void> {
    if (!this.embedded) return;
    const url = await this.embedded.view.toImageURL('png', 2);
    const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    this.host.saveFile('chart.png', 'image/png', bytes.buffer);
  }

  private async exportSvg(): Promise<void> {
    if (!this.embedded) return;
    const svg = await this.embedded.view.toSVG();
    this.host.saveFile(
      'chart.svg',
      'image/svg+xml',
      new TextEncoder().encode(svg).buffer as ArrayBuffer,
    );
  }

  /** The vega-lite spec with its (aggregated) rows inlined, so it renders anywhere. */
  exportSpec(): void {
    if (!this.spec) return;
    const full = { ...this.spec, data: { values: this.rows } };
    const text = JSON.stringify(full, null, 2);
    this.host.saveFile(
      'chart.vl.json',
      'application/json',
      new TextEncoder().encode(text).buffer as ArrayBuffer,
    );
  }

  dispose(): void {
    this.embedded?.finalize();
  }
}

/** Axis and legend colours from the host theme's CSS variables (resolved on the viewer root). */
function themeConfig(el: HTMLElement): Record<string, unknown> {
  const css = getComputedStyle(el);
  const fg = css.getPropertyValue('--loch-fg').trim() || '#333';
  const grid = css.getPropertyValue('--loch-border').trim() || '#ddd';
  const accent = css.getPropertyValue('--loch-accent').trim() || '#4c78a8';
  const axis = {
    labelColor: fg,
    titleColor: fg,
    gridColor: grid,
    domainColor: grid,
    tickColor: grid,
  };
  return {
    background: 'transparent',
    axis,
    // Below the plot: a legend on the right is cut off in narrow panels with width 'container'.
    legend: { labelColor: fg, titleColor: fg, orient: 'bottom' },
    title: { color: fg },
    view: { stroke: grid },
    mark: { color: accent },
    bar: { fill: accent },
    line: { stroke: accent },
  };
}
