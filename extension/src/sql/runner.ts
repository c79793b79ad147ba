import * as vscode from 'vscode';
import { TrinoQueryError } from '@loch/core';
import type { ConnectionManager } from '../connections/manager';
import type { CatalogForRef } from '../explorer/ref-catalog';
import type { Logger } from '../log';
import { messageOf } from '../log';
import type { ResultsPanel } from '../results/panel';
import { QueryCancelledError, startQuery, type QueryOutcome, type QueryRun } from './engine';
import type { HistoryEntry, QueryHistory } from './history';
import { errorPosition, statementAt, statementsIn } from './statement-at';

/**
 * `query:run`: runs SQL from the editor on the current ref with a progress notification whose
 * Cancel cancels on the server, shows rows in the one results panel, turns Trino errors into
 * diagnostics at their line:column, and records every run in the history.
 */
export class SqlRunner implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('loch');
  private running: QueryRun | undefined;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly catalogForRef: CatalogForRef,
    private readonly results: ResultsPanel,
    private readonly history: QueryHistory,
    private readonly log: Logger,
  ) {}

  /** The statement at the cursor, or the selection's statements. */
  async runAtCursor(editor = vscode.window.activeTextEditor, offset?: number): Promise<void> {
    if (!editor) return;
    const doc = editor.document;
    const text = doc.getText();
    const sel = editor.selection;
    const stmts =
      !sel.isEmpty && offset === undefined
        ? statementsIn(text, doc.offsetAt(sel.start), doc.offsetAt(sel.end))
        : [statementAt(text, offset ?? doc.offsetAt(sel.active))].filter((s) => s !== undefined);
    await this.runAll(doc, stmts);
  }

  async runFile(editor = vscode.window.activeTextEditor): Promise<void> {
    if (!editor) return;
    const text = editor.document.getText();
    await this.runAll(editor.document, statementsIn(text, 0, text.length));
  }

  private async runAll(
    doc: vscode.TextDocument,
    stmts: { sql: string; start: number }[],
  ): Promise<void> {
    if (stmts.length === 0) {
      void vscode.window.showInformationMessage('Loch: no SQL statement here.');
      return;
    }
    this.diagnostics.delete(doc.uri);
    for (const s of stmts) {
      const ok = await this.runOne(doc, s.sql, s.start);
      if (!ok) break;
    }
  }

  /** Runs one statement; false when it failed or was cancelled (a script stops there). */
  private async runOne(doc: vscode.TextDocument, sql: string, start: number): Promise<boolean> {
    let conn;
    try {
      conn = this.connections.require();
    } catch (e) {
      const pick = await vscode.window.showErrorMessage(
        messageOf(e),
        'Connect to Local Platform',
        'Connect…',
      );
      if (pick === 'Connect to Local Platform')
        await vscode.commands.executeCommand('loch.connectLocal');
      else if (pick) await vscode.commands.executeCommand('loch.connect');
      return false;
    }
    const ref = this.connections.currentRef ?? conn.defaultBranch;
    const startedAt = new Date();
    // Every run lands in the history, whatever its outcome; only the outcome's fields differ.
    const record = (
      entry: Omit<HistoryEntry, 'id' | 'sql' | 'profile' | 'ref' | 'startedAt'>,
    ): void =>
      this.history.add({
        id: `${Date.now()}`,
        sql,
        profile: conn.profile.name,
        ref,
        startedAt: startedAt.toISOString(),
        ...entry,
      });
    let queryId: string | undefined;
    let catalog = conn.profile.catalog;
    let streamId: string | undefined;
    try {
      catalog = await this.catalogForRef(conn, ref);
      // Rows stream into the panel as Trino sends them.
      const source = { client: conn.client, catalog, ref };
      streamId = await this.results.beginStream(sql, source);
      const sid = streamId;
      const outcome = await this.withProgress(sql, (onProgress) => {
        const run = startQuery(conn.client, sql, {
          catalog,
          maxRows: this.maxRows(),
          onProgress,
          onBatch: (b) => this.results.streamBatch(sid, b),
        });
        void run.queryId.then((id) => {
          queryId = id;
          this.log.info(`query ${id} started on ${ref}: ${sql.split('\n')[0]!.slice(0, 120)}`);
        });
        return run;
      });
      queryId = outcome.queryId;
      record({
        elapsedMs: outcome.elapsedMs,
        outcome: 'ok',
        rows: outcome.rowCount,
        queryId,
      });
      this.log.info(
        `query ${outcome.queryId} finished: ${outcome.rowCount} rows in ${outcome.elapsedMs} ms`,
      );
      this.results.endStream(sid, outcome);
      return true;
    } catch (e) {
      const elapsedMs = Date.now() - startedAt.getTime();
      if (e instanceof QueryCancelledError) {
        this.log.info(`query ${e.queryId ?? queryId ?? ''} cancelled`);
        record({
          elapsedMs,
          outcome: 'cancelled',
          queryId: e.queryId ?? queryId,
        });
        const text = `Query ${e.queryId ?? queryId ?? ''} was cancelled.`;
        if (streamId) this.results.failStream(streamId, text);
        else await this.results.showError(sql, text);
        void vscode.window.showInformationMessage(
          `Loch: query ${e.queryId ?? queryId ?? ''} cancelled.`,
        );
        return false;
      }
      const msg = messageOf(e);
      record({
        elapsedMs,
        outcome: 'error',
        queryId,
        error: msg,
      });
      this.log.error(`query failed: ${msg}`);
      if (e instanceof TrinoQueryError && e.line !== undefined) {
        const text = doc.getText();
        const at = errorPosition(text, start, e.line, e.column ?? 1);
        const pos = new vscode.Position(at.line, at.character);
        const range = doc.getWordRangeAtPosition(pos) ?? new vscode.Range(pos, pos.translate(0, 1));
        const d = new vscode.Diagnostic(
          range,
          // Trino's "line L:C:" counts from the statement, not the file: the range says where.
          `${e.errorName}: ${e.message.split('\n')[0]!.replace(/^line \d+:\d+: /, '')}`,
          vscode.DiagnosticSeverity.Error,
        );
        d.source = 'Trino';
        d.code = e.errorName;
        this.diagnostics.set(doc.uri, [...(this.diagnostics.get(doc.uri) ?? []), d]);
      }
      if (streamId) this.results.failStream(streamId, msg);
      else await this.results.showError(sql, msg);
      void vscode.window.showErrorMessage(`Loch: ${msg}`);
      return false;
    }
  }

  private maxRows(): number {
    return vscode.workspace.getConfiguration('loch').get<number>('results.maxRows') ?? 10_000;
  }

  private withProgress(
    sql: string,
    start: (
      onProgress: (p: { state: string; processedRows: number; elapsedMs: number }) => void,
    ) => QueryRun,
  ): Thenable<QueryOutcome> {
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Loch: running query',
        cancellable: true,
      },
      async (progress, token) => {
        const run = start((p) =>
          progress.report({
            message: `${p.state} · ${p.processedRows} rows · ${(p.elapsedMs / 1000).toFixed(1)} s`,
          }),
        );
        progress.report({ message: sql.replace(/\s+/g, ' ').slice(0, 60) });
        this.running = run;
        await vscode.commands.executeCommand('setContext', 'loch.queryRunning', true);
        const sub = token.onCancellationRequested(() => void run.cancel());
        try {
          return await run.done;
        } finally {
          sub.dispose();
          this.running = undefined;
          await vscode.commands.executeCommand('setContext', 'loch.queryRunning', false);
        }
      },
    );
  }

  async cancel(): Promise<void> {
    await this.running?.cancel();
  }

  dispose(): void {
    this.diagnostics.dispose();
    void this.running?.cancel();
  }
}
