// The branch commands of `loch`, run as a user runs them, against the shared test platform.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { refCatalogName } from '../../../shared/src/lakehouse/ref-catalogs';
import { runLoch } from '../../support/cli';
import { catalogExists, cleanup, count, lakehouse, uniqueRef } from '../lakehouse/context';

const lh = lakehouse();
const refs: string[] = [];
after(() => cleanup(lh, refs));

/** Exactly one line on stderr, a non-zero exit, nothing on stdout. */
function failsWithOneLine(r: { code: number; stdout: string; stderr: string }, pattern: RegExp) {
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
}

test('branch create/delete, branches --json, tag create, log --json', async () => {
  const name = uniqueRef('cli');
  const tag = uniqueRef('cli-tag');
  refs.push(name, tag);
  // A private source branch: main may move while this runs (other engineers' tests).
  const src = uniqueRef('cli-src');
  refs.push(src);
  const main = await lh.nessie.createBranch(src, 'main');
  const created = await runLoch(['branch', 'create', name, '--from', src]);
  assert.equal(created.code, 0, created.stderr);
  assert.equal(
    created.stdout.split('\n')[0],
    `Created branch ${name} at ${main.hash.slice(0, 12)} (from ${src}).`,
  );

  const list = await runLoch(['branches', '--json']);
  assert.equal(list.code, 0, list.stderr);
  const refsJson = JSON.parse(list.stdout) as { name: string; type: string; hash: string }[];
  assert.deepEqual(
    refsJson.find((r) => r.name === name),
    { name, type: 'BRANCH', hash: main.hash },
  );
  assert.ok(refsJson.every((r) => Object.keys(r).join() === 'name,type,hash'));

  const tagged = await runLoch(['tag', 'create', tag, '--from', name]);
  assert.equal(tagged.code, 0, tagged.stderr);
  assert.deepEqual(await lh.nessie.getReference(tag), { type: 'TAG', name: tag, hash: main.hash });

  const log = await runLoch(['log', name, '--json', '--limit', '2']);
  assert.equal(log.code, 0, log.stderr);
  const commits = JSON.parse(log.stdout) as { hash: string }[];
  assert.equal(commits.length, 2);
  assert.equal(commits[0]!.hash, main.hash);

  await lh.catalogs.ensure(name);
  assert.equal(await catalogExists(refCatalogName(name)), true);
  const deleted = await runLoch(['branch', 'delete', name]);
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.match(deleted.stdout, /dropped its Trino catalog loch_ref_/);
  assert.equal(await catalogExists(refCatalogName(name)), false);
  const tagDeleted = await runLoch(['tag', 'delete', tag]);
  assert.equal(tagDeleted.code, 0, tagDeleted.stderr);
});

