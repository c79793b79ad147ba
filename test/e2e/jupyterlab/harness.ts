// A real JupyterLab (PyPI, in its own venv under ~/.cache/loch) with the plugin's wheel
// installed, started on a free port with a token, plus Debian Chromium driven by Playwright.
// Shared by the JupyterLab end-to-end tests; everything it starts is stopped by `close()`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { RefCatalogs } from '../../../shared/src/lakehouse/ref-catalogs';
import type { SqlRunner } from '../../../shared/src/lakehouse/sql-runner';
import type { NessieClient } from '../../../shared/src/nessie/client';
import { TrinoClient } from '../../../shared/src/trino/client';
import { launchBrowser } from '../../support/browser';
import { nessieApiUrl, trinoUrl } from '../../support/platform';
import {
  ensureLabVenv,
  TRINO_PYTHON_CLIENT,
  type JupyterLabRelease,
} from '../../../jupyterlab-plugin/scripts/python-env.mjs';
import { freePort } from '../../../shared/src/platform/ports';
import { jupyterLabArgs } from '../../../scripts/start-jupyter.mjs';

const ROOT = resolve(import.meta.dirname, '../../..');
const PLUGIN = join(ROOT, 'jupyterlab-plugin');
const DIST = join(ROOT, 'dist');

interface VenvPaths {
  dir: string;
  bin: string;
  python: string;
  jupyter: string;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!d.isFile()) continue;
    const p = join(d.parentPath, d.name);
    if (p.includes('node_modules') || p.includes('__pycache__') || p.includes('labextension'))
      continue;
    newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts, maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout + r.stderr;
}

/** The wheel `npm run package` writes, rebuilt when the plugin's or the core's sources are newer. */
export function builtWheel(): string {
  const wheel = join(DIST, 'loch_jupyterlab-0.1.0-py3-none-any.whl');
  const sources = Math.max(
    ...['src', 'loch_jupyterlab', 'schema', 'style', 'package.json', 'pyproject.toml', 'build.mjs']
      .map((p) => join(PLUGIN, p))
      .map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)),
    newestMtime(join(ROOT, 'shared', 'src')),
  );
  if (!existsSync(wheel) || statSync(wheel).mtimeMs < sources) {
    run(process.execPath, [join(PLUGIN, 'build.mjs'), '--wheel']);
  }
  return wheel;
}

/**
 * A JupyterLab from PyPI with the wheel installed, not the build venv (see ensureLabVenv): the
 * newest supported release by default, or the oldest (the one the labextension is built with).
 */
export function testVenv(wheel: string, jupyterlab: JupyterLabRelease = 'newest'): VenvPaths {
  const name = jupyterlab === 'newest' ? 'jupyterlab-e2e-venv' : 'jupyterlab-e2e-oldest-venv';
  return ensureLabVenv(name, wheel, { quiet: true, extra: [TRINO_PYTHON_CLIENT], jupyterlab });
}

