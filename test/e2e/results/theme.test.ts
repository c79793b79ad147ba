// The viewer follows its host's theme: VS Code's --vscode-* and JupyterLab's --jp-* CSS
// variables, the browser's dark scheme when neither is set, and high-contrast theme kinds.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openViewerPage, type ViewerPage } from './support/page';

let vp: ViewerPage;
before(async () => {
  vp = await openViewerPage({});
  await vp.page.evaluate(() => window.lochHarness.streamSynthetic(100, 100));
});
after(async () => vp?.close());

const colours = () =>
  vp.page.evaluate(() => {
    const v = getComputedStyle(document.querySelector('.loch-viewer')!);
    const cell = getComputedStyle(document.querySelector('.loch-cell')!);
    return { bg: v.backgroundColor, fg: v.color, border: cell.borderRightColor };
  });

test('plain light and dark fallbacks follow prefers-color-scheme', async () => {
  await vp.page.emulateMedia({ colorScheme: 'light' });
  assert.equal((await colours()).bg, 'rgb(255, 255, 255)');
  await vp.page.emulateMedia({ colorScheme: 'dark' });
  assert.equal((await colours()).bg, 'rgb(30, 30, 30)');
});

test('VS Code and JupyterLab variables win over the fallbacks', async () => {
  await vp.page.evaluate(() => {
    document.body.style.setProperty('--jp-layout-color0', '#102030');
    document.body.style.setProperty('--jp-ui-font-color1', '#fafafa');
  });
  assert.deepEqual((await colours()).bg, 'rgb(16, 32, 48)');
  assert.deepEqual((await colours()).fg, 'rgb(250, 250, 250)');
  await vp.page.evaluate(() => {
    document.body.style.setProperty('--vscode-editor-background', '#000000');
    document.body.style.setProperty('--vscode-editor-foreground', '#ffffff');
    document.body.style.setProperty('--vscode-contrastBorder', '#6fc3df');
    document.body.classList.add('vscode-high-contrast');
  });
  const hc = await colours();
  assert.equal(hc.bg, 'rgb(0, 0, 0)');
  assert.equal(hc.fg, 'rgb(255, 255, 255)');
  assert.equal(hc.border, 'rgb(111, 195, 223)');
});

test('the host can announce its theme kind', async () => {
  await vp.page.evaluate(() => {
    document.body.classList.remove('vscode-high-contrast');
  });
  // The test host posts through the same channel a VS Code or JupyterLab host uses.
  const kind = await vp.page.evaluate(async () => {
    window.lochHarness.viewer.show('grid');
    return document.querySelector('.loch-viewer')!.getAttribute('data-theme');
  });
  assert.equal(kind, null);
  await vp.page.evaluate(() => window.lochHarness.sendTheme('high-contrast'));
  await vp.page.waitForFunction(
    () => document.querySelector('.loch-viewer')!.getAttribute('data-theme') === 'high-contrast',
  );
  assert.equal((await colours()).border, 'rgb(111, 195, 223)');
});
