// The words of the sidebar's merge, apart from the DOM: the preview's verdict. A failed merge
// shows errorLine()'s line, which keeps the core error's hint ("preview the merge again").
import type { MergePreview } from '@loch/core';

/** The preview's one-sentence verdict. */
export function mergeSummary(preview: MergePreview): string {
  const keys = preview.changedKeys;
  if (preview.conflicts.length > 0) {
    return `Conflicts on ${preview.conflicts.map((c) => c.key).join(', ')}: nothing would be merged.`;
  }
  if (preview.commits.length === 0)
    return 'Nothing to merge: the target already has these changes.';
  if (keys.length === 0) return `Merges ${preview.commits.length} commit(s); no content changes.`;
  return `Changes ${keys.length} key(s): ${keys.join(', ')}`;
}
