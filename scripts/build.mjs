// `npm run build`: every workspace's own build, in dependency order (core first).
import { spawnSync } from 'node:child_process';

const run = (args) => {
  const r = spawnSync('npm', args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['run', 'build', '--workspace', 'shared']);
run(['run', 'build', '--workspace', 'extension', '--if-present']);
run(['run', 'build', '--workspace', 'jupyterlab-plugin', '--if-present']);
