// The rest of the JupyterLab host in a real JupyterLab against the real test platform: the
// cell-toolbar SQL toggle and "Insert as Python", a kernel's Arrow output through the MIME
// renderer, the SQL console from the launcher, and branch work from the sidebar (create,
// merge with a dry-run preview and conflict report, delete).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { Locator } from 'playwright-core';
import { NessieClient } from '../../../shared/src/nessie/client';
import { RefCatalogs } from '../../../shared/src/lakehouse/ref-catalogs';
import { deleteRef } from '../../../shared/src/lakehouse/branches';
import { nessieApiUrl, trinoUrl, uniqueName } from '../../support/platform';
import {
  gridRows,
  labRefCatalogs,
  notebook,
  openNotebook,
  startLab,
  testSqlRunner,
  type RunningLab,
} from './harness';

const run = testSqlRunner();
const nessie = new NessieClient({ url: nessieApiUrl() });
const source = uniqueName('jl_src');
const clashing = uniqueName('jl_clash');
const target = uniqueName('jl_into');
const created = uniqueName('jl_new');

const arrowB64 = Buffer.from(
  tableToIPC(
    tableFromArrays({ city: ['Oslo', '<b>Bergen</b>'], n: Int32Array.from([1, 2]) }),
    'stream',
  ),
).toString('base64');
const KERNEL_ARROW = [
  'from IPython.display import display',
  `display({"application/vnd.apache.arrow.stream": "${arrowB64}", "text/plain": "arrow"}, raw=True)`,
].join('\n');

let lab: RunningLab;
let catalogs: RefCatalogs;

before(async () => {
  lab = await startLab({
    files: {
      'work.ipynb': notebook([{ python: 'SELECT 42 AS answer' }, { python: KERNEL_ARROW }]),
    },
  });
  catalogs = await labRefCatalogs(lab, run, nessie);
  await openNotebook(lab, 'work.ipynb');
});

after(async () => {
  await lab?.close();
  for (const ref of [source, clashing, target, created]) {
    if (catalogs) await deleteRef(nessie, catalogs, ref).catch(() => undefined);
  }
});

const cell = (i: number): Locator => lab.page.locator('.jp-NotebookPanel .jp-Cell').nth(i);

test('the cell toolbar makes a cell a SQL cell, which runs on Trino; Insert as Python follows', async () => {
  await cell(0).locator('.jp-InputArea-editor').click();
  await cell(0).locator('.jp-cell-toolbar [data-command="loch:toggle-sql-cell"]').click();
  await lab.page.waitForSelector('.jp-NotebookPanel .jp-Cell.loch-sql-cell');
  await cell(0).locator('.jp-InputArea-editor').click();
  await lab.page.keyboard.press('Shift+Enter');
  assert.deepEqual(await gridRows(cell(0).locator('.loch-arrow-output')), [['42']]);

  await cell(0).locator('.jp-InputArea-editor').click();
  await lab.page.keyboard.press('Escape');
  await lab.command('loch:insert-sql-as-python');
  await lab.page.locator('.jp-NotebookPanel .jp-Cell').nth(2).waitFor();
  const python = await cell(1).locator('.cm-content').innerText();
  assert.match(python, /^import trino$/m);
  assert.match(python, /^ {4}catalog="lake",$/m);
  assert.match(python, /^cur\.execute\("SELECT 42 AS answer"\)$/m);
  assert.match(python, new RegExp(`^ {4}port=${new URL(trinoUrl()).port},$`, 'm'));
  // The code runs in the kernel (the official trino client) and reads the same rows.
  await cell(1).locator('.cm-content').click();
  await lab.page.keyboard.press('Control+End');
  await lab.page.keyboard.type('print(columns, rows)');
  await lab.page.keyboard.press('Shift+Enter');
  const printed = cell(1).locator('.jp-OutputArea-output');
  await printed.filter({ hasText: "['answer'] [[42]]" }).waitFor({ timeout: 60_000 });
});

test("JupyterLab's own Run command (toolbar, Run All) runs a SQL cell through Loch, not the kernel", async () => {
  const out = cell(0).locator('.loch-arrow-output');
  const before = await out.getAttribute('data-loch-query-id');
  await cell(0).locator('.jp-InputArea-editor').click();
  await lab.page.keyboard.press('Escape');
  await lab.command('notebook:run-cell');
  await lab.page.waitForFunction((b) => {
    const o = document.querySelector('.jp-NotebookPanel .jp-Cell .loch-arrow-output');
    return !!o && (o as HTMLElement).dataset.lochQueryId !== b;
  }, before);
  assert.deepEqual(await gridRows(out), [['42']]);
  assert.equal(await cell(0).locator('.jp-OutputArea-output').count(), 1);
  assert.equal(
    await cell(0).locator('[data-mime-type="application/vnd.jupyter.stderr"]').count(),
    0,
  );
});

test("a kernel's Arrow IPC output gets the results viewer, values as text", async () => {
  const c = cell(2);
  await c.locator('.jp-InputArea-editor').click();
  await lab.page.keyboard.press('Shift+Enter');
  assert.deepEqual(await gridRows(c.locator('.loch-arrow-output')), [
    ['Oslo', '1'],
    ['<b>Bergen</b>', '2'],
  ]);
  assert.equal(await c.locator('.loch-arrow-output b').count(), 0);
});

