import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QueryHistory, type HistoryEntry } from '../../../../extension/src/sql/history';

const entry = (id: string, sql: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id,
  sql,
  profile: 'local',
  ref: 'main',
  startedAt: '2026-01-01T00:00:00Z',
  elapsedMs: 5,
  outcome: 'ok',
  ...extra,
});

test('history keeps newest first, caps its size and persists every change', () => {
  const saved: HistoryEntry[][] = [];
  const h = new QueryHistory([], 2, (e) => void saved.push(e));
  h.add(entry('1', 'SELECT 1'));
  h.add(entry('2', 'SELECT 2'));
  h.add(entry('3', 'SELECT 3'));
  assert.deepEqual(
    h.all().map((e) => e.id),
    ['3', '2'],
  );
  assert.equal(saved.length, 3);
  assert.deepEqual(
    saved[2]!.map((e) => e.id),
    ['3', '2'],
  );
  h.clear();
  assert.deepEqual(h.all(), []);
  assert.deepEqual(saved.at(-1), []);
});

test('search matches every word across SQL, ref, outcome and error', () => {
  const h = new QueryHistory(
    [
      entry('a', 'SELECT * FROM demo.orders', { ref: 'etl' }),
      entry('b', 'SELECT * FROM demo.lineitem', { outcome: 'error', error: 'TABLE_NOT_FOUND' }),
      entry('c', 'select count(*) from demo.ORDERS'),
    ],
    10,
    () => undefined,
  );
  assert.deepEqual(
    h.search('orders').map((e) => e.id),
    ['a', 'c'],
  );
  assert.deepEqual(
    h.search('orders etl').map((e) => e.id),
    ['a'],
  );
  assert.deepEqual(
    h.search('table_not_found').map((e) => e.id),
    ['b'],
  );
  assert.equal(h.search('').length, 3);
});
