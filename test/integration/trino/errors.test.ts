// Bad input ends in one typed error, quickly: malformed SQL and missing tables with their
// position, an unreachable Trino, a Trino that does not answer.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { freePort } from '../../../shared/src/platform/ports';
import { TrinoClient } from '../../../shared/src/trino/client';
import { TrinoQueryError, TrinoTransportError } from '../../../shared/src/trino/errors';
import { trinoUrl } from '../../support/platform';

const client = new TrinoClient({ url: trinoUrl(), user: 'loch-test' });

test('malformed SQL: SYNTAX_ERROR with line and column', async () => {
  const err = await client
    .query('SELECT 1,\n  2 FROM FROM x')
    .table()
    .catch((e: unknown) => e);
  assert.ok(err instanceof TrinoQueryError);
  assert.equal(err.errorName, 'SYNTAX_ERROR');
  assert.equal(err.errorType, 'USER_ERROR');
  assert.equal(err.line, 2);
  assert.equal(err.column, 10);
  assert.match(err.oneLine(), /^SYNTAX_ERROR at 2:10: mismatched input 'FROM'/);
  assert.match(err.queryId ?? '', /^\d{8}_\d{6}_\d{5}_\w+$/);
});

test('a missing table: TABLE_NOT_FOUND with its position', async () => {
  const err = await client
    .query('SELECT *\nFROM tpch.tiny.no_such_table')
    .table()
    .catch((e: unknown) => e);
  assert.ok(err instanceof TrinoQueryError);
  assert.equal(err.errorName, 'TABLE_NOT_FOUND');
  assert.equal(
    err.oneLine(),
    "TABLE_NOT_FOUND at 2:6: Table 'tpch.tiny.no_such_table' does not exist",
  );
});

test('a failure mid-query (division by zero) rejects the batches', async () => {
  const q = client.query('SELECT 1 / (nationkey - 7) FROM tpch.tiny.nation');
  const err = await q.table().catch((e: unknown) => e);
  assert.ok(err instanceof TrinoQueryError);
  assert.equal(err.errorName, 'DIVISION_BY_ZERO');
});

test('an unreachable Trino fails at once with a transport error', async () => {
  // A port nothing listens on: the connection is refused at once.
  const port = await freePort();
  const c = new TrinoClient({ url: `http://127.0.0.1:${port}`, user: 'u' });
  const t0 = Date.now();
  const err = await c
    .query('SELECT 1')
    .table()
    .catch((e: unknown) => e);
  assert.ok(err instanceof TrinoTransportError);
  assert.equal(err.kind, 'unreachable');
  assert.match(err.message, new RegExp(`^cannot reach Trino at http://127.0.0.1:${port}: `));
  assert.ok(Date.now() - t0 < 5_000);
});

test('a server that accepts but never answers is bounded by the request timeout', async () => {
  // Not a Trino stand-in: a socket that swallows the request, as a hung proxy would.
  const sockets: Socket[] = [];
  const server = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const c = new TrinoClient({
      url: `http://127.0.0.1:${port}`,
      user: 'u',
      requestTimeoutMs: 500,
    });
    const t0 = Date.now();
    const err = await c
      .query('SELECT 1')
      .table()
      .catch((e: unknown) => e);
    assert.ok(err instanceof TrinoTransportError);
    assert.equal(err.kind, 'timeout');
    assert.equal(err.message, `Trino at http://127.0.0.1:${port} did not answer within 0.5 s`);
    assert.ok(Date.now() - t0 < 5_000);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  }
});
