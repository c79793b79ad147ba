// Builds the JupyterLab plugin: esbuild bundles src/ with the core (TypeScript source in
// shared/) into lib/index.js, keeping @jupyterlab/* and @lumino/* external so JupyterLab's
// module federation shares them; `jupyter labextension build` (JupyterLab's own tooling, from
// the venv) then writes the prebuilt extension to loch_jupyterlab/labextension/.
//   node build.mjs           lib/ + labextension
//   node build.mjs --wheel   also the wheel in ../dist/ (hatchling + hatch-jupyter-builder)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { ensureJupyterVenv } from './scripts/python-env.mjs';

const here = import.meta.dirname;
process.chdir(here);

await build({
  absWorkingDir: here,
  entryPoints: ['src/index.ts'],
  outfile: 'lib/index.js',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  sourcemap: true,
  external: ['@jupyterlab/*', '@lumino/*'],
  logLevel: 'warning',
  legalComments: 'linked',
});

const venv = ensureJupyterVenv();
// `jupyter labextension build` calls `jlpm` (JupyterLab's bundled yarn), which lives in the venv.
const env = { ...process.env, PATH: `${venv.bin}:${process.env.PATH}` };
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
rmSync('loch_jupyterlab/labextension', { recursive: true, force: true });
// Without a node_modules folder here it would run `jlpm install` in this npm workspace; the
// packages are hoisted to the root node_modules, where it then finds @jupyterlab/builder.
mkdirSync('node_modules', { recursive: true });
run(venv.jupyter, ['labextension', 'build', '.']);

if (process.argv.includes('--wheel')) {
  const dist = resolve(here, '..', 'dist');
  mkdirSync(dist, { recursive: true });
  run(venv.python, ['-m', 'build', '--wheel', '--no-isolation', '--outdir', dist, '.']);
}
