// What a SQL cell shows for each statement, as nbformat outputs: its rows as an Arrow output
// (saved with the notebook), a line for a statement without rows, or its error.
import { errorLine } from '@loch/core';
import type { IOutput } from '@jupyterlab/nbformat';
import { resultOutput } from './results/notebook-output';
import { updateLine, type StatementResult } from './script-run';

/** A cancelled run (no error) or a failure, as the notebook shows it. */
export function errorOutput(error: unknown, name?: string): IOutput {
  if (error === undefined) {
    return {
      output_type: 'error',
      ename: 'Cancelled',
      evalue: 'the query was cancelled on the server',
      traceback: ['Query cancelled'],
    };
  }
  const line = errorLine(error);
  const ename = name ?? (error instanceof Error ? error.name : 'Error');
  return { output_type: 'error', ename, evalue: line, traceback: [line] };
}

/** A statement's output: its rows (Arrow), a line for DDL/DML without rows, or its error. */
export function cellOutput({ outcome, table }: StatementResult, maxSavedBytes: number): IOutput {
  if (outcome.status === 'cancelled') return errorOutput(undefined);
  if (outcome.status === 'failed') {
    return errorOutput(new Error(outcome.error ?? 'the query failed'), outcome.errorName);
  }
  if (!table) return { output_type: 'stream', name: 'stdout', text: `${updateLine(outcome)}\n` };
  const output = resultOutput(
    table,
    {
      sql: outcome.sql,
      ref: outcome.ref,
      catalog: outcome.catalog,
      queryId: outcome.queryId,
      complete: outcome.status === 'finished',
      executedAt: outcome.startedAt,
      pin: outcome.pin,
    },
    maxSavedBytes,
  );
  return output as unknown as IOutput;
}
