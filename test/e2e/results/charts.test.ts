// Every chart kind drawn in Chromium from a partial result: the viewer asks its host for the
// pushed-down aggregation, the host runs it on the real Trino, Arrow rows come back and
// vega (with its CSP-safe interpreter) paints them. Also: editable encodings, zoom, export.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { trino, trinoUrl } from '../../support/platform';
import { openViewerPage, type ViewerPage } from './support/page';

let vp: ViewerPage;
before(async () => {
  vp = await openViewerPage({ trinoUrl: trinoUrl() });
});
after(async () => vp?.close());

/** Streams the first 1000 rows of `sql` (a partial result), opens the chart tab, waits for paint. */
async function chartOf(sql: string) {
  return vp.page.evaluate(async (q) => {
    const h = window.lochHarness;
    await h.streamSql('r', q, 1000);
    const painted = h.nextChart();
    h.viewer.show('chart');
    return painted;
  }, sql);
}

const generatedSql = () =>
  vp.page.evaluate(() => document.querySelector('.loch-chart-sql')!.textContent);
const lastChartQuery = () =>
  vp.page.evaluate(
    () => window.lochHarness.log.filter((m) => m.type === 'chart-query').at(-1)?.sql as string,
  );

/** Coloured pixels on the chart canvas: proof something was drawn, not an empty frame. */
const inkedPixels = () =>
  vp.page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('.loch-chart-canvas canvas')!;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4)
      if (d[i + 3]! > 0 && !(d[i] === d[i + 1] && d[i + 1] === d[i + 2])) n++;
    return n;
  });

test('one measure: a histogram aggregated by Trino over every row, its SQL shown', async () => {
  const info = await chartOf('SELECT extendedprice FROM tpch.tiny.lineitem');
  assert.equal(info.kind, 'histogram');
  assert.equal(info.pushedDown, true);
  const sql = await generatedSql();
  assert.equal(sql, await lastChartQuery());
  assert.match(sql!, /^WITH src AS \(\nSELECT extendedprice FROM tpch.tiny.lineitem\n\)/);
  // The range came from SHOW STATS (no scan), so the aggregating query reads the rows once.
  const queries = await vp.page.evaluate(() =>
    window.lochHarness.log.filter((m) => m.type === 'chart-query').map((m) => m.sql as string),
  );
  assert.equal(queries.at(-2), 'SHOW STATS FOR (\nSELECT extendedprice FROM tpch.tiny.lineitem\n)');
  assert.ok(!sql!.includes('min('));
  const rows = (await trino().statement(sql!)).rows;
  assert.equal(info.marks, rows.length);
  assert.equal(
    rows.reduce((s, r) => s + Number(r[2]), 0),
    60175,
  );
  assert.ok((await inkedPixels()) > 1000);
  const status = await vp.page.evaluate(
    () => document.querySelector('.loch-chart-status')!.textContent,
  );
  assert.equal(status, `${rows.length} marks aggregated by Trino`);
});

test('category × measure: a bar chart of the top categories plus "(other)"', async () => {
  const info = await chartOf('SELECT clerk, totalprice FROM tpch.tiny.orders');
  assert.deepEqual(info, { kind: 'bar', marks: 21, pushedDown: true });
  assert.ok((await lastChartQuery()).includes('is_other'));
  assert.ok((await inkedPixels()) > 1000);
});

test('time × measure: a line per series over time buckets', async () => {
  const info = await chartOf('SELECT sensor_id, ts, temperature FROM lake.demo.sensor_readings');
  assert.equal(info.kind, 'line');
  assert.equal(info.pushedDown, true);
  const rows = (await trino().statement(await lastChartQuery())).rows;
  assert.equal(info.marks, rows.length);
  assert.ok((await inkedPixels()) > 500);
});

test('two measures: a heat map when there are many points; scatter when edited to it', async () => {
  const info = await chartOf('SELECT quantity, extendedprice FROM tpch.tiny.lineitem');
  assert.equal(info.kind, 'heatmap');
  assert.ok((await inkedPixels()) > 1000);
  const scatter = await vp.page.evaluate(async () => {
    const h = window.lochHarness;
    const painted = h.nextChart();
    const s = document.querySelector<HTMLSelectElement>('select[data-encoding=mark]')!;
    s.value = 'scatter';
    s.dispatchEvent(new Event('change'));
    return painted;
  });
  assert.deepEqual(scatter, { kind: 'scatter', marks: 10000, pushedDown: true });
  assert.match(await lastChartQuery(), /ORDER BY rand\(\) LIMIT 10000$/);
});

