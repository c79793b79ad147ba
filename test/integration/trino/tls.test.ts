// TLS to Trino from Node: verification is on by default, a private CA can be given, and turning
// verification off works for throwaway setups. Trino here speaks plain HTTP, so an HTTPS
// front (like the TLS-terminating proxy of a real deployment) relays to it; the certificate is
// made with openssl for this run.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { TrinoClient } from '../../../shared/src/trino/client';
import { TrinoTransportError } from '../../../shared/src/trino/errors';
import { nodeTlsFetch } from '../../../shared/src/trino/node-tls';
import { trinoUrl } from '../../support/platform';
import { selfSignedLocalhost } from '../../support/tls';

const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
]);
let server: Server;
let httpsUrl: string;
let ca: string;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loch-tls-'));
  const tls = selfSignedLocalhost(dir);
  ca = tls.cert;
  const upstream = trinoUrl();
  server = createServer({ key: tls.key, cert: ca }, async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !HOP_BY_HOP.has(k)) headers[k] = v;
    }
    let r: Response;
    try {
      r = await fetch(`${upstream}${req.url}`, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
    } catch (e) {
      res.writeHead(502).end(String(e));
      return;
    }
    // Trino writes its own (plain HTTP) address into nextUri; the front rewrites it to itself.
    const body = (await r.text()).split(upstream).join(httpsUrl);
    res.writeHead(r.status, {
      'content-type': r.headers.get('content-type') ?? 'application/json',
    });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  httpsUrl = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
});

after(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

test('verification is on by default: an unknown CA is a TLS error', async () => {
  const c = new TrinoClient({ url: httpsUrl, user: 'loch-test' });
  const err = await c
    .query('SELECT 1')
    .table()
    .catch((e: unknown) => e);
  assert.ok(err instanceof TrinoTransportError, String(err));
  assert.equal(err.kind, 'tls');
  assert.match(err.message, /^TLS verification of https:\/\/127\.0\.0\.1:\d+ failed: /);
});

test('with the CA given, the query runs over TLS', async () => {
  const tls = { ca };
  const c = new TrinoClient({
    url: httpsUrl,
    user: 'loch-test',
    tls,
    fetch: nodeTlsFetch(tls),
    requestTimeoutMs: 15_000,
  });
  const q = c.query('SELECT count(*) FROM tpch.tiny.nation');
  assert.deepEqual(await q.rows(), [[25]]);
});

test('verification can be turned off explicitly', async () => {
  const tls = { verify: false };
  const c = new TrinoClient({
    url: httpsUrl,
    user: 'loch-test',
    tls,
    fetch: nodeTlsFetch(tls),
    requestTimeoutMs: 15_000,
  });
  assert.deepEqual(await c.query('SELECT 7').rows(), [[7]]);
});
