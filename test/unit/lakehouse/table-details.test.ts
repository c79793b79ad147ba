import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { parseIcebergMetadata } from '../../../shared/src/lakehouse/iceberg-metadata';
import { UnsafeSqlInputError } from '../../../shared/src/lakehouse/sql-text';
import {
  partitioningFromDdl,
  timeTravelClause,
  timeTravelSql,
} from '../../../shared/src/lakehouse/table-details';

const metadata = readFileSync(
  resolve(import.meta.dirname, '../../fixtures/nessie/iceberg-events.metadata.json'),
  'utf8',
);

test('schema with field ids, nested types included, from a Trino-written metadata file', () => {
  const m = parseIcebergMetadata(metadata);
  assert.equal(m.formatVersion, 2);
  assert.deepEqual(
    m.schema.map((f) => [f.id, f.name, f.type, f.required]),
    [
      [1, 'id', 'long', true],
      [2, 'ts', 'timestamptz', false],
      [3, 'region', 'string', false],
      [4, 'payload', 'struct<kind: string, tags: list<string>, attrs: map<string, double>>', false],
      [5, 'amount', 'decimal(12, 2)', false],
    ],
  );
  const payload = m.schema[3]!;
  assert.deepEqual(
    payload.fields!.map((f) => [f.id, f.name]),
    [
      [6, 'kind'],
      [7, 'tags'],
      [8, 'attrs'],
    ],
  );
  assert.deepEqual(
    payload.fields![1]!.fields!.map((f) => [f.id, f.name, f.type]),
    [[9, 'element', 'string']],
  );
  assert.deepEqual(
    payload.fields![2]!.fields!.map((f) => [f.id, f.name, f.type]),
    [
      [10, 'key', 'string'],
      [11, 'value', 'double'],
    ],
  );
});

test('partition spec and sort order by field id, snapshot id exact', () => {
  const m = parseIcebergMetadata(metadata);
  assert.deepEqual(m.partitionSpec, [
    { sourceId: 1, source: 'id', fieldId: 1000, name: 'id_bucket', transform: 'bucket[4]' },
    { sourceId: 2, source: 'ts', fieldId: 1001, name: 'ts_day', transform: 'day' },
    { sourceId: 3, source: 'region', fieldId: 1002, name: 'region', transform: 'identity' },
  ]);
  assert.deepEqual(m.sortOrder, [
    {
      sourceId: 1,
      source: 'id',
      transform: 'identity',
      direction: 'asc',
      nullOrder: 'nulls-first',
    },
  ]);
  const raw = /"current-snapshot-id"\s*:\s*(\d+)/.exec(metadata)![1];
  assert.equal(m.currentSnapshotId, raw);
  assert.ok(BigInt(raw!) > BigInt(Number.MAX_SAFE_INTEGER));
});

test("partitioning from Trino's SHOW CREATE TABLE", () => {
  assert.deepEqual(
    partitioningFromDdl(
      `WITH (\n   format = 'PARQUET',\n   partitioning = ARRAY['month(shipdate)','bucket(id, 4)','region','"Odd Col"']\n)`,
    ),
    [
      { source: 'shipdate', name: 'shipdate_month', transform: 'month' },
      { source: 'id', name: 'id_bucket', transform: 'bucket[4]' },
      { source: 'region', name: 'region', transform: 'identity' },
      { source: 'Odd Col', name: '"Odd Col"', transform: 'identity' },
    ],
  );
  assert.deepEqual(partitioningFromDdl('CREATE TABLE t (a int)'), []);
});

test('time travel SQL by snapshot id and by timestamp', () => {
  const t = { catalog: 'loch_ref_dev_1', schema: 'demo', table: 'orders' };
  assert.equal(
    timeTravelSql(t, { snapshotId: '7144924315135200940' }),
    'SELECT * FROM "loch_ref_dev_1"."demo"."orders" FOR VERSION AS OF 7144924315135200940',
  );
  assert.equal(
    timeTravelSql(t, { timestamp: '2026-11-21T13:52:48.001Z' }, 'orderkey, totalprice'),
    `SELECT "orderkey", "totalprice" FROM "loch_ref_dev_1"."demo"."orders" FOR TIMESTAMP AS OF TIMESTAMP '2026-11-21 13:52:48.001 UTC'`,
  );
  assert.equal(
    timeTravelClause({ timestamp: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)) }),
    `FOR TIMESTAMP AS OF TIMESTAMP '2026-01-02 03:04:05.006 UTC'`,
  );
  assert.equal(
    timeTravelClause({ timestamp: '2026-11-21 13:52:48.001 UTC' }),
    `FOR TIMESTAMP AS OF TIMESTAMP '2026-11-21 13:52:48.001 UTC'`,
  );
});

test('hostile time-travel input is refused', () => {
  for (const bad of [
    { snapshotId: '1 OR 1=1' },
    { snapshotId: '' },
    { timestamp: "2026-01-01'; DROP TABLE t; --" },
    { timestamp: 'yesterday' },
    { timestamp: new Date('nope') },
  ]) {
    assert.throws(() => timeTravelClause(bad), UnsafeSqlInputError, JSON.stringify(bad));
  }
});
