import type { KubeObject } from './manifests';

/** What Loch waits for after applying: each workload and job reaches its ready state. */
export interface RolloutState {
  /** `Deployment/trino-worker`. */
  name: string;
  ready: boolean;
  /** One line for progress output, e.g. `1/2 ready`. */
  detail: string;
  /** A Job that ran out of retries never becomes ready: stop waiting. */
  failed?: boolean;
}

export const WAITED_KINDS = ['Deployment', 'StatefulSet', 'Job'] as const;

interface WorkloadStatus {
  observedGeneration?: number;
  replicas?: number;
  readyReplicas?: number;
  updatedReplicas?: number;
  succeeded?: number;
  conditions?: { type: string; status: string; message?: string }[];
}

/**
 * The rollout state of a Deployment, StatefulSet or Job as read back from the API server, by
 * the rules `kubectl rollout status` uses: the controller has seen the latest spec, every
 * replica runs the new template, and all are ready. A Job is ready once it succeeded.
 */
export function rolloutState(obj: KubeObject): RolloutState {
  const name = `${obj.kind}/${obj.metadata.name}`;
  const status = (obj.status ?? {}) as WorkloadStatus;
  const spec = (obj.spec ?? {}) as { replicas?: number };
  const generation = (obj.metadata.generation as number | undefined) ?? 0;
  if (obj.kind === 'Job') {
    const failed = status.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
    if (failed) return { name, ready: false, failed: true, detail: failed.message ?? 'failed' };
    const done = (status.succeeded ?? 0) > 0;
    return { name, ready: done, detail: done ? 'complete' : 'running' };
  }
  const want = spec.replicas ?? 1;
  const ready = status.readyReplicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  if ((status.observedGeneration ?? 0) < generation) {
    return { name, ready: false, detail: 'waiting for the controller' };
  }
  const done = updated >= want && ready >= want && (status.replicas ?? 0) <= want;
  return { name, ready: done, detail: `${ready}/${want} ready` };
}
