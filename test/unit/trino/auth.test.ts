// Credentials on the wire: basic auth in UTF-8 base64, bearer tokens, and the external
// authentication (OAuth2) challenge Trino sends in WWW-Authenticate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base64Utf8, parseExternalAuthChallenge } from '../../../shared/src/trino/auth';
import { TrinoClient } from '../../../shared/src/trino/client';
import { loadRecording, replay } from '../../fixtures/trino/replay';

test('basic credentials are base64 of UTF-8, as RFC 7617 asks', () => {
  assert.equal(base64Utf8('alice:s3cret'), Buffer.from('alice:s3cret').toString('base64'));
  assert.equal(
    base64Utf8('jörg:pässwörd✓'),
    Buffer.from('jörg:pässwörd✓', 'utf8').toString('base64'),
  );
  assert.equal(base64Utf8(''), '');
  assert.equal(base64Utf8('a'), 'YQ==');
});

test('every request carries the configured credentials', async () => {
  for (const [auth, expected] of [
    [{ type: 'basic', user: 'alice', password: 'pw' }, `Basic ${base64Utf8('alice:pw')}`],
    [{ type: 'bearer', token: 'eyJ.x.y' }, 'Bearer eyJ.x.y'],
  ] as const) {
    const r = replay(loadRecording('use-schema'));
    const c = new TrinoClient({
      url: 'http://127.0.0.1:28080',
      user: 'alice',
      auth,
      fetch: r.fetch,
    });
    await c.query('USE tpch.tiny').summary;
    assert.ok(r.requests.length > 1);
    for (const q of r.requests) {
      assert.equal((q.headers as Record<string, string>).authorization, expected);
    }
  }
});

test('the external-authentication challenge yields the login page and the token server', () => {
  // The header form of Trino's OAuth2 authenticator (io.trino.server.security.oauth2).
  const header =
    'Bearer x_redirect_server="https://trino.example:8443/oauth2/token/initiate/abc", ' +
    'x_token_server="https://trino.example:8443/oauth2/token/abc"';
  assert.deepEqual(parseExternalAuthChallenge(header), {
    redirectUrl: 'https://trino.example:8443/oauth2/token/initiate/abc',
    tokenUrl: 'https://trino.example:8443/oauth2/token/abc',
  });
  assert.equal(parseExternalAuthChallenge('Basic realm="Trino"'), undefined);
  assert.equal(parseExternalAuthChallenge(null), undefined);
});
