// In a real VS Code (code-server) with the packaged .vsix: the Lakehouse view before and after
// connecting to the real test platform, and browsing refs → namespaces → tables → columns.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { uniqueName } from '../../support/platform';
import { testLakehouse } from './support/lakehouse';
import {
  openLochView,
  openWorkbench,
  rowParts,
  runCommand,
  treeRow,
  type Workbench,
} from './support/workbench';

let wb: Workbench;
const lake = testLakehouse();
const branch = uniqueName('vscode_browse');

before(async () => {
  await lake.nessie.createBranch(branch, 'main');
  wb = await openWorkbench();
});

after(async () => {
  await wb?.close();
  await lake.catalogs.drop(branch).catch(() => undefined);
  await lake.nessie.deleteReference(branch).catch(() => undefined);
});

function activationLines(): string[] {
  const dir = join(wb.userDataDir, 'logs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('Loch.log'))
    .flatMap((d) => readFileSync(join(d.parentPath, d.name), 'utf8').split('\n'))
    .filter((l) => l.includes('Loch activated in'));
}

test('Loch activates lazily: not when the window opens, but when its view does', async () => {
  await wb.page.waitForTimeout(3_000);
  assert.deepEqual(activationLines(), []);
  await openLochView(wb.page);
  for (let i = 0; i < 100 && activationLines().length === 0; i++) await wb.page.waitForTimeout(200);
  assert.equal(activationLines().length, 1);
});

test('before connecting, the Lakehouse view offers "Connect to local platform"', async () => {
  await openLochView(wb.page);
  await treeRow(wb.page, 'Not connected').waitFor({ timeout: 30_000 });
  await treeRow(wb.page, 'Connect to local platform').waitFor();
  const status = wb.page.locator('.statusbar-item', { hasText: 'Loch' }).first();
  assert.equal((await status.innerText()).trim(), 'Loch');
});

test('"Connect to local platform" connects to the running platform and lists its refs', async () => {
  await treeRow(wb.page, 'Connect to local platform').click();
  await treeRow(wb.page, /^main/).waitFor({ timeout: 30_000 });
  const status = wb.page.locator('.statusbar-item', { hasText: 'Loch: local' }).first();
  await status.waitFor();
  const refStatus = wb.page.locator('.statusbar-item', { hasText: 'main' }).first();
  await refStatus.waitFor();
  assert.match(await treeRow(wb.page, /^main/).innerText(), /current/);
});

test('browsing main shows the demo namespace, its tables and typed columns', async () => {
  // main is the current ref, so it starts expanded.
  await treeRow(wb.page, /^demo$/).click();
  for (const t of ['lineitem', 'orders', 'sensor_readings']) {
    await treeRow(wb.page, new RegExp(`^${t}$`)).waitFor();
  }
  await treeRow(wb.page, /^sensor_readings$/).click();
  await treeRow(wb.page, /^sensor_id/).waitFor({ timeout: 30_000 });
  assert.deepEqual(await rowParts(treeRow(wb.page, /^ts/)), {
    label: 'ts',
    description: 'timestamp(6) with time zone',
  });
  assert.deepEqual(await rowParts(treeRow(wb.page, /^temperature/)), {
    label: 'temperature',
    description: 'double',
  });
});

test('Show Table Details opens the table’s schema and snapshots as a Markdown document', async () => {
  const [snapshots] = (await lake.run('SELECT count(*) FROM lake.demo."sensor_readings$snapshots"'))
    .rows as [[number]];
  const { content } = await lake.nessie.content('main', 'demo.sensor_readings');
  const current = (content as { snapshotId: string }).snapshotId;

  await treeRow(wb.page, /^sensor_readings$/).click({ button: 'right' });
  // VS Code's menu acts on an item it has highlighted: hover first, as a mouse user does.
  const item = wb.page.locator('.context-view .action-item', { hasText: 'Show Table Details' });
  await item.hover();
  await item.click();
  await wb.page.waitForFunction(
    () =>
      [...document.querySelectorAll('.editor-group-container.active .view-line')].some((l) =>
        // Monaco renders spaces as no-break spaces, which \s matches.
        /^##\sSnapshots/.test(l.textContent!),
      ),
    undefined,
    { timeout: 60_000 },
  );
  // The active editor's visible lines in document order (monaco positions them by `top`),
  // joined without a separator: Markdown wraps long lines, and the pieces join back exactly.
  const text = await wb.page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        '.editor-group-container.active .editor-instance .view-line',
      ),
    ]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => l.textContent!.replace(/\u00a0/g, ' '))
      .join(''),
  );
  assert.ok(
    text.startsWith('# demo.sensor_readings on mainCatalog lake · current snapshot '),
    text,
  );
  // The local platform's metadata file is read: Iceberg's field ids and type names.
  assert.ok(
    text.includes(
      '## Schema| id | name | type | required | doc || --- | --- | --- | --- | --- |' +
        '| 1 | sensor_id | string | no |  || 2 | ts | timestamptz | no |  |',
    ),
    text,
  );
  // Newest first, the current one marked: Trino's $snapshots and Nessie's content agree.
  const table =
    `## Snapshots (${snapshots[0]})` +
    '| snapshot_id | committed_at | operation | parent_id | added records | total records |' +
    '| --- | --- | --- | --- | --- | --- |' +
    `| ${current} (current) | `;
  assert.ok(text.includes(table), text);
});

