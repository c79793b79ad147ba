/** `loch branches`, `loch branch create|delete`, `loch tag create|delete`. */
import { refCatalogName } from '../../lakehouse/ref-catalogs';
import { validateRefName } from '../../nessie/ref-names';
import type { CliIo } from '../io';
import { lakehouseSession, refOrDefault } from './lakehouse-context';

const short = (hash: string) => hash.slice(0, 12);

export async function branches(
  values: { json?: boolean; branches?: boolean; tags?: boolean },
  io: CliIo,
): Promise<number> {
  const type = values.branches ? 'BRANCH' : values.tags ? 'TAG' : undefined;
  // The core's order: branches, then tags, each by name.
  const refs = (await lakehouseSession(io, { needsRefs: true }).listing.refs(io.signal)).filter(
    (r) => type === undefined || r.type === type,
  );
  if (values.json) {
    io.out(`${JSON.stringify(refs.map((r) => ({ name: r.name, type: r.type, hash: r.hash })))}\n`);
    return 0;
  }
  for (const r of refs) io.out(`${r.type.toLowerCase().padEnd(7)} ${short(r.hash)}  ${r.name}\n`);
  return 0;
}

export async function createRef(
  kind: 'branch' | 'tag',
  nameArg: string,
  values: { from?: string },
  io: CliIo,
): Promise<number> {
  const name = validateRefName(nameArg);
  const session = lakehouseSession(io, { needsRefs: true });
  const from = await refOrDefault(session.nessie, values.from, io.signal);
  const ref = await session.createRef(kind === 'branch' ? 'BRANCH' : 'TAG', name, from, io.signal);
  io.out(`Created ${kind} ${ref.name} at ${short(ref.hash)} (from ${from}).\n`);
  if (kind === 'branch')
    io.out(
      `Query it with: loch query --branch ${ref.name} (catalog ${refCatalogName(ref.name)})\n`,
    );
  return 0;
}

export async function deleteRefCommand(
  kind: 'branch' | 'tag',
  nameArg: string,
  values: { expectedHash?: string },
  io: CliIo,
): Promise<number> {
  const name = validateRefName(nameArg);
  const type = kind === 'branch' ? 'BRANCH' : 'TAG';
  const deleted = await lakehouseSession(io, { needsRefs: true }).deleteRef(name, type, {
    expectedHash: values.expectedHash,
    signal: io.signal,
  });
  io.out(
    `Deleted ${kind} ${deleted.ref.name} (was at ${short(deleted.ref.hash)})` +
      `${deleted.catalogDropped ? `; dropped its Trino catalog ${refCatalogName(name)}` : ''}.\n`,
  );
  if (deleted.catalogError) {
    io.err(
      `loch: warning: could not drop the Trino catalog ${refCatalogName(name)}: ${deleted.catalogError.message.split('\n')[0]}\n`,
    );
  }
  return 0;
}
