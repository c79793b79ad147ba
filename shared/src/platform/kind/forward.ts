import { createServer, type Server } from 'node:net';
import { CoreV1Api, KubeConfig, PortForward } from '@kubernetes/client-node';

/** One Service port reachable on loopback. */
export interface Forward {
  service: string;
  port: number;
  localPort: number;
}

/** The Services Loch forwards, with the local ports it tries first. */
export const FORWARDS: readonly Forward[] = [
  { service: 'trino', port: 8080, localPort: 18180 },
  { service: 'nessie', port: 19120, localPort: 19220 },
  { service: 's3', port: 7070, localPort: 17070 },
];

/** The first ready pod behind a Service, as `kubectl port-forward svc/...` picks it. */
export async function readyPodOf(
  core: CoreV1Api,
  namespace: string,
  service: string,
): Promise<string> {
  const svc = await core.readNamespacedService({ name: service, namespace });
  const selector = Object.entries(svc.spec?.selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = await core.listNamespacedPod({ namespace, labelSelector: selector });
  const ready = pods.items.find(
    (p) =>
      !p.metadata?.deletionTimestamp &&
      p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
  if (!ready?.metadata?.name) throw new Error(`no ready pod behind service ${service}`);
  return ready.metadata.name;
}

/**
 * Listens on 127.0.0.1:<localPort> for each forward and tunnels every connection to a ready
 * pod behind the Service through the API server (client-node's PortForward, the same
 * WebSocket protocol as `kubectl port-forward`). A connection picks the pod when it opens, so
 * a restarted pod is found again without restarting the forwarder.
 */
export async function startForwards(
  kc: KubeConfig,
  namespace: string,
  forwards: readonly Forward[],
  log: (line: string) => void,
): Promise<{ close: () => Promise<void> }> {
  const pf = new PortForward(kc, true);
  const core = kc.makeApiClient(CoreV1Api);
  const servers: Server[] = [];
  const close = async () => {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  };
  try {
    for (const f of forwards) {
      const server = createServer((socket) => {
        readyPodOf(core, namespace, f.service)
          .then((pod) => pf.portForward(namespace, pod, [f.port], socket, null, socket))
          .then(
            (ws) => socket.on('close', () => (typeof ws === 'function' ? ws() : ws)?.close()),
            (e: Error) => {
              log(`forward to ${f.service}:${f.port} failed: ${e.message}`);
              socket.destroy();
            },
          );
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: f.localPort, host: '127.0.0.1' }, () => resolve());
      });
      servers.push(server);
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { close };
}
