// Wrong credentials and an expired token against a real Trino with authentication on: one clear
// line, a non-zero exit, no hang. The Trino here (its own platform, see SecuredPlatform) takes
// password-file and JWT authentication on its HTTPS port.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createSign, generateKeyPairSync, pbkdf2Sync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { TrinoAuth } from '../../../shared/src/trino/auth';
import { TrinoTransportError } from '../../../shared/src/trino/errors';
import { runLoch } from '../../support/cli';
import { SecuredPlatform } from '../../support/secured-platform';

const USER = 'loch-test';
const PASSWORD = 'right-horse-battery';
// What Trino 476 answers (HTTP 401 both times), as the client words it.
const WRONG_PASSWORD = `Trino refused the credentials of user ${USER} (HTTP 401: Access Denied: Invalid credentials)`;
const EXPIRED_TOKEN =
  /^Trino refused the token \(expired or invalid\) \(HTTP 401: JWT expired \d+ milliseconds ago at [-0-9T:.]+Z\. Current time: [-0-9T:.]+Z\. Allowed clock skew: 0 milliseconds\.\)\n?$/;

const platform = new SecuredPlatform({ trino: 28780, https: 28781, nessie: 29720 });
let signingKey: string;

/**
 * A password-file line in Trino's PBKDF2 form, `iterations:salt-hex:hash-hex`; the hash is
 * PBKDF2 with HMAC-SHA1, as Trino 476's file authenticator computes it.
 */
function pbkdf2Line(user: string, password: string): string {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, 1000, 64, 'sha1');
  return `${user}:1000:${salt.toString('hex')}:${hash.toString('hex')}`;
}

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

/** An RS256 JWT for `sub`, expiring `expiresIn` seconds from now (negative: already expired). */
function jwt(sub: string, expiresIn: number): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify({ sub, iat: now - 3600, exp: now + expiresIn }));
  const sig = createSign('RSA-SHA256').update(`${head}.${body}`).sign(signingKey);
  return `${head}.${body}.${b64url(sig)}`;
}

const client = (auth: TrinoAuth) => platform.client(USER, auth);

async function failure(auth: TrinoAuth): Promise<unknown> {
  return client(auth)
    .query('SELECT 1')
    .rows()
    .then(
      () => undefined,
      (e: unknown) => e,
    );
}

before(async () => {
  const { dir } = platform;
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  signingKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const jwtKey = join(dir, 'jwt-public.pem');
  writeFileSync(jwtKey, pair.publicKey.export({ type: 'spki', format: 'pem' }) as string);

  const passwords = join(dir, 'password.db');
  writeFileSync(passwords, `${pbkdf2Line(USER, PASSWORD)}\n`);
  const authenticator = join(dir, 'password-authenticator.properties');
  writeFileSync(
    authenticator,
    `password-authenticator.name=file\nfile.password-file=${passwords}\n`,
  );
  await platform.up([
    'http-server.authentication.type=PASSWORD,JWT',
    `password-authenticator.config-files=${authenticator}`,
    `http-server.authentication.jwt.key-file=${jwtKey}`,
  ]);
});

after(() => platform.down());

test('basic auth with the right password returns rows', { timeout: 180_000 }, async () => {
  const rows = await client({ type: 'basic', user: USER, password: PASSWORD })
    .query('SELECT count(*) FROM tpch.tiny.nation')
    .rows();
  assert.deepEqual(rows, [[25]]);
});

test('a wrong password is an auth error in one line, without a hang', async () => {
  const t0 = Date.now();
  const err = await failure({ type: 'basic', user: USER, password: 'wrong' });
  assert.ok(Date.now() - t0 < 10_000);
  assert.ok(err instanceof TrinoTransportError, String(err));
  assert.equal(err.kind, 'auth');
  assert.equal(err.status, 401);
  assert.equal(err.message.split('\n').length, 1);
  assert.equal(err.message, WRONG_PASSWORD);
});

test('a valid JWT returns rows', { timeout: 60_000 }, async () => {
  const rows = await client({ type: 'bearer', token: jwt(USER, 600) })
    .query('SELECT 7')
    .rows();
  assert.deepEqual(rows, [[7]]);
});

test('an expired JWT is an auth error in one line, without a hang', async () => {
  const t0 = Date.now();
  const err = await failure({ type: 'bearer', token: jwt(USER, -600) });
  assert.ok(Date.now() - t0 < 10_000);
  assert.ok(err instanceof TrinoTransportError, String(err));
  assert.equal(err.kind, 'auth');
  assert.equal(err.status, 401);
  assert.equal(err.message.split('\n').length, 1);
  assert.match(err.message, EXPIRED_TOKEN);
});

const cliEnv = (secret: { LOCH_PASSWORD: string } | { LOCH_TOKEN: string }) =>
  platform.cliEnv(USER, secret);

test('loch query: right password prints rows, wrong one a single line', async () => {
  const ok = await runLoch(
    ['query', 'SELECT count(*) AS n FROM tpch.tiny.nation'],
    cliEnv({ LOCH_PASSWORD: PASSWORD }),
    60_000,
  );
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /\b25\b/);

  const bad = await runLoch(['query', 'SELECT 1'], cliEnv({ LOCH_PASSWORD: 'wrong' }), 30_000);
  assert.notEqual(bad.code, 0);
  assert.equal(bad.stdout, '');
  assert.equal(bad.stderr, `loch: ${WRONG_PASSWORD}\n`);
});

test('loch query: a valid token prints rows, an expired one a single line', async () => {
  const ok = await runLoch(
    ['query', 'SELECT 7 AS seven'],
    cliEnv({ LOCH_TOKEN: jwt(USER, 600) }),
    60_000,
  );
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /\b7\b/);

  const bad = await runLoch(['query', 'SELECT 1'], cliEnv({ LOCH_TOKEN: jwt(USER, -600) }), 30_000);
  assert.notEqual(bad.code, 0);
  assert.equal(bad.stdout, '');
  assert.equal(bad.stderr.split('\n').length, 2, bad.stderr);
  assert.match(bad.stderr.slice('loch: '.length), EXPIRED_TOKEN);
  assert.ok(bad.stderr.startsWith('loch: '), bad.stderr);
});
