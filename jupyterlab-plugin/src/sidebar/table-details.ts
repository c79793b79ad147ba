// A table's details in the main area: schema, partition spec, snapshots and data files, from
// the session's tableDetails() on the ref.
import { MainAreaWidget } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import { errorLine } from '@loch/core';
import type { LochSession } from '../session';
import { h } from './dom';

function table(headers: string[], rows: string[][]): HTMLTableElement {
  const t = h('table', { className: 'loch-jl-table' });
  t.append(h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { text: x })))));
  t.append(h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((x) => h('td', { text: x }))))));
  return t;
}

export function tableDetailsWidget(
  session: LochSession,
  ref: string,
  namespace: string[],
  name: string,
): MainAreaWidget {
  const content = new Widget();
  content.addClass('loch-table-details');
  content.node.tabIndex = 0;
  const widget = new MainAreaWidget({ content });
  widget.id = `loch-table-${ref}-${namespace.join('.')}-${name}`;
  widget.title.label = `${namespace.join('.')}.${name} @ ${ref}`;
  widget.title.closable = true;
  content.node.append(h('p', { className: 'loch-muted', text: 'Loading …' }));
  void (async () => {
    try {
      const d = await session.tableDetails(ref, { schema: namespace.join('.'), table: name });
      content.node.replaceChildren(
        h('h2', { text: `${d.table.catalog}.${namespace.join('.')}.${name} (ref ${ref})` }),
        h('h3', { text: 'Schema' }),
        table(
          ['id', 'name', 'type', 'required'],
          d.schema.map((f) => [String(f.id ?? ''), f.name, f.type, f.required ? 'yes' : '']),
        ),
        h('h3', { text: 'Partition spec' }),
        d.partitionSpec.length
          ? table(
              ['source', 'transform', 'name'],
              d.partitionSpec.map((p) => [p.source, p.transform, p.name]),
            )
          : h('p', { text: 'unpartitioned' }),
        h('h3', { text: `Snapshots (${d.snapshots.length})` }),
        table(
          ['snapshot id', 'committed at', 'operation', 'added records'],
          d.snapshots.map((s) => [
            s.snapshotId,
            s.committedAt,
            s.operation,
            s.summary['added-records'] ?? '',
          ]),
        ),
        h('h3', { text: `Files (${d.files.length}${d.filesTruncated ? '+' : ''})` }),
        table(
          ['path', 'format', 'records', 'bytes'],
          d.files.map((f) => [f.path, f.format, String(f.recordCount), String(f.fileSizeBytes)]),
        ),
      );
    } catch (e) {
      content.node.replaceChildren(h('p', { className: 'loch-error', text: errorLine(e) }));
    }
  })();
  return widget;
}
