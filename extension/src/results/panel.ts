import * as vscode from 'vscode';
import { writeFile } from 'node:fs/promises';
import {
  PROTOCOL_VERSION,
  isViewToHostMessage,
  type HostToViewMessage,
  type ResultStartMessage,
  type ViewToHostMessage,
  type TrinoClient,
  tableToIpc,
  ipcArrayBuffer,
} from '@loch/core';
import { loadExport } from '@loch/core/node';
import { Table, type RecordBatch } from 'apache-arrow';
import type { Logger } from '../log';
import { messageOf } from '../log';
import { startQuery, type QueryOutcome, type QueryRun } from '../sql/engine';
import { ShownResult } from './shown-result';

/** Where a result came from, so the viewer's follow-up queries run in the same place. */
export interface ResultSource {
  client: TrinoClient;
  catalog: string;
  ref: string;
}

/**
 * The results panel: ONE webview view in the bottom panel, reused by every run (never a tab per
 * query), showing the core's results viewer (grid, chart, stats, export) from its browser
 * bundle under a strict CSP (no inline script, no eval). It speaks the core's typed protocol:
 * nothing is posted before the view's `ready`; data crosses as Arrow IPC ArrayBuffers.
 */
export class ResultsPanel implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'loch.results';
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private pending: HostToViewMessage[] = [];
  /** The shown result and its source: the panel holds one, and every follow-up is about it. */
  private readonly shown = new ShownResult<ResultSource>();
  private readonly requests = new Map<string, QueryRun | AbortController>();
  private readonly disposables: vscode.Disposable[] = [];
  private nextId = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const viewer = vscode.Uri.joinPath(dist, 'viewer');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    const src = (name: string) => view.webview.asWebviewUri(vscode.Uri.joinPath(viewer, name));
    const csp = [
      "default-src 'none'",
      `script-src ${view.webview.cspSource}`,
      // vega sets element styles; no script can come through style-src.
      `style-src ${view.webview.cspSource} 'unsafe-inline'`,
      `img-src ${view.webview.cspSource} data: blob:`,
      `font-src ${view.webview.cspSource}`,
      `worker-src ${view.webview.cspSource} blob:`,
    ].join('; ');
    view.webview.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${src('viewer.css')}">
