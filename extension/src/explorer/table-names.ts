// How the explorer names a listed table for Trino. What is listed comes from the session's
// `LakeListing`; only the quoting of a name in SQL the host writes lives here. No `vscode`.
import { qualifiedName, type TableEntry } from '@loch/core';

/** A listed table or view: where it is, without what the listing knows about its content. */
export type TableRef = Pick<TableEntry, 'namespace' | 'name'>;

/** The table's Trino schema: a nested Nessie namespace `a.b` is ONE Trino schema named "a.b". */
export function trinoSchema(table: TableRef): string {
  return table.namespace.join('.');
}

/** `"catalog"."schema"."table"`, each part validated and quoted by the core. */
export function qualified(catalog: string, table: TableRef): string {
  return qualifiedName(catalog, trinoSchema(table), table.name);
}
