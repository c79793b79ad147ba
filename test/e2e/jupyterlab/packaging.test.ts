// The wheel `npm run package` builds, installed with pip into a fresh JupyterLab from PyPI:
// JupyterLab lists the prebuilt labextension and the server extension as enabled and OK.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { builtWheel, isolatedJupyterEnv, jupyterOutput, testVenv } from './harness';

const home = mkdtempSync(join(tmpdir(), 'loch-jlab-pkg-'));
after(() => rmSync(home, { recursive: true, force: true }));

test('a fresh JupyterLab with the wheel lists @loch/jupyterlab enabled and OK', () => {
  const venv = testVenv(builtWheel());
  const env = isolatedJupyterEnv(venv, home);
  const labext = jupyterOutput(venv, env, ['labextension', 'list']);
  assert.match(
    labext,
    /^\s*@loch\/jupyterlab v0\.1\.0 enabled\s+OK \(python, loch_jupyterlab\)\s*$/m,
    labext,
  );
  const serverext = jupyterOutput(venv, env, ['server', 'extension', 'list']);
  assert.match(serverext, /^\s*loch_jupyterlab enabled\s*$/m, serverext);
  assert.match(
    serverext,
    /^\s*- Validating loch_jupyterlab\.\.\.\s*\n\s*loch_jupyterlab 0\.1\.0 OK\s*$/m,
    serverext,
  );
});
