// The sidebar's merge words: the preview's verdict for each kind of preview, and the line a
// refused merge shows, with the core's hint (the user's next step) kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorLine } from '../../../shared/src/errors';
import {
  MergeTargetMovedError,
  type MergePreview,
} from '../../../shared/src/lakehouse/merge-preview';
import { mergeSummary } from '../../../jupyterlab-plugin/src/sidebar/merge-summary';

const previewed = 'a1'.repeat(32);
const now = 'b2'.repeat(32);

const preview: MergePreview = {
  from: { type: 'BRANCH', name: 'etl', hash: 'c3'.repeat(32) },
  into: { type: 'BRANCH', name: 'main', hash: previewed },
  commits: [{ commitMeta: { hash: 'c3'.repeat(32), message: 'load orders' } }],
  commitsTruncated: false,
  conflicts: [],
  changedKeys: ['demo.lineitem', 'demo.orders'],
  canMerge: true,
};

test('a moved target: errorLine names both heads and keeps the hint', () => {
  const e = new MergeTargetMovedError('main', previewed, now);
  assert.equal(
    errorLine(e),
    'main moved since the preview (previewed a1a1a1a1a1a1, now b2b2b2b2b2b2); nothing was ' +
      'merged; preview the merge again',
  );
});

test('the verdict: changes, conflicts, nothing to merge, commits without content', () => {
  assert.equal(mergeSummary(preview), 'Changes 2 key(s): demo.lineitem, demo.orders');
  assert.equal(
    mergeSummary({
      ...preview,
      canMerge: false,
      conflicts: [{ key: 'demo.orders', conflictType: 'VALUE_DIFFERS' }],
    }),
    'Conflicts on demo.orders: nothing would be merged.',
  );
  assert.equal(
    mergeSummary({ ...preview, canMerge: false, commits: [], changedKeys: [] }),
    'Nothing to merge: the target already has these changes.',
  );
  assert.equal(
    mergeSummary({ ...preview, changedKeys: [] }),
    'Merges 1 commit(s); no content changes.',
  );
});
