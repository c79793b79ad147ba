/** `loch branches`, `loch branch create|delete`, `loch tag create|delete`. */
import { deleteRef } from '../../lakehouse/branches';
import { refCatalogName } from '../../lakehouse/ref-catalogs';
import { validateRefName } from '../../nessie/ref-names';
import type { Reference } from '../../nessie/types';
import { UsageError, type CliIo } from '../io';
import { lakehouseContext, refOrDefault } from './lakehouse-context';

const short = (hash: string) => hash.slice(0, 12);

export async function branches(
  values: { json?: boolean; branches?: boolean; tags?: boolean },
  io: CliIo,
): Promise<number> {
  const { nessie } = lakehouseContext(io);
  const type = values.branches ? 'BRANCH' : values.tags ? 'TAG' : undefined;
  const refs = await nessie.listReferences({ type, signal: io.signal });
  refs.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
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
  const { nessie } = lakehouseContext(io);
  const from = await refOrDefault(nessie, values.from, io.signal);
  const ref: Reference =
    kind === 'branch'
      ? await nessie.createBranch(name, from, io.signal)
      : await nessie.createTag(name, from, io.signal);
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
  const ctx = lakehouseContext(io);
  const ref = await ctx.nessie.getReference(name, { signal: io.signal });
  if (ref.type !== (kind === 'branch' ? 'BRANCH' : 'TAG')) {
    throw new UsageError(`${name} is a ${ref.type.toLowerCase()}, not a ${kind}`);
  }
  const deleted = await deleteRef(ctx.nessie, ctx.catalogs(), name, {
    expectedHash: values.expectedHash ?? ref.hash,
    type: ref.type,
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
