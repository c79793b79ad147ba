// Whether Trino compresses its answers: not for a coordinator on this machine (gzip there costs
// Trino more than the bytes it saves), gzip when asked or for a remote one. Checked on what the
// real Trino sends back, through a fetch that records each answer's Content-Encoding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  TrinoClient,
  isLoopbackUrl,
  type TrinoClientOptions,
} from '../../../shared/src/trino/client';
import { trinoUrl } from '../../support/platform';

async function encodings(compression?: TrinoClientOptions['compression']): Promise<string[]> {
  const seen: string[] = [];
  const recording: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    seen.push(res.headers.get('content-encoding') ?? 'identity');
    return res;
  };
  const client = new TrinoClient({
    url: trinoUrl(),
    user: 'loch-test',
    fetch: recording,
    compression,
  });
  const rows = await client.query('SELECT count(*) FROM (SELECT * FROM tpch.tiny.lineitem)').rows();
  assert.deepEqual(rows, [[60175]]);
  return [...new Set(seen)];
}

test('a Trino on loopback answers uncompressed by default', async () => {
  assert.ok(isLoopbackUrl(trinoUrl()));
  assert.deepEqual(await encodings(), ['identity']);
  assert.deepEqual(await encodings('none'), ['identity']);
});

test('compression: gzip gets gzip answers from the same Trino', async () => {
  assert.deepEqual(await encodings('gzip'), ['gzip']);
});

test('isLoopbackUrl: localhost, 127.0.0.0/8 and ::1 only', () => {
  for (const u of [
    'http://localhost:8080',
    'https://127.0.0.1',
    'http://127.1.2.3:1',
    'http://[::1]:8080',
  ]) {
    assert.equal(isLoopbackUrl(u), true, u);
  }
  for (const u of [
    'http://trino.example.com',
    'http://10.0.0.1',
    'http://127.0.0.1.example.com',
    'not a url',
  ]) {
    assert.equal(isLoopbackUrl(u), false, u);
  }
});
