import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Field,
  Float64,
  Int32,
  Schema,
  Table,
  Utf8,
  tableToIPC,
  vectorFromArray,
  makeData,
  RecordBatch,
  Struct,
} from 'apache-arrow';
import { radixSortRows } from '../../../shared/src/results/radix-sort';
import { ResultStore } from '../../../shared/src/results/store';

function batch(ids: number[], values: (number | null)[], labels: (string | null)[]): RecordBatch {
  const schema = new Schema([
    new Field('id', new Int32()),
    new Field('value', new Float64(), true),
    new Field('label', new Utf8(), true),
  ]);
  const children = [
    vectorFromArray(ids, new Int32()).data[0]!,
    vectorFromArray(values, new Float64()).data[0]!,
    vectorFromArray(labels, new Utf8()).data[0]!,
  ];
  return new RecordBatch(
    schema,
    makeData({ type: new Struct(schema.fields), length: ids.length, children }),
  );
}

test('rows are found across streamed batches; NULL is null, the string "NULL" is text', () => {
  const s = new ResultStore();
  s.appendIpc(tableToIPC(new Table([batch([0, 1], [1.5, null], ['a', 'NULL'])]), 'stream'));
  s.appendBatch(batch([2, 3, 4], [-2, 7, 0], [null, 'b', 'c']));
  assert.equal(s.rowCount, 5);
  assert.equal(s.columnCount, 3);
  assert.equal(s.text(3, 0), '3');
  assert.equal(s.text(0, 1), '1.5');
  assert.equal(s.text(1, 1), null);
  assert.equal(s.text(1, 2), 'NULL');
  assert.equal(s.text(2, 2), null);
  assert.equal(s.text(4, 2), 'c');
});

test('sort on loaded rows: numbers (radix) and text, NULLs last both ways; filter by text', () => {
  const s = new ResultStore();
  s.appendBatch(batch([0, 1, 2], [1.5, null, -2], ['b', 'NULL', null]));
  s.appendBatch(batch([3, 4], [7, 0], ['a', 'B']));
  const ids = () => Array.from({ length: s.viewRowCount }, (_, i) => s.text(s.rowAt(i), 0));
  s.sort = { column: 1, direction: 'asc' };
  s.applyView();
  assert.deepEqual(ids(), ['2', '4', '0', '3', '1']);
  s.sort = { column: 1, direction: 'desc' };
  s.applyView();
  assert.deepEqual(ids(), ['3', '0', '4', '2', '1']);
  s.sort = { column: 2, direction: 'asc' };
  s.applyView();
  assert.deepEqual(ids(), ['4', '1', '3', '0', '2']);
  s.sort = undefined;
  s.filter = { column: 2, text: 'b' };
  s.applyView();
  assert.deepEqual(ids(), ['0', '4']);
  s.filter = { column: 2, text: 'null' };
  s.applyView();
  assert.deepEqual(ids(), ['1']); // the string "NULL", not the NULL in row 2
});

test('radix sort orders negatives, zeros, fractions and infinities; stable for ties', () => {
  const keys = Float64Array.from([
    3,
    -1.5,
    0,
    -Infinity,
    2.25,
    -0.001,
    Infinity,
    3,
    1e-300,
    -1e300,
  ]);
  const rows = Uint32Array.from(keys.keys());
  const asc = Array.from(radixSortRows(keys, rows, false));
  assert.deepEqual(
    asc.map((r) => keys[r]),
    [...keys].sort((a, b) => a - b),
  );
  assert.deepEqual(
    asc.filter((r) => keys[r] === 3),
    [0, 7],
  );
  const desc = Array.from(radixSortRows(keys, rows, true));
  assert.deepEqual(
    desc.map((r) => keys[r]),
    [...keys].sort((a, b) => b - a),
  );
  // A subset of rows keeps only those rows.
  assert.deepEqual(Array.from(radixSortRows(keys, Uint32Array.from([0, 1, 2]), false)), [1, 2, 0]);
});
