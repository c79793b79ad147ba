import { parseFlags } from '../args';
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
import { UsageError, type CliIo } from '../io';
import { kindDownCommand, kindStatusCommand, kindUpCommand, KIND_UP_FLAGS } from './platform-kind';

function port(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new UsageError(`${flag} takes a port from 1 to 65535`);
  return n;
}

function mode(value: unknown): 'local' | 'kind' {
  const m = (value as string | undefined) ?? 'local';
  if (m !== 'local' && m !== 'kind') throw new UsageError(`--mode is local or kind, not ${m}`);
  return m;
}

function printEndpoints(io: CliIo, endpoints: Endpoints): void {
  io.out(`Trino   ${endpoints.trino}\n`);
  io.out(`Nessie  ${endpoints.nessie}/api/v2\n`);
}

export async function up(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, {
    mode: { type: 'string' },
    seed: { type: 'boolean' },
    'trino-port': { type: 'string' },
    'nessie-port': { type: 'string' },
    ...KIND_UP_FLAGS,
  });
  if (mode(values.mode) === 'kind') return kindUpCommand(values, io);
  const log = (line: string) => io.err(`${line}\n`);
  const result = await localUp({
    trinoPort: port(values['trino-port'], '--trino-port'),
    nessiePort: port(values['nessie-port'], '--nessie-port'),
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

export async function down(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, { mode: { type: 'string' } });
  if (mode(values.mode) === 'kind') return kindDownCommand(io);
  const stopped = await localDown({ env: io.env });
  io.out(stopped ? 'The local platform is stopped.\n' : 'The local platform was not running.\n');
  return 0;
}

export async function status(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, { json: { type: 'boolean' }, mode: { type: 'string' } });
  if (mode(values.mode) === 'kind') return kindStatusCommand(values, io);
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
