// SQL in the editor of a real VS Code (code-server + the packaged .vsix) on the real test
// platform: run from a .sql file by CodeLens and keybinding and see rows and a chart, switch
// branch and see that branch's data, cancel a long query (Trino confirms the cancel), a syntax
// error as a diagnostic at its line:column, hostile values shown as text with nothing executed,
// a result past the row cap stopped on the server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { trino, uniqueName } from '../../support/platform';
import { testLakehouse } from './support/lakehouse';
import {
  clickRunLens,
  openFile,
  openLochView,
  rowParts,
  openWorkbench,
  resultsFrame,
  runCommand,
  waitForResult,
  type Workbench,
} from './support/workbench';

const lake = testLakehouse();
const branch = uniqueName('vscode_e2e');
const marker = uniqueName('cancel_me');
const capMarker = uniqueName('capped');
let wb: Workbench;
let mainCount: number;
let branchCount: number;

before(async () => {
  // A branch of main where the urgent orders are deleted: the same query answers differently.
  await lake.nessie.createBranch(branch, 'main');
  const { catalog } = await lake.catalogs.ensure(branch);
  await lake.run(`DELETE FROM ${catalog}.demo.orders WHERE orderpriority = '1-URGENT'`);
  mainCount = Number((await lake.run('SELECT count(*) FROM lake.demo.orders')).rows[0]![0]);
  branchCount = Number((await lake.run(`SELECT count(*) FROM ${catalog}.demo.orders`)).rows[0]![0]);
  assert.ok(branchCount < mainCount);
  wb = await openWorkbench({
    settings: { 'loch.activeProfile': 'local' },
    files: {
      'orders.sql':
        '-- counts\nSELECT count(*) AS n FROM demo.orders;\n\n' +
        'SELECT orderpriority, count(*) AS orders\nFROM demo.orders\nGROUP BY orderpriority\nORDER BY orderpriority;\n',
      'broken.sql': 'SELECT 1;\n\nSELECT orderkey,\nFROM demo.orders;\n',
      'hostile.sql':
        `SELECT '<img src=x onerror="window.__lochPwned=1">' AS html, ` +
        `'<script>window.__lochPwned=2</script>' AS script, 'javascript:alert(1)' AS url;\n`,
      'complete.sql': 'SELECT * FROM demo.',
      'slow.sql': `SELECT count(*) FROM tpch.sf1000.lineitem CROSS JOIN tpch.sf1000.orders -- ${marker}\n`,
      'capped.sql': `SELECT * FROM tpch.sf1.lineitem -- ${capMarker}\n`,
    },
  });
});

after(async () => {
  // Never leave the deliberately long query running on the shared platform.
  const left = await trino()
    .statement(
      `SELECT query_id FROM system.runtime.queries WHERE state NOT IN ('FAILED', 'FINISHED') AND (query LIKE '%${marker}%' OR query LIKE '%${capMarker}%') AND query NOT LIKE '%system.runtime%'`,
    )
    .catch(() => undefined);
  for (const [id] of left?.rows ?? []) {
    await trino()
      .statement(
        `CALL system.runtime.kill_query(query_id => '${String(id)}', message => 'e2e cleanup')`,
      )
      .catch(() => undefined);
  }
  await wb?.close();
  await lake.catalogs.drop(branch).catch(() => undefined);
  await lake.nessie.deleteReference(branch).catch(() => undefined);
});

test('a statement from a .sql file runs by its CodeLens and its rows appear in the results panel', async () => {
  await openFile(wb.page, 'orders.sql');
  await wb.page
    .locator('.statusbar-item', { hasText: 'Loch: local' })
    .first()
    .waitFor({ timeout: 60_000 });
  await clickRunLens(wb.page, 0);
  // The rows too: a result arrives in batches and the wait must cover what is asserted.
  const { grid } = await waitForResult(wb.page, (g) => g.headers[0] === 'n' && g.rows.length === 1);
  assert.deepEqual(grid.headers, ['n']);
  assert.equal(grid.rows.length, 1);
  assert.equal(grid.rows[0]![0]!.replace(/,/g, ''), String(mainCount));
});