<title>Loch Results</title></head>
<body><div id="loch-results" data-loch-viewer></div>
<script src="${src('viewer.js')}"></script></body></html>`;
    this.disposables.push(
      view.webview.onDidReceiveMessage((m: unknown) => {
        if (isViewToHostMessage(m)) void this.onViewMessage(m);
      }),
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
      }),
    );
  }

  private post(message: HostToViewMessage): void {
    if (this.view && this.ready) void this.view.webview.postMessage(message);
    else this.pending.push(message);
  }

  private async reveal(): Promise<void> {
    if (!this.view) {
      // Opening the view focuses it; the editor keeps the focus so Ctrl+Enter runs again.
      const editor = vscode.window.activeTextEditor;
      await vscode.commands.executeCommand(`${ResultsPanel.viewId}.focus`);
      if (editor) await vscode.window.showTextDocument(editor.document, editor.viewColumn, false);
    } else this.view.show(true);
  }

  /**
   * Starts a streamed result in the panel (replacing the previous one): batches follow as they
   * arrive from Trino, then `endStream` or `failStream`.
   */
  async beginStream(sql: string, source: ResultSource): Promise<string> {
    const resultId = `r${++this.nextId}`;
    this.start(source, { type: 'result-start', resultId, sql });
    await this.reveal();
    return resultId;
  }

  streamBatch(resultId: string, batch: RecordBatch): void {
    this.post({
      type: 'result-batch',
      resultId,
      ipc: ipcArrayBuffer(tableToIpc(new Table([batch]), 'stream')),
    });
  }

  endStream(resultId: string, outcome: QueryOutcome): void {
    this.post({
      type: 'result-end',
      resultId,
      complete: !outcome.truncated,
      totalRows: outcome.rowCount,
      stats: { elapsedMs: outcome.elapsedMs, state: 'FINISHED' },
    });
  }

  failStream(resultId: string, message: string): void {
    this.post({ type: 'result-error', resultId, message });
  }

  /** Shows a finished result; the previous one is replaced in the same panel. */
  async showResult(
    sql: string,
    outcome: QueryOutcome,
    source: ResultSource,
    resultId = `r${++this.nextId}`,
  ): Promise<void> {
    this.start(source, { type: 'result-start', resultId, sql, queryId: outcome.queryId });
    this.post({ type: 'result-batch', resultId, ipc: ipcArrayBuffer(outcome.ipc) });
    this.endStream(resultId, outcome);
    await this.reveal();
  }

  /** Shows an error (or a cancellation) in the panel. */
  async showError(sql: string, message: string): Promise<void> {
    const resultId = `r${++this.nextId}`;
    this.dropQueued();
    // Nothing to chart or export: follow-ups must not reach the previous result's connection.
    this.shown.replace(resultId, undefined);
    this.post({ type: 'result-start', resultId, sql });
    this.post({ type: 'result-error', resultId, message });
    await this.reveal();
  }

  /** Only the latest result matters while the page loads: the queue keeps just the theme. */
  private dropQueued(): void {
    this.pending = this.pending.filter((m) => m.type === 'theme');
  }

  /** Makes this result the panel's one result, replacing the previous one. */
  private start(source: ResultSource, message: ResultStartMessage): void {
    this.dropQueued();
    this.shown.replace(message.resultId, source);
    this.post(message);
  }

  /** The source of the result a chart query or export is about, or a request error saying why not. */
  private followUpSource(
    m: { requestId: string; resultId: string },
    what: 'chart' | 'export',
  ): ResultSource | undefined {
    const source = this.shown.sourceOf(m.resultId);
    if (!source)
      this.post({
        type: 'request-error',
        requestId: m.requestId,
        message: `that result is no longer shown: nothing to ${what}`,
      });
    return source;
  }

  private async onViewMessage(m: ViewToHostMessage): Promise<void> {
    switch (m.type) {
      case 'ready': {
        if (m.protocol !== PROTOCOL_VERSION)
          this.log.warn(`results view speaks protocol ${m.protocol}, the host ${PROTOCOL_VERSION}`);
        this.ready = true;
        const kind = vscode.window.activeColorTheme.kind;
        this.view?.webview.postMessage({
          type: 'theme',
          kind:
            kind === vscode.ColorThemeKind.Light
              ? 'light'
              : kind === vscode.ColorThemeKind.HighContrast
                ? 'high-contrast'
                : kind === vscode.ColorThemeKind.HighContrastLight
                  ? 'high-contrast-light'
                  : 'dark',
        } satisfies HostToViewMessage);
        const queued = this.pending;
        this.pending = [];
        for (const q of queued) void this.view?.webview.postMessage(q);
        return;
      }
      case 'chart-query': {
        const source = this.followUpSource(m, 'chart');
        if (!source) return;
        this.log.info(`chart query: ${m.sql.replace(/\s+/g, ' ').slice(0, 200)}`);
        const run = startQuery(source.client, m.sql, { catalog: source.catalog, maxRows: 100_000 });
        this.requests.set(m.requestId, run);
        try {
          const o = await run.done;
          this.post({
            type: 'chart-data',
            requestId: m.requestId,
            ipc: ipcArrayBuffer(o.ipc),
            stats: { elapsedMs: o.elapsedMs },
          });
        } catch (e) {
          this.post({ type: 'request-error', requestId: m.requestId, message: messageOf(e) });
        } finally {
          this.requests.delete(m.requestId);
        }
        return;
      }
      case 'rerun': {
        // The viewer re-runs the shown result under a fresh id (`r1~1`), never one the host
        // issued: the statement runs where the shown result came from.
        // A newer result or re-run shown meanwhile cancels this one and drops its outcome.
        await this.shown.rerun(
          m.resultId,
          (source) => startQuery(source.client, m.sql, { catalog: source.catalog }),
          (o, source) => this.showResult(m.sql, o, source, m.resultId),
          (e) => this.post({ type: 'result-error', resultId: m.resultId, message: messageOf(e) }),
        );
        return;
      }
      case 'export': {
        const source = this.followUpSource(m, 'export');
        if (!source) return;
        const target = await vscode.window.showSaveDialog({
          saveLabel: `Export ${m.format.toUpperCase()}`,
          filters: { [m.format]: [m.format === 'arrow' ? 'arrow' : m.format] },
        });
        if (!target) return;
        const ac = new AbortController();
        this.requests.set(m.requestId, ac);
        try {
          const r = await vscode.window.withProgress(
            {
              location: vscode.ProgressLocation.Notification,
              title: `Loch: exporting to ${target.fsPath}`,
              cancellable: true,
            },
            (_p, token) => {
              token.onCancellationRequested(() => ac.abort());
              // The full result, streamed to the file (not only the rows the panel holds).
              const q = source.client.query(m.sql, { catalog: source.catalog, signal: ac.signal });
              // Loaded on first export: it instantiates parquet-wasm, which activation must not pay for.
              return loadExport().then(({ exportResult }) =>
                exportResult(q, m.format, target.fsPath, ac.signal),
              );
            },
          );
          this.post({
            type: 'export-done',
            requestId: m.requestId,
            location: r.path,
            rows: r.rows,
          });
        } catch (e) {
          this.post({ type: 'request-error', requestId: m.requestId, message: messageOf(e) });
        } finally {
          this.requests.delete(m.requestId);
        }
        return;
      }
      case 'save-file': {
        const target = await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.file(m.suggestedName),
        });
        if (target) await writeFile(target.fsPath, new Uint8Array(m.data));
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(m.text);
        return;
      case 'cancel': {
        const r = this.requests.get(m.requestId);
        if (r instanceof AbortController) r.abort();
        else await r?.cancel();
        return;
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
