import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PlatformError } from './errors';

/** The Trino release Loch runs: the newest on Maven Central that runs on Java 25 here. */
export const TRINO_VERSION = '476';
export const TRINO_PLUGINS = ['iceberg', 'tpch', 'memory'] as const;
export const NESSIE_VERSION = '0.99.0';

export interface MavenArtifact {
  group: string;
  artifact: string;
  version: string;
  classifier?: string;
  extension: string;
}

export const trinoServer: MavenArtifact = {
  group: 'io.trino',
  artifact: 'trino-server-core',
  version: TRINO_VERSION,
  extension: 'tar.gz',
};

export function trinoPlugin(name: string): MavenArtifact {
  return { group: 'io.trino', artifact: `trino-${name}`, version: TRINO_VERSION, extension: 'zip' };
}

export const nessieRunner: MavenArtifact = {
  group: 'org.projectnessie.nessie',
  artifact: 'nessie-quarkus',
  version: NESSIE_VERSION,
  classifier: 'runner',
  extension: 'jar',
};

export function mavenRepository(env: NodeJS.ProcessEnv = process.env): string {
  return (env.LOCH_MAVEN_REPOSITORY ?? 'https://repo1.maven.org/maven2').replace(/\/$/, '');
}

export function artifactFileName(a: MavenArtifact): string {
  return `${a.artifact}-${a.version}${a.classifier ? `-${a.classifier}` : ''}.${a.extension}`;
}

export function artifactUrl(repo: string, a: MavenArtifact): string {
  return `${repo}/${a.group.replaceAll('.', '/')}/${a.artifact}/${a.version}/${artifactFileName(a)}`;
}

export async function sha1Of(path: string): Promise<string> {
  const hash = createHash('sha1');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

async function fetchOk(url: string, what: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(30 * 60_000) });
  } catch (e) {
    throw new PlatformError(
      `cannot download ${what} from ${url}: ${(e as Error).message}`,
      'check the network, or set LOCH_MAVEN_REPOSITORY to a reachable Maven repository',
      'download-failed',
    );
  }
  if (!res.ok || !res.body) {
    throw new PlatformError(
      `cannot download ${what}: HTTP ${res.status} from ${url}`,
      'check the network, or set LOCH_MAVEN_REPOSITORY to a reachable Maven repository',
      'download-failed',
    );
  }
  return res;
}

/**
 * Returns the cached artifact's path, downloading it first if needed. The download goes to a
 * temporary name and becomes the cached file only after its SHA-1 matches the `.sha1` Maven
 * Central publishes beside it, so a corrupt or interrupted download never lands in the cache.
 */
export async function ensureArtifact(
  a: MavenArtifact,
  cache: string,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const dir = join(cache, 'maven');
  const file = join(dir, artifactFileName(a));
  if (existsSync(file)) return file;
  await mkdir(dir, { recursive: true });
  const url = artifactUrl(mavenRepository(env), a);
  const name = artifactFileName(a);
  const expected = (await (await fetchOk(`${url}.sha1`, `${name}.sha1`)).text())
    .trim()
    .slice(0, 40);
  log(`downloading ${name}`);
  const partial = `${file}.partial-${process.pid}`;
  try {
    const res = await fetchOk(url, name);
    await pipeline(
      Readable.fromWeb(res.body as import('node:stream/web').ReadableStream),
      createWriteStream(partial),
    );
    const actual = await sha1Of(partial);
    if (actual !== expected.toLowerCase()) {
      throw new PlatformError(
        `checksum mismatch for ${name}: Maven Central publishes sha1 ${expected}, the download has ${actual}`,
        'the download is corrupt and was discarded; run the command again to download it anew',
        'checksum-mismatch',
      );
    }
    await writeFile(`${file}.sha1`, `${actual}\n`);
    await rename(partial, file);
    return file;
  } finally {
    await rm(partial, { force: true });
  }
}
