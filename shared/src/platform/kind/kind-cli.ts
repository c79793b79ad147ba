import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PlatformError } from '../errors';
import { ensureGoTool } from './tools';

const run = promisify(execFile);

async function kind(args: string[], env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<string> {
  try {
    // The kind CLI on PATH, else the pinned one Loch builds with Go into its tool folder.
    const { stdout } = await run(await ensureGoTool('kind', env, signal), args, {
      env,
      signal,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (e) {
    if (e instanceof PlatformError || (e as Error).name === 'AbortError') throw e;
    const lines = ((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n');
    throw new PlatformError(
      `kind ${args[0]} ${args[1] ?? ''} failed: ${lines[lines.length - 1]}`.replace('  ', ' '),
      'see `kind` output above; `docker ps` shows the node containers',
      'start-failed',
    );
  }
}

export async function kindClusters(env: NodeJS.ProcessEnv, signal?: AbortSignal) {
  const out = await kind(['get', 'clusters'], env, signal);
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('No kind clusters'));
}

export async function createCluster(
  name: string,
  configFile: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<void> {
  // --wait: the control plane is Ready before Loch applies anything.
  await kind(
    ['create', 'cluster', '--name', name, '--config', configFile, '--wait', '5m'],
    env,
    signal,
  );
}

export async function deleteCluster(name: string, env: NodeJS.ProcessEnv): Promise<void> {
  await kind(['delete', 'cluster', '--name', name], env);
}

/** The cluster's kubeconfig, without touching the user's ~/.kube/config. */
export async function clusterKubeconfig(
  name: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<string> {
  return kind(['get', 'kubeconfig', '--name', name], env, signal);
}
