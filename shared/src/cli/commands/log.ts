/** `loch log [REF] [--json] [--limit N]`: a ref's commits, newest first. */
import { refLog } from '../../lakehouse/ref-changes';
import { parseFlags } from '../args';
import { UsageError, type CliIo } from '../io';
import { lakehouseContext, refOrDefault } from './lakehouse-context';

export async function log(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    { json: { type: 'boolean' }, limit: { type: 'string' } },
    true,
  );
  if (positionals.length > 1) throw new UsageError('usage: loch log [REF] [--json] [--limit N]');
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError('--limit takes a positive integer');
  const { nessie } = lakehouseContext(io);
  const ref = await refOrDefault(nessie, positionals[0], io.signal);
  const { commits } = await refLog(nessie, ref, { limit, signal: io.signal });
  if (values.json) {
    io.out(
      `${JSON.stringify(
        commits.map((c) => ({
          hash: c.hash,
          message: c.message,
          authors: c.authors ?? [],
          commitTime: c.commitTime,
          parentHash: c.parentCommitHashes?.[0],
        })),
      )}\n`,
    );
    return 0;
  }
  for (const c of commits) {
    io.out(`${c.hash.slice(0, 12)}  ${c.commitTime ?? ''}  ${c.message.split('\n')[0]}\n`);
  }
  return 0;
}