/** Jupyter's config/data/runtime folders for one run, so nothing of the user's leaks in. */
export function isolatedJupyterEnv(venv: VenvPaths, home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${venv.bin}:${process.env.PATH}`,
    JUPYTER_CONFIG_DIR: join(home, 'config'),
    JUPYTER_DATA_DIR: join(home, 'data'),
    JUPYTER_RUNTIME_DIR: join(home, 'runtime'),
    JUPYTERLAB_SETTINGS_DIR: join(home, 'settings'),
    JUPYTERLAB_WORKSPACES_DIR: join(home, 'workspaces'),
    IPYTHONDIR: join(home, 'ipython'),
    LOCH_TRINO_URL: trinoUrl(),
    LOCH_NESSIE_URL: nessieApiUrl(),
  };
}

/** A jupyter command's output without its colour codes. */
export function jupyterOutput(venv: VenvPaths, env: NodeJS.ProcessEnv, args: string[]): string {
  // eslint-disable-next-line no-control-regex
  return run(venv.jupyter, args, { env }).replace(/\x1b\[[0-9;]*m/g, '');
}

export interface RunningLab {
  url: string;
  token: string;
  root: string;
  env: NodeJS.ProcessEnv;
  venv: VenvPaths;
  browser: BrowserContext;
  page: Page;
  /** `/lab/tree/<path>` with the token. */
  labUrl(path?: string): string;
  /** Runs a JupyterLab command in the page (as the command palette would). */
  command(id: string, args?: Record<string, unknown>): Promise<unknown>;
  /** Calls Jupyter's REST API with the token. */
  api<T>(path: string, init?: RequestInit): Promise<T>;
  close(): Promise<void>;
}

/** Starts JupyterLab with the wheel installed on a free port, and a browser page on it. */
export async function startLab(
  options: {
    files?: Record<string, string>;
    jupyterlab?: JupyterLabRelease;
    /** The Loch plugin's user settings (`@loch/jupyterlab:plugin`), as the settings editor saves them. */
    settings?: Record<string, unknown>;
  } = {},
): Promise<RunningLab> {
  const venv = testVenv(builtWheel(), options.jupyterlab);
  const home = mkdtempSync(join(tmpdir(), 'loch-jlab-'));
  const root = join(home, 'notebooks');
  const env = isolatedJupyterEnv(venv, home);
  spawnSync('mkdir', ['-p', root]);
  for (const [name, text] of Object.entries(options.files ?? {}))
    writeFileSync(join(root, name), text);
  if (options.settings) {
    const dir = join(home, 'settings', '@loch', 'jupyterlab');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'plugin.jupyterlab-settings'), JSON.stringify(options.settings));
  }
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const log: string[] = [];
  const proc: ChildProcess = spawn(
    venv.jupyter,
    [
      ...jupyterLabArgs({ port, token, root }),
      // window.jupyterapp, as JupyterLab's own UI tests (Galata) use it to run commands.
      '--LabApp.expose_app_in_browser=True',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  proc.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
  proc.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      ...init,
      headers: { Authorization: `token ${token}`, ...(init.headers ?? {}) },
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`jupyter lab exited:\n${log.join('')}`);
    try {
      await api('/api/status');
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`jupyter lab did not start:\n${log.join('')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const browser = await launchBrowser();
  const page = browser.pages()[0] ?? (await browser.newPage());
  const close = async () => {
    await browser.close().catch(() => undefined);
    if (proc.exitCode === null && proc.pid) {
      try {
        process.kill(-proc.pid, 'SIGTERM'); // its kernels are in the same process group
      } catch {
        /* already gone */
      }
      await new Promise((r) => {
        const t = setTimeout(r, 10_000);
        proc.once('exit', () => {
          clearTimeout(t);
          r(undefined);
        });
      });
    }
    rmSync(home, { recursive: true, force: true });
  };
  const labUrl = (path?: string) =>
    `${url}/lab${path ? `/tree/${path.split('/').map(encodeURIComponent).join('/')}` : ''}?token=${token}`;
  const command = (id: string, args: Record<string, unknown> = {}) =>
    page.evaluate(
      ([i, a]) =>
        (
          window as unknown as {
            jupyterapp: { commands: { execute(id: string, args: unknown): Promise<unknown> } };
          }
        ).jupyterapp.commands
          .execute(i as string, a)
          .then(() => undefined),
      [id, args] as const,
    );
  return { url, token, root, env, venv, browser, page, labUrl, api, command, close };
}

/** Opens the lab (or a file in it) and waits until the shell is up. */
export async function openLab(lab: RunningLab, path?: string): Promise<void> {
  await lab.page.goto(lab.labUrl(path));
  await lab.page.waitForSelector('#jupyterlab-splash', { state: 'detached', timeout: 60_000 });
  await lab.page.waitForSelector('.jp-LabShell', { timeout: 60_000 });
}

/** A notebook (nbformat 4) whose cells are SQL cells unless given as `{ python }`. */
export function notebook(
  cells: (string | { sql: string; ref?: string } | { python: string })[],
): string {
  return JSON.stringify(
    {
      cells: cells.map((c) => {
        const source = typeof c === 'string' ? c : 'python' in c ? c.python : c.sql;
        const loch =
          typeof c === 'string'
            ? { sql: true }
            : 'python' in c
              ? undefined
              : { sql: true, ...(c.ref ? { ref: c.ref } : {}) };
        return {
          cell_type: 'code',
          execution_count: null,
          metadata: loch ? { loch } : {},
          outputs: [],
          source,
        };
      }),
      metadata: {
        kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' },
        language_info: { name: 'python' },
      },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

/** Statements on the test platform's Trino, to set up and check what the page shows. */
export function testSqlRunner(): SqlRunner {
  const trino = new TrinoClient({ url: trinoUrl(), user: 'loch-test' });
  return (sql, o) => trino.statement(sql, o);
}

/** Ref catalogs as the lab's server extension makes them (its lake catalog, `main` = lake). */
export async function labRefCatalogs(
  lab: RunningLab,
  run: SqlRunner,
  nessie: NessieClient,
): Promise<RefCatalogs> {
  const config = await lab.api<{ lakeCatalog: Record<string, string> }>('/loch/config');
  return new RefCatalogs({
    run,
    nessie,
    baseProperties: config.lakeCatalog,
    staticCatalogs: { main: 'lake' },
  });
}

/** Opens a notebook and waits for its kernel: SQL cells do not need it, the notebook UI does. */
export async function openNotebook(lab: RunningLab, path: string): Promise<void> {
  await openLab(lab, path);
  await lab.page.waitForSelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', {
    timeout: 60_000,
  });
}

/** The rows the shared viewer's grid shows under `scope`, in row order, as text. */
export async function gridRows(scope: Locator): Promise<string[][]> {
  await scope.locator('.loch-grid-body .loch-row').first().waitFor({ timeout: 60_000 });
  return scope.locator('.loch-grid-body .loch-row:not([hidden])').evaluateAll((rows) =>
    rows
      .map((r) => ({
        at: Number(r.getAttribute('aria-rowindex')),
        cells: [...r.querySelectorAll('.loch-cell')].map((td) => td.textContent ?? ''),
      }))
      .sort((a, b) => a.at - b.at)
      .map((r) => r.cells),
  );
}
