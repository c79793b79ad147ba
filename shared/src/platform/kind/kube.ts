import { randomBytes } from 'node:crypto';
import {
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { PlatformError } from '../errors';
import type { KubeObject } from './manifests';
import { rolloutState, WAITED_KINDS, type RolloutState } from './rollout';
import { sleep } from '../../wait';

/** Loch's field manager for server-side apply: `kubectl get -o yaml --show-managed-fields`. */
export const FIELD_MANAGER = 'loch';
export const S3_SECRET = 'loch-s3';

function apiMessage(e: unknown): string {
  const body = (e as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      return (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      return body;
    }
  }
  return (e as Error).message;
}

function isNotFound(e: unknown): boolean {
  return (e as { code?: number }).code === 404;
}

/** Server-side apply of every object, in order, as field manager `loch` (forcing conflicts). */
export async function applyAll(
  kc: KubeConfig,
  objects: KubeObject[],
  log: (line: string) => void,
): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kc);
  for (const obj of objects) {
    const name = `${obj.kind}/${obj.metadata.name}`;
    try {
      await client.patch(
        obj as KubernetesObject,
        undefined,
        undefined,
        FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      );
      log(`applied ${name}`);
    } catch (e) {
      throw new PlatformError(
        `applying ${name} failed: ${apiMessage(e)}`,
        'check the cluster (`kubectl get events -n loch`) and run `loch up --mode kind` again',
        'start-failed',
      );
    }
  }
}

/**
 * The S3 root keys, generated once per cluster into a Secret and kept on later bring-ups (the
 * data in the bucket was written with them). They never touch a file in the repository.
 */
export async function ensureS3Secret(kc: KubeConfig, namespace: string): Promise<boolean> {
  const core = kc.makeApiClient(CoreV1Api);
  try {
    await core.readNamespacedSecret({ name: S3_SECRET, namespace });
    return false;
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  await core.createNamespacedSecret({
    namespace,
    body: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: S3_SECRET, namespace, labels: { 'app.kubernetes.io/part-of': 'loch' } },
      type: 'Opaque',
      stringData: {
        'access-key': `loch${randomBytes(8).toString('hex')}`,
        'secret-key': randomBytes(24).toString('base64url'),
      },
    },
  });
  return true;
}

/** Reads the S3 keys back for the user (`loch status --mode kind --show-s3-keys`, hosts). */
export async function readS3Keys(
  kc: KubeConfig,
  namespace: string,
): Promise<{ accessKey: string; secretKey: string }> {
  const core = kc.makeApiClient(CoreV1Api);
  const s = await core.readNamespacedSecret({ name: S3_SECRET, namespace });
  const get = (k: string) => Buffer.from(s.data?.[k] ?? '', 'base64').toString('utf8');
  return { accessKey: get('access-key'), secretKey: get('secret-key') };
}

/**
 * Polls every Deployment, StatefulSet and Job that was applied until all are ready, reporting
 * each change of state once. Gives up on a failed Job at once and on anything else at the
 * deadline, naming what was not ready.
 */
export async function waitForRollouts(
  kc: KubeConfig,
  applied: KubeObject[],
  progress: (state: RolloutState) => void,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kc);
  const waited = applied.filter((o) => (WAITED_KINDS as readonly string[]).includes(o.kind));
  const last = new Map<string, string>();
  const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
  for (;;) {
    const pending: RolloutState[] = [];
    for (const obj of waited) {
      const live = (await client.read({
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace },
      })) as KubeObject;
      const state = rolloutState(live);
      if (last.get(state.name) !== state.detail) {
        last.set(state.name, state.detail);
        progress(state);
      }
      if (state.failed) {
        throw new PlatformError(
          `${state.name} failed: ${state.detail}`,
          `see \`kubectl logs -n loch job/${obj.metadata.name}\``,
          'start-failed',
        );
      }
      if (!state.ready) pending.push(state);
    }
    if (pending.length === 0) return;
    if (Date.now() > deadline) {
      throw new PlatformError(
        `not ready in time: ${pending.map((p) => `${p.name} (${p.detail})`).join(', ')}`,
        'see `kubectl get pods -n loch` and the pods’ events',
        'start-failed',
      );
    }
    await sleep(3_000, options.signal);
  }
}
