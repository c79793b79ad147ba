// A ViewerSession over the core's TrinoClient, for hosts whose query code predates
// LakehouseSession: the ref's catalog comes from the host, the row cap stops the query on the
// server. A LakehouseSession is a ViewerSession itself and replaces this.
import type { RecordBatch, Schema } from 'apache-arrow';
import type { TrinoClient } from '../trino/client';
import type { ViewerQueryOutcome, ViewerQueryRun, ViewerSession } from './connector';

/** Where a ref is queried: the client of its connection and the ref's Trino catalog. */
export type RefTarget = (
  ref: string,
  signal?: AbortSignal,
) => Promise<{ client: TrinoClient; catalog: string }>;

export function trinoViewerSession(target: RefTarget): ViewerSession {
  return {
    query(sql, { ref, maxRows = Infinity, signal }): ViewerQueryRun {
      const started = Date.now();
      let settle!: { resolve(o: ViewerQueryOutcome): void; reject(e: unknown): void };
      const outcome = new Promise<ViewerQueryOutcome>((resolve, reject) => {
        settle = { resolve, reject };
      });
      outcome.catch(() => undefined);
      let schemaOf!: (s: Promise<Schema>) => void;
      const schema = new Promise<Schema>((resolve) => (schemaOf = (s) => resolve(s)));
      schema.catch(() => undefined); // read only for empty results; a cancel rejects it
      async function* batches(): AsyncGenerator<RecordBatch> {
        let cancel: (() => Promise<void>) | undefined;
        try {
          const { client, catalog } = await target(ref, signal);
          const q = client.query(sql, { catalog, signal });
          schemaOf(q.schema);
          cancel = () => q.cancel();
          let rows = 0;
          let more = false;
          for await (const b of q.batches()) {
            const room = maxRows - rows;
            if (room <= 0 || b.numRows > room) more = true;
            const keep = b.numRows > room ? b.slice(0, Math.max(room, 0)) : b;
            if (keep.numRows > 0) {
              rows += keep.numRows;
              yield keep;
            }
            if (more) break;
          }
          // Past the cap the rest is not wanted: cancelled on the server, not fetched.
          if (!more) cancel = undefined;
          settle.resolve({
            queryId: await q.queryId,
            rowsDelivered: rows,
            moreRows: more,
            elapsedMs: Date.now() - started,
          });
        } catch (e) {
          settle.reject(e);
          throw e;
        } finally {
          // Also when the consumer stops early (an export whose file failed).
          if (cancel) await cancel().catch(() => undefined);
          settle.reject(new Error('the query was stopped before its end'));
        }
      }
      return { batches, outcome, schema };
    },
  };
}
