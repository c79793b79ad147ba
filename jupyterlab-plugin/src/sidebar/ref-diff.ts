// The sidebar's "Compare": the keys that differ between another ref and the current one, from
// the session's diff, shown in a dialog (added, removed or modified, with the snapshots).
import { Dialog, InputDialog, showDialog } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import { errorLine, type LakehouseSession, type RefDiff } from '@loch/core';
import { h } from './dom';

/** The diff as a table: change, key, content type, and the snapshot on each side. */
export function refDiffNode(diff: RefDiff): HTMLElement {
  const short = (hash: string) => hash.slice(0, 12);
  const body = h(
    'div',
    { className: 'loch-diff' },
    h('p', {
      className: 'loch-muted',
      text:
        `From ${diff.from.name} at ${short(diff.from.hash)} ` +
        `to ${diff.to.name} at ${short(diff.to.hash)}`,
    }),
  );
  if (diff.changes.length === 0) {
    body.append(h('p', { className: 'loch-diff-summary', text: 'No differences.' }));
    return body;
  }
  body.append(
    h('p', { className: 'loch-diff-summary', text: `${diff.changes.length} key(s) differ` }),
  );
  const headers = ['change', 'key', 'type', 'snapshot before', 'snapshot after'];
  const table = h('table', { className: 'loch-jl-table' });
  table.append(
    h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { text: x })))),
    h(
      'tbody',
      {},
      ...diff.changes.map((c) =>
        h(
          'tr',
          { attrs: { 'data-key': c.key } },
          ...[
            c.change,
            c.key,
            c.contentType ?? '',
            c.fromSnapshotId ?? '',
            c.toSnapshotId ?? '',
          ].map((x) => h('td', { text: x })),
        ),
      ),
    ),
  );
  body.append(table);
  return body;
}

/** Asks for a ref to compare `current` with and shows the diff; a failure's line, if any. */
export async function compareRefs(
  session: LakehouseSession,
  current: string,
  others: string[],
): Promise<string | undefined> {
  if (others.length === 0) return 'No other ref to compare with';
  const pick = await InputDialog.getItem({
    title: `Compare ${current} with …`,
    items: others,
    current: Math.max(others.indexOf('main'), 0),
  });
  if (!pick.button.accept || !pick.value) return undefined;
  try {
    const diff = await session.diff(pick.value, current);
    await showDialog({
      title: `${pick.value} → ${current}`,
      body: new Widget({ node: refDiffNode(diff) }),
      buttons: [Dialog.okButton({ label: 'Close' })],
    });
    return undefined;
  } catch (e) {
    return errorLine(e);
  }
}
