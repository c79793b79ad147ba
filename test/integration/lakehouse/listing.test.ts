// LakeListing against the real Nessie and Trino: what is listed, its order, the per-hash cache,
// paging, and refusals. Everything a test creates lives on its own branch.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { InvalidPageTokenError, LakeListing } from '../../../shared/src/lakehouse/catalog-listing';
import { TableNotFoundError } from '../../../shared/src/lakehouse/errors';
import { NessieClient } from '../../../shared/src/nessie/client';
import { InvalidRefNameError, NessieNotFoundError } from '../../../shared/src/nessie/errors';
import { nessieApiUrl, uniqueName } from '../../support/platform';
import { cleanup, lakehouse, uniqueRef } from './context';
import { icebergViewPut } from '../../support/foreign-content';

const lh = lakehouse();
const branch = uniqueRef('listing');
const tag = uniqueRef('listing-tag');
const ns = uniqueName('ls');
let catalog = '';

/** Nessie requests the listing sends, as `METHOD path` without the API root. */
const nessieRequests: string[] = [];
const countingNessie = new NessieClient({
  url: nessieApiUrl(),
  fetch: (input, init) => {
    nessieRequests.push(`${init?.method ?? 'GET'} ${String(input).slice(nessieApiUrl().length)}`);
    return fetch(input, init);
  },
});
const listing = new LakeListing({
  nessie: countingNessie,
  run: lh.run,
  catalogFor: async (ref, signal) => (await lh.catalogs.ensure(ref, signal)).catalog,
});

const sql = (text: string) => lh.run(text, { catalog });
const entriesRequests = () => nessieRequests.filter((r) => r.includes('/entries')).length;

before(async () => {
  await lh.nessie.createBranch(branch, 'main');
  catalog = (await lh.catalogs.ensure(branch)).catalog;
  await sql(`CREATE SCHEMA ${ns}`);
  await sql(`CREATE TABLE ${ns}.b_table (id bigint NOT NULL COMMENT 'the id', label varchar)`);
  await sql(`CREATE TABLE ${ns}.a_table AS SELECT 1 AS x`);
  // Trino cannot create views in a Nessie catalog ("createView is not supported"), so the view
  // is committed to Nessie as ICEBERG_VIEW content, as Spark or Nessie's REST catalog would.
  const head = await lh.nessie.getReference(branch);
  await lh.nessie.commit(branch, head.hash, [icebergViewPut(ns, 'c_view')], 'add view c_view');
  await lh.nessie.createTag(tag, branch);
});

after(() => cleanup(lh, [branch, tag]));

test('refs: branches then tags, each by name in code-unit order', async () => {
  const refs = await listing.refs();
  const main = await lh.nessie.getReference('main');
  const b = await lh.nessie.getReference(branch);
  const t = await lh.nessie.getReference(tag);
  assert.deepEqual(
    refs.filter((r) => [branch, tag, 'main'].includes(r.name)),
    [
      { type: 'BRANCH', name: branch, hash: b.hash },
      { type: 'BRANCH', name: 'main', hash: main.hash },
      { type: 'TAG', name: tag, hash: t.hash },
    ],
  );
  const firstTag = refs.findIndex((r) => r.type === 'TAG');
  assert.ok(refs.slice(firstTag).every((r) => r.type === 'TAG'));
  for (const group of [refs.slice(0, firstTag), refs.slice(firstTag)]) {
    const names = group.map((r) => r.name);
    assert.deepEqual(names, [...names].sort());
  }
});

test('namespaces and tables: the seeded demo tables, and tables and views of a namespace', async () => {
  const namespaces = await listing.namespaces(branch);
  const demo = await lh.nessie.content(branch, ['demo']);
  const mine = await lh.nessie.content(branch, [ns]);
  assert.deepEqual(
    namespaces.filter((n) => n.schema === 'demo' || n.schema === ns),
    [
      { namespace: ['demo'], schema: 'demo', contentId: demo.content.id },
      { namespace: [ns], schema: ns, contentId: mine.content.id },
    ],
  );
  const schemas = namespaces.map((n) => n.schema);
  assert.deepEqual(schemas, [...schemas].sort());

  const page = await listing.tables(branch, [ns]);
  assert.equal(page.nextPageToken, undefined);
  assert.deepEqual(
    page.entries.map((e) => [e.name, e.kind]),
    [
      ['a_table', 'table'],
      ['b_table', 'table'],
      ['c_view', 'view'],
    ],
  );
  const view = page.entries[2]!;
  assert.equal(view.metadataLocation, `local:///views/${ns}/c_view.metadata.json`);
  assert.equal(view.snapshotId, undefined);
  assert.deepEqual(view.namespace, [ns]);

  // The seeded tables on main, with the snapshot Trino reads as current.
  const seeded = (await listing.tables('main', ['demo'])).entries;
  for (const name of ['lineitem', 'orders', 'sensor_readings']) {
    const t = seeded.find((e) => e.name === name);
    assert.equal(t?.kind, 'table', name);
    assert.match(t?.metadataLocation ?? '', /^local:\/\/\/.*\.metadata\.json$/);
  }
  const orders = seeded.find((e) => e.name === 'orders')!;
  const current = await lh.run(
    'SELECT CAST(snapshot_id AS varchar) FROM "orders$snapshots" ORDER BY committed_at DESC LIMIT 1',
    { catalog: 'lake', schema: 'demo' },
  );
  assert.equal(orders.snapshotId, current.rows[0]![0]);
  assert.equal(orders.contentId, (await lh.nessie.content('main', ['demo', 'orders'])).content.id);
});

