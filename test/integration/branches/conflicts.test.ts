import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { NessieConflictError } from '../../../shared/src/nessie/errors';
import { TrinoQueryError } from '../../../shared/src/trino/errors';
import { cleanup, count, lakehouse, uniqueRef } from '../lakehouse/context';

const lh = lakehouse();
const refs: string[] = [];
after(() => cleanup(lh, refs));

async function branchFrom(prefix: string, from: string): Promise<string> {
  const name = uniqueRef(prefix);
  refs.push(name);
  await lh.nessie.createBranch(name, from);
  return name;
}

test('a conflicting merge names the table and leaves both branches exactly as they were', async () => {
  const base = await branchFrom('base', 'main');
  const baseCatalog = (await lh.catalogs.ensure(base)).catalog;
  await lh.run('CREATE TABLE demo.contested (id bigint)', { catalog: baseCatalog });
  await lh.run('CREATE TABLE demo.calm (id bigint)', { catalog: baseCatalog });
  const left = await branchFrom('left', base);
  const right = await branchFrom('right', base);
  const leftCatalog = (await lh.catalogs.ensure(left)).catalog;
  const rightCatalog = (await lh.catalogs.ensure(right)).catalog;
  await lh.run('INSERT INTO demo.contested VALUES 1', { catalog: leftCatalog });
  await lh.run('INSERT INTO demo.contested VALUES 2', { catalog: rightCatalog });
  await lh.run('INSERT INTO demo.calm VALUES 3', { catalog: rightCatalog });
  await lh.nessie.merge({ from: left, into: base });

  const baseBefore = await lh.nessie.getReference(base);
  const rightBefore = await lh.nessie.getReference(right);
  for (const dryRun of [true, false]) {
    const err = await lh.nessie.merge({ from: right, into: base, dryRun }).catch((e: unknown) => e);
    assert.ok(err instanceof NessieConflictError, String(err));
    assert.deepEqual(err.keys, ['demo.contested']);
    assert.equal(
      err.oneLine(),
      `merge into ${base} conflicts on demo.contested; nothing was changed`,
    );
  }
  assert.deepEqual(await lh.nessie.getReference(base), baseBefore);
  assert.deepEqual(await lh.nessie.getReference(right), rightBefore);
  assert.equal(await count(lh, 'SELECT count(*) FROM demo.calm', baseCatalog), 0);
  assert.equal(await count(lh, 'SELECT max(id) FROM demo.contested', baseCatalog), 1);
});

test('a dry-run merge changes nothing and reports what would merge', async () => {
  const into = await branchFrom('dry-into', 'main');
  const from = await branchFrom('dry-from', 'main');
  const c = (await lh.catalogs.ensure(from)).catalog;
  await lh.run('CREATE TABLE demo.dry AS SELECT 1 AS x', { catalog: c });
  const intoBefore = await lh.nessie.getReference(into);
  const fromBefore = await lh.nessie.getReference(from);
  const r = await lh.nessie.merge({ from, into, dryRun: true });
  assert.equal(r.wasApplied, false);
  assert.equal(r.wasSuccessful, true);
  assert.deepEqual(
    r.details.map((d) => d.key),
    ['demo.dry'],
  );
  assert.deepEqual(await lh.nessie.getReference(into), intoBefore);
  assert.deepEqual(await lh.nessie.getReference(from), fromBefore);
  assert.deepEqual(
    (await lh.nessie.diff(into, from)).entries.map((e) => e.key),
    ['demo.dry'],
  );
});

