// The JupyterLab side of the shared results viewer (shared/src/results): the viewer runs in
// the page itself, so its host is an in-page channel. Queries it asks for (chart aggregations,
// pushed-down sort/filter, exports) run through this page's LochSession, on the same Trino
// catalog (= Nessie ref) as the result; files it produces are offered as browser downloads.
import { Clipboard } from '@jupyterlab/apputils';
import { tableToIPC, type Table } from 'apache-arrow';
import {
  type Disposable,
  type ViewerHost,
  type ExportFormat,
  type HostToViewMessage,
  type ViewToHostMessage,
  errorLine,
  csvWriter,
  jsonWriter,
  writeResult,
  ipcArrayBuffer,
} from '@loch/core';
import { mountResultsViewer, type ResultsViewer } from '@loch/core/viewer';
import type { LochSession } from '../session';

/** What a viewer shows: rows already fetched (live or from the notebook) and where they came from. */
export interface ViewerSource {
  table: Table;
  sql: string;
  queryId?: string;
  /** The catalog follow-up queries run in (the ref's catalog); none: no follow-up queries. */
  catalog?: string;
  /** False when `table` holds only the first rows of the result. */
  complete: boolean;
  totalRows: number;
}

function ipcBuffer(table: Table): ArrayBuffer {
  return ipcArrayBuffer(tableToIPC(table, 'stream'));
}

function download(name: string, type: string, data: BlobPart): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The formats a download here can hold. Parquet needs the Node exporter (parquet-wasm's Node
 * build, in VS Code and the CLI), so the viewer shows no Parquet button in JupyterLab.
 */
export const JUPYTERLAB_EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'arrow', 'json'];

/** A whole result as a file in `format`: CSV and JSON are the bytes `loch query` writes. */
async function exportBytes(
  table: Table,
  format: ExportFormat,
): Promise<{ data: BlobPart; type: string }> {
  if (format === 'arrow')
    return { data: ipcBuffer(table), type: 'application/vnd.apache.arrow.stream' };
  if (format !== 'csv' && format !== 'json')
    throw new Error(`${format} export is not available in JupyterLab; use CSV, JSON or Arrow`);
  const parts: string[] = [];
  const writer = (format === 'csv' ? csvWriter : jsonWriter)((t) => parts.push(t));
  await writeResult({ batches: () => table.batches, schema: table.schema }, writer);
  return { data: parts.join(''), type: format === 'csv' ? 'text/csv' : 'application/json' };
}

/** The theme kind the viewer needs; colours come from JupyterLab's CSS variables. */
function themeKind(): 'light' | 'dark' {
  return document.body.dataset.jpThemeLight === 'false' ? 'dark' : 'light';
}

export class InPageViewer implements Disposable {
  private readonly listeners = new Set<(m: HostToViewMessage) => void>();
  private readonly requests = new Map<string, AbortController>();
  readonly viewer: ResultsViewer;
  private disposed = false;

  constructor(
    container: HTMLElement,
    private readonly source: ViewerSource,
    private readonly session: () => Promise<LochSession>,
  ) {
    const host: ViewerHost = {
      postMessage: (m) => queueMicrotask(() => void this.fromView(m)),
      onMessage: (listener) => {
        this.listeners.add(listener);
        return { dispose: () => this.listeners.delete(listener) };
      },
    };
    this.viewer = mountResultsViewer(container, host, {
      exportFormats: JUPYTERLAB_EXPORT_FORMATS,
    });
    // Colours follow JupyterLab's CSS variables by themselves; the theme kind (light/dark, for
    // the chart palette) is re-sent whenever the user switches themes.
    this.themeObserver = new MutationObserver(() =>
      this.send({ type: 'theme', kind: themeKind() }),
    );
    this.themeObserver.observe(document.body, {
      attributes: true,
      attributeFilter: ['data-jp-theme-light', 'data-jp-theme-name'],
    });
  }

  private readonly themeObserver: MutationObserver;

  private send(m: HostToViewMessage): void {
    if (this.disposed) return;
    for (const l of this.listeners) l(m);
  }

  private async run(sql: string, signal: AbortSignal): Promise<Table> {
    if (!this.source.catalog) throw new Error('this result has no live connection to query');
    const s = await this.session();
    return s.trino.query(sql, { catalog: this.source.catalog, signal }).table();
  }

  private track(id: string): AbortController {
    const ctl = new AbortController();
    this.requests.set(id, ctl);
    return ctl;
  }

  private async fromView(m: ViewToHostMessage): Promise<void> {
    switch (m.type) {
      case 'ready': {
        const { table, sql, queryId, complete, totalRows } = this.source;
        this.send({ type: 'theme', kind: themeKind() });
        this.send({ type: 'result-start', resultId: 'saved', sql, queryId });
        this.send({ type: 'result-batch', resultId: 'saved', ipc: ipcBuffer(table) });
        this.send({ type: 'result-end', resultId: 'saved', complete, totalRows });
        return;
      }
      case 'chart-query': {
        const ctl = this.track(m.requestId);
        try {
          const t = await this.run(m.sql, ctl.signal);
          this.send({ type: 'chart-data', requestId: m.requestId, ipc: ipcBuffer(t) });
        } catch (e) {
          this.send({ type: 'request-error', requestId: m.requestId, message: errorLine(e) });
        } finally {
          this.requests.delete(m.requestId);
        }
        return;
      }
      case 'rerun': {
        const ctl = this.track(m.resultId);
        this.send({ type: 'result-start', resultId: m.resultId, sql: m.sql });
        try {
          const t = await this.run(m.sql, ctl.signal);
          this.send({ type: 'result-batch', resultId: m.resultId, ipc: ipcBuffer(t) });
          this.send({
            type: 'result-end',
            resultId: m.resultId,
            complete: true,
            totalRows: t.numRows,
          });
        } catch (e) {
          this.send({ type: 'result-error', resultId: m.resultId, message: errorLine(e) });
        } finally {
          this.requests.delete(m.resultId);
        }
        return;
      }
      case 'export': {
        const ctl = this.track(m.requestId);
        try {
          const t = await this.run(m.sql, ctl.signal);
          const { data, type } = await exportBytes(t, m.format);
          const name = `result.${m.format === 'arrow' ? 'arrow' : m.format}`;
          download(name, type, data);
          this.send({
            type: 'export-done',
            requestId: m.requestId,
            location: name,
            rows: t.numRows,
          });
        } catch (e) {
          this.send({ type: 'request-error', requestId: m.requestId, message: errorLine(e) });
        } finally {
          this.requests.delete(m.requestId);
        }
        return;
      }
      case 'save-file':
        download(m.suggestedName, m.mimeType, m.data);
        return;
      case 'copy':
        Clipboard.copyToSystem(m.text);
        return;
      case 'cancel':
        this.requests.get(m.requestId)?.abort();
        return;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.themeObserver.disconnect();
    for (const ctl of this.requests.values()) ctl.abort();
    this.requests.clear();
    this.viewer.dispose();
    this.listeners.clear();
  }
}
