// The words of the sidebar's merge, apart from the DOM: the preview's verdict and the line a
// failed merge shows.
import {
  errorLine,
  MergeConflictsError,
  MergeTargetMovedError,
  MergeTargetNotBranchError,
  type MergePreview,
} from '@loch/core';

/**
 * One line for a failed merge. The merge errors carry their hint in `oneLine()` (the user's
 * next step, "preview the merge again"), which `errorLine` does not know of for them.
 */
export function mergeErrorLine(e: unknown): string {
  if (
    e instanceof MergeTargetMovedError ||
    e instanceof MergeConflictsError ||
    e instanceof MergeTargetNotBranchError
  ) {
    return e.oneLine();
  }
  return errorLine(e);
}

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
