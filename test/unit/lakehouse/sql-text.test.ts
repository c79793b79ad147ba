import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  parseQualifiedName,
  qualifiedName,
  quoteIdentifier,
  quoteLiteral,
  UnsafeSqlInputError,
} from '../../../shared/src/lakehouse/sql-text';

test('identifiers are double-quoted with inner quotes doubled', () => {
  assert.equal(quoteIdentifier('orders'), '"orders"');
  assert.equal(quoteIdentifier('x"; DROP TABLE t; --'), '"x""; DROP TABLE t; --"');
  assert.equal(
    qualifiedName('lake', 'demo', 'orders$snapshots'),
    '"lake"."demo"."orders$snapshots"',
  );
});

test('literals are single-quoted with inner quotes doubled', () => {
  assert.equal(quoteLiteral("it's"), "'it''s'");
  assert.equal(quoteLiteral("'; DROP CATALOG lake; --"), "'''; DROP CATALOG lake; --'");
});

test('empty, overlong and control-character names are refused', () => {
  for (const bad of ['', 'a\nb', 'a\u0000b', 'x'.repeat(256)]) {
    assert.throws(() => quoteIdentifier(bad), UnsafeSqlInputError);
  }
  assert.throws(() => quoteLiteral('a\u0000'), UnsafeSqlInputError);
});

test('parseQualifiedName splits, lower-cases unquoted parts and keeps quoted ones', () => {
  assert.deepEqual(parseQualifiedName('demo.orders'), ['demo', 'orders']);
  assert.deepEqual(parseQualifiedName('Demo.ORDERS'), ['demo', 'orders']);
  assert.deepEqual(parseQualifiedName('"My.Schema"."t""x"'), ['My.Schema', 't"x']);
  assert.deepEqual(parseQualifiedName('lake.demo.orders'), ['lake', 'demo', 'orders']);
  for (const bad of ['demo.', '.orders', 'a..b', '"open.t', 'de"mo.t', '"a"b.c']) {
    assert.throws(() => parseQualifiedName(bad), UnsafeSqlInputError, bad);
  }
});
