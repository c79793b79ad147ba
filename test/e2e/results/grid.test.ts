// The virtual grid in Debian Chromium: 10M rows streamed as Arrow IPC batches through the
// message protocol, scrolled to the end past the browser's maximum element height, sorted,
// navigated by keyboard, copied as TSV/CSV/Markdown, columns resized and reordered.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openViewerPage, type ViewerPage } from './support/page';
import { syntheticLabel, syntheticValue } from './support/synthetic';

const ROWS = 10_000_000;
let vp: ViewerPage;

before(async () => {
  vp = await openViewerPage({});
  await vp.page.evaluate((rows) => window.lochHarness.streamSynthetic(rows, 1_000_000), ROWS);
  await vp.page.evaluate(() => window.lochHarness.frames());
});
after(async () => vp?.close());

const visibleCells = () =>
  vp.page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.loch-row:not([hidden])')].map((r) => ({
      rowindex: Number(r.getAttribute('aria-rowindex')),
      cells: [...r.querySelectorAll<HTMLElement>('.loch-cell')].map((c) => ({
        text: c.textContent,
        isNull: c.classList.contains('loch-null'),
      })),
    })),
  );

test('10M rows stream in; only the viewport is in the DOM; ARIA grid roles and counts', async () => {
  const info = await vp.page.evaluate(() => ({
    status: document.querySelector('.loch-status')!.textContent,
    rowEls: document.querySelectorAll('.loch-row').length,
    cellEls: document.querySelectorAll('.loch-cell').length,
    rowcount: document.querySelector('[role=grid]')!.getAttribute('aria-rowcount'),
    colcount: document.querySelector('[role=grid]')!.getAttribute('aria-colcount'),
    headers: [...document.querySelectorAll('[role=columnheader] .loch-header-name')].map(
      (h) => h.textContent,
    ),
    spacer: (document.querySelector('.loch-grid-spacer') as HTMLElement).offsetHeight,
  }));
  assert.equal(info.status, '10,000,000 rows');
  assert.ok(info.rowEls < 60, `row elements: ${info.rowEls}`);
  assert.ok(info.cellEls <= info.rowEls * 3);
  assert.equal(info.rowcount, String(ROWS + 1));
  assert.equal(info.colcount, '3');
  assert.deepEqual(info.headers, ['id', 'value', 'label']);
  assert.ok(info.spacer < 8_000_000, `scaled scroll height: ${info.spacer}`);
  const rows = await visibleCells();
  assert.equal(rows[0]!.rowindex, 2);
  assert.deepEqual(
    rows[0]!.cells.map((c) => c.text),
    ['0', '0', 'label-0'],
  );
  assert.deepEqual(
    rows[3]!.cells.map((c) => c.text),
    ['3', String(syntheticValue(3)), 'label-3'],
  );
});

test('scrolling to the end reaches row 10,000,000 exactly (scaled scrolling)', async () => {
  await vp.page.evaluate(() => {
    const s = document.querySelector('.loch-grid-scroll')!;
    s.scrollTop = s.scrollHeight;
  });
  await vp.page.evaluate(() => window.lochHarness.frames());
  const rows = await visibleCells();
  const last = rows[rows.length - 1]!;
  assert.equal(last.rowindex, ROWS + 1);
  assert.deepEqual(
    last.cells.map((c) => c.text),
    [String(ROWS - 1), String(syntheticValue(ROWS - 1)), syntheticLabel(ROWS - 1)],
  );
  // Midway: the row shown first follows the scroll position proportionally.
  await vp.page.evaluate(() => {
    const s = document.querySelector('.loch-grid-scroll')!;
    s.scrollTop = (s.scrollHeight - s.clientHeight) / 2;
  });
  await vp.page.evaluate(() => window.lochHarness.frames());
  const mid = (await visibleCells())[0]!;
  assert.ok(Math.abs(mid.rowindex - ROWS / 2) < 100, `middle row: ${mid.rowindex}`);
  assert.equal(mid.cells[0]!.text, String(mid.rowindex - 2));
});

test('NULL is drawn distinctly from the string "NULL"', async () => {
  await vp.page.evaluate(() => window.lochHarness.viewer.grid.scrollToRow(495));
  await vp.page.evaluate(() => window.lochHarness.frames());
  const rows = await visibleCells();
  const r500 = rows.find((r) => r.rowindex === 502)!;
  assert.deepEqual(r500.cells[1], { text: 'NULL', isNull: true });
  await vp.page.evaluate(() => window.lochHarness.viewer.grid.scrollToRow(995));
  await vp.page.evaluate(() => window.lochHarness.frames());
  const r999 = (await visibleCells()).find((r) => r.rowindex === 1001)!;
  assert.deepEqual(r999.cells[2], { text: 'NULL', isNull: false });
});

