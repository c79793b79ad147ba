import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cellRef,
  parseNotebook,
  serializeNotebook,
} from '../../../../extension/src/notebooks/format';

test('a notebook round-trips with its cell metadata', () => {
  const nb = {
    loch: 1 as const,
    cells: [
      { kind: 'markdown' as const, source: '# t' },
      {
        kind: 'sql' as const,
        source: 'SELECT 1',
        metadata: { loch: { ref: 'etl', refHash: 'ab', snapshots: { 'demo.orders': '42' } } },
      },
    ],
  };
  assert.deepEqual(parseNotebook(serializeNotebook(nb)), nb);
  assert.deepEqual(parseNotebook(''), { loch: 1, cells: [] });
});

test('a file that is not a Loch notebook is refused with the reason', () => {
  assert.throws(() => parseNotebook('{'), /invalid JSON/);
  assert.throws(() => parseNotebook('{"cells": []}'), /expected \{"loch": 1/);
  assert.throws(
    () => parseNotebook('{"loch":1,"cells":[{"kind":"py","source":""}]}'),
    /cell 1 needs/,
  );
});

test('a cell overrides its ref on the first line, else from metadata', () => {
  assert.deepEqual(cellRef('-- ref: etl_1\nSELECT 1', 'x'), { ref: 'etl_1', sql: 'SELECT 1' });
  assert.deepEqual(cellRef('SELECT 1', 'x'), { ref: 'x', sql: 'SELECT 1' });
  assert.deepEqual(cellRef('SELECT 1 -- ref: y'), { ref: undefined, sql: 'SELECT 1 -- ref: y' });
});
