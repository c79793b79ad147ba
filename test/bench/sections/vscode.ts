// The `vscode` section: how long Loch takes to activate in a real VS Code (code-server with the
// packaged .vsix; from the bundle starting to load to the end of activate(), as the extension
// logs it; median of several window loads) and the size of the extension host bundle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { median, type BenchSection } from '../section';
import { openLochView, openWorkbench, packagedVsix } from '../../e2e/vscode/support/workbench';

const RUNS = 3;

function logFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('Loch.log'))
    .map((d) => join(d.parentPath, d.name));
}

function activations(userDataDir: string): number[] {
  return logFiles(join(userDataDir, 'logs')).flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/Loch activated in ([\d.]+) ms/g)].map((m) =>
      Number(m[1]),
    ),
  );
}

const section: BenchSection = {
  name: 'vscode',
  async run() {
    packagedVsix();
    const bundle = join(import.meta.dirname, '../../../extension/dist/extension.cjs');
    const bundle_kb = Math.round(statSync(bundle).size / 1024);
    const wb = await openWorkbench();
    try {
      for (let i = 0; i < RUNS; i++) {
        if (i > 0) await wb.page.reload();
        await wb.page.locator('.statusbar').waitFor({ timeout: 60_000 });
        // The Lakehouse view is an activation event: opening it activates Loch (lazily).
        await openLochView(wb.page);
        const deadline = Date.now() + 60_000;
        while (activations(wb.userDataDir).length < i + 1) {
          if (Date.now() > deadline) throw new Error('Loch did not log its activation');
          await wb.page.waitForTimeout(200);
        }
      }
      const samples = activations(wb.userDataDir);
      return {
        activate_ms: Number(median(samples).toFixed(1)),
        activate_samples_ms: samples,
        bundle_kb,
      };
    } finally {
      await wb.close();
    }
  },
};

export default section;
