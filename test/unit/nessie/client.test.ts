import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NessieClient } from '../../../shared/src/nessie/client';
import {
  InvalidRefNameError,
  NessieApiError,
  NessieConflictError,
  NessieNotFoundError,
  NessieTransportError,
} from '../../../shared/src/nessie/errors';
import { recording, replay, URL_ROOT } from './replay';

const { a, b, key, key2 } = recording.names;
const dotted = key.join('.');
const body = (i: number) => JSON.parse(recording.exchanges[i]!.body);

function client(r = replay()) {
  return { nessie: new NessieClient({ url: URL_ROOT, token: 'secret-token', fetch: r.fetch }), r };
}

test('config and bearer auth on every request', async () => {
  const { nessie, r } = client();
  const config = await nessie.config();
  assert.equal(config.defaultBranch, 'main');
  assert.equal(config.actualApiVersion, 2);
  assert.equal(config.specVersion, '2.2.0');
  assert.deepEqual(
    r.requests.map((q) => q.authorization),
    ['Bearer secret-token'],
  );
});

test('getReference encodes / in a ref name and returns the reference', async () => {
  const { nessie, r } = client();
  const ref = await nessie.getReference(a);
  assert.equal(r.requests[0]!.path, `/trees/${encodeURIComponent(a)}`);
  assert.deepEqual(ref, body(14).reference);
  assert.equal(ref.type, 'BRANCH');
  assert.equal(ref.name, a);
  assert.match(ref.hash, /^[0-9a-f]{64}$/);
});

test('listReferences filters by prefix and type in CEL', async () => {
  const { nessie, r } = client();
  const refs = await nessie.listReferences({ prefix: 'rec' });
  assert.deepEqual(
    refs.map((x) => x.name),
    [a, b].sort(),
  );
  const tags = await nessie.listReferences({ type: 'TAG', prefix: 'rec' });
  assert.deepEqual(tags, []);
  assert.equal(
    decodeURIComponent(r.requests[1]!.path.replace(/\+/g, ' ')),
    "/trees?filter=refType == 'TAG' && ref.name.startsWith('rec')",
  );
  // A prefix that is not ref-name text never reaches a CEL expression.
  assert.deepEqual(await nessie.listReferences({ prefix: "x') || true || ('" }), []);
  assert.equal(r.requests.length, 2);
});

test('createBranch sends the source reference and returns the new branch', async () => {
  const { nessie, r } = client();
  const main = body(1).reference;
  const created = await nessie.createBranch(a, main);
  assert.deepEqual(created, { type: 'BRANCH', name: a, hash: main.hash });
  assert.equal(r.requests[0]!.method, 'POST');
  assert.equal(r.requests[0]!.path, `/trees?name=${encodeURIComponent(a)}&type=BRANCH`);
  assert.deepEqual(JSON.parse(r.requests[0]!.body!), {
    type: 'BRANCH',
    name: 'main',
    hash: main.hash,
  });
});

test('content keeps a 64-bit snapshot id exact', async () => {
  const { nessie } = client();
  const { content, reference } = await nessie.content(a, key);
  assert.equal(content.type, 'ICEBERG_TABLE');
  assert.equal((content as { snapshotId: string }).snapshotId, '7144924315135200940');
  assert.equal(reference.name, a);
  const many = await nessie.contents(a, [dotted, key2.join('.')]);
  assert.deepEqual([...many.contents.keys()].sort(), [dotted, key2.join('.')].sort());
  assert.equal(
    (many.contents.get(dotted) as { snapshotId: string }).snapshotId,
    '7144924315135200940',
  );
});

test('entries list namespaces and tables with their content', async () => {
  const { nessie } = client();
  const entries = await nessie.entries(a, { content: true });
  const mine = entries.filter((e) => e.key === dotted || e.key === key2.join('.'));
  assert.equal(mine.length, 2);
  assert.ok(entries.some((e) => e.type === 'NAMESPACE' && e.key === 'demo'));
  assert.deepEqual(mine[0]!.elements.length, 2);
});

test('diff names each changed key with both sides', async () => {
  const { nessie } = client();
  const diff = await nessie.diff(a, b);
  assert.equal(diff.from.name, a);
  assert.equal(diff.to.name, b);
  assert.deepEqual(diff.entries.map((e) => e.key).sort(), [dotted, key2.join('.')].sort());
  const e = diff.entries.find((x) => x.key === dotted)!;
  assert.equal(e.from?.metadataLocation, `local:///recorded/a-${key[1]}.metadata.json`);
  assert.equal(e.to?.metadataLocation, `local:///recorded/b-${key[1]}.metadata.json`);
});

