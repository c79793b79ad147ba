// The sidebar's merge: pick a target branch, show the session's preview (commits, changed keys,
// conflicts as data), then `session.merge(preview)`, which lands only on the target head the
// dialog showed. Deciding what may merge is the core's; this file only asks and shows.
import { Dialog, InputDialog, showDialog } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import { errorLine, type LakehouseSession, type MergePreview } from '@loch/core';
import { h } from './dom';
import { mergeSummary } from './merge-summary';

/** What the sidebar's message line shows after a merge; nothing when the user cancelled. */
export interface MergeOutcome {
  text: string;
  isError: boolean;
}

/** The dialog body: the verdict, the heads compared, commits, changed keys and conflicts. */
export function mergePreviewNode(preview: MergePreview): HTMLElement {
  const short = (hash: string) => hash.slice(0, 12);
  const body = h(
    'div',
    { className: 'loch-merge' },
    h('p', { className: 'loch-merge-preview', text: mergeSummary(preview) }),
    h('p', {
      className: 'loch-muted loch-merge-heads',
      text:
        `${preview.from.name} at ${short(preview.from.hash)} into ` +
        `${preview.into.name} at ${short(preview.into.hash)}`,
    }),
  );
  if (preview.conflicts.length > 0) {
    body.append(
      h('h3', { text: 'Conflicts' }),
      h(
        'ul',
        { className: 'loch-merge-conflicts' },
        ...preview.conflicts.map((c) =>
          h('li', {
            text: [c.key, c.conflictType, c.message].filter(Boolean).join(' · '),
          }),
        ),
      ),
    );
  }
  if (preview.commits.length > 0) {
    const more = preview.commitsTruncated ? '+' : '';
    body.append(
      h('h3', { text: `Commits (${preview.commits.length}${more})` }),
      h(
        'ol',
        { className: 'loch-merge-commits' },
        ...preview.commits.map((c) =>
          h(
            'li',
            { title: c.commitMeta.hash },
            h('code', { text: c.commitMeta.hash.slice(0, 8) }),
            ` ${c.commitMeta.message.split('\n')[0] ?? ''}`,
          ),
        ),
      ),
    );
  }
  if (preview.changedKeys.length > 0) {
    body.append(
      h('h3', { text: 'Changed keys' }),
      h(
        'ul',
        { className: 'loch-merge-keys' },
        ...preview.changedKeys.map((k) => h('li', { text: k })),
      ),
    );
  }
  return body;
}

/** Asks for a target among `targets`, previews, and merges on confirmation. */
export async function mergeWithPreview(
  session: LakehouseSession,
  from: string,
  targets: string[],
): Promise<MergeOutcome | undefined> {
  if (targets.length === 0) return { text: 'No other branch to merge into', isError: true };
  const pick = await InputDialog.getItem({
    title: `Merge ${from} into …`,
    items: targets,
    current: Math.max(targets.indexOf('main'), 0),
  });
  if (!pick.button.accept || !pick.value) return undefined;
  const into = pick.value;
  try {
    const preview = await session.previewMerge(from, into);
    const confirm = await showDialog({
      title: `Merge ${from} into ${into} (preview)`,
      body: new Widget({ node: mergePreviewNode(preview) }),
      buttons: preview.canMerge
        ? [Dialog.cancelButton(), Dialog.okButton({ label: 'Merge' })]
        : [Dialog.cancelButton({ label: 'Close' })],
    });
    if (!confirm.button.accept) return undefined;
    const result = await session.merge(preview);
    if (!result.wasApplied) return { text: `Nothing merged into ${into}`, isError: false };
    return {
      text: `Merged ${from} into ${into} (now at ${(result.resultantTargetHash ?? '').slice(0, 12)})`,
      isError: false,
    };
  } catch (e) {
    return { text: errorLine(e), isError: true };
  }
}
