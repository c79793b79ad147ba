/** `loch branches`, `loch branch create|delete`, `loch tag create|delete`. */
import { createRef, deleteRefOfType } from '../../lakehouse/branches';
import { refCatalogName } from '../../lakehouse/ref-catalogs';
import { validateRefName } from '../../nessie/ref-names';
import { parseFlags } from '../args';
import { UsageError, type CliIo } from '../io';
import { lakehouseContext, refOrDefault } from './lakehouse-context';
import { lakeListing } from './tables';

const short = (hash: string) => hash.slice(0, 12);

export async function branches(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, {
    json: { type: 'boolean' },
    branches: { type: 'boolean' },
    tags: { type: 'boolean' },
  });
  const type = values.branches ? 'BRANCH' : values.tags ? 'TAG' : undefined;
  // The core's order: branches, then tags, each by name.
  const refs = (await lakeListing(lakehouseContext(io)).refs(io.signal)).filter(
    (r) => type === undefined || r.type === type,
  );
  if (values.json) {
    io.out(`${JSON.stringify(refs.map((r) => ({ name: r.name, type: r.type, hash: r.hash })))}\n`);
    return 0;
  }
  for (const r of refs) io.out(`${r.type.toLowerCase().padEnd(7)} ${short(r.hash)}  ${r.name}\n`);
  return 0;
}

function nameArg(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new UsageError(`usage: loch ${usage}`);
  return validateRefName(positionals[0]!);
}

async function createRefCommand(
  kind: 'branch' | 'tag',
  args: string[],
  io: CliIo,
): Promise<number> {
  const usage = `${kind} create NAME [--from REF]`;
  const { values, positionals } = parseFlags(args, { from: { type: 'string' } }, true);
  const name = nameArg(positionals, usage);
  const { nessie } = lakehouseContext(io);
  const from = await refOrDefault(nessie, values.from, io.signal);
  const ref = await createRef(nessie, kind === 'branch' ? 'BRANCH' : 'TAG', name, from, io.signal);
  io.out(`Created ${kind} ${ref.name} at ${short(ref.hash)} (from ${from}).\n`);
  if (kind === 'branch')
    io.out(
      `Query it with: loch query --branch ${ref.name} (catalog ${refCatalogName(ref.name)})\n`,
    );
  return 0;
}

async function deleteRefCommand(
  kind: 'branch' | 'tag',
  args: string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseFlags(args, { 'expected-hash': { type: 'string' } }, true);
  const name = nameArg(positionals, `${kind} delete NAME [--expected-hash HASH]`);
  const ctx = lakehouseContext(io);
  const type = kind === 'branch' ? 'BRANCH' : 'TAG';
  const deleted = await deleteRefOfType(ctx.nessie, ctx.catalogs(), name, type, {
    expectedHash: values['expected-hash'],
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

function subcommands(kind: 'branch' | 'tag') {
  return async (args: string[], io: CliIo): Promise<number> => {
    const [sub, ...rest] = args;
    if (sub === 'create') return createRefCommand(kind, rest, io);
    if (sub === 'delete') return deleteRefCommand(kind, rest, io);
    throw new UsageError(`usage: loch ${kind} create NAME [--from REF] | ${kind} delete NAME`);
  };
}

export const branch = subcommands('branch');
export const tag = subcommands('tag');
