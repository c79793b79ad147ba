/** `loch diff FROM TO [--json]`: the tables that differ between two refs. */
import { validateRefName } from '../../nessie/ref-names';
import type { CliIo } from '../io';
import { lakehouseSession } from './lakehouse-context';

export async function diff(
  fromArg: string,
  toArg: string,
  values: { json?: boolean },
  io: CliIo,
): Promise<number> {
  // Validated before the platform is looked up: a bad name is the error a user must see first.
  const [from, to] = [validateRefName(fromArg), validateRefName(toArg)];
  const d = await lakehouseSession(io, { needsRefs: true }).diff(from, to, io.signal);
  if (values.json) {
    io.out(
      `${JSON.stringify({
        from: { name: d.from.name, hash: d.from.hash },
        to: { name: d.to.name, hash: d.to.hash },
        changes: d.changes.map((c) => ({
          key: c.key,
          type: c.contentType,
          change: c.change,
          fromSnapshotId: c.fromSnapshotId,
          toSnapshotId: c.toSnapshotId,
        })),
      })}\n`,
    );
    return 0;
  }
  if (d.changes.length === 0) {
    io.out(`No differences between ${from} and ${to}.\n`);
    return 0;
  }
  const mark = { added: '+', removed: '-', modified: '~' } as const;
  for (const c of d.changes) io.out(`${mark[c.change]} ${c.key}\n`);
  return 0;
}
