import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PlatformError } from '../errors';
import { findProgram } from './tools';

const run = promisify(execFile);

/** How long `docker info` may take before Loch calls the engine unreachable. */
export const DOCKER_PROBE_TIMEOUT_MS = 8_000;

/**
 * kind runs the cluster's nodes as Docker containers, so without a running engine nothing else
 * can work: this is checked first, answering within seconds with one line instead of letting
 * `kind create cluster` fail minutes later.
 */
export async function assertDockerRunning(
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<void> {
  const docker = findProgram('docker', env);
  if (!docker) {
    throw new PlatformError(
      'Docker is not installed, and the kind platform runs in Docker',
      'install and start Docker, or use `loch up` (local mode)',
      'no-docker',
    );
  }
  try {
    await run(docker, ['info', '--format', '{{.ServerVersion}}'], {
      env,
      signal,
      timeout: DOCKER_PROBE_TIMEOUT_MS,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new PlatformError(
      'Docker is not running, and the kind platform runs in Docker',
      'start Docker (`docker info` must answer), or use `loch up` (local mode)',
      'no-docker',
    );
  }
}
