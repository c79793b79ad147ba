// One running statement. A background driver follows the protocol's nextUri chain and buffers a
// page or two ahead, so fetching the next page overlaps with decoding this one; the consumer
// turns pages into Arrow record batches as they arrive.
import { RecordBatch, Schema, Table } from 'apache-arrow';
import { InexactNumberError } from '../arrow/decoders';
import { PageDecoder } from '../arrow/page-decoder';
import { TrinoQueryError, TrinoTransportError, abortError } from './errors';
import { httpStatusText, type HttpReply, type TrinoTransport } from './http';
import { parsePage, parsePageExact } from './page-json';
import { progressOf, type TrinoProgress } from './progress';
import type { QueryResults, TrinoColumn, TrinoStats } from './protocol';
import { applySessionHeaders, sessionHeaders, type TrinoSession } from './session';

export interface QueryOptions {
  /** Aborting cancels the query on the server too, even before its first page. */
  signal?: AbortSignal;
  catalog?: string;
  schema?: string;
  sessionProperties?: Record<string, string>;
  /** The session to run in (from a previous query's `session`); catalog/schema/... override it. */
  session?: TrinoSession;
  onProgress?: (progress: TrinoProgress) => void;
  /** Trino's warnings and Loch's type-mapping warnings (a type kept as text). */
  onWarning?: (message: string) => void;
  /** Pages fetched ahead of the consumer (default 2). */
  prefetchPages?: number;
}

/** How a finished statement ended. */
export interface QuerySummary {
  queryId: string;
  updateType?: string;
  updateCount?: number;
  stats?: TrinoStats;
  rows: number;
}

/** A page's rows and its text, kept to re-read it exactly if a 64-bit integer needs it. */
interface BufferedPage {
  rows: unknown[][];
  text: string;
}

class Deferred<T> {
  readonly promise: Promise<T>;
  settled = false;
  resolve!: (v: T) => void;
  reject!: (e: unknown) => void;
  constructor() {
    this.promise = new Promise<T>((res, rej) => {
      this.resolve = (v) => {
        this.settled = true;
        res(v);
      };
      this.reject = (e) => {
        this.settled = true;
        rej(e);
      };
    });
    // Callers may never await some of these (e.g. only `table()`): no unhandled rejections.
    this.promise.catch(() => {});
  }
}

export class TrinoQuery {
  /** Trino's query id, known once the statement is accepted. */
  readonly queryId: Promise<string>;
  /** The result's columns (empty for statements without a result set). */
  readonly columns: Promise<TrinoColumn[]>;
  /** The Arrow schema the batches have, known when the columns are. */
  readonly schema: Promise<Schema>;
  /** The session after this statement (`USE`, `SET SESSION`, `PREPARE`, transactions). */
  readonly session: Promise<TrinoSession>;
  /** Resolves when the statement finished; rejects with its error. */
  readonly summary: Promise<QuerySummary>;

  private readonly ids = new Deferred<string>();
  private readonly cols = new Deferred<TrinoColumn[]>();
  private readonly schemaD = new Deferred<Schema>();
  private readonly sessionD = new Deferred<TrinoSession>();
  private readonly summaryD = new Deferred<QuerySummary>();
  private readonly ctl = new AbortController();
  private readonly buffered: BufferedPage[] = [];
  private wakeConsumer: (() => void) | undefined;
  private wakeDriver: (() => void) | undefined;
  private finished = false;
  private failure: unknown;
  private consumed = false;
  private receivedRows = 0;
  /** The server-side cursor: DELETE on it cancels the query. */
  private nextUri: string | undefined;
  private serverCancel: Promise<void> | undefined;
  private decoder: PageDecoder | undefined;

  constructor(
    private readonly transport: TrinoTransport,
    sql: string,
    private readonly options: QueryOptions = {},
  ) {
    this.queryId = this.ids.promise;
    this.columns = this.cols.promise;
    this.schema = this.schemaD.promise;
    this.session = this.sessionD.promise;
    this.summary = this.summaryD.promise;
    const { signal } = options;
    const onAbort = () => this.ctl.abort(signal!.reason);
    if (signal?.aborted) this.ctl.abort(signal.reason);
    else signal?.addEventListener('abort', onAbort, { once: true });
    // A long-lived signal (a notebook's, a host's) must not keep every finished query alive.
    void this.drive(sql).finally(() => signal?.removeEventListener('abort', onAbort));
  }

