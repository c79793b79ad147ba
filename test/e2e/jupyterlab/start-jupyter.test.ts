// `npm start -- --jupyter`'s JupyterLab part (scripts/start-jupyter.mjs) on the test platform:
// it builds and installs the wheel in its own venv, copies the sample notebook, prints a URL
// that opens the sample in JupyterLab, drawn and not marked unsaved, with nothing written to it,
// and its SQL cells run against the platform.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { ChildProcess } from 'node:child_process';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import { trino } from '../../support/platform';
import { startJupyter } from '../../../scripts/start-jupyter.mjs';
import { stateDir } from '../../../extension/scripts/workbench.mjs';

const SAMPLE = resolve(import.meta.dirname, '../../../samples/notebooks/getting-started.ipynb');
let lab: ChildProcess | undefined;
let started: Awaited<ReturnType<typeof startJupyter>>;
let browser: BrowserContext;
let page: Page;

before(async () => {
  // A fresh copy of the sample, as on a first `npm start -- --jupyter`.
  rmSync(join(stateDir(), 'notebooks', 'getting-started.ipynb'), { force: true });
  started = await startJupyter();
  lab = started.lab;
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
});

after(async () => {
  await browser?.close();
  if (lab && lab.exitCode === null) lab.kill('SIGTERM');
});

test('start-jupyter opens the sample notebook drawn, not unsaved, its file untouched', async () => {
  assert.match(
    started.url,
    /^http:\/\/127\.0\.0\.1:\d+\/lab\/tree\/getting-started\.ipynb\?token=[0-9a-f]{48}$/,
  );
  const file = join(started.notebooks, 'getting-started.ipynb');
  assert.ok(existsSync(file));
  await page.goto(started.url);
  const panel = page.locator('.jp-NotebookPanel');
  await panel.locator('.jp-Cell.loch-sql-cell').first().waitFor({ timeout: 90_000 });
  // The kernel starting and its language info arriving are what could touch the model on load.
  await page.waitForSelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', {
    timeout: 60_000,
  });
  await page.waitForTimeout(3_000);
  const sqlCells = await panel
    .locator('.jp-Cell.loch-sql-cell .jp-InputArea-editor')
    .evaluateAll((es) => es.map((e) => (e.textContent ?? '').split('\n')[0]));
  const sample = JSON.parse(readFileSync(SAMPLE, 'utf8')) as {
    cells: { cell_type: string; source: string; metadata: { loch?: unknown } }[];
  };
  assert.deepEqual(
    sqlCells.map((t) => t.slice(0, 20)),
    sample.cells.filter((c) => c.metadata.loch).map((c) => c.source.slice(0, 20)),
  );
  const tab = page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', {
    hasText: 'getting-started.ipynb',
  });
  assert.equal(await tab.count(), 1);
  assert.equal(
    await tab.evaluate((t) => t.classList.contains('jp-mod-dirty')),
    false,
    'the notebook tab is not marked unsaved',
  );
  await page.screenshot({ path: 'test-results/jupyterlab-start-sample.png' });
  assert.ok(readFileSync(file).equals(readFileSync(SAMPLE)), 'the notebook file is the sample');
});

test('the sample notebook’s first SQL cell runs against the platform', async () => {
  const firstSql = page.locator('.jp-NotebookPanel .jp-Cell.loch-sql-cell').first();
  await firstSql.locator('.jp-InputArea-editor').click();
  await page.keyboard.press('Shift+Enter');
  await firstSql.locator('.loch-arrow-output').waitFor({ timeout: 60_000 });
  const expected = await trino().statement(
    'SELECT orderpriority, count(*) FROM demo.orders GROUP BY 1 ORDER BY 1',
    { catalog: 'lake' },
  );
  await firstSql.locator('.loch-grid-body .loch-row').first().waitFor();
  const firstColumn = await firstSql
    .locator('.loch-grid-body .loch-row:not([hidden])')
    .evaluateAll((rows) =>
      rows
        .map((r) => ({
          at: Number(r.getAttribute('aria-rowindex')),
          text: r.querySelector('.loch-cell')?.textContent ?? '',
        }))
        .sort((x, y) => x.at - y.at)
        .map((r) => r.text),
    );
  assert.deepEqual(
    firstColumn,
    expected.rows.map((r) => String(r[0])),
  );
});
