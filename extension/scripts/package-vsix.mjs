// `npm run package -w extension`: builds the extension and writes dist/loch-<version>.vsix at
// the repository root with @vscode/vsce. Platform config and samples ride along in resources/
// so "Start Local Platform" and "Open Sample Queries" work from an installed extension.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(here, '..');
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: here, ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

// The viewer bundle comes from the core's build.
run('npm', ['run', '--silent', 'build', '--workspace', 'shared'], { cwd: root });
run(process.execPath, ['build.mjs']);

const resources = join(here, 'dist', 'resources');
rmSync(resources, { recursive: true, force: true });
mkdirSync(resources, { recursive: true });
cpSync(join(root, 'platform-manifests'), join(resources, 'platform-manifests'), {
  recursive: true,
});
cpSync(join(root, 'samples'), join(resources, 'samples'), { recursive: true });

const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const out = join(root, 'dist', `loch-${version}.vsix`);
mkdirSync(dirname(out), { recursive: true });
run(process.execPath, [
  join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
  'package',
  '--no-dependencies',
  '--skip-license',
  '--allow-missing-repository',
  '--out',
  out,
]);
process.stdout.write(`${out}\n`);
