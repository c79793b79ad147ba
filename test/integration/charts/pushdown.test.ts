// Every pushed-down query is run by the real Trino: the SQL must be valid and its aggregates
// must equal what the same data gives when computed directly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  parseStats,
  showStatsSql,
  pushdownGroupBySql,
  pushdownHeatmapSql,
  pushdownHistogramSql,
  pushdownSampleSql,
  pushdownSql,
  pushdownTimeBucketSql,
} from '../../../shared/src/charts/pushdown';
import { trino } from '../../support/platform';

const run = async (sql: string) => (await trino().statement(sql)).rows;

// Ten values with known bins: step 1 over [0, 9.5] with maxBins 10.
const VALUES_SQL = `SELECT * FROM (VALUES (0.5e0, 'a'), (1.2e0, 'a'), (1.7e0, 'b'), (3e0, 'b'),
  (3.9e0, 'c'), (4e0, 'c'), (7.5e0, 'c'), (9.5e0, NULL), (NULL, 'a'), (9e0, 'NULL')) AS t(x, c);`;

test('histogram: nice bins over the data extent, nulls left out', async () => {
  const rows = await run(pushdownHistogramSql(VALUES_SQL, 'x', { maxBins: 10 }));
  assert.deepEqual(rows, [
    [0, 1, 1],
    [1, 2, 2],
    [3, 4, 2],
    [4, 5, 1],
    [7, 8, 1],
    [9, 10, 2],
  ]);
});

test('histogram: a brushed extent keeps only the rows inside it', async () => {
  const rows = await run(
    pushdownHistogramSql(VALUES_SQL, 'x', { maxBins: 2, extent: { lo: 1, hi: 4 } }),
  );
  // span 3 / 2 bins = 1.5 → nice step 2; bins [0,2) and [2,4]... aligned on multiples of 2.
  assert.deepEqual(rows, [
    [0, 2, 2],
    [2, 4, 2],
    [4, 6, 1],
  ]);
});

test('histogram over tpch.tiny.lineitem: counts add up to every row', async () => {
  const src = 'SELECT extendedprice FROM tpch.tiny.lineitem';
  const rows = await run(pushdownHistogramSql(src, 'extendedprice'));
  assert.ok(rows.length > 10 && rows.length <= 40, `bins: ${rows.length}`);
  assert.equal(
    rows.reduce((s, r) => s + Number(r[2]), 0),
    60175,
  );
  const step = Number(rows[0]![1]) - Number(rows[0]![0]);
  assert.equal(step, 5000);
  const [[direct]] = (await run(
    `SELECT count(*) FROM tpch.tiny.lineitem WHERE extendedprice >= ${rows[3]![0]} AND extendedprice < ${rows[3]![1]}`,
  )) as [[number]];
  assert.equal(rows[3]![2], direct);
});

test('heat map: two-dimensional bins with exact counts', async () => {
  const src = `SELECT * FROM (VALUES (0.5e0, 10e0), (0.7e0, 12e0), (5e0, 10e0), (9.5e0, 19e0)) AS t(a, b)`;
  const rows = await run(pushdownHeatmapSql(src, 'a', 'b', { maxBins: 10 }));
  assert.deepEqual(rows, [
    [0, 1, 10, 11, 1],
    [0, 1, 12, 13, 1],
    [5, 6, 10, 11, 1],
    [9, 10, 19, 20, 1],
  ]);
});

test('group-by: top N and an "(other)" bar with the right merged aggregate', async () => {
  const sum = await run(
    pushdownGroupBySql(VALUES_SQL, 'c', { measure: 'x', aggregate: 'sum', topN: 2 }),
  );
  // c: 3.9 + 4 + 7.5; the NULL category (9.5) is not the string 'NULL' (9), which is merged.
  assert.deepEqual(
    sum.map((r) => [r[0], Math.round(Number(r[1]) * 1e9) / 1e9, r[2]]),
    [
      ['c', 15.4, false],
      [null, 9.5, false],
      ['(other)', 15.4, true],
    ],
  );
  const avg = await run(
    pushdownGroupBySql(VALUES_SQL, 'c', { measure: 'x', aggregate: 'avg', topN: 1 }),
  );
  // The NULL category's 9.5 is the largest mean; "other" is the mean of the 8 other values,
  // not the mean of the 4 other categories' means.
  assert.equal(avg[0]![0], null);
  assert.equal(avg[0]![1], 9.5);
  assert.ok(Math.abs(Number(avg[1]![1]) - (0.5 + 1.2 + 1.7 + 3 + 3.9 + 4 + 7.5 + 9) / 8) < 1e-12);
  const count = await run(pushdownGroupBySql(VALUES_SQL, 'c'));
  assert.deepEqual(count, [
    ['a', 3, false],
    ['c', 3, false],
    ['b', 2, false],
    ['NULL', 1, false],
    [null, 1, false],
  ]);
});

test('group-by over tpch.tiny.orders: top 3 + other add up to the total', async () => {
  const src = 'SELECT clerk, totalprice FROM tpch.tiny.orders';
  const rows = await run(pushdownGroupBySql(src, 'clerk', { measure: 'totalprice', topN: 3 }));
  assert.equal(rows.length, 4);
  const [[total]] = (await run('SELECT sum(totalprice) FROM tpch.tiny.orders')) as [[number]];
  const got = rows.reduce((s, r) => s + Number(r[1]), 0);
  assert.ok(Math.abs(got - total) / total < 1e-9, `${got} vs ${total}`);
  const [[best]] = (await run(
    'SELECT clerk FROM tpch.tiny.orders GROUP BY clerk ORDER BY sum(totalprice) DESC LIMIT 1',
  )) as [[string]];
  assert.equal(rows[0]![0], best);
});

