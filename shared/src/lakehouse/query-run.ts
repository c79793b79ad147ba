/**
 * One statement run by a `LakehouseSession`: Arrow batches up to a row cap, then an outcome.
 *
 * At the cap the query is cancelled on the server (Trino would otherwise keep producing rows no
 * one reads) unless the caller asked to keep it open, in which case `loadMore` continues the
 * same query without re-running it. Engine errors and cancellation end as data on the outcome
 * (status `failed` / `cancelled`); transport errors reject it. `batches()` throws whatever
 * stopped the rows, so a reader never takes a truncated result for a whole one.
 */
import type { RecordBatch, Schema } from 'apache-arrow';
import { TrinoQueryError } from '../trino/errors';
import type { TrinoColumn, TrinoQuery, TrinoSession } from '../trino/client';
import { BatchChannel } from './batch-channel';
import type { ResultPin } from './pinning';

export type QueryStatus = 'finished' | 'capped' | 'cancelled' | 'failed';

export interface QueryOutcome {
  queryId: string;
  sql: string;
  /** The ref it ran on; '' when the caller named a catalog instead of a ref. */
  ref: string;
  catalog: string;
  columns: TrinoColumn[];
  /** Rows handed to the caller (by `batches()`, plus every `loadMore` so far). */
  rowsDelivered: number;
  /** True when the result has rows beyond those delivered. */
  moreRows: boolean;
  /** All rows of the result; only when Trino finished the query (so it knows). */
  totalRows?: number;
  /** DML/DDL: `INSERT`, `DELETE`, `CREATE TABLE`... */
  updateType?: string;
  /** DML: rows inserted, deleted, updated. */
  updateCount?: number;
  /** The ref's head when the statement was sent and the snapshot of every lake table it read. */
  pin?: ResultPin;
  status: QueryStatus;
  startedAt: string;
  elapsedMs: number;
  /** One line, for `failed` (e.g. `TABLE_NOT_FOUND at 1:15: Table 'lake.demo.x' does not exist`). */
  error?: string;
  /** For `failed`: Trino's error name and where in the statement (1-based), for diagnostics. */
  errorName?: string;
  errorLine?: number;
  errorColumn?: number;
}

/** Rows fetched by `loadMore`, and the run's outcome after them. */
export interface MoreRows extends AsyncIterable<RecordBatch> {
  readonly outcome: Promise<QueryOutcome>;
}

export interface QueryRun {
  readonly sql: string;
  readonly ref: string;
  /** Rejects when the statement never reached Trino (routing failed, cancelled first). */
  readonly queryId: Promise<string>;
  /** The Arrow schema of the batches (known even when no batch comes). */
  readonly schema: Promise<Schema>;
  /** At most `maxRows` rows in total; readable more than once, each time from the start. */
  batches(): AsyncIterable<RecordBatch>;
  readonly outcome: Promise<QueryOutcome>;
  /** With `keepOpen`: up to `rows` more rows of the same query (none once it has no more). */
  loadMore(rows: number): MoreRows;
  /** Cancels on the server (also a query kept open at its cap); resolves once Trino was told. */
  cancel(): Promise<void>;
}

/** A run of `queryScript`: the Trino session after it (`USE`, `SET SESSION`) feeds the next. */
export interface ScriptRun extends QueryRun {
  /** Undefined when the statement did not finish. */
  readonly trinoSession: Promise<TrinoSession | undefined>;
}

/** What the session resolved before the statement could be sent. */
export interface PreparedQuery {
  query: TrinoQuery;
  catalog: string;
  /** Never rejects: undefined when nothing could be pinned. */
  pin: Promise<ResultPin | undefined>;
}

export interface QueryRunOptions {
  sql: string;
  ref: string;
  maxRows: number;
  keepOpen: boolean;
  /** Cancellation by the caller; aborting is the same as `cancel()`. */
  signal?: AbortSignal;
  /** Routes the ref and starts the statement under the run's own signal. */
  prepare(signal: AbortSignal): Promise<PreparedQuery>;
  /** Awaited before the first outcome resolves (history, commit events); errors are ignored. */
  settled?(outcome: QueryOutcome): Promise<void>;
  /** The run failed below the SQL level (the outcome rejects with `error`). */
  failed?(error: unknown, startedAt: Date): void;
}

