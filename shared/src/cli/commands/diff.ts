/** `loch diff FROM TO [--json]`: the tables that differ between two refs. */
import { validateRefName } from '../../nessie/ref-names';
import { isIcebergTable, type DiffEntry } from '../../nessie/types';
import type { CliIo } from '../io';
import { lakehouseContext } from './lakehouse-context';

export type Change = 'added' | 'removed' | 'modified';

function change(d: DiffEntry): Change {
  if (!d.from) return 'added';
  if (!d.to) return 'removed';
  return 'modified';
}

const snapshot = (c: DiffEntry['from']) => (isIcebergTable(c) ? c.snapshotId : undefined);

export async function diff(
  fromArg: string,
  toArg: string,
  values: { json?: boolean },
  io: CliIo,
): Promise<number> {
  const [from, to] = [validateRefName(fromArg), validateRefName(toArg)];
  const { nessie } = lakehouseContext(io);
  const d = await nessie.diff(from, to, { signal: io.signal });
  const changes = d.entries.map((e) => ({
    key: e.key,
    type: (e.to ?? e.from)?.type,
    change: change(e),
    fromSnapshotId: snapshot(e.from),
    toSnapshotId: snapshot(e.to),
  }));
  if (values.json) {
    io.out(
      `${JSON.stringify({
        from: { name: d.from.name, hash: d.from.hash },
        to: { name: d.to.name, hash: d.to.hash },
        changes,
      })}\n`,
    );
    return 0;
  }
  if (changes.length === 0) {
    io.out(`No differences between ${from} and ${to}.\n`);
    return 0;
  }
  const mark = { added: '+', removed: '-', modified: '~' } as const;
  for (const c of changes) io.out(`${mark[c.change]} ${c.key}\n`);
  return 0;
}
