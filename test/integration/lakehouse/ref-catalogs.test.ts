import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { deleteRef } from '../../../shared/src/lakehouse/branches';
import { refCatalogName, RefCatalogs } from '../../../shared/src/lakehouse/ref-catalogs';
import { InvalidRefNameError, NessieNotFoundError } from '../../../shared/src/nessie/errors';
import { runLoch } from '../../support/cli';
import { catalogExists, cleanup, count, lakehouse, uniqueRef } from './context';

const lh = lakehouse();
const refs: string[] = [];
after(() => cleanup(lh, refs));

test('a ref with / . - and mixed case gets its own catalog, reused, and dropped with the branch', async () => {
  const name = `${uniqueRef('Cat')}-X`;
  refs.push(name);
  const branch = await lh.nessie.createBranch(name, 'main');
  const catalog = refCatalogName(name);
  assert.equal(await catalogExists(catalog), false);

  const first = await lh.catalogs.ensure(name);
  assert.deepEqual(first, { catalog, ref: branch, created: true });
  assert.equal(await catalogExists(catalog), true);
  assert.equal(await count(lh, 'SELECT count(*) FROM demo.orders', catalog), 15000);

  // Another instance (as another session would) finds the same catalog instead of creating one.
  const other = new RefCatalogs({ run: lh.run, nessie: lh.nessie, baseProperties: {} });
  assert.equal((await other.ensure(name)).created, false);

  // A write on the branch is seen through its catalog and not on main.
  await lh.run(`CREATE TABLE demo.only_here AS SELECT 1 AS x`, { catalog });
  assert.equal(await count(lh, 'SELECT count(*) FROM demo.only_here', catalog), 1);
  const onMain = await lh.run(
    `SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_here'`,
    { catalog: 'lake' },
  );
  assert.equal(Number(onMain.rows[0]![0]), 0);

  const deleted = await deleteRef(lh.nessie, lh.catalogs, name);
  assert.equal(deleted.catalogDropped, true);
  assert.equal(await catalogExists(catalog), false);
  await assert.rejects(lh.nessie.getReference(name), NessieNotFoundError);
});

test('another process (the CLI) reuses the catalog this one created', async () => {
  const name = uniqueRef('proc');
  refs.push(name);
  await lh.nessie.createBranch(name, 'main');
  const { catalog, created } = await lh.catalogs.ensure(name);
  assert.equal(created, true);
  const sentBefore = lh.sent.length;
  const r = await runLoch(['table', 'show', 'demo.orders', '--branch', name, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).table.catalog, catalog);
  assert.equal(lh.sent.length, sentBefore);
  assert.equal(await catalogExists(catalog), true);
});

test('an unknown ref gets no catalog: Nessie is asked first', async () => {
  const name = uniqueRef('missing');
  const sentBefore = lh.sent.length;
  await assert.rejects(lh.catalogs.ensure(name), NessieNotFoundError);
  assert.equal(lh.sent.length, sentBefore);
  assert.equal(await catalogExists(refCatalogName(name)), false);
});

test('hostile ref names are refused before any Nessie call or SQL', async () => {
  let fetches = 0;
  const counting = new RefCatalogs({
    run: async (sql) => {
      lh.sent.push(sql);
      throw new Error('no SQL may be sent');
    },
    nessie: new (
      lh.nessie.constructor as typeof import('../../../shared/src/nessie/client').NessieClient
    )({
      url: lh.nessie.conn.url,
      fetch: async () => {
        fetches++;
        throw new Error('no request may be sent');
      },
    }),
    baseProperties: {},
  });
  for (const bad of [
    'main"; DROP CATALOG lake; --',
    'main\' , "connector.name" = \'x',
    'a..b',
    '../lake',
    'x y',
    'HEAD',
    '',
  ]) {
    await assert.rejects(counting.ensure(bad), InvalidRefNameError, bad);
    await assert.rejects(counting.drop(bad), InvalidRefNameError, bad);
  }
  assert.equal(fetches, 0);
});
