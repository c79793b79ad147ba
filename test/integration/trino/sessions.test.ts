// Per-query session state: concurrent queries with different sessions never see each other's
// catalog, schema, properties, prepared statements or transaction.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrinoClient } from '../../../shared/src/trino/client';
import { TrinoQueryError } from '../../../shared/src/trino/errors';
import { trinoUrl } from '../../support/platform';

const client = new TrinoClient({ url: trinoUrl(), user: 'loch-test' });

test('concurrent queries each see their own catalog, schema and time zone', async () => {
  const sessions = [
    { catalog: 'tpch', schema: 'tiny', timeZone: 'Asia/Tokyo' },
    { catalog: 'tpch', schema: 'sf1', timeZone: 'America/New_York' },
    { catalog: 'system', schema: 'runtime', timeZone: 'UTC' },
    { catalog: 'lake', schema: 'demo', timeZone: '+05:30' },
    { catalog: 'tpch', schema: 'sf100', timeZone: 'Europe/Paris' },
    {},
  ];
  const results = await Promise.all(
    sessions.map((session) =>
      client
        .query('SELECT current_catalog, current_schema, current_timezone()', { session })
        .rows(),
    ),
  );
  assert.deepEqual(
    results.map((r) => r[0]),
    [
      ['tpch', 'tiny', 'Asia/Tokyo'],
      ['tpch', 'sf1', 'America/New_York'],
      ['system', 'runtime', 'UTC'],
      ['lake', 'demo', '+05:30'],
      ['tpch', 'sf100', 'Europe/Paris'],
      [null, null, results[5]![0]![2]],
    ],
  );
});

test('USE yields a new session; queries without it are unaffected', async () => {
  const use = client.query('USE tpch.tiny');
  const session = await use.session;
  assert.equal(session.catalog, 'tpch');
  assert.equal(session.schema, 'tiny');
  const [withIt, without] = await Promise.all([
    client.query('SELECT count(*) FROM nation', { session }).rows(),
    client
      .query('SELECT count(*) FROM nation')
      .rows()
      .catch((e: unknown) => e),
  ]);
  assert.deepEqual(withIt, [[25]]);
  assert.ok(without instanceof TrinoQueryError);
  assert.equal(without.errorName, 'MISSING_SCHEMA_NAME');
});

test('SET SESSION and RESET SESSION change only the session they return', async () => {
  const setQ = client.query("SET SESSION query_max_run_time = '42m'");
  const session = await setQ.session;
  assert.deepEqual(session.properties, { query_max_run_time: '42m' });
  const show = "SHOW SESSION LIKE 'query_max_run_time'";
  const [mine, other] = await Promise.all([
    client.query(show, { session }).rows(),
    client.query(show).rows(),
  ]);
  assert.equal(mine[0]![1], '42m');
  assert.notEqual(other[0]![1], '42m');
  const reset = await client.query('RESET SESSION query_max_run_time', { session }).session;
  assert.deepEqual(reset.properties, {});
  assert.deepEqual(session.properties, { query_max_run_time: '42m' }, 'the old value is unchanged');
});

test('PREPARE registers a statement in the returned session; EXECUTE needs that session', async () => {
  const session = await client.query('PREPARE add_one FROM SELECT ? + 1').session;
  assert.ok(session.preparedStatements?.add_one?.includes('?'));
  assert.deepEqual(await client.query('EXECUTE add_one USING 41', { session }).rows(), [[42]]);
  const err = await client
    .query('EXECUTE add_one USING 41')
    .rows()
    .catch((e: unknown) => e);
  assert.ok(err instanceof TrinoQueryError);
  const after = await client.query('DEALLOCATE PREPARE add_one', { session }).session;
  assert.deepEqual(after.preparedStatements, {});
});

test('a transaction id is carried by the session until COMMIT clears it', async () => {
  const started = await client.query('START TRANSACTION').session;
  assert.match(started.transactionId ?? '', /^[0-9a-f-]{36}$/);
  const inTx = client.query('SELECT 1', { session: started });
  assert.deepEqual(await inTx.rows(), [[1]]);
  const committed = await client.query('COMMIT', { session: await inTx.session }).session;
  assert.equal(committed.transactionId, undefined);
});