test('columns: names, Trino types, nullability and comments, in table order', async () => {
  assert.deepEqual(await listing.columns(branch, { namespace: [ns], name: 'b_table' }), [
    { name: 'id', type: 'bigint', nullable: false, comment: 'the id' },
    { name: 'label', type: 'varchar', nullable: true },
  ]);
  const orders = await listing.columns('main', { namespace: ['demo'], name: 'orders' });
  assert.deepEqual(
    orders.map((c) => `${c.name} ${c.type}`),
    [
      'orderkey bigint',
      'custkey bigint',
      'orderstatus varchar',
      'totalprice decimal(12,2)',
      'orderdate date',
      'orderpriority varchar',
      'clerk varchar',
      'shippriority integer',
      'comment varchar',
    ],
  );
  const missing = await listing
    .columns(branch, { namespace: [ns], name: 'nope' })
    .catch((e: unknown) => e);
  assert.ok(missing instanceof TableNotFoundError);
  assert.equal(missing.oneLine(), `no table ${ns}.nope on ${branch}`);
});

test('cached per hash: a second listing reads only the head; a moved ref is re-listed', async () => {
  await listing.tables(branch, [ns]);
  await listing.columns(branch, { namespace: [ns], name: 'a_table' });
  nessieRequests.length = 0;
  const sent = lh.sent.length;
  await listing.tables(branch, [ns]);
  await listing.columns(branch, { namespace: [ns], name: 'a_table' });
  const head = `GET /trees/${encodeURIComponent(branch)}`;
  assert.deepEqual(nessieRequests, [head, head]);
  assert.equal(lh.sent.length, sent, 'columns came from the cache');

  await sql(`CREATE TABLE ${ns}.d_table (y double)`);
  const moved = await listing.tables(branch, [ns]);
  assert.deepEqual(
    moved.entries.map((e) => e.name),
    ['a_table', 'b_table', 'c_view', 'd_table'],
  );
  assert.deepEqual(await listing.columns(branch, { namespace: [ns], name: 'd_table' }), [
    { name: 'y', type: 'double', nullable: true },
  ]);

  const before = entriesRequests();
  await listing.tables(branch, [ns]);
  assert.equal(entriesRequests(), before, 'same hash: from the cache');
  listing.invalidate(branch);
  await listing.tables(branch, [ns]);
  assert.equal(entriesRequests(), before + 1, 'invalidate(ref) drops the cached listing');
  listing.invalidate();
  await listing.tables(branch, [ns]);
  assert.equal(entriesRequests(), before + 2, 'invalidate() drops everything');
});

test('paging: small pages cover the listing once, pinned to the first page’s commit', async () => {
  const first = await listing.tables(branch, [ns], { pageSize: 2 });
  assert.deepEqual(
    first.entries.map((e) => e.name),
    ['a_table', 'b_table'],
  );
  const hash = (await lh.nessie.getReference(branch)).hash;
  assert.equal(first.nextPageToken, `${hash}.2`);
  // The ref moves between pages: the next page still reads the first page's commit.
  await sql(`CREATE TABLE ${ns}.aa_table (z int)`);
  const second = await listing.tables(branch, [ns], {
    pageSize: 2,
    pageToken: first.nextPageToken,
  });
  assert.deepEqual(
    second.entries.map((e) => e.name),
    ['c_view', 'd_table'],
  );
  assert.equal(second.nextPageToken, undefined);
  const fresh = await listing.tables(branch, [ns], { pageSize: 3 });
  assert.deepEqual(
    fresh.entries.map((e) => e.name),
    ['a_table', 'aa_table', 'b_table'],
  );
  assert.match(fresh.nextPageToken ?? '', /^[0-9a-f]{64}\.3$/);

  const bad = await listing
    .tables(branch, [ns], { pageToken: 'not-a-token' })
    .catch((e: unknown) => e);
  assert.ok(bad instanceof InvalidPageTokenError);
  assert.equal(bad.oneLine(), "invalid page token 'not-a-token'; list again from the first page");
  await assert.rejects(listing.tables(branch, [ns], { pageSize: 0 }), {
    name: 'RangeError',
    message: 'page size must be an integer from 1 to 10000, not 0',
  });
});

test('an illegal ref name sends nothing; a missing ref is a one-line error', async () => {
  nessieRequests.length = 0;
  for (const call of [
    () => listing.namespaces('bad..name'),
    () => listing.tables('bad..name', ['demo']),
    () => listing.columns('-', { namespace: ['demo'], name: 'orders' }),
  ]) {
    const e = await call().catch((err: unknown) => err);
    assert.ok(e instanceof InvalidRefNameError, String(e));
  }
  assert.deepEqual(nessieRequests, []);
  await assert.rejects(listing.tables(branch, []), {
    name: 'InvalidNamespaceError',
    message: 'invalid namespace []: give its non-empty elements',
  });
  const missing = uniqueRef('nope');
  const e = await listing.tables(missing, ['demo']).catch((err: unknown) => err);
  assert.ok(e instanceof NessieNotFoundError);
  assert.equal(e.oneLine(), `Named reference '${missing}' not found`);
});