test('a transplant dry run changes nothing; the real one replays the commits', async () => {
  const start = await lh.nessie.getReference('main');
  const into = await branchFrom('tp-into', 'main');
  const from = await branchFrom('tp-from', 'main');
  await lh.nessie.assignReference(into, (await lh.nessie.getReference(into)).hash, start);
  await lh.nessie.assignReference(from, (await lh.nessie.getReference(from)).hash, start);
  const c = (await lh.catalogs.ensure(from)).catalog;
  // CREATE TABLE AS makes two Nessie commits (create, then the data).
  await lh.run('CREATE TABLE demo.tp AS SELECT 7 AS x', { catalog: c });
  const commits = await lh.nessie.commits(from, { limit: 10 });
  const mine = commits
    .slice(
      0,
      commits.findIndex((x) => x.hash === start.hash),
    )
    .reverse();
  assert.equal(mine.length, 2);
  const before = await lh.nessie.getReference(into);
  // A dry run of the first commit alone: no conflict, nothing applied. (Nessie 0.99 checks
  // each commit of a multi-commit dry run against the unchanged target, so the second one
  // would report KEY_DOES_NOT_EXIST: preview transplants one commit at a time.)
  const dry = await lh.nessie.transplant({ from, hashes: [mine[0]!.hash], into, dryRun: true });
  assert.equal(dry.wasApplied, false);
  assert.deepEqual(
    dry.details.map((d) => d.key),
    ['demo.tp'],
  );
  assert.deepEqual(await lh.nessie.getReference(into), before);
  const real = await lh.nessie.transplant({ from, hashes: mine.map((m) => m.hash), into });
  assert.equal(real.wasApplied, true);
  const intoCatalog = (await lh.catalogs.ensure(into)).catalog;
  assert.equal(await count(lh, 'SELECT x FROM demo.tp', intoCatalog), 7);
});

test('concurrent commits on one branch are not lost: a stale expected hash is refused', async () => {
  const branch = await branchFrom('concurrent', 'main');
  const head = await lh.nessie.getReference(branch);
  const put = (name: string, loc: string) => ({
    type: 'PUT' as const,
    key: ['demo', name],
    content: {
      type: 'ICEBERG_TABLE',
      metadataLocation: `local:///nowhere/${loc}.metadata.json`,
      snapshotId: 1,
      schemaId: 0,
      specId: 0,
      sortOrderId: 0,
    },
  });
  // Two writers both start from the same head and touch the same key.
  const first = await lh.nessie.commit(branch, head.hash, [put('shared_key', 'first')], 'first');
  const second = await lh.nessie
    .commit(branch, head.hash, [put('shared_key', 'second')], 'second')
    .catch((e: unknown) => e);
  assert.ok(second instanceof NessieConflictError);
  assert.deepEqual(await lh.nessie.getReference(branch), first.branch);
  const kept = await lh.nessie.content(branch, 'demo.shared_key');
  assert.equal(kept.content.metadataLocation, 'local:///nowhere/first.metadata.json');
  // The loser re-reads the head and commits on top: both commits are in the log.
  await lh.nessie.commit(
    branch,
    first.branch.hash,
    [put('other_key', 'second')],
    'second, retried',
  );
  const log = await lh.nessie.commits(branch, { limit: 2 });
  assert.deepEqual(
    log.map((c) => c.message),
    ['second, retried', 'first'],
  );
});

test('concurrent INSERTs through the branch catalog all land, none lost', async () => {
  const branch = await branchFrom('inserts', 'main');
  const c = (await lh.catalogs.ensure(branch)).catalog;
  await lh.run('CREATE TABLE demo.many (id bigint)', { catalog: c });
  // Iceberg retries a commit whose Nessie hash went stale a few times; under heavy contention
  // an INSERT can still fail cleanly with ICEBERG_COMMIT_ERROR (nothing written), and a client
  // runs it again. What must never happen is a commit that reports success and is lost.
  const insert = async (i: number): Promise<number> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await lh.run(`INSERT INTO demo.many VALUES ${i}`, { catalog: c });
        return attempt;
      } catch (e) {
        if (!(e instanceof TrinoQueryError) || e.errorName !== 'ICEBERG_COMMIT_ERROR') throw e;
        assert.match(e.message, /ref hash is out of date/);
        if (attempt === 5) throw e;
      }
    }
  };
  await Promise.all([1, 2, 3].map(insert));
  assert.equal(await count(lh, 'SELECT sum(id) FROM demo.many', c), 6);
  assert.equal(await count(lh, 'SELECT count(*) FROM demo.many', c), 3);
});
