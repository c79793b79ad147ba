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

/** What `loch up` recorded in `<state>/platform.json`; read by `status`, `down` and the hosts. */
export interface PlatformRecord {
  mode: 'local';
  phase: 'starting' | 'running';
  startedAt: string;
  stateDir: string;
  services: Record<ServiceName, ServiceRecord>;
  /**
   * The `lake` catalog's properties minus `connector.name`, as rendered at bring-up: a per-ref
   * catalog (CREATE CATALOG) is this catalog on another Nessie ref. Absent in older records.
   */
  lakeCatalog?: Record<string, string>;
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

export function readRecord(state: string): PlatformRecord | undefined {
  return readJsonFile<PlatformRecord>(recordPath(state));
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
