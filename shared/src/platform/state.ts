import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PlatformError } from './errors';
import { isAlive } from './processes';

export type ServiceName = 'trino' | 'nessie';
export type ServiceState = 'running' | 'stopped' | 'starting' | 'failed';

export interface ServiceRecord {
  pid: number;
  port: number;
  url: string;
  log: string;
}

/**
 * The version of the platform record this Loch writes and reads. A record of any other version
 * (or none: written before records were versioned) is refused with one line, never guessed at;
 * `loch down` can still stop its processes. Bump it with any change of the record's shape, and
 * the Python reader in jupyterlab-plugin/loch_jupyterlab/platform.py with it.
 */
export const PLATFORM_RECORD_VERSION = 2;

/** The name of the Iceberg catalog on Nessie that the platform's Trino serves. */
export const LAKE_CATALOG_NAME = 'lake';

/**
 * What `loch up` recorded in `<state>/platform.json`, read by `status`, `down` and the hosts
 * (VS Code, the JupyterLab server extension). It always carries what a host needs to connect:
 * Trino's URL, Nessie's API v2 URL, the lake catalog (name and properties, from which a per-ref
 * catalog is made with CREATE CATALOG) and the default ref.
 */
export interface PlatformRecord {
  schemaVersion: typeof PLATFORM_RECORD_VERSION;
  mode: 'local';
  phase: 'starting' | 'running';
  startedAt: string;
  stateDir: string;
  services: Record<ServiceName, ServiceRecord>;
  /** Trino's coordinator, e.g. `http://127.0.0.1:18080`. */
  trinoUrl: string;
  /** Nessie's REST API v2 base, e.g. `http://127.0.0.1:19120/api/v2`. */
  nessieApiUrl: string;
  lakeCatalog: {
    /** The Trino catalog name, `lake`. */
    name: string;
    /** Its properties minus `connector.name`, as rendered at bring-up. */
    properties: Record<string, string>;
  };
  /** The Nessie ref the lake catalog reads: where hosts start. */
  defaultRef: string;
}

export function recordPath(state: string): string {
  return join(state, 'platform.json');
}

/** A JSON file's value, or undefined when it is missing or does not parse. */
export function readJsonFile<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Writes `<path>.tmp` then renames it, so a reader never sees a half-written file. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, JSON.stringify(value, null, 2));
  await rename(`${path}.tmp`, path);
}

export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

/**
 * The record `loch up` wrote, or undefined when there is none. A record this Loch cannot read
 * (not JSON, another or no `schemaVersion`) is a `PlatformError` with code `bad-record`.
 */
export function readRecord(state: string): PlatformRecord | undefined {
  const path = recordPath(state);
  if (!existsSync(path)) return undefined;
  return parseRecord(readFileSync(path, 'utf8'), path);
}

/** A platform record's text, checked: see readRecord. */
export function parseRecord(text: string, path: string): PlatformRecord {
  const hint = 'run `loch down`, then `loch up` with this Loch';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PlatformError(`the platform record ${path} is not JSON`, hint, 'bad-record');
  }
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== PLATFORM_RECORD_VERSION) {
    const found =
      version === undefined
        ? 'has no schemaVersion'
        : `has schemaVersion ${JSON.stringify(version)}`;
    throw new PlatformError(
      `the platform record ${path} ${found}; this Loch reads version ${PLATFORM_RECORD_VERSION}`,
      hint,
      'bad-record',
    );
  }
  return value as PlatformRecord;
}

/**
 * The processes a record of any version names, for `loch down`: stopping what an older Loch
 * started needs only the pids (each is checked to be ours before it is signalled).
 */
export function readRecordPids(state: string): number[] | undefined {
  const raw = readJsonFile<{ services?: Record<string, { pid?: unknown } | undefined> }>(
    recordPath(state),
  );
  if (!raw?.services || typeof raw.services !== 'object') return undefined;
  return Object.values(raw.services)
    .map((s) => s?.pid)
    .filter((pid): pid is number => typeof pid === 'number');
}

export function writeRecord(state: string, record: PlatformRecord): Promise<void> {
  return writeJsonAtomic(recordPath(state), record);
}

export function removeRecord(state: string): Promise<void> {
  return removeFile(recordPath(state));
}

/**
 * An exclusive lock for bring-up: a second `loch up` while one is starting gets a clear error
 * instead of racing it. A lock left by a process that died is taken over.
 */
export async function acquireUpLock(state: string): Promise<() => Promise<void>> {
  await mkdir(state, { recursive: true });
  const path = join(state, 'up.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return () => rm(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new PlatformError(
          `another \`loch up\` (pid ${holder}) is starting the platform`,
          'wait for it to finish, then run `loch status`',
          'already-starting',
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new PlatformError(
    'cannot take the bring-up lock',
    `remove ${path} and retry`,
    'already-starting',
  );
}
