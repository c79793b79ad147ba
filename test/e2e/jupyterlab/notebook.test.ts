// SQL cells in a real JupyterLab against the real test platform: a cell runs through the core
// and shows grid and chart; its result is saved (Arrow IPC + ref hash + snapshot ids) and shown
// again after reopening; hostile values stay text; cancel cancels on Trino; switching the
// branch in the sidebar changes what the same cell returns; a cell's statements give one
// result each, in order; a result stops at the row cap and the query stops on Trino.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { tableFromIPC } from 'apache-arrow';
import type { Locator } from 'playwright-core';
import { NessieClient } from '../../../shared/src/nessie/client';
import { RefCatalogs } from '../../../shared/src/lakehouse/ref-catalogs';
import { deleteRef } from '../../../shared/src/lakehouse/branches';
import { runLoch } from '../../support/cli';
import { nessieApiUrl, uniqueName } from '../../support/platform';
import {
  gridRows,
  labRefCatalogs,
  notebook,
  openLab,
  openNotebook,
  startLab,
  testSqlRunner,
  type RunningLab,
} from './harness';

const ARROW = 'application/vnd.apache.arrow.stream';
const run = testSqlRunner();
const nessie = new NessieClient({ url: nessieApiUrl() });
const branch = uniqueName('jl_nb');

const PRIORITIES = 'SELECT orderpriority, count(*) AS n FROM demo.orders GROUP BY 1 ORDER BY 1';
const HOSTILE_IMG = '<img src=x onerror="window.__lochPwned=1">';
const HOSTILE_SCRIPT = '<script>window.__lochPwned=2</script>';
const HOSTILE = `SELECT '${HOSTILE_IMG.replace(/'/g, "''")}' AS html, '${HOSTILE_SCRIPT}' AS script`;
const SLOW = "SELECT count(*) FROM tpch.sf1000.lineitem WHERE comment LIKE '%loch%'";
const COUNT = 'SELECT count(*) AS n FROM demo.orders';
const TWO_STATEMENTS = "SELECT 1 AS a;\n-- the second\nSELECT 'x' AS b, 2 AS c;";
const CAPPED = 'SELECT * FROM tpch.sf1.lineitem';
/** The row cap of the lab's settings: lineitem has 6,001,215 rows. */
const MAX_ROWS = 1000;

let lab: RunningLab;
let catalogs: RefCatalogs;
const startedQueries: string[] = [];

before(async () => {
  lab = await startLab({
    files: { 'sql.ipynb': notebook([PRIORITIES, HOSTILE, SLOW, COUNT, TWO_STATEMENTS, CAPPED]) },
    settings: { maxRows: MAX_ROWS },
  });
  catalogs = await labRefCatalogs(lab, run, nessie);
  await openNotebook(lab, 'sql.ipynb');
  await lab.page.locator('.jp-NotebookPanel .jp-Cell').nth(3).waitFor();
});

after(async () => {
  for (const id of startedQueries) {
    await run(
      `CALL system.runtime.kill_query(query_id => '${id}', message => 'test cleanup')`,
    ).catch(() => undefined);
  }
  await lab?.close();
  if (catalogs) await deleteRef(nessie, catalogs, branch).catch(() => undefined);
});

function cell(i: number): Locator {
  return lab.page.locator('.jp-NotebookPanel .jp-Cell').nth(i);
}

async function runCell(i: number): Promise<void> {
  await cell(i).locator('.jp-InputArea-editor').click();
  await lab.page.keyboard.press('Shift+Enter');
}

test('a SQL cell runs on the current ref and shows grid and chart', async () => {
  const expected = (await run(PRIORITIES, { catalog: 'lake' })).rows.map((r) => r.map(String));
  assert.equal(expected.length, 5);
  await runCell(0);
  const out = cell(0).locator('.loch-arrow-output');
  await out.waitFor({ timeout: 60_000 });
  assert.deepEqual(await gridRows(cell(0).locator('.loch-arrow-output')), expected);
  assert.deepEqual(await out.locator('.loch-grid-header .loch-header-name').allTextContents(), [
    'orderpriority',
    'n',
  ]);
  assert.match(
    (await out.locator('.loch-result-info').textContent()) ?? '',
    /^ref main @ [0-9a-f]{12} · demo\.orders snapshot \d+$/,
  );
  // The chart tab draws the result (vega, canvas) without another query: 5 rows are few.
  await out.locator('button.loch-tab[data-tab="chart"]').click();
  await out.locator('.loch-chart-canvas canvas').waitFor({ timeout: 30_000 });
  const painted = await out.locator('.loch-chart-canvas canvas').evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) ink++;
    return { width: canvas.width, ink };
  });
  assert.ok(painted.width > 0 && painted.ink > 100, JSON.stringify(painted));
  await out.locator('button.loch-tab[data-tab="grid"]').click();
});

