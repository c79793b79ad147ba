// LakehouseSession.query against the real platform: a cap cancels on the server (or keeps the
// query open for more), DML reports its count, scripts run statement by statement, pins name
// what was read, and the history re-runs a statement on the ref it ran on.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { refCatalogName } from '../../../shared/src/lakehouse/ref-catalogs';
import { RefNotQueryableError } from '../../../shared/src/lakehouse/ref-routing';
import type { CommitEvent } from '../../../shared/src/lakehouse/session';
import { isIcebergTable } from '../../../shared/src/nessie/types';
import { uniqueName } from '../../support/platform';
import { catalogExists, cleanup, count, lakehouse, uniqueRef } from './context';
import { columnValues, queryState, rowCount, session, settledState } from './session-query-support';

const lh = lakehouse();
const refs: string[] = [];
after(() => cleanup(lh, refs));

test('at the cap the query is cancelled on the server: 10,000 of lineitem, then nothing running', async () => {
  const s = session();
  await s.init();
  const run = s.query(`SELECT l.*, '${uniqueName('cap')}' AS tag FROM tpch.sf1.lineitem l`, {
    maxRows: 10_000,
  });
  assert.equal(await rowCount(run.batches()), 10_000);
  const o = await run.outcome;
  assert.equal(o.status, 'capped');
  assert.equal(o.rowsDelivered, 10_000);
  assert.equal(o.moreRows, true);
  assert.equal(o.totalRows, undefined);
  assert.equal(o.ref, 'main');
  assert.equal(o.catalog, 'lake');
  assert.equal(o.columns.length, 17);
  // Cancelled, not left running and not read to the end.
  assert.deepEqual(await settledState(o.queryId), { state: 'FAILED', error: 'USER_CANCELED' });
  // The batches can be read again (a grid and an export), the same 10,000 rows.
  assert.equal(await rowCount(run.batches()), 10_000);
});

test('keepOpen: the capped query stays open, loadMore continues it, cancel frees it', async () => {
  const s = session({ defaultRef: 'main' });
  // 200,000 numbers in order: a sort, so rows come in a known order however Trino splits them.
  const sql = `SELECT CAST(a * 10000 + b AS integer) AS x, '${uniqueName('more')}' AS tag
    FROM UNNEST(sequence(0, 19)) t(a) CROSS JOIN UNNEST(sequence(1, 10000)) u(b) ORDER BY x`;
  const run = s.query(sql, { maxRows: 1000, keepOpen: true });
  assert.deepEqual(
    await columnValues(run.batches(), 'x'),
    Array.from({ length: 1000 }, (_, i) => i + 1),
  );
  const first = await run.outcome;
  assert.equal(first.status, 'capped');
  assert.equal(first.moreRows, true);
  // Open on the server: still producing rows, or done producing and waiting for the client.
  const open = (await queryState(first.queryId))?.state;
  assert.ok(open === 'RUNNING' || open === 'FINISHING', `state ${open}`);

  const more = run.loadMore(1500);
  assert.deepEqual(
    await columnValues(more, 'x'),
    Array.from({ length: 1500 }, (_, i) => i + 1001),
  );
  const second = await more.outcome;
  assert.equal(second.queryId, first.queryId);
  assert.equal(second.rowsDelivered, 2500);
  assert.equal(second.status, 'capped');

  await run.cancel();
  assert.deepEqual(await settledState(first.queryId), { state: 'FAILED', error: 'USER_CANCELED' });
});

test('a result that fits the cap exactly finishes with its total', async () => {
  const s = session({ defaultRef: 'main' });
  const run = s.query('SELECT x FROM UNNEST(sequence(1, 25)) t(x)', { maxRows: 25 });
  const o = await run.outcome;
  assert.equal(o.status, 'finished');
  assert.equal(o.rowsDelivered, 25);
  assert.equal(o.moreRows, false);
  assert.equal(o.totalRows, 25);
  assert.equal(await rowCount(run.batches()), 25);
  // loadMore is only for runs kept open.
  assert.throws(() => run.loadMore(10), /keepOpen/);
});

test('DELETE on a branch: update type and exact count, the pin before it, one commit event', async () => {
  const s = session({ defaultRef: 'main' });
  const branch = uniqueRef('sq-del');
  refs.push(branch);
  const created = await lh.nessie.createBranch(branch, 'main');
  const events: CommitEvent[] = [];
  s.onDidCommit((e) => events.push(e));
  const run = s.query(`DELETE FROM demo.orders WHERE orderstatus = 'F'`, { ref: branch });
  const o = await run.outcome;
  assert.equal(o.status, 'finished');
  assert.equal(o.updateType, 'DELETE');
  assert.equal(o.updateCount, 7304);
  assert.equal(o.catalog, refCatalogName(branch));
  // Pinned at the head the DELETE read: the branch as created, with main's snapshot of orders.
  assert.equal(o.pin?.ref, branch);
  assert.equal(o.pin?.hash, created.hash);
  const before = (await lh.nessie.contents('main', ['demo.orders'])).contents.get('demo.orders');
  assert.ok(isIcebergTable(before));
  assert.deepEqual(
    o.pin?.tables.map((t) => [t.key, t.snapshotId]),
    [['demo.orders', before.snapshotId]],
  );
  const head = await lh.nessie.getReference(branch);
  assert.notEqual(head.hash, created.hash);
  assert.deepEqual(events, [{ ref: branch, hash: head.hash, previousHash: created.hash }]);
  assert.equal(await count(lh, 'SELECT count(*) FROM demo.orders', o.catalog), 15000 - 7304);
  assert.equal(await count(lh, 'SELECT count(*) FROM demo.orders', 'lake'), 15000);
});

