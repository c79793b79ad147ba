/** `loch log [REF] [--json] [--limit N]`: a ref's commits, newest first. */
import { refLog } from '../../lakehouse/ref-changes';
import type { CliIo } from '../io';
import { lakehouseContext, refOrDefault } from './lakehouse-context';

export async function log(
  refArg: string | undefined,
  values: { json?: boolean; limit: number },
  io: CliIo,
): Promise<number> {
  const limit = values.limit;
  const { nessie } = lakehouseContext(io);
  const ref = await refOrDefault(nessie, refArg, io.signal);
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
