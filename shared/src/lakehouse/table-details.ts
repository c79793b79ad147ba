/**
 * Iceberg table details read through Trino's metadata tables (`$snapshots`, `$history`,
 * `$files`, `$partitions`, `$manifests`, `$properties`, `$refs`, `$metadata_log_entries`), plus
 * field ids and the partition spec from the table's metadata file when the host can read it.
 * 64-bit snapshot ids are cast to varchar in SQL so they stay exact.
 */
import { TableNotFoundError } from './errors';
import { parseIcebergMetadata, type PartitionField, type SchemaField } from './iceberg-metadata';
import { qualifiedName, quoteIdentifier, quoteLiteral, UnsafeSqlInputError } from './sql-text';
import { rowObjects, type SqlRunner } from './sql-runner';

export type { PartitionField, SchemaField, SortField } from './iceberg-metadata';

export interface TableName {
  catalog: string;
  schema: string;
  table: string;
}

export interface Snapshot {
  snapshotId: string;
  parentId?: string;
  committedAt: string;
  operation: string;
  manifestList?: string;
  summary: Record<string, string>;
}

export interface HistoryEntry {
  madeCurrentAt: string;
  snapshotId: string;
  parentId?: string;
  isCurrentAncestor: boolean;
}

export interface DataFile {
  content: number;
  path: string;
  format: string;
  specId: number;
  recordCount: number;
  fileSizeBytes: number;
  partition?: unknown;
}

export interface PartitionSummary {
  partition?: unknown;
  recordCount: number;
  fileCount: number;
  totalSize: number;
}

export interface Manifest {
  path: string;
  length: number;
  partitionSpecId: number;
  addedSnapshotId: string;
  addedDataFilesCount: number;
  existingDataFilesCount: number;
  deletedDataFilesCount: number;
}

export interface SnapshotRef {
  name: string;
  type: string;
  snapshotId: string;
}

export interface TableDetails {
  table: TableName;
  /** The current metadata file (from `$metadata_log_entries`). */
  metadataLocation?: string;
  currentSnapshotId?: string;
  /** With field ids when the metadata file could be read, else Trino's column list. */
  schema: SchemaField[];
  /**
   * Why the metadata file could not be read (e.g. an `s3://` lake from a host that only reads
   * local files): the schema and spec then come from Trino, without field ids.
   */
  metadataError?: string;
  /** From the metadata file, else from Trino's `partitioning` table property. */
  partitionSpec: PartitionField[];
  snapshots: Snapshot[];
  history: HistoryEntry[];
  files: DataFile[];
  /** True when more files exist than `filesLimit`. */
  filesTruncated: boolean;
  partitions: PartitionSummary[];
  manifests: Manifest[];
  properties: Record<string, string>;
  refs: SnapshotRef[];
}

/** Reads a metadata file by its location (`local:///...`, `s3://...`); host-provided. */
export type MetadataReader = (location: string, signal?: AbortSignal) => Promise<string>;

export interface TableDetailsOptions {
  /** Reads the metadata file for field ids; without it, Trino's view of the schema is used. */
  readMetadata?: MetadataReader;
  /** At most this many data files are listed (default 1000). */
  filesLimit?: number;
  signal?: AbortSignal;
}

/** `"c"."s"."t$suffix"`: Trino names a metadata table as one identifier, table and suffix. */
function metadataTable(t: TableName, suffix: string): string {
  return qualifiedName(t.catalog, t.schema, `${t.table}$${suffix}`);
}

const str = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : String(v);

/** Trino's `partitioning = ARRAY['month(shipdate)', 'bucket(id, 4)']` as partition fields. */
export function partitioningFromDdl(ddl: string): PartitionField[] {
  const m = /partitioning = ARRAY\[(.*?)\]/s.exec(ddl);
  if (!m) return [];
  return [...m[1]!.matchAll(/'((?:[^']|'')*)'/g)].map((x) => {
    const expr = x[1]!.replace(/''/g, "'");
    const call = /^(\w+)\(\s*"?([^",)]+)"?\s*(?:,\s*(\d+))?\)$/.exec(expr);
    if (!call) return { source: expr.replace(/"/g, ''), name: expr, transform: 'identity' };
    const [, fn, col, arg] = call;
    const transform = arg !== undefined ? `${fn}[${arg}]` : fn!;
    return { source: col!, name: `${col}_${fn}`, transform };
  });
}

