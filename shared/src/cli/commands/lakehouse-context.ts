/**
 * The CLI's one composition: a `LakehouseSession` from the environment (Nessie and Trino
 * endpoints from `LOCH_NESSIE_URL`/`LOCH_TRINO_URL` or flags, else the running local platform;
 * the lake catalog's properties a ref catalog copies), and a reader for local metadata files.
 */
import { LakehouseSession } from '../../lakehouse/session';
import type { MetadataReader } from '../../lakehouse/table-details';
import { NessieClient } from '../../nessie/client';
import { validateRefName } from '../../nessie/ref-names';
import { PlatformError } from '../../platform/errors';
import { lakeCatalogOf, nessieApiUrl } from '../../platform/local';
import { localMetadataReader } from '../../platform/metadata-reader';
import { stateDir } from '../../platform/paths';
import { readRecord, type PlatformRecord } from '../../platform/state';
import { TrinoClient, type TrinoClientOptions } from '../../trino/client';
import { resolveConnection } from '../connection';
import type { CliIo } from '../io';

function notRunning(what: string): PlatformError {
  return new PlatformError(
    `no ${what}: the local platform is not running`,
    'run `loch up`, or set LOCH_NESSIE_URL and LOCH_TRINO_URL',
    'not-running',
  );
}

function baseProperties(
  env: NodeJS.ProcessEnv,
  record: PlatformRecord | undefined,
): Record<string, string> {
  if (env.LOCH_LAKE_CATALOG_PROPERTIES) {
    return JSON.parse(env.LOCH_LAKE_CATALOG_PROPERTIES) as Record<string, string>;
  }
  if (!record) throw notRunning('lake catalog to copy for ref catalogs');
  return lakeCatalogOf(record);
}

function lakeCatalogName(env: NodeJS.ProcessEnv): string {
  return env.LOCH_LAKE_CATALOG || 'lake';
}

/** The ref a command was given, else Nessie's default branch; validated either way. */
export async function refOrDefault(
  nessie: NessieClient,
  ref: string | undefined,
  signal?: AbortSignal,
): Promise<string> {
  return validateRefName(ref ?? (await nessie.config(signal)).defaultBranch);
}

/**
 * The CLI's `LakehouseSession`, built from the environment the way every command reads it:
 * Trino from `trino` (the connection a command resolved, flags included) else the environment
 * or the running platform; Nessie from `LOCH_NESSIE_URL` else the platform record; the lake
 * catalog's properties from `LOCH_LAKE_CATALOG_PROPERTIES` else the record. Without a Nessie,
 * statements that name a catalog still run; anything needing a ref says the platform is down.
 */
export function lakehouseSession(
  io: CliIo,
  options: { trino?: TrinoClientOptions; needsRefs?: boolean } = {},
): LakehouseSession {
  const env = io.env;
  const record = readRecord(stateDir(env));
  const nessieUrl =
    env.LOCH_NESSIE_URL ?? (record ? nessieApiUrl(record.services.nessie.url) : undefined);
  if (!nessieUrl && options.needsRefs) throw notRunning('Nessie');
  const nessie = new NessieClient({
    url: nessieUrl ?? 'http://nessie.not-configured.invalid',
    token: env.LOCH_NESSIE_TOKEN || undefined,
    // No Nessie known: fail the first request with the fix, not a connection error on a guess.
    fetch: nessieUrl ? undefined : () => Promise.reject(notRunning('Nessie')),
  });
  const known = record !== undefined || env.LOCH_LAKE_CATALOG_PROPERTIES !== undefined;
  return new LakehouseSession({
    // Made on first use: branch and log commands need only Nessie.
    trino: () => new TrinoClient(options.trino ?? resolveConnection({}, env, io.err)),
    nessie,
    lakeCatalog: lakeCatalogName(env),
    lakeCatalogProperties: known ? baseProperties(env, record) : undefined,
  });
}

/**
 * Reads Iceberg metadata files of the local platform, which live under the lake's
 * `local.location` (for field ids in `loch table show`).
 */
export function cliMetadataReader(io: CliIo): MetadataReader {
  const env = io.env;
  const record = readRecord(stateDir(env));
  let props: Record<string, string> | undefined;
  return localMetadataReader(() => (props ??= baseProperties(env, record)));
}
