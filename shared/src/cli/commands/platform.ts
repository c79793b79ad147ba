import {
  localDown,
  localStatus,
  localUp,
  LOCH_USER,
  nessieApiUrl,
  type Endpoints,
} from '../../platform/local';
import { resourceRoot } from '../../platform/paths';
import { seed, seedSummary } from '../../platform/seed';
import { TrinoClient } from '../../trino/client';
import type { CliIo } from '../io';
import {
  kindDownCommand,
  kindStatusCommand,
  kindUpCommand,
  type KindUpOptions,
} from './platform-kind';

export type Mode = 'local' | 'kind';

export interface UpOptions extends KindUpOptions {
  mode: Mode;
}

function printEndpoints(io: CliIo, endpoints: Endpoints): void {
  io.out(`Trino   ${endpoints.trino}\n`);
  io.out(`Nessie  ${endpoints.nessie}/api/v2\n`);
}

export async function up(values: UpOptions, io: CliIo): Promise<number> {
  if (values.mode === 'kind') return kindUpCommand(values, io);
  const log = (line: string) => io.err(`${line}\n`);
  const result = await localUp({
    trinoPort: values.trinoPort,
    nessiePort: values.nessiePort,
    env: io.env,
    log,
    signal: io.signal,
  });
  io.out(
    result.alreadyRunning
      ? 'The local platform is already running.\n'
      : 'The local platform is running.\n',
  );
  printEndpoints(io, result.endpoints);
  if (values.seed) {
    const trino = new TrinoClient({ url: result.endpoints.trino, user: LOCH_USER });
    await seed(trino, resourceRoot(io.env), log, io.signal);
    const summary = await seedSummary(trino, nessieApiUrl(result.endpoints.nessie), io.signal);
    const counts = Object.entries(summary.rows).map(([t, n]) => `${t} ${n} rows`);
    io.out(`Sample data in lake.demo: ${counts.join(', ')}.\n`);
    io.out(`Nessie main lists ${summary.nessieTables.join(', ')}.\n`);
  }
  return 0;
}

export async function down(values: { mode: Mode }, io: CliIo): Promise<number> {
  if (values.mode === 'kind') return kindDownCommand(io);
  const stopped = await localDown({ env: io.env });
  io.out(stopped ? 'The local platform is stopped.\n' : 'The local platform was not running.\n');
  return 0;
}

export async function status(values: { mode: Mode; json?: boolean }, io: CliIo): Promise<number> {
  if (values.mode === 'kind') return kindStatusCommand(values, io);
  const s = await localStatus({ env: io.env });
  if (values.json) {
    io.out(`${JSON.stringify(s)}\n`);
    return 0;
  }
  for (const [name, svc] of Object.entries(s.services)) {
    io.out(`${name.padEnd(7)} ${svc.state.padEnd(8)} ${svc.url ?? ''}\n`);
  }
  return 0;
}