test('CSV and JSON exports download the bytes `loch query` writes', async () => {
  const out = cell(0).locator('.loch-arrow-output');
  // Parquet needs the Node exporter: JupyterLab offers only what a download here can hold.
  assert.deepEqual(
    await out
      .locator('.loch-toolbar button[data-export]')
      .evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.export)),
    ['csv', 'arrow', 'json'],
  );
  for (const format of ['csv', 'json']) {
    const [download] = await Promise.all([
      lab.page.waitForEvent('download', { timeout: 60_000 }),
      out.locator(`button[data-export=${format}]`).click(),
    ]);
    assert.equal(download.suggestedFilename(), `result.${format}`);
    const got = readFileSync((await download.path())!, 'utf8');
    const cli = await runLoch(['query', '--catalog', 'lake', '--format', format, PRIORITIES]);
    assert.equal(cli.stderr, '');
    assert.equal(got, cli.stdout);
  }
  // The counts are JSON numbers, not text: the same values the grid showed.
  const cli = await runLoch(['query', '--catalog', 'lake', '--format', 'json', PRIORITIES]);
  const rows = JSON.parse(cli.stdout) as { orderpriority: string; n: unknown }[];
  assert.deepEqual(
    rows.map((r) => [r.orderpriority, typeof r.n]),
    (await gridRows(out)).map((r) => [r[0], 'number']),
  );
});

test('results survive save and reopen, with the ref hash and snapshot ids', async () => {
  await lab.page.keyboard.press('Control+s');
  await lab.page.waitForFunction(
    () => !document.querySelector('.jp-NotebookPanel .jp-mod-dirty, .lm-TabBar-tab.jp-mod-dirty'),
  );
  const saved = JSON.parse(readFileSync(join(lab.root, 'sql.ipynb'), 'utf8')) as {
    cells: {
      outputs: {
        data: Record<string, string>;
        metadata: Record<string, { loch: Record<string, unknown> }>;
      }[];
    }[];
  };
  const output = saved.cells[0]!.outputs[0]!;
  const table = tableFromIPC(Buffer.from(output.data[ARROW]!, 'base64'));
  const expected = (await run(PRIORITIES, { catalog: 'lake' })).rows;
  assert.deepEqual(
    table.toArray().map((r) => [String(r.orderpriority), String(r.n)]),
    expected.map((r) => r.map(String)),
  );
  const info = output.metadata[ARROW]!.loch;
  assert.equal(info.ref, 'main');
  assert.equal(info.sql, PRIORITIES);
  assert.equal(info.totalRows, 5);
  assert.equal(info.savedRows, 5);
  assert.match(String(info.refHash), /^[0-9a-f]{64}$/);
  const orders = await nessie.content('main', 'demo.orders', { hash: String(info.refHash) });
  assert.deepEqual(info.snapshots, {
    'demo.orders': (orders.content as { snapshotId: string }).snapshotId,
  });

  // Reopen: a fresh page load renders the saved output (no query runs: nothing to wait for).
  await openLab(lab, 'sql.ipynb');
  const out = cell(0).locator('.loch-arrow-output');
  await out.waitFor({ timeout: 30_000 });
  assert.deepEqual(
    await gridRows(cell(0).locator('.loch-arrow-output')),
    expected.map((r) => r.map(String)),
  );
});

test('hostile values render as text and nothing executes', async () => {
  await runCell(1);
  const out = cell(1).locator('.loch-arrow-output');
  await out.waitFor({ timeout: 60_000 });
  assert.deepEqual(await gridRows(cell(1).locator('.loch-arrow-output')), [
    [HOSTILE_IMG, HOSTILE_SCRIPT],
  ]);
  assert.equal(await out.locator('img, script').count(), 0);
  assert.equal(await lab.page.locator('.jp-NotebookPanel img[src="x"]').count(), 0);
  assert.equal(
    await lab.page.evaluate(() => (window as { __lochPwned?: number }).__lochPwned),
    undefined,
  );
});

test('cancel cancels the query on Trino', async () => {
  await runCell(2);
  const status = cell(2).locator('.loch-cell-status[data-query-id]');
  await status.waitFor({ timeout: 60_000 });
  const queryId = (await status.getAttribute('data-query-id'))!;
  startedQueries.push(queryId);
  await status.locator('button.loch-cancel').click();
  await cell(2).locator('.jp-OutputArea-output').filter({ hasText: 'Query cancelled' }).waitFor();
  assert.deepEqual(await endedState(queryId), ['FAILED', 'USER_CANCELED']);
});

