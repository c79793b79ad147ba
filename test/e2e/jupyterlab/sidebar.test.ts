// The Loch sidebar in a real JupyterLab against the real test platform: it lists Nessie's refs
// (a branch this test creates included) with the current one marked, and the tables of the ref.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { NessieClient } from '../../../shared/src/nessie/client';
import { nessieApiUrl, uniqueName } from '../../support/platform';
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