test('time buckets: the finest unit under the bucket limit, with series', async () => {
  const src = `SELECT * FROM (VALUES
    (TIMESTAMP '2024-01-01 00:10:00 UTC', 's1', 1e0), (TIMESTAMP '2024-01-01 00:50:00 UTC', 's1', 3e0),
    (TIMESTAMP '2024-01-01 01:20:00 UTC', 's2', 5e0), (TIMESTAMP '2024-01-01 02:59:00 UTC', 's3', 7e0)) AS t(ts, s, v)`;
  const hourly = await run(
    pushdownTimeBucketSql(src, 'ts', { measure: 'v', aggregate: 'avg', maxBuckets: 5 }),
  );
  assert.deepEqual(hourly, [
    ['2024-01-01 00:00:00.000 UTC', 2],
    ['2024-01-01 01:00:00.000 UTC', 5],
    ['2024-01-01 02:00:00.000 UTC', 7],
  ]);
  const series = await run(
    pushdownTimeBucketSql(src, 'ts', {
      measure: 'v',
      aggregate: 'sum',
      color: 's',
      maxSeries: 1,
      maxBuckets: 5,
    }),
  );
  assert.deepEqual(series, [
    ['2024-01-01 00:00:00.000 UTC', 's1', 4],
    ['2024-01-01 01:00:00.000 UTC', '(other)', 5],
    ['2024-01-01 02:00:00.000 UTC', '(other)', 7],
  ]);
});

test('time buckets over lake.demo.sensor_readings: per-hour averages equal a direct GROUP BY', async () => {
  const src = 'SELECT ts, temperature FROM lake.demo.sensor_readings';
  const rows = await run(
    pushdownTimeBucketSql(src, 'ts', { measure: 'temperature', aggregate: 'avg', maxBuckets: 30 }),
  );
  assert.equal(rows.length, 24);
  const direct = await run(
    "SELECT date_trunc('hour', ts), avg(temperature) FROM lake.demo.sensor_readings GROUP BY 1 ORDER BY 1",
  );
  assert.equal(rows.length, direct.length);
  rows.forEach((r, i) => assert.ok(Math.abs(Number(r[1]) - Number(direct[i]![1])) < 1e-9));
});

test('sample: at most the limit of points, all non-null', async () => {
  const rows = await run(
    pushdownSampleSql(
      'SELECT quantity, discount FROM tpch.tiny.lineitem',
      'quantity',
      'discount',
      100,
    ),
  );
  assert.equal(rows.length, 100);
  assert.ok(rows.every((r) => typeof r[0] === 'number' && typeof r[1] === 'number'));
});

test('SHOW STATS gives bin bounds without a scan; hinted bins count exactly the same', async () => {
  const src = 'SELECT extendedprice, shipdate FROM tpch.tiny.lineitem';
  const stats = await trino().statement(showStatsSql(src));
  const bounds = parseStats(
    stats.rows.map((r) => Object.fromEntries(stats.columns.map((c, i) => [c.name, r[i]]))),
  );
  const [[lo, hi]] = (await run(
    'SELECT min(extendedprice), max(extendedprice) FROM tpch.tiny.lineitem',
  )) as [[number, number]];
  assert.deepEqual(bounds.get('extendedprice'), { lo, hi });
  assert.equal(bounds.get('shipdate')!.lo, Date.parse('1992-01-04T00:00:00Z'));
  const hinted = await run(
    pushdownHistogramSql(src, 'extendedprice', { bounds: bounds.get('extendedprice') }),
  );
  assert.deepEqual(hinted, await run(pushdownHistogramSql(src, 'extendedprice')));
  // A hint narrower than the data loses no row: the outside rows land in extra bins.
  const narrow = await run(
    pushdownHistogramSql(src, 'extendedprice', { bounds: { lo: 20000, hi: 30000 } }),
  );
  assert.equal(
    narrow.reduce((s, r) => s + Number(r[2]), 0),
    60175,
  );
  const hourly = await run(
    pushdownTimeBucketSql('SELECT ts, temperature FROM lake.demo.sensor_readings', 'ts', {
      measure: 'temperature',
      aggregate: 'avg',
      maxBuckets: 30,
      bounds: { lo: Date.parse('2026-01-01T00:00:00Z'), hi: Date.parse('2026-01-01T23:59:00Z') },
    }),
  );
  assert.equal(hourly.length, 24);
});

test('columns without statistics get no bounds: the histogram scans for its range', async () => {
  const src = 'SELECT clerk, count(*) AS n FROM tpch.tiny.orders GROUP BY clerk';
  const stats = await trino().statement(showStatsSql(src));
  const bounds = parseStats(
    stats.rows.map((r) => Object.fromEntries(stats.columns.map((c, i) => [c.name, r[i]]))),
  );
  assert.equal(bounds.size, 0);
  const sql = pushdownSql(src, { kind: 'histogram', x: 'n', aggregate: 'count' }, { bounds });
  assert.ok(sql.includes('min(CAST("n" AS double))'));
  const rows = await run(sql);
  assert.equal(
    rows.reduce((s, r) => s + Number(r[2]), 0),
    1000,
  );
});
