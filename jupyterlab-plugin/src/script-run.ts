// A SQL cell's or the console's text run through the session: statement after statement
// (`queryScript`), each with the row cap of the settings, each ending in a result the view
// shows in order. The session stops after a statement that failed or was cancelled.
import { Table, type RecordBatch } from 'apache-arrow';
import type { QueryOutcome, QueryRun, LakehouseSession, SessionQueryOptions } from '@loch/core';

/** One statement's end: its outcome and, for a statement with columns, the rows delivered. */
export interface StatementResult {
  outcome: QueryOutcome;
  /** Absent for statements without a result set (CREATE TABLE, SET SESSION...). */
  table?: Table;
}

export interface ScriptHooks {
  /** A statement was sent (its query id follows on `run.queryId`). */
  started?(run: QueryRun, index: number): void;
  ended(result: StatementResult, index: number): void;
}

/** The rows a run delivered, as one table (the schema alone when there were none). */
async function rowsOf(run: QueryRun, outcome: QueryOutcome): Promise<Table | undefined> {
  if (outcome.columns.length === 0) return undefined;
  const batches: RecordBatch[] = [];
  try {
    for await (const b of run.batches()) batches.push(b);
  } catch {
    // A failed or cancelled run: its outcome says why; the rows before it are still shown.
  }
  return batches.length ? new Table(batches) : new Table(await run.schema);
}

/**
 * Runs every statement of `text` in order. Resolves with the number of statements that ran;
 * rejects when one never reached Trino (routing, network): the statements before it have
 * already been reported through `ended`.
 */
export async function runScript(
  session: LakehouseSession,
  text: string,
  options: SessionQueryOptions,
  hooks: ScriptHooks,
): Promise<number> {
  let index = 0;
  for await (const run of session.queryScript(text, options)) {
    hooks.started?.(run, index);
    const outcome = await run.outcome;
    hooks.ended({ outcome, table: await rowsOf(run, outcome) }, index);
    index++;
  }
  return index;
}

/** True when every statement ran to its end (a capped result counts: the cap is the setting). */
export function succeeded(outcome: QueryOutcome): boolean {
  return outcome.status === 'finished' || outcome.status === 'capped';
}

/** One line for a statement without a result set, e.g. `CREATE TABLE on dev`. */
export function updateLine(outcome: QueryOutcome): string {
  const what = outcome.updateType ?? 'done';
  const rows = outcome.updateCount === undefined ? '' : `: ${outcome.updateCount} rows`;
  return `${what}${rows}${outcome.ref ? ` on ${outcome.ref}` : ''}`;
}