test('tables, table show, diff --json and merge --dry-run / merge on a ref with / and .', async () => {
  const into = uniqueRef('cli-into');
  const name = uniqueRef('cli-work');
  refs.push(into, name);
  await lh.nessie.createBranch(into, 'main');
  await lh.nessie.createBranch(name, into);
  const catalog = (await lh.catalogs.ensure(name)).catalog;
  await lh.run(
    "CREATE TABLE demo.cli_t WITH (partitioning = ARRAY['k']) AS SELECT 1 AS id, 'a' AS k",
    { catalog },
  );

  // query --branch: unqualified names resolve on the branch, not on main.
  const q = await runLoch([
    'query',
    '--branch',
    name,
    '--format',
    'json',
    'SELECT id, k FROM demo.cli_t',
  ]);
  assert.equal(q.code, 0, q.stderr);
  assert.deepEqual(JSON.parse(q.stdout), [{ id: 1, k: 'a' }]);
  const onMain = await runLoch(['query', '--branch', 'main', 'SELECT * FROM demo.cli_t']);
  failsWithOneLine(onMain, /^loch: TABLE_NOT_FOUND.*demo\.cli_t/);
  failsWithOneLine(
    await runLoch(['query', '--branch', 'it/x"; DROP CATALOG lake; --', 'SELECT 1']),
    /^loch: invalid reference/,
  );

  const tables = await runLoch(['tables', '--branch', name, '--json']);
  assert.equal(tables.code, 0, tables.stderr);
  const rows = JSON.parse(tables.stdout) as { name: string; snapshotId: string }[];
  const content = await lh.nessie.content(name, 'demo.cli_t');
  assert.deepEqual(
    rows.find((r) => r.name === 'demo.cli_t')?.snapshotId,
    (content.content as { snapshotId: string }).snapshotId,
  );

  const show = await runLoch(['table', 'show', 'demo.cli_t', '--branch', name, '--json']);
  assert.equal(show.code, 0, show.stderr);
  const details = JSON.parse(show.stdout);
  assert.equal(details.ref.name, name);
  assert.equal(details.table.catalog, catalog);
  assert.deepEqual(
    details.schema.map((f: { id: number; name: string }) => [f.id, f.name]),
    [
      [1, 'id'],
      [2, 'k'],
    ],
  );
  assert.deepEqual(
    details.partitionSpec.map(
      (p: { transform: string; source: string }) => `${p.transform}(${p.source})`,
    ),
    ['identity(k)'],
  );
  assert.equal(details.snapshots.at(-1).summary['total-records'], '1');
  const text = await runLoch(['table', 'show', 'demo.cli_t', '--branch', name]);
  assert.match(text.stdout, /Partition spec\n {2}identity\(k\) as k\n/);

  const diff = await runLoch(['diff', into, name, '--json']);
  assert.equal(diff.code, 0, diff.stderr);
  const d = JSON.parse(diff.stdout);
  assert.deepEqual(
    d.changes.map((c: { key: string; change: string }) => [c.key, c.change]),
    [['demo.cli_t', 'added']],
  );

  const before = await lh.nessie.getReference(into);
  const dry = await runLoch(['merge', name, '--into', into, '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(
    dry.stdout,
    `Dry run: merging ${name} into ${into} would change 1 key(s) without conflict: demo.cli_t\n`,
  );
  assert.deepEqual(await lh.nessie.getReference(into), before);

  const merged = await runLoch(['merge', name, '--into', into]);
  assert.equal(merged.code, 0, merged.stderr);
  const after_ = await lh.nessie.getReference(into);
  assert.match(merged.stdout, new RegExp(`^Merged .* is now at ${after_.hash.slice(0, 12)} `));
  const intoCatalog = (await lh.catalogs.ensure(into)).catalog;
  assert.equal(await count(lh, 'SELECT count(*) FROM demo.cli_t', intoCatalog), 1);
});

test('a merge conflict names the table, exits non-zero and changes nothing', async () => {
  const base = uniqueRef('cli-base');
  const left = uniqueRef('cli-left');
  const right = uniqueRef('cli-right');
  refs.push(base, left, right);
  await lh.nessie.createBranch(base, 'main');
  const baseCatalog = (await lh.catalogs.ensure(base)).catalog;
  await lh.run('CREATE TABLE demo.clash (id bigint)', { catalog: baseCatalog });
  await lh.nessie.createBranch(left, base);
  await lh.nessie.createBranch(right, base);
  await lh.run('INSERT INTO demo.clash VALUES 1', {
    catalog: (await lh.catalogs.ensure(left)).catalog,
  });
  await lh.run('INSERT INTO demo.clash VALUES 2', {
    catalog: (await lh.catalogs.ensure(right)).catalog,
  });
  assert.equal((await runLoch(['merge', left, '--into', base])).code, 0);
  const baseBefore = await lh.nessie.getReference(base);
  const rightBefore = await lh.nessie.getReference(right);
  const r = await runLoch(['merge', right, '--into', base]);
  failsWithOneLine(
    r,
    new RegExp(
      `^loch: merge into ${base.replace(/\./g, '\\.')} conflicts on demo\\.clash; nothing was changed\\n$`,
    ),
  );
  assert.deepEqual(await lh.nessie.getReference(base), baseBefore);
  assert.deepEqual(await lh.nessie.getReference(right), rightBefore);
});

test('a merge into a branch that moved past --expected-hash is refused', async () => {
  const into = uniqueRef('cli-moved');
  const from = uniqueRef('cli-src');
  refs.push(into, from);
  const start = await lh.nessie.createBranch(into, 'main');
  await lh.nessie.createBranch(from, 'main');
  await lh.run('CREATE TABLE demo.mv AS SELECT 1 AS x', {
    catalog: (await lh.catalogs.ensure(from)).catalog,
  });
  await lh.run('CREATE TABLE demo.elsewhere AS SELECT 1 AS x', {
    catalog: (await lh.catalogs.ensure(into)).catalog,
  });
  const moved = await lh.nessie.getReference(into);
  const r = await runLoch(['merge', from, '--into', into, '--expected-hash', start.hash]);
  failsWithOneLine(
    r,
    /^loch: .* moved: expected [0-9a-f]{12}, now at [0-9a-f]{12}; nothing was changed\n$/,
  );
  assert.deepEqual(await lh.nessie.getReference(into), moved);
});

test('bad input: one clear line, non-zero exit, nothing changed', async () => {
  const hostile = ['x"; DROP CATALOG lake; --', "it/a'b", '../main', 'a..b', 'HEAD', '-rf'];
  for (const bad of hostile) {
    failsWithOneLine(
      await runLoch(['branch', 'create', bad]),
      /^loch: (invalid reference|Unknown option)/,
    );
    failsWithOneLine(
      await runLoch(['tables', '--branch', bad]),
      /^loch: (invalid reference|Option)/,
    );
  }
  failsWithOneLine(
    await runLoch(['log', uniqueRef('nope')]),
    /^loch: Named reference 'it\/nope\..*' not found\n$/,
  );
  failsWithOneLine(await runLoch(['merge', uniqueRef('nope'), '--into', 'main']), /not found/);
  failsWithOneLine(
    await runLoch(['table', 'show', 'demo.no_such_table']),
    /^loch: no table demo\.no_such_table on main\n$/,
  );
  failsWithOneLine(await runLoch(['table', 'show', 'nodots']), /NAMESPACE\.TABLE/);
  // Unreachable Nessie: the hostile name is still refused first, a good one reports the URL.
  const down = { LOCH_NESSIE_URL: 'http://127.0.0.1:9/api/v2' };
  failsWithOneLine(await runLoch(['branch', 'create', 'a..b'], down), /^loch: invalid reference/);
  failsWithOneLine(
    await runLoch(['branches'], down),
    /^loch: cannot reach Nessie at http:\/\/127\.0\.0\.1:9\/api\/v2/,
  );
  // None of the refused names exists as a ref (other engineers may create refs meanwhile).
  const names = new Set((await lh.nessie.listReferences()).map((r) => r.name));
  for (const bad of hostile) assert.equal(names.has(bad), false, bad);
});

test('deleting a branch while Trino is unreachable deletes it and warns about the catalog', async () => {
  const name = uniqueRef('cli-notrino');
  refs.push(name);
  await lh.nessie.createBranch(name, 'main');
  const { catalog } = await lh.catalogs.ensure(name);
  const r = await runLoch(['branch', 'delete', name], { LOCH_TRINO_URL: 'http://127.0.0.1:9' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Deleted branch /);
  assert.match(
    r.stderr,
    new RegExp(`^loch: warning: could not drop the Trino catalog ${catalog}: `),
  );
  assert.equal(await catalogExists(catalog), true);
  // The orphaned catalog is found and dropped by prune (limited to it: the platform is shared).
  assert.deepEqual(await lh.catalogs.prune({ only: [catalog] }), [catalog]);
  assert.equal(await catalogExists(catalog), false);
});
