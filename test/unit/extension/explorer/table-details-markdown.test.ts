// The Lakehouse view's "Table Details" document: the core's details as Markdown, values from
// the lake kept as plain text in one cell each.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TableDetails } from '../../../../shared/src/lakehouse/table-details';
import {
  markdownCell,
  tableDetailsMarkdown,
} from '../../../../extension/src/explorer/table-details-markdown';

const details: TableDetails = {
  table: { catalog: 'lake', schema: 'demo', table: 'orders' },
  metadataLocation: 'local:///warehouse/demo/orders/metadata/00001.metadata.json',
  currentSnapshotId: '9007199254740993',
  schema: [
    { id: 1, name: 'orderkey', type: 'long', required: true },
    {
      id: 2,
      name: 'info',
      type: 'struct',
      fields: [{ id: 3, name: 'note', type: 'string', doc: 'free | text' }],
    },
  ],
  partitionSpec: [{ source: 'orderdate', transform: 'month', name: 'orderdate_month' }],
  snapshots: [
    {
      snapshotId: '1',
      committedAt: '2026-11-01 10:00:00.000 UTC',
      operation: 'append',
      summary: { 'added-records': '10', 'total-records': '10' },
    },
    {
      snapshotId: '9007199254740993',
      parentId: '1',
      committedAt: '2026-11-02 10:00:00.000 UTC',
      operation: 'overwrite',
      summary: { 'added-records': '2', 'total-records': '12' },
    },
  ],
  history: [],
  files: [
    {
      content: 0,
      path: 'local:///warehouse/demo/orders/data/a.parquet',
      format: 'PARQUET',
      specId: 0,
      recordCount: 12,
      fileSizeBytes: 2048,
      partition: { orderdate_month: 670 },
    },
  ],
  filesTruncated: true,
  partitions: [],
  manifests: [],
  properties: { 'write.format.default': 'PARQUET' },
  refs: [{ name: 'main', type: 'BRANCH', snapshotId: '9007199254740993' }],
};

test('the details document: every section, newest snapshot first, the current one marked', () => {
  assert.equal(
    tableDetailsMarkdown('main', details),
    [
      '# demo.orders on main',
      'Catalog lake · current snapshot 9007199254740993 · metadata local:///warehouse/demo/orders/metadata/00001.metadata.json',
      '## Schema',
      [
        '| id | name | type | required | doc |',
        '| --- | --- | --- | --- | --- |',
        '| 1 | orderkey | long | yes |  |',
        '| 2 | info | struct | no |  |',
        '| 3 | info.note | string | no | free \\| text |',
      ].join('\n'),
      '## Partition spec',
      [
        '| source | transform | name |',
        '| --- | --- | --- |',
        '| orderdate | month | orderdate_month |',
      ].join('\n'),
      '## Snapshots (2)',
      [
        '| snapshot_id | committed_at | operation | parent_id | added records | total records |',
        '| --- | --- | --- | --- | --- | --- |',
        '| 9007199254740993 (current) | 2026-11-02 10:00:00.000 UTC | overwrite | 1 | 2 | 12 |',
        '| 1 | 2026-11-01 10:00:00.000 UTC | append |  | 10 | 10 |',
      ].join('\n'),
      '## History',
      '_none_',
      '## Refs (1)',
      [
        '| name | type | snapshot_id |',
        '| --- | --- | --- |',
        '| main | BRANCH | 9007199254740993 |',
      ].join('\n'),
      '## Files (1+)',
      [
        '| path | format | records | bytes | partition |',
        '| --- | --- | --- | --- | --- |',
        '| local:///warehouse/demo/orders/data/a.parquet | PARQUET | 12 | 2048 | {"orderdate_month":670} |',
      ].join('\n'),
      '## Partitions (0)',
      '_none_',
      '## Manifests (0)',
      '_none_',
      '## Properties',
      ['| key | value |', '| --- | --- |', '| write.format.default | PARQUET |'].join('\n'),
      '',
    ].join('\n\n'),
  );
});

test('without field ids (no readable metadata file) the schema has no id column', () => {
  const text = tableDetailsMarkdown('main', {
    ...details,
    metadataLocation: 's3://warehouse/demo/orders/metadata/00001.metadata.json',
    metadataError: 'cannot read s3://warehouse/demo/orders/metadata/00001.metadata.json from here',
    schema: [
      { name: 'orderkey', type: 'bigint', required: true },
      { name: 'note', type: 'varchar', required: false, doc: 'free | text' },
    ],
  });
  const sections = text.split('\n\n');
  assert.equal(
    sections[sections.indexOf('## Schema') + 1],
    'No field ids: cannot read s3://warehouse/demo/orders/metadata/00001.metadata.json from here',
  );
  assert.equal(
    sections[sections.indexOf('## Schema') + 2],
    [
      '| name | type | required | doc |',
      '| --- | --- | --- | --- |',
      '| orderkey | bigint | yes |  |',
      '| note | varchar | no | free \\| text |',
    ].join('\n'),
  );
});

test('values from the lake stay one cell of text: no cell break, code, link or HTML', () => {
  assert.equal(
    markdownCell(
      'a|b\nc `x` *y* ~~z~~ [l](javascript:alert(1)) <img src=x onerror=alert(1)> &amp; \\',
    ),
    'a\\|b c \\`x\\` \\*y\\* \\~\\~z\\~\\~ \\[l\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> \\&amp; \\\\',
  );
  assert.equal(markdownCell(null), '');
  assert.equal(markdownCell('snake_case-name.v2'), 'snake_case-name.v2');
});
