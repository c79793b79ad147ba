// `npm start`: installs what is missing, builds, brings up the local platform with the sample
// data, and says what to do next.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureDeps } from './ensure-deps.mjs';

process.chdir(resolve(import.meta.dirname, '..'));
ensureDeps();
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
// `--jupyter`: then JupyterLab with the Loch plugin (scripts/start-jupyter.mjs).
const jupyter = process.argv.includes('--jupyter');
const upArgs = process.argv.slice(2).filter((a) => a !== '--jupyter');
step('npm', ['run', '--silent', 'build']);
step(process.execPath, ['shared/dist/loch.mjs', 'up', '--seed', ...upArgs]);
if (jupyter) {
  step(process.execPath, ['scripts/start-jupyter.mjs']);
  process.exit(0);
}
console.log(`
Next:
  npx loch status                 where everything runs
  npx loch down                   stop the platform
Query it from any Trino client, e.g. SELECT count(*) FROM lake.demo.orders`);
