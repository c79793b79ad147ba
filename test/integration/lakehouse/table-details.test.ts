import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pinnedFromClauses, pinTables, tablesReadBy } from '../../../shared/src/lakehouse/pinning';
import { tableDetails, timeTravelSql } from '../../../shared/src/lakehouse/table-details';
import { TableNotFoundError } from '../../../shared/src/lakehouse/errors';
import { baseProperties, cleanup, count, lakehouse, uniqueRef } from './context';

const lh = lakehouse();
const ref = uniqueRef('details');
let catalog = '';
const readMetadata = (location: string) =>
  readFile(join(baseProperties()['local.location']!, location.slice('local:///'.length)), 'utf8');

before(async () => {
  await lh.nessie.createBranch(ref, 'main');
  catalog = (await lh.catalogs.ensure(ref)).catalog;
  await lh.run('CREATE SCHEMA wh', { catalog });
  await lh.run(
    "CREATE TABLE wh.events (id bigint, kind varchar, day date) WITH (partitioning = ARRAY['kind', 'month(day)'])",
    { catalog },
  );
  await lh.run(
    "INSERT INTO wh.events VALUES (1, 'a', DATE '2026-01-05'), (2, 'a', DATE '2026-02-05'), (3, 'b', DATE '2026-01-06')",
    { catalog },
  );
  await lh.run(
    "INSERT INTO wh.events VALUES (4, 'b', DATE '2026-03-01'), (5, 'c', DATE '2026-03-02')",
    {
      catalog,
    },
  );
});
after(() => cleanup(lh, [ref]));

test('details: field ids, partition spec, snapshots, files, partitions, manifests, properties, refs', async () => {
  const d = await tableDetails(
    lh.run,
    { catalog, schema: 'wh', table: 'events' },
    { readMetadata },
  );
  assert.deepEqual(
    d.schema.map((f) => [f.id, f.name, f.type]),
    [
      [1, 'id', 'long'],
      [2, 'kind', 'string'],
      [3, 'day', 'date'],
    ],
  );
  assert.deepEqual(
    d.partitionSpec.map((p) => [p.sourceId, p.source, p.transform, p.name]),
    [
      [2, 'kind', 'identity', 'kind'],
      [3, 'day', 'month', 'day_month'],
    ],
  );
  // CREATE TABLE commits an empty snapshot, then one per INSERT.
  assert.deepEqual(
    d.snapshots.map((s) => [
      s.operation,
      s.summary['added-records'] ?? '0',
      s.summary['total-records'],
    ]),
    [
      ['append', '0', '0'],
      ['append', '3', '3'],
      ['append', '2', '5'],
    ],
  );
  assert.equal(d.snapshots[1]!.parentId, d.snapshots[0]!.snapshotId);
  assert.equal(d.history.length, 3);
  assert.ok(d.history.every((h) => h.isCurrentAncestor));
  assert.equal(d.currentSnapshotId, d.snapshots[2]!.snapshotId);
  assert.equal(d.files.length, 5);
  assert.equal(
    d.files.reduce((n, f) => n + f.recordCount, 0),
    5,
  );
  assert.equal(d.filesTruncated, false);
  assert.equal(d.partitions.length, 5);
  assert.equal(
    d.partitions.reduce((n, p) => n + p.recordCount, 0),
    5,
  );
  assert.equal(
    d.manifests.reduce((n, m) => n + m.addedDataFilesCount + m.existingDataFilesCount, 0),
    5,
  );
  assert.equal(d.properties['write.format.default'], 'PARQUET');
  assert.deepEqual(d.refs, [
    { name: 'main', type: 'BRANCH', snapshotId: d.snapshots[2]!.snapshotId },
  ]);
  assert.match(
    d.metadataLocation!,
    /^local:\/\/\/warehouse\/wh\/events-[0-9a-f]+\/metadata\/.*\.metadata\.json$/,
  );
});

test("without a metadata reader the schema and spec come from Trino's own view", async () => {
  const d = await tableDetails(
    lh.run,
    { catalog, schema: 'wh', table: 'events' },
    { filesLimit: 2 },
  );
  assert.deepEqual(
    d.schema.map((f) => [f.id, f.name, f.type]),
    [
      [undefined, 'id', 'bigint'],
      [undefined, 'kind', 'varchar'],
      [undefined, 'day', 'date'],
    ],
  );
  assert.deepEqual(
    d.partitionSpec.map((p) => [p.source, p.transform]),
    [
      ['kind', 'identity'],
      ['day', 'month'],
    ],
  );
  assert.equal(d.files.length, 2);
  assert.equal(d.filesTruncated, true);
});

test('a metadata file the host cannot read: Trino’s schema, and why there are no ids', async () => {
  const d = await tableDetails(
    lh.run,
    { catalog, schema: 'wh', table: 'events' },
    {
      readMetadata: (location) => Promise.reject(new Error(`cannot read ${location} from here`)),
    },
  );
  assert.equal(d.metadataError, `cannot read ${d.metadataLocation} from here`);
  assert.deepEqual(
    d.schema.map((f) => [f.id, f.name, f.type]),
    [
      [undefined, 'id', 'bigint'],
      [undefined, 'kind', 'varchar'],
      [undefined, 'day', 'date'],
    ],
  );
});

test('time travel by snapshot id and by timestamp reads the old rows', async () => {
  const d = await tableDetails(lh.run, { catalog, schema: 'wh', table: 'events' });
  const t = { catalog, schema: 'wh', table: 'events' };
  const ids = async (sql: string) => (await lh.run(sql)).rows.map((r) => Number(r[0])).sort();
  assert.deepEqual(
    await ids(timeTravelSql(t, { snapshotId: d.snapshots[1]!.snapshotId }, 'id')),
    [1, 2, 3],
  );
  assert.deepEqual(
    await ids(timeTravelSql(t, { snapshotId: d.snapshots[0]!.snapshotId }, 'id')),
    [],
  );
  assert.deepEqual(
    await ids(timeTravelSql(t, { timestamp: d.snapshots[1]!.committedAt }, 'id')),
    [1, 2, 3],
  );
});

test('a result pinned to a hash and snapshot ids reads the same rows after new writes', async () => {
  const sql = 'SELECT count(*) FROM wh.events';
  const inputs = await tablesReadBy(lh.run, sql, { catalog });
  assert.deepEqual(inputs, [{ catalog, schema: 'wh', table: 'events' }]);
  const head = await lh.nessie.getReference(ref);
  const pin = await pinTables(
    lh.nessie,
    ref,
    inputs.map((i) => `${i.schema}.${i.table}`),
  );
  assert.equal(pin.hash, head.hash);
  const d = await tableDetails(lh.run, { catalog, schema: 'wh', table: 'events' });
  assert.deepEqual(
    pin.tables.map((t) => [t.key, t.snapshotId]),
    [['wh.events', d.snapshots[2]!.snapshotId]],
  );
  await lh.run("INSERT INTO wh.events VALUES (6, 'd', DATE '2026-04-01')", { catalog });
  assert.equal(await count(lh, sql, catalog), 6);
  const from = pinnedFromClauses(pin, catalog)['wh.events'];
  assert.equal(await count(lh, `SELECT count(*) FROM ${from}`), 5);
});

test('a missing table is a TableNotFoundError', async () => {
  await assert.rejects(
    tableDetails(lh.run, { catalog, schema: 'wh', table: 'nope' }),
    TableNotFoundError,
  );
});
