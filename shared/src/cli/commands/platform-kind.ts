// The `--mode kind` paths of `loch up`, `loch down` and `loch status` (platform.ts hands over
// here).
// The kind module (and @kubernetes/client-node with it) loads only when --mode kind is used,
// so the local mode and every other command start without it.
import { assertDockerRunning } from '../../platform/kind/docker';
import { ADDONS, type Addon } from '../../platform/kind/manifests';
import { kindContext, CLUSTER_NAME } from '../../platform/kind/target';
import { UsageError, type CliIo } from '../io';

/** `loch up`'s options (the ports are local mode's, refused here). */
export interface KindUpOptions {
  seed?: boolean;
  addons?: string;
  context?: string;
  allowForeignContext?: boolean;
  trinoPort?: number;
  nessiePort?: number;
}

function addons(value: string | undefined): Addon[] {
  if (!value) return [];
  const names = value.split(',').map((a) => a.trim());
  for (const a of names) {
    if (!(ADDONS as readonly string[]).includes(a)) {
      throw new UsageError(`--addons takes ${ADDONS.join(', ')}; not ${a}`);
    }
  }
  return names as Addon[];
}

export async function kindUpCommand(values: KindUpOptions, io: CliIo): Promise<number> {
  if (values.trinoPort !== undefined || values.nessiePort !== undefined) {
    throw new UsageError('--trino-port and --nessie-port are for local mode');
  }
  const selected = addons(values.addons);
  // Before loading the Kubernetes client: without Docker the answer comes in about a second.
  if (!values.context || values.context === kindContext(CLUSTER_NAME)) {
    await assertDockerRunning(io.env, io.signal);
  }
  const { kindUp } = await import('../../platform/kind/kind');
  const result = await kindUp({
    addons: selected,
    context: values.context,
    allowForeignContext: values.allowForeignContext,
    seed: values.seed,
    env: io.env,
    log: (line) => io.err(`${line}\n`),
    signal: io.signal,
  });
  io.out(`The kind platform is running on ${result.record.context}.\n`);
  io.out(`Trino   ${result.endpoints.trino}\n`);
  io.out(`Nessie  ${result.endpoints.nessie}/api/v2\n`);
  io.out(`S3      ${result.endpoints.s3}\n`);
  if (values.seed) io.out('Sample data is in lake.demo on Nessie main.\n');
  return 0;
}

export async function kindDownCommand(io: CliIo): Promise<number> {
  const { kindDown } = await import('../../platform/kind/kind');
  const stopped = await kindDown({ env: io.env, log: (line) => io.err(`${line}\n`) });
  io.out(stopped ? 'The kind platform is down.\n' : 'The kind platform was not running.\n');
  return 0;
}

export async function kindStatusCommand(values: { json?: boolean }, io: CliIo): Promise<number> {
  const { kindStatus } = await import('../../platform/kind/kind');
  const s = await kindStatus({ env: io.env });
  if (values.json) {
    io.out(`${JSON.stringify(s)}\n`);
    return 0;
  }
  if (!s.up) {
    io.out('The kind platform is not up (`loch up --mode kind`).\n');
    return 0;
  }
  io.out(`context ${s.context}${s.createdByLoch ? ' (created by Loch)' : ''}\n`);
  for (const [name, svc] of Object.entries(s.services)) {
    io.out(`${name.padEnd(7)} ${svc.state.padEnd(11)} ${svc.url ?? ''}\n`);
  }
  return 0;
}
