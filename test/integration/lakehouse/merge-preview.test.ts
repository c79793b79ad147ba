// Merge preview and merge of exactly what was previewed, against the real Nessie and Trino.
// Each test merges into its own target branch (standing in for main), never into main itself.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  MergeConflictsError,
  MergeTargetMovedError,
  MergeTargetNotBranchError,
  mergePreviewed,
  previewMerge,
} from '../../../shared/src/lakehouse/merge-preview';
import { NessieClient } from '../../../shared/src/nessie/client';
import { InvalidRefNameError, NessieNotFoundError } from '../../../shared/src/nessie/errors';
import { nessieApiUrl } from '../../support/platform';
import { cleanup, count, lakehouse, uniqueRef } from './context';

const lh = lakehouse();
const refs: string[] = [];
after(() => cleanup(lh, refs));

async function branchFrom(prefix: string, from: string): Promise<string> {
  const name = uniqueRef(prefix);
  refs.push(name);
  await lh.nessie.createBranch(name, from);
  return name;
}

async function sqlOn(ref: string, sql: string): Promise<void> {
  await lh.run(sql, { catalog: (await lh.catalogs.ensure(ref)).catalog });
}

/** Scratch branches `mergePreviewed` made for a target hash (there should be none left). */
async function scratchBranches(targetHash: string): Promise<string[]> {
  const all = await lh.nessie.listReferences({ prefix: `loch-merge/${targetHash.slice(0, 12)}` });
  return all.map((r) => r.name);
}

test('a preview shows the exact commits and keys, changes nothing, and its merge lands', async () => {
  const into = await branchFrom('mp-into', 'main');
  const from = await branchFrom('mp-from', into);
  const forkPoint = (await lh.nessie.getReference(into)).hash;
  await sqlOn(from, 'CREATE TABLE demo.mp_new AS SELECT 1 AS x');
  await sqlOn(from, 'INSERT INTO demo.mp_new VALUES 2');
  const fromHead = await lh.nessie.getReference(from);
  const intoHead = await lh.nessie.getReference(into);

  const preview = await previewMerge(lh.nessie, from, into);
  assert.deepEqual(preview.from, { type: 'BRANCH', name: from, hash: fromHead.hash });
  assert.deepEqual(preview.into, { type: 'BRANCH', name: into, hash: intoHead.hash });
  assert.deepEqual(
    preview.commits.map((c) => c.commitMeta.message),
    // Trino commits twice per statement: the data (append), then the table's statistics.
    [
      'Iceberg commit against table demo.mp_new',
      'Iceberg append against demo.mp_new',
      'Iceberg commit against table demo.mp_new',
      'Iceberg append against demo.mp_new',
    ],
  );
  assert.equal(preview.commits[0]!.commitMeta.hash, fromHead.hash);
  assert.deepEqual(preview.commits.at(-1)!.commitMeta.parentCommitHashes, [forkPoint]);
  assert.equal(preview.commonAncestor, forkPoint);
  assert.equal(preview.commitsTruncated, false);
  assert.deepEqual(preview.changedKeys, ['demo.mp_new']);
  assert.deepEqual(preview.conflicts, []);
  assert.equal(preview.canMerge, true);
  assert.deepEqual(await lh.nessie.getReference(into), intoHead, 'a preview changes nothing');

  const result = await mergePreviewed(lh.nessie, preview, { message: 'ship mp_new' });
  const landed = await lh.nessie.getReference(into);
  assert.equal(result.wasApplied, true);
  assert.equal(result.targetBranch, into);
  assert.equal(result.resultantTargetHash, landed.hash);
  const [merge] = await lh.nessie.commits(into, { limit: 1 });
  assert.equal(merge!.message, 'ship mp_new');
  assert.deepEqual(merge!.parentCommitHashes, [intoHead.hash, fromHead.hash]);
  assert.equal(
    await count(lh, 'SELECT sum(x) FROM demo.mp_new', (await lh.catalogs.ensure(into)).catalog),
    3,
  );
  assert.deepEqual(await scratchBranches(intoHead.hash), []);

  const again = await previewMerge(lh.nessie, from, into);
  assert.deepEqual([again.commits, again.changedKeys, again.canMerge], [[], [], false]);
  const noop = await mergePreviewed(lh.nessie, again);
  assert.deepEqual([noop.wasApplied, noop.resultantTargetHash], [false, landed.hash]);
  assert.deepEqual(await lh.nessie.getReference(into), landed);
});

