// Every Trino type through the real Trino into Arrow, exact at the edges, NULLs, unicode, empty
// results and results spanning many pages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchRows, type ExactValue } from '../../../shared/src/arrow/values';
import { TrinoClient } from '../../../shared/src/trino/client';
import { NULLS_SQL, TYPES_SQL } from '../../fixtures/trino/record';
import { trinoUrl } from '../../support/platform';

const client = () => new TrinoClient({ url: trinoUrl(), user: 'loch-test' });

async function rowsOf(sql: string): Promise<ExactValue[][]> {
  const table = await client().query(sql).table();
  return table.batches.flatMap((b) => [...batchRows(b)]);
}

async function one(expr: string): Promise<ExactValue> {
  const rows = await rowsOf(`SELECT ${expr}`);
  assert.equal(rows.length, 1);
  return rows[0]![0]!;
}

test('integers at their limits, 64-bit exact', async () => {
  const [row] = await rowsOf(
    `SELECT tinyint '127', tinyint '-128', smallint '-32768', integer '2147483647',
       bigint '9223372036854775807', bigint '-9223372036854775808', bigint '9007199254740993',
       array[bigint '-9223372036854775807', 1], CAST(NULL AS bigint)`,
  );
  assert.deepEqual(row, [
    127,
    -128,
    -32768,
    2147483647,
    9223372036854775807n,
    -9223372036854775808n,
    9007199254740993n,
    [-9223372036854775807n, 1n],
    null,
  ]);
});

test('rows(): 64-bit integers beyond 2^53 stay exact as text, nested ones too', async () => {
  const rows = await client()
    .query(
      `SELECT bigint '9007199254740993', array[bigint '-9223372036854775807', 1],
         map(array['k'], array[bigint '9223372036854775807']), 7`,
    )
    .rows();
  assert.deepEqual(rows, [
    ['9007199254740993', ['-9223372036854775807', 1], { k: '9223372036854775807' }, 7],
  ]);
});

test('real and double: NaN, infinities, extremes', async () => {
  const [row] = await rowsOf(
    `SELECT real 'Infinity', real '-Infinity', real '1.4E-45', double '1.7976931348623157E308',
       double 'NaN', double '-0.0', 0.1e0 + 0.2e0`,
  );
  assert.equal(row![0], Infinity);
  assert.equal(row![1], -Infinity);
  assert.equal(row![2], 1e-45); // the shortest double that is the same float32
  assert.equal(row![3], Number.MAX_VALUE);
  assert.ok(Number.isNaN(row![4]));
  assert.ok(Object.is(row![5], -0));
  assert.equal(row![6], 0.1 + 0.2);
});

test('decimals exact at every precision and scale', async () => {
  const cases: [string, string][] = [
    ["decimal '0'", '0'],
    ["CAST('-999999999999999' AS decimal(15, 0))", '-999999999999999'],
    ["CAST('9999999999999999' AS decimal(16, 0))", '9999999999999999'],
    ["CAST('-12345678901234.5678' AS decimal(18, 4))", '-12345678901234.5678'],
    ["CAST('1.5' AS decimal(10, 3))", '1.500'],
    [
      "decimal '-99999999999999999999999999999999999999'",
      '-99999999999999999999999999999999999999',
    ],
    [
      "decimal '0.00000000000000000000000000000000000001'",
      '0.00000000000000000000000000000000000001',
    ],
    [
      "decimal '12345678901234567890123456789012345678' / 7",
      '1763668414462081127160493827001763668',
    ],
  ];
  for (const [expr, expected] of cases) assert.equal(await one(expr), expected, expr);
});

test('text, binary, json, uuid, ipaddress: unicode and empty values', async () => {
  const [row] = await rowsOf(
    `SELECT 'Zürich 日本 😀 \u0000x', '', CAST('a' AS char(3)), X'', X'deadbeef',
       json '[1,"two",{"3":null}]', uuid '00000000-0000-0000-0000-000000000000',
       ipaddress '::ffff:1.2.3.4', ipaddress 'fe80::1'`,
  );
  assert.deepEqual(row, [
    'Zürich 日本 😀 \u0000x',
    '',
    'a  ',
    new Uint8Array([]),
    new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
    '[1,"two",{"3":null}]',
    '00000000-0000-0000-0000-000000000000',
    '1.2.3.4',
    'fe80::1',
  ]);
});

