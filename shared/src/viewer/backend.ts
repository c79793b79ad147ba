// ViewerBackend: the one answer to the results viewer's requests (messages.ts), for every host.
// A host gives it a channel to its view and a connector (connector.ts); the backend decides the
// rest once: the ready handshake and what is queued before it, which result a follow-up is
// about (refusing one about a result no longer shown), the SQL of re-runs and chart queries
// built from structured requests, export streaming and formats, and cancel.
import { Table, type RecordBatch, type Schema } from 'apache-arrow';
import { ipcArrayBuffer, tableToIpc } from '../arrow/ipc';
import type { Disposable } from '../results/host';
import {
  PROTOCOL_VERSION,
  type ChartQueryMessage,
  type ExportMessage,
  type HostToViewMessage,
  type QueryStats,
  type RerunMessage,
  type ResultView,
  type ViewToHostMessage,
} from '../results/messages';
import type {
  ThemeKind,
  ViewerChannel,
  ViewerConnector,
  ViewerQueryOutcome,
  ViewerQueryRun,
  ViewerSession,
} from './connector';
import { EXPORT_FILE, exportEncoder } from './export-bytes';
import { FollowUpError, chartSql, checkFollowUp, viewSql } from './follow-up-sql';
import { ShownResult, type ResultOrigin, type ShownEntry } from './shown-result';

export type { ResultOrigin } from './shown-result';

/** How a shown result ended. */
export interface ResultEnd {
  /** False when only the first rows were fetched: sort/filter then run in Trino. */
  complete: boolean;
  totalRows?: number;
  stats?: QueryStats;
}

/** Rows a chart query may return: far more than any chart draws, so only a runaway is cut. */
const CHART_MAX_ROWS = 100_000;
const DEFAULT_MAX_ROWS = 10_000;

/** The first line of a failure, as the viewer's status line shows it. */
function lineOf(e: unknown): string {
  if (e instanceof Error) return e.message.split('\n')[0] || e.name;
  return String(e);
}

function ipcOf(rows: RecordBatch | Table): ArrayBuffer {
  const table = rows instanceof Table ? rows : new Table([rows]);
  return ipcArrayBuffer(tableToIpc(table, 'stream'));
}

/** The end message of a finished run: complete unless it stopped at its row cap. */
function endOf(outcome: ViewerQueryOutcome): ResultEnd {
  return {
    complete: !outcome.moreRows,
    totalRows: outcome.totalRows ?? (outcome.moreRows ? undefined : outcome.rowsDelivered),
    stats: outcome.elapsedMs === undefined ? undefined : { elapsedMs: outcome.elapsedMs },
  };
}

export class ViewerBackend implements Disposable {
  private ready = false;
  private queued: HostToViewMessage[] = [];
  private readonly shown = new ShownResult();
  /** Chart queries and exports in flight, by request id; re-runs are cancelled through `shown`. */
  private readonly requests = new Map<string, AbortController>();
  private readonly subscription: Disposable;
  private nextId = 0;
  private disposed = false;

  constructor(
    private readonly channel: ViewerChannel,
    private readonly connector: ViewerConnector,
  ) {
    this.subscription = channel.onMessage((m) => void this.onViewMessage(m));
  }

  // ---- results the host shows ----

  /** Starts a result that replaces the shown one; its rows follow with `append`. */
  begin(origin: ResultOrigin, queryId?: string): string {
    const resultId = `r${++this.nextId}`;
    // Only the newest result matters while the view loads: the queue keeps just the theme.
    this.queued = this.queued.filter((m) => m.type === 'theme');
    this.shown.replace(resultId, origin);
    this.post({ type: 'result-start', resultId, sql: origin.sql, queryId });
    return resultId;
  }

  append(resultId: string, rows: RecordBatch | Table): void {
    if (!this.shown.isShown(resultId)) return;
    this.noteSchema(resultId, rows.schema);
    this.post({ type: 'result-batch', resultId, ipc: ipcOf(rows) });
  }

  end(resultId: string, end: ResultEnd): void {
    if (!this.shown.isShown(resultId)) return;
    this.post({ type: 'result-end', resultId, ...end });
  }

  fail(resultId: string, message: string): void {
    if (!this.shown.isShown(resultId)) return;
    this.post({ type: 'result-error', resultId, message });
  }

  /** Shows a finished result (rows fetched already, e.g. from a notebook). */
  showTable(origin: ResultOrigin, table: Table, end: ResultEnd, queryId?: string): string {
    const resultId = this.begin(origin, queryId);
    this.append(resultId, table);
    this.end(resultId, end);
    return resultId;
  }