test('editing an encoding re-issues the pushed-down query (bar by a different measure)', async () => {
  await chartOf('SELECT orderstatus, orderpriority, totalprice FROM tpch.tiny.orders');
  const info = await vp.page.evaluate(async () => {
    const h = window.lochHarness;
    const painted = h.nextChart();
    const agg = document.querySelector<HTMLSelectElement>('select[data-encoding=aggregate]')!;
    agg.value = 'max';
    agg.dispatchEvent(new Event('change'));
    return painted;
  });
  assert.equal(info.kind, 'bar');
  assert.equal(info.marks, 3);
  const sql = await lastChartQuery();
  assert.ok(sql.includes('max(CAST("totalprice" AS double))'));
  const direct = await trino().statement(
    'SELECT orderstatus, max(totalprice) FROM tpch.tiny.orders GROUP BY 1 ORDER BY 2 DESC',
  );
  const charted = (await trino().statement(sql)).rows.map((r) => [r[0], r[1]]);
  assert.deepEqual(charted, direct.rows);
});

test('zooming a histogram re-issues the query over the brushed range', async () => {
  await chartOf('SELECT extendedprice FROM tpch.tiny.lineitem');
  const info = await vp.page.evaluate(async () => {
    const h = window.lochHarness;
    const painted = h.nextChart();
    h.viewer.chart.zoom({ lo: 1000, hi: 2000 });
    return painted;
  });
  assert.equal(info.pushedDown, true);
  const sql = await lastChartQuery();
  assert.ok(sql.includes("BETWEEN DOUBLE '1000' AND DOUBLE '2000'"));
  const rows = (await trino().statement(sql)).rows;
  const [[count]] = (
    await trino().statement(
      'SELECT count(*) FROM tpch.tiny.lineitem WHERE extendedprice BETWEEN 1000 AND 2000',
    )
  ).rows as [[number]];
  assert.equal(
    rows.reduce((s, r) => s + Number(r[2]), 0),
    count,
  );
  assert.equal(Number(rows[0]![1]) - Number(rows[0]![0]), 50);
});

test('a small complete result is drawn from its loaded rows without a query', async () => {
  const before = await vp.page.evaluate(
    () => window.lochHarness.log.filter((m) => m.type === 'chart-query').length,
  );
  const info = await chartOf('SELECT nationkey, regionkey FROM tpch.tiny.nation');
  assert.deepEqual(info, { kind: 'scatter', marks: 25, pushedDown: false });
  const afterCount = await vp.page.evaluate(
    () => window.lochHarness.log.filter((m) => m.type === 'chart-query').length,
  );
  assert.equal(afterCount, before);
});

test('export as PNG, SVG and the vega-lite spec goes to the host as bytes', async () => {
  await chartOf('SELECT clerk, totalprice FROM tpch.tiny.orders');
  await vp.page.click('button[data-export=png]');
  await vp.page.click('button[data-export=svg]');
  await vp.page.click('button[data-export=spec]');
  await vp.page.waitForFunction(() => window.lochHarness.saved.length === 3);
  const saved = await vp.page.evaluate(() => window.lochHarness.saved);
  assert.deepEqual(
    saved.map((s) => [s.name, s.mimeType]),
    [
      ['chart.png', 'image/png'],
      ['chart.svg', 'image/svg+xml'],
      ['chart.vl.json', 'application/json'],
    ],
  );
  assert.ok(saved[0]!.head.startsWith('\ufffdPNG'));
  assert.ok(saved[1]!.head.startsWith('<svg'));
  assert.ok(
    saved[2]!.head.startsWith('{\n  "$schema": "https://vega.github.io/schema/vega-lite/v6.json"'),
  );
  assert.ok(saved[0]!.size > 1000);
});

test('no CSP violation and no page error while charting', async () => {
  assert.deepEqual(await vp.page.evaluate(() => window.lochHarness.violations), []);
  assert.deepEqual(vp.errors, []);
});

test('brushing the time axis with the mouse re-issues the query over the brushed range', async () => {
  await chartOf('SELECT ts, temperature FROM lake.demo.sensor_readings');
  const before = await lastChartQuery();
  const box = (await vp.page.locator('.loch-chart-canvas canvas').boundingBox())!;
  const y = box.y + box.height / 2;
  const painted = vp.page.evaluate(() => window.lochHarness.nextChart());
  await vp.page.mouse.move(box.x + box.width * 0.35, y);
  await vp.page.mouse.down();
  await vp.page.mouse.move(box.x + box.width * 0.6, y, { steps: 8 });
  await vp.page.mouse.up();
  const info = await painted;
  assert.equal(info.kind, 'line');
  const sql = await lastChartQuery();
  assert.notEqual(sql, before);
  assert.match(sql, /BETWEEN from_unixtime\([\d.]+\) AND from_unixtime\([\d.]+\)/);
  const status = await vp.page.evaluate(
    () => document.querySelector('.loch-chart-status')!.textContent,
  );
  assert.match(status!, /aggregated by Trino \(zoomed\)$/);
  // The whole day is bucketed by hour (24 buckets); a few brushed hours by minute.
  const whole = (await trino().statement(before)).rows.length;
  const zoomed = (await trino().statement(sql)).rows.length;
  assert.equal(whole, 24);
  assert.ok(zoomed > 60, `zoomed buckets: ${zoomed}`);
  assert.equal(info.marks, zoomed);
});
