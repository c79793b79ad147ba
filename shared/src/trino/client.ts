// Loch's Trino client: written for this core rather than the npm `trino-client` (basic auth
// only, no abort, no cancel before the first page, one mutable session for all queries).
import type { TrinoAuth } from './auth';
import { TrinoTransport } from './http';
import { TrinoQuery, type QueryOptions } from './query';
import type { TrinoColumn } from './protocol';

export type { TrinoAuth } from './auth';
export type { TrinoColumn, TrinoTypeSignature } from './protocol';
export type { TrinoProgress } from './progress';
export type { QueryOptions, QuerySummary } from './query';
export type { TrinoSession } from './session';
export { TrinoQuery } from './query';

/** TLS settings for HTTPS coordinators; applied by the Node `fetch` from `nodeTlsFetch`. */
export interface TrinoTlsOptions {
  /** PEM certificate(s) of the authority that signed Trino's certificate. */
  ca?: string | string[];
  /** Verify Trino's certificate (default true). Turning it off is for throwaway test setups. */
  verify?: boolean;
}

export interface TrinoClientOptions {
  /** `http(s)://host:port` of the coordinator. */
  url: string;
  /** Sent as X-Trino-User; '' sends none, and Trino takes the authenticated principal. */
  user: string;
  auth?: TrinoAuth;
  /** The host's fetch (JupyterLab routes through its server; Node applies TLS options). */
  fetch?: typeof fetch;
  /**
   * TLS options. They need a fetch that can apply them (`nodeTlsFetch(tls)` in Node; a browser
   * uses its own trust store), so giving `tls` without `fetch` is an error.
   */
  tls?: TrinoTlsOptions;
  /** Bound on each HTTP request (ms, default 60 s; Trino answers a nextUri within ~1 s). */
  requestTimeoutMs?: number;
  /** How long a request is retried on 502/503/504 or a dropped connection (ms, default 30 s). */
  retryBudgetMs?: number;
  /**
   * Whether Trino may gzip its answers. `auto` (the default) asks a coordinator on this machine
   * (a loopback address) for plain answers, where bandwidth costs nothing and gzip costs Trino's
   * coordinator more than it saves: 1,000,000 rows of lineitem came 2.5× faster without it. A
   * remote coordinator is let compress. Browsers ignore the setting (they negotiate encodings
   * themselves).
   */
  compression?: 'auto' | 'gzip' | 'none';
}

/** `localhost`, 127.0.0.0/8 and ::1. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

export class TrinoClient {
  private readonly transport: TrinoTransport;

  constructor(readonly options: TrinoClientOptions) {
    if (options.tls && !options.fetch) {
      throw new TypeError(
        'TrinoClient: `tls` needs a fetch that applies it, e.g. nodeTlsFetch(tls)',
      );
    }
    this.transport = new TrinoTransport({
      baseUrl: options.url.replace(/\/+$/, ''),
      user: options.user,
      auth: options.auth ?? { type: 'none' },
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
      retryBudgetMs: options.retryBudgetMs ?? 30_000,
      compress:
        options.compression === 'gzip' ||
        (options.compression !== 'none' && !isLoopbackUrl(options.url)),
    });
  }

  /**
   * Starts a statement. Engine errors reject the query's promises with `TrinoQueryError`,
   * transport failures with `TrinoTransportError`, cancellation with an `AbortError`.
   */
  query(sql: string, options: QueryOptions = {}): TrinoQuery {
    return new TrinoQuery(this.transport, sql, options);
  }

  /**
   * Runs one statement to completion: all rows as the protocol's JSON values. This is the
   * shape the lakehouse layer's `SqlRunner` takes, so a host passes `(sql, o) => c.statement(sql, o)`.
   */
  async statement(sql: string, options: QueryOptions = {}): Promise<StatementResult> {
    const query = this.query(sql, options);
    const rows = await query.rows();
    const [summary, columns] = await Promise.all([query.summary, query.columns]);
    return { queryId: summary.queryId, columns, rows, updateType: summary.updateType };
  }
}

export interface StatementResult {
  queryId: string;
  columns: TrinoColumn[];
  /** The protocol's JSON values (64-bit integers beyond 2^53 as decimal text). */
  rows: unknown[][];
  updateType?: string;
}
