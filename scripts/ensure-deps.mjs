// Installs the npm dependencies when they are missing or older than the lock file, so
// `npm start` and `npm test` work on a fresh clone. Node built-ins only: runs before install.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

export function ensureDeps() {
  const marker = 'node_modules/.package-lock.json';
  const fresh =
    existsSync(marker) &&
    existsSync('package-lock.json') &&
    statSync(marker).mtimeMs >= statSync('package-lock.json').mtimeMs;
  if (fresh) return;
  console.error('installing npm dependencies ...');
  const args = process.env.CI
    ? ['ci', '--no-audit', '--no-fund']
    : ['install', '--no-audit', '--no-fund'];
  const r = spawnSync('npm', args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('npm install failed; see the output above');
    process.exit(r.status ?? 1);
  }
}
