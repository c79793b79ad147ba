// Write-audit-publish end to end on the real platform. The publish target is a uniquely named
// stand-in for main (created from main), so other engineers' tests never see main move.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { AuditFailedError } from '../../../shared/src/lakehouse/errors';
import { refCatalogName } from '../../../shared/src/lakehouse/ref-catalogs';
import { WriteAuditPublish } from '../../../shared/src/lakehouse/write-audit-publish';
import { NessieConflictError, NessieNotFoundError } from '../../../shared/src/nessie/errors';
import { catalogExists, cleanup, count, lakehouse, uniqueRef } from '../lakehouse/context';

const lh = lakehouse();
const refs: string[] = [];
after(() => cleanup(lh, refs));

async function target(): Promise<string> {
  const name = uniqueRef('target');
  refs.push(name);
  await lh.nessie.createBranch(name, 'main');
  return name;
}

const audits = [
  { name: 'no negative amounts', sql: 'SELECT * FROM demo.wap_sales WHERE amount < 0' },
  {
    name: 'three rows',
    sql: 'SELECT count(*) FROM demo.wap_sales',
    check: (r: { rows: unknown[][] }) =>
      Number(r.rows[0]![0]) === 3 || `got ${String(r.rows[0]![0])}`,
  },
];

test('branch -> write -> audit -> dry-run preview (changes nothing) -> merge -> tag', async () => {
  const into = await target();
  const branch = uniqueRef('wap');
  const tag = uniqueRef('release');
  refs.push(branch, tag);
  const wap = new WriteAuditPublish(lh, branch, into);
  const intoCatalog = (await lh.catalogs.ensure(into)).catalog;

  const { catalog } = await wap.begin();
  assert.equal(catalog, refCatalogName(branch));
  await wap.write([
    'CREATE TABLE demo.wap_sales (id bigint, amount double)',
    'INSERT INTO demo.wap_sales VALUES (1, 10.0), (2, 20.5), (3, 0.0)',
  ]);
  const results = await wap.audit(audits);
  assert.deepEqual(
    results.map((r) => [r.name, r.passed]),
    [
      ['no negative amounts', true],
      ['three rows', true],
    ],
  );

  const intoBefore = await lh.nessie.getReference(into);
  const branchBefore = await lh.nessie.getReference(branch);
  const preview = await wap.preview();
  assert.equal(preview.merge.wasApplied, false);
  assert.deepEqual(
    preview.changes.map((c) => c.key),
    ['demo.wap_sales'],
  );
  assert.equal(preview.changes[0]!.from, undefined);
  assert.equal(preview.targetHash, intoBefore.hash);
  // The dry run changed nothing on either branch, and the table is not on the target yet.
  assert.deepEqual(await lh.nessie.getReference(into), intoBefore);
  assert.deepEqual(await lh.nessie.getReference(branch), branchBefore);
  await assert.rejects(lh.nessie.content(into, 'demo.wap_sales'), NessieNotFoundError);

  const published = await wap.publish({ tag });
  assert.equal(published.merge.wasApplied, true);
  const intoAfter = await lh.nessie.getReference(into);
  assert.equal(intoAfter.hash, published.hash);
  assert.notEqual(intoAfter.hash, intoBefore.hash);
  assert.deepEqual(published.tag, { type: 'TAG', name: tag, hash: published.hash });
  assert.equal(await count(lh, 'SELECT sum(id) FROM demo.wap_sales', intoCatalog), 6);
  // The published content is the branch's: same snapshot on both.
  const onBranch = await lh.nessie.content(branch, 'demo.wap_sales');
  const onTarget = await lh.nessie.content(into, 'demo.wap_sales');
  assert.equal(
    (onTarget.content as { snapshotId: string }).snapshotId,
    (onBranch.content as { snapshotId: string }).snapshotId,
  );

  await wap.discard();
  await assert.rejects(lh.nessie.getReference(branch), NessieNotFoundError);
  assert.equal(await catalogExists(catalog), false);
});

test('a failed audit refuses to publish and the target stays where it was', async () => {
  const into = await target();
  const branch = uniqueRef('wap-bad');
  refs.push(branch);
  const wap = new WriteAuditPublish(lh, branch, into);
  await wap.begin();
  await wap.write([
    'CREATE TABLE demo.wap_sales (id bigint, amount double)',
    'INSERT INTO demo.wap_sales VALUES (1, 10.0), (2, -5.0)',
  ]);
  const results = await wap.audit(audits);
  assert.deepEqual(
    results.map((r) => [r.name, r.passed, r.detail]),
    [
      ['no negative amounts', false, '1 violating row(s)'],
      ['three rows', false, 'got 2'],
    ],
  );
  const before = await lh.nessie.getReference(into);
  await wap.preview();
  await assert.rejects(wap.publish(), AuditFailedError);
  assert.deepEqual(await lh.nessie.getReference(into), before);
});

test('publishing refuses when the target moved since the preview', async () => {
  const into = await target();
  const branch = uniqueRef('wap-moved');
  const other = uniqueRef('mover');
  refs.push(branch, other);
  const wap = new WriteAuditPublish(lh, branch, into);
  await wap.begin();
  await wap.write('CREATE TABLE demo.wap_sales AS SELECT 1 AS id, 1.0 AS amount');
  await wap.preview();
  // Someone else publishes to the target in between.
  await lh.nessie.createBranch(other, into);
  const otherCatalog = (await lh.catalogs.ensure(other)).catalog;
  await lh.run('CREATE TABLE demo.wap_other AS SELECT 1 AS x', { catalog: otherCatalog });
  await lh.nessie.merge({ from: other, into });
  const moved = await lh.nessie.getReference(into);
  const err = await wap.publish().catch((e: unknown) => e);
  assert.ok(err instanceof NessieConflictError);
  assert.match(err.oneLine(), /moved since the preview.*nothing was changed$/);
  assert.deepEqual(await lh.nessie.getReference(into), moved);
  await assert.rejects(lh.nessie.content(into, 'demo.wap_sales'), NessieNotFoundError);
});