class Deferred<T> {
  readonly promise: Promise<T>;
  resolve!: (v: T) => void;
  reject!: (e: unknown) => void;
  constructor() {
    this.promise = new Promise<T>((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
    // A caller may read only some of the run's promises.
    this.promise.catch(() => {});
  }
}

/** Validates a row cap: a whole number of at least 1, or Infinity for none. */
export function checkMaxRows(maxRows: number): number {
  if (maxRows !== Infinity && (!Number.isInteger(maxRows) || maxRows < 1)) {
    throw new RangeError(`maxRows is a whole number >= 1, not ${maxRows}`);
  }
  return maxRows;
}

export class SessionQueryRun implements ScriptRun {
  readonly sql: string;
  readonly ref: string;
  readonly queryId: Promise<string>;
  readonly schema: Promise<Schema>;
  readonly outcome: Promise<QueryOutcome>;

  private readonly ctl = new AbortController();
  private readonly ids = new Deferred<string>();
  private readonly schemaD = new Deferred<Schema>();
  private readonly first = new BatchChannel();
  private readonly startedAt = new Date();
  private prepared: PreparedQuery | undefined;
  private rows: AsyncIterator<RecordBatch> | undefined;
  /** A batch read but not yet delivered: the rest of one split at the cap, or a peeked one. */
  private pending: RecordBatch | undefined;
  private exhausted = false;
  private delivered = 0;
  /** Set once Trino finished the query (every row received by the client). */
  private summaryRows: number | undefined;
  /** The last outcome: each `loadMore` continues after it. */
  private tail: Promise<QueryOutcome>;

  constructor(private readonly options: QueryRunOptions) {
    this.sql = options.sql;
    this.ref = options.ref;
    this.queryId = this.ids.promise;
    this.schema = this.schemaD.promise;
    const { signal } = options;
    const onAbort = () => this.ctl.abort(signal!.reason);
    if (signal?.aborted) this.ctl.abort(signal.reason);
    else signal?.addEventListener('abort', onAbort, { once: true });
    this.outcome = this.start()
      .then(
        async (outcome) => {
          await options.settled?.(outcome).catch(() => undefined);
          return outcome;
        },
        (error: unknown) => {
          options.failed?.(error, this.startedAt);
          throw error;
        },
      )
      .finally(() => signal?.removeEventListener('abort', onAbort));
    this.outcome.catch(() => {});
    this.tail = this.outcome;
  }

  get trinoSession(): Promise<TrinoSession | undefined> {
    return this.outcome.then(
      (o) => (o.status === 'finished' ? this.prepared?.query.session : undefined),
      () => undefined,
    );
  }

  batches(): AsyncIterable<RecordBatch> {
    return this.first.read();
  }

  loadMore(rows: number): MoreRows {
    checkMaxRows(rows);
    if (!this.options.keepOpen) throw new Error('loadMore needs a query run with keepOpen');
    const channel = new BatchChannel();
    const outcome = this.tail.then(async (before) => {
      if (before.status !== 'capped' || !before.moreRows) {
        channel.close();
        return before;
      }
      return this.chunk(channel, rows);
    });
    outcome.catch(() => {});
    this.tail = outcome;
    return { outcome, [Symbol.asyncIterator]: () => channel.read() };
  }

  async cancel(): Promise<void> {
    this.ctl.abort(new DOMException('the query was cancelled', 'AbortError'));
    // A run kept open at its cap has no reader left to notice the abort: free it here.
    await this.cancelOnServer();
  }

  private async start(): Promise<QueryOutcome> {
    try {
      this.prepared = await this.options.prepare(this.ctl.signal);
      const q = this.prepared.query;
      q.queryId.then(this.ids.resolve, this.ids.reject);
      q.schema.then(this.schemaD.resolve, this.schemaD.reject);
      q.summary.then(
        (s) => (this.summaryRows = s.rows),
        () => undefined,
      );
      this.rows = q.batches()[Symbol.asyncIterator]();
    } catch (e) {
      this.ids.reject(e);
      this.schemaD.reject(e);
      return this.ended(this.first, e);
    }
    return this.chunk(this.first, this.options.maxRows);
  }

  /** Delivers up to `limit` rows into `channel`, then settles the outcome they lead to. */
  private async chunk(channel: BatchChannel, limit: number): Promise<QueryOutcome> {
    try {
      let n = 0;
      while (n < limit) {
        const b = await this.nextBatch();
        if (!b) break;
        const keep = Math.min(b.numRows, limit - n);
        if (keep < b.numRows) this.pending = b.slice(keep);
        channel.push(keep < b.numRows ? b.slice(0, keep) : b);
        n += keep;
      }
      this.delivered += n;
      // Exactly at the cap: one more batch tells whether the result has more rows.
      if (!this.exhausted && !this.pending) this.pending = await this.nextBatch();
      const outcome = await this.settle();
      channel.close();
      return outcome;
    } catch (e) {
      return this.ended(channel, e);
    }
  }

  private async nextBatch(): Promise<RecordBatch | undefined> {
    if (this.pending) {
      const b = this.pending;
      this.pending = undefined;
      return b;
    }
    if (this.exhausted) return undefined;
    const r = await this.rows!.next();
    if (r.done) this.exhausted = true;
    return r.done ? undefined : r.value;
  }

  private async settle(): Promise<QueryOutcome> {
    const q = this.prepared!.query;
    const columns = await q.columns;
    const base = {
      queryId: await q.queryId,
      columns,
      rowsDelivered: this.delivered,
      pin: await this.prepared!.pin,
    };
    if (this.exhausted) {
      const summary = await q.summary;
      return this.outcomeOf({
        ...base,
        moreRows: false,
        totalRows: summary.rows,
        updateType: summary.updateType,
        updateCount: summary.updateCount,
        status: 'finished',
      });
    }
    // Capped. Trino may already have sent every row (a small result, fetched ahead): then it
    // knows the total and there is nothing to cancel.
    const totalRows = this.summaryRows;
    if (!this.options.keepOpen) await this.cancelOnServer();
    return this.outcomeOf({
      ...base,
      moreRows: true,
      totalRows,
      status: 'capped',
    });
  }

  /** The outcome of a run that stopped on an error or a cancel (or rejects: transport). */
  private async ended(channel: BatchChannel, error: unknown): Promise<QueryOutcome> {
    channel.fail(error);
    const cancelled =
      this.ctl.signal.aborted || (error as Error | undefined)?.name === 'AbortError';
    if (!cancelled && !(error instanceof TrinoQueryError)) throw error;
    if (cancelled) await this.cancelOnServer();
    const q = this.prepared?.query;
    const queryId =
      error instanceof TrinoQueryError && error.queryId
        ? error.queryId
        : await (q?.queryId.catch(() => '') ?? '');
    return this.outcomeOf({
      queryId,
      columns: q ? await q.columns.catch(() => []) : [],
      rowsDelivered: this.delivered,
      moreRows: false,
      pin: this.prepared ? await this.prepared.pin : undefined,
      ...(cancelled
        ? { status: 'cancelled' as const }
        : {
            status: 'failed' as const,
            error: (error as TrinoQueryError).oneLine(),
            errorName: (error as TrinoQueryError).errorName,
            errorLine: (error as TrinoQueryError).line,
            errorColumn: (error as TrinoQueryError).column,
          }),
    });
  }

  private outcomeOf(
    o: Omit<QueryOutcome, 'sql' | 'ref' | 'catalog' | 'startedAt' | 'elapsedMs'>,
  ): QueryOutcome {
    const out: QueryOutcome = {
      ...o,
      sql: this.sql,
      ref: this.ref,
      catalog: this.prepared?.catalog ?? '',
      startedAt: this.startedAt.toISOString(),
      elapsedMs: Date.now() - this.startedAt.getTime(),
    };
    // Absent, not `undefined`: outcomes are posted to webviews and compared in tests.
    for (const k of Object.keys(out) as (keyof QueryOutcome)[]) {
      if (out[k] === undefined) delete out[k];
    }
    return out;
  }

  /**
   * Stops the query on the server and waits until Trino was told (the DELETE on its cursor).
   * Closing the batch reader aborts the query; its summary settles once the client has sent the
   * DELETE, and a second `cancel()` then waits for that request to finish.
   */
  private async cancelOnServer(): Promise<void> {
    const q = this.prepared?.query;
    if (!q) return;
    const rows = this.rows;
    this.rows = undefined;
    this.exhausted = true;
    this.pending = undefined;
    await rows?.return?.();
    await q.cancel();
    await q.summary.catch(() => undefined);
    await q.cancel();
  }
}
