// Builds the JupyterLab plugin: esbuild bundles src/ with the core (TypeScript source in
// shared/) into lib/index.js, keeping @jupyterlab/* and @lumino/* external so JupyterLab's
// module federation shares them; `jupyter labextension build` (JupyterLab's own tooling, from
// the venv) then writes the prebuilt extension to loch_jupyterlab/labextension/.
//   node build.mjs           lib/ + labextension (skipped when its inputs did not change)
//   node build.mjs --wheel   also the wheel in ../dist/ (hatchling + hatch-jupyter-builder)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

// webpack takes ~30 s on these machines: rebuild only when what it reads changed.
const inputs = [
  'lib/index.js',
  'package.json',
  'style',
  'schema',
  '../shared/src/results/viewer.css',
]
  .flatMap((p) =>
    existsSync(p) && !p.includes('.')
      ? readdirSync(p, { recursive: true }).map((f) => join(p, String(f)))
      : [p],
  )
  .sort();
const hash = createHash('sha256');
for (const f of inputs) hash.update(f).update(readFileSync(f));
const inputHash = hash.digest('hex');
const stamp = 'loch_jupyterlab/labextension/.loch-inputs';
const upToDate = existsSync(stamp) && readFileSync(stamp, 'utf8') === inputHash;

const venv = ensureJupyterVenv();
// `jupyter labextension build` calls `jlpm` (JupyterLab's bundled yarn), which lives in the venv.
const env = { ...process.env, PATH: `${venv.bin}:${process.env.PATH}` };
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!upToDate) {
  rmSync('loch_jupyterlab/labextension', { recursive: true, force: true });
  // Without a node_modules folder here it would run `jlpm install` in this npm workspace; the
  // packages are hoisted to the root node_modules, where it then finds @jupyterlab/builder.
  mkdirSync('node_modules', { recursive: true });
  run(venv.jupyter, ['labextension', 'build', '.']);
  writeFileSync(stamp, inputHash);
}

if (process.argv.includes('--wheel')) {
  const dist = resolve(here, '..', 'dist');
  mkdirSync(dist, { recursive: true });
  run(venv.python, ['-m', 'build', '--wheel', '--no-isolation', '--outdir', dist, '.']);
}
