// The documents the branch commands show, from the session's merge preview, log and diff.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MergePreview } from '@loch/core';
import {
  commitLogMarkdown,
  diffMarkdown,
  mergePreviewMarkdown,
} from '../../../../extension/src/branches/markdown';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

const base: MergePreview = {
  from: { type: 'BRANCH', name: 'dev', hash: A },
  into: { type: 'BRANCH', name: 'main', hash: B },
  commits: [
    {
      commitMeta: {
        hash: C,
        message: 'CREATE TABLE demo.t\nsecond line',
        authors: ['ada'],
        commitTime: '2026-12-03T13:00:00Z',
      },
    },
  ],
  commitsTruncated: false,
  conflicts: [],
  changedKeys: ['demo.t'],
  canMerge: true,
};

test('a clean preview shows the heads, the verdict, the commits and the changed keys', () => {
  assert.equal(
    mergePreviewMarkdown(base),
    '# Merge dev → main (preview)\n\n' +
      'dev at `aaaaaaaaaaaa` into main at `bbbbbbbbbbbb`: the merge lands only on this head of main.\n\n' +
      'The merge applies cleanly: 1 commit(s), 1 changed key(s).\n\n' +
      '## Commits (1)\n\n- `cccccccccccc` 2026-12-03T13:00:00Z **ada** CREATE TABLE demo.t\n\n' +
      '## Changed keys (1)\n\n- demo.t\n',
  );
});

test('conflicts are a table of key, type and message (pipes escaped)', () => {
  const text = mergePreviewMarkdown({
    ...base,
    canMerge: false,
    conflicts: [{ key: 'demo.orders', conflictType: 'VALUE_DIFFERS', message: 'a | b\nc' }],
  });
  assert.ok(text.includes('**1 conflict(s)**: the merge cannot apply.\n\n'), text);
  assert.ok(
    text.includes(
      '## Conflicts\n\n| key | conflict | message |\n| --- | --- | --- |\n' +
        '| demo.orders | VALUE_DIFFERS | a \\| b c |\n\n',
    ),
    text,
  );
});

test('nothing to merge says so and lists no commits', () => {
  assert.equal(
    mergePreviewMarkdown({ ...base, commits: [], changedKeys: [], canMerge: false }),
    '# Merge dev → main (preview)\n\n' +
      'dev at `aaaaaaaaaaaa` into main at `bbbbbbbbbbbb`: the merge lands only on this head of main.\n\n' +
      'Nothing to merge: main already has every commit of dev.\n',
  );
});

test('a truncated preview marks its commit count', () => {
  const text = mergePreviewMarkdown({ ...base, commitsTruncated: true });
  assert.ok(text.includes('cleanly: 1+ commit(s)'), text);
  assert.ok(text.includes('## Commits (1, older ones not shown)'), text);
});

test('the log says when older commits may exist; the diff lists each key once', () => {
  const log = {
    ref: { type: 'BRANCH' as const, name: 'main', hash: B },
    commits: [base.commits[0]!.commitMeta],
  };
  assert.equal(
    commitLogMarkdown(log, 1),
    '# Commit log of main at `bbbbbbbbbbbb`\n\n' +
      '- `cccccccccccc` 2026-12-03T13:00:00Z **ada** CREATE TABLE demo.t\n\n… (only the newest 1 shown)\n',
  );
  assert.ok(!commitLogMarkdown(log, 2).includes('only the newest'));
  assert.equal(
    diffMarkdown({
      from: { type: 'BRANCH', name: 'main', hash: B },
      to: { type: 'BRANCH', name: 'dev', hash: A },
      changes: [
        { key: 'demo.t', elements: ['demo', 't'], contentType: 'ICEBERG_TABLE', change: 'added' },
      ],
    }),
    '# Diff main → dev\n\nmain at `bbbbbbbbbbbb`, dev at `aaaaaaaaaaaa`\n\n' +
      '| key | type | change |\n| --- | --- | --- |\n| demo.t | ICEBERG_TABLE | added |\n',
  );
});
