/**
 * How the lakehouse layer runs SQL: any function that runs one statement to completion. Hosts
 * pass their connection's own client, `(sql, o) => client.statement(sql, o)`, so this folder
 * stays free of transport code.
 */
import type { TrinoColumn } from '../trino/client';

export interface SqlResult {
  columns: TrinoColumn[];
  rows: unknown[][];
}

export type SqlRunner = (
  sql: string,
  options?: { catalog?: string; schema?: string; signal?: AbortSignal },
) => Promise<SqlResult>;

/** Rows as objects keyed by column name. */
export function rowObjects(result: SqlResult): Record<string, unknown>[] {
  return result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i]])));
}
