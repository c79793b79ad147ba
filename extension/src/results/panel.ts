import * as vscode from 'vscode';
import type { Logger } from '../log';

/** One result (or error) to show; bulk data as Arrow IPC bytes, never JSON rows. */
export interface ResultMessage {
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

export interface StatusMessage {
  type: 'status';
  text: string;
  kind: 'running' | 'error' | 'cancelled' | 'info';
}

export type HostMessage = ResultMessage | StatusMessage;

/**
 * The results panel: ONE webview view in the bottom panel, reused by every run (never a tab per
 * query). The page loads only the extension's own scripts under a strict CSP (no inline script,
 * no eval); messages wait for the page's `ready` handshake.
 */
export class ResultsPanel implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'loch.results';
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private pending: HostMessage[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    const script = view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'results-webview.js'));
    const csp = [
      "default-src 'none'",
      `script-src ${view.webview.cspSource}`,
      `style-src ${view.webview.cspSource} 'unsafe-inline'`,
      `img-src ${view.webview.cspSource} data: blob:`,
      `font-src ${view.webview.cspSource}`,
      `worker-src ${view.webview.cspSource} blob:`,
    ].join('; ');
    view.webview.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Loch Results</title></head>
<body><div id="loch-results" data-loch-results></div>
<script type="module" src="${script}"></script></body></html>`;
    this.disposables.push(
      view.webview.onDidReceiveMessage((m: { type?: string; text?: string }) => {
        if (m.type === 'ready') {
          this.ready = true;
          const queued = this.pending;
          this.pending = [];
          for (const q of queued) void view.webview.postMessage(q);
        } else if (m.type === 'log' && m.text) {
          this.log.warn(`results view: ${m.text}`);
        }
      }),
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
      }),
    );
  }

  /** Shows the panel (creating it on first use) and posts the message once the page is ready. */
  async show(message: HostMessage): Promise<void> {
    if (!this.view) await vscode.commands.executeCommand(`${ResultsPanel.viewId}.focus`);
    else this.view.show(true);
    // Only the latest result matters while the page loads.
    if (this.view && this.ready) void this.view.webview.postMessage(message);
    else
      this.pending =
        message.type === 'result'
          ? [message]
          : [...this.pending.filter((m) => m.type === 'result'), message];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