  /** Streams a running query into the view as its batches arrive; resolves with its outcome. */
  async showRun(origin: ResultOrigin, run: ViewerQueryRun): Promise<ViewerQueryOutcome> {
    const resultId = this.begin(origin);
    try {
      for await (const batch of run.batches()) this.append(resultId, batch);
      const outcome = await run.outcome;
      this.end(resultId, endOf(outcome));
      return outcome;
    } catch (e) {
      this.fail(resultId, lineOf(e));
      throw e;
    }
  }

  /** Shows a failure (or a cancellation): nothing is left to chart, re-run or export. */
  showError(sql: string, message: string): string {
    const resultId = `r${++this.nextId}`;
    this.queued = this.queued.filter((m) => m.type === 'theme');
    this.shown.replace(resultId, undefined);
    this.post({ type: 'result-start', resultId, sql });
    this.post({ type: 'result-error', resultId, message });
    return resultId;
  }

  setTheme(kind: ThemeKind): void {
    this.post({ type: 'theme', kind });
  }

  /** The view was destroyed (a closed webview): messages wait for the next view's `ready`. */
  viewGone(): void {
    this.ready = false;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.subscription.dispose();
    this.shown.dispose();
    for (const ctl of this.requests.values()) ctl.abort();
    this.requests.clear();
    this.queued = [];
  }

  // ---- the view's requests ----

  private post(message: HostToViewMessage): void {
    if (this.disposed) return;
    if (this.ready) this.channel.post(message);
    else this.queued.push(message);
  }

  private noteSchema(resultId: string, schema: Schema): void {
    const entry = this.shown.about(resultId);
    if (entry && !entry.schema) entry.schema = schema;
  }

  private async onViewMessage(m: ViewToHostMessage): Promise<void> {
    if (this.disposed) return;
    switch (m.type) {
      case 'ready':
        return this.onReady(m.protocol);
      case 'chart-query':
        return this.onChartQuery(m);
      case 'rerun':
        return this.onRerun(m);
      case 'export':
        return this.onExport(m);
      case 'save-file':
        await this.connector
          .saveFile({
            suggestedName: m.suggestedName,
            mimeType: m.mimeType,
            data: new Uint8Array(m.data),
            kind: 'chart',
          })
          .catch((e: unknown) => this.connector.warn?.(`saving ${m.suggestedName}: ${lineOf(e)}`));
        return;
      case 'copy':
        await this.connector
          .copy(m.text)
          .catch((e: unknown) => this.connector.warn?.(`copy: ${lineOf(e)}`));
        return;
      case 'cancel':
        this.requests.get(m.requestId)?.abort();
        return;
    }
  }

  private onReady(protocol: number): void {
    if (protocol !== PROTOCOL_VERSION)
      this.connector.warn?.(
        `results view speaks protocol ${protocol}, the host ${PROTOCOL_VERSION}`,
      );
    this.ready = true;
    const theme = this.connector.theme?.();
    if (theme) this.channel.post({ type: 'theme', kind: theme });
    const queued = this.queued;
    this.queued = [];
    for (const q of queued) this.channel.post(q);
  }

  /**
   * The shown result a follow-up is about and the session to run it on, or a FollowUpError
   * saying why it cannot run (a newer result is shown, an error is shown, no query capability).
   */
  private target(
    entry: ShownEntry | undefined,
    view: ResultView,
    what: string,
  ): { origin: ResultOrigin & { ref: string }; session: ViewerSession } {
    const origin = entry?.origin;
    if (!entry || !origin)
      throw new FollowUpError(`that result is no longer shown: nothing to ${what}`);
    const session = origin.session ?? this.connector.session;
    if (!session || origin.ref === undefined || origin.sql === '')
      throw new FollowUpError(`this result cannot be queried again: run its statement to ${what}`);
    checkFollowUp(entry.schema?.fields.map((f) => f.name) ?? [], view);
    return { origin: { ...origin, ref: origin.ref }, session };
  }

  private track(requestId: string): AbortController {
    this.requests.get(requestId)?.abort();
    const ctl = new AbortController();
    this.requests.set(requestId, ctl);
    return ctl;
  }

  private untrack(requestId: string, ctl: AbortController): void {
    if (this.requests.get(requestId) === ctl) this.requests.delete(requestId);
  }

