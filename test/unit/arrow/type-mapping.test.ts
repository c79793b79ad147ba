// Trino's recorded pages -> Arrow: every type at its edges, exact, and NULL of every type.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type, type Table } from 'apache-arrow';
import { PageDecoder } from '../../../shared/src/arrow/page-decoder';
import { batchRows, ExactMap } from '../../../shared/src/arrow/values';
import { tableFromIpc, tableToIpc } from '../../../shared/src/arrow/ipc';
import { TRINO_TYPE_KEY, EXTENSION_NAME_KEY } from '../../../shared/src/arrow/trino-types';
import { parsePage, parsePageExact } from '../../../shared/src/trino/page-json';
import type { QueryResults } from '../../../shared/src/trino/protocol';
import { loadRecording } from '../../fixtures/trino/replay';

function dataPages(name: string): { columns: QueryResults['columns']; texts: string[] } {
  const rec = loadRecording(name);
  const pages = rec.exchanges.map((e) => ({ text: e.body, page: parsePage(e.body) }));
  const columns = pages.find((p) => p.page.columns)!.page.columns;
  return { columns, texts: pages.filter((p) => p.page.data).map((p) => p.text) };
}

function decodeRecording(name: string, warnings: string[] = []) {
  const { columns, texts } = dataPages(name);
  const decoder = new PageDecoder(columns!, (m) => warnings.push(m));
  const batches = texts.map((t) => decoder.decode(parsePageExact(t).data!));
  return { decoder, batches, columns: columns! };
}

test('every Trino type maps to its Arrow type', () => {
  const { decoder } = decodeRecording('types');
  const types = Object.fromEntries(decoder.schema.fields.map((f) => [f.name, String(f.type)]));
  assert.deepEqual(types, {
    b: 'Bool',
    i8: 'Int8',
    i16: 'Int16',
    i32: 'Int32',
    i64min: 'Int64',
    i64max: 'Int64',
    f32nan: 'Float32',
    f32max: 'Float32',
    f64inf: 'Float64',
    f64min: 'Float64',
    d38max: 'Decimal[38e0]',
    d38tiny: 'Decimal[38e+38]',
    d18: 'Decimal[18e+2]',
    d2: 'Decimal[2e+2]',
    txt: 'Utf8',
    empty: 'Utf8',
    chr: 'Utf8',
    bin: 'Binary',
    js: 'Utf8',
    id: 'FixedSizeBinary[16]',
    ip4: 'Utf8',
    ip6: 'Utf8',
    dmin: 'Date32<DAY>',
    dneg: 'Date32<DAY>',
    dmax: 'Date32<DAY>',
    t0: 'Time32<SECOND>',
    t3: 'Time32<MILLISECOND>',
    t6: 'Time64<MICROSECOND>',
    t9: 'Time64<NANOSECOND>',
    t12: 'Utf8',
    ttz: 'Struct<{time:Time32<MILLISECOND>, offset_minutes:Int16}>',
    ts9: 'Timestamp<NANOSECOND>',
    ts0: 'Timestamp<SECOND>',
    ts1: 'Timestamp<MILLISECOND>',
    ts3: 'Timestamp<MILLISECOND>',
    ts6: 'Timestamp<MICROSECOND>',
    ts12: 'Utf8',
    tstz6: 'Timestamp<MICROSECOND, UTC>',
    tstz0: 'Timestamp<SECOND, UTC>',
    ids: 'Duration<MILLISECOND>',
    iym: 'Interval<YEAR_MONTH>',
    nested: 'List<List<Int32>>',
    mapped: 'Map<{key:Utf8, value:List<Struct<{field0:Float64, field1:Binary}>>}>',
    r: 'Struct<{a:Int32, b c:Utf8, m:Map<{key:Int64, value:Decimal[3e+2]}>}>',
    anon: 'Struct<{field0:Int32, field1:Int32}>',
    nothing: 'Null',
    colour: 'Utf8',
  });
  const meta = (n: string, k: string) =>
    decoder.schema.fields.find((f) => f.name === n)!.metadata.get(k);
  assert.equal(meta('d18', TRINO_TYPE_KEY), 'decimal(18, 2)');
  assert.equal(meta('tstz6', TRINO_TYPE_KEY), 'timestamp(6) with time zone');
  assert.equal(
    meta('r', TRINO_TYPE_KEY),
    'row(a integer, "b c" varchar, m map(bigint, decimal(3, 2)))',
  );
  assert.equal(meta('id', EXTENSION_NAME_KEY), 'arrow.uuid');
  assert.equal(meta('js', EXTENSION_NAME_KEY), 'arrow.json');
});

