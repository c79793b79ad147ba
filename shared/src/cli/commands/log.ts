/** `loch log [REF] [--json] [--limit N]`: a ref's commits, newest first. */
import type { CliIo } from '../io';
import { lakehouseSession, refOrDefault } from './lakehouse-context';

export async function log(
  refArg: string | undefined,
  values: { json?: boolean; limit: number },
  io: CliIo,
): Promise<number> {
  const limit = values.limit;
  const session = lakehouseSession(io, { needsRefs: true });
  const ref = await refOrDefault(session.nessie, refArg, io.signal);
  const { commits } = await session.log(ref, { limit, signal: io.signal });
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
