// The Lakehouse view and the merge command of a real VS Code (code-server + the packaged .vsix)
// on the session: a table created from the editor appears in the view on the commit event the
// statement fires, and a merge whose target moved after its preview is refused with the
// target unchanged, then lands once previewed again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { uniqueName } from '../../support/platform';
import { testLakehouse } from './support/lakehouse';
import {
  clickRunLens,
  openFile,
  openLochView,
  openWorkbench,
  runCommand,
  treeRow,
  type Workbench,
} from './support/workbench';

const lake = testLakehouse();
const source = uniqueName('vscode_src');
const target = uniqueName('vscode_into');
const table = uniqueName('made_here');
const movedNamespace = uniqueName('moved');
let wb: Workbench;

before(async () => {
  await lake.nessie.createBranch(source, 'main');
  await lake.nessie.createBranch(target, 'main');
  wb = await openWorkbench({
    settings: { 'loch.activeProfile': 'local' },
    files: { 'create.sql': `CREATE TABLE demo.${table} (id bigint);\n` },
  });
});

after(async () => {
  await wb?.close();
  for (const ref of [source, target]) {
    await lake.catalogs.drop(ref).catch(() => undefined);
    await lake.nessie.deleteReference(ref).catch(() => undefined);
  }
});

/** Picks `name` in the open quick pick by typing it. */
async function pick(page: Page, name: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await input.press('Enter');
}

/**
 * The active editor's text once it includes `part`: its visible lines in document order, joined
 * without a separator (Markdown wraps long lines, and the pieces join back exactly).
 */
async function activeEditorText(page: Page, part: string): Promise<string> {
  let text = '';
  for (let i = 0; i < 150; i++) {
    text = await page.evaluate(() =>
      [
        ...document.querySelectorAll<HTMLElement>(
          '.editor-group-container.active .editor-instance .view-line',
        ),
      ]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((l) => l.textContent!.replace(/\u00a0/g, ' '))
        .join(''),
    );
    if (text.includes(part)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`the active editor does not show "${part}": ${text}`);
}

/** Runs "Loch: Merge Branch…" from `source` into `target` up to its confirmation dialog. */
async function previewMergeInUi(page: Page): Promise<void> {
  await runCommand(page, 'Loch: Merge Branch');
  await pick(page, source);
  await pick(page, target);
  await page.locator('.monaco-dialog-box').waitFor({ timeout: 30_000 });
}

test('a table created from the editor appears in the view after its statement commits', async () => {
  await openFile(wb.page, 'create.sql');
  await wb.page
    .locator('.statusbar-item', { hasText: 'Loch: local' })
    .first()
    .waitFor({ timeout: 60_000 });
  await runCommand(wb.page, 'Loch: Switch Branch or Tag');
  await pick(wb.page, source);
  await wb.page
    .locator('.statusbar-item', { hasText: source })
    .first()
    .waitFor({ timeout: 30_000 });
  // The current ref starts expanded; main (not current) stays collapsed.
  await openLochView(wb.page);
  await treeRow(wb.page, /^demo$/).click();
  await treeRow(wb.page, /^orders$/).waitFor({ timeout: 30_000 });
  assert.equal(await treeRow(wb.page, new RegExp(`^${table}$`)).count(), 0);

  await openFile(wb.page, 'create.sql');
  await clickRunLens(wb.page, 0);
  // No refresh is asked for: the session's commit event re-lists the branch.
  await treeRow(wb.page, new RegExp(`^${table}$`)).waitFor({ timeout: 60_000 });
  const { content } = await lake.nessie.content(source, `demo.${table}`);
  assert.equal(content.type, 'ICEBERG_TABLE');
  await assert.rejects(lake.nessie.content('main', `demo.${table}`), {
    name: 'NessieNotFoundError',
  });
});

test('a merge whose target moved after the preview is refused and changes nothing', async () => {
  const previewed = await lake.nessie.getReference(target);
  await previewMergeInUi(wb.page);
  // The preview document: the heads, one clean commit and the key it adds.
  const text = await activeEditorText(wb.page, `at \`${previewed.hash.slice(0, 12)}\``);
  assert.ok(text.startsWith(`# Merge ${source} → ${target} (preview)`), text);
  assert.ok(text.includes(`into ${target} at \`${previewed.hash.slice(0, 12)}\``), text);
  assert.ok(text.includes('The merge applies cleanly: 1 commit(s), 1 changed key(s).'), text);
  assert.ok(text.includes(`## Changed keys (1)- demo.${table}`), text);

  // Someone else commits to the target while the user reads the preview.
  const moved = await lake.nessie.commit(
    target,
    previewed.hash,
    [
      {
        type: 'PUT',
        key: [movedNamespace],
        content: { type: 'NAMESPACE', elements: [movedNamespace] },
      },
    ],
    'moved meanwhile',
  );
  await wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Merge' }).click();
  const toast = wb.page
    .locator('.notification-toast', { hasText: 'moved since the preview' })
    .first();
  await toast.waitFor({ timeout: 30_000 });
  assert.equal(
    (await toast.locator('.notification-list-item-message').innerText()).trim(),
    `Loch: Merge failed: ${target} moved since the preview (previewed ` +
      `${previewed.hash.slice(0, 12)}, now ${moved.branch.hash.slice(0, 12)}); nothing was ` +
      'merged; preview the merge again',
  );
  assert.equal((await lake.nessie.getReference(target)).hash, moved.branch.hash);
  await assert.rejects(lake.nessie.content(target, `demo.${table}`), {
    name: 'NessieNotFoundError',
  });
  // No scratch branch of the refused merge is left behind.
  const scratch = await lake.nessie.listReferences({
    prefix: `loch-merge/${previewed.hash.slice(0, 12)}`,
  });
  assert.deepEqual(scratch, []);
});

test('previewed again, the merge lands on the head the preview showed', async () => {
  const head = await lake.nessie.getReference(target);
  await previewMergeInUi(wb.page);
  await activeEditorText(wb.page, `into ${target} at \`${head.hash.slice(0, 12)}\``);
  await wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Merge' }).click();
  await wb.page
    .locator('.notification-toast', { hasText: `merged ${source} into ${target}` })
    .first()
    .waitFor({ timeout: 30_000 });
  const [merge] = await lake.nessie.commits(target, { limit: 1 });
  const sourceHead = await lake.nessie.getReference(source);
  assert.equal(merge!.message, `Merge ${source} into ${target} (Loch)`);
  assert.deepEqual(merge!.parentCommitHashes, [head.hash, sourceHead.hash]);
  const { content } = await lake.nessie.content(target, `demo.${table}`);
  assert.equal(content.type, 'ICEBERG_TABLE');
});