test('values come back exactly at the edges of every type', () => {
  const { batches } = decodeRecording('types');
  const [row] = [...batchRows(batches[0]!)];
  const names = batches[0]!.schema.fields.map((f) => f.name);
  const v = Object.fromEntries(names.map((n, i) => [n, row![i]]));
  assert.equal(v.b, true);
  assert.equal(v.i8, -128);
  assert.equal(v.i16, 32767);
  assert.equal(v.i32, -2147483648);
  assert.equal(v.i64min, -9223372036854775808n);
  assert.equal(v.i64max, 9223372036854775807n);
  assert.ok(Number.isNaN(v.f32nan));
  assert.equal(v.f32max, 3.4028235e38);
  assert.equal(v.f64inf, -Infinity);
  assert.equal(v.f64min, 5e-324);
  assert.equal(v.d38max, '99999999999999999999999999999999999999');
  assert.equal(v.d38tiny, '-0.00000000000000000000000000000000000001');
  assert.equal(v.d18, '-1234567890123456.78');
  assert.equal(v.d2, '-0.01');
  assert.equal(v.txt, 'héllo ✓ 😀 日本');
  assert.equal(v.empty, '');
  assert.equal(v.chr, 'ab   ');
  assert.deepEqual(v.bin, new Uint8Array([0x00, 0xff, 0x10]));
  assert.equal(v.js, '{"a":[1,2.5,null]}');
  assert.equal(v.id, '12151fd2-7586-11e9-8f9e-2a86e4085a59');
  assert.equal(v.ip4, '10.0.0.1');
  assert.equal(v.ip6, '2001:db8::1');
  assert.equal(v.dmin, '-0001-01-01');
  assert.equal(v.dneg, '1969-12-31');
  assert.equal(v.dmax, '+99999-12-31');
  assert.equal(v.t0, '00:00:00');
  assert.equal(v.t3, '23:59:59.999');
  assert.equal(v.t6, '23:59:59.999999');
  assert.equal(v.t9, '23:59:59.999999999');
  assert.equal(v.t12, '01:02:03.123456789012');
  assert.equal(v.ttz, '23:59:59.999-08:00');
  assert.equal(v.ts9, '1969-12-31 23:59:59.999999999');
  assert.equal(v.ts0, '2020-01-02 03:04:05');
  assert.equal(v.ts1, '2020-01-02 03:04:05.1');
  assert.equal(v.ts3, '-4712-01-01 00:00:00.000');
  assert.equal(v.ts6, '2020-01-02 03:04:05.123456');
  assert.equal(v.ts12, '2020-01-02 03:04:05.123456789012');
  // With a zone, the instant is kept (in UTC): 12:00 in New York in June is 16:00 UTC.
  assert.equal(v.tstz6, '2020-06-01 16:00:00.123456 UTC');
  assert.equal(v.tstz0, '2019-12-31 18:30:00 UTC');
  assert.equal(v.ids, '-1 02:03:04.567');
  assert.equal(v.iym, '-1-2');
  assert.deepEqual(v.nested, [[1, null], null, []]);
  assert.deepEqual(
    v.mapped,
    new ExactMap([
      ['a', [{ field0: 1.5, field1: new Uint8Array([1]) }]],
      ['b', null],
    ]),
  );
  assert.deepEqual(v.r, {
    a: 1,
    'b c': 'x',
    m: new ExactMap([[9223372036854775807n, '1.50']]),
  });
  assert.deepEqual(v.anon, { field0: 1, field1: 2 });
  assert.equal(v.nothing, null);
  assert.equal(v.colour, '#ff0000');
});

