import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { lakeCatalogRef } from '../lakehouse/ref-catalogs';
import { NessieClient } from '../nessie/client';
import { TrinoClient } from '../trino/client';
import {
  lakeCatalogProperties,
  readModeValues,
  renderNessieProperties,
  renderTrinoEtc,
  type Values,
} from './config';
import { PlatformError } from './errors';
import { ensureInstalled } from './install';
import { findJava, type JavaInstall } from './java';
import { cacheDir, resourceRoot, stateDir } from './paths';
import { isPortFree } from './ports';
import { isOurs, stopProcess } from './processes';
import {
  acquireUpLock,
  LAKE_CATALOG_NAME,
  PLATFORM_RECORD_VERSION,
  readRecord,
  readRecordPids,
  removeRecord,
  writeRecord,
  type PlatformRecord,
  type ServiceName,
  type ServiceRecord,
  type ServiceState,
} from './state';
import { sleep } from '../wait';

export const DEFAULT_TRINO_PORT = 18080;
export const DEFAULT_NESSIE_PORT = 19120;
/** The Trino user Loch's own tooling (seed, readiness probe) runs as. */
export const LOCH_USER = 'loch';

export interface LocalOptions {
  trinoPort?: number;
  nessiePort?: number;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  signal?: AbortSignal;
  /** How long to wait for both servers to answer, in ms. */
  startTimeoutMs?: number;
}

export interface Endpoints {
  trino: string;
  nessie: string;
}

export interface UpResult {
  alreadyRunning: boolean;
  endpoints: Endpoints;
  record: PlatformRecord;
}

export interface ServiceStatus {
  state: ServiceState;
  url?: string;
  pid?: number;
  log?: string;
}

export interface PlatformStatus {
  mode: 'local';
  services: Record<ServiceName, ServiceStatus>;
  /** Where this platform keeps its data, logs and record. */
  stateDir: string;
}

function portOption(value: number | undefined, env: string | undefined, fallback: number): number {
  const port = value ?? (env ? Number(env) : fallback);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new PlatformError(
      `invalid port ${String(value ?? env)}`,
      'give a port from 1 to 65535',
      'bad-option',
    );
  }
  return port;
}

export function endpointsOf(record: PlatformRecord): Endpoints {
  return { trino: record.services.trino.url, nessie: record.services.nessie.url };
}

export function nessieApiUrl(nessieUrl: string): string {
  return `${nessieUrl}/api/v2`;
}

/** True when Trino runs `SELECT 1` (the readiness probe of both platforms). */
export async function trinoAnswers(url: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const r = await new TrinoClient({ url, user: LOCH_USER }).statement('SELECT 1', {
      signal: signal ?? AbortSignal.timeout(10_000),
    });
    return r.rows.length === 1 && r.rows[0]![0] === 1;
  } catch {
    return false;
  }
}

/** True when Nessie answers `/api/v2/config`. */
export async function nessieAnswers(url: string): Promise<boolean> {
  try {
    await new NessieClient({ url: nessieApiUrl(url) }).config(AbortSignal.timeout(5_000));
    return true;
  } catch {
    return false;
  }
}

async function serviceState(
  name: ServiceName,
  rec: ServiceRecord,
  state: string,
  phase: string,
): Promise<ServiceState> {
  if (!isOurs(rec.pid, state)) return phase === 'running' ? 'failed' : 'stopped';
  const ok = name === 'trino' ? await trinoAnswers(rec.url) : await nessieAnswers(rec.url);
  if (ok) return 'running';
  return phase === 'starting' ? 'starting' : 'failed';
}

export async function localStatus(options: LocalOptions = {}): Promise<PlatformStatus> {
  const env = options.env ?? process.env;
  const state = stateDir(env);
  const record = readRecord(state);
  if (!record) {
    return {
      mode: 'local',
      services: { trino: { state: 'stopped' }, nessie: { state: 'stopped' } },
      stateDir: state,
    };
  }
  const [trino, nessie] = await Promise.all(
    (['trino', 'nessie'] as const).map(async (name) => {
      const rec = record.services[name];
      const s = await serviceState(name, rec, state, record.phase);
      return { state: s, url: rec.url, pid: rec.pid, log: rec.log } satisfies ServiceStatus;
    }),
  );
  return { mode: 'local', services: { trino: trino!, nessie: nessie! }, stateDir: state };
}

function tail(path: string, lines = 5): string {
  if (!existsSync(path)) return '';
  const all = readFileSync(path, 'utf8').trimEnd().split('\n');
  return all.slice(-lines).join(' | ');
}