test('another branch browses through its own Trino catalog down to typed columns', async () => {
  // Collapse main so the branch's rows are the only demo/orders rows.
  await treeRow(wb.page, /^main/).click();
  await treeRow(wb.page, new RegExp(`^${branch}`)).click();
  await treeRow(wb.page, /^demo$/).click();
  await treeRow(wb.page, /^orders$/).click();
  await treeRow(wb.page, /^orderkey/).waitFor({ timeout: 60_000 });
  assert.deepEqual(await rowParts(treeRow(wb.page, /^orderkey/)), {
    label: 'orderkey',
    description: 'bigint',
  });
  const { catalog } = await lake.catalogs.ensure(branch);
  assert.ok((await lake.catalogs.exists(catalog)) && catalog !== 'lake');
});

test('a branch created from the current ref becomes current; deleting it removes it from Nessie', async () => {
  const made = uniqueName('vscode_made');
  const mainHash = (await lake.nessie.getReference('main')).hash;
  await runCommand(wb.page, 'Loch: Create Branch');
  const input = wb.page.locator('.quick-input-widget input');
  await input.fill(made);
  await input.press('Enter');
  await wb.page.locator('.statusbar-item', { hasText: made }).first().waitFor({ timeout: 30_000 });
  const created = await lake.nessie.getReference(made);
  assert.deepEqual([created.type, created.hash], ['BRANCH', mainHash]);
  await treeRow(wb.page, new RegExp(`^${made}`)).waitFor();

  await runCommand(wb.page, 'Loch: Delete Branch or Tag');
  await input.fill(made);
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: made }).first().waitFor();
  await input.press('Enter');
  await wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Delete' }).click();
  await treeRow(wb.page, new RegExp(`^${made}`)).waitFor({ state: 'detached', timeout: 30_000 });
  await assert.rejects(lake.nessie.getReference(made), { name: 'NessieNotFoundError' });
  await wb.page.locator('.statusbar-item', { hasText: made }).waitFor({ state: 'detached' });
});

test('the view never shows an error node while browsing', async () => {
  assert.equal(await treeRow(wb.page, /^Error:/).count(), 0);
});

test('Loch: Platform Status reports both services running', async () => {
  await runCommand(wb.page, 'Loch: Platform Status');
  const toast = wb.page.locator('.notifications-toasts .notification-toast', {
    hasText: 'Loch platform',
  });
  await toast.waitFor({ timeout: 30_000 });
  const text = await toast.innerText();
  assert.match(text, /trino: running http:\/\/127\.0\.0\.1:\d+/);
  assert.match(text, /nessie: running http:\/\/127\.0\.0\.1:\d+/);
});

test('the walkthrough lists the first steps, each with its command', async () => {
  await runCommand(wb.page, 'Welcome: Open Walkthrough');
  const input = wb.page.locator('.quick-input-widget input');
  await input.fill('Get started with Loch');
  await wb.page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Loch' })
    .first()
    .waitFor();
  await input.press('Enter');
  const steps = wb.page.locator('.getting-started-step .step-title');
  await steps.first().waitFor({ timeout: 30_000 });
  assert.deepEqual(await steps.allInnerTexts(), [
    'Start the local platform',
    'Connect',
    'Browse the lakehouse',
    'Run a query',
    'Work on a branch',
  ]);
});
