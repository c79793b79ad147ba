// The Loch sidebar in a real JupyterLab against the real test platform: it lists Nessie's refs
// (a branch this test creates included) with the current one marked, the tables and views of
// the ref exactly as `loch tables` lists them (both read the core session's listing), columns
// with Trino's types, and merges only onto the target head its preview showed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { NessieClient } from '../../../shared/src/nessie/client';
import type { Operation } from '../../../shared/src/nessie/types';
import { runLoch } from '../../support/cli';
import { nessieApiUrl, trino, trinoUrl, uniqueName } from '../../support/platform';
import { deleteRef } from '../../../shared/src/lakehouse/branches';
import { labRefCatalogs, openLab, startLab, testSqlRunner, type RunningLab } from './harness';
import { icebergViewPut, deltaTablePut } from '../../support/foreign-content';

const nessie = new NessieClient({ url: nessieApiUrl() });
const branch = uniqueName('jl_sidebar');
/** A branch with a view and a Delta Lake table committed to Nessie, as other engines would. */
const listed = uniqueName('jl_sidebar_ls');
const mergeFrom = uniqueName('jl_sidebar_from');
const mergeInto = uniqueName('jl_sidebar_into');
const ns = uniqueName('jlns');
let lab: RunningLab;

/** A PUT of a new namespace, the smallest commit that moves a branch. */
const namespacePut = (name: string): Operation => ({
  type: 'PUT',
  key: [name],
  content: { type: 'NAMESPACE', elements: [name] },
});

before(async () => {
  const main = await nessie.getReference('main');
  await nessie.createBranch(branch, main);
  const start = await nessie.createBranch(listed, main);
  await nessie.commit(
    listed,
    start.hash,
    [namespacePut(ns), icebergViewPut(ns), deltaTablePut(ns)],
    'a view and a delta table',
  );
  const from = await nessie.createBranch(mergeFrom, main);
  await nessie.commit(mergeFrom, from.hash, [namespacePut(`${ns}_m`)], 'namespace to merge');
  await nessie.createBranch(mergeInto, main);
  lab = await startLab();
});

