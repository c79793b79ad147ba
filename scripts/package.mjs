// `npm run package`: every workspace's own `package` script, if it has one (the VS Code
// extension writes dist/loch-<version>.vsix; the JupyterLab plugin its wheel).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureDeps } from './ensure-deps.mjs';

process.chdir(resolve(import.meta.dirname, '..'));
ensureDeps();
for (const ws of ['extension', 'jupyterlab-plugin']) {
  const r = spawnSync('npm', ['run', 'package', '--workspace', ws, '--if-present'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