  /** Cancels the query here and on the server; resolves once Trino was told. */
  async cancel(): Promise<void> {
    if (!this.finished) this.ctl.abort(abortError());
    await this.serverCancel;
  }

  /** The result as Arrow record batches, one per page with rows, as they arrive. Read once. */
  async *batches(): AsyncGenerator<RecordBatch, void, undefined> {
    const decoder = await this.pageDecoder();
    for await (const page of this.rowPages()) {
      let batch: RecordBatch;
      try {
        batch = decoder.decode(page.rows);
      } catch (e) {
        if (!(e instanceof InexactNumberError)) throw e;
        batch = decoder.decode(parsePageExact(page.text).data!);
      }
      yield batch;
    }
  }

  /** The whole result as one Arrow table (zero batches and the schema when it is empty). */
  async table(): Promise<Table> {
    const batches: RecordBatch[] = [];
    for await (const b of this.batches()) batches.push(b);
    return batches.length ? new Table(batches) : new Table(await this.schema);
  }

  /** The result as the protocol's JSON rows, undecoded (64-bit integers beyond 2^53 as text). */
  async rows(): Promise<unknown[][]> {
    const out: unknown[][] = [];
    for await (const page of this.rowPages()) {
      const rows = page.rows.some(holdsInexactInteger)
        ? parsePageExact(page.text).data!
        : page.rows;
      for (const r of rows) out.push(r);
    }
    return out;
  }

  private async pageDecoder(): Promise<PageDecoder> {
    await this.columns;
    return this.decoder!;
  }

  /** The columns are known: the Arrow schema (and the decoder behind it) follow at once. */
  private columnsKnown(columns: TrinoColumn[]): void {
    this.decoder = new PageDecoder(columns, (m) => this.warn(m));
    this.schemaD.resolve(this.decoder.schema);
    this.cols.resolve(columns);
  }

  /** The buffered pages' rows in order; leaving early cancels the query. */
  private async *rowPages(): AsyncGenerator<BufferedPage, void, undefined> {
    if (this.consumed) throw new Error('a query result can be read once');
    this.consumed = true;
    let complete = false;
    try {
      for (;;) {
        const page = this.buffered.shift();
        if (page) {
          this.wakeDriver?.();
          yield page;
          continue;
        }
        if (this.failure !== undefined) throw this.failure;
        if (this.finished) break;
        await new Promise<void>((r) => (this.wakeConsumer = r));
        this.wakeConsumer = undefined;
      }
      complete = true;
    } finally {
      if (!complete && !this.finished) await this.cancel();
    }
  }

  private warn(message: string): void {
    try {
      this.options.onWarning?.(message);
    } catch {
      // A host's warning sink must not break the query.
    }
  }

  private baseSession(): TrinoSession {
    const o = this.options;
    const base = o.session ?? {};
    return {
      ...base,
      catalog: o.catalog ?? base.catalog,
      schema: o.schema ?? base.schema,
      properties: { ...base.properties, ...o.sessionProperties },
    };
  }

  /**
   * Rejects when the query is aborted; never settles otherwise. One promise per query, so that
   * waiting for it page after page adds no abort listener each time (Node warns past ten).
   */
  private abortedP: Promise<never> | undefined;
  private aborted(): Promise<never> {
    if (!this.abortedP) {
      const signal = this.ctl.signal;
      this.abortedP = new Promise<never>((_, reject) => {
        if (signal.aborted) reject(abortError(signal.reason));
        else
          signal.addEventListener('abort', () => reject(abortError(signal.reason)), { once: true });
      });
      this.abortedP.catch(() => {});
    }
    return this.abortedP;
  }

