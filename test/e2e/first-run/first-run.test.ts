// The README's first run, as a new machine meets it: `npm start` and `npm start -- --jupyter`
// run as npm scripts (so every nested npm inherits the outer npm's `npm_config_*`) with an
// EMPTY Loch cache, on the test platform that is already up. Node 24, code-server, the
// JupyterLab environments and the CLI link are all installed by the commands themselves here:
// a missing install step fails this test instead of a user's first run. (The platform's own
// artifacts come from the harness's cache: `loch up` finds the running platform first.)
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { freePort } from '../../../extension/scripts/code-server.mjs';

const root = resolve(import.meta.dirname, '../../..');
const cache = mkdtempSync(join(tmpdir(), 'loch-first-run-cache-'));
const started: ChildProcess[] = [];
const pidFiles: string[] = [];

after(() => {
  for (const child of started) {
    try {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  for (const f of pidFiles) {
    if (!existsSync(f)) continue;
    try {
      process.kill(-Number(readFileSync(f, 'utf8').trim()), 'SIGTERM');
    } catch {
      // already gone
    }
  }
  rmSync(cache, { recursive: true, force: true });
});

function firstRunEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...process.env, LOCH_CACHE_DIR: cache, LOCH_NO_VSCODE: '1', ...extra };
}

/** `npm <args>` in the checkout; resolves with its output when it exits. */
function npm(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number) {
  const child = spawn('npm', args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGTERM'), timeoutMs);
  const exited = new Promise<number>((done) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      done(code ?? -1);
    }),
  );
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function answers(url: string): Promise<number> {
  const res = await fetch(url, { redirect: 'manual' });
  await res.arrayBuffer();
  return res.status;
}

test('npm start installs code-server into an empty cache and prints a workbench URL that answers', async () => {
  const port = await freePort();
  const run = npm(['start'], firstRunEnv({ LOCH_CODE_SERVER_PORT: String(port) }), 900_000);
  const code = await run.exited;
  assert.equal(code, 0, `npm start failed:\n${run.err().slice(-3000)}`);
  const url = new RegExp(
    `VS Code \\(code-server\\) with Loch, connected to the local platform:\\n  (http://127\\.0\\.0\\.1:${port}/\\?folder=\\S+)\\n  stop it: kill \\$\\(cat (\\S+)\\)`,
  ).exec(run.out());
  assert.ok(url, `no workbench URL in:\n${run.out()}`);
  pidFiles.push(url[2]!);
  assert.ok(existsSync(join(cache, 'code-server-4.139.1', '.installed')));
  assert.equal(await answers(`http://127.0.0.1:${port}/healthz`), 200);
  assert.equal(await answers(url[1]!), 200);

  // The "Next:" line it printed works from the checkout: `npx loch status` shows the platform.
  assert.match(run.out(), /npx loch status/);
  const status = spawnSync('npx', ['loch', 'status', '--json'], {
    cwd: root,
    env: firstRunEnv({}),
    encoding: 'utf8',
  });
  assert.equal(status.status, 0, status.stderr);
  const services = JSON.parse(status.stdout).services;
  assert.equal(services.trino.state, 'running');
  assert.equal(services.trino.url, process.env.LOCH_TRINO_URL);
  assert.equal(`${services.nessie.url}/api/v2`, process.env.LOCH_NESSIE_URL);
});

test('npm start -- --jupyter builds its JupyterLab environments in an empty cache and serves the sample', async () => {
  const port = await freePort();
  const run = npm(
    ['start', '--', '--jupyter'],
    firstRunEnv({ LOCH_JUPYTER_PORT: String(port) }),
    900_000,
  );
  const deadline = Date.now() + 900_000;
  let url: RegExpExecArray | null = null;
  while (!url && run.child.exitCode === null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    url =
      /JupyterLab {2}(http:\/\/127\.0\.0\.1:\d+\/lab\/tree\/getting-started\.ipynb\?token=[0-9a-f]+)/.exec(
        run.out(),
      );
  }
  assert.ok(url, `no JupyterLab URL; npm start said:\n${run.err().slice(-3000)}`);
  assert.equal(new URL(url[1]!).port, String(port));
  assert.equal(await answers(url[1]!), 200);

  const jupyter = join(cache, 'jupyterlab-run-venv', 'bin', 'jupyter');
  const list = spawnSync(jupyter, ['labextension', 'list'], { encoding: 'utf8' });
  // jupyter colours "enabled" and "OK" with ANSI escapes even into a pipe.
  // eslint-disable-next-line no-control-regex
  const listed = `${list.stdout}${list.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  assert.match(listed, /^ {8}@loch\/jupyterlab v0\.1\.0 enabled OK \(python, loch_jupyterlab\)$/m);

  process.kill(-run.child.pid!, 'SIGINT');
  await run.exited;
});
