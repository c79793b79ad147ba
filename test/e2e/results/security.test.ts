// Hostile values (HTML, a closing script tag, template syntax) in cells, column names and chart
// labels are rendered as text with nothing executed, under a strict CSP; both from Arrow built
// here and from the real Trino.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Table, tableToIPC, vectorFromArray, Utf8 } from 'apache-arrow';
import { trinoUrl } from '../../support/platform';
import { openViewerPage, type ViewerPage } from './support/page';

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '</script><script>window.__pwned=2</script>',
  "{{constructor.constructor('window.__pwned=3')()}}",
  '<svg onload="window.__pwned=4"></svg>',
  'javascript:window.__pwned=5',
  '${window.__pwned=6}',
  'NULL',
];
const HOSTILE_COLUMN = '<img src=y onerror="window.__pwned=7">';

let vp: ViewerPage;
before(async () => {
  const table = new Table({
    [HOSTILE_COLUMN]: vectorFromArray([...HOSTILE, null], new Utf8()),
    n: vectorFromArray([1, 2, 3, 4, 5, 6, 7, 8]),
  });
  vp = await openViewerPage({
    trinoUrl: trinoUrl(),
    fixtures: { hostile: tableToIPC(table, 'stream') },
  });
});
after(async () => vp?.close());

const state = () =>
  vp.page.evaluate(() => ({
    pwned: window.__pwned,
    imgs: document.querySelectorAll('img').length,
    scripts: document.querySelectorAll('script').length,
    svgs: document.querySelectorAll('.loch-viewer svg').length,
    header: [...document.querySelectorAll('.loch-header-name')].map((h) => h.textContent),
    cells: [...document.querySelectorAll('.loch-row:not([hidden])')].map((r) =>
      [...r.querySelectorAll('.loch-cell')].map((c) => [
        c.textContent,
        c.childElementCount,
        c.classList.contains('loch-null'),
      ]),
    ),
  }));

test('hostile cell values and column names from Arrow are text, nothing runs', async () => {
  await vp.page.evaluate(() => window.lochHarness.streamFixture('hostile'));
  await vp.page.evaluate(() => window.lochHarness.frames());
  const s = await state();
  assert.equal(s.pwned, undefined);
  assert.equal(s.imgs, 0);
  assert.equal(s.scripts, 2); // viewer.js and harness.js only
  assert.deepEqual(s.header, [HOSTILE_COLUMN, 'n']);
  assert.deepEqual(
    s.cells.map((r) => r[0]),
    [...HOSTILE.map((v) => [v, 0, false]), ['NULL', 0, true]],
  );
  // The detail pane (Enter on a cell) shows the value as text too.
  await vp.page.evaluate(() => window.lochHarness.viewer.grid.select({ row: 0, col: 0 }));
  await vp.page.focus('[role=grid]');
  await vp.page.keyboard.press('Enter');
  const detail = await vp.page.evaluate(() => {
    const d = document.querySelector('.loch-detail-text')!;
    return [d.textContent, d.childElementCount];
  });
  assert.deepEqual(detail, [HOSTILE[0], 0]);
});

test('hostile values from Trino: grid, bar chart labels and exported spec run nothing', async () => {
  const values = HOSTILE.map((v) => `('${v.replace(/'/g, "''")}', 1)`).join(', ');
  const sql = `SELECT c AS "${HOSTILE_COLUMN.replace(/"/g, '""')}", n FROM (VALUES ${values}) AS t(c, n)`;
  await vp.page.evaluate((q) => window.lochHarness.streamSql('t', q, 1000), sql);
  await vp.page.evaluate(() => window.lochHarness.frames());
  const s = await state();
  assert.deepEqual(s.header, [HOSTILE_COLUMN, 'n']);
  assert.deepEqual(
    s.cells.map((r) => r[0]![0]),
    HOSTILE,
  );
  const info = await vp.page.evaluate(async () => {
    const h = window.lochHarness;
    const painted = h.nextChart();
    h.viewer.show('chart');
    return painted;
  });
  assert.deepEqual(info, { kind: 'bar', marks: 7, pushedDown: false });
  await vp.page.click('button[data-export=svg]');
  await vp.page.waitForFunction(() => window.lochHarness.saved.length === 1);
  const after = await state();
  assert.equal(after.pwned, undefined);
  assert.equal(after.imgs, 0);
  assert.deepEqual(await vp.page.evaluate(() => window.lochHarness.violations), []);
  assert.deepEqual(vp.errors, []);
});

test('the page really enforces the CSP: an injected inline script is blocked and reported', async () => {
  const blocked = await vp.page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = "inline"';
    document.body.append(s);
    // The violation is reported as a separate task: wait for it rather than a fixed time.
    const until = performance.now() + 10_000;
    while (
      !window.lochHarness.violations.some((v) => v.startsWith('script-src')) &&
      performance.now() < until
    )
      await new Promise((r) => setTimeout(r, 20));
    let evalBlocked = false;
    try {
      (0, eval)('1');
    } catch {
      evalBlocked = true;
    }
    return {
      pwned: window.__pwned,
      evalBlocked,
      violations: window.lochHarness.violations.slice(),
    };
  });
  assert.equal(blocked.pwned, undefined);
  assert.equal(blocked.evalBlocked, true);
  assert.ok(blocked.violations.some((v) => v.startsWith('script-src')));
});
