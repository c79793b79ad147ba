// LakeListing's input checks and page tokens: refused before any request is made.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidPageTokenError, LakeListing } from '../../../shared/src/lakehouse/catalog-listing';
import { pageToken, parsePageToken } from '../../../shared/src/lakehouse/listing-types';
import { NessieClient } from '../../../shared/src/nessie/client';

const HASH = '5fbb599252e3f6b77c8a9640312656fdd0f0bd0b25ef8a54c39c40ed33ad2a81';

test('a page token pins the commit hash and the offset, and round-trips', () => {
  assert.equal(pageToken(HASH, 250), `${HASH}.250`);
  assert.deepEqual(parsePageToken(`${HASH}.250`), { hash: HASH, offset: 250 });
  assert.deepEqual(parsePageToken('0123abcd.0'), { hash: '0123abcd', offset: 0 });
});

test('a token that LakeListing did not hand out is a one-line error', () => {
  for (const bad of [
    '',
    'main.2',
    `${HASH}`,
    `${HASH}.-1`,
    `${HASH}.1e3`,
    `${HASH.toUpperCase()}.1`,
    `abc.1`,
    `${HASH}.1234567890`,
  ]) {
    assert.throws(() => parsePageToken(bad), InvalidPageTokenError, bad);
  }
  const e = new InvalidPageTokenError('x'.repeat(100));
  assert.equal(
    e.oneLine(),
    `invalid page token '${'x'.repeat(40)}...'; list again from the first page`,
  );
});

test('bad refs, namespaces, page sizes and tokens send nothing', async () => {
  const sent: string[] = [];
  const listing = new LakeListing({
    nessie: new NessieClient({
      url: 'http://nessie.invalid/api/v2',
      fetch: async (input) => {
        sent.push(String(input));
        throw new Error('no request may be sent');
      },
    }),
    run: async (sql) => {
      sent.push(sql);
      throw new Error('no SQL may be sent');
    },
    catalogFor: async (ref) => {
      sent.push(ref);
      throw new Error('no catalog may be resolved');
    },
  });
  await assert.rejects(listing.tables('a..b', ['demo']), { name: 'InvalidRefNameError' });
  await assert.rejects(listing.namespaces('HEAD'), { name: 'InvalidRefNameError' });
  await assert.rejects(listing.tables('main', []), {
    name: 'InvalidNamespaceError',
    message: 'invalid namespace []: give its non-empty elements',
  });
  await assert.rejects(listing.tables('main', ['demo', '']), { name: 'InvalidNamespaceError' });
  await assert.rejects(listing.columns('main', { namespace: ['demo'], name: '' }), {
    name: 'InvalidNamespaceError',
  });
  for (const pageSize of [0, -1, 1.5, 10_001]) {
    await assert.rejects(listing.tables('main', ['demo'], { pageSize }), {
      name: 'RangeError',
      message: `page size must be an integer from 1 to 10000, not ${pageSize}`,
    });
  }
  await assert.rejects(listing.tables('main', ['demo'], { pageToken: 'main.0' }), {
    name: 'InvalidPageTokenError',
    message: "invalid page token 'main.0'",
  });
  assert.deepEqual(sent, []);
});
