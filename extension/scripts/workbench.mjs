// The last step of `npm start`: a VS Code workbench with Loch installed, connected to the local
// platform, the samples open. VS Code's `code` command when present (the .vsix is installed into
// it); otherwise code-server (installed once into the cache) started in the background, its URL
// printed. Node built-ins only, plus code-server.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerArgs, ensureCodeServer, installVsix, lochCacheDir } from './code-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

export function stateDir() {
  if (process.env.LOCH_STATE_DIR) return resolve(process.env.LOCH_STATE_DIR);
  return join(process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'loch');
}

/** The sample files of the workspace, copied from extension/samples (never edited there). */
export const SAMPLE_FILES = ['queries.sql', 'sensors.lochnb'];
export const samplePath = (f) => join(root, 'extension', 'samples', f);

/** The user settings of the workbench's VS Code: the samples open in front, not a welcome page. */
export const WORKBENCH_USER_SETTINGS = { 'workbench.startupEditor': 'none' };

/**
 * A workspace folder with the samples and `loch.activeProfile: local` (never user settings),
 * each file written only when it is missing; the end-to-end test of the workbench makes its own
 * with the same function.
 */
export function sampleWorkspace(dir = join(stateDir(), 'workspace')) {
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  for (const f of SAMPLE_FILES) {
    if (!existsSync(join(dir, f))) cpSync(samplePath(f), join(dir, f));
  }
  // Written once: after that the workspace is the user's, and their settings stay as they left them.
  const settings = join(dir, '.vscode', 'settings.json');
  if (!existsSync(settings)) {
    writeFileSync(
      settings,
      `${JSON.stringify({ 'loch.activeProfile': 'local', 'loch.startup.open': SAMPLE_FILES }, null, 2)}\n`,
    );
  }
  return dir;
}

function packageVsix() {
  const r = spawnSync(process.execPath, [join(here, 'package-vsix.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error('packaging the extension failed (see above)');
  const { version } = JSON.parse(readFileSync(join(root, 'extension', 'package.json'), 'utf8'));
  return join(root, 'dist', `loch-${version}.vsix`);
}

const hasCode = () => {
  if (process.env.LOCH_NO_VSCODE === '1') return false;
  const r = spawnSync('code', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
};

async function answers(url) {
  try {
    return (await globalThis.fetch(`${url}healthz`)).ok;
  } catch {
    return false;
  }
}

/** Returns `{ kind: 'vscode' | 'code-server', url? , folder }`. */
export async function openWorkbench({ log = (l) => process.stderr.write(`${l}\n`) } = {}) {
  const vsix = packageVsix();
  const folder = sampleWorkspace();
  if (hasCode()) {
    const r = spawnSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('code --install-extension failed');
    spawn('code', [folder, join(folder, 'queries.sql')], {
      stdio: 'ignore',
      detached: true,
    }).unref();
    return { kind: 'vscode', folder };
  }
  log('VS Code (`code`) is not on PATH: starting code-server with Loch installed ...');
  const { bin, env } = ensureCodeServer(log);
  const data = join(lochCacheDir(), 'code-server-workbench');
  const dirs = { extensionsDir: join(data, 'extensions'), userDataDir: join(data, 'user-data') };
  const port = Number(process.env.LOCH_CODE_SERVER_PORT ?? 18443);
  const url = `http://127.0.0.1:${port}/`;
  const pidFile = join(stateDir(), 'code-server.pid');
  installVsix(vsix, dirs, log);
  const userSettings = join(dirs.userDataDir, 'User', 'settings.json');
  if (!existsSync(userSettings)) {
    mkdirSync(dirname(userSettings), { recursive: true });
    writeFileSync(userSettings, `${JSON.stringify(WORKBENCH_USER_SETTINGS, null, 2)}\n`);
  }
  if (!(await answers(url))) {
    mkdirSync(dirs.userDataDir, { recursive: true });
    const out = openSync(join(stateDir(), 'code-server.log'), 'a');
    const child = spawn(
      bin,
      codeServerArgs({
        port,
        extensionsDir: dirs.extensionsDir,
        userDataDir: dirs.userDataDir,
        folder,
      }),
      { env: { ...env, LOCH_STATE_DIR: stateDir() }, stdio: ['ignore', out, out], detached: true },
    );
    child.unref();
    writeFileSync(pidFile, `${child.pid}\n`);
    const deadline = Date.now() + 60_000;
    while (!(await answers(url))) {
      if (Date.now() > deadline)
        throw new Error(`code-server did not start: see ${join(stateDir(), 'code-server.log')}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  return {
    kind: 'code-server',
    url: `${url}?folder=${encodeURIComponent(folder)}`,
    folder,
    pidFile,
  };
}
