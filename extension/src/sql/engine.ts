// Runs one statement for the editor, the notebook and previews through the core's TrinoClient,
// and hands back the result as Arrow IPC bytes. Cancel cancels on the server.
import { Table, type RecordBatch } from 'apache-arrow';
import { type TrinoClient, type TrinoColumn, type TrinoProgress, tableToIpc } from '@loch/core';

export interface QueryOptions {
  catalog?: string;
  schema?: string;
  /** Rows kept for the viewer; the rest is counted, not kept. */
  maxRows?: number;
  onProgress?: (p: TrinoProgress) => void;
  /** Called with each kept batch as it arrives (the results panel streams them). */
  onBatch?: (batch: RecordBatch) => void;
}

export interface QueryOutcome {
  queryId: string;
  columns: TrinoColumn[];
  /** The kept rows as one Arrow IPC stream. */
  ipc: Uint8Array;
  rowCount: number;
  truncated: boolean;
  updateType?: string;
  elapsedMs: number;
}

export interface QueryRun {
  queryId: Promise<string>;
  done: Promise<QueryOutcome>;
  /** Cancels on the server; `done` then rejects with `QueryCancelledError`. */
  cancel(): Promise<void>;
}

export class QueryCancelledError extends Error {
  override readonly name = 'QueryCancelledError';
  constructor(readonly queryId: string | undefined) {
    super(queryId ? `query ${queryId} was cancelled` : 'the query was cancelled');
  }
}

export function startQuery(client: TrinoClient, sql: string, options: QueryOptions = {}): QueryRun {
  const started = Date.now();
  const abort = new AbortController();
  const maxRows = options.maxRows ?? 10_000;
  const query = client.query(sql, {
    signal: abort.signal,
    catalog: options.catalog,
    schema: options.schema,
    onProgress: options.onProgress,
  });
  let knownId: string | undefined;
  void query.queryId.then(
    (id) => (knownId = id),
    () => undefined,
  );

  const done = (async (): Promise<QueryOutcome> => {
    try {
      const kept: RecordBatch[] = [];
      let keptRows = 0;
      let total = 0;
      for await (const batch of query.batches()) {
        total += batch.numRows;
        if (keptRows < maxRows) {
          const b = keptRows + batch.numRows > maxRows ? batch.slice(0, maxRows - keptRows) : batch;
          kept.push(b);
          keptRows += b.numRows;
          options.onBatch?.(b);
        }
      }
      const [summary, columns, schema] = await Promise.all([
        query.summary,
        query.columns,
        query.schema,
      ]);
      const table = kept.length ? new Table(kept) : new Table(schema);
      return {
        queryId: summary.queryId,
        columns,
        ipc: tableToIpc(table, 'stream'),
        rowCount: total,
        truncated: total > keptRows,
        updateType: summary.updateType,
        elapsedMs: Date.now() - started,
      };
    } catch (e) {
      if (abort.signal.aborted || (e as Error)?.name === 'AbortError')
        throw new QueryCancelledError(knownId);
      throw e;
    }
  })();
  done.catch(() => undefined);

  return {
    queryId: query.queryId,
    done,
    cancel: async () => {
      abort.abort();
      await query.cancel();
    },
  };
}
