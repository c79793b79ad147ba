// The session's ref operations, as hosts call them: a merge lands the preview and tells
// listeners the target moved; the listing follows; deleting the current ref falls back to the
// default branch. (The modules underneath are tested in listing/merge-preview/ref-operations.)
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { CommitEvent } from '../../../shared/src/lakehouse/session';
import { cleanup, lakehouse, uniqueRef } from './context';
import { session } from './session-query-support';

const lh = lakehouse();
const refs: string[] = [];
after(() => cleanup(lh, refs));

test('session.merge lands the preview, fires onDidCommit and the listing sees the new table', async () => {
  const s = session();
  await s.init();
  const target = uniqueRef('sr_into');
  const source = uniqueRef('sr_from');
  refs.push(target, source);
  await s.createRef('BRANCH', target, 'main');
  await s.createRef('BRANCH', source, target);
  await s
    .query('CREATE TABLE demo.session_refs_t AS SELECT 1 AS x', { ref: source })
    .outcome.then((o) => assert.equal(o.status, 'finished', o.error));
  const before = (await s.listing.tables(target, ['demo'])).entries.map((e) => e.name);
  assert.ok(!before.includes('session_refs_t'));

  const events: CommitEvent[] = [];
  s.onDidCommit((e) => events.push(e));
  const preview = await s.previewMerge(source, target);
  assert.deepEqual(preview.changedKeys, ['demo.session_refs_t']);
  assert.equal(preview.canMerge, true);
  const result = await s.merge(preview);
  assert.equal(result.wasApplied, true);
  const head = await s.nessie.getReference(target);
  assert.deepEqual(events, [{ ref: target, hash: head.hash, previousHash: preview.into.hash }]);
  const after = (await s.listing.tables(target, ['demo'])).entries.map((e) => e.name);
  assert.ok(after.includes('session_refs_t'));
});

test('deleting the current branch returns the session to the default branch', async () => {
  const s = session();
  await s.init();
  const name = uniqueRef('sr_del');
  refs.push(name);
  await s.createRef('BRANCH', name, 'main');
  s.setCurrentRef(name);
  const changes: string[] = [];
  s.onDidChangeRef((r) => changes.push(r));
  const deleted = await s.deleteRef(name, 'BRANCH');
  assert.equal(deleted.ref.name, name);
  assert.equal(s.currentRef, 'main');
  assert.deepEqual(changes, ['main']);
});

test('table details and time travel on a ref go through the ref catalog the session routes to', async () => {
  const s = session();
  await s.init();
  const branch = uniqueRef('sr_tt');
  refs.push(branch);
  await s.createRef('BRANCH', branch, 'main');
  const details = await s.tableDetails(branch, { schema: 'demo', table: 'orders' });
  const catalog = await s.catalogFor(branch);
  assert.deepEqual(details.table, { catalog, schema: 'demo', table: 'orders' });
  // Every snapshot, read back by time travel, has the row count its summary recorded.
  assert.ok(details.snapshots.length >= 2, 'the seed writes orders in several commits');
  for (const snap of details.snapshots) {
    const sql = await s.timeTravelSql(
      branch,
      { schema: 'demo', table: 'orders' },
      { snapshotId: snap.snapshotId },
    );
    assert.equal(
      sql,
      `SELECT * FROM "${catalog}"."demo"."orders" FOR VERSION AS OF ${snap.snapshotId}`,
    );
    const counted = await s.run(`SELECT count(*) FROM (${sql})`);
    assert.equal(String(counted.rows[0]![0]), snap.summary['total-records']);
  }
  await assert.rejects(
    s.timeTravelSql(branch, { schema: 'demo', table: 'orders' }, { snapshotId: '1; DROP' }),
    {
      name: 'UnsafeSqlInputError',
    },
  );
});
