import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Downloads (Trino, Nessie) shared by every platform Loch starts; safe to delete. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LOCH_CACHE_DIR) return resolve(env.LOCH_CACHE_DIR);
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'loch');
}

/** The local platform's data (Nessie's RocksDB, the Iceberg warehouse, Trino's catalogs, logs). */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LOCH_STATE_DIR) return resolve(env.LOCH_STATE_DIR);
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'loch');
}

/**
 * The folder holding `platform-manifests/` and `samples/`: the repository root when run from a
 * checkout or its bundles, or LOCH_RESOURCES when packaged elsewhere.
 */
export function resourceRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LOCH_RESOURCES) return resolve(env.LOCH_RESOURCES);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'platform-manifests', 'config'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find platform-manifests/: set LOCH_RESOURCES');
    dir = parent;
  }
}
