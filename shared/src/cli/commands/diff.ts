/** `loch diff FROM TO [--json]`: the tables that differ between two refs. */
import { diffRefs } from '../../lakehouse/ref-changes';
import { validateRefName } from '../../nessie/ref-names';
import { parseFlags } from '../args';
import { UsageError, type CliIo } from '../io';
import { lakehouseContext } from './lakehouse-context';

export async function diff(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } }, true);
  if (positionals.length !== 2) throw new UsageError('usage: loch diff FROM TO [--json]');
  // Validated before the platform is looked up: a bad name is the error a user must see first.
  const [from, to] = positionals.map((p) => validateRefName(p)) as [string, string];
  const { nessie } = lakehouseContext(io);
  const d = await diffRefs(nessie, from, to, io.signal);
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
