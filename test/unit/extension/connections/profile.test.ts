import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  connectionsOf,
  localProfile,
  parseProfiles,
  secretKey,
  trinoAuth,
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
      tls: undefined,
      lakeCatalogProperties: undefined,
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

test("trinoAuth maps each auth kind to the core's TrinoAuth and demands the secret", () => {
  const [p] = parseProfiles([
    { name: 'x', trinoUrl: 'http://a:1', user: 'ann', auth: 'basic' },
  ]).profiles;
  const open = () => undefined;
  assert.deepEqual(trinoAuth(p!, 'pw', open), { type: 'basic', user: 'ann', password: 'pw' });
  assert.throws(() => trinoAuth(p!, undefined, open), /profile "x" needs a password/);
  assert.deepEqual(trinoAuth({ ...p!, auth: 'jwt' }, 'tok', open), {
    type: 'bearer',
    token: 'tok',
  });
  assert.throws(() => trinoAuth({ ...p!, auth: 'jwt' }, undefined, open), /needs a token/);
  assert.deepEqual(trinoAuth({ ...p!, auth: 'none' }, 'ignored', open), { type: 'none' });
  // OAuth2 without a stored token: Trino's external authentication, opened with the host's browser.
  assert.deepEqual(trinoAuth({ ...p!, auth: 'oauth2' }, undefined, open), {
    type: 'oauth2',
    openUrl: open,
  });
  assert.deepEqual(trinoAuth({ ...p!, auth: 'oauth2' }, 't', open), { type: 'bearer', token: 't' });
  assert.equal(secretKey('x'), 'loch.secret.x');
});

test('connectionsOf passes a jwt token to Nessie but never a basic password', () => {
  const [p] = parseProfiles([
    { name: 'x', trinoUrl: 'http://a:1', nessieUrl: 'http://n:1/api/v2', auth: 'jwt' },
  ]).profiles;
  assert.equal(connectionsOf(p!, 'tok').nessie?.token, 'tok');
  assert.equal(connectionsOf({ ...p!, auth: 'basic' }, 'pw').nessie?.token, undefined);
  assert.equal(connectionsOf(p!, 'tok').client.options.user, 'loch');
  assert.deepEqual(connectionsOf(p!, 'tok').client.options.auth, { type: 'bearer', token: 'tok' });
});
