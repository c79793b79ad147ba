import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  completionsAt,
  dottedPrefix,
  tablesNeedingColumns,
  type SqlMetadata,
} from '../../../../extension/src/sql/completion-model';

const md: SqlMetadata = {
  catalog: 'lake',
  catalogs: ['lake', 'tpch', 'system'],
  tables: new Map([
    [
      'demo',
      new Map([
        [
          'orders',
          [
            { name: 'orderkey', type: 'bigint' },
            { name: 'totalprice', type: 'decimal(12,2)' },
          ],
        ],
        ['sensor_readings', [{ name: 'sensor_id', type: 'integer' }]],
      ]),
    ],
  ]),
  functions: ['count', 'sum'],
};

const labels = (text: string) => completionsAt(text, md).map((c) => `${c.kind}:${c.label}`);

test('dottedPrefix splits quoted and plain qualifiers', () => {
  assert.deepEqual(dottedPrefix('SELECT * FROM lake."Demo".or'), {
    qualifier: ['lake', 'demo'],
    partial: 'or',
  });
  assert.deepEqual(dottedPrefix('SELECT '), { qualifier: [], partial: '' });
});

test('after catalog. come schemas, after schema. tables, after table. columns', () => {
  assert.deepEqual(labels('FROM lake.'), ['schema:demo']);
  assert.deepEqual(labels('FROM lake.demo.'), ['table:orders', 'table:sensor_readings']);
  assert.deepEqual(labels('FROM demo.'), ['table:orders', 'table:sensor_readings']);
  assert.deepEqual(labels('SELECT orders.'), ['column:orderkey', 'column:totalprice']);
  assert.deepEqual(labels('SELECT lake.demo.orders.'), ['column:orderkey', 'column:totalprice']);
  assert.deepEqual(labels('SELECT nothing.'), []);
});

test('without a qualifier: keywords, catalogs, schemas, tables, columns and functions', () => {
  const all = labels('SELECT ');
  for (const l of [
    'keyword:SELECT',
    'catalog:tpch',
    'schema:demo',
    'table:orders',
    'column:sensor_id',
    'function:count',
  ]) {
    assert.ok(all.includes(l), l);
  }
});

test('columns are read only for the table a completion needs', () => {
  const need = (text: string) => tablesNeedingColumns(text, md);
  const orders = [{ schema: 'demo', table: 'orders' }];
  assert.deepEqual(need('SELECT orders.'), orders);
  assert.deepEqual(need('SELECT demo.orders.'), orders);
  assert.deepEqual(need('SELECT lake.demo.orders.'), orders);
  // A catalog or schema qualifier completes names, not columns; unknown names read nothing.
  assert.deepEqual(need('FROM lake.'), []);
  assert.deepEqual(need('FROM demo.'), []);
  assert.deepEqual(need('FROM lake.demo.'), []);
  assert.deepEqual(need('SELECT nothing.'), []);
  assert.deepEqual(need('SELECT other.demo.orders.'), []);
});

test('without a qualifier, columns are read for the tables the text names', () => {
  assert.deepEqual(tablesNeedingColumns('SELECT ', md), []);
  assert.deepEqual(
    tablesNeedingColumns('SELECT * FROM demo.sensor_readings r JOIN Orders o ON ', md),
    [
      { schema: 'demo', table: 'orders' },
      { schema: 'demo', table: 'sensor_readings' },
    ],
  );
});
