// A smoke test on the oldest JupyterLab the wheel supports (the release the labextension is built
// with; the other JupyterLab tests run on the newest): the extension loads, and a SQL cell runs
// on the real test platform and renders its result in the grid.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BUILT_WITH_JUPYTERLAB } from '../../../jupyterlab-plugin/scripts/python-env.mjs';
import {
  gridRows,
  notebook,
  openNotebook,
  startLab,
  testSqlRunner,
  type RunningLab,
} from './harness';

const SQL = 'SELECT orderpriority, count(*) AS orders FROM demo.orders GROUP BY 1 ORDER BY 1';
let lab: RunningLab;

before(async () => {
  lab = await startLab({ jupyterlab: 'oldest', files: { 'smoke.ipynb': notebook([SQL]) } });
  await openNotebook(lab, 'smoke.ipynb');
});

after(async () => {
  await lab?.close();
});

test(`on JupyterLab ${BUILT_WITH_JUPYTERLAB} a SQL cell runs and renders its grid`, async () => {
  const version = await lab.page.evaluate(
    () => (window as unknown as { jupyterapp: { version: string } }).jupyterapp.version,
  );
  assert.equal(version, BUILT_WITH_JUPYTERLAB);
  const cell = lab.page.locator('.jp-NotebookPanel .jp-Cell.loch-sql-cell').first();
  await cell.waitFor({ timeout: 60_000 });
  await cell.locator('.jp-InputArea-editor').click();
  await lab.page.keyboard.press('Shift+Enter');
  const expected = await testSqlRunner()(SQL, { catalog: 'lake' });
  assert.deepEqual(
    await gridRows(cell),
    expected.rows.map((r) => r.map(String)),
  );
  await lab.page.screenshot({ path: 'test-results/jupyterlab-oldest-sql-cell.png' });
});
