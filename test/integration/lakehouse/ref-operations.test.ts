// Branch and tag create/delete, diff and log as the core's functions, on the real Nessie and
// Trino. Every ref is unique to this file.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  createRef,
  deleteRefOfType,
  RefTypeMismatchError,
} from '../../../shared/src/lakehouse/branches';
import { refCatalogName } from '../../../shared/src/lakehouse/ref-catalogs';
import { diffRefs, refLog } from '../../../shared/src/lakehouse/ref-changes';
import { NessieClient } from '../../../shared/src/nessie/client';
import {
  InvalidRefNameError,
  NessieConflictError,
  NessieNotFoundError,
} from '../../../shared/src/nessie/errors';
import { nessieApiUrl } from '../../support/platform';
import { catalogExists, cleanup, lakehouse, uniqueRef } from './context';

const lh = lakehouse();
const refs: string[] = [];
after(() => cleanup(lh, refs));

/** A client that records every request, for "nothing was sent" assertions. */
function recordingNessie(): { nessie: NessieClient; requests: string[] } {
  const requests: string[] = [];
  const nessie = new NessieClient({
    url: nessieApiUrl(),
    fetch: (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return fetch(input, init);
    },
  });
  return { nessie, requests };
}

test('create a branch and a tag, then delete each only as its own type', async () => {
  const source = await lh.nessie.createBranch(uniqueRef('ops-src'), 'main');
  refs.push(source.name);
  const branch = uniqueRef('ops-branch');
  const tag = uniqueRef('ops-tag');
  refs.push(branch, tag);
  const b = await createRef(lh.nessie, 'BRANCH', branch, source.name);
  assert.deepEqual(b, { type: 'BRANCH', name: branch, hash: source.hash });
  const t = await createRef(lh.nessie, 'TAG', tag, b);
  assert.deepEqual(t, { type: 'TAG', name: tag, hash: source.hash });
  const fromDefault = uniqueRef('ops-default');
  refs.push(fromDefault);
  const d = await createRef(lh.nessie, 'BRANCH', fromDefault);
  assert.equal(d.hash, (await lh.nessie.commits('main', { limit: 1 }))[0]!.hash);

  const taken = await createRef(lh.nessie, 'TAG', tag, 'main').catch((e: unknown) => e);
  assert.ok(taken instanceof NessieConflictError, String(taken));

  const wrong = await deleteRefOfType(lh.nessie, lh.catalogs, tag, 'BRANCH').catch(
    (e: unknown) => e,
  );
  assert.ok(wrong instanceof RefTypeMismatchError);
  assert.equal(wrong.oneLine(), `${tag} is a tag, not a branch; nothing was deleted`);
  assert.deepEqual(await lh.nessie.getReference(tag), t);

  await lh.catalogs.ensure(branch);
  const deleted = await deleteRefOfType(lh.nessie, lh.catalogs, branch, 'BRANCH');
  assert.deepEqual(deleted, { ref: b, catalogDropped: true });
  assert.equal(await catalogExists(refCatalogName(branch)), false);
  const gone = await lh.nessie.getReference(branch).catch((e: unknown) => e);
  assert.ok(gone instanceof NessieNotFoundError);
  const deletedTag = await deleteRefOfType(lh.nessie, lh.catalogs, tag, 'TAG');
  assert.deepEqual(deletedTag, { ref: t, catalogDropped: false });
});

test('illegal names are refused before any request; missing refs are one-line errors', async () => {
  const { nessie, requests } = recordingNessie();
  for (const call of [
    () => createRef(nessie, 'BRANCH', 'a..b', 'main'),
    () => createRef(nessie, 'TAG', 'ok-name', 'HEAD'),
    () => deleteRefOfType(nessie, lh.catalogs, 'x"; DROP CATALOG lake; --', 'BRANCH'),
    () => diffRefs(nessie, 'main', '../main'),
    () => refLog(nessie, '-'),
  ]) {
    const e = await call().catch((err: unknown) => err);
    assert.ok(e instanceof InvalidRefNameError, String(e));
    assert.match(e.oneLine(), /^invalid reference '.*': /);
  }
  assert.deepEqual(requests, []);
  const missing = uniqueRef('nope');
  for (const call of [
    () => createRef(nessie, 'BRANCH', uniqueRef('never'), missing),
    () => refLog(nessie, missing),
    () => diffRefs(nessie, 'main', missing),
  ]) {
    const e = await call().catch((err: unknown) => err);
    assert.ok(e instanceof NessieNotFoundError, String(e));
    assert.equal(e.oneLine(), `Named reference '${missing}' not found`);
  }
});

test('diff names each changed key with its change; log reads one head', async () => {
  const base = await lh.nessie.createBranch(uniqueRef('ops-base'), 'main');
  const work = await lh.nessie.createBranch(uniqueRef('ops-work'), base);
  refs.push(base.name, work.name);
  const catalog = (await lh.catalogs.ensure(work.name)).catalog;
  await lh.run('CREATE TABLE demo.ops_added (x int)', { catalog });
  await lh.run('INSERT INTO demo.orders (orderkey) VALUES -3', { catalog });
  const head = await lh.nessie.getReference(work.name);

  const d = await diffRefs(lh.nessie, base.name, work.name);
  assert.deepEqual(d.from, base);
  assert.deepEqual(d.to, head);
  const orders = (await lh.nessie.content(work.name, 'demo.orders')).content;
  const ordersBefore = (await lh.nessie.content(base.name, 'demo.orders')).content;
  const added = (await lh.nessie.content(work.name, 'demo.ops_added')).content;
  assert.deepEqual(
    d.changes.map((c) => [c.key, c.change, c.contentType, c.fromSnapshotId, c.toSnapshotId]),
    [
      [
        'demo.ops_added',
        'added',
        'ICEBERG_TABLE',
        undefined,
        (added as { snapshotId: string }).snapshotId,
      ],
      [
        'demo.orders',
        'modified',
        'ICEBERG_TABLE',
        (ordersBefore as { snapshotId: string }).snapshotId,
        (orders as { snapshotId: string }).snapshotId,
      ],
    ],
  );
  const back = await diffRefs(lh.nessie, work.name, base.name);
  assert.deepEqual(
    back.changes.map((c) => [c.key, c.change]),
    [
      ['demo.ops_added', 'removed'],
      ['demo.orders', 'modified'],
    ],
  );

  const log = await refLog(lh.nessie, work.name, { limit: 3 });
  assert.deepEqual(log.ref, head);
  assert.deepEqual(
    log.commits.slice(0, 2).map((c) => c.message),
    ['Iceberg append against demo.orders', 'Iceberg append against demo.ops_added'],
  );
  assert.equal(log.commits[2]!.hash, base.hash, 'the third commit is where the branch forked');
  assert.equal(log.commits[0]!.hash, head.hash);
  await assert.rejects(refLog(lh.nessie, work.name, { limit: 0 }), {
    name: 'RangeError',
    message: 'a log limit is a positive integer, not 0',
  });
});
