import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HistoryEntry } from '../../../../shared/src/lakehouse/history';
import {
  HISTORY_KEY,
  HistoryStore,
  isHistoryEntry,
  type HistoryMemento,
} from '../../../../extension/src/sql/history';

/** VS Code's global state as the store sees it: a key/value map. */
function memento(initial: Record<string, unknown> = {}): HistoryMemento & {
  data: Record<string, unknown>;
} {
  const data = { ...initial };
  return {
    data,
    get: <T>(key: string) => data[key] as T | undefined,
    update: (key, value) => {
      data[key] = value;
      return Promise.resolve();
    },
  };
}

const entry = (id: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id,
  sql: `SELECT ${id}`,
  ref: 'main',
  refHash: 'abc',
  catalog: 'lake',
  status: 'finished',
  rows: 1,
  startedAt: '2026-01-01T00:00:00.000Z',
  elapsedMs: 5,
  source: 'editor',
  ...extra,
});

test('stored entries of an earlier version (outcome, no status) are not loaded', () => {
  const old = {
    id: '1',
    sql: 'SELECT 1',
    profile: 'local',
    ref: 'main',
    startedAt: '2026-01-01T00:00:00Z',
    elapsedMs: 5,
    outcome: 'ok',
  };
  const store = new HistoryStore(memento({ [HISTORY_KEY]: [old, entry('2'), null, 'x'] }), 10);
  assert.deepEqual(store.load(), [entry('2')]);
  assert.equal(isHistoryEntry(old), false);
  assert.equal(isHistoryEntry(entry('3', { status: 'capped', moreRows: true })), true);
  assert.deepEqual(new HistoryStore(memento({ [HISTORY_KEY]: 'junk' }), 10).load(), []);
});

test("a session's history starts from the store and every change is saved and announced", () => {
  const m = memento({ [HISTORY_KEY]: [entry('1')] });
  const store = new HistoryStore(m, 2);
  let changes = 0;
  store.onDidChange(() => changes++);
  const options = store.sessionOptions();
  assert.equal(options.maxEntries, 2);
  assert.deepEqual(options.initial, [entry('1')]);
  options.save([entry('2'), entry('1')]);
  assert.deepEqual(m.data[HISTORY_KEY], [entry('2'), entry('1')]);
  assert.equal(changes, 1);
  // The next session (a reconnect) starts where this one left off.
  assert.deepEqual(
    store.sessionOptions().initial.map((e) => e.id),
    ['2', '1'],
  );
});

test('while disconnected the stored history is listed, searched and cleared', () => {
  const m = memento({ [HISTORY_KEY]: [entry('1', { ref: 'etl' }), entry('2')] });
  const store = new HistoryStore(m, 10);
  const history = store.detached();
  assert.equal(store.detached(), history);
  assert.deepEqual(
    history.search('etl').map((e) => e.id),
    ['1'],
  );
  history.clear();
  assert.deepEqual(m.data[HISTORY_KEY], []);
  assert.deepEqual(store.load(), []);
});

test('a maxEntries that is not a whole number >= 0 is refused', () => {
  assert.throws(
    () => new HistoryStore(memento(), -1),
    /^RangeError: loch.history.maxEntries is a whole number >= 0, not -1$/,
  );
});
