import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  TRINO_PLUGINS,
  TRINO_VERSION,
  ensureArtifact,
  nessieRunner,
  trinoPlugin,
  trinoServer,
} from './artifacts';
import { PlatformError } from './errors';

const run = promisify(execFile);

export interface Installation {
  /** Trino server folder with bin/launcher and the plugins Loch uses. */
  trinoHome: string;
  nessieJar: string;
}

async function extract(archive: string, into: string): Promise<void> {
  await mkdir(into, { recursive: true });
  try {
    if (archive.endsWith('.tar.gz')) {
      await run('tar', ['-xzf', archive, '-C', into]);
    } else {
      // Python 3 is a prerequisite anyway (Trino's tooling); its zipfile saves a dependency.
      await run('python3', ['-m', 'zipfile', '-e', archive, into]);
    }
  } catch (e) {
    throw new PlatformError(
      `cannot unpack ${archive}: ${(e as Error).message.split('\n')[0]}`,
      'delete the file from the cache and run again',
      'download-failed',
    );
  }
}

/**
 * Downloads (once, checksummed) and unpacks Trino with the iceberg, tpch and memory plugins,
 * and the Nessie server. Unpacking happens in a scratch folder renamed into place at the end,
 * so an interrupted install is redone rather than half-used.
 */
export async function ensureInstalled(
  cache: string,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Installation> {
  const trinoHome = join(cache, `trino-server-${TRINO_VERSION}`);
  const [nessieJar] = await Promise.all([
    ensureArtifact(nessieRunner, cache, log, env),
    existsSync(join(trinoHome, 'bin', 'launcher'))
      ? undefined
      : installTrino(cache, trinoHome, log, env),
  ]);
  return { trinoHome, nessieJar };
}

async function installTrino(
  cache: string,
  trinoHome: string,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const [server, ...plugins] = await Promise.all([
    ensureArtifact(trinoServer, cache, log, env),
    ...TRINO_PLUGINS.map((p) => ensureArtifact(trinoPlugin(p), cache, log, env)),
  ]);
  log(`unpacking Trino ${TRINO_VERSION}`);
  const scratch = `${trinoHome}.unpacking-${process.pid}`;
  await rm(scratch, { recursive: true, force: true });
  try {
    await extract(server!, scratch);
    const [top] = await readdir(scratch);
    const home = join(scratch, top!);
    for (const [i, name] of TRINO_PLUGINS.entries()) {
      const unpacked = join(scratch, `plugin-${name}`);
      await extract(plugins[i]!, unpacked);
      const [inner] = await readdir(unpacked);
      await rm(join(home, 'plugin', name), { recursive: true, force: true });
      await rename(join(unpacked, inner!), join(home, 'plugin', name));
    }
    await writeFile(join(home, 'loch-plugins.txt'), `${TRINO_PLUGINS.join('\n')}\n`);
    await rm(trinoHome, { recursive: true, force: true });
    await rename(home, trinoHome);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
