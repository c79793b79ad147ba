import * as vscode from 'vscode';
import type { HistoryEntry, QueryOutcome, QueryRun, SessionQueryOptions } from '@loch/core';
import { routeOf, type Connection, type ConnectionManager } from '../connections/manager';
import type { Logger } from '../log';
import { messageOf } from '../log';
import type { ResultsPanel } from '../results/panel';
import { errorPosition, statementAt, StatementLocator } from './statement-at';

/** Text to run and where it starts in the document (Trino error positions are relative to it). */
interface Script {
  text: string;
  start: number;
}

/**
 * `query:run`: runs SQL from the editor through the connection's `LakehouseSession` (which
 * splits it, routes the ref, caps the rows and cancels past the cap, pins and records the
 * history), with a progress notification whose Cancel cancels on the server; rows stream into
 * the one results panel; Trino errors become diagnostics at their line:column.
 */
export class SqlRunner implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('loch');
  private running: QueryRun | undefined;
  /** The shown notification's progress: runs are created before their notification. */
  private report: ((message: string) => void) | undefined;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly results: ResultsPanel,
    private readonly log: Logger,
  ) {}

  /** The statement at the cursor, or the selection's text. */
  async runAtCursor(editor = vscode.window.activeTextEditor, offset?: number): Promise<void> {
    if (!editor) return;
    const doc = editor.document;
    const sel = editor.selection;
    if (!sel.isEmpty && offset === undefined) {
      const start = doc.offsetAt(sel.start);
      await this.runScript(doc, { text: doc.getText(sel), start });
      return;
    }
    const s = statementAt(doc.getText(), offset ?? doc.offsetAt(sel.active));
    await this.runScript(doc, s && { text: s.sql, start: s.start });
  }

  async runFile(editor = vscode.window.activeTextEditor): Promise<void> {
    if (!editor) return;
    await this.runScript(editor.document, { text: editor.document.getText(), start: 0 });
  }

  /** Runs a history entry again on the ref it ran on. */
  async rerun(entry: HistoryEntry): Promise<void> {
    const conn = await this.connection();
    if (!conn) return;
    const run = conn.session.rerun(entry, this.options());
    await this.show(run, conn, undefined);
  }

  private async runScript(doc: vscode.TextDocument, script: Script | undefined): Promise<void> {
    if (!script?.text.trim()) {
      void vscode.window.showInformationMessage('Loch: no SQL statement here.');
      return;
    }
    const conn = await this.connection();
    if (!conn) return;
    this.diagnostics.delete(doc.uri);
    const opts = { ...this.options(), ...routeOf(conn) };
    // The core splits the text; each run's statement is found again in it to place errors.
    const statements = new StatementLocator(script.text);
    let ran = 0;
    for await (const run of conn.session.queryScript(script.text, opts)) {
      ran++;
      const at = statements.locate(run.sql);
      await this.show(run, conn, at < 0 ? undefined : { doc, start: script.start + at });
    }
    if (ran === 0) void vscode.window.showInformationMessage('Loch: no SQL statement here.');
  }

  private options(): SessionQueryOptions {
    return {
      maxRows: this.maxRows(),
      source: 'editor',
      onProgress: (p) =>
        this.report?.(
          `${p.state} · ${p.processedRows} rows · ${(p.elapsedMs / 1000).toFixed(1)} s`,
        ),
    };
  }

  /** The connection, or undefined after offering to connect. */
  private async connection(): Promise<Connection | undefined> {
    try {
      return this.connections.require();
    } catch (e) {
      const pick = await vscode.window.showErrorMessage(
        messageOf(e),
        'Connect to Local Platform',
        'Connect…',
      );
      if (pick === 'Connect to Local Platform')
        await vscode.commands.executeCommand('loch.connectLocal');
      else if (pick) await vscode.commands.executeCommand('loch.connect');
      return undefined;
    }
  }

  /** Streams one run into the panel and reports how it ended. */
  private async show(
    run: QueryRun,
    conn: Connection,
    at: { doc: vscode.TextDocument; start: number } | undefined,
  ): Promise<void> {
    const sql = run.sql;
    const route = run.ref ? { ref: run.ref } : routeOf(conn);
    const streamId = await this.results.beginStream(sql, { session: conn.session, route });
    void run.queryId.then(
      (id) =>
        this.log.info(`query ${id} started on ${run.ref}: ${sql.split('\n')[0]!.slice(0, 120)}`),
      () => undefined,
    );
    let outcome: QueryOutcome;
    try {
      outcome = await this.withProgress(sql, run, async () => {
        try {
          for await (const b of run.batches()) this.results.streamBatch(streamId, b);
        } catch {
          // Whatever stopped the rows is on the outcome (or the outcome rejects with it).
        }
        return run.outcome;
      });
    } catch (e) {
      // The statement never reached Trino (routing, Nessie) or the transport failed.
      const msg = messageOf(e);
      this.log.error(`query failed: ${msg}`);
      this.results.failStream(streamId, msg);
      void vscode.window.showErrorMessage(`Loch: ${msg}`);
      return;
    }
    const id = outcome.queryId;
    switch (outcome.status) {
      case 'finished':
      case 'capped':
        this.log.info(
          `query ${id} ${outcome.status}: ${outcome.rowsDelivered} rows${outcome.moreRows ? ' (more rows)' : ''} in ${outcome.elapsedMs} ms`,
        );
        this.results.endStream(streamId, outcome);
        return;
      case 'cancelled':
        this.log.info(`query ${id} cancelled`);
        this.results.failStream(streamId, `Query ${id} was cancelled.`);
        void vscode.window.showInformationMessage(`Loch: query ${id} cancelled.`);
        return;
      case 'failed': {
        const msg = outcome.error ?? `query ${id} failed`;
        this.log.error(`query ${id} failed: ${msg}`);
        if (at && outcome.errorLine !== undefined) this.diagnose(at, outcome);
        this.results.failStream(streamId, msg);
        void vscode.window.showErrorMessage(`Loch: ${msg}`);
        return;
      }
    }
  }

  /** A Trino error as a diagnostic where it points in the document. */
  private diagnose(at: { doc: vscode.TextDocument; start: number }, outcome: QueryOutcome): void {
    const { doc } = at;
    const p = errorPosition(doc.getText(), at.start, outcome.errorLine!, outcome.errorColumn ?? 1);
    const pos = new vscode.Position(p.line, p.character);
    const range = doc.getWordRangeAtPosition(pos) ?? new vscode.Range(pos, pos.translate(0, 1));
    // The one-line error reads `NAME at L:C: message`; the range already says where.
    const message = (outcome.error ?? '').replace(/^\S+ at \d+:\d+: /, '');
    const d = new vscode.Diagnostic(
      range,
      `${outcome.errorName}: ${message}`,
      vscode.DiagnosticSeverity.Error,
    );
    d.source = 'Trino';
    d.code = outcome.errorName;
    this.diagnostics.set(doc.uri, [...(this.diagnostics.get(doc.uri) ?? []), d]);
  }

  private maxRows(): number {
    return vscode.workspace.getConfiguration('loch').get<number>('results.maxRows') ?? 10_000;
  }

  private withProgress(
    sql: string,
    run: QueryRun,
    body: () => Promise<QueryOutcome>,
  ): Thenable<QueryOutcome> {
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Loch: running query',
        cancellable: true,
      },
      async (progress, token) => {
        progress.report({ message: sql.replace(/\s+/g, ' ').slice(0, 60) });
        this.report = (message) => progress.report({ message });
        this.running = run;
        await vscode.commands.executeCommand('setContext', 'loch.queryRunning', true);
        const sub = token.onCancellationRequested(() => void run.cancel());
        try {
          return await body();
        } finally {
          sub.dispose();
          this.running = undefined;
          this.report = undefined;
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
