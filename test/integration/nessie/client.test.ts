// NessieClient against the real Nessie of the test platform (refs it creates are unique and
// deleted again; main is only read).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { NessieClient } from '../../../shared/src/nessie/client';
import { NessieConflictError, NessieNotFoundError } from '../../../shared/src/nessie/errors';
import { nessieApiUrl, uniqueName } from '../../support/platform';

const nessie = new NessieClient({ url: nessieApiUrl() });
const prefix = `it/nessie.${uniqueName('c').replace(/_/g, '-')}`;
after(async () => {
  for (const r of await nessie.listReferences({ prefix })) {
    await nessie.deleteReference(r.name, { expectedHash: r.hash, type: r.type }).catch(() => {});
  }
});

test('config reports API v2 and the default branch', async () => {
  const c = await nessie.config();
  assert.equal(c.defaultBranch, 'main');
  assert.equal(c.actualApiVersion, 2);
});

test('branches and tags: create, filter, metadata, assign with expected hash, delete', async () => {
  const main = await nessie.getReference('main');
  const branch = await nessie.createBranch(`${prefix}/Feature.One-x`, main);
  const tag = await nessie.createTag(`${prefix}/v1.0`, branch);
  assert.deepEqual(branch, { type: 'BRANCH', name: `${prefix}/Feature.One-x`, hash: main.hash });
  assert.deepEqual(tag, { type: 'TAG', name: `${prefix}/v1.0`, hash: main.hash });

  const mine = await nessie.listReferences({ prefix });
  assert.deepEqual(mine.map((r) => [r.type, r.name]).sort(), [
    ['BRANCH', `${prefix}/Feature.One-x`],
    ['TAG', `${prefix}/v1.0`],
  ]);
  assert.deepEqual(
    (await nessie.listReferences({ prefix, type: 'TAG' })).map((r) => r.name),
    [`${prefix}/v1.0`],
  );
  const full = await nessie.getReference(branch.name, { fetch: 'ALL' });
  assert.equal(full.metadata?.commitMetaOfHEAD?.hash, main.hash);

  // Assign the tag to main's parent, refusing a stale expected hash first.
  const parent = (await nessie.commits('main', { limit: 2 }))[1]!;
  const stale = await nessie
    .assignReference(
      tag.name,
      parent.hash,
      { type: 'BRANCH', name: 'main', hash: parent.hash },
      { type: 'TAG' },
    )
    .catch((e: unknown) => e);
  assert.ok(stale instanceof NessieConflictError);
  assert.deepEqual(await nessie.getReference(tag.name), tag);
  const moved = await nessie.assignReference(
    tag.name,
    tag.hash,
    { type: 'BRANCH', name: 'main', hash: parent.hash },
    { type: 'TAG' },
  );
  assert.deepEqual(moved, { type: 'TAG', name: tag.name, hash: parent.hash });

  await nessie.deleteReference(tag.name);
  await nessie.deleteReference(branch.name, { expectedHash: branch.hash });
  await assert.rejects(nessie.getReference(branch.name), NessieNotFoundError);
  assert.deepEqual(await nessie.listReferences({ prefix }), []);
});

test('commit log pages: commits(limit) matches the first entries of the full log', async () => {
  // Pinned to one hash: other engineers may move main meanwhile.
  const { hash } = await nessie.getReference('main');
  const all = await nessie.commits('main', { hash });
  assert.ok(all.length >= 5);
  const three = await nessie.commits('main', { hash, limit: 3 });
  assert.deepEqual(
    three.map((c) => c.hash),
    all.slice(0, 3).map((c) => c.hash),
  );
  const page = await nessie.commitLog('main', { hash, maxRecords: 2 });
  assert.deepEqual(
    page.entries.map((e) => e.commitMeta.hash),
    all.slice(0, 2).map((c) => c.hash),
  );
  assert.equal(page.hasMore, true);
  // At a given hash, the log starts there.
  const fromParent = await nessie.commits('main', { hash: all[1]!.hash, limit: 1 });
  assert.equal(fromParent[0]!.hash, all[1]!.hash);
});

test('entries and contents of the seeded tables on main, at a hash', async () => {
  const head = await nessie.getReference('main');
  const entries = await nessie.entries('main', { hash: head.hash, content: true });
  const demo = entries.filter((e) => e.key.startsWith('demo.')).map((e) => [e.type, e.key]);
  for (const t of ['demo.lineitem', 'demo.orders', 'demo.sensor_readings']) {
    assert.ok(
      demo.some(([type, key]) => type === 'ICEBERG_TABLE' && key === t),
      t,
    );
  }
  const { content, reference } = await nessie.content('main', 'demo.orders', { hash: head.hash });
  assert.equal(reference.hash, head.hash);
  assert.equal(content.type, 'ICEBERG_TABLE');
  const fromEntries = entries.find((e) => e.key === 'demo.orders')!.content!;
  assert.deepEqual(content, fromEntries);
  assert.match((content as { snapshotId: string }).snapshotId, /^\d+$/);
});
