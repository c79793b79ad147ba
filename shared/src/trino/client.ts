import { TrinoQueryError, TrinoTransportError } from './errors';

/** How to reach one Trino coordinator. `fetch` is injected by the host (JupyterLab proxies it). */
export interface TrinoConnection {
  url: string;
  user: string;
  catalog?: string;
  schema?: string;
  fetch?: typeof fetch;
}

export interface TrinoColumn {
  name: string;
  type: string;
}

export interface StatementResult {
  queryId: string;
  columns: TrinoColumn[];
  rows: unknown[][];
  updateType?: string;
}

interface QueryResults {
  id: string;
  nextUri?: string;
  columns?: TrinoColumn[];
  data?: unknown[][];
  updateType?: string;
  error?: {
    message: string;
    errorName: string;
    errorCode: number;
    errorType: string;
    errorLocation?: { lineNumber: number; columnNumber: number };
  };
}

async function call(
  conn: TrinoConnection,
  url: string,
  init: RequestInit,
  signal?: AbortSignal,
): Promise<QueryResults> {
  const doFetch = conn.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, { ...init, signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new TrinoTransportError(`cannot reach Trino at ${conn.url}: ${(e as Error).message}`);
  }
  if (!res.ok) {
    throw new TrinoTransportError(
      `Trino answered HTTP ${res.status} ${res.statusText}`,
      res.status,
    );
  }
  return (await res.json()) as QueryResults;
}

/**
 * Runs one statement to completion and returns all rows as the protocol's JSON values.
 * Engine errors throw `TrinoQueryError`; transport problems `TrinoTransportError`.
 */
export async function runStatement(
  conn: TrinoConnection,
  sql: string,
  signal?: AbortSignal,
): Promise<StatementResult> {
  const headers: Record<string, string> = { 'X-Trino-User': conn.user };
  if (conn.catalog) headers['X-Trino-Catalog'] = conn.catalog;
  if (conn.schema) headers['X-Trino-Schema'] = conn.schema;
  let page = await call(
    conn,
    `${conn.url.replace(/\/$/, '')}/v1/statement`,
    { method: 'POST', headers, body: sql },
    signal,
  );
  const rows: unknown[][] = [];
  let columns: TrinoColumn[] = [];
  for (;;) {
    if (page.columns) columns = page.columns;
    if (page.data) rows.push(...page.data);
    if (page.error) {
      const e = page.error;
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
    if (!page.nextUri) break;
    page = await call(conn, page.nextUri, { headers }, signal);
  }
  return { queryId: page.id, columns, rows, updateType: page.updateType };
}
