// The "Table Details" document of the Lakehouse view: the core's tableDetails() (the same facts
// `loch table show` and JupyterLab's details panel show) written as Markdown. No VS Code API
// here, so the text is unit-tested.
import type { SchemaField, TableDetails } from '@loch/core';

/**
 * A value as the text of one Markdown table cell. Table contents come from the lake (file paths,
 * property values, column comments), so what Markdown could read as a cell break, code,
 * emphasis, strikethrough, a link or HTML is backslash-escaped and line breaks become spaces: a
 * value stays one cell of plain text in the editor and in the preview. Underscores, dots and
 * dashes are left alone: they are everywhere in names and paths (`_` inside a word is text in
 * CommonMark; a value like `_tmp_` may show in italics in the preview, which changes no value),
 * and bare URLs may be linked by the preview, which opens nothing by itself.
 */
export function markdownCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*~[\]<>&|]/g, '\\$&');
}

function table(header: string[], rows: unknown[][]): string {
  if (rows.length === 0) return '_none_';
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`),
  ].join('\n');
}

/** Nested fields (struct members) are listed under their parent as `parent.child`. */
function flatten(fields: SchemaField[], prefix = ''): SchemaField[] {
  return fields.flatMap((f) => [
    { ...f, name: prefix + f.name },
    ...flatten(f.fields ?? [], `${prefix}${f.name}.`),
  ]);
}

/**
 * Field ids come only from the metadata file; where it cannot be read (a remote lake) the schema
 * is Trino's and an always-empty id column would only look like missing data.
 */
function schemaTable(fields: SchemaField[]): string {
  const ids = fields.some((f) => f.id !== undefined);
  return table(
    [...(ids ? ['id'] : []), 'name', 'type', 'required', 'doc'],
    fields.map((f) => [
      ...(ids ? [f.id ?? ''] : []),
      f.name,
      f.type,
      f.required ? 'yes' : 'no',
      f.doc,
    ]),
  );
}

const json = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

export function tableDetailsMarkdown(ref: string, d: TableDetails): string {
  const t = d.table;
  const current = d.currentSnapshotId;
  const files = `${d.files.length}${d.filesTruncated ? '+' : ''}`;
  return [
    `# ${markdownCell(`${t.schema}.${t.table}`)} on ${markdownCell(ref)}`,
    [
      `Catalog ${markdownCell(t.catalog)}`,
      current ? `current snapshot ${current}` : 'no snapshot yet',
      d.metadataLocation ? `metadata ${markdownCell(d.metadataLocation)}` : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    '## Schema',
    ...(d.metadataError ? [`No field ids: ${markdownCell(d.metadataError)}`] : []),
    schemaTable(flatten(d.schema)),
    '## Partition spec',
    d.partitionSpec.length === 0
      ? '_unpartitioned_'
      : table(
          ['source', 'transform', 'name'],
          d.partitionSpec.map((p) => [p.source, p.transform, p.name]),
        ),
    `## Snapshots (${d.snapshots.length})`,
    table(
      ['snapshot_id', 'committed_at', 'operation', 'parent_id', 'added records', 'total records'],
      // Newest first: the snapshot a user most often looks for.
      [...d.snapshots]
        .reverse()
        .map((s) => [
          s.snapshotId === current ? `${s.snapshotId} (current)` : s.snapshotId,
          s.committedAt,
          s.operation,
          s.parentId,
          s.summary['added-records'],
          s.summary['total-records'],
        ]),
    ),
    '## History',
    table(
      ['made_current_at', 'snapshot_id', 'parent_id', 'is_current_ancestor'],
      [...d.history]
        .reverse()
        .map((h) => [h.madeCurrentAt, h.snapshotId, h.parentId, h.isCurrentAncestor]),
    ),
    `## Refs (${d.refs.length})`,
    table(
      ['name', 'type', 'snapshot_id'],
      d.refs.map((r) => [r.name, r.type, r.snapshotId]),
    ),
    `## Files (${files})`,
    table(
      ['path', 'format', 'records', 'bytes', 'partition'],
      d.files.map((f) => [f.path, f.format, f.recordCount, f.fileSizeBytes, json(f.partition)]),
    ),
    `## Partitions (${d.partitions.length})`,
    table(
      ['partition', 'records', 'files', 'bytes'],
      d.partitions.map((p) => [json(p.partition), p.recordCount, p.fileCount, p.totalSize]),
    ),
    `## Manifests (${d.manifests.length})`,
    table(
      ['path', 'bytes', 'spec', 'added by snapshot', 'added', 'existing', 'deleted'],
      d.manifests.map((m) => [
        m.path,
        m.length,
        m.partitionSpecId,
        m.addedSnapshotId,
        m.addedDataFilesCount,
        m.existingDataFilesCount,
        m.deletedDataFilesCount,
      ]),
    ),
    '## Properties',
    table(['key', 'value'], Object.entries(d.properties)),
    '',
  ].join('\n\n');
}
