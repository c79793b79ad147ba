// Values of every Trino type family, from the real Trino through the Trino -> Arrow mapping
// into the grid: the text each cell shows, right alignment of numbers, NULL vs 'NULL'.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { trinoUrl } from '../../support/platform';
import { openViewerPage, type ViewerPage } from './support/page';

let vp: ViewerPage;
before(async () => {
  vp = await openViewerPage({ trinoUrl: trinoUrl() });
});
after(async () => vp?.close());

const SQL = `SELECT DECIMAL '12345678901234567890.123456789' AS d, DECIMAL '-0.05' AS d2,
 TIMESTAMP '2024-01-02 03:04:05.123456 Europe/Berlin' AS tz, TIMESTAMP '2024-01-02 03:04:05.123' AS ts,
 TIME '01:02:03.456' AS t, X'00ff10' AS b, ARRAY[1, NULL] AS a,
 CAST(ROW(1, 'x') AS ROW(n integer, s varchar)) AS r, DATE '2024-02-29' AS dt,
 CAST(NULL AS varchar) AS n, 'NULL' AS s, BIGINT '9007199254740993' AS big, 1.5e0 AS dbl,
 true AS bool, UUID '12151fd2-7586-11e9-8f9e-2a86e4085a59' AS u`;

test('each type is shown the way Trino prints it', async () => {
  await vp.page.evaluate((q) => window.lochHarness.streamSql('types', q, 10), SQL);
  await vp.page.evaluate(() => window.lochHarness.frames());
  const cells = await vp.page.evaluate(() => {
    const s = window.lochHarness.viewer.store;
    return Object.fromEntries(s.schema!.fields.map((f, i) => [f.name, s.text(0, i)]));
  });
  assert.deepEqual(cells, {
    d: '12345678901234567890.123456789',
    d2: '-0.05',
    // An instant: shown in UTC, the zone the Arrow column carries.
    tz: '2024-01-02 02:04:05.123456 UTC',
    ts: '2024-01-02 03:04:05.123',
    t: '01:02:03.456',
    b: '0x00ff10',
    a: '[1, NULL]',
    r: '{n: 1, s: "x"}',
    dt: '2024-02-29',
    n: null,
    s: 'NULL',
    big: '9007199254740993',
    dbl: '1.5',
    bool: 'true',
    u: '12151fd2-7586-11e9-8f9e-2a86e4085a59',
  });
  const dom = await vp.page.evaluate(() =>
    [...document.querySelectorAll('.loch-row[aria-rowindex="2"] .loch-cell')].map((c) => [
      c.textContent,
      c.classList.contains('loch-num'),
      c.classList.contains('loch-null'),
    ]),
  );
  assert.deepEqual(dom[0], ['12345678901234567890.123456789', true, false]);
  assert.deepEqual(
    dom.find((c) => c[0] === 'NULL' && c[2]),
    ['NULL', false, true],
  );
  assert.deepEqual(
    dom.find((c) => c[0] === 'NULL' && !c[2]),
    ['NULL', false, false],
  );
  // Nested values expand into the detail pane.
  await vp.page.dblclick('.loch-row[aria-rowindex="2"] .loch-cell[aria-colindex="8"]');
  assert.equal(await vp.page.textContent('.loch-detail-text'), '{n: 1, s: "x"}');
});
