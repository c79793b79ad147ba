// The Python side of the JupyterLab host: one virtual environment under ~/.cache/loch with
// JupyterLab from PyPI and the wheel-building tools, created on first use and reused after.
// Called by the plugin's build, `npm start -- --jupyter` and the JupyterLab tests; idempotent.
// Node built-ins only, so plain scripts can import it before anything is built.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The official Trino Python client, for the code "Copy as Python" writes (run in the kernel). */
export const TRINO_PYTHON_CLIENT = 'trino==0.340.0';

/**
 * The JupyterLab the labextension is built with: the release of the npm @jupyterlab/builder the
 * plugin pins (the npm registry here stops at 4.5.11 while PyPI serves 4.6). It is also the
 * oldest JupyterLab the wheel supports: the plugin's @jupyterlab/* ranges are `^` from it.
 */
export const BUILT_WITH_JUPYTERLAB = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'),
).devDependencies['@jupyterlab/builder'];

/** What the wheel declares (pyproject.toml): every JupyterLab 4 from the one it is built with. */
export const SUPPORTED_JUPYTERLAB = `jupyterlab>=${BUILT_WITH_JUPYTERLAB},<5`;

/** The build venv's pins: `jupyter labextension build` runs in the JupyterLab it builds for. */
export const PYTHON_REQUIREMENTS = [
  `jupyterlab==${BUILT_WITH_JUPYTERLAB}`,
  'hatchling==1.33.0',
  'hatch-jupyter-builder==0.10.0',
  'build==1.6.1',
];

export function cacheDir(env = process.env) {
  if (env.LOCH_CACHE_DIR) return env.LOCH_CACHE_DIR;
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'loch');
}

function findPython() {
  for (const candidate of [process.env.LOCH_PYTHON, 'python3', 'python']) {
    if (!candidate) continue;
    const r = spawnSync(candidate, ['-c', 'import sys, venv; print(sys.version_info >= (3, 9))'], {
      encoding: 'utf8',
    });
    if (r.status === 0 && r.stdout.trim() === 'True') return candidate;
  }
  throw new Error('no Python 3.9+ with the venv module: install python3 and python3-venv');
}

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal})`);
}

/**
 * Returns the paths of the venv, creating it (or completing a half-made one) when needed.
 * The folder name carries a hash of the pins, so changing a pin makes a new venv.
 */
export function ensureJupyterVenv({ quiet = false } = {}) {
  const hash = createHash('sha256').update(PYTHON_REQUIREMENTS.join('\n')).digest('hex');
  const dir = join(cacheDir(), `jupyterlab-venv-${hash.slice(0, 12)}`);
  const bin = join(dir, 'bin');
  const paths = { dir, bin, python: join(bin, 'python'), jupyter: join(bin, 'jupyter') };
  const marker = join(dir, '.loch-complete');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) return paths;
  mkdirSync(cacheDir(), { recursive: true });
  if (!quiet)
    process.stderr.write(`creating the JupyterLab environment in ${dir} (pip, once) ...\n`);
  if (!existsSync(paths.python)) run(findPython(), ['-m', 'venv', dir], 'python -m venv');
  run(
    paths.python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...PYTHON_REQUIREMENTS],
    'pip install',
  );
  writeFileSync(marker, hash);
  return paths;
}

/**
 * The newest JupyterLab on PyPI that the wheel supports, as `pip install jupyterlab <wheel>`
 * would pick it; undefined when PyPI cannot be asked (offline).
 */
const newest = new Map();
export function newestJupyterLab(python) {
  // Asking takes seconds (pip resolves against PyPI): once per process is enough.
  if (!newest.has(python)) newest.set(python, askPipForNewest(python));
  return newest.get(python);
}

function askPipForNewest(python) {
  const r = spawnSync(
    python,
    [
      '-m',
      'pip',
      'install',
      '--dry-run',
      '--quiet',
      '--no-deps',
      '--ignore-installed',
      '--disable-pip-version-check',
      '--report',
      '-',
      SUPPORTED_JUPYTERLAB,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) return undefined;
  try {
    return JSON.parse(r.stdout).install[0].metadata.version;
  } catch {
    return undefined;
  }
}

/**
 * A venv where JupyterLab runs with the plugin as a user installs it: PyPI's jupyterlab, `extra`
 * PyPI packages and the wheel, nothing else from this checkout. `jupyterlab` is 'newest' (the
 * newest supported release on PyPI, looked up on every call, so a new release gets tested) or
 * 'oldest' (the release the labextension is built with). Created under the cache's <name>; the
 * wheel is reinstalled on every call so it is always the current one.
 */
export function ensureLabVenv(
  name,
  wheel,
  { quiet = false, extra = [], jupyterlab = 'newest' } = {},
) {
  const dir = join(cacheDir(), name);
  const bin = join(dir, 'bin');
  const paths = { dir, bin, python: join(bin, 'python'), jupyter: join(bin, 'jupyter') };
  const marker = join(dir, '.loch-complete');
  const installed = existsSync(marker) ? readFileSync(marker, 'utf8') : undefined;
  if (!existsSync(paths.python)) {
    mkdirSync(cacheDir(), { recursive: true });
    run(findPython(), ['-m', 'venv', dir], 'python -m venv');
  }
  let version = BUILT_WITH_JUPYTERLAB;
  if (jupyterlab === 'newest') {
    version = newestJupyterLab(paths.python);
    if (!version && installed === undefined)
      throw new Error(`could not ask PyPI for the newest ${SUPPORTED_JUPYTERLAB}: are you online?`);
  }
  const pins = version ? [`jupyterlab==${version}`, ...extra] : undefined;
  if (pins && installed !== pins.join('\n')) {
    if (!quiet) process.stderr.write(`installing JupyterLab ${version} in ${dir} ...\n`);
    run(
      paths.python,
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...pins],
      'pip install',
    );
    writeFileSync(marker, pins.join('\n'));
  }
  run(
    paths.python,
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--force-reinstall',
      '--no-deps',
      wheel,
    ],
    'pip install (the loch_jupyterlab wheel)',
  );
  return paths;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(ensureJupyterVenv())}\n`);
}
