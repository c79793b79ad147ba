// The generated SQL's text: quoting and the user's statement kept intact. Whether the SQL is
// valid and its aggregates right is proven against the real Trino in test/integration/charts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  pushdownGroupBySql,
  pushdownHistogramSql,
  pushdownSql,
  pushdownTimeBucketSql,
} from '../../../shared/src/charts/pushdown';
import { asSubquery, doubleLiteral, quoteIdent } from '../../../shared/src/charts/sql-text';

test('identifiers are quoted, statements lose trailing semicolons only', () => {
  assert.equal(quoteIdent('a "b" c'), '"a ""b"" c"');
  assert.equal(asSubquery('  SELECT 1;; \n'), 'SELECT 1');
  assert.equal(asSubquery("SELECT ';'"), "SELECT ';'");
  assert.equal(doubleLiteral(-1.5e-7), "DOUBLE '-1.5e-7'");
  assert.throws(() => doubleLiteral(Number.NaN), RangeError);
});

test('a trailing line comment cannot swallow the closing parenthesis', () => {
  const sql = pushdownHistogramSql('SELECT x FROM t -- the table', 'x');
  assert.match(sql, /^WITH src AS \(\nSELECT x FROM t -- the table\n\)/);
});

test('a histogram with a brushed extent needs no extent scan', () => {
  const sql = pushdownHistogramSql('SELECT 1 AS x', 'x', { extent: { lo: 0, hi: 10 } });
  assert.ok(!sql.includes('min('));
  assert.ok(sql.includes("BETWEEN DOUBLE '0' AND DOUBLE '10'"));
});

test('the dispatcher picks the query shape of each chart kind', () => {
  const s = 'SELECT * FROM t';
  assert.ok(
    pushdownSql(s, { kind: 'histogram', x: 'a', aggregate: 'count' }).includes('bin_start'),
  );
  assert.ok(
    pushdownSql(s, { kind: 'heatmap', x: 'a', y: 'b', aggregate: 'count' }).includes('y_start'),
  );
  assert.ok(pushdownSql(s, { kind: 'line', x: 't', aggregate: 'count' }).includes('date_trunc'));
  assert.ok(pushdownSql(s, { kind: 'bar', x: 'c', aggregate: 'count' }).includes('is_other'));
  assert.ok(
    pushdownSql(s, { kind: 'scatter', x: 'a', y: 'b', aggregate: 'count' }).includes('LIMIT 10000'),
  );
});

test('series and top-N options reach the SQL', () => {
  assert.ok(
    pushdownTimeBucketSql('SELECT 1', 't', { color: 'c', maxSeries: 3 }).includes('LIMIT 3'),
  );
  assert.ok(pushdownGroupBySql('SELECT 1', 'c', { topN: 7 }).includes('rk <= 7'));
});