test('a conflicting dry run returns the conflicts as data and its merge is refused', async () => {
  const into = await branchFrom('mp-cinto', 'main');
  const from = await branchFrom('mp-cfrom', into);
  await sqlOn(into, 'INSERT INTO demo.orders (orderkey) VALUES -1');
  await sqlOn(from, 'INSERT INTO demo.orders (orderkey) VALUES -2');
  const intoHead = await lh.nessie.getReference(into);

  const preview = await previewMerge(lh.nessie, from, into);
  assert.deepEqual(preview.conflicts, [
    {
      key: 'demo.orders',
      conflictType: 'VALUE_DIFFERS',
      message: "values of existing and expected content for key 'demo.orders' are different",
    },
  ]);
  assert.deepEqual(preview.changedKeys, ['demo.orders']);
  assert.equal(preview.canMerge, false);

  const e = await mergePreviewed(lh.nessie, preview).catch((err: unknown) => err);
  assert.ok(e instanceof MergeConflictsError, String(e));
  assert.equal(
    e.oneLine(),
    `merging ${from} into ${into} conflicts on demo.orders; nothing was merged; ` +
      'resolve the conflicting keys on one side, then preview again',
  );
  assert.deepEqual(await lh.nessie.getReference(into), intoHead);
});

test('a target that moved after the preview is refused and keeps its new head', async () => {
  const into = await branchFrom('mp-minto', 'main');
  const from = await branchFrom('mp-mfrom', into);
  await sqlOn(from, 'CREATE TABLE demo.mp_moved (x int)');
  const preview = await previewMerge(lh.nessie, from, into);
  assert.equal(preview.canMerge, true);
  await sqlOn(into, 'CREATE TABLE demo.mp_elsewhere (y int)');
  const moved = await lh.nessie.getReference(into);

  const e = await mergePreviewed(lh.nessie, preview).catch((err: unknown) => err);
  assert.ok(e instanceof MergeTargetMovedError, String(e));
  assert.equal(
    e.oneLine(),
    `${into} moved since the preview (previewed ${preview.into.hash.slice(0, 12)}, now ` +
      `${moved.hash.slice(0, 12)}); nothing was merged; preview the merge again`,
  );
  assert.deepEqual(await lh.nessie.getReference(into), moved);
  assert.deepEqual(await scratchBranches(preview.into.hash), []);
});

test('a target that moves while the merge runs is refused too (compare-and-swap)', async () => {
  const into = await branchFrom('mp-rinto', 'main');
  const from = await branchFrom('mp-rfrom', into);
  await sqlOn(from, 'CREATE TABLE demo.mp_race (x int)');
  // A client whose merge request first lets someone else commit to the target: the target is
  // at the previewed head when checked, and has moved by the time the merge is applied.
  let raced: string | undefined;
  const racing = new NessieClient({
    url: nessieApiUrl(),
    fetch: async (input, init) => {
      if (!raced && String(input).includes('/history/merge')) {
        await sqlOn(into, 'CREATE TABLE demo.mp_racer (y int)');
        raced = (await lh.nessie.getReference(into)).hash;
      }
      return fetch(input, init);
    },
  });
  const preview = await previewMerge(lh.nessie, from, into);
  const e = await mergePreviewed(racing, preview).catch((err: unknown) => err);
  assert.ok(e instanceof MergeTargetMovedError, String(e));
  assert.equal(e.currentHash, raced);
  assert.equal((await lh.nessie.getReference(into)).hash, raced);
  assert.deepEqual(await scratchBranches(preview.into.hash), []);
});

test('illegal, missing and tag targets are one-line errors before anything changes', async () => {
  const tagName = uniqueRef('mp-tag');
  refs.push(tagName);
  await lh.nessie.createTag(tagName, 'main');
  const bad = await previewMerge(lh.nessie, 'bad..name', 'main').catch((e: unknown) => e);
  assert.ok(bad instanceof InvalidRefNameError);
  assert.match(bad.oneLine(), /^invalid reference 'bad\.\.name': a reference name starts/);
  const missing = uniqueRef('nope');
  const nf = await previewMerge(lh.nessie, missing, 'main').catch((e: unknown) => e);
  assert.ok(nf instanceof NessieNotFoundError);
  assert.equal(nf.oneLine(), `Named reference '${missing}' not found`);
  const t = await previewMerge(lh.nessie, 'main', tagName).catch((e: unknown) => e);
  assert.ok(t instanceof MergeTargetNotBranchError);
  assert.equal(t.oneLine(), `cannot merge into ${tagName}: it is a tag; merge into a branch`);
});