test('the keybinding runs the statement at the cursor; the chart tab draws it', async () => {
  const editor = wb.page.locator('.editor-instance .view-lines').first();
  await editor.locator('.view-line', { hasText: 'GROUP BY orderpriority' }).click();
  await wb.page.keyboard.press('Control+Enter');
  const expected = await trino().statement(
    'SELECT orderpriority, count(*) FROM lake.demo.orders GROUP BY orderpriority ORDER BY orderpriority',
  );
  const { frame, grid } = await waitForResult(
    wb.page,
    (g) => g.headers[0] === 'orderpriority' && g.rows.length === expected.rows.length,
  );
  assert.deepEqual(grid.headers, ['orderpriority', 'orders']);
  assert.deepEqual(
    grid.rows.map((r) => [r[0], r[1]!.replace(/,/g, '')]),
    expected.rows.map((r) => [String(r[0]), String(r[1])]),
  );
  await frame.locator('.loch-tab', { hasText: 'Chart' }).click();
  await frame
    .locator('.loch-chart-canvas canvas, .loch-chart-canvas svg')
    .first()
    .waitFor({ timeout: 30_000 });
  const drawn = await frame.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('.loch-chart-canvas canvas');
    return c ? c.width * c.height : document.querySelectorAll('.loch-chart-canvas svg *').length;
  });
  assert.ok(drawn > 0, 'the chart has drawn something');
  await frame.locator('.loch-tab', { hasText: 'Grid' }).click();
});

test('switching the branch runs the same query on that branch and shows its data', async () => {
  await runCommand(wb.page, 'Loch: Switch Branch or Tag');
  const input = wb.page.locator('.quick-input-widget input');
  await input.fill(branch);
  await wb.page
    .locator('.quick-input-list .monaco-list-row', { hasText: branch })
    .first()
    .waitFor();
  await input.press('Enter');
  await wb.page
    .locator('.statusbar-item', { hasText: branch })
    .first()
    .waitFor({ timeout: 30_000 });
  await openFile(wb.page, 'orders.sql');
  await clickRunLens(wb.page, 0);
  const { grid } = await waitForResult(
    wb.page,
    (g) => g.headers[0] === 'n' && g.rows[0]?.[0]?.replace(/,/g, '') === String(branchCount),
  );
  assert.equal(grid.rows[0]![0]!.replace(/,/g, ''), String(branchCount));
  assert.notEqual(branchCount, mainCount);
  // Back to main for the next tests.
  await runCommand(wb.page, 'Loch: Switch Branch or Tag');
  await wb.page.locator('.quick-input-widget input').fill('main');
  await wb.page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'main' })
    .first()
    .waitFor();
  await wb.page.locator('.quick-input-widget input').press('Enter');
  await wb.page
    .locator('.statusbar-item', { hasText: branch })
    .waitFor({ state: 'detached', timeout: 30_000 });
});

test('a Trino syntax error is a diagnostic at its line and column', async () => {
  await openFile(wb.page, 'broken.sql');
  await clickRunLens(wb.page, 1);
  const toast = wb.page.locator('.notification-toast', { hasText: 'SYNTAX_ERROR' }).first();
  await toast.waitFor({ timeout: 60_000 });
  assert.equal(
    (await toast.locator('.notification-list-item-message').innerText()).trim(),
    "Loch: SYNTAX_ERROR at 2:1: mismatched input 'FROM'. Expecting: '*', <expression>",
  );
  await runCommand(wb.page, 'Problems: Focus on Problems View');
  const problem = wb.page
    .locator('.markers-panel .monaco-list-row', { hasText: 'SYNTAX_ERROR' })
    .first();
  await problem.waitFor({ timeout: 60_000 });
  const text = (await problem.innerText()).replace(/\s+/g, ' ');
  assert.match(text, /SYNTAX_ERROR: mismatched input 'FROM'\. Expecting: '\*', <expression>/);
  // Line 4 of the file (the statement's line 2), column 1: where the stray FROM is.
  assert.match(text, /\[Ln 4, Col 1\]/);
});

