// The wheel `npm run package` builds, installed with pip into a fresh JupyterLab from PyPI — the
// newest release the wheel supports and the oldest (the one it is built with): JupyterLab lists
// the prebuilt labextension and the server extension as enabled and OK on both.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import {
  BUILT_WITH_JUPYTERLAB,
  newestJupyterLab,
  type JupyterLabRelease,
} from '../../../jupyterlab-plugin/scripts/python-env.mjs';
import { builtWheel, isolatedJupyterEnv, jupyterOutput, testVenv } from './harness';

const home = mkdtempSync(join(tmpdir(), 'loch-jlab-pkg-'));
after(() => rmSync(home, { recursive: true, force: true }));

for (const release of ['newest', 'oldest'] as JupyterLabRelease[]) {
  test(`the ${release} supported JupyterLab with the wheel lists @loch/jupyterlab enabled OK`, () => {
    const venv = testVenv(builtWheel(), release);
    const env = isolatedJupyterEnv(venv, join(home, release));
    const version = jupyterOutput(venv, env, ['lab', '--version']).trim();
    assert.equal(
      version,
      release === 'newest' ? newestJupyterLab(venv.python) : BUILT_WITH_JUPYTERLAB,
    );
    const labext = jupyterOutput(venv, env, ['labextension', 'list']);
    const line = labext.split('\n').find((l) => l.includes('@loch/jupyterlab'));
    assert.equal(
      line?.trim(),
      '@loch/jupyterlab v0.1.0 enabled OK (python, loch_jupyterlab)',
      `JupyterLab ${version}:\n${labext}`,
    );
    const serverext = jupyterOutput(venv, env, ['server', 'extension', 'list']);
    assert.match(serverext, /^\s*loch_jupyterlab enabled\s*$/m, serverext);
    assert.match(
      serverext,
      /^\s*- Validating loch_jupyterlab\.\.\.\s*\n\s*loch_jupyterlab 0\.1\.0 OK\s*$/m,
      serverext,
    );
  });
}

test('each @jupyterlab/* range starts at the oldest supported JupyterLab’s own package', () => {
  // The core packages a JupyterLab ships, with their versions: its staging package.json.
  const venv = testVenv(builtWheel(), 'oldest');
  const lab = spawnSync(
    venv.python,
    ['-c', 'import jupyterlab, os; print(os.path.dirname(jupyterlab.__file__))'],
    { encoding: 'utf8' },
  ).stdout.trim();
  const core = (
    JSON.parse(readFileSync(join(lab, 'staging', 'package.json'), 'utf8')) as {
      resolutions: Record<string, string>;
    }
  ).resolutions;
  const plugin = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../../jupyterlab-plugin/package.json'), 'utf8'),
  ) as { dependencies: Record<string, string> };
  const ranges = Object.entries(plugin.dependencies).filter(([n]) => n.startsWith('@jupyterlab/'));
  assert.equal(ranges.length, 13);
  // JupyterLab pins its own packages with ~; the plugin accepts that release and every later 4.x.
  assert.deepEqual(
    ranges,
    ranges.map(([name]) => [name, core[name]?.replace(/^~/, '^')]),
  );
});
