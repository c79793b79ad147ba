// The LakehouseSession tests' view of the test platform: a session built as hosts build one,
// and a look at `system.runtime.queries` to see what Trino did with a query.
import type { RecordBatch } from 'apache-arrow';
import { LakehouseSession } from '../../../shared/src/lakehouse/session';
import { NessieClient } from '../../../shared/src/nessie/client';
import { TrinoClient } from '../../../shared/src/trino/client';
import { nessieApiUrl, trinoUrl, ACTIVE_QUERY_STATES } from '../../support/platform';
import { baseProperties } from './context';

export function session(
  options: { properties?: boolean; defaultRef?: string } = {},
): LakehouseSession {
  return new LakehouseSession({
    trino: new TrinoClient({ url: trinoUrl(), user: 'loch-test' }),
    nessie: new NessieClient({ url: nessieApiUrl() }),
    lakeCatalog: 'lake',
    lakeCatalogProperties: options.properties === false ? undefined : baseProperties(),
    defaultRef: options.defaultRef,
  });
}

export interface QueryState {
  state: string;
  error: string | null;
}

/** Trino's record of query `id`, read now. */
export async function queryState(id: string): Promise<QueryState | undefined> {
  const rows = await new TrinoClient({ url: trinoUrl(), user: 'loch-test' })
    .query(`SELECT state, error_code FROM system.runtime.queries WHERE query_id = '${id}'`)
    .rows();
  const [row] = rows as [string, string | null][];
  return row ? { state: row[0], error: row[1] } : undefined;
}

/** The query's state once it is no longer active (or after 20 s). */
export async function settledState(id: string): Promise<QueryState | undefined> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const s = await queryState(id);
    if ((s && !ACTIVE_QUERY_STATES.has(s.state)) || Date.now() > deadline) return s;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every value of column `name` in the batches, in order. */
export async function columnValues(
  batches: AsyncIterable<RecordBatch>,
  name: string,
): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const b of batches) {
    const col = b.getChild(name)!;
    for (let i = 0; i < b.numRows; i++) out.push(col.get(i));
  }
  return out;
}

/** Rows in the batches. */
export async function rowCount(batches: AsyncIterable<RecordBatch>): Promise<number> {
  let n = 0;
  for await (const b of batches) n += b.numRows;
  return n;
}
