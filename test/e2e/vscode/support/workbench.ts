// A real VS Code for end-to-end tests: code-server (from npm, cached) with the packaged Loch
// .vsix installed, opened on a scratch workspace in Debian Chromium through playwright-core.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../../../support/browser';
import {
  ensureCodeServer,
  installVsix,
  startCodeServer,
} from '../../../../extension/scripts/code-server.mjs';

const root = resolve(import.meta.dirname, '../../../..');

let packaged: string | undefined;

/** Packages the extension once per test process, exactly as `npm run package` does. */
export function packagedVsix(): string {
  if (packaged) return packaged;
  const { version } = JSON.parse(readFileSync(join(root, 'extension/package.json'), 'utf8')) as {
    version: string;
  };
  const r = spawnSync(process.execPath, ['extension/scripts/package-vsix.mjs'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`packaging the extension failed: ${r.stderr || r.stdout}`);
  packaged = join(root, 'dist', `loch-${version}.vsix`);
  return packaged;
}

export interface Workbench {
  page: Page;
  folder: string;
  userDataDir: string;
  url: string;
  /** code-server's own output (the extension host log lands there too). */
  serverOutput(): string;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Files to write into the workspace folder, by relative path. */
  files?: Record<string, string>;
  /** VS Code user settings. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and its extension host. */
  env?: Record<string, string>;
  /** Fills the workspace folder before VS Code opens it (after `files` are written). */
  prepare?: (folder: string) => void;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  ensureCodeServer((l: string) => console.error(l));
  const vsix = packagedVsix();
  const base = mkdtempSync(join(tmpdir(), 'loch-vscode-e2e-'));
  const folder = join(base, 'workspace');
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  for (const [rel, text] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(folder, rel)), { recursive: true });
    writeFileSync(join(folder, rel), text);
  }
  mkdirSync(folder, { recursive: true });
  options.prepare?.(folder);
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'editor.codeLens': true,
      ...options.settings,
    }),
  );
  installVsix(vsix, { extensionsDir, userDataDir });
  const server = await startCodeServer({
    folder,
    extensionsDir,
    userDataDir,
    env: {
      LOCH_STATE_DIR: process.env.LOCH_STATE_DIR ?? resolve(root, '.loch-test/state'),
      ...options.env,
    },
  });
  let browser: BrowserContext | undefined;
  try {
    browser = await launchBrowser();
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${server.url}?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The status bar is the last part of the workbench to appear.
    await page.locator('.statusbar').waitFor({ timeout: 60_000 });
    return {
      page,
      folder,
      userDataDir,
      url: server.url,
      serverOutput: server.output,
      close: async () => {
        await browser?.close();
        await server.stop();
        rmSync(base, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close();
    await server.stop();
    throw e;
  }
}

/** Runs a command by its palette title, e.g. "Loch: Connect to Local Platform". */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  // The palette lists the commands known when it opens; right after a (re)load the extension's
  // contributions may not be registered yet, so a palette without the command is reopened.
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const found = await row.waitFor({ state: 'visible', timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (found) break;
    if (Date.now() > deadline) throw new Error(`no command "${title}" in the palette`);
    await input.press('Escape');
  }
  await input.press('Enter');
}

/** Opens the Loch activity-bar container. */
export async function openLochView(page: Page): Promise<void> {
  // Not the activity-bar icon: it toggles, and after a reload VS Code may restore the sidebar
  // between a visibility check and the click, which would then hide it. The view's generated
  // focus command (category: the container's title) only ever opens it.
  await runCommand(page, 'Loch: Focus on Lakehouse View');
  await page.locator('.pane-header', { hasText: 'Lakehouse' }).first().waitFor();
}

/** A row of the Lakehouse tree by its label. */
export function treeRow(page: Page, label: string | RegExp) {
  return page.locator('[id="workbench.view.extension.loch"] .monaco-list-row', { hasText: label });
}

/** A tree row as "label — description", read from the row's own parts. */
export async function rowParts(row: Locator): Promise<{ label: string; description: string }> {
  const label = (await row.locator('.label-name').first().innerText()).trim();
  const desc = row.locator('.label-description').first();
  const description = (await desc.count()) ? (await desc.innerText()).trim() : '';
  return { label, description };
}

/** Opens a workspace file, given by its base name, in an editor through Quick Open. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await input.press('Enter');
  // Any editor already open would satisfy a wait for "an editor": wait until this file's tab is
  // the active one (its label is the base name), then for a visible editor showing it.
  await page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor();
  await page
    .locator('.editor-instance .monaco-editor, .notebook-editor')
    .filter({ visible: true })
    .first()
    .waitFor();
}

/** The frame of the Loch results panel (a webview holding the core's viewer). */
export async function resultsFrame(page: Page, timeout = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const f of page.frames()) {
      try {
        if (await f.$('.loch-viewer')) return f;
      } catch {
        // a frame navigating away
      }
    }
    if (Date.now() > deadline) throw new Error('the Loch results panel did not appear');
    await page.waitForTimeout(250);
  }
}

/** The result's column names and rows as the grid shows them (text of each cell). */
export async function gridContents(frame: Frame): Promise<{ headers: string[]; rows: string[][] }> {
  return frame.evaluate(() => ({
    headers: [...document.querySelectorAll('[role=columnheader] .loch-header-name')].map(
      (h) => h.textContent ?? '',
    ),
    rows: [...document.querySelectorAll<HTMLElement>('.loch-row:not([hidden])')].map((r) =>
      [...r.querySelectorAll<HTMLElement>('.loch-cell')].map((c) => c.textContent ?? ''),
    ),
  }));
}

/** Waits until the viewer shows a result for `sqlPart`... identified by its first header. */
export async function waitForResult(
  page: Page,
  predicate: (g: { headers: string[]; rows: string[][] }) => boolean,
  timeout = 90_000,
): Promise<{ frame: Frame; grid: { headers: string[]; rows: string[][] } }> {
  const deadline = Date.now() + timeout;
  let last: { headers: string[]; rows: string[][] } | undefined;
  for (;;) {
    const frame = await resultsFrame(page, Math.max(1_000, deadline - Date.now()));
    last = await gridContents(frame).catch(() => undefined);
    if (last && predicate(last)) return { frame, grid: last };
    if (Date.now() > deadline) {
      throw new Error(`the expected result did not appear; last grid: ${JSON.stringify(last)}`);
    }
    await page.waitForTimeout(300);
  }
}

/** Clicks the n-th (0-based) "Run" CodeLens of the active editor. */
export async function clickRunLens(page: Page, n = 0): Promise<void> {
  const lens = page.locator('.editor-instance .codelens-decoration a', { hasText: 'Run' }).nth(n);
  await lens.waitFor({ timeout: 30_000 });
  await lens.click();
}
