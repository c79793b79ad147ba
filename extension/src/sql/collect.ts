// A session run read to its end as one Arrow table, for the places that show a whole result at
// once (table previews, the viewer's re-runs, notebook outputs). The row cap is the run's own:
// the session stops (and cancels) the query there.
import { Table, type RecordBatch } from 'apache-arrow';
import { tableToIpc, type QueryOutcome, type QueryRun } from '@loch/core';

export interface CollectedResult {
  outcome: QueryOutcome;
  /** The delivered rows as one Arrow IPC stream. */
  ipc: Uint8Array;
}

/** The run ended `failed` or `cancelled`: its outcome says how (and is in the history). */
export class RunEndedError extends Error {
  override readonly name = 'RunEndedError';
  constructor(readonly outcome: QueryOutcome) {
    super(
      outcome.status === 'cancelled'
        ? outcome.queryId
          ? `query ${outcome.queryId} was cancelled`
          : 'the query was cancelled'
        : (outcome.error ?? `query ${outcome.queryId} failed`),
    );
  }
}

/** Reads every delivered batch; rejects with `RunEndedError` unless the run finished or capped. */
export async function collect(run: QueryRun): Promise<CollectedResult> {
  const batches: RecordBatch[] = [];
  try {
    for await (const b of run.batches()) batches.push(b);
  } catch {
    // Whatever stopped the rows is on the outcome (or the outcome rejects with it).
  }
  const outcome = await run.outcome;
  if (outcome.status === 'failed' || outcome.status === 'cancelled') {
    throw new RunEndedError(outcome);
  }
  const table = batches.length ? new Table(batches) : new Table(await run.schema);
  return { outcome, ipc: tableToIpc(table, 'stream') };
}
