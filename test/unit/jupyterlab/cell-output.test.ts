// What a SQL cell shows for one statement's outcome: rows as the saved Arrow output (capped
// results marked incomplete), a line for statements without rows, the error, or the cancel.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableFromArrays, tableFromIPC } from 'apache-arrow';
import type { QueryOutcome } from '../../../shared/src/lakehouse/query-run';
import { base64ToBytes } from '../../../shared/src/text/base64';
import { cellOutput } from '../../../jupyterlab-plugin/src/cell-output';
import { ARROW_MIME } from '../../../jupyterlab-plugin/src/results/notebook-output';

const base: QueryOutcome = {
  queryId: '20261203_120000_00001_abcde',
  sql: 'SELECT id FROM demo.orders',
  ref: 'dev',
  catalog: 'lake_dev',
  columns: [{ name: 'id', type: 'integer' }],
  rowsDelivered: 3,
  moreRows: false,
  totalRows: 3,
  status: 'finished',
  startedAt: '2026-12-03T12:00:00.000Z',
  elapsedMs: 40,
};
const table = tableFromArrays({ id: Int32Array.from([1, 2, 3]) });

test('a finished statement with rows: the Arrow output with what it read', () => {
  const out = cellOutput(
    {
      outcome: {
        ...base,
        pin: {
          ref: 'dev',
          hash: 'a'.repeat(64),
          tables: [
            {
              key: 'demo.orders',
              snapshotId: '42',
              metadataLocation: 's3://warehouse/demo/orders/metadata/1.json',
              contentId: 'c-1',
            },
          ],
          pinnedAt: '2026-12-03T12:00:00.000Z',
        },
      },
      table,
    },
    1_000_000,
  ) as unknown as {
    output_type: string;
    data: Record<string, string>;
    metadata: Record<string, { loch: Record<string, unknown> }>;
  };
  assert.equal(out.output_type, 'display_data');
  assert.equal(out.data['text/plain'], '3 rows × 1 columns');
  const back = tableFromIPC(base64ToBytes(out.data[ARROW_MIME]!));
  assert.deepEqual([...back.getChild('id')!], [1, 2, 3]);
  assert.deepEqual(out.metadata[ARROW_MIME]!.loch, {
    sql: 'SELECT id FROM demo.orders',
    ref: 'dev',
    catalog: 'lake_dev',
    queryId: '20261203_120000_00001_abcde',
    complete: true,
    executedAt: '2026-12-03T12:00:00.000Z',
    totalRows: 3,
    savedRows: 3,
    refHash: 'a'.repeat(64),
    snapshots: { 'demo.orders': '42' },
  });
});

test('a capped statement is saved as incomplete', () => {
  const out = cellOutput(
    { outcome: { ...base, status: 'capped', moreRows: true, totalRows: undefined }, table },
    1_000_000,
  ) as unknown as { metadata: Record<string, { loch: { complete: boolean } }> };
  assert.equal(out.metadata[ARROW_MIME]!.loch.complete, false);
});

test('a statement without rows: one line naming what it did and where', () => {
  assert.deepEqual(
    cellOutput(
      {
        outcome: {
          ...base,
          sql: 'DELETE FROM demo.orders WHERE id = 1',
          columns: [],
          updateType: 'DELETE',
          updateCount: 1,
        },
      },
      1_000_000,
    ),
    { output_type: 'stream', name: 'stdout', text: 'DELETE: 1 rows on dev\n' },
  );
  assert.deepEqual(
    cellOutput({ outcome: { ...base, columns: [], updateType: 'CREATE TABLE' } }, 1_000_000),
    { output_type: 'stream', name: 'stdout', text: 'CREATE TABLE on dev\n' },
  );
});

test('a failed statement: its error in one line; a cancelled one: Cancelled', () => {
  const error = "TABLE_NOT_FOUND at 1:15: Table 'lake_dev.demo.x' does not exist";
  assert.deepEqual(
    cellOutput(
      { outcome: { ...base, status: 'failed', error, errorName: 'TABLE_NOT_FOUND' } },
      1_000_000,
    ),
    { output_type: 'error', ename: 'TABLE_NOT_FOUND', evalue: error, traceback: [error] },
  );
  assert.deepEqual(cellOutput({ outcome: { ...base, status: 'cancelled' } }, 1_000_000), {
    output_type: 'error',
    ename: 'Cancelled',
    evalue: 'the query was cancelled on the server',
    traceback: ['Query cancelled'],
  });
});
