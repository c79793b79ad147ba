// The workbench `npm start` opens (extension/scripts/workbench.mjs's sample workspace, the same
// user settings) in a real VS Code: the sample query file and notebook open on their own, the
// notebook's cells are drawn (how long that takes is printed), no tab is marked unsaved, and nothing was
// written to the workspace's files: they stay byte-identical to the samples.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  SAMPLE_FILES,
  WORKBENCH_USER_SETTINGS,
  sampleWorkspace,
  samplePath,
} from '../../../extension/scripts/workbench.mjs';
import { openWorkbench, type Workbench } from './support/workbench';

let wb: Workbench;

before(async () => {
  wb = await openWorkbench({
    settings: WORKBENCH_USER_SETTINGS,
    prepare: (folder) => sampleWorkspace(folder),
  });
});

after(async () => {
  await wb?.close();
});

/** Milliseconds since `from` when `check` first holds (polled every 50 ms), or a timeout error. */
async function msUntil(
  from: number,
  check: () => Promise<boolean>,
  what: string,
  timeout = 60_000,
) {
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - from;
    if (Date.now() - from > timeout) throw new Error(`${what} did not happen within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('the samples open by themselves, nothing unsaved, nothing written', async (t) => {
  const { page } = wb;
  t.after(() => page.screenshot({ path: 'test-results/vscode-workbench-start.png' }));
  const tab = (name: string) => page.locator('.tabs-container .tab', { hasText: name }).first();
  await tab('sensors.lochnb').waitFor({ timeout: 90_000 });
  const opened = Date.now();
  // Drawn: the code cells' SQL in their editors (the cell list lives in the notebook overlay;
  // Monaco draws spaces as no-break spaces, hence \s) and the markdown heading in its preview.
  const code = await msUntil(
    opened,
    () =>
      page
        .locator('.notebookOverlay .cell-list-container .view-lines')
        .evaluateAll((ls) => ls.map((l) => (l.textContent ?? '').replace(/\s+/g, ' ')).join('\n'))
        .then(
          (text) => text.includes('SELECT sensor_id') && text.includes("date_trunc('hour', ts)"),
        ),
    'the code cells drawing',
  );
  const markdown = await msUntil(
    opened,
    async () => {
      for (const f of page.frames()) {
        const n = await f
          .locator('h1', { hasText: 'Sensor readings' })
          .count()
          .catch(() => 0);
        if (n) return true;
      }
      return false;
    },
    'the markdown cell drawing',
  );
  // Measured, not asserted: VS Code attaches the notebook's cell list only once the notebook's
  // output webview has resolved (NotebookEditorWidget._warmupWithMarkdownRenderer), ~5 s here
  // with or without the markdown cell; nothing in the extension shortens it yet.
  process.stdout.write(
    `# sample notebook: code cells ${code} ms, markdown ${markdown} ms after its tab\n`,
  );

  // Both samples are open; give anything that would dirty or write them time to do it.
  await tab('queries.sql').waitFor({ timeout: 10_000 });
  await page.waitForTimeout(5_000);
  assert.deepEqual(
    await page.locator('.tabs-container .tab.dirty').allInnerTexts(),
    [],
    'no tab is marked unsaved',
  );
  for (const f of SAMPLE_FILES) {
    assert.ok(
      readFileSync(join(wb.folder, f)).equals(readFileSync(samplePath(f))),
      `${f} on disk is the sample, byte for byte`,
    );
  }
});
