// `npm start -- --jupyter`'s JupyterLab part (scripts/start-jupyter.mjs) on the test platform:
// it builds and installs the wheel in its own venv, copies the sample notebook, prints a URL
// that opens the sample in JupyterLab, and its SQL cells run against the platform.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ChildProcess } from 'node:child_process';
import { launchBrowser } from '../../support/browser';
import { trino } from '../../support/platform';
import { startJupyter } from '../../../scripts/start-jupyter.mjs';

let lab: ChildProcess | undefined;
after(() => {
  if (lab && lab.exitCode === null) lab.kill('SIGTERM');
});

test('start-jupyter opens the sample notebook, connected to the platform', async () => {
  const started = await startJupyter();
  lab = started.lab;
  assert.match(
    started.url,
    /^http:\/\/127\.0\.0\.1:\d+\/lab\/tree\/getting-started\.ipynb\?token=[0-9a-f]{48}$/,
  );
  assert.ok(existsSync(join(started.notebooks, 'getting-started.ipynb')));
  const browser = await launchBrowser();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(started.url);
    const firstSql = page.locator('.jp-NotebookPanel .jp-Cell.loch-sql-cell').first();
    await firstSql.waitFor({ timeout: 90_000 });
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
  } finally {
    await browser.close();
  }
});