test('history records the run; rerun goes to the recorded ref, not the current one', async () => {
  const s = session({ defaultRef: 'main' });
  const branch = uniqueRef('sq-rerun');
  refs.push(branch);
  await lh.nessie.createBranch(branch, 'main');
  const sql = `DELETE FROM demo.orders WHERE orderkey <= 100`;
  const o = await s.query(sql, { ref: branch, source: 'test' }).outcome;
  assert.equal(o.updateCount, 28);
  const [entry] = s.history.all();
  assert.ok(entry);
  assert.equal(entry.sql, sql);
  assert.equal(entry.ref, branch);
  assert.equal(entry.queryId, o.queryId);
  assert.equal(entry.status, 'finished');
  assert.equal(entry.updateType, 'DELETE');
  assert.equal(entry.updateCount, 28);
  assert.equal(entry.source, 'test');
  assert.equal(entry.refHash, o.pin?.hash);

  // The user is on main now; the re-run still deletes on the branch (nothing left there).
  assert.equal(s.currentRef, 'main');
  const again = await s.rerun(entry).outcome;
  assert.equal(again.ref, branch);
  assert.equal(again.updateCount, 0);
  assert.equal(await count(lh, 'SELECT count(*) FROM demo.orders', 'lake'), 15000);
  assert.equal(s.history.all().length, 2);
});

test('a script runs statement by statement, one outcome each, and stops at the first error', async () => {
  const s = session({ defaultRef: 'main' });
  const statuses: string[] = [];
  const values: unknown[][] = [];
  const script = `SELECT 1 AS a;\n-- two\nSELECT 'x;y' AS b;\nSELECT nope FROM demo.missing;\nSELECT 4 AS d`;
  for await (const run of s.queryScript(script)) {
    const o = await run.outcome;
    statuses.push(o.status);
    values.push(
      o.status === 'finished' ? await columnValues(run.batches(), o.columns[0]!.name) : [o.error],
    );
  }
  assert.deepEqual(statuses, ['finished', 'finished', 'failed']);
  assert.deepEqual(values, [
    [1],
    ['x;y'],
    ["TABLE_NOT_FOUND at 1:18: Table 'lake.demo.missing' does not exist"],
  ]);
});

test('statements of a script share a Trino session: USE holds for the next one, pin included', async () => {
  const s = session({ defaultRef: 'main' });
  const outcomes = [];
  const counts: unknown[] = [];
  for await (const run of s.queryScript('USE lake.demo;\nSELECT count(*) AS n FROM orders')) {
    const o = await run.outcome;
    outcomes.push(o);
    if (o.columns.length) counts.push(...(await columnValues(run.batches(), 'n')));
  }
  assert.deepEqual(
    outcomes.map((o) => [o.status, o.updateType, o.catalog]),
    [
      ['finished', 'USE', 'lake'],
      ['finished', undefined, 'lake'],
    ],
  );
  assert.deepEqual(counts, [15000n]);
  assert.deepEqual(
    outcomes[1]!.pin?.tables.map((t) => t.key),
    ['demo.orders'],
  );
});

test('a SELECT on main is pinned to the head and the snapshot it read', async () => {
  const s = session();
  await s.init();
  const o = await s.query('SELECT count(*) AS n FROM demo.orders').outcome;
  const head = await lh.nessie.getReference('main');
  const orders = (await lh.nessie.contents('main', ['demo.orders'])).contents.get('demo.orders');
  assert.ok(isIcebergTable(orders));
  assert.equal(o.pin?.ref, 'main');
  assert.equal(o.pin?.hash, head.hash);
  assert.deepEqual(
    o.pin?.tables.map((t) => ({ key: t.key, snapshotId: t.snapshotId })),
    [{ key: 'demo.orders', snapshotId: orders.snapshotId }],
  );
});

test('without the lake properties only the lake ref is queryable; others get RefNotQueryableError', async () => {
  const s = session({ properties: false });
  const branch = uniqueRef('sq-nq');
  refs.push(branch);
  await lh.nessie.createBranch(branch, 'main');
  assert.equal(await s.catalogFor('main'), 'lake');
  await assert.rejects(s.catalogFor(branch), RefNotQueryableError);
  const run = s.query('SELECT 1', { ref: branch });
  await assert.rejects(run.outcome, RefNotQueryableError);
  await assert.rejects(run.queryId, RefNotQueryableError);
  // Asked directly, its RefCatalogs refuses too rather than make a catalog on nothing.
  await assert.rejects(s.catalogs.ensure(branch), {
    name: 'RefNotQueryableError',
    message:
      "cannot create a ref catalog: the lake catalog's properties are unknown (only main is queryable)",
  });
  assert.equal(await catalogExists(refCatalogName(branch)), false);
  assert.equal(s.history.all()[0]?.status, 'failed');
});

test('a cancel by signal ends the run as cancelled and cancels on the server', async () => {
  const s = session({ defaultRef: 'main' });
  const ctl = new AbortController();
  const run = s.query(`SELECT l.*, '${uniqueName('sig')}' AS tag FROM tpch.sf1.lineitem l`, {
    signal: ctl.signal,
  });
  const id = await run.queryId;
  ctl.abort();
  const o = await run.outcome;
  assert.equal(o.status, 'cancelled');
  assert.equal(o.queryId, id);
  await assert.rejects(rowCount(run.batches()), { name: 'AbortError' });
  assert.deepEqual(await settledState(id), { state: 'FAILED', error: 'USER_CANCELED' });
});
