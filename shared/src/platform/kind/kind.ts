import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { PlatformError } from '../errors';
import { LOCH_USER, nessieAnswers, trinoAnswers } from '../local';
import { TrinoClient } from '../../trino/client';
import { resourceRoot } from '../paths';
import { freePort, isPortFree } from '../ports';
import { isOurs, stopProcess } from '../processes';
import { seed } from '../seed';
import { assertDockerRunning } from './docker';
import { FORWARDS, type Forward } from './forward';
import type { ForwarderSpec } from './forward-main';
import { clusterKubeconfig, createCluster, deleteCluster, kindClusters } from './kind-cli';
import { applyAll, ensureS3Secret, waitForRollouts } from './kube';
import { applyOrder, buildPlatform, manifestsDir, NAMESPACE, type Addon } from './manifests';
import {
  kindStateDir,
  readKindRecord,
  removeKindRecord,
  writeKindRecord,
  type KindEndpoints,
  type KindRecord,
} from './record';
import type { RolloutState } from './rollout';
import { chooseTarget, kindContext } from './target';
import { sleep } from '../../wait';

export { ADDONS, type Addon } from './manifests';
export type { KindEndpoints, KindRecord } from './record';
export type { RolloutState } from './rollout';

export interface KindOptions {
  env?: NodeJS.ProcessEnv;
  /** One line per step (cluster, apply, forward, seed). */
  log?: (line: string) => void;
  /** Each workload's rollout as it changes (`Deployment/trino-worker 1/1 ready`). */
  progress?: (state: RolloutState) => void;
  signal?: AbortSignal;
}

export interface KindUpOptions extends KindOptions {
  /** Add-on overlays to include (platform-manifests/addons/<name>). */
  addons?: readonly Addon[];
  /** Apply to this kube context instead of Loch's own kind cluster. */
  context?: string;
  /** Needed to apply to a context (or a `loch` kind cluster) Loch did not create. */
  allowForeignContext?: boolean;
  /** Load the sample data (lake.demo) once Trino answers. */
  seed?: boolean;
  /** How long to wait for every workload to be ready, in ms (default 15 min). */
  rolloutTimeoutMs?: number;
  /**
   * The port-forwarder's script, for hosts that bundle Loch elsewhere (the CLI finds
   * forward-main.ts beside this file under tsx, or loch-forward.mjs beside its bundle).
   */
  forwarderScript?: string;
}

export interface KindUpResult {
  record: KindRecord;
  endpoints: KindEndpoints;
  createdCluster: boolean;
}

export type KindServiceState = 'running' | 'unreachable' | 'stopped';

export interface KindStatus {
  mode: 'kind';
  /** Whether a record of a kind bring-up exists. */
  up: boolean;
  cluster?: string;
  context?: string;
  createdByLoch?: boolean;
  services: Record<'trino' | 'nessie' | 's3', { state: KindServiceState; url?: string }>;
}

async function chooseLocalPorts(): Promise<Forward[]> {
  const out: Forward[] = [];
  for (const f of FORWARDS) {
    out.push({ ...f, localPort: (await isPortFree(f.localPort)) ? f.localPort : await freePort() });
  }
  return out;
}

function endpointsOf(forwards: Forward[]): KindEndpoints {
  const url = (service: string) =>
    `http://127.0.0.1:${forwards.find((f) => f.service === service)!.localPort}`;
  return { trino: url('trino'), nessie: url('nessie'), s3: url('s3') };
}