  private async drive(sql: string): Promise<void> {
    let session = this.baseSession();
    let stats: TrinoStats | undefined;
    let last: QueryResults | undefined;
    try {
      // The POST itself is not aborted: Trino may already have created the query, and only its
      // answer says which nextUri to DELETE. An abort meanwhile is handled when it arrives.
      const post = this.transport.send(
        `${this.transport.options.baseUrl}/v1/statement`,
        { method: 'POST', headers: sessionHeaders(session), body: sql },
        undefined,
        false,
        // A POST answered by a login challenge created no query: waiting for the login may end.
        this.ctl.signal,
      );
      let reply: HttpReply;
      try {
        reply = await Promise.race([post, this.aborted()]);
      } catch (e) {
        if (this.ctl.signal.aborted) {
          this.serverCancel = post
            .then((r) => {
              this.nextUri = r.status === 200 ? parsePage(r.text).nextUri : undefined;
              return this.deleteOnServer();
            })
            .catch(() => {});
        }
        throw e;
      }
      for (;;) {
        const page = this.accept(reply, last?.id);
        last = page;
        session = applySessionHeaders(session, reply.headers);
        this.nextUri = page.nextUri;
        if (!this.ids.settled) this.ids.resolve(page.id);
        if (page.columns && !this.cols.settled) this.columnsKnown(page.columns);
        for (const w of page.warnings ?? []) this.warn(w.message);
        if (page.data?.length) {
          this.receivedRows += page.data.length;
          this.buffered.push({ rows: page.data, text: reply.text });
          this.wakeConsumer?.();
        }
        if (page.stats) {
          stats = page.stats;
          this.progress(page.id, page.stats);
        }
        if (page.error) throw queryError(page);
        if (!page.nextUri) break;
        await this.roomInBuffer();
        reply = await this.transport.send(page.nextUri, { method: 'GET' }, this.ctl.signal, true);
      }
      this.nextUri = undefined;
      this.finished = true;
      if (!this.cols.settled) this.columnsKnown([]);
      this.sessionD.resolve(session);
      this.summaryD.resolve({
        queryId: last!.id,
        updateType: last!.updateType,
        updateCount: last!.updateCount,
        stats,
        rows: this.receivedRows,
      });
    } catch (e) {
      const error = this.ctl.signal.aborted ? abortError(this.ctl.signal.reason) : e;
      if (this.ctl.signal.aborted && !this.serverCancel) this.serverCancel = this.deleteOnServer();
      this.fail(error);
    } finally {
      this.wakeConsumer?.();
    }
  }

  private fail(error: unknown): void {
    this.failure = error;
    this.finished = true;
    for (const d of [
      this.ids,
      this.cols,
      this.schemaD,
      this.sessionD,
      this.summaryD,
    ] as Deferred<unknown>[]) {
      if (!d.settled) d.reject(error);
    }
  }

  /** Waits while the consumer is `prefetchPages` pages behind (abortable). */
  private async roomInBuffer(): Promise<void> {
    const limit = this.options.prefetchPages ?? 2;
    while (this.buffered.length >= limit) {
      await Promise.race([new Promise<void>((r) => (this.wakeDriver = r)), this.aborted()]);
      this.wakeDriver = undefined;
    }
  }

  private progress(queryId: string, stats: TrinoStats): void {
    if (!this.options.onProgress) return;
    try {
      this.options.onProgress(progressOf(queryId, stats, this.receivedRows));
    } catch {
      // A progress UI's failure must not fail the query.
    }
  }

  /** Tells Trino to drop the query: DELETE on its current nextUri. Best effort, bounded. */
  private async deleteOnServer(): Promise<void> {
    const uri = this.nextUri;
    this.nextUri = undefined;
    if (!uri) return;
    try {
      await this.transport.send(uri, { method: 'DELETE' }, AbortSignal.timeout(10_000), true);
    } catch {
      // Trino is gone or slow: it abandons the query on its own when the client stops polling.
    }
  }

  /** A reply as a page, or the transport error it stands for. */
  private accept(reply: HttpReply, queryId: string | undefined): QueryResults {
    if (reply.status === 200) {
      try {
        return parsePage(reply.text);
      } catch {
        throw new TrinoTransportError(
          `Trino sent a page that is not JSON: ${reply.text.slice(0, 80)}`,
          200,
          'protocol',
        );
      }
    }
    if (queryId && (reply.status === 404 || reply.status === 410)) {
      throw new TrinoTransportError(
        `Trino no longer knows query ${queryId} (HTTP ${reply.status}): it restarted or dropped the query`,
        reply.status,
        'lost-query',
      );
    }
    throw new TrinoTransportError(`Trino answered ${httpStatusText(reply)}`, reply.status);
  }
}

/**
 * True when JSON.parse rounded an integer of this value: at its top or anywhere inside an array,
 * map or row (an `array(bigint)` holds 64-bit integers too).
 */
function holdsInexactInteger(v: unknown): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v);
  if (Array.isArray(v)) return v.some(holdsInexactInteger);
  if (v !== null && typeof v === 'object') return Object.values(v).some(holdsInexactInteger);
  return false;
}

function queryError(page: QueryResults): TrinoQueryError {
  const e = page.error!;
  return new TrinoQueryError(
    e.message,
    e.errorName,
    e.errorCode,
    e.errorType,
    page.id,
    e.errorLocation?.lineNumber,
    e.errorLocation?.columnNumber,
  );
}
