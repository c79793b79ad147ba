import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { test } from 'node:test';
import { NessieClient } from '../../../shared/src/nessie/client';
import { nessieApiUrl, trino, trinoUrl } from '../../support/platform';
import { runLoch } from '../../support/cli';

test('loch status --json reports both services running at their endpoints', async () => {
  const { code, stdout } = await runLoch(['status', '--json']);
  assert.equal(code, 0);
  const status = JSON.parse(stdout);
  assert.equal(status.mode, 'local');
  assert.deepEqual(Object.keys(status).slice(0, 2), ['mode', 'services']);
  assert.equal(status.services.trino.state, 'running');
  assert.equal(status.services.trino.url, trinoUrl());
  assert.equal(status.services.nessie.state, 'running');
  assert.equal(`${status.services.nessie.url}/api/v2`, nessieApiUrl());
});

test('Trino answers over its REST protocol with the seeded row counts', async () => {
  const count = async (table: string) =>
    (await trino().statement(`SELECT count(*) FROM lake.demo.${table}`)).rows[0]![0];
  assert.equal(await count('orders'), 15000);
  assert.equal(await count('lineitem'), 60175);
  assert.equal(await count('sensor_readings'), 8 * 1440);
});

test('Nessie lists main with the demo tables', async () => {
  const nessie = new NessieClient({ url: nessieApiUrl() });
  assert.equal((await nessie.config()).defaultBranch, 'main');
  const tables = (await nessie.entries('main'))
    .filter((e) => e.type === 'ICEBERG_TABLE')
    .map((e) => e.key)
    .filter((n) => n.startsWith('demo.'))
    .sort();
  assert.deepEqual(tables, ['demo.lineitem', 'demo.orders', 'demo.sensor_readings']);
});

test('the samples have several snapshots, lineitem is partitioned by month of ship date', async () => {
  const snaps = await trino().statement('SELECT count(*) FROM lake.demo."orders$snapshots"');
  assert.ok(
    (snaps.rows[0]![0] as number) >= 4,
    `orders has ${String(snaps.rows[0]![0])} snapshots`,
  );
  const ddl = await trino().statement('SHOW CREATE TABLE lake.demo.lineitem');
  assert.match(String(ddl.rows[0]![0]), /partitioning = ARRAY\['month\(shipdate\)'\]/);
  const ts = await trino().statement(
    "SELECT typeof(ts), min(ts) = TIMESTAMP '2026-01-01 00:00:00 UTC' FROM lake.demo.sensor_readings GROUP BY 1",
  );
  assert.deepEqual(ts.rows, [['timestamp(6) with time zone', true]]);
});

test('seeding twice adds no rows', async () => {
  const { code, stdout } = await runLoch(['up', '--seed']);
  assert.equal(code, 0);
  assert.deepEqual(stdout.split('\n').slice(-3), [
    'Sample data in lake.demo: orders 15000 rows, lineitem 60175 rows, sensor_readings 11520 rows.',
    'Nessie main lists demo.lineitem, demo.orders, demo.sensor_readings.',
    '',
  ]);
  const r = await trino().statement(
    'SELECT (SELECT count(*) FROM lake.demo.orders), (SELECT count(*) FROM lake.demo.lineitem), (SELECT count(*) FROM lake.demo.sensor_readings)',
  );
  assert.deepEqual(r.rows, [[15000, 60175, 11520]]);
});

test('a second loch up finds the running platform and says so', async () => {
  const { code, stdout } = await runLoch(['up']);
  assert.equal(code, 0);
  assert.equal(stdout.split('\n')[0], 'The local platform is already running.');
});

test('Trino and Nessie listen on loopback only', async (t) => {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal);
  if (!external) {
    t.skip('this machine has no non-loopback IPv4 address to try');
    return;
  }
  const connects = (host: string, port: number) =>
    new Promise<boolean>((done) => {
      const s = connect({ host, port, timeout: 3000 });
      s.once('connect', () => (s.destroy(), done(true)));
      s.once('error', () => done(false));
      s.once('timeout', () => (s.destroy(), done(false)));
    });
  for (const url of [trinoUrl(), nessieApiUrl()]) {
    const port = Number(new URL(url).port);
    assert.equal(await connects('127.0.0.1', port), true, `${url} on loopback`);
    assert.equal(await connects(external.address, port), false, `${url} on ${external.address}`);
  }
});
