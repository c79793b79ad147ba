// Installs what `npm start` and `npm test` need on a fresh clone: the npm dependencies when they
// are missing or older than the lock file, and the Debian packages a run needs (with apt-get when
// running as root; otherwise one line with the exact command). Node built-ins only: runs before
// anything is installed.
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

/** The packages of `wanted` that dpkg does not list as installed ([] where there is no dpkg). */
export function missingDebianPackages(wanted) {
  if (spawnSync('dpkg', ['--version']).status !== 0) return [];
  return wanted.filter((pkg) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/**
 * Makes sure the Debian packages `wanted` are installed, for `why` (e.g. "the browser tests").
 * As root: apt-get installs them. Otherwise: one line with the exact command, and exit 1.
 */
export function ensureDebianPackages(wanted, why) {
  const missing = missingDebianPackages(wanted);
  if (missing.length === 0) return;
  const command = `apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`missing Debian packages for ${why}: sudo ${command}`);
    process.exit(1);
  }
  console.error(`installing Debian packages for ${why}: ${missing.join(' ')} ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  // A fresh machine may have no package lists yet: update once, then retry.
  if (apt(['install', '-y', '-qq', ...missing]).status !== 0) {
    if (
      apt(['update', '-qq']).status !== 0 ||
      apt(['install', '-y', '-qq', ...missing]).status !== 0
    ) {
      console.error(`installing ${missing.join(' ')} failed (see above): ${command}`);
      process.exit(1);
    }
  }
}