function spawnDetached(
  cmd: string,
  args: string[],
  cwd: string,
  log: string,
  env: NodeJS.ProcessEnv,
): number {
  // A fresh log per start, so the tail quoted in an error is this start's own.
  const fd = openSync(log, 'w');
  try {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
    child.unref();
    if (!child.pid)
      throw new PlatformError(`cannot start ${cmd}`, 'check the Java installation', 'start-failed');
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

function localValues(
  resources: string,
  state: string,
  trinoPort: number,
  nessiePort: number,
): Values {
  return {
    ...readModeValues(resources, 'local'),
    'trino.port': String(trinoPort),
    'trino.discovery-uri': `http://127.0.0.1:${trinoPort}`,
    'trino.data-dir': join(state, 'trino', 'data'),
    'nessie.host': '127.0.0.1',
    'nessie.port': String(nessiePort),
    // 0: any free port; Loch itself only talks to the API port.
    'nessie.management-port': '0',
    'nessie.api-uri': nessieApiUrl(`http://127.0.0.1:${nessiePort}`),
    'nessie.rocks-path': join(state, 'nessie', 'rocksdb'),
    'lake.local-root': join(state, 'lake'),
  };
}

async function writeFiles(root: string, files: Map<string, string>): Promise<void> {
  for (const [rel, text] of files) {
    const path = join(root, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
}

/** The `lake` catalog's properties a per-ref catalog copies, as recorded at bring-up. */
export function lakeCatalogOf(record: PlatformRecord): Record<string, string> {
  return record.lakeCatalog.properties;
}

/**
 * Brings up the embedded platform: Nessie (RocksDB under the state folder) and Trino (a `lake`
 * Iceberg catalog on Nessie over the local file system, dynamic catalogs, `tpch`), both as
 * detached processes on loopback. Finds a running platform and returns it instead. On any
 * failure after a process started, stops what it started before rethrowing.
 */
export async function localUp(options: LocalOptions = {}): Promise<UpResult> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const state = stateDir(env);
  const release = await acquireUpLock(state);
  try {
    const existing = readRecord(state);
    if (
      existing &&
      isOurs(existing.services.trino.pid, state) &&
      isOurs(existing.services.nessie.pid, state)
    ) {
      await waitReady(existing, options, log);
      if (existing.phase !== 'running') await writeRecord(state, { ...existing, phase: 'running' });
      return {
        alreadyRunning: true,
        endpoints: endpointsOf(existing),
        record: { ...existing, phase: 'running' },
      };
    }
    if (existing) await stopRecorded(state, pidsOf(existing));

    const trinoPort = portOption(options.trinoPort, env.LOCH_TRINO_PORT, DEFAULT_TRINO_PORT);
    const nessiePort = portOption(options.nessiePort, env.LOCH_NESSIE_PORT, DEFAULT_NESSIE_PORT);
    if (trinoPort === nessiePort) {
      throw new PlatformError(
        `Trino and Nessie cannot share port ${trinoPort}`,
        'give them different ports',
        'bad-option',
      );
    }
    const java = await findJava(env);
    for (const [name, port, flag] of [
      ['Trino', trinoPort, '--trino-port'],
      ['Nessie', nessiePort, '--nessie-port'],
    ] as const) {
      if (!(await isPortFree(port))) {
        throw new PlatformError(
          `port ${port} for ${name} is busy`,
          `stop what listens there, or choose another with \`loch up ${flag} N\``,
          'port-busy',
        );
      }
    }
    const install = await ensureInstalled(cacheDir(env), log, env);
    options.signal?.throwIfAborted();

    const resources = resourceRoot(env);
    const values = localValues(resources, state, trinoPort, nessiePort);
    const trinoDir = join(state, 'trino');
    const nessieDir = join(state, 'nessie');
    await writeFiles(join(trinoDir, 'etc'), renderTrinoEtc(resources, values));
    await writeFiles(
      nessieDir,
      new Map([['config/application.properties', renderNessieProperties(resources, values)]]),
    );
    await mkdir(join(state, 'lake', 'warehouse'), { recursive: true });
    await mkdir(join(trinoDir, 'data'), { recursive: true });
    await mkdir(join(state, 'logs'), { recursive: true });

    const lake = lakeCatalogProperties(resources, values);
    const record = await startProcesses(
      install,
      java,
      state,
      trinoPort,
      nessiePort,
      lake,
      env,
      log,
    );
    try {
      await waitReady(record, options, log);
    } catch (e) {
      await stopRecorded(state, pidsOf(record));
      throw e;
    }
    const running: PlatformRecord = { ...record, phase: 'running' };
    await writeRecord(state, running);
    return { alreadyRunning: false, endpoints: endpointsOf(running), record: running };
  } finally {
    await release();
  }
}

async function startProcesses(
  install: { trinoHome: string; nessieJar: string },
  java: JavaInstall,
  state: string,
  trinoPort: number,
  nessiePort: number,
  lake: Record<string, string>,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<PlatformRecord> {
  const javaEnv = {
    ...env,
    JAVA_HOME: java.home,
    PATH: `${join(java.home, 'bin')}:${env.PATH ?? ''}`,
  };
  const nessieLog = join(state, 'logs', 'nessie.log');
  const trinoLog = join(state, 'logs', 'trino.log');
  log(
    `starting Nessie on 127.0.0.1:${nessiePort} and Trino on 127.0.0.1:${trinoPort} (Java ${java.major})`,
  );
  // Nessie (Quarkus) reads config/application.properties from its working directory; the
  // -D marker puts the state folder on its command line so `loch down` can recognise it.
  const nessiePid = spawnDetached(
    java.bin,
    ['-Xms256m', '-Xmx1g', `-Dloch.state=${state}`, '-jar', install.nessieJar],
    join(state, 'nessie'),
    nessieLog,
    javaEnv,
  );
  let trinoPid: number;
  try {
    // The launcher execs the JVM, so this pid is Trino's own.
    trinoPid = spawnDetached(
      join(install.trinoHome, 'bin', 'launcher'),
      [
        'run',
        `--etc-dir=${join(state, 'trino', 'etc')}`,
        `--data-dir=${join(state, 'trino', 'data')}`,
      ],
      join(state, 'trino'),
      trinoLog,
      javaEnv,
    );
  } catch (e) {
    await stopProcess(nessiePid);
    throw e;
  }
  const trinoUrl = `http://127.0.0.1:${trinoPort}`;
  const nessieUrl = `http://127.0.0.1:${nessiePort}`;
  const record: PlatformRecord = {
    schemaVersion: PLATFORM_RECORD_VERSION,
    mode: 'local',
    phase: 'starting',
    startedAt: new Date().toISOString(),
    stateDir: state,
    services: {
      trino: {
        pid: trinoPid,
        port: trinoPort,
        url: trinoUrl,
        log: trinoLog,
      },
      nessie: {
        pid: nessiePid,
        port: nessiePort,
        url: nessieUrl,
        log: nessieLog,
      },
    },
    trinoUrl,
    nessieApiUrl: nessieApiUrl(nessieUrl),
    lakeCatalog: { name: LAKE_CATALOG_NAME, properties: lake },
    // Trino's Nessie catalog reads `main` unless its properties name another ref.
    defaultRef: lakeCatalogRef(lake, 'main'),
  };
  await writeRecord(state, record);
  return record;
}

async function waitReady(
  record: PlatformRecord,
  options: LocalOptions,
  log: (line: string) => void,
): Promise<void> {
  const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
  const { trino, nessie } = record.services;
  let nessieUp = false;
  let trinoUp = false;
  while (!(nessieUp && trinoUp)) {
    options.signal?.throwIfAborted();
    for (const [name, rec] of [
      ['Nessie', nessie],
      ['Trino', trino],
    ] as const) {
      if (!isOurs(rec.pid, record.stateDir)) {
        throw new PlatformError(
          `${name} exited while starting: ${tail(rec.log) || 'no output'}`,
          `read ${rec.log} for the whole story`,
          'start-failed',
        );
      }
    }
    if (!nessieUp && (await nessieAnswers(nessie.url))) {
      nessieUp = true;
      log(`Nessie answers at ${nessie.url}`);
    }
    if (!trinoUp && (await trinoAnswers(trino.url))) {
      trinoUp = true;
      log(`Trino answers at ${trino.url}`);
    }
    if (Date.now() > deadline) {
      throw new PlatformError(
        `the platform did not answer within ${Math.round((options.startTimeoutMs ?? 180_000) / 1000)}s`,
        `read ${trino.log} and ${nessie.log}`,
        'start-failed',
      );
    }
    if (!(nessieUp && trinoUp)) await sleep(500);
  }
}

async function stopRecorded(state: string, pids: number[]): Promise<void> {
  await Promise.all(pids.filter((pid) => isOurs(pid, state)).map((pid) => stopProcess(pid)));
  await removeRecord(state);
}

const pidsOf = (record: PlatformRecord): number[] =>
  Object.values(record.services).map((s) => s.pid);

/** Stops exactly the processes `loch up` recorded; returns false when nothing was running. */
export async function localDown(options: LocalOptions = {}): Promise<boolean> {
  const env = options.env ?? process.env;
  const state = stateDir(env);
  // Any record version: a platform an older Loch started must still be stoppable.
  const pids = readRecordPids(state);
  if (!pids) return false;
  const anyAlive = pids.some((pid) => isOurs(pid, state));
  await stopRecorded(state, pids);
  return anyAlive;
}
