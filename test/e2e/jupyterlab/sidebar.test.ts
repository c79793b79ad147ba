// The Loch sidebar in a real JupyterLab against the real test platform: it lists Nessie's refs
// (a branch this test creates included) with the current one marked, and the tables of the ref.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { NessieClient } from '../../../shared/src/nessie/client';
import { nessieApiUrl, trino, trinoUrl, uniqueName } from '../../support/platform';
import { openLab, startLab, type RunningLab } from './harness';

const nessie = new NessieClient({ url: nessieApiUrl() });
const branch = uniqueName('jl_sidebar');
let lab: RunningLab;

before(async () => {
  await nessie.createBranch(branch, await nessie.getReference('main'));
  lab = await startLab();
});

after(async () => {
  await lab?.close();
  await nessie.deleteReference(branch).catch(() => undefined);
});

test('the sidebar lists the refs, marks the current one and lists the tables of demo', async () => {
  await openLab(lab);
  const page = lab.page;
  await page.click('.jp-SideBar [data-id="loch-sidebar"]');
  const sidebar = page.locator('#loch-sidebar');
  await sidebar.locator(`.loch-ref-button[data-ref="${branch}"]`).waitFor({ timeout: 30_000 });
  const current = await sidebar.locator('.loch-ref-button[aria-current="true"]').allTextContents();
  assert.deepEqual(current, ['● main']);
  const refs = await sidebar
    .locator('.loch-ref-button')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.ref));
  assert.ok(refs.includes('main') && refs.includes(branch), refs.join(', '));
  await sidebar.locator('summary[data-table="demo.orders"]').waitFor();
  const tables = await sidebar
    .locator('summary[data-table^="demo."]')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.table));
  for (const t of ['demo.lineitem', 'demo.orders', 'demo.sensor_readings']) {
    assert.ok(tables.includes(t), `${t} in ${tables.join(', ')}`);
  }
  // Expanding a table lists its columns, read through Trino.
  await sidebar.locator('summary[data-table="demo.orders"]').click();
  const firstColumn = sidebar
    .locator('summary[data-table="demo.orders"] + .loch-columns .loch-column')
    .first();
  await firstColumn.waitFor();
  assert.equal(await firstColumn.textContent(), 'orderkey bigint');
});

test('the sidebar works from the keyboard: a ref is switched with Tab and Enter', async () => {
  const sidebar = lab.page.locator('#loch-sidebar');
  // Refs are listed in name order, so Tab walks from the first one to the test branch.
  await sidebar.locator('.loch-ref-button').first().focus();
  for (let i = 0; i < 200; i++) {
    const focused = await lab.page.evaluate(
      () => (document.activeElement as HTMLElement).dataset.ref,
    );
    if (focused === branch) break;
    await lab.page.keyboard.press('Tab');
  }
  await lab.page.keyboard.press('Enter');
  await sidebar.locator(`.loch-ref-button[data-ref="${branch}"][aria-current="true"]`).waitFor();
  await sidebar.locator('.loch-ref-button[data-ref="main"]').focus();
  await lab.page.keyboard.press('Enter');
  await sidebar.locator('.loch-ref-button[data-ref="main"][aria-current="true"]').waitFor();
});

test("a table's details: schema, partition spec, snapshots and files, as Trino reports them", async () => {
  const page = lab.page;
  const sidebar = page.locator('#loch-sidebar');
  await sidebar
    .locator('li.loch-table', { has: page.locator('summary[data-table="demo.lineitem"]') })
    .getByRole('button', { name: 'Details' })
    .click();
  const details = page.locator('.loch-table-details:visible');
  await details.locator('h3', { hasText: 'Partition spec' }).waitFor({ timeout: 60_000 });
  const tables = details.locator('table.loch-jl-table');
  const rowsOf = (i: number) =>
    tables
      .nth(i)
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
  // Trino's column types: the metadata file (Iceberg types, field ids) is not read in the page.
  const schema = await rowsOf(0);
  assert.deepEqual(
    schema.slice(0, 2).map((r) => r.slice(1, 3)),
    [
      ['orderkey', 'bigint'],
      ['partkey', 'bigint'],
    ],
  );
  assert.deepEqual(
    (await rowsOf(1)).map((r) => r.slice(0, 2)),
    [['shipdate', 'month']],
  );
  const trinoSnapshots = await trino().statement('SELECT count(*) FROM demo."lineitem$snapshots"', {
    catalog: 'lake',
  });
  assert.equal((await rowsOf(2)).length, Number(trinoSnapshots.rows[0]![0]));
  const trinoFiles = await trino().statement('SELECT count(*) FROM demo."lineitem$files"', {
    catalog: 'lake',
  });
  assert.equal((await rowsOf(3)).length, Number(trinoFiles.rows[0]![0]));
});

test('the proxy needs Jupyter authentication and reaches Nessie and Trino', async () => {
  const anonymous = await fetch(`${lab.url}/loch/proxy/nessie/config`);
  assert.equal(anonymous.status, 403);
  const config = await lab.api<{ defaultBranch: string }>('/loch/proxy/nessie/config');
  assert.equal(config.defaultBranch, 'main');
  const statement = await lab.api<{ id: string; nextUri: string }>(
    '/loch/proxy/trino/v1/statement',
    {
      method: 'POST',
      headers: { 'X-Trino-User': 'loch-test' },
      body: 'SELECT 1',
    },
  );
  assert.match(statement.id, /^\d{8}_\d{6}_\d{5}_\w{5}$/);
  // Trino's links still name Trino itself: the page's fetch maps them onto the proxy.
  assert.ok(statement.nextUri.startsWith(`${trinoUrl()}/v1/statement/`), statement.nextUri);
  await lab
    .api(`/loch/proxy/trino${statement.nextUri.slice(trinoUrl().length)}`, {
      method: 'DELETE',
    })
    .catch(() => undefined);
});

test('settings (settings registry): a Nessie URL set there is used; clearing it restores the default', async () => {
  const id = '@loch/jupyterlab:plugin';
  const setting = await lab.api<{ schema: { properties: Record<string, unknown> } }>(
    `/lab/api/settings/${id}`,
  );
  assert.deepEqual(Object.keys(setting.schema.properties).sort(), [
    'defaultRef',
    'maxRows',
    'maxSavedResultBytes',
    'nessieUrl',
    'trinoUrl',
    'trinoUser',
  ]);
  const put = (raw: string) =>
    fetch(`${lab.url}/lab/api/settings/${id}`, {
      method: 'PUT',
      headers: { Authorization: `token ${lab.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ raw }),
    });
  const sidebar = lab.page.locator('#loch-sidebar');
  // The page learns of settings saved by the REST API on its next load.
  assert.equal((await put('{ "nessieUrl": "http://127.0.0.1:9/api/v2" }')).status, 204);
  await openLab(lab);
  await lab.command('loch:show-sidebar');
  await sidebar
    .locator('.loch-message.loch-error', { hasText: 'Cannot reach the lakehouse' })
    .waitFor({ timeout: 30_000 });
  assert.equal((await put('{}')).status, 204);
  await openLab(lab);
  await lab.command('loch:show-sidebar');
  await sidebar.locator('.loch-ref-button[data-ref="main"]').waitFor({ timeout: 30_000 });
});