test('raw buffers hold the units the precision asks for', () => {
  const { batches } = decodeRecording('types');
  const b = batches[0]!;
  const col = (n: string) => b.getChild(n)!.data[0]!;
  assert.equal(col('dneg').values[0], -1);
  assert.equal(col('dmin').values[0], -719893); // 2 BC (ISO year -0001), January 1st
  assert.equal(col('ts9').values[0], -1n);
  assert.equal(col('ts1').values[0], 1577934245100n);
  assert.equal(col('ts6').values[0], 1577934245123456n);
  assert.equal(col('tstz0').values[0], 1577817000n);
  assert.equal(col('t9').values[0], 86399999999999n);
  assert.equal(col('ids').values[0], -93784567n);
  assert.equal(col('iym').values[0], -14);
  assert.equal(b.getChild('id')!.type.typeId, Type.FixedSizeBinary);
});

test('a type Loch does not know is kept as text, with a warning', () => {
  const warnings: string[] = [];
  decodeRecording('types', warnings);
  assert.deepEqual(warnings, [
    "column t12: time(12) is finer than Arrow's nanoseconds; kept as text",
    "column ts12: timestamp(12) is finer than Arrow's nanoseconds; kept as text",
    'column colour: Trino type color is not known to Loch; kept as text',
  ]);
});

test('NULL of every type decodes to a null slot with the right type', () => {
  const { batches } = decodeRecording('nulls');
  const b = batches[0]!;
  assert.equal(b.numCols, 27);
  for (const [i, f] of b.schema.fields.entries()) {
    const d = b.data.children[i]!;
    assert.equal(d.length, 1, f.name);
    assert.equal(d.nullCount, 1, `${f.name} (${f.metadata.get(TRINO_TYPE_KEY)})`);
  }
  assert.deepEqual([...batchRows(b)][0], new Array(27).fill(null));
});

test('64-bit integers beyond 2^53 survive JSON: parsePageExact keeps them as text', () => {
  const text = dataPages('types').texts[0]!;
  const lossy = parsePage(text).data![0]!;
  const exact = parsePageExact(text).data![0]!;
  assert.equal(lossy[4], -9223372036854775808); // rounded double
  assert.equal(exact[4], '-9223372036854775808');
  assert.equal(exact[5], '9223372036854775807');
  // Doubles and strings are untouched.
  assert.equal(exact[9], 5e-324);
  assert.equal(exact[10], '99999999999999999999999999999999999999');
});

test('the decoder asks for an exact re-read when JSON.parse rounded a 64-bit integer', () => {
  const { columns, texts } = dataPages('types');
  const decoder = new PageDecoder(columns!, () => {});
  assert.throws(() => decoder.decode(parsePage(texts[0]!).data!), { name: 'InexactNumberError' });
  // The decoder is clean afterwards: the exact page decodes to one row.
  assert.equal(decoder.decode(parsePageExact(texts[0]!).data!).numRows, 1);
});

test('Arrow IPC file and stream carry every type and the Trino metadata', async () => {
  const { batches } = decodeRecording('types');
  const { Table: ArrowTable } = await import('apache-arrow');
  const table: Table = new ArrowTable(batches);
  for (const format of ['file', 'stream'] as const) {
    const back = tableFromIpc(tableToIpc(table, format));
    assert.equal(back.numRows, 1);
    assert.deepEqual([...batchRows(back.batches[0]!)], [...batchRows(batches[0]!)]);
    assert.equal(back.schema.fields[12]!.metadata.get(TRINO_TYPE_KEY), 'decimal(18, 2)');
  }
});

test('an empty result has its schema and no rows', () => {
  const { decoder, batches } = decodeRecording('empty');
  assert.equal(batches.length, 0);
  assert.deepEqual(
    decoder.schema.fields.map((f) => `${f.name}:${f.type}`),
    ['nationkey:Int64', 'name:Utf8', 'regionkey:Int64', 'comment:Utf8'],
  );
});