test('switching the branch in the sidebar changes what the same cell returns', async () => {
  await nessie.createBranch(branch, await nessie.getReference('main'));
  const { catalog } = await catalogs.ensure(branch);
  await run(`INSERT INTO ${catalog}.demo.orders SELECT * FROM lake.demo.orders LIMIT 7`);
  const onMain = String((await run(COUNT, { catalog: 'lake' })).rows[0]![0]);
  const onBranch = String((await run(COUNT, { catalog })).rows[0]![0]);
  assert.equal(Number(onBranch), Number(onMain) + 7);

  await runCell(3);
  await cell(3).locator('.loch-arrow-output').waitFor({ timeout: 60_000 });
  assert.deepEqual(await gridRows(cell(3).locator('.loch-arrow-output')), [[onMain]]);

  await lab.page.click('.jp-SideBar [data-id="loch-sidebar"]');
  const sidebar = lab.page.locator('#loch-sidebar');
  await sidebar.getByRole('button', { name: 'Refresh' }).click();
  await sidebar.locator(`.loch-ref-button[data-ref="${branch}"]`).click();
  await sidebar.locator(`.loch-ref-button[data-ref="${branch}"][aria-current="true"]`).waitFor();
  await runCell(3);
  await cell(3)
    .locator('.loch-arrow-output .loch-result-info')
    .filter({ hasText: `ref ${branch}` })
    .waitFor({ timeout: 60_000 });
  assert.deepEqual(await gridRows(cell(3).locator('.loch-arrow-output')), [[onBranch]]);

  // A cell pinned to a ref runs there whatever the current ref is.
  await sidebar.locator('.loch-ref-button[data-ref="main"]').click();
  await sidebar.locator('.loch-ref-button[data-ref="main"][aria-current="true"]').waitFor();
  await runCell(3);
  await cell(3)
    .locator('.loch-arrow-output .loch-result-info')
    .filter({ hasText: 'ref main' })
    .waitFor();
  assert.deepEqual(await gridRows(cell(3).locator('.loch-arrow-output')), [[onMain]]);
  await cell(3).locator('.jp-InputArea-editor').click();
  await lab.command('loch:set-cell-ref', { ref: branch });
  assert.equal(
    await cell(3).locator('.jp-InputPrompt').getAttribute('data-loch-ref'),
    `${branch} (pinned)`,
  );
  await runCell(3);
  await cell(3)
    .locator('.loch-arrow-output .loch-result-info')
    .filter({ hasText: `ref ${branch}` })
    .waitFor({ timeout: 60_000 });
  assert.deepEqual(await gridRows(cell(3).locator('.loch-arrow-output')), [[onBranch]]);
});

/** The state and error code Trino reports for a query once it no longer runs. */
async function endedState(queryId: string): Promise<unknown[]> {
  let state: unknown[] = [];
  for (let i = 0; i < 60; i++) {
    state = (
      await run(
        `SELECT state, error_code FROM system.runtime.queries WHERE query_id = '${queryId}'`,
      )
    ).rows[0]!;
    if (state[0] !== 'RUNNING' && state[0] !== 'QUEUED' && state[0] !== 'PLANNING') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return state;
}

test('a cell with two statements shows two results, in order', async () => {
  await runCell(4);
  const outputs = cell(4).locator('.loch-arrow-output');
  await outputs.nth(1).waitFor({ timeout: 60_000 });
  assert.equal(await outputs.count(), 2);
  assert.deepEqual(await gridRows(outputs.nth(0)), [['1']]);
  assert.deepEqual(await gridRows(outputs.nth(1)), [['x', '2']]);
  assert.deepEqual(
    await outputs.nth(1).locator('.loch-grid-header .loch-header-name').allTextContents(),
    ['b', 'c'],
  );
  assert.equal(await cell(4).locator('.jp-OutputArea-output').count(), 2);
});

test('a result stops at the row cap and the query no longer runs on Trino', async () => {
  await runCell(5);
  const out = cell(5).locator('.loch-arrow-output');
  await out.waitFor({ timeout: 120_000 });
  await out.locator('.loch-status', { hasText: 'rows' }).waitFor();
  assert.equal(
    (await out.locator('.loch-status').textContent())?.replace(/ · [\d.]+ s$/, ''),
    '1,000 rows · partial',
  );
  const queryId = (await out.getAttribute('data-loch-query-id'))!;
  assert.match(queryId, /^\d{8}_\d{6}_\d{5}_\w{5}$/);
  startedQueries.push(queryId);
  // Cancelled by the session at the cap, not left producing rows no one reads.
  assert.deepEqual(await endedState(queryId), ['FAILED', 'USER_CANCELED']);
});
