// Trino's OAuth2 external authentication, end to end: a real Trino with
// `http-server.authentication.type=OAUTH2` (its own platform, see SecuredPlatform) and a real
// OpenID Connect provider on loopback. The client's `openUrl` hook hands the login page to
// Debian's Chromium, which signs in at the provider; Trino gets the code, exchanges it for a
// token, and the client's poll of Trino's token server picks the token up.
import assert from 'node:assert/strict';
import { X509Certificate, createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import type { TrinoAuth } from '../../../shared/src/trino/auth';
import type { TrinoQuery } from '../../../shared/src/trino/client';
import { TrinoQueryError, TrinoTransportError } from '../../../shared/src/trino/errors';
import { launchBrowser } from '../../support/browser';
import { runLoch } from '../../support/cli';
import { startOidcProvider, type OidcServer } from '../../support/oidc';
import { SecuredPlatform } from '../../support/secured-platform';

const platform = new SecuredPlatform({ trino: 28880, https: 28881, nessie: 29820 });
const LOGIN_PAGE = new RegExp(`^https://127\\.0\\.0\\.1:28881/oauth2/token/initiate/[0-9a-f]+$`);
let oidc: OidcServer;
let browser: BrowserContext;

/**
 * The user at the browser: opens Trino's login page, which redirects to the provider's sign-in
 * form; signs in as `login` and confirms, or cancels there. Resolves with the text of the page
 * the browser ends on (Trino's callback page).
 */
async function userAtBrowser(url: string, login: string, cancel = false): Promise<string> {
  // A fresh browser session: no sign-in left at the provider from an earlier login.
  await browser.clearCookies();
  const page = await browser.newPage();
  try {
    await page.goto(url);
    if (cancel) {
      await page.click('a[href*="/abort"]');
    } else {
      await page.fill('input[name=login]', login);
      await page.fill('input[name=password]', 'any password');
      await page.click('button[type=submit]');
      await page.click('button:has-text("Continue")');
    }
    await page.waitForURL(/\/oauth2\/callback/);
    return await page.innerText('body');
  } finally {
    await page.close();
  }
}

/** An OAuth2 auth whose browser is Chromium driven as `login`; it records what it was asked. */
function viaBrowser(login: string, options: { cancel?: boolean; loginTimeoutMs?: number } = {}) {
  const opened: string[] = [];
  const pages: Promise<string>[] = [];
  const auth: TrinoAuth = {
    type: 'oauth2',
    // A host's openUrl returns once the browser is asked; the login goes on beside the poll.
    openUrl: (url) => {
      opened.push(url);
      pages.push(userAtBrowser(url, login, options.cancel));
    },
    loginTimeoutMs: options.loginTimeoutMs,
  };
  return { auth, opened, pages };
}

/** What a query failed with (undefined when it did not). */
const failureOf = (q: TrinoQuery): Promise<unknown> =>
  q.rows().then(
    () => undefined,
    (e: unknown) => e,
  );

/** Chromium trusts exactly this run's certificate (by its public key), nothing else. */
function spkiHash(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

before(async () => {
  oidc = await startOidcProvider({ redirectUri: `${platform.url}/oauth2/callback` });
  await platform.up([
    'http-server.authentication.type=OAUTH2',
    `http-server.authentication.oauth2.issuer=${oidc.issuer}`,
    `http-server.authentication.oauth2.client-id=${oidc.clientId}`,
    `http-server.authentication.oauth2.client-secret=${oidc.clientSecret}`,
  ]);
  browser = await launchBrowser([
    `--ignore-certificate-errors-spki-list=${spkiHash(platform.cert.cert)}`,
  ]);
  // The provider's pages import a web font; this machine has no internet to fetch it from.
  await browser.route('https://fonts.googleapis.com/**', (route) => route.abort());
});

after(async () => {
  await browser?.close();
  await platform.down();
  await oidc?.close();
});

test('OAuth2: the browser login gives a token and the query runs as that user', async () => {
  const { auth, opened, pages } = viaBrowser('ada');
  // No user name: Trino takes the token's subject.
  const client = platform.client('', auth);
  const rows = await client
    .query('SELECT current_user, name FROM tpch.tiny.region WHERE regionkey = 0')
    .rows();
  assert.deepEqual(rows, [['ada', 'AFRICA']]);
  assert.equal(opened.length, 1);
  assert.match(opened[0]!, LOGIN_PAGE);
  assert.match(await pages[0]!, /OAuth2 authentication succeeded/i);

  // The token is kept: a second query does not ask for another login.
  assert.deepEqual(await client.query('SELECT current_user').rows(), [['ada']]);
  assert.equal(opened.length, 1);

  // Asking to run as someone else is impersonation, which Trino's default access control
  // refuses; the token (shared by clients of one auth) is still not asked for again.
  const err = await failureOf(platform.client('someone-else', auth).query('SELECT 1'));
  assert.ok(err instanceof TrinoQueryError, String(err));
  assert.equal(err.errorName, 'PERMISSION_DENIED');
  assert.equal(err.message, 'Access Denied: User ada cannot impersonate user someone-else');
  assert.equal(opened.length, 1);
});

test('OAuth2: queries that meet the login together share one browser login', async () => {
  const { auth, opened } = viaBrowser('grace');
  // Two clients of one identity, as a host holds for one connection.
  const a = platform.client('', auth);
  const b = platform.client('grace', auth);
  const rows = await Promise.all([
    a.query('SELECT current_user, 1').rows(),
    b.query('SELECT current_user, 2').rows(),
    a.query('SELECT current_user, 3').rows(),
  ]);
  assert.deepEqual(rows, [[['grace', 1]], [['grace', 2]], [['grace', 3]]]);
  assert.equal(opened.length, 1);
});

test('OAuth2: cancelling at the sign-in page is one line, without a hang', async () => {
  const { auth, pages } = viaBrowser('nobody', { cancel: true });
  const t0 = Date.now();
  const err = await failureOf(platform.client('', auth).query('SELECT 1'));
  assert.ok(Date.now() - t0 < 30_000);
  assert.ok(err instanceof TrinoTransportError, String(err));
  assert.equal(err.kind, 'auth');
  assert.equal(
    err.message,
    'Trino login failed: Authentication response could not be verified: error=access_denied, errorDescription=End-User aborted interaction, errorUri=End-User aborted interaction',
  );
  await pages[0];
});

test('OAuth2: nobody logging in ends at the login timeout with one line', async () => {
  const auth: TrinoAuth = { type: 'oauth2', openUrl: () => undefined, loginTimeoutMs: 2_000 };
  const t0 = Date.now();
  const err = await failureOf(platform.client('', auth).query('SELECT 1'));
  const took = Date.now() - t0;
  assert.ok(err instanceof TrinoTransportError, String(err));
  assert.equal(err.message, 'Trino login (OAuth2) timed out after 2 s waiting for the browser');
  // The bound leaves room for a loaded machine yet catches the old bug (a 2 s login took ~10 s).
  assert.ok(took >= 2_000 && took < 7_000, `took ${took} ms`);
});

test('OAuth2: cancelling the query while the login waits ends it, and the login with it', async () => {
  let opened = 0;
  const auth: TrinoAuth = { type: 'oauth2', openUrl: () => void opened++ };
  const client = platform.client('', auth);
  const cancelled = async () => {
    const ctl = new AbortController();
    const q = client.query('SELECT 1', { signal: ctl.signal });
    setTimeout(() => ctl.abort(), 1_000);
    const t0 = Date.now();
    const err = await failureOf(q);
    assert.equal((err as Error).name, 'AbortError');
    assert.ok(Date.now() - t0 < 5_000);
  };
  await cancelled();
  assert.equal(opened, 1);
  // Nobody waits for that login any more, so it stopped: the next query starts a new one.
  await cancelled();
  assert.equal(opened, 2);
});

test('loch query with LOCH_TRINO_AUTH=oauth2 prints the login URL, opens $BROWSER, runs as the user', async () => {
  // $BROWSER records the URL it is given; this test plays the user at Chromium with it.
  const urls = join(platform.dir, 'opened-urls');
  const fakeOpener = join(platform.dir, 'browser.sh');
  writeFileSync(fakeOpener, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${urls}'\n`);
  chmodSync(fakeOpener, 0o755);
  let login: Promise<string> | undefined;
  const watcher = setInterval(() => {
    if (!login && existsSync(urls)) {
      login = userAtBrowser(readFileSync(urls, 'utf8').trim(), 'lovelace');
    }
  }, 100);
  try {
    const r = await runLoch(
      ['query', '--format', 'csv', 'SELECT current_user AS who'],
      platform.cliEnv('', { LOCH_TRINO_AUTH: 'oauth2', BROWSER: fakeOpener }),
      120_000,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'who\r\nlovelace\r\n');
    const [line, ...rest] = r.stderr.split('\n');
    assert.match(line!, /^loch: log in to Trino in your browser: https:\/\/127\.0\.0\.1:28881\//);
    assert.equal(line!.slice(line!.indexOf('https:')), readFileSync(urls, 'utf8').trim());
    assert.deepEqual(rest, ['']);
    assert.match(await login!, /OAuth2 authentication succeeded/i);
  } finally {
    clearInterval(watcher);
  }
});

test('loch query: an unknown LOCH_TRINO_AUTH is a usage error', async () => {
  const r = await runLoch(
    ['query', 'SELECT 1'],
    platform.cliEnv('x', { LOCH_TRINO_AUTH: 'kerberos' }),
    30_000,
  );
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(
    r.stderr,
    /^loch: LOCH_TRINO_AUTH is oauth2 \(or unset: LOCH_TOKEN \/ LOCH_PASSWORD choose\), not kerberos\n/,
  );
});
