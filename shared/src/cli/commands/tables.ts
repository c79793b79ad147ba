/**
 * `loch tables [--branch REF] [--json]` (the Iceberg tables and views `LakeListing` lists)
 * and `loch table show NAMESPACE.TABLE [--branch REF] [--json]`.
 */
import { TableNotFoundError } from '../../lakehouse/errors';
import { parseQualifiedName } from '../../lakehouse/sql-text';
import { tableDetails, type TableDetails } from '../../lakehouse/table-details';
import { NessieNotFoundError } from '../../nessie/errors';
import { isIcebergTable } from '../../nessie/types';
import { UsageError, type CliIo } from '../io';
import { cliMetadataReader, lakehouseSession, refOrDefault } from './lakehouse-context';

export interface TablesOptions {
  branch?: string;
  json?: boolean;
}

export async function tables(values: TablesOptions, io: CliIo): Promise<number> {
  const session = lakehouseSession(io, { needsRefs: true });
  const ref = await refOrDefault(session.nessie, values.branch, io.signal);
  const { listing } = session;
  const rows: { name: string; type: string; snapshotId?: string; metadataLocation?: string }[] = [];
  for (const ns of await listing.namespaces(ref, { signal: io.signal })) {
    let pageToken: string | undefined;
    do {
      const page = await listing.tables(ref, ns.namespace, { pageToken, signal: io.signal });
      for (const t of page.entries) {
        rows.push({
          name: [...t.namespace, t.name].join('.'),
          type: t.kind === 'view' ? 'ICEBERG_VIEW' : 'ICEBERG_TABLE',
          snapshotId: t.snapshotId,
          metadataLocation: t.metadataLocation,
        });
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
  }
  if (values.json) {
    io.out(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  if (rows.length === 0) io.out(`No tables on ${ref}.\n`);
  for (const r of rows) {
    io.out(
      `${r.name.padEnd(40)} ${r.type === 'ICEBERG_TABLE' ? `snapshot ${r.snapshotId}` : r.type}\n`,
    );
  }
  return 0;
}

function printDetails(io: CliIo, ref: string, d: TableDetails): void {
  const t = d.table;
  io.out(`Table ${t.schema}.${t.table} on ${ref} (catalog ${t.catalog})\n`);
  if (d.metadataLocation) io.out(`Metadata  ${d.metadataLocation}\n`);
  if (d.metadataError) io.out(`(no field ids: ${d.metadataError})\n`);
  io.out('\nSchema\n');
  for (const f of d.schema) {
    io.out(
      `  ${String(f.id ?? '').padStart(4)}  ${f.name.padEnd(24)} ${f.type}${f.required ? ' not null' : ''}\n`,
    );
  }
  io.out('\nPartition spec\n');
  if (d.partitionSpec.length === 0) io.out('  (unpartitioned)\n');
  for (const p of d.partitionSpec) io.out(`  ${p.transform}(${p.source}) as ${p.name}\n`);
  io.out('\nSnapshots\n');
  for (const s of d.snapshots) {
    const added = s.summary['added-records'] ?? '0';
    const total = s.summary['total-records'] ?? '?';
    io.out(
      `  ${s.snapshotId.padEnd(20)} ${s.committedAt}  ${s.operation.padEnd(9)} +${added} rows, ${total} total\n`,
    );
  }
  io.out(
    `\nFiles ${d.files.length}${d.filesTruncated ? '+' : ''}, manifests ${d.manifests.length}, partitions ${d.partitions.length}\n`,
  );
}

/** `loch table show NAME`. */
export async function table(nameArg: string, values: TablesOptions, io: CliIo): Promise<number> {
  const parts = parseQualifiedName(nameArg);
  if (parts.length !== 2) throw new UsageError(`${nameArg} is not NAMESPACE.TABLE`);
  const [schema, name] = parts as [string, string];
  const session = lakehouseSession(io, { needsRefs: true });
  const ref = await refOrDefault(session.nessie, values.branch, io.signal);
  try {
    const { content } = await session.nessie.content(ref, [schema, name], { signal: io.signal });
    if (!isIcebergTable(content)) throw new TableNotFoundError(`${schema}.${name}`, ref);
  } catch (e) {
    if (e instanceof NessieNotFoundError && e.errorCode === 'CONTENT_NOT_FOUND') {
      throw new TableNotFoundError(`${schema}.${name}`, ref);
    }
    throw e;
  }
  const { catalog, ref: reference } = await session.catalogs.ensure(ref, io.signal);
  const details = await tableDetails(
    session.run,
    { catalog, schema, table: name },
    { readMetadata: cliMetadataReader(io), signal: io.signal },
  );
  if (values.json) {
    io.out(
      `${JSON.stringify({ ref: { name: reference.name, hash: reference.hash }, ...details })}\n`,
    );
    return 0;
  }
  printDetails(io, ref, details);
  return 0;
}
