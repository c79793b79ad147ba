/**
 * Reproducibility: a result is pinned to the Nessie commit hash and the Iceberg snapshot id of
 * every table it read, so the same rows can be read again later (time travel by snapshot id,
 * or a ref created at the hash).
 */
import type { NessieClient } from '../nessie/client';
import { validateRefName } from '../nessie/ref-names';
import { isIcebergTable } from '../nessie/types';
import { qualifiedName } from './sql-text';
import { timeTravelClause } from './table-details';
import type { SqlRunner } from './sql-runner';

export interface PinnedTable {
  /** Nessie content key, e.g. `demo.orders`. */
  key: string;
  snapshotId: string;
  metadataLocation: string;
  contentId: string;
}

export interface ResultPin {
  ref: string;
  /** The Nessie commit the tables were read at. */
  hash: string;
  tables: PinnedTable[];
  pinnedAt: string;
}

/** A table a query reads, as Trino's planner names it. */
export interface InputTable {
  catalog: string;
  schema: string;
  table: string;
}

/** The tables `sql` reads, from `EXPLAIN (TYPE IO, FORMAT JSON)` (the query is not run). */
export async function tablesReadBy(
  run: SqlRunner,
  sql: string,
  options: { catalog?: string; schema?: string; signal?: AbortSignal } = {},
): Promise<InputTable[]> {
  const r = await run(`EXPLAIN (TYPE IO, FORMAT JSON) ${sql}`, options);
  const doc = JSON.parse(String(r.rows[0]?.[0] ?? '{}')) as {
    inputTableColumnInfos?: {
      table: { catalog: string; schemaTable: { schema: string; table: string } };
    }[];
  };
  const seen = new Map<string, InputTable>();
  for (const i of doc.inputTableColumnInfos ?? []) {
    const t = {
      catalog: i.table.catalog,
      schema: i.table.schemaTable.schema,
      table: i.table.schemaTable.table,
    };
    seen.set(`${t.catalog}.${t.schema}.${t.table}`, t);
  }
  return [...seen.values()];
}

/**
 * Pins tables `keys` (`schema.table`) of `ref`: one Nessie read at one commit, so all snapshot
 * ids belong to the same hash. With `hash`, pins that commit instead of the head.
 */
export async function pinTables(
  nessie: NessieClient,
  ref: string,
  keys: string[],
  options: { hash?: string; signal?: AbortSignal } = {},
): Promise<ResultPin> {
  validateRefName(ref);
  const head = options.hash ?? (await nessie.getReference(ref, { signal: options.signal })).hash;
  const tables: PinnedTable[] = [];
  if (keys.length > 0) {
    const { contents } = await nessie.contents(ref, keys, { hash: head, signal: options.signal });
    for (const key of [...keys].sort()) {
      const c = contents.get(key);
      if (!isIcebergTable(c)) continue;
      tables.push({
        key,
        snapshotId: c.snapshotId,
        metadataLocation: c.metadataLocation,
        contentId: c.id,
      });
    }
  }
  return { ref, hash: head, tables, pinnedAt: new Date().toISOString() };
}

/**
 * Pins the tables `sql` reads through `catalog` (tables of other catalogs are not Nessie's):
 * EXPLAIN finds them, then one Nessie read at the ref's head gives their snapshots.
 */
export async function pinQuery(
  run: SqlRunner,
  nessie: NessieClient,
  sql: string,
  ref: string,
  catalog: string,
  options: { signal?: AbortSignal } = {},
): Promise<ResultPin> {
  const inputs = await tablesReadBy(run, sql, { catalog, signal: options.signal });
  const keys = inputs.filter((t) => t.catalog === catalog).map((t) => `${t.schema}.${t.table}`);
  return pinTables(nessie, ref, keys, options);
}

/** `schema.table` -> snapshot id of a pin, as notebook outputs record it. */
export function pinSnapshots(pin: ResultPin): Record<string, string> {
  return Object.fromEntries(pin.tables.map((t) => [t.key, t.snapshotId]));
}

/**
 * Rewrites nothing: returns, per pinned table, the `FROM` text that reads exactly the pinned
 * snapshot in `catalog` (any catalog on the same Nessie repository sees every snapshot of a
 * table that is still in its metadata).
 */
export function pinnedFromClauses(pin: ResultPin, catalog: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of pin.tables) {
    const [schema, table] = splitKey(t.key);
    out[t.key] =
      `${qualifiedName(catalog, schema, table)} ${timeTravelClause({ snapshotId: t.snapshotId })}`;
  }
  return out;
}

function splitKey(key: string): [string, string] {
  const at = key.lastIndexOf('.');
  return [key.slice(0, at), key.slice(at + 1)];
}
