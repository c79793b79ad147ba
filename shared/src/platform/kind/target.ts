import { PlatformError } from '../errors';
import type { KindRecord } from './record';

export const CLUSTER_NAME = 'loch';
/** The kube context kind names a cluster's entry in the kubeconfig. */
export const kindContext = (cluster: string) => `kind-${cluster}`;

export type Target =
  | { action: 'create'; cluster: string; context: string }
  | { action: 'reuse'; cluster: string; context: string; createdByLoch: boolean }
  | { action: 'foreign'; context: string };

export interface TargetQuery {
  /** A kube context the user named; otherwise Loch's own kind cluster. */
  context?: string;
  /** The user said explicitly that Loch may apply to a context it did not create. */
  allowForeignContext?: boolean;
  /** Clusters `kind get clusters` lists. */
  kindClusters: string[];
  record?: KindRecord;
}

function createdByLoch(record: KindRecord | undefined, context: string): boolean {
  return !!record && record.createdByLoch && record.context === context;
}

/**
 * Where the platform goes. Loch applies without asking only to the kind cluster it created
 * itself (its record says so); any other context, including a kind cluster called `loch` that
 * someone else made, needs `allowForeignContext`, so a mistyped context never turns a real
 * cluster into a Loch playground.
 */
export function chooseTarget(q: TargetQuery): Target {
  const ownContext = kindContext(CLUSTER_NAME);
  if (q.context && q.context !== ownContext) {
    if (!q.allowForeignContext) {
      throw new PlatformError(
        `kube context ${q.context} was not created by Loch`,
        'pass --allow-foreign-context to apply the platform there anyway',
        'foreign-context',
      );
    }
    return { action: 'foreign', context: q.context };
  }
  if (!q.kindClusters.includes(CLUSTER_NAME)) {
    return { action: 'create', cluster: CLUSTER_NAME, context: ownContext };
  }
  const ours = createdByLoch(q.record, ownContext);
  if (ours || q.allowForeignContext) {
    return { action: 'reuse', cluster: CLUSTER_NAME, context: ownContext, createdByLoch: ours };
  }
  throw new PlatformError(
    `a kind cluster named ${CLUSTER_NAME} exists that Loch did not create`,
    'delete it (`kind delete cluster --name loch`) or pass --allow-foreign-context to use it',
    'foreign-context',
  );
}
