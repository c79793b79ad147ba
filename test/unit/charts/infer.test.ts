import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Field,
  Int64,
  Schema,
  TimestampMillisecond,
  Utf8,
  DateDay,
  Decimal,
  Bool,
  Float32,
} from 'apache-arrow';
import { chartFieldsOfSchema, inferChart } from '../../../shared/src/charts/infer';

test('Arrow schemas map to time, measure or category', () => {
  const schema = new Schema([
    new Field('n', new Int64()),
    new Field('d', new Decimal(2, 12, 128)),
    new Field('t', new TimestampMillisecond('UTC')),
    new Field('day', new DateDay()),
    new Field('s', new Utf8()),
    new Field('b', new Bool()),
    new Field('r', new Float32()),
  ]);
  assert.deepEqual(
    chartFieldsOfSchema(schema.fields).map((f) => f.kind),
    ['quantitative', 'quantitative', 'temporal', 'temporal', 'nominal', 'nominal', 'quantitative'],
  );
});

const f = (name: string, kind: 'temporal' | 'quantitative' | 'nominal') => ({ name, kind });

test('time × measure is a line (with a series from the first category)', () => {
  assert.deepEqual(
    inferChart([f('sensor', 'nominal'), f('ts', 'temporal'), f('temp', 'quantitative')]),
    {
      kind: 'line',
      x: 'ts',
      y: 'temp',
      aggregate: 'avg',
      color: 'sensor',
    },
  );
});

test('category × measure is a bar of sums', () => {
  assert.deepEqual(inferChart([f('status', 'nominal'), f('price', 'quantitative')]), {
    kind: 'bar',
    x: 'status',
    y: 'price',
    aggregate: 'sum',
  });
});

test('two measures: scatter when few points, heat map when many or unknown', () => {
  const two = [f('a', 'quantitative'), f('b', 'quantitative')];
  assert.equal(inferChart(two, { rowCount: 500 })?.kind, 'scatter');
  assert.equal(inferChart(two, { rowCount: 10_001 })?.kind, 'heatmap');
  assert.equal(inferChart(two, { rowCount: 50, threshold: 10 })?.kind, 'heatmap');
  assert.equal(inferChart(two)?.kind, 'heatmap');
});

test('one measure is a histogram; no measure counts; nothing chartable is undefined', () => {
  assert.deepEqual(inferChart([f('q', 'quantitative')]), {
    kind: 'histogram',
    x: 'q',
    aggregate: 'count',
  });
  assert.deepEqual(inferChart([f('ts', 'temporal')]), {
    kind: 'line',
    x: 'ts',
    aggregate: 'count',
  });
  assert.deepEqual(inferChart([f('s', 'nominal')]), { kind: 'bar', x: 's', aggregate: 'count' });
  assert.equal(inferChart([]), undefined);
});