  private async onChartQuery(m: ChartQueryMessage): Promise<void> {
    const ctl = this.track(m.requestId);
    try {
      const entry = this.shown.about(m.resultId);
      const { origin, session } = this.target(entry, m.view, 'chart');
      checkFollowUp(entry!.schema?.fields.map((f) => f.name) ?? [], m.view, m.chart);
      const run = session.query(chartSql(origin.sql, m.view, m.chart), {
        ref: origin.ref,
        maxRows: CHART_MAX_ROWS,
        signal: ctl.signal,
      });
      const batches: RecordBatch[] = [];
      for await (const b of run.batches()) batches.push(b);
      const outcome = await run.outcome;
      // No rows (nothing in range) is an empty chart, drawn from the schema.
      const schema = batches.length === 0 ? await run.schema : undefined;
      if (batches.length === 0 && !schema)
        throw new FollowUpError('the chart query returned no rows and no columns');
      this.post({
        type: 'chart-data',
        requestId: m.requestId,
        ipc: ipcOf(schema ? new Table(schema) : new Table(batches)),
        stats: outcome.elapsedMs === undefined ? undefined : { elapsedMs: outcome.elapsedMs },
      });
    } catch (e) {
      this.post({ type: 'request-error', requestId: m.requestId, message: lineOf(e) });
    } finally {
      this.untrack(m.requestId, ctl);
    }
  }

  private async onRerun(m: RerunMessage): Promise<void> {
    // A re-run streams under a fresh id the view chose (`r1~3`), about the shown result `r1`.
    const ticket = this.shown.rerun(m.resultId);
    if (!ticket) return; // a newer result is shown: the view has dropped this id already
    try {
      const { origin, session } = this.target(ticket.entry, m.view, 're-run');
      const run = session.query(viewSql(origin.sql, m.view), {
        ref: origin.ref,
        maxRows: this.connector.maxRows?.() ?? DEFAULT_MAX_ROWS,
        signal: ticket.signal,
      });
      this.post({ type: 'result-start', resultId: m.resultId, sql: origin.sql });
      let sent = 0;
      for await (const batch of run.batches()) {
        if (!ticket.current()) return;
        this.post({ type: 'result-batch', resultId: m.resultId, ipc: ipcOf(batch) });
        sent++;
      }
      const outcome = await run.outcome;
      // A filter that matches nothing still shows the columns: the result's schema, no rows.
      const schema = ticket.entry.schema;
      if (sent === 0 && schema && ticket.current())
        this.post({ type: 'result-batch', resultId: m.resultId, ipc: ipcOf(new Table(schema)) });
      if (ticket.current())
        this.post({ type: 'result-end', resultId: m.resultId, ...endOf(outcome) });
    } catch (e) {
      // A superseded re-run was cancelled on purpose: its failure is nobody's news.
      if (ticket.current())
        this.post({ type: 'result-error', resultId: m.resultId, message: lineOf(e) });
    } finally {
      ticket.finish();
    }
  }

  private async onExport(m: ExportMessage): Promise<void> {
    const ctl = this.track(m.requestId);
    try {
      const entry = this.shown.about(m.resultId);
      const { origin, session } = this.target(entry, m.view, 'export');
      const schema = entry!.schema;
      const encode = exportEncoder(m.format, () => schema, this.connector.encoders);
      if (!encode) throw new FollowUpError(`${m.format} export is not available here`);
      let rows = 0;
      // The query starts when the host reads the first bytes (after its save dialog), and stops
      // on the server whenever the host stops reading.
      async function* counted(): AsyncGenerator<RecordBatch> {
        const run = session.query(viewSql(origin.sql, m.view), {
          ref: origin.ref,
          signal: ctl.signal,
        });
        for await (const b of run.batches()) {
          ctl.signal.throwIfAborted();
          rows += b.numRows;
          yield b;
        }
        await run.outcome;
      }
      async function* bytes(): AsyncGenerator<Uint8Array> {
        try {
          yield* encode!(counted());
        } finally {
          ctl.abort();
        }
      }
      const file = EXPORT_FILE[m.format];
      const location = await this.connector.saveFile({
        suggestedName: `result.${file.extension}`,
        mimeType: file.mimeType,
        data: bytes(),
        kind: 'export',
      });
      if (location === undefined)
        this.post({ type: 'request-error', requestId: m.requestId, message: 'export cancelled' });
      else this.post({ type: 'export-done', requestId: m.requestId, location, rows });
    } catch (e) {
      this.post({ type: 'request-error', requestId: m.requestId, message: lineOf(e) });
    } finally {
      this.untrack(m.requestId, ctl);
    }
  }
}