test('commitLog cuts a page to maxRecords (Nessie treats it as a hint)', async () => {
  const { nessie } = client();
  const page = await nessie.commitLog(a, { maxRecords: 1 });
  assert.equal(page.entries.length, 1);
  assert.equal(page.hasMore, true);
  assert.equal(page.entries[0]!.commitMeta.message, `recorded commit on ${a}`);
});

test('a merge conflict throws NessieConflictError naming every key, via a dry run', async () => {
  const { nessie, r } = client();
  const err = await nessie.merge({ from: b, into: a, dryRun: true }).catch((e: unknown) => e);
  assert.ok(err instanceof NessieConflictError);
  assert.deepEqual(err.keys.sort(), [dotted, key2.join('.')].sort());
  assert.equal(err.conflicts[0]!.conflictType, 'KEY_EXISTS');
  const merge = r.requests.find((q) => q.path.endsWith('/history/merge'))!;
  const sent = JSON.parse(merge.body!);
  assert.equal(sent.isDryRun, true);
  assert.equal(sent.isReturnConflictAsResult, true);
  assert.equal(sent.fromRefName, b);
});

test("Nessie's plain 409 message still yields the conflicting keys", async () => {
  const raw = recording.exchanges[17]!;
  assert.equal(raw.status, 409);
  const { nessie } = client(
    replay((_method, path) => (path.endsWith('/history/merge') ? raw : undefined)),
  );
  const err = await nessie.merge({ from: b, into: a }).catch((e: unknown) => e);
  assert.ok(err instanceof NessieConflictError);
  assert.deepEqual(err.keys.sort(), [dotted, key2.join('.')].sort());
  assert.match(err.oneLine(), /nothing was changed/);
});

test('a stale expected hash is a NessieConflictError without keys', async () => {
  const { nessie } = client();
  const main = body(1).reference;
  const err = await nessie
    .deleteReference(a, { expectedHash: main.hash, type: 'BRANCH' })
    .catch((e: unknown) => e);
  assert.ok(err instanceof NessieConflictError);
  assert.deepEqual(err.keys, []);
  assert.equal(err.errorCode, 'REFERENCE_CONFLICT');
  assert.match(err.message, /is not at expected hash/);
});

test('unknown refs and keys are NessieNotFoundError with Nessie error codes', async () => {
  const { nessie } = client();
  const missingRef = recording.exchanges[18]!.path.slice('/trees/'.length);
  const e1 = await nessie.getReference(missingRef).catch((e: unknown) => e);
  assert.ok(e1 instanceof NessieNotFoundError);
  assert.equal(e1.errorCode, 'REFERENCE_NOT_FOUND');
  assert.equal(e1.oneLine(), `Named reference '${missingRef}' not found`);
  const e2 = await nessie
    .content(a, ['demo', `missing_${key[1]!.slice(4)}`])
    .catch((e: unknown) => e);
  assert.ok(e2 instanceof NessieNotFoundError);
  assert.equal(e2.errorCode, 'CONTENT_NOT_FOUND');
});

test('hostile and illegal ref names are refused before any request', async () => {
  const { nessie, r } = client();
  for (const name of [
    '',
    '..',
    'a..b',
    'x/',
    'x.',
    '1abc',
    'HEAD',
    'detached',
    'deadbeef',
    "x'; DROP CATALOG lake; --",
    'a b',
    'a\nb',
    'é',
    '../../etc',
  ]) {
    await assert.rejects(nessie.getReference(name), InvalidRefNameError, JSON.stringify(name));
    await assert.rejects(nessie.createBranch(name, 'main'), InvalidRefNameError);
    await assert.rejects(nessie.merge({ from: name, into: 'main' }), InvalidRefNameError);
    if (name !== 'deadbeef') {
      await assert.rejects(
        nessie.deleteReference('main', { expectedHash: name }),
        InvalidRefNameError,
      );
    }
  }
  assert.equal(r.requests.length, 0);
});

test('an unreachable server is a NessieTransportError naming the URL', async () => {
  const nessie = new NessieClient({ url: 'http://127.0.0.1:1/api/v2' });
  const err = await nessie.config().catch((e: unknown) => e);
  assert.ok(err instanceof NessieTransportError);
  assert.ok(!(err instanceof NessieApiError));
  assert.match(err.message, /^cannot reach Nessie at http:\/\/127\.0\.0\.1:1\/api\/v2: /);
});
