// `npm start -- --jupyter` (after the platform is up), or `node scripts/start-jupyter.mjs`:
// JupyterLab in a venv this creates (PyPI jupyterlab + the plugin's wheel, built here), connected
// to the local platform `loch up` started (the server extension reads its record), with the
// sample notebook open. Prints the URL and runs until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { ensureLabVenv, TRINO_PYTHON_CLIENT } from '../jupyterlab-plugin/scripts/python-env.mjs';
// The same state directory `loch up` and the VS Code workbench use (shared/src/platform/paths.ts).
import { stateDir } from '../extension/scripts/workbench.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLE = 'getting-started.ipynb';

function portIsFree(port) {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}

async function freePort(from) {
  for (let p = from; p < from + 100; p++) if (await portIsFree(p)) return p;
  throw new Error(`no free port in ${from}-${from + 99}`);
}

/**
 * `jupyter lab`'s command line: loopback only, on exactly `port`, behind `token`, serving `root`
 * (and as root only where the machine runs everything as root). Shared with the e2e harness.
 */
export function jupyterLabArgs({ port, token, root }) {
  return [
    'lab',
    '--no-browser',
    '--ServerApp.ip=127.0.0.1',
    `--ServerApp.port=${port}`,
    '--ServerApp.port_retries=0',
    `--IdentityProvider.token=${token}`,
    `--ServerApp.root_dir=${root}`,
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
  ];
}

export async function startJupyter({
  port: wanted = Number(process.env.LOCH_JUPYTER_PORT ?? 8888),
} = {}) {
  const build = spawnSync(
    process.execPath,
    [join(ROOT, 'jupyterlab-plugin', 'build.mjs'), '--wheel'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (build.status !== 0) throw new Error('building the JupyterLab plugin failed (see above)');
  const wheel = join(ROOT, 'dist', 'loch_jupyterlab-0.1.0-py3-none-any.whl');
  // The trino client lets "Copy as Python" continue a result in the kernel.
  const venv = ensureLabVenv('jupyterlab-run-venv', wheel, { extra: [TRINO_PYTHON_CLIENT] });

  // The samples are copied next to the platform's state, never edited in the checkout.
  const notebooks = join(stateDir(), 'notebooks');
  mkdirSync(notebooks, { recursive: true });
  const samples = join(ROOT, 'samples', 'notebooks');
  for (const f of readdirSync(samples)) {
    if (f.endsWith('.ipynb') && !existsSync(join(notebooks, f))) {
      copyFileSync(join(samples, f), join(notebooks, f));
    }
  }

  const port = await freePort(wanted);
  const token = process.env.LOCH_JUPYTER_TOKEN ?? randomBytes(24).toString('hex');
  const lab = spawn(venv.jupyter, jupyterLabArgs({ port, token, root: notebooks }), {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PATH: `${venv.bin}:${process.env.PATH}` },
  });
  const url = `http://127.0.0.1:${port}/lab/tree/${SAMPLE}?token=${token}`;
  await new Promise((res, rej) => {
    let log = '';
    const onData = (d) => {
      log += d.toString();
      if (log.includes('Jupyter Server') && log.includes('is running at')) {
        lab.stderr.off('data', onData);
        lab.stderr.resume(); // keep draining, so a chatty server never blocks on its pipe
        res(undefined);
      }
    };
    lab.stderr.on('data', onData);
    lab.once('exit', (code) => rej(new Error(`jupyter lab exited (${code}):\n${log}`)));
  });
  return { url, lab, notebooks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { url, lab } = await startJupyter();
    process.stdout.write(`\nJupyterLab  ${url}\n(Ctrl+C stops it)\n`);
    const stop = () => lab.kill('SIGTERM');
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    lab.once('exit', (code) => process.exit(code ?? 0));
  } catch (e) {
    process.stderr.write(`start-jupyter: ${e.message}\n`);
    process.exit(1);
  }
}
