import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { PlatformError } from '../errors';
import { cacheDir } from '../paths';

const run = promisify(execFile);

/**
 * The command-line tools the kind platform needs, pinned. Both are Go programs: where they are
 * not on PATH and Go is, Loch builds them from the Go module proxy into <cache>/bin (the way
 * CI on this project gets them, since neither is packaged in Debian).
 */
export const GO_TOOLS = {
  // v5.8.1: the newest kustomize that builds with Go 1.26 (v5.8.2+ need Go 1.27).
  kustomize: { module: 'sigs.k8s.io/kustomize/kustomize/v5', version: 'v5.8.1' },
  kind: { module: 'sigs.k8s.io/kind', version: 'v0.33.0' },
} as const;

export type GoToolName = keyof typeof GO_TOOLS;

export function toolBinDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'bin');
}

/** A program on PATH or in Loch's tool folder, or undefined. */
export function findProgram(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), toolBinDir(env)];
  for (const dir of dirs) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * Finds `name`, building it with `go install` into <cache>/bin when it is missing and Go is
 * there. Throws a PlatformError naming how to get it otherwise.
 */
export async function ensureGoTool(
  name: GoToolName,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<string> {
  const found = findProgram(name, env);
  if (found) return found;
  const go = findProgram('go', env);
  const { module, version } = GO_TOOLS[name];
  if (!go) {
    throw new PlatformError(
      `${name} is not installed`,
      `install ${name} ${version} (or Go, and Loch builds it)`,
      'missing-tool',
    );
  }
  try {
    await run(go, ['install', `${module}@${version}`], {
      env: { ...env, GOBIN: toolBinDir(env), GOTOOLCHAIN: env.GOTOOLCHAIN ?? 'local' },
      signal,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e) {
    const why = ((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n');
    throw new PlatformError(
      `cannot build ${name} ${version}: ${why[why.length - 1]}`,
      `install ${name} yourself and put it on PATH`,
      'missing-tool',
    );
  }
  return join(toolBinDir(env), name);
}

/**
 * `kustomize build DIR` through whichever of kustomize or kubectl is at hand (`kubectl
 * kustomize` embeds the same library), building kustomize when neither is.
 */
export async function kustomizeBuild(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<string> {
  const kubectl = findProgram('kustomize', env) ? undefined : findProgram('kubectl', env);
  const [cmd, args] = kubectl
    ? [kubectl, ['kustomize', dir]]
    : [await ensureGoTool('kustomize', env, signal), ['build', dir]];
  try {
    const { stdout } = await run(cmd, args, { env, signal, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    const why = ((e as { stderr?: string }).stderr ?? (e as Error).message).trim();
    throw new PlatformError(
      `kustomize cannot build ${dir}: ${why.split('\n')[0]}`,
      'fix the manifests (`kustomize build` shows the whole error)',
      'bad-manifests',
    );
  }
}
