import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  HEADER_HEIGHT,
  MAX_SCROLL_HEIGHT,
  ROW_HEIGHT,
  contentHeight,
  firstRowAt,
  scrollTopFor,
  visibleColumns,
} from '../../../shared/src/results/grid-layout';

const H = 600;

test('small results scroll pixel for pixel', () => {
  assert.equal(contentHeight(100), 100 * ROW_HEIGHT + HEADER_HEIGHT);
  assert.equal(firstRowAt(ROW_HEIGHT * 10, 100, H), 10);
  assert.equal(scrollTopFor(10, 100, H), ROW_HEIGHT * 10);
  assert.equal(firstRowAt(0, 5, H), 0);
});

test('10M and 1B rows fit under the maximum height and reach their last row', () => {
  for (const rows of [10_000_000, 1_000_000_000]) {
    assert.equal(contentHeight(rows), MAX_SCROLL_HEIGHT);
    const bodyRows = (H - HEADER_HEIGHT) / ROW_HEIGHT;
    assert.equal(firstRowAt(MAX_SCROLL_HEIGHT - H, rows, H), rows - bodyRows);
    assert.equal(firstRowAt(0, rows, H), 0);
    const row = Math.floor(rows / 3);
    assert.ok(Math.abs(firstRowAt(scrollTopFor(row, rows, H), rows, H) - row) < 1e-3);
  }
});

test('only the columns intersecting the viewport are drawn', () => {
  const widths = [100, 200, 50, 300];
  assert.deepEqual(visibleColumns(widths, 0, 250), { start: 0, end: 2, lefts: [0, 100, 300, 350] });
  assert.deepEqual(visibleColumns(widths, 320, 100).start, 2);
  assert.deepEqual(visibleColumns(widths, 320, 100).end, 4);
});