after(async () => {
  // Listing columns made a Trino catalog for the listed branch: it goes with the branch.
  const catalogs = lab
    ? await labRefCatalogs(lab, testSqlRunner(), nessie).catch(() => undefined)
    : undefined;
  await lab?.close();
  for (const b of [branch, listed, mergeFrom, mergeInto]) {
    if (catalogs) await deleteRef(nessie, catalogs, b).catch(() => undefined);
    else await nessie.deleteReference(b).catch(() => undefined);
  }
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

/** Waits until the sidebar finished every reload it was asked for. */
async function settled(): Promise<void> {
  await lab.page.locator('#loch-sidebar:not([aria-busy])').waitFor();
}

async function switchTo(ref: string): Promise<void> {
  const sidebar = lab.page.locator('#loch-sidebar');
  await sidebar.locator(`.loch-ref-button[data-ref="${ref}"]`).click();
  await sidebar.locator(`.loch-ref-button[data-ref="${ref}"][aria-current="true"]`).waitFor();
}

test('the sidebar lists exactly the tables and views `loch tables` lists for the same ref', async () => {
  const sidebar = lab.page.locator('#loch-sidebar');
  await switchTo(listed);
  await sidebar.locator(`summary[data-table="${ns}.v"]`).waitFor({ timeout: 30_000 });
  await settled();
  const shown = await sidebar
    .locator('summary[data-table]')
    .evaluateAll((els) =>
      els.map((e) => `${(e as HTMLElement).dataset.table} ${(e as HTMLElement).dataset.kind}`),
    );
  const cli = await runLoch(['tables', '--branch', listed, '--json']);
  assert.equal(cli.code, 0, cli.stderr);
  const listedByCli = (JSON.parse(cli.stdout) as { name: string; type: string }[]).map(
    (r) => `${r.name} ${r.type === 'ICEBERG_VIEW' ? 'view' : 'table'}`,
  );
  assert.deepEqual(shown, listedByCli);
  // The view is listed (as a view, without table details); the Delta Lake table is not.
  assert.deepEqual(
    shown.filter((t) => t.startsWith(`${ns}.`)),
    [`${ns}.v view`],
  );
  assert.ok(shown.includes('demo.orders table'), shown.join(', '));
  const view = sidebar.locator('li.loch-table', {
    has: lab.page.locator(`summary[data-table="${ns}.v"]`),
  });
  assert.equal(await view.locator('.loch-kind').textContent(), 'view');
  assert.equal(await view.getByRole('button', { name: 'Details' }).count(), 0);
});

test('a seeded table opened in the sidebar shows its columns with their Trino types', async () => {
  const sidebar = lab.page.locator('#loch-sidebar');
  await sidebar.locator('summary[data-table="demo.orders"]').click();
  const columns = sidebar.locator('summary[data-table="demo.orders"] + .loch-columns');
  await columns.locator('.loch-column').first().waitFor();
  assert.deepEqual(await columns.locator('.loch-column').allTextContents(), [
    'orderkey bigint',
    'custkey bigint',
    'orderstatus varchar',
    'totalprice decimal(12,2)',
    'orderdate date',
    'orderpriority varchar',
    'clerk varchar',
    'shippriority integer',
    'comment varchar',
  ]);
  await switchTo('main');
});

test('a merge previewed, then refused because the target moved, leaves the target as moved', async () => {
  const page = lab.page;
  const sidebar = page.locator('#loch-sidebar');
  const message = sidebar.locator('.loch-message');
  await switchTo(mergeFrom);
  await sidebar.getByRole('button', { name: 'Merge', exact: true }).click();
  await page.locator('.jp-Dialog select').selectOption(mergeInto);
  await page.locator('.jp-Dialog .jp-mod-accept').click();
  const preview = page.locator('.jp-Dialog .loch-merge');
  await preview.waitFor().catch(async (e: Error) => {
    throw new Error(`${e.message}\nthe sidebar says: ${await message.textContent()}`);
  });
  const source = await nessie.getReference(mergeFrom);
  const shownTarget = await nessie.getReference(mergeInto);
  assert.equal(
    await preview.locator('.loch-merge-preview').textContent(),
    `Changes 1 key(s): ${ns}_m`,
  );
  assert.equal(
    await preview.locator('.loch-merge-heads').textContent(),
    `${mergeFrom} at ${source.hash.slice(0, 12)} into ${mergeInto} at ${shownTarget.hash.slice(0, 12)}`,
  );
  assert.deepEqual(await preview.locator('.loch-merge-commits li').allTextContents(), [
    `${source.hash.slice(0, 8)} namespace to merge`,
  ]);
  assert.deepEqual(await preview.locator('.loch-merge-keys li').allTextContents(), [`${ns}_m`]);
  assert.equal(await preview.locator('.loch-merge-conflicts').count(), 0);

  // Someone else commits to the target while the preview is open; then the user confirms.
  const moved = await nessie.commit(
    mergeInto,
    shownTarget.hash,
    [namespacePut(`${ns}_x`)],
    'meanwhile',
  );
  await page.locator('.jp-Dialog .jp-mod-accept').click();
  await message.filter({ hasText: 'moved since the preview' }).waitFor();
  assert.equal(
    await message.textContent(),
    `${mergeInto} moved since the preview (previewed ${shownTarget.hash.slice(0, 12)}, ` +
      `now ${moved.branch.hash.slice(0, 12)}); nothing was merged; preview the merge again`,
  );
  assert.equal(await message.getAttribute('class'), 'loch-message loch-error');
  assert.equal((await nessie.getReference(mergeInto)).hash, moved.branch.hash);
  const keys = (await nessie.entries(mergeInto)).map((e) => e.key);
  assert.ok(!keys.includes(`${ns}_m`), keys.join(', '));
  await switchTo('main');
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
  // A ref name's slash travels encoded (`etl%2Fx`): decoded, Nessie would read another path.
  // The core's merge makes such a scratch branch, and users name branches `etl/...`.
  const slashed = `${branch}/x`;
  const made = await nessie.createBranch(slashed, 'main');
  try {
    const seen = await lab.api<{ reference: { name: string; hash: string } }>(
      `/loch/proxy/nessie/trees/${encodeURIComponent(slashed)}`,
    );
    assert.deepEqual([seen.reference.name, seen.reference.hash], [slashed, made.hash]);
  } finally {
    await nessie.deleteReference(slashed).catch(() => undefined);
  }
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