test('keyboard selection and copy as TSV, CSV and Markdown with headers', async () => {
  const { page } = vp;
  await page.evaluate(() => window.lochHarness.viewer.grid.scrollToRow(0));
  await page.evaluate(() => window.lochHarness.frames());
  await page.click('.loch-row[aria-rowindex="3"] .loch-cell[aria-colindex="1"]');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+c');
  await page.waitForFunction(() => window.lochHarness.copies.length === 1);
  const copies = await page.evaluate(() => window.lochHarness.copies);
  assert.deepEqual(copies.at(-1), {
    format: 'tsv',
    text: `id\tvalue\n1\t${syntheticValue(1)}\n2\t${syntheticValue(2)}`,
  });
  await page.click('[data-copy=csv]');
  await page.click('[data-copy=markdown]');
  await page.waitForFunction(() => window.lochHarness.copies.length === 3);
  const [csv, md] = (await page.evaluate(() => window.lochHarness.copies)).slice(-2);
  assert.equal(csv!.text, `id,value\r\n1,${syntheticValue(1)}\r\n2,${syntheticValue(2)}`);
  assert.equal(
    md!.text,
    `| id | value |\n| --- | --- |\n| 1 | ${syntheticValue(1)} |\n| 2 | ${syntheticValue(2)} |`,
  );
  const active = await page.evaluate(() =>
    document.querySelector('[role=grid]')!.getAttribute('aria-activedescendant'),
  );
  assert.equal(active, 'loch-active-cell');
  // Ctrl+End goes to the last cell of 10M rows.
  await page.focus('[role=grid]');
  await page.keyboard.press('Control+End');
  await page.evaluate(() => window.lochHarness.frames());
  const sel = await page.evaluate(() => window.lochHarness.viewer.grid.selection.focus);
  assert.deepEqual(sel, { row: ROWS - 1, col: 2 });
});

test('columns resize by dragging the header edge and reorder by dragging or Alt+Arrow', async () => {
  const { page } = vp;
  const before = await page.evaluate(() => window.lochHarness.viewer.grid.widths.slice());
  const handle = await page
    .locator('.loch-header-cell[aria-colindex="1"] .loch-resize')
    .boundingBox();
  await page.mouse.move(handle!.x + 2, handle!.y + 5);
  await page.mouse.down();
  await page.mouse.move(handle!.x + 62, handle!.y + 5, { steps: 4 });
  await page.mouse.up();
  const after = await page.evaluate(() => window.lochHarness.viewer.grid.widths.slice());
  assert.equal(after[0], before[0]! + 60);
  // Drag "label" onto the first column.
  const label = await page.locator('.loch-header-cell[aria-colindex="3"]').boundingBox();
  await page.mouse.move(label!.x + 20, label!.y + 10);
  await page.mouse.down();
  await page.mouse.move(10, label!.y + 10, { steps: 5 });
  await page.mouse.up();
  await page.evaluate(() => window.lochHarness.frames());
  const names = await page.evaluate(() =>
    [...document.querySelectorAll('.loch-header-name')].map((h) => h.textContent),
  );
  assert.deepEqual(names, ['label', 'id', 'value']);
  await page.evaluate(() => window.lochHarness.viewer.grid.select({ row: 0, col: 0 }));
  await page.focus('[role=grid]');
  await page.keyboard.press('Alt+ArrowRight');
  await page.evaluate(() => window.lochHarness.frames());
  const names2 = await page.evaluate(() =>
    [...document.querySelectorAll('.loch-header-name')].map((h) => h.textContent),
  );
  assert.deepEqual(names2, ['id', 'label', 'value']);
});

test('sorting the 10M loaded rows by a column (click on its header), NULLs last', async () => {
  const { page } = vp;
  await page.evaluate(() => window.lochHarness.viewer.grid.scrollToRow(0));
  await page.evaluate(() => window.lochHarness.frames());
  const header = page.locator('.loch-header-cell', { hasText: 'value' });
  await header.click(); // ascending
  await header.click(); // descending
  await page.evaluate(() => window.lochHarness.frames());
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  // Largest value: ((i * 7919) % 1000003) / 100 reaches 10000.02 for some i below 10M.
  let max = -1;
  let maxId = -1;
  for (let i = 0; i < ROWS; i++) {
    const v = syntheticValue(i);
    if (v !== null && v > max) {
      max = v;
      maxId = i;
    }
  }
  const first = (await visibleCells())[0]!;
  const byName = await page.evaluate(() =>
    [...document.querySelectorAll('.loch-header-name')].map((h) => h.textContent),
  );
  const valueAt = first.cells[byName.indexOf('value')]!.text;
  assert.equal(valueAt, String(max));
  assert.equal(Number(first.cells[byName.indexOf('id')]!.text) % 1000003, maxId % 1000003);
  // NULLs (every 1000th row) are last.
  const last = await page.evaluate(() => {
    const s = window.lochHarness.viewer.store;
    return s.text(s.rowAt(s.viewRowCount - 1), 1);
  });
  assert.equal(last, null);
  assert.deepEqual(vp.errors, []);
  assert.deepEqual(await page.evaluate(() => window.lochHarness.violations), []);
});