test('the viewer follows the JupyterLab theme', async () => {
  const viewer = cell(2).locator('.loch-viewer');
  assert.equal(await viewer.getAttribute('data-theme'), 'light');
  await lab.command('apputils:change-theme', { theme: 'JupyterLab Dark' });
  await lab.page.waitForFunction(() => document.body.dataset.jpThemeLight === 'false');
  await cell(2).locator('.loch-viewer[data-theme="dark"]').waitFor();
  const colours = await viewer.evaluate((v) => ({
    viewer: getComputedStyle(v).backgroundColor,
    lab: getComputedStyle(document.querySelector('.jp-NotebookPanel')!)
      .getPropertyValue('--jp-layout-color0')
      .trim(),
  }));
  const probe = await lab.page.evaluate((c) => {
    const d = document.createElement('div');
    d.style.backgroundColor = c;
    document.body.append(d);
    const rgb = getComputedStyle(d).backgroundColor;
    d.remove();
    return rgb;
  }, colours.lab);
  assert.equal(colours.viewer, probe);
  await lab.command('apputils:change-theme', { theme: 'JupyterLab Light' });
  await cell(2).locator('.loch-viewer[data-theme="light"]').waitFor();
});

test('the SQL console from the launcher runs ad-hoc SQL on the current ref', async () => {
  await lab.command('launcher:create');
  await lab.page.locator('.jp-LauncherCard', { hasText: 'Trino SQL' }).click();
  const consoleWidget = lab.page.locator('.loch-console:visible');
  const editor = consoleWidget.locator('textarea.loch-console-editor');
  await editor.fill('SELECT count(*) AS n FROM demo.sensor_readings');
  await editor.press('Shift+Enter');
  const expected = await run('SELECT count(*) FROM demo.sensor_readings', { catalog: 'lake' });
  assert.deepEqual(await gridRows(consoleWidget), [[String(expected.rows[0]![0])]]);
});

test('sidebar: create a branch, merge with a dry run (conflicts reported, then applied), delete', async () => {
  const main = await nessie.getReference('main');
  for (const b of [source, clashing, target]) await nessie.createBranch(b, main);
  const src = (await catalogs.ensure(source)).catalog;
  const clash = (await catalogs.ensure(clashing)).catalog;
  await run(`INSERT INTO ${src}.demo.orders SELECT * FROM lake.demo.orders LIMIT 3`);
  await run(`INSERT INTO ${clash}.demo.orders SELECT * FROM lake.demo.orders LIMIT 5`);

  await lab.page.click('.jp-SideBar [data-id="loch-sidebar"]');
  const sidebar = lab.page.locator('#loch-sidebar');
  const message = sidebar.locator('.loch-message');

  // Create: from the current ref (main), then it is the current ref.
  await sidebar.getByRole('button', { name: 'New branch' }).click();
  await lab.page.locator('.jp-Dialog input').fill(created);
  await lab.page.locator('.jp-Dialog .jp-mod-accept').click();
  await sidebar.locator(`.loch-ref-button[data-ref="${created}"][aria-current="true"]`).waitFor();
  assert.equal((await nessie.getReference(created)).hash, main.hash);

  // Merge source into the clashing branch: the dry run names the conflict, nothing changes.
  await sidebar.locator(`.loch-ref-button[data-ref="${source}"]`).click();
  await sidebar.locator(`.loch-ref-button[data-ref="${source}"][aria-current="true"]`).waitFor();
  const clashBefore = (await nessie.getReference(clashing)).hash;
  await sidebar.getByRole('button', { name: 'Merge' }).click();
  await lab.page.locator('.jp-Dialog select').selectOption(clashing);
  await lab.page.locator('.jp-Dialog .jp-mod-accept').click();
  const preview = lab.page.locator('.jp-Dialog .loch-merge-preview');
  const showsPreview = () =>
    preview.waitFor().catch(async (e: Error) => {
      throw new Error(`${e.message}\nthe sidebar says: ${await message.textContent()}`);
    });
  await showsPreview();
  assert.equal(await preview.textContent(), 'Conflicts on demo.orders: nothing would be merged.');
  assert.equal(await lab.page.locator('.jp-Dialog .jp-mod-accept').count(), 0);
  await lab.page.locator('.jp-Dialog .jp-mod-reject').click();
  assert.equal((await nessie.getReference(clashing)).hash, clashBefore);

  // Merge source into the untouched target: the preview lists the key, then it is applied.
  await sidebar.getByRole('button', { name: 'Merge' }).click();
  await lab.page.locator('.jp-Dialog select').selectOption(target);
  await lab.page.locator('.jp-Dialog .jp-mod-accept').click();
  await showsPreview();
  assert.equal(await preview.textContent(), 'Changes 1 key(s): demo.orders');
  await lab.page.locator('.jp-Dialog .jp-mod-accept').click();
  await message.filter({ hasText: `Merged ${source} into ${target}` }).waitFor();
  const into = (await catalogs.ensure(target)).catalog;
  const count = async (catalog: string) =>
    Number((await run(`SELECT count(*) FROM ${catalog}.demo.orders`)).rows[0]![0]);
  assert.equal(await count(into), await count(src));

  // Delete the merged-into branch: gone from Nessie, its Trino catalog dropped.
  await sidebar.locator(`.loch-ref-button[data-ref="${target}"]`).click();
  await sidebar.locator(`.loch-ref-button[data-ref="${target}"][aria-current="true"]`).waitFor();
  await sidebar.getByRole('button', { name: 'Delete' }).click();
  await lab.page.locator('.jp-Dialog .jp-mod-accept').click();
  await message.filter({ hasText: `Deleted ${target}` }).waitFor();
  await assert.rejects(nessie.getReference(target), { name: 'NessieNotFoundError' });
  assert.equal(await catalogs.exists(into), false);
  await sidebar.locator('.loch-ref-button[data-ref="main"][aria-current="true"]').waitFor();
});