/** Everything Loch shows about one Iceberg table. */
export async function tableDetails(
  run: SqlRunner,
  table: TableName,
  options: TableDetailsOptions = {},
): Promise<TableDetails> {
  const { signal } = options;
  const q = async (sql: string) => rowObjects(await run(sql, { signal }));
  const name = qualifiedName(table.catalog, table.schema, table.table);
  const filesLimit = Math.max(1, Math.floor(options.filesLimit ?? 1000));

  const columns = await q(
    `SELECT column_name, data_type, is_nullable, comment FROM ${quoteIdentifier(table.catalog)}.information_schema.columns ` +
      `WHERE table_schema = ${quoteLiteral(table.schema)} AND table_name = ${quoteLiteral(table.table)} ORDER BY ordinal_position`,
  );
  if (columns.length === 0) {
    throw new TableNotFoundError(`${table.schema}.${table.table}`, `catalog ${table.catalog}`);
  }
  // None of these depends on another: one round trip for all of them.
  const [ddlRows, snapshots, history, files, manifests, properties, refs, metaLog, partitionsRows] =
    await Promise.all([
      q(`SHOW CREATE TABLE ${name}`),
      q(
        `SELECT CAST(snapshot_id AS varchar) AS snapshot_id, CAST(parent_id AS varchar) AS parent_id, ` +
          `CAST(committed_at AS varchar) AS committed_at, operation, manifest_list, summary ` +
          `FROM ${metadataTable(table, 'snapshots')} ORDER BY committed_at`,
      ),
      q(
        `SELECT CAST(made_current_at AS varchar) AS made_current_at, CAST(snapshot_id AS varchar) AS snapshot_id, ` +
          `CAST(parent_id AS varchar) AS parent_id, is_current_ancestor FROM ${metadataTable(table, 'history')} ORDER BY made_current_at`,
      ),
      q(
        `SELECT content, file_path, file_format, spec_id, record_count, file_size_in_bytes, partition ` +
          `FROM ${metadataTable(table, 'files')} ORDER BY file_path LIMIT ${filesLimit + 1}`,
      ).catch(() =>
        // An unpartitioned table's $files has no `partition` column.
        q(
          `SELECT content, file_path, file_format, spec_id, record_count, file_size_in_bytes ` +
            `FROM ${metadataTable(table, 'files')} ORDER BY file_path LIMIT ${filesLimit + 1}`,
        ),
      ),
      q(
        `SELECT path, length, partition_spec_id, CAST(added_snapshot_id AS varchar) AS added_snapshot_id, ` +
          `added_data_files_count, existing_data_files_count, deleted_data_files_count FROM ${metadataTable(table, 'manifests')} ORDER BY path`,
      ),
      q(`SELECT key, value FROM ${metadataTable(table, 'properties')} ORDER BY key`),
      q(
        `SELECT name, type, CAST(snapshot_id AS varchar) AS snapshot_id FROM ${metadataTable(table, 'refs')} ORDER BY name`,
      ),
      q(
        `SELECT file FROM ${metadataTable(table, 'metadata_log_entries')} ORDER BY timestamp DESC, latest_sequence_number DESC LIMIT 1`,
      ),
      q(
        `SELECT partition, record_count, file_count, total_size FROM ${metadataTable(table, 'partitions')}`,
      ).catch(() =>
        // As with $files: an unpartitioned table's $partitions has no `partition` column.
        q(`SELECT record_count, file_count, total_size FROM ${metadataTable(table, 'partitions')}`),
      ),
    ]);

  const metadataLocation = str(metaLog[0]?.file);
  let schema: SchemaField[] = columns.map((c) => ({
    name: String(c.column_name),
    type: String(c.data_type),
    required: c.is_nullable === 'NO',
    ...(c.comment ? { doc: String(c.comment) } : {}),
  }));
  let partitionSpec = partitioningFromDdl(String(ddlRows[0]?.['Create Table'] ?? ''));
  let metadataError: string | undefined;
  if (options.readMetadata && metadataLocation) {
    // The metadata file only adds field ids: a lake this host cannot read still has details.
    try {
      const meta = parseIcebergMetadata(await options.readMetadata(metadataLocation, signal));
      schema = meta.schema;
      partitionSpec = meta.partitionSpec;
    } catch (e) {
      signal?.throwIfAborted();
      metadataError = e instanceof Error ? e.message : String(e);
    }
  }
  const refList: SnapshotRef[] = refs.map((r) => ({
    name: String(r.name),
    type: String(r.type),
    snapshotId: String(r.snapshot_id),
  }));
  return {
    table,
    metadataLocation,
    currentSnapshotId: refList.find((r) => r.name === 'main' && r.type === 'BRANCH')?.snapshotId,
    schema,
    ...(metadataError !== undefined ? { metadataError } : {}),
    partitionSpec,
    snapshots: snapshots.map((s) => ({
      snapshotId: String(s.snapshot_id),
      parentId: str(s.parent_id),
      committedAt: String(s.committed_at),
      operation: String(s.operation),
      manifestList: str(s.manifest_list),
      summary: (s.summary ?? {}) as Record<string, string>,
    })),
    history: history.map((h) => ({
      madeCurrentAt: String(h.made_current_at),
      snapshotId: String(h.snapshot_id),
      parentId: str(h.parent_id),
      isCurrentAncestor: Boolean(h.is_current_ancestor),
    })),
    files: files.slice(0, filesLimit).map((f) => ({
      content: Number(f.content),
      path: String(f.file_path),
      format: String(f.file_format),
      specId: Number(f.spec_id),
      recordCount: Number(f.record_count),
      fileSizeBytes: Number(f.file_size_in_bytes),
      ...(f.partition !== undefined ? { partition: f.partition } : {}),
    })),
    filesTruncated: files.length > filesLimit,
    partitions: partitionsRows.map((p) => ({
      ...(p.partition !== undefined ? { partition: p.partition } : {}),
      recordCount: Number(p.record_count),
      fileCount: Number(p.file_count),
      totalSize: Number(p.total_size),
    })),
    manifests: manifests.map((m) => ({
      path: String(m.path),
      length: Number(m.length),
      partitionSpecId: Number(m.partition_spec_id),
      addedSnapshotId: String(m.added_snapshot_id),
      addedDataFilesCount: Number(m.added_data_files_count),
      existingDataFilesCount: Number(m.existing_data_files_count),
      deletedDataFilesCount: Number(m.deleted_data_files_count),
    })),
    properties: Object.fromEntries(properties.map((p) => [String(p.key), String(p.value)])),
    refs: refList,
  };
}

