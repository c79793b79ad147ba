// mountResultsViewer: the one results viewer every host embeds (VS Code webview panel and
// notebook renderer, JupyterLab widget and MIME renderer). It speaks only the message protocol
// of messages.ts with its host: it receives Arrow IPC batches and asks the host to run queries
// (pushed-down sort/filter, chart aggregations) and exports; it never calls fetch itself.
import { Table } from 'apache-arrow';
import { ChartView } from '../charts/chart-view';
import { chartFieldsOfSchema } from '../charts/infer';
import { DEFAULT_MARK_THRESHOLD } from '../charts/types';
import type { CopyFormat } from './copy';
import { VirtualGrid } from './grid';
import type { Disposable, ViewerHost } from './host';
import {
  baseResultId,
  EXPORT_FORMATS,
  PROTOCOL_VERSION,
  type ExportFormat,
  type HostToViewMessage,
  type QueryStats,
  type ResultView,
} from './messages';
import { ResultStore, type SortState } from './store';
import { make } from './dom';

export interface ViewerOptions {
  /** Marks above which a chart is aggregated by Trino (default 10,000). */
  markThreshold?: number;
  /** The export buttons shown: the formats the host can write (default: all of them). */
  exportFormats?: readonly ExportFormat[];
}

/** Timings the benchmark and tests read (performance.now() clock). */
export interface ViewerMetrics {
  firstBatchAt?: number;
  firstRowsPaintedAt?: number;
}

export interface ResultsViewer extends Disposable {
  readonly store: ResultStore;
  readonly grid: VirtualGrid;
  readonly chart: ChartView;
  readonly metrics: ViewerMetrics;
  /** Shows the grid or the chart tab. */
  show(tab: 'grid' | 'chart'): void;
  copySelection(format: CopyFormat): string;
  exportResult(format: ExportFormat): void;
}

let nextId = 0;