async function s3Answers(url: string): Promise<boolean> {
  try {
    // Any HTTP answer (an S3 error document for an anonymous request) means it is there.
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

/** node arguments that run the forwarder: the source under tsx, else the bundled script. */
function forwarderArgs(script: string | undefined): string[] {
  if (script) return [script];
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return [...process.execArgv, join(dirname(here), 'forward-main.ts')];
  return [join(dirname(here), 'loch-forward.mjs')];
}

function spawnForwarder(
  state: string,
  specPath: string,
  env: NodeJS.ProcessEnv,
  script: string | undefined,
): number {
  const fd = openSync(join(state, 'forward.log'), 'a');
  try {
    const child = spawn(process.execPath, [...forwarderArgs(script), specPath], {
      env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    child.unref();
    if (!child.pid) {
      throw new PlatformError('cannot start the port-forwarder', 'see forward.log', 'start-failed');
    }
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

async function kubeConfigFor(
  record: Pick<KindRecord, 'kubeconfig' | 'context'>,
): Promise<KubeConfig> {
  const kc = new KubeConfig();
  if (record.kubeconfig) kc.loadFromFile(record.kubeconfig);
  else kc.loadFromDefault();
  if (!kc.getContexts().some((c) => c.name === record.context)) {
    throw new PlatformError(
      `kube context ${record.context} is not in the kubeconfig`,
      'check `kubectl config get-contexts`',
      'bad-option',
    );
  }
  kc.setCurrentContext(record.context);
  return kc;
}

/**
 * Brings up the platform on kind: checks Docker (failing within seconds without it), creates
 * the `loch` kind cluster (or reuses the one Loch created), server-side applies the kustomize
 * build as field manager `loch` with a generated S3 Secret, waits for every rollout, starts a
 * detached port-forwarder to Trino, Nessie and S3 on loopback, optionally seeds, and records
 * the endpoints for `loch status` and the hosts. For the VS Code command and the CLI alike.
 */
export async function kindUp(options: KindUpOptions = {}): Promise<KindUpResult> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const resources = resourceRoot(env);
  const state = kindStateDir(env);
  const foreign = !!options.context && options.context !== kindContext('loch');
  if (!foreign) await assertDockerRunning(env, options.signal);

  const previous = readKindRecord(state);
  const target = chooseTarget({
    context: options.context,
    allowForeignContext: options.allowForeignContext,
    kindClusters: foreign ? [] : await kindClusters(env, options.signal),
    record: previous,
  });
  await mkdir(state, { recursive: true });
  if (previous?.forwarderPid && isOurs(previous.forwarderPid, state)) {
    await stopProcess(previous.forwarderPid, 5_000);
  }

  let record: KindRecord;
  if (target.action === 'foreign') {
    record = {
      mode: 'kind',
      phase: 'applying',
      context: target.context,
      createdByLoch: false,
      namespace: NAMESPACE,
      startedAt: new Date().toISOString(),
    };
  } else {
    if (target.action === 'create') {
      log(`creating kind cluster ${target.cluster} (a few minutes the first time)`);
      await createCluster(
        target.cluster,
        join(manifestsDir(resources), 'kind', 'cluster.yaml'),
        env,
        options.signal,
      );
    }
    const kubeconfig = join(state, 'kubeconfig');
    await writeFile(kubeconfig, await clusterKubeconfig(target.cluster, env, options.signal));
    await chmod(kubeconfig, 0o600);
    record = {
      mode: 'kind',
      phase: 'applying',
      cluster: target.cluster,
      context: target.context,
      createdByLoch: target.action === 'create' || target.createdByLoch,
      namespace: NAMESPACE,
      kubeconfig,
      startedAt: new Date().toISOString(),
    };
  }
  // Written before anything is applied, so `loch down --mode kind` can clean up a failed run.
  await writeKindRecord(state, record);

  const kc = await kubeConfigFor(record);
  const objects = applyOrder(await buildPlatform(resources, options.addons, env, options.signal));
  const namespaces = objects.filter((o) => o.kind === 'Namespace');
  log(`applying ${objects.length} objects to ${record.context} (server-side, field manager loch)`);
  await applyAll(kc, namespaces, log);
  if (await ensureS3Secret(kc, NAMESPACE)) log('generated S3 credentials into Secret loch-s3');
  await applyAll(
    kc,
    objects.filter((o) => o.kind !== 'Namespace'),
    log,
  );
  await waitForRollouts(kc, objects, options.progress ?? ((s) => log(`${s.name}: ${s.detail}`)), {
    timeoutMs: options.rolloutTimeoutMs,
    signal: options.signal,
  });

  const forwards = await chooseLocalPorts();
  const spec: ForwarderSpec = {
    kubeconfig: record.kubeconfig,
    context: record.context,
    namespace: NAMESPACE,
    forwards,
  };
  const specPath = join(state, 'forward.json');
  await writeFile(specPath, JSON.stringify(spec, null, 2));
  record.forwarderPid = spawnForwarder(state, specPath, env, options.forwarderScript);
  record.endpoints = endpointsOf(forwards);
  await writeKindRecord(state, record);
  log(`forwarding Trino ${record.endpoints.trino}, Nessie ${record.endpoints.nessie}`);

  // SELECT 1 needs a registered worker (the coordinator runs no tasks), so this also waits
  // for the workers to join.
  const deadline = Date.now() + 5 * 60_000;
  while (!(await trinoAnswers(record.endpoints.trino))) {
    options.signal?.throwIfAborted();
    if (Date.now() > deadline) {
      throw new PlatformError(
        'Trino does not answer through the port-forward',
        `see ${join(state, 'forward.log')} and \`kubectl logs -n loch deploy/trino-coordinator\``,
        'start-failed',
      );
    }
    await sleep(2_000);
  }
  if (options.seed) {
    await seed(
      new TrinoClient({ url: record.endpoints.trino, user: LOCH_USER }),
      resources,
      log,
      options.signal,
    );
  }
  record.phase = 'running';
  await writeKindRecord(state, record);
  return { record, endpoints: record.endpoints, createdCluster: target.action === 'create' };
}

/**
 * Stops the port-forwarder and deletes the kind cluster only when Loch created it; a user's
 * context or a pre-existing cluster is left as it is. Returns false when nothing was up.
 */
export async function kindDown(options: KindOptions = {}): Promise<boolean> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const state = kindStateDir(env);
  const record = readKindRecord(state);
  if (!record) return false;
  if (record.forwarderPid && isOurs(record.forwarderPid, state)) {
    await stopProcess(record.forwarderPid, 5_000);
  }
  if (record.createdByLoch && record.cluster) {
    log(`deleting kind cluster ${record.cluster}`);
    await deleteCluster(record.cluster, env);
  } else {
    log(`leaving ${record.context} as it is: Loch did not create it`);
  }
  await removeKindRecord(state);
  await rm(join(state, 'kubeconfig'), { force: true });
  await rm(join(state, 'forward.json'), { force: true });
  return true;
}

/** What is up on kind, from the record and by asking each forwarded service. */
export async function kindStatus(options: KindOptions = {}): Promise<KindStatus> {
  const env = options.env ?? process.env;
  const state = kindStateDir(env);
  const record = readKindRecord(state);
  const stopped = { state: 'stopped' as const };
  if (!record?.endpoints) {
    return {
      mode: 'kind',
      up: !!record,
      cluster: record?.cluster,
      context: record?.context,
      createdByLoch: record?.createdByLoch,
      services: { trino: stopped, nessie: stopped, s3: stopped },
    };
  }
  const forwarding = isOurs(record.forwarderPid, state);
  const e = record.endpoints;
  const check = async (ok: (url: string) => Promise<boolean>, url: string) => ({
    state: (forwarding && (await ok(url)) ? 'running' : 'unreachable') as KindServiceState,
    url,
  });
  return {
    mode: 'kind',
    up: true,
    cluster: record.cluster,
    context: record.context,
    createdByLoch: record.createdByLoch,
    services: {
      trino: await check(trinoAnswers, e.trino),
      nessie: await check(nessieAnswers, e.nessie),
      s3: await check(s3Answers, e.s3),
    },
  };
}
