// Runs one statement for the editor, the notebook and previews, and hands back Arrow IPC bytes.
// Cancel cancels on the server (DELETE on the statement's URI), not just locally.
//
// Interim adapter: the core's streaming `TrinoClient` (Trino pages → Arrow batches) is being
// built in shared/src/trino; until it lands this pages the protocol itself and builds the Arrow
// table from the JSON values. Swap the body of `startQuery` for `TrinoClient.query` then.
import {
  Bool,
  Float64,
  Int64,
  Table,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { TrinoQueryError, TrinoTransportError } from '@loch/core/trino/errors';
import type { TrinoColumn, TrinoConnection } from '@loch/core/trino/client';

export interface QueryOptions {
  catalog?: string;
  schema?: string;
  /** Rows kept for the viewer; the query still runs to completion on the server. */
  maxRows?: number;
  onProgress?: (p: { state: string; processedRows: number; elapsedMs: number }) => void;
}

export interface QueryOutcome {
  queryId: string;
  columns: TrinoColumn[];
  /** The result as one Arrow IPC stream. */
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
    super(`query ${queryId ?? ''} was cancelled`.replace('  ', ' '));
  }
}

interface Page {
  id: string;
  nextUri?: string;
  columns?: TrinoColumn[];
  data?: unknown[][];
  updateType?: string;
  stats?: { state: string; processedRows?: number; elapsedTimeMillis?: number };
  error?: {
    message: string;
    errorName: string;
    errorCode: number;
    errorType: string;
    errorLocation?: { lineNumber: number; columnNumber: number };
  };
}

export function startQuery(
  conn: TrinoConnection,
  sql: string,
  options: QueryOptions = {},
): QueryRun {
  const doFetch = conn.fetch ?? fetch;
  const headers: Record<string, string> = {
    'X-Trino-User': conn.user,
    'X-Trino-Source': 'loch-vscode',
  };
  const catalog = options.catalog ?? conn.catalog;
  const schema = options.schema ?? conn.schema;
  if (catalog) headers['X-Trino-Catalog'] = catalog;
  if (schema) headers['X-Trino-Schema'] = schema;
  const abort = new AbortController();
  let nextUri: string | undefined;
  let cancelled = false;
  let resolveId!: (id: string) => void;
  const queryId = new Promise<string>((r) => (resolveId = r));
  let knownId: string | undefined;
  const started = Date.now();
  const maxRows = options.maxRows ?? 10_000;

  const call = async (url: string, init: RequestInit): Promise<Page> => {
    let res: Response;
    try {
      res = await doFetch(url, { ...init, headers, signal: abort.signal });
    } catch (e) {
      if (cancelled) throw new QueryCancelledError(knownId);
      throw new TrinoTransportError(`cannot reach Trino at ${conn.url}: ${(e as Error).message}`);
    }
    if (res.status === 503 || res.status === 429) {
      await new Promise((r) => setTimeout(r, 100));
      return call(url, init);
    }
    if (!res.ok)
      throw new TrinoTransportError(
        `Trino answered HTTP ${res.status} ${res.statusText}`,
        res.status,
      );
    return (await res.json()) as Page;
  };

  const done = (async (): Promise<QueryOutcome> => {
    let page = await call(`${conn.url.replace(/\/$/, '')}/v1/statement`, {
      method: 'POST',
      body: sql,
    });
    knownId = page.id;
    resolveId(page.id);
    let columns: TrinoColumn[] = [];
    const rows: unknown[][] = [];
    let total = 0;
    for (;;) {
      if (page.columns) columns = page.columns;
      if (page.data) {
        total += page.data.length;
        for (const r of page.data) if (rows.length < maxRows) rows.push(r);
      }
      if (page.stats) {
        options.onProgress?.({
          state: page.stats.state,
          processedRows: page.stats.processedRows ?? 0,
          elapsedMs: Date.now() - started,
        });
      }
      if (page.error) {
        const e = page.error;
        if (cancelled || e.errorName === 'USER_CANCELED') throw new QueryCancelledError(page.id);
        throw new TrinoQueryError(
          e.message,
          e.errorName,
          e.errorCode,
          e.errorType,
          page.id,
          e.errorLocation?.lineNumber,
          e.errorLocation?.columnNumber,
        );
      }
      nextUri = page.nextUri;
      if (!nextUri) break;
      if (cancelled) throw new QueryCancelledError(page.id);
      page = await call(nextUri, { method: 'GET' });
    }
    return {
      queryId: page.id,
      columns,
      ipc: toArrowIpc(columns, rows),
      rowCount: total,
      truncated: total > rows.length,
      updateType: page.updateType,
      elapsedMs: Date.now() - started,
    };
  })();
  // Never an unhandled rejection: callers observe `done`.
  done.catch(() => undefined);

  return {
    queryId,
    done,
    cancel: async () => {
      if (cancelled) return;
      cancelled = true;
      const uri = nextUri;
      if (uri) {
        try {
          await doFetch(uri, { method: 'DELETE', headers });
        } catch {
          // The abort below still stops the client; the server then abandons the query.
        }
      }
      abort.abort();
    },
  };
}

/** Trino's JSON values → one Arrow table. Numbers stay numbers, everything else is text. */
export function toArrowIpc(columns: TrinoColumn[], rows: unknown[][]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  const seen = new Map<string, number>();
  columns.forEach((c, i) => {
    const values = rows.map((r) => r[i]);
    const base = c.type.replace(/\(.*$/, '');
    let v: Vector;
    if (['bigint'].includes(base)) {
      v = vectorFromArray(
        values.map((x) => (x == null ? null : BigInt(x as number))),
        new Int64(),
      );
    } else if (['integer', 'smallint', 'tinyint', 'double', 'real'].includes(base)) {
      v = vectorFromArray(
        values.map((x) => (x == null ? null : Number(x))),
        new Float64(),
      );
    } else if (base === 'boolean') {
      v = vectorFromArray(
        values.map((x) => (x == null ? null : Boolean(x))),
        new Bool(),
      );
    } else {
      v = vectorFromArray(
        values.map((x) => (x == null ? null : typeof x === 'string' ? x : JSON.stringify(x))),
        new Utf8(),
      );
    }
    // Arrow field names must be unique; Trino allows duplicates (SELECT 1 a, 2 a).
    const n = seen.get(c.name) ?? 0;
    seen.set(c.name, n + 1);
    vectors[n ? `${c.name}_${n + 1}` : c.name] = v;
  });
  return tableToIPC(new Table(vectors), 'stream');
}
