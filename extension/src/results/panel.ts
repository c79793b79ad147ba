import * as vscode from 'vscode';
import { loadExport } from '@loch/core/node';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  isViewToHostMessage,
  type ViewToHostMessage,
  type LakehouseSession,
  type QueryOutcome,
  tableFromIpc,
  ViewerBackend,
  type FileToSave,
  type ThemeKind,
  type ViewerConnector,
  type ViewerSession,
} from '@loch/core';
import type { RecordBatch } from 'apache-arrow';
import type { Logger } from '../log';
import type { QueryRoute } from '../connections/manager';
import type { CollectedResult } from '../sql/collect';

/** Where a result came from, so the viewer's follow-up queries run in the same place. */
export interface ResultSource {
  session: LakehouseSession;
  /** The ref (or, without Nessie, the catalog) the result was read from. */
  route: QueryRoute;
}

function themeKind(kind: vscode.ColorThemeKind): ThemeKind {
  if (kind === vscode.ColorThemeKind.Light) return 'light';
  if (kind === vscode.ColorThemeKind.HighContrast) return 'high-contrast';
  if (kind === vscode.ColorThemeKind.HighContrastLight) return 'high-contrast-light';
  return 'dark';
}

/**
 * The results panel: ONE webview view in the bottom panel, reused by every run (never a tab per
 * query), showing the core's results viewer from its browser bundle under a strict CSP (no
 * inline script, no eval). The core's ViewerBackend answers the viewer; this class holds the
 * webview, its HTML, and what only VS Code can do (save dialog, clipboard, theme, progress).
 */
export class ResultsPanel implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'loch.results';
  private view: vscode.WebviewView | undefined;
  private readonly listeners = new Set<(m: ViewToHostMessage) => void>();
  private readonly backend: ViewerBackend;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
  ) {
    const connector: ViewerConnector = {
      saveFile: (file) => this.saveFile(file),
      copy: async (text) => vscode.env.clipboard.writeText(text),
      theme: () => themeKind(vscode.window.activeColorTheme.kind),
      maxRows: () =>
        vscode.workspace.getConfiguration('loch').get<number>('results.maxRows') ?? 10_000,
      encoders: {
        // Loaded on first export: it instantiates parquet-wasm, which activation must not pay for.
        parquet: (batches) => parquetBytes(batches),
      },
      warn: (message) => this.log.warn(message),
    };
    this.backend = new ViewerBackend(
      {
        post: (m) => void this.view?.webview.postMessage(m),
        onMessage: (l) => {
          this.listeners.add(l);
          return { dispose: () => this.listeners.delete(l) };
        },
      },
      connector,
    );
    this.disposables.push(
      vscode.window.onDidChangeActiveColorTheme((t) => this.backend.setTheme(themeKind(t.kind))),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.backend.viewGone();
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
        if (isViewToHostMessage(m)) for (const l of this.listeners) l(m);
      }),
      view.onDidDispose(() => {
        this.view = undefined;
        this.backend.viewGone();
      }),
    );
  }

  private async reveal(): Promise<void> {
    if (!this.view) {
      // Opening the view focuses it; the editor keeps the focus so Ctrl+Enter runs again.
      const editor = vscode.window.activeTextEditor;
      await vscode.commands.executeCommand(`${ResultsPanel.viewId}.focus`);
      if (editor) await vscode.window.showTextDocument(editor.document, editor.viewColumn, false);
    } else this.view.show(true);
  }

  private origin(sql: string, source: ResultSource) {
    // Follow-ups run on the session and route the result came from, not the current ones.
    const session: ViewerSession = {
      query: (text, o) =>
        source.session.query(text, {
          ...source.route,
          maxRows: o.maxRows,
          signal: o.signal,
          source: 'results',
        }),
    };
    return { sql, ref: source.route.ref, session };
  }

  /**
   * Starts a streamed result in the panel (replacing the previous one): batches follow as they
   * arrive from Trino, then `endStream` or `failStream`.
   */
  async beginStream(sql: string, source: ResultSource): Promise<string> {
    const resultId = this.backend.begin(this.origin(sql, source));
    await this.reveal();
    return resultId;
  }

  streamBatch(resultId: string, batch: RecordBatch): void {
    this.backend.append(resultId, batch);
  }

  /** `capped`: the session stopped at the row cap (and cancelled the query on the server). */
  endStream(resultId: string, outcome: QueryOutcome): void {
    this.backend.end(resultId, {
      complete: !outcome.moreRows,
      totalRows: outcome.totalRows,
      stats: { elapsedMs: outcome.elapsedMs, state: outcome.status.toUpperCase() },
    });
  }

  failStream(resultId: string, message: string): void {
    this.backend.fail(resultId, message);
  }

  /** Shows a finished result; the previous one is replaced in the same panel. */
  async showResult(sql: string, result: CollectedResult, source: ResultSource): Promise<void> {
    const { outcome } = result;
    const resultId = this.backend.begin(this.origin(sql, source), outcome.queryId);
    this.backend.append(resultId, tableFromIpc(result.ipc));
    this.endStream(resultId, outcome);
    await this.reveal();
  }

  /** Shows an error (or a cancellation) in the panel. */
  async showError(sql: string, message: string): Promise<void> {
    this.backend.showError(sql, message);
    await this.reveal();
  }

  /** A save dialog; an export is written with a cancellable progress while it streams. */
  private async saveFile(file: FileToSave): Promise<string | undefined> {
    const ext = file.suggestedName.slice(file.suggestedName.lastIndexOf('.') + 1);
    const target = await vscode.window.showSaveDialog(
      file.kind === 'export'
        ? { saveLabel: `Export ${ext.toUpperCase()}`, filters: { [ext]: [ext] } }
        : { defaultUri: vscode.Uri.file(file.suggestedName) },
    );
    if (!target) return undefined;
    const data = file.data;
    const write = (signal?: AbortSignal) =>
      pipeline(
        data instanceof Uint8Array ? Readable.from([data]) : Readable.from(data),
        createWriteStream(target.fsPath),
        { signal },
      );
    if (file.kind !== 'export') await write();
    else
      await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Loch: exporting to ${target.fsPath}`,
          cancellable: true,
        },
        (_p, token) => {
          const ac = new AbortController();
          token.onCancellationRequested(() => ac.abort());
          return write(ac.signal);
        },
      );
    return target.fsPath;
  }

  dispose(): void {
    this.backend.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

async function* parquetBytes(batches: AsyncIterable<RecordBatch>): AsyncGenerator<Uint8Array> {
  const { parquetExportBytes } = await loadExport();
  yield* parquetExportBytes(batches);
}
