import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  authenticatedFetch,
  authorization,
  connectionsOf,
  localProfile,
  parseProfiles,
  secretKey,
} from '../../../../extension/src/connections/profile';

test('parseProfiles fills defaults and trims URLs', () => {
  const { profiles, problems } = parseProfiles([
    {
      name: 'prod',
      trinoUrl: 'https://trino.example.com:8443/',
      nessieUrl: 'https://nessie.example.com/api/v2/',
    },
  ]);
  assert.deepEqual(problems, []);
  assert.deepEqual(profiles, [
    {
      name: 'prod',
      trinoUrl: 'https://trino.example.com:8443',
      user: 'loch',
      catalog: 'lake',
      schema: undefined,
      nessieUrl: 'https://nessie.example.com/api/v2',
      auth: 'none',
      oauth2AuthorizeUrl: undefined,
      tls: undefined,
    },
  ]);
});

test('parseProfiles reports each bad entry by name and keeps the good ones', () => {
  const { profiles, problems } = parseProfiles([
    { name: 'ok', trinoUrl: 'http://a:1' },
    { name: 'ok', trinoUrl: 'http://b:1' },
    { name: 'nourl' },
    { name: 'ftp', trinoUrl: 'ftp://x' },
    { name: 'local', trinoUrl: 'http://c:1' },
    { name: 'badauth', trinoUrl: 'http://d:1', auth: 'kerberos' },
    'text',
  ]);
  assert.deepEqual(
    profiles.map((p) => p.name),
    ['ok'],
  );
  assert.deepEqual(problems, [
    'profile "ok" is defined twice',
    'profile "nourl" has no trinoUrl',
    'profile "ftp": trinoUrl must be http(s), not ftp:',
    '"local" is reserved for the local platform',
    'profile "badauth": unknown auth "kerberos"',
    'entry 7 is not an object',
  ]);
});

test('the local profile points at the recorded endpoints with Nessie API v2', () => {
  const p = localProfile({ trino: 'http://127.0.0.1:28080', nessie: 'http://127.0.0.1:29120' });
  assert.equal(p.trinoUrl, 'http://127.0.0.1:28080');
  assert.equal(p.nessieUrl, 'http://127.0.0.1:29120/api/v2');
  assert.equal(p.catalog, 'lake');
});

test('authorization builds Basic and Bearer headers and demands the secret', () => {
  const [p] = parseProfiles([
    { name: 'x', trinoUrl: 'http://a:1', user: 'ann', auth: 'basic' },
  ]).profiles;
  assert.equal(authorization(p!, 'pw'), `Basic ${Buffer.from('ann:pw').toString('base64')}`);
  assert.throws(() => authorization(p!, undefined), /profile "x" needs a password/);
  assert.equal(authorization({ ...p!, auth: 'jwt' }, 'tok'), 'Bearer tok');
  assert.equal(authorization({ ...p!, auth: 'none' }, 'ignored'), undefined);
  assert.equal(secretKey('x'), 'loch.secret.x');
});

test('authenticatedFetch adds the header without dropping the caller’s', async () => {
  const seen: Headers[] = [];
  const base = (async (_u: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Headers(init?.headers));
    return new Response('ok');
  }) as typeof fetch;
  await authenticatedFetch('Bearer t', base)('http://x', { headers: { 'X-Trino-User': 'u' } });
  assert.equal(seen[0]!.get('authorization'), 'Bearer t');
  assert.equal(seen[0]!.get('x-trino-user'), 'u');
  assert.equal(authenticatedFetch(undefined, base), base);
});

test('connectionsOf passes a jwt token to Nessie but never a basic password', () => {
  const [p] = parseProfiles([
    { name: 'x', trinoUrl: 'http://a:1', nessieUrl: 'http://n:1/api/v2', auth: 'jwt' },
  ]).profiles;
  assert.equal(connectionsOf(p!, 'tok').nessie?.token, 'tok');
  assert.equal(connectionsOf({ ...p!, auth: 'basic' }, 'pw').nessie?.token, undefined);
  assert.equal(connectionsOf(p!, 'tok').trino.user, 'loch');
});