test('dates, times and timestamps at every precision, before 1970 and far out', async () => {
  const cases: [string, string][] = [
    ["date '1900-02-28'", '1900-02-28'],
    ["date '0001-01-01'", '0001-01-01'],
    ["date '-5877641-06-23'", '-5877641-06-23'],
    ["date '5881580-07-11'", '+5881580-07-11'],
    ["time '12:34:56.7'", '12:34:56.7'],
    ["time '00:00:00.000001'", '00:00:00.000001'],
    ["time '23:59:59.99999999'", '23:59:59.99999999'],
    ["time '10:00:00.123456 +14:00'", '10:00:00.123456+14:00'],
    ["timestamp '1969-12-31 23:59:59.5'", '1969-12-31 23:59:59.5'],
    ["timestamp '1677-09-21 00:12:43.145224192'", '1677-09-21 00:12:43.145224192'],
    ["timestamp '2262-04-11 23:47:16.854775807'", '2262-04-11 23:47:16.854775807'],
    ["timestamp '-99999-01-01 00:00:00.000000'", '-99999-01-01 00:00:00.000000'],
    ["timestamp '99999-12-31 23:59:59.999'", '+99999-12-31 23:59:59.999'],
    ["timestamp '2021-03-28 03:30:00 Europe/Paris'", '2021-03-28 01:30:00 UTC'],
    ["timestamp '2021-01-15 12:00:00 Europe/Paris'", '2021-01-15 11:00:00 UTC'],
    // The autumn overlap: 02:30 happens twice; Trino (Java) takes the earlier offset, +02:00.
    ["timestamp '2021-10-31 02:30:00.000 Europe/Paris'", '2021-10-31 00:30:00.000 UTC'],
    ["timestamp '1960-01-01 00:00:00.123456789 -03:30'", '1960-01-01 03:30:00.123456789 UTC'],
    ["timestamp '2020-01-01 00:00:00.000000000001 UTC'", '2020-01-01 00:00:00.000000000001 UTC'],
  ];
  for (const [expr, expected] of cases) assert.equal(await one(expr), expected, expr);
});

test('intervals', async () => {
  const [row] = await rowsOf(
    `SELECT interval '0' second, interval '999999999' day, interval '-0.001' second,
       interval '178956970' year, interval '-178956970-7' year to month`,
  );
  assert.deepEqual(row, [
    '0 00:00:00.000',
    '999999999 00:00:00.000',
    '-0 00:00:00.001',
    '178956970-0',
    '-178956970-7',
  ]);
});

test('arrays, maps and rows nested several levels deep, with NULLs at each level', async () => {
  const v = await one(
    `CAST(ROW(
        ARRAY[MAP(ARRAY['k'], ARRAY[ARRAY[ROW(decimal '1.25', NULL)]]), NULL, MAP()],
        ROW(ROW(ROW(timestamp '2000-01-01 00:00:00.000001')))
      ) AS ROW(
        a ARRAY(MAP(varchar, ARRAY(ROW(d decimal(30, 2), s varchar)))),
        deep ROW(x ROW(y ROW(z timestamp(6))))))`,
  );
  const a = (v as { a: unknown[] }).a;
  assert.equal(a.length, 3);
  assert.deepEqual((a[0] as { entries: unknown }).entries, [['k', [{ d: '1.25', s: null }]]]);
  assert.equal(a[1], null);
  assert.deepEqual((a[2] as { entries: unknown }).entries, []);
  assert.deepEqual((v as { deep: unknown }).deep, {
    x: { y: { z: '2000-01-01 00:00:00.000001' } },
  });
});

test('the recorded all-types statement reads the same live', async () => {
  const table = await client().query(TYPES_SQL).table();
  assert.equal(table.numCols, 47);
  const [row] = [...batchRows(table.batches[0]!)];
  assert.equal(row![4], -9223372036854775808n);
  assert.equal(row![37], '2020-06-01 16:00:00.123456 UTC');
  const nulls = await client().query(NULLS_SQL).table();
  assert.deepEqual([...batchRows(nulls.batches[0]!)][0], new Array(27).fill(null));
});

test('an empty result has the schema and zero rows', async () => {
  const q = client().query('SELECT * FROM tpch.tiny.nation WHERE nationkey < 0');
  const table = await q.table();
  assert.equal(table.numRows, 0);
  assert.deepEqual(
    table.schema.fields.map((f) => `${f.name}:${f.type}`),
    ['nationkey:Int64', 'name:Utf8', 'regionkey:Int64', 'comment:Utf8'],
  );
});

test('a result spanning many pages arrives batch by batch and adds up to what Trino computes', async () => {
  const c = client();
  const [[count, sumKeys, sumLines, maxComment, sumPrice]] = (await (async () => {
    const t = await c
      .query(
        `SELECT count(*), sum(orderkey), sum(linenumber), max(comment), sum(CAST(extendedprice AS decimal(18, 2)))
         FROM tpch.tiny.lineitem`,
      )
      .table();
    return [...batchRows(t.batches[0]!)];
  })()) as [[bigint, bigint, bigint, string, string]];
  let batches = 0;
  let rows = 0n;
  let keys = 0n;
  let lines = 0n;
  let max = '';
  let cents = 0n;
  const q = c.query(
    'SELECT orderkey, linenumber, comment, CAST(extendedprice AS decimal(18, 2)) FROM tpch.tiny.lineitem',
  );
  for await (const batch of q.batches()) {
    batches++;
    for (const [k, l, comment, price] of batchRows(batch)) {
      rows++;
      keys += k as bigint;
      lines += BigInt(l as number);
      if ((comment as string) > max) max = comment as string;
      cents += BigInt((price as string).replace('.', ''));
    }
  }
  assert.ok(batches > 1, `expected several pages, got ${batches}`);
  assert.equal(rows, count);
  assert.equal(keys, sumKeys);
  assert.equal(lines, sumLines);
  assert.equal(max, maxComment);
  assert.equal(cents, BigInt(sumPrice.replace('.', '')));
});