test('hostile values are shown as text and nothing in them runs', async () => {
  await openFile(wb.page, 'hostile.sql');
  await clickRunLens(wb.page, 0);
  const { frame, grid } = await waitForResult(
    wb.page,
    (g) => g.headers[0] === 'html' && g.rows.length === 1,
  );
  assert.deepEqual(grid.rows, [
    [
      '<img src=x onerror="window.__lochPwned=1">',
      '<script>window.__lochPwned=2</script>',
      'javascript:alert(1)',
    ],
  ]);
  const dom = await frame.evaluate(() => ({
    pwned: (window as { __lochPwned?: number }).__lochPwned,
    imgs: document.querySelectorAll('.loch-viewer img').length,
    scripts: document.querySelectorAll('.loch-viewer script').length,
  }));
  assert.deepEqual(dom, { pwned: undefined, imgs: 0, scripts: 0 });
});

test('cancelling a long query from its progress notification cancels it on the server', async () => {
  await openFile(wb.page, 'slow.sql');
  await clickRunLens(wb.page, 0);
  const toast = wb.page.locator('.notification-toast', { hasText: 'running query' });
  await toast.waitFor({ timeout: 30_000 });
  // Wait until Trino runs it, so the cancel reaches a real running query.
  let queryId: string | undefined;
  for (let i = 0; i < 100 && !queryId; i++) {
    const r = await trino().statement(
      // Not the EXPLAIN the session plans the statement's pin with: it holds the marker too.
      `SELECT query_id, state FROM system.runtime.queries WHERE query LIKE '%${marker}%' AND query NOT LIKE '%system.runtime%' AND query NOT LIKE 'EXPLAIN%'`,
    );
    if (r.rows.some((row) => row[1] === 'RUNNING')) queryId = String(r.rows[0]![0]);
    else await wb.page.waitForTimeout(200);
  }
  assert.ok(queryId, 'the query runs on Trino');
  await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
  let state: unknown[] | undefined;
  for (let i = 0; i < 100; i++) {
    const r = await trino().statement(
      `SELECT state, error_code FROM system.runtime.queries WHERE query_id = '${queryId}'`,
    );
    state = r.rows[0];
    if (state?.[0] === 'FAILED') break;
    await wb.page.waitForTimeout(200);
  }
  assert.deepEqual(state, ['FAILED', 'USER_CANCELED']);
  const frame = await resultsFrame(wb.page);
  await frame
    .locator('.loch-status, .loch-error', { hasText: 'cancelled' })
    .first()
    .waitFor({ timeout: 30_000 });
});

test('a result past the row cap shows 10,000 rows with more to come, and Trino stops the query', async () => {
  await openFile(wb.page, 'capped.sql');
  await clickRunLens(wb.page, 0);
  const frame = await resultsFrame(wb.page);
  const status = frame.locator('.loch-status');
  // The viewer marks a result the host stopped fetching; the count is what the panel holds.
  await status
    .filter({ hasText: /^10,000 rows · (partial|more rows)/ })
    .waitFor({ timeout: 90_000 });
  const { grid } = await waitForResult(wb.page, (g) => g.headers[0] === 'orderkey');
  assert.deepEqual(grid.headers.slice(0, 3), ['orderkey', 'partkey', 'suppkey']);
  // Cancelled at the cap, not left streaming 6,001,215 rows: Trino says so within seconds.
  let rows: unknown[][] = [];
  for (let i = 0; i < 50; i++) {
    rows = (
      await trino().statement(
        `SELECT state, error_code FROM system.runtime.queries WHERE query LIKE 'SELECT * FROM tpch.sf1.lineitem%${capMarker}%'`,
      )
    ).rows;
    if (rows.length === 1 && rows[0]![0] === 'FAILED') break;
    await wb.page.waitForTimeout(200);
  }
  assert.deepEqual(rows, [['FAILED', 'USER_CANCELED']]);
});

