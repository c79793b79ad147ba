// The detached port-forwarder `loch up --mode kind` starts: it outlives the CLI so `loch
// status` and the hosts reach the cluster at the recorded loopback ports until `loch down`.
// Usage: forward-main.ts <spec.json>, spec = ForwarderSpec.
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { startForwards, type Forward } from './forward';

export interface ForwarderSpec {
  kubeconfig?: string;
  context: string;
  namespace: string;
  forwards: Forward[];
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ForwarderSpec;
const kc = new KubeConfig();
if (spec.kubeconfig) kc.loadFromFile(spec.kubeconfig);
else kc.loadFromDefault();
kc.setCurrentContext(spec.context);
const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
const forwards = await startForwards(kc, spec.namespace, spec.forwards, log);
log(`forwarding ${spec.forwards.map((f) => `${f.service}:${f.localPort}`).join(', ')}`);
const stop = () => void forwards.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