const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,12})?)?(?: ?(?:UTC|Z|[+-]\d{2}:\d{2}|[A-Za-z]+\/[A-Za-z_]+))?$/;

/** The `FOR VERSION AS OF` / `FOR TIMESTAMP AS OF` clause, validated. */
export function timeTravelClause(
  at: { snapshotId: string | bigint } | { timestamp: string | Date },
): string {
  if ('snapshotId' in at) {
    const id = String(at.snapshotId);
    if (!/^-?\d{1,20}$/.test(id)) throw new UnsafeSqlInputError(`'${id}' is not a snapshot id`);
    return `FOR VERSION AS OF ${id}`;
  }
  let ts: string;
  if (at.timestamp instanceof Date) {
    if (Number.isNaN(at.timestamp.getTime())) throw new UnsafeSqlInputError('invalid date');
    ts = `${at.timestamp.toISOString().replace('T', ' ').replace('Z', '')} UTC`;
  } else {
    ts = at.timestamp.trim();
    if (!TIMESTAMP.test(ts)) throw new UnsafeSqlInputError(`'${ts}' is not a timestamp`);
    ts = ts.replace(/^(\d{4}-\d{2}-\d{2})T/, '$1 ').replace(/Z$/, ' UTC');
  }
  return `FOR TIMESTAMP AS OF TIMESTAMP ${quoteLiteral(ts)}`;
}

/** `SELECT * FROM "c"."s"."t" FOR VERSION AS OF 123` (or a timestamp), every part quoted. */
export function timeTravelSql(
  table: TableName,
  at: { snapshotId: string | bigint } | { timestamp: string | Date },
  columns = '*',
): string {
  if (columns !== '*')
    columns = columns
      .split(',')
      .map((c) => quoteIdentifier(c.trim()))
      .join(', ');
  return `SELECT ${columns} FROM ${qualifiedName(table.catalog, table.schema, table.table)} ${timeTravelClause(at)}`;
}
