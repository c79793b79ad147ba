// The kind platform (Trino, Nessie and S3 on a local Kubernetes cluster), from the core's
// kindUp/kindDown/kindStatus. Its Kubernetes client is large, so it is a separate bundle
// (dist/kind.cjs) loaded only when a kind command runs; the core's port-forwarder runs from
// dist/loch-forward.mjs as a detached Node process.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { KindModule } from '@loch/core/node';

export type { KindModule };

export function loadKind(): KindModule {
  return createRequire(__filename)(join(__dirname, 'kind.cjs')) as KindModule;
}

/** The forwarder runs as Node: inside VS Code desktop the host binary is Electron. */
export function kindEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, ELECTRON_RUN_AS_NODE: '1' };
}

export const forwarderScript = (): string => join(__dirname, 'loch-forward.mjs');