test("completion offers the current branch's tables after a schema and its columns after a table", async () => {
  await openFile(wb.page, 'complete.sql');
  const editor = wb.page.locator('.editor-instance .view-lines').first();
  await editor.click();
  await wb.page.keyboard.press('Control+End');
  await wb.page.keyboard.press('Control+Space');
  const suggest = wb.page.locator('.suggest-widget .monaco-list-row');
  await suggest.filter({ hasText: 'sensor_readings' }).first().waitFor({ timeout: 30_000 });
  const labels = await suggest.locator('.label-name').allInnerTexts();
  assert.deepEqual([...labels].sort(), ['lineitem', 'orders', 'sensor_readings']);
  await wb.page.keyboard.press('Escape');
  await wb.page.keyboard.type('orders WHERE orders.');
  await wb.page.keyboard.press('Control+Space');
  await suggest.filter({ hasText: 'orderpriority' }).first().waitFor({ timeout: 30_000 });
  assert.ok((await suggest.locator('.label-name').allInnerTexts()).includes('totalprice'));
  await wb.page.keyboard.press('Escape');
});

test('the query history lists every run with its outcome and is searchable', async () => {
  await openLochView(wb.page);
  const history = wb.page.locator('.pane-header', { hasText: 'Query History' }).first();
  if ((await history.getAttribute('aria-expanded')) !== 'true') await history.click();
  const rows = wb.page.locator('[id="workbench.view.extension.loch"] .monaco-list-row');
  await rows.filter({ hasText: 'tpch.sf1000.lineitem' }).first().waitFor({ timeout: 30_000 });
  const cancelled = await rowParts(rows.filter({ hasText: 'tpch.sf1000.lineitem' }).first());
  assert.match(cancelled.description, /^main · cancelled · \d+ ms$/);
  const capped = await rowParts(rows.filter({ hasText: 'tpch.sf1.lineitem' }).first());
  assert.match(capped.description, /^main · capped · 10000 rows \(more rows\) · \d+ ms$/);
  const failed = await rowParts(
    rows.filter({ hasText: 'FROM demo.orders' }).filter({ hasText: 'orderkey' }).first(),
  );
  assert.match(failed.description, /^main · failed · \d+ ms$/);
  await runCommand(wb.page, 'Loch: Search Query History');
  const input = wb.page.locator('.quick-input-widget input');
  await input.fill('orderpriority');
  const found = wb.page.locator('.quick-input-list .monaco-list-row');
  await found.first().waitFor();
  const texts = await found.allInnerTexts();
  assert.equal(texts.length, 1);
  // The label is the SQL (first 100 characters), then the ref and status.
  assert.match(
    texts[0]!,
    /^SELECT orderpriority, count\(\*\) AS orders FROM demo\.orders GROUP BY orderpriority ORDER BY orderprior\s*main · finished · 5 rows/,
  );
  await input.press('Escape');
  // Persisted: a new window (a new extension host) lists the same history.
  await wb.page.reload();
  await wb.page.locator('.statusbar').waitFor({ timeout: 60_000 });
  await openLochView(wb.page);
  await rows.filter({ hasText: 'tpch.sf1000.lineitem' }).first().waitFor({ timeout: 60_000 });
  assert.match(
    (await rowParts(rows.filter({ hasText: 'SELECT orderpriority' }).first())).description,
    /^main · finished · 5 rows · \d+ ms$/,
  );
});

test('re-running a history entry runs it on the ref it ran on, not the current one', async () => {
  // The count ran on the branch earlier; main is current now.
  await wb.page.locator('.statusbar-item', { hasText: 'main' }).first().waitFor();
  const pane = wb.page.locator('[id="workbench.view.extension.loch"] .pane', {
    has: wb.page.locator('.pane-header', { hasText: 'Query History' }),
  });
  const rows = pane.locator('.monaco-list-row');
  const onBranch = rows
    .filter({ hasText: 'count(*) AS n' })
    .filter({ hasText: `${branch} · finished` })
    .first();
  await onBranch.hover();
  await onBranch.locator('.action-label[aria-label="Run Query Again"]').click();
  const { grid } = await waitForResult(
    wb.page,
    (g) => g.headers[0] === 'n' && g.rows[0]?.[0]?.replace(/,/g, '') === String(branchCount),
  );
  assert.deepEqual(
    grid.rows.map((r) => r.map((c) => c.replace(/,/g, ''))),
    [[String(branchCount)]],
  );
  // Recorded again, on the branch.
  await rows.first().filter({ hasText: 'count(*) AS n' }).waitFor({ timeout: 30_000 });
  assert.match(
    (await rowParts(rows.first())).description,
    new RegExp(`^${branch} · finished · 1 rows · \\d+ ms$`),
  );
});
