// A Loch SQL notebook in a real VS Code (code-server + the packaged .vsix) on the real test
// platform: cells run through the core, their Arrow output renders in the core's viewer, a cell
// can override the ref, and each cell records the ref hash and snapshot ids it read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { uniqueName } from '../../support/platform';
import { testLakehouse } from './support/lakehouse';
import { openFile, openWorkbench, type Workbench } from './support/workbench';

const lake = testLakehouse();
const branch = uniqueName('vscode_nb');
let wb: Workbench;
let branchCount: number;

const notebook = {
  loch: 1,
  cells: [
    { kind: 'markdown', source: '# Sensors' },
    {
      kind: 'sql',
      source:
        'SELECT sensor_id, count(*) AS readings\nFROM demo.sensor_readings\nGROUP BY sensor_id\nORDER BY sensor_id',
    },
    { kind: 'sql', source: `-- ref: ${branch}\nSELECT count(*) AS n FROM demo.orders` },
  ],
};

before(async () => {
  await lake.nessie.createBranch(branch, 'main');
  const { catalog } = await lake.catalogs.ensure(branch);
  await lake.run(`DELETE FROM ${catalog}.demo.orders WHERE orderpriority = '2-HIGH'`);
  branchCount = Number((await lake.run(`SELECT count(*) FROM ${catalog}.demo.orders`)).rows[0]![0]);
  wb = await openWorkbench({
    settings: { 'loch.activeProfile': 'local' },
    files: { 'sensors.lochnb': JSON.stringify(notebook, null, 2) },
  });
});

after(async () => {
  await wb?.close();
  await lake.catalogs.drop(branch).catch(() => undefined);
  await lake.nessie.deleteReference(branch).catch(() => undefined);
});

async function outputFrames(): Promise<Frame[]> {
  const out: Frame[] = [];
  for (const f of wb.page.frames()) {
    if (await f.$('.loch-notebook-output .loch-viewer').catch(() => null)) out.push(f);
  }
  return out;
}

test('running the notebook renders each cell’s Arrow result in the viewer, the ref override included', async () => {
  await wb.page
    .locator('.statusbar-item', { hasText: 'Loch: local' })
    .first()
    .waitFor({ timeout: 60_000 });
  await openFile(wb.page, 'sensors.lochnb');
  await wb.page
    .locator('.notebook-editor .cell-list-container')
    .first()
    .waitFor({ timeout: 60_000 });
  await wb.page
    .locator('.notebook-toolbar-container .action-item', { hasText: 'Run All' })
    .first()
    .click();
  // With one controller for the type VS Code may still ask once: pick Loch. isVisible() does not
  // wait (it ignores its timeout), so give the picker up to 5 s to appear; no picker is fine.
  const kernel = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Loch (Trino)' });
  await kernel
    .first()
    .waitFor({ timeout: 5_000 })
    .then(
      () => kernel.first().click(),
      () => undefined,
    );

  const deadline = Date.now() + 120_000;
  let grids: { headers: string[]; rows: string[][] }[] = [];
  for (;;) {
    const frames = await outputFrames();
    grids = [];
    for (const f of frames) {
      grids.push(
        ...(await f
          .evaluate(() =>
            [...document.querySelectorAll('.loch-notebook-output')].map((o) => ({
              headers: [...o.querySelectorAll('[role=columnheader] .loch-header-name')].map(
                (h) => h.textContent ?? '',
              ),
              rows: [...o.querySelectorAll<HTMLElement>('.loch-row:not([hidden])')].map((r) =>
                [...r.querySelectorAll('.loch-cell')].map((c) => c.textContent ?? ''),
              ),
            })),
          )
          // A webview re-rendering its output detaches the frame: a miss, polled again.
          .catch(() => [])),
      );
    }
    // Wait for everything asserted below (both results, all their rows), not for a first batch.
    if (
      grids.find((g) => g.headers[0] === 'sensor_id')?.rows.length === 8 &&
      grids.find((g) => g.headers[0] === 'n')?.rows.length === 1
    )
      break;
    if (Date.now() > deadline) throw new Error(`notebook outputs: ${JSON.stringify(grids)}`);
    await wb.page.waitForTimeout(500);
  }
  const sensors = grids.find((g) => g.headers[0] === 'sensor_id')!;
  assert.deepEqual(sensors.headers, ['sensor_id', 'readings']);
  assert.deepEqual(
    sensors.rows.map((r) => r.map((c) => c.replace(/,/g, ''))),
    [1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`sensor-0${i}`, '1440']),
  );
  const count = grids.find((g) => g.headers[0] === 'n')!;
  assert.deepEqual(
    count.rows.map((r) => r[0]!.replace(/,/g, '')),
    [String(branchCount)],
  );
});

test('each cell records the ref, its hash and the snapshot ids it read (saved with the notebook)', async () => {
  await wb.page.keyboard.press('Control+S');
  const main = await lake.nessie.getReference('main');
  const onBranch = await lake.nessie.getReference(branch);
  const { contents } = await lake.nessie.contents('main', ['demo.sensor_readings']);
  const snapshot = (contents.get('demo.sensor_readings') as { snapshotId: string }).snapshotId;
  let saved: { cells: { metadata?: { loch?: Record<string, unknown> } }[] } | undefined;
  for (let i = 0; i < 50; i++) {
    try {
      saved = JSON.parse(readFileSync(join(wb.folder, 'sensors.lochnb'), 'utf8'));
    } catch {
      saved = undefined; // read while VS Code was writing it: polled again
    }
    if (saved?.cells[1]?.metadata?.loch?.refHash && saved.cells[2]?.metadata?.loch?.refHash) break;
    // The save may have run before the extension applied the cells' metadata edit (the notebook
    // then turns dirty again): save again until the file has it.
    await wb.page.keyboard.press('Control+S');
    await wb.page.waitForTimeout(200);
  }
  const first = saved!.cells[1]!.metadata!.loch!;
  assert.equal(first.readRef, 'main');
  assert.equal(first.refHash, main.hash);
  assert.deepEqual(first.snapshots, { 'demo.sensor_readings': String(snapshot) });
  assert.match(String(first.queryId), /^\d{8}_\d{6}_\d{5}_\w{5}$/);
  const third = saved!.cells[2]!.metadata!.loch!;
  assert.equal(third.readRef, branch);
  assert.equal(third.refHash, onBranch.hash);
  assert.deepEqual(Object.keys(third.snapshots as object), ['demo.orders']);
});
