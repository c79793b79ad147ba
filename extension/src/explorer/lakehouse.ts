// What the explorer lists, read through the core: refs and table entries from Nessie, columns
// from Trino on the ref's catalog. No `vscode` here.
import {
  quoteIdent,
  quoteString,
  NessieClient,
  type NessieConnection,
  type TrinoClient,
} from '@loch/core';

export interface RefInfo {
  name: string;
  type: 'BRANCH' | 'TAG';
  hash: string;
}

export interface TableEntry {
  namespace: string[];
  name: string;
}

export interface ColumnInfo {
  name: string;
  type: string;
}

export async function listRefs(nessie: NessieConnection, signal?: AbortSignal): Promise<RefInfo[]> {
  // Through the core's Nessie client: its paging, so a lake with many refs lists them all.
  const refs = await new NessieClient(nessie).listReferences({ signal });
  return refs
    .filter((x) => x.type === 'BRANCH' || x.type === 'TAG')
    .map((x) => ({ name: x.name, type: x.type as RefInfo['type'], hash: x.hash }))
    .sort((a, b) =>
      a.type === b.type ? a.name.localeCompare(b.name) : a.type === 'BRANCH' ? -1 : 1,
    );
}

/** Every Iceberg table on a ref, from Nessie's entries (no Trino catalog needed). */
export async function listTables(
  nessie: NessieConnection,
  ref: string,
  signal?: AbortSignal,
): Promise<TableEntry[]> {
  const entries = await new NessieClient(nessie).entries(ref, { signal });
  return entries
    .filter((e) => e.type === 'ICEBERG_TABLE' && e.elements.length >= 2)
    .map((e) => ({ namespace: e.elements.slice(0, -1), name: e.elements.at(-1)! }))
    .sort(
      (a, b) =>
        a.namespace.join('.').localeCompare(b.namespace.join('.')) || a.name.localeCompare(b.name),
    );
}

/** Namespaces holding tables, in order, each with its tables. */
export function groupByNamespace(tables: TableEntry[]): Map<string, TableEntry[]> {
  const out = new Map<string, TableEntry[]>();
  for (const t of tables) {
    const ns = t.namespace.join('.');
    out.set(ns, [...(out.get(ns) ?? []), t]);
  }
  return out;
}

/** The table's Trino schema: a nested Nessie namespace `a.b` is ONE Trino schema named "a.b". */
export function trinoSchema(table: TableEntry): string {
  return table.namespace.join('.');
}

/** `"catalog"."schema"."table"`, each part quoted. */
export function qualified(catalog: string, table: TableEntry): string {
  return [catalog, trinoSchema(table), table.name].map(quoteIdent).join('.');
}

export async function listColumns(
  trino: TrinoClient,
  catalog: string,
  table: TableEntry,
  signal?: AbortSignal,
): Promise<ColumnInfo[]> {
  const r = await trino.statement(
    `SELECT column_name, data_type FROM ${quoteIdent(catalog)}.information_schema.columns ` +
      `WHERE table_schema = ${quoteString(trinoSchema(table))} AND table_name = ${quoteString(table.name)} ` +
      'ORDER BY ordinal_position',
    { signal },
  );
  return r.rows.map((row) => ({ name: String(row[0]), type: String(row[1]) }));
}
