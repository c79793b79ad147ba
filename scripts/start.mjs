// `npm start`: installs what is missing, builds, brings up the local platform with the sample
// data, and ends in a workbench: Loch installed into VS Code (`code`) when present, otherwise
// code-server with Loch, connected to the local platform with the samples open.
//   npm start -- --no-workbench     only the platform
//   npm start -- --jupyter          JupyterLab with the Loch plugin, the sample notebook open
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureDebianPackages, ensureDeps } from './ensure-deps.mjs';

process.chdir(resolve(import.meta.dirname, '..'));
ensureDeps();
const args = process.argv.slice(2);
const noWorkbench = args.includes('--no-workbench');
// `--jupyter`: JupyterLab with the Loch plugin instead (scripts/start-jupyter.mjs).
const jupyter = args.includes('--jupyter');
// JupyterLab runs in a venv (code-server's Kerberos headers are installed where it is built).
if (jupyter) ensureDebianPackages(['python3-venv'], 'JupyterLab');
const upArgs = args.filter((a) => a !== '--no-workbench' && a !== '--jupyter');
const step = (cmd, a) => {
  const r = spawnSync(cmd, a, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step('npm', ['run', '--silent', 'build']);
step(process.execPath, ['shared/dist/loch.mjs', 'up', '--seed', ...upArgs]);
if (jupyter) {
  step(process.execPath, ['scripts/start-jupyter.mjs']);
  process.exit(0);
}

let workbench;
if (!noWorkbench) {
  const { openWorkbench } = await import('../extension/scripts/workbench.mjs');
  try {
    workbench = await openWorkbench();
  } catch (e) {
    console.error(`the workbench did not start: ${e.message}`);
    process.exitCode = 1;
  }
}
console.log(`
${
  workbench?.kind === 'vscode'
    ? `Loch is installed in VS Code, which opens ${workbench.folder}.\n`
    : workbench?.kind === 'code-server'
      ? `VS Code (code-server) with Loch, connected to the local platform:\n  ${workbench.url}\n  stop it: kill $(cat ${workbench.pidFile})\n`
      : ''
}Next:
  npx loch status                 where everything runs
  npx loch down                   stop the platform
Query it from any Trino client, e.g. SELECT count(*) FROM lake.demo.orders`);
