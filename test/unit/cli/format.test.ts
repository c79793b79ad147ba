// `loch query`'s writers on the recorded all-types page: CSV text, JSON values, table layout.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecordBatch } from 'apache-arrow';
import { PageDecoder } from '../../../shared/src/arrow/page-decoder';
import { tableWriter } from '../../../shared/src/cli/format/writers';
import { csvWriter, jsonWriter } from '../../../shared/src/results/text-writers';
import { parsePage, parsePageExact } from '../../../shared/src/trino/page-json';
import { loadRecording } from '../../fixtures/trino/replay';

function typesBatch(): RecordBatch {
  const bodies = loadRecording('types').exchanges.map((e) => e.body);
  const columns = bodies.map(parsePage).find((p) => p.columns)!.columns!;
  const data = bodies.map(parsePageExact).find((p) => p.data)!.data!;
  return new PageDecoder(columns, () => {}).decode(data);
}

function run(make: typeof csvWriter, batch: RecordBatch): string {
  let out = '';
  const w = make((t) => (out += t));
  w.start(batch.schema);
  w.batch(batch);
  w.end();
  return out;
}

test('JSON keeps what numbers cannot hold as strings and writes the rest natively', () => {
  const [row] = JSON.parse(run(jsonWriter, typesBatch())) as Record<string, unknown>[];
  assert.equal(row!.i64min, '-9223372036854775808');
  assert.equal(row!.i32, -2147483648);
  assert.equal(row!.f32nan, 'NaN');
  assert.equal(row!.f64inf, '-Infinity');
  assert.equal(row!.d38max, '99999999999999999999999999999999999999');
  assert.equal(row!.d18, '-1234567890123456.78'); // 18 digits: a string
  assert.equal(row!.d2, -0.01); // 2 digits: a number
  assert.equal(row!.bin, 'AP8Q');
  assert.equal(row!.id, '12151fd2-7586-11e9-8f9e-2a86e4085a59');
  assert.equal(row!.tstz6, '2020-06-01 16:00:00.123456 UTC');
  assert.deepEqual(row!.mapped, { a: [{ field0: 1.5, field1: 'AQ==' }], b: null });
  assert.deepEqual(row!.r, { a: 1, 'b c': 'x', m: { '9223372036854775807': 1.5 } });
  assert.equal(row!.nothing, null);
});

test('CSV quotes only what needs it and leaves NULL empty', () => {
  const [header, line, rest] = run(csvWriter, typesBatch()).split('\r\n');
  assert.equal(rest, '');
  assert.equal(header!.split(',').length, 47);
  assert.ok(header!.startsWith('b,i8,i16,i32,i64min,'));
  const cells = line!;
  assert.ok(
    cells.startsWith('true,-128,32767,-2147483648,-9223372036854775808,9223372036854775807,NaN,'),
  );
  assert.ok(cells.includes(',"{""a"":[1,2.5,null]}",'), 'JSON text is quoted with doubled quotes');
  assert.ok(cells.includes(',"[[1, NULL], NULL, []]",'));
  assert.ok(cells.endsWith(',"{field0=1, field1=2}",,#ff0000'));
  assert.ok(
    cells.includes(',NaN,3.4028235e+38,-Infinity,5e-324,'),
    'a real prints as its shortest form',
  );
});

test('the text table aligns columns, right-aligns numbers and counts rows', () => {
  const out = run(tableWriter, typesBatch()).split('\n');
  assert.equal(out.length, 5);
  assert.equal(out[3], '(1 row)');
  const header = out[0]!.split(' | ');
  assert.equal(header[0], ' b   ');
  assert.equal(out[1]!.split('+').length, 47);
});