export function mountResultsViewer(
  container: HTMLElement,
  host: ViewerHost,
  options: ViewerOptions = {},
): ResultsViewer {
  const store = new ResultStore();
  const metrics: ViewerMetrics = {};
  const root = make('div', 'loch-viewer');
  const toolbar = make('div', 'loch-toolbar');
  toolbar.setAttribute('role', 'toolbar');
  const panels = make('div', 'loch-panels');
  const status = make('div', 'loch-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const detail = make('div', 'loch-detail');
  detail.hidden = true;
  const detailText = make('pre', 'loch-detail-text');
  const detailClose = make('button', 'loch-button', 'Close');
  detail.append(detailText, detailClose);
  detailClose.addEventListener('click', () => (detail.hidden = true));

  // The statement this result came from, and whether all its rows are loaded.
  let resultId = '';
  let baseSql = '';
  let complete = false;
  let totalRows: number | undefined;
  let stats: QueryStats | undefined;
  let pushedView = false;
  let note = '';
  const staleReruns = new Set<string>();

  const grid = new VirtualGrid(store, {
    onSort: (sort) => applySortFilter(sort, store.filter),
    onCopy: (text, format) => deliverCopy(text, format),
    onDetail: (text) => {
      detailText.textContent = text;
      detail.hidden = false;
    },
  });
  grid.onRendered = () => {
    if (metrics.firstRowsPaintedAt === undefined && store.rowCount > 0) {
      metrics.firstRowsPaintedAt = performance.now();
    }
  };
  const chart = new ChartView({
    requestQuery: (requestId, view, chart) =>
      host.postMessage({ type: 'chart-query', requestId, resultId, view, chart }),
    saveFile: (suggestedName, mimeType, data) =>
      host.postMessage({ type: 'save-file', suggestedName, mimeType, data }),
  });
  chart.threshold = options.markThreshold ?? DEFAULT_MARK_THRESHOLD;
  chart.root.hidden = true;
  panels.append(grid.root, chart.root, detail);

  // Toolbar: tabs, filter, copy and export.
  const tabs = make('div', 'loch-tabs');
  tabs.setAttribute('role', 'tablist');
  const tabButtons = (['grid', 'chart'] as const).map((t) => {
    const b = make('button', 'loch-tab', t === 'grid' ? 'Grid' : 'Chart');
    b.setAttribute('role', 'tab');
    b.dataset.tab = t;
    b.addEventListener('click', () => show(t));
    tabs.append(b);
    return b;
  });
  const filterColumn = make('select', 'loch-filter-column');
  filterColumn.setAttribute('aria-label', 'Filter column');
  const filterText = make('input', 'loch-filter-text');
  filterText.type = 'search';
  filterText.placeholder = 'Filter…';
  filterText.setAttribute('aria-label', 'Filter text');
  let filterTimer: ReturnType<typeof setTimeout> | undefined;
  const onFilter = () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => {
      const column = Number(filterColumn.value);
      const text = filterText.value;
      applySortFilter(store.sort, text === '' ? undefined : { column, text });
    }, 250);
  };
  filterText.addEventListener('input', onFilter);
  filterColumn.addEventListener('change', onFilter);
  const copyGroup = make('div', 'loch-group');
  for (const [format, label] of [
    ['tsv', 'Copy TSV'],
    ['csv', 'Copy CSV'],
    ['markdown', 'Copy Markdown'],
  ] as const) {
    const b = make('button', 'loch-button', label);
    b.dataset.copy = format;
    b.addEventListener('click', () => copySelection(format));
    copyGroup.append(b);
  }
  const exportGroup = make('div', 'loch-group');
  for (const format of options.exportFormats ?? EXPORT_FORMATS) {
    const b = make(
      'button',
      'loch-button',
      `Export ${format === 'json' ? 'JSON' : format === 'csv' ? 'CSV' : format === 'arrow' ? 'Arrow' : 'Parquet'}`,
    );
    b.dataset.export = format;
    b.addEventListener('click', () => exportResult(format));
    exportGroup.append(b);
  }
  toolbar.append(tabs, filterColumn, filterText, copyGroup, exportGroup);
  root.append(toolbar, panels, status);
  container.append(root);

  function show(tab: 'grid' | 'chart'): void {
    grid.root.hidden = tab !== 'grid';
    chart.root.hidden = tab !== 'chart';
    for (const b of tabButtons) b.setAttribute('aria-selected', String(b.dataset.tab === tab));
    if (tab === 'chart') refreshChart();
    else grid.refresh();
  }

  function refreshChart(): void {
    if (!store.schema) return;
    const small = complete && store.rowCount <= chart.threshold;
    chart.setSource(
      {
        sql: baseSql,
        view: currentView(),
        fields: chartFieldsOfSchema(store.schema.fields),
        localTable: small ? new Table(store.batches) : undefined,
      },
      totalRows ?? (complete ? store.rowCount : undefined),
    );
  }

  /** The sort/filter Trino applied to the shown rows, by column name (none: as run). */
  function currentView(): ResultView {
    if (!pushedView) return {};
    const fields = store.schema?.fields ?? [];
    const view: ResultView = {};
    if (store.sort)
      view.sort = { column: fields[store.sort.column]!.name, direction: store.sort.direction };
    if (store.filter)
      view.filter = { column: fields[store.filter.column]!.name, text: store.filter.text };
    return view;
  }

  // Complete results sort and filter here; partial ones re-run with both pushed into Trino.
  function applySortFilter(sort: SortState | undefined, filter: typeof store.filter): void {
    store.sort = sort;
    store.filter = filter;
    if (complete && !pushedView) {
      store.applyView();
      grid.refresh();
      updateStatus();
      return;
    }
    pushedView = sort !== undefined || filter !== undefined;
    // Each re-run streams under a new id, so a slower earlier re-run can never overwrite it.
    resultId = `${baseResultId(resultId)}~${++nextId}`;
    staleReruns.add(resultId);
    host.postMessage({ type: 'rerun', resultId, view: currentView() });
  }

  function copySelection(format: CopyFormat): string {
    const text = grid.selectionText(format);
    deliverCopy(text, format);
    return text;
  }

  function deliverCopy(text: string, format: CopyFormat): void {
    // A webview may not reach the clipboard: the host is told too and writes it.
    navigator.clipboard?.writeText(text).catch(() => {});
    host.postMessage({ type: 'copy', text, format });
    note = `Copied ${format.toUpperCase()}`;
    updateStatus();
  }

  function exportResult(format: ExportFormat): void {
    host.postMessage({
      type: 'export',
      requestId: `export-${++nextId}`,
      resultId,
      format,
      view: currentView(),
    });
    note = `Exporting ${format}…`;
    updateStatus();
  }

  function updateStatus(): void {
    const parts = [`${store.viewRowCount.toLocaleString('en-US')} rows`];
    if (store.viewRowCount !== store.rowCount)
      parts.push(`of ${store.rowCount.toLocaleString('en-US')} loaded`);
    if (totalRows !== undefined && totalRows !== store.rowCount)
      parts.push(`(${totalRows.toLocaleString('en-US')} in result)`);
    if (!complete) parts.push('partial');
    if (pushedView) parts.push('sorted/filtered by Trino');
    if (stats?.elapsedMs !== undefined) parts.push(`${(stats.elapsedMs / 1000).toFixed(2)} s`);
    if (stats?.processedRows !== undefined)
      parts.push(`${stats.processedRows.toLocaleString('en-US')} rows read`);
    if (stats?.processedBytes !== undefined)
      parts.push(`${(stats.processedBytes / 1e6).toFixed(1)} MB read`);
    if (note) parts.push(note);
    status.textContent = parts.join(' · ');
  }

  function fillFilterColumns(): void {
    filterColumn.replaceChildren(
      ...(store.schema?.fields ?? []).map((f, i) => new Option(f.name, String(i))),
    );
    if (store.filter) filterColumn.value = String(store.filter.column);
  }

  const onMessage = (m: HostToViewMessage) => {
    switch (m.type) {
      case 'result-start': {
        if (m.resultId !== resultId && staleReruns.has(m.resultId)) return;
        const rerun = m.resultId === resultId && staleReruns.has(m.resultId);
        const { sort, filter } = store;
        store.clear();
        if (rerun) {
          store.sort = sort;
          store.filter = filter;
        } else {
          baseSql = m.sql;
          pushedView = false;
        }
        resultId = m.resultId;
        complete = false;
        totalRows = undefined;
        stats = undefined;
        metrics.firstBatchAt = undefined;
        metrics.firstRowsPaintedAt = undefined;
        note = '';
        grid.refresh();
        updateStatus();
        break;
      }
      case 'result-batch': {
        if (m.resultId !== resultId) return;
        metrics.firstBatchAt ??= performance.now();
        const first = store.rowCount === 0;
        store.appendIpc(m.ipc);
        if (first) fillFilterColumns();
        grid.refresh();
        updateStatus();
        break;
      }
      case 'result-end':
        if (m.resultId !== resultId) return;
        complete = m.complete;
        totalRows = m.totalRows;
        stats = m.stats;
        if (complete && !pushedView && (store.sort || store.filter)) store.applyView();
        grid.refresh();
        updateStatus();
        if (!chart.root.hidden) refreshChart();
        break;
      case 'result-error':
        if (m.resultId !== resultId) return;
        note = `Error: ${m.message}`;
        updateStatus();
        break;
      case 'chart-data':
        chart.receive(m.requestId, m.ipc);
        break;
      case 'request-error':
        if (chart.handles(m.requestId)) chart.fail(m.requestId, m.message);
        else {
          note = `Error: ${m.message}`;
          updateStatus();
        }
        break;
      case 'export-done':
        note = `Exported ${m.rows.toLocaleString('en-US')} rows to ${m.location}`;
        updateStatus();
        break;
      case 'theme':
        root.dataset.theme = m.kind;
        break;
    }
  };
  const subscription = host.onMessage(onMessage);
  show('grid');
  host.postMessage({ type: 'ready', protocol: PROTOCOL_VERSION });

  return {
    store,
    grid,
    chart,
    metrics,
    show,
    copySelection,
    exportResult,
    dispose() {
      subscription.dispose();
      chart.dispose();
      root.remove();
    },
  };
}
