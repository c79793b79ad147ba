// A partial result (the first 1000 rows) sorted and filtered by Trino, and the FULL result
// exported by the host as CSV, Parquet, Arrow and JSON, all from the viewer's buttons.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { tableFromIPC } from 'apache-arrow';
import * as parquet from 'parquet-wasm/node';
import { trino, trinoUrl } from '../../support/platform';
import { openViewerPage, type ViewerPage } from './support/page';

let vp: ViewerPage;
before(async () => {
  vp = await openViewerPage({ trinoUrl: trinoUrl() });
  await vp.page.evaluate(() =>
    window.lochHarness.streamSql(
      'orders',
      'SELECT orderkey, totalprice, orderstatus, orderdate FROM tpch.tiny.orders',
      1000,
    ),
  );
  await vp.page.evaluate(() => window.lochHarness.frames());
});
after(async () => vp?.close());

const firstRow = () =>
  vp.page.evaluate(() =>
    [...document.querySelectorAll('.loch-row[aria-rowindex="2"] .loch-cell')].map(
      (c) => c.textContent,
    ),
  );
const status = () => vp.page.evaluate(() => document.querySelector('.loch-status')!.textContent);

test('a partial result says so', async () => {
  assert.match((await status())!, /^1,000 rows · partial/);
});

test('sorting a partial result re-runs it with ORDER BY in Trino: the top row of ALL rows', async () => {
  await vp.page.locator('.loch-header-cell', { hasText: 'totalprice' }).click();
  await vp.page.locator('.loch-header-cell', { hasText: 'totalprice' }).click();
  await vp.page.waitForFunction(
    () => window.lochHarness.log.filter((m) => m.type === 'rerun').length === 2,
  );
  const [[key, price]] = (
    await trino().statement(
      'SELECT orderkey, totalprice FROM tpch.tiny.orders ORDER BY totalprice DESC LIMIT 1',
    )
  ).rows as [[number, number]];
  await vp.page.waitForFunction(
    (k) => document.querySelector('.loch-row[aria-rowindex="2"] .loch-cell')?.textContent === k,
    String(key),
  );
  const rerun = await vp.page.evaluate(
    () => window.lochHarness.log.filter((m) => m.type === 'rerun').at(-1)!.sql,
  );
  assert.match(rerun as string, /ORDER BY "totalprice" DESC NULLS LAST$/);
  const row = await firstRow();
  assert.equal(row[0], String(key));
  assert.equal(row[1], String(price));
});

test('filtering a partial result pushes the filter into Trino too', async () => {
  await vp.page.selectOption('.loch-filter-column', { label: 'orderstatus' });
  await vp.page.fill('.loch-filter-text', 'p');
  await vp.page.waitForFunction(() =>
    window.lochHarness.log.some((m) => m.type === 'rerun' && String(m.sql).includes('strpos')),
  );
  await vp.page.waitForFunction(() =>
    document.querySelector('.loch-status')!.textContent!.startsWith('363 rows'),
  );
  const [[count]] = (
    await trino().statement("SELECT count(*) FROM tpch.tiny.orders WHERE orderstatus = 'P'")
  ).rows as [[number]];
  assert.equal(count, 363);
  const row = await firstRow();
  assert.equal(row[2], 'P');
});

test('export streams the FULL result (not the loaded rows) in each format', async () => {
  await vp.page.fill('.loch-filter-text', '');
  await vp.page.waitForFunction(() =>
    document.querySelector('.loch-status')!.textContent!.startsWith('1,000 rows'),
  );
  for (const [i, format] of ['csv', 'parquet', 'arrow', 'json'].entries()) {
    await vp.page.click(`button[data-export=${format}]`);
    await vp.page.waitForFunction((n) => window.lochHarness.exports.length === n, i + 1, {
      timeout: 120_000,
    });
  }
  const exports = await vp.page.evaluate(() => window.lochHarness.exports);
  assert.deepEqual(
    exports.map((e) => [e.rows, e.error]),
    [
      [15000, undefined],
      [15000, undefined],
      [15000, undefined],
      [15000, undefined],
    ],
  );
  const [csv, pq, arrow, json] = exports.map((e) => e.location!);
  const lines = readFileSync(csv!, 'utf8').trimEnd().split('\r\n');
  assert.equal(lines.length, 15001);
  assert.equal(lines[0], 'orderkey,totalprice,orderstatus,orderdate');
  // Sorted by totalprice descending (the view's pushed sort is part of what is exported).
  const [[key, price, st, date]] = (
    await trino().statement(
      'SELECT orderkey, totalprice, orderstatus, CAST(orderdate AS varchar) FROM tpch.tiny.orders ORDER BY totalprice DESC LIMIT 1',
    )
  ).rows as [[number, number, string, string]];
  assert.equal(lines[1], `${key},${price},${st},${date}`);
  const arrowTable = tableFromIPC(readFileSync(arrow!));
  assert.equal(arrowTable.numRows, 15000);
  assert.equal(arrowTable.getChild('totalprice')!.get(0), price);
  const pqTable = tableFromIPC(parquet.readParquet(readFileSync(pq!)).intoIPCStream());
  assert.equal(pqTable.numRows, 15000);
  assert.equal(pqTable.getChild('totalprice')!.get(0), price);
  const rows = JSON.parse(readFileSync(json!, 'utf8')) as Record<string, unknown>[];
  assert.equal(rows.length, 15000);
  assert.deepEqual(rows[0], { orderkey: key, totalprice: price, orderstatus: st, orderdate: date });
  // The harness records an export before the viewer handles its `export-done` message.
  await vp.page.waitForFunction(() =>
    /Exported 15,000 rows to /.test(document.querySelector('.loch-status')?.textContent ?? ''),
  );
});
