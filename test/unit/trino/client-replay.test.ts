// The protocol client on responses recorded from Trino 476 (test/fixtures/trino/record.ts),
// served through the injected fetch: paging, session state, errors, cancellation, retries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrinoClient } from '../../../shared/src/trino/client';
import { TrinoQueryError, TrinoTransportError } from '../../../shared/src/trino/errors';
import type { TrinoProgress } from '../../../shared/src/trino/progress';
import { loadRecording, replay } from '../../fixtures/trino/replay';

const URL_ = 'http://127.0.0.1:28080';

function clientFor(name: string, options: { retryBudgetMs?: number } = {}) {
  const r = replay(loadRecording(name));
  return { client: new TrinoClient({ url: URL_, user: 'unit', fetch: r.fetch, ...options }), r };
}

test('follows nextUri to the end and builds the table from the data pages', async () => {
  const rec = loadRecording('types');
  const { client, r } = clientFor('types');
  const q = client.query(rec.sql);
  const table = await q.table();
  assert.equal(table.numRows, 1);
  assert.equal(table.numCols, 47);
  assert.equal(await q.queryId, JSON.parse(rec.exchanges[0]!.body).id);
  // One POST, then exactly the recorded GETs in order.
  assert.deepEqual(
    r.requests.map((q) => q.method),
    rec.exchanges.map((e) => e.method),
  );
  assert.deepEqual(
    r.requests.slice(1).map((q) => q.url),
    rec.exchanges.slice(1).map((e) => e.url),
  );
  const post = r.requests[0]!;
  assert.equal(post.body, rec.sql);
  assert.equal(post.headers['x-trino-user'], 'unit');
  assert.equal(
    post.headers['x-trino-client-capabilities'],
    'PATH,PARAMETRIC_DATETIME,SESSION_AUTHORIZATION',
  );
  assert.equal(post.headers['x-trino-transaction-id'], 'NONE');
  const summary = await q.summary;
  assert.equal(summary.rows, 1);
});

test('USE applies X-Trino-Set-Catalog/Schema to the next session only', async () => {
  const { client } = clientFor('use-schema');
  const q = client.query('USE tpch.tiny', { session: { properties: { a: '1' } } });
  await q.summary;
  const s = await q.session;
  assert.equal(s.catalog, 'tpch');
  assert.equal(s.schema, 'tiny');
  assert.deepEqual(s.properties, { a: '1' });
  assert.equal((await q.summary).updateType, 'USE');
  assert.deepEqual(await q.columns, []);
});

test('SET SESSION and PREPARE come back as new session values (Java URL encoding decoded)', async () => {
  const set = clientFor('set-session').client.query("SET SESSION query_max_run_time = '1h'");
  assert.deepEqual((await set.session).properties, { query_max_run_time: '1h' });
  const prep = clientFor('prepare').client.query('PREPARE loch_p FROM SELECT ? + 1');
  assert.deepEqual((await prep.session).preparedStatements, { loch_p: 'SELECT (? + 1)\n\n' });
});

test('START TRANSACTION sets the transaction id the next statements send', async () => {
  const rec = loadRecording('start-transaction');
  const started = rec.exchanges.at(-1)!.headers['x-trino-started-transaction-id'];
  const { client } = clientFor('start-transaction');
  const s = await client.query('START TRANSACTION').session;
  assert.equal(s.transactionId, started);
  const next = replay(loadRecording('use-schema'));
  const c2 = new TrinoClient({ url: URL_, user: 'unit', fetch: next.fetch });
  await c2.query('USE tpch.tiny', { session: s }).summary;
  assert.equal(next.requests[0]!.headers['x-trino-transaction-id'], started);
});

test('session properties, prepared statements and roles are sent URL-encoded', async () => {
  const r = replay(loadRecording('use-schema'));
  const c = new TrinoClient({ url: URL_, user: 'unit', fetch: r.fetch });
  await c.query('USE tpch.tiny', {
    catalog: 'lake',
    schema: 'demo',
    sessionProperties: { query_max_run_time: '1h', 'lake.x': 'a,b' },
    session: {
      preparedStatements: { p1: 'SELECT 1, 2' },
      timeZone: 'Asia/Tokyo',
      clientTags: ['a', 'b'],
    },
  }).summary;
  const h = r.requests[0]!.headers;
  assert.equal(h['x-trino-catalog'], 'lake');
  assert.equal(h['x-trino-schema'], 'demo');
  assert.equal(h['x-trino-session'], 'query_max_run_time=1h,lake.x=a%2Cb');
  assert.equal(h['x-trino-prepared-statement'], 'p1=SELECT%201%2C%202');
  assert.equal(h['x-trino-time-zone'], 'Asia/Tokyo');
  assert.equal(h['x-trino-client-tags'], 'a,b');
});

test('an engine error rejects with TrinoQueryError carrying name, code, type and line:column', async () => {
  const { client } = clientFor('syntax-error');
  const q = client.query('SELECT 1 +\n  FROM');
  const err = (await q.table().catch((e: unknown) => e)) as TrinoQueryError;
  assert.ok(err instanceof TrinoQueryError);
  assert.equal(err.errorName, 'SYNTAX_ERROR');
  assert.equal(err.errorCode, 1);
  assert.equal(err.errorType, 'USER_ERROR');
  assert.equal(err.line, 2);
  assert.equal(err.column, 3);
  assert.equal(
    err.oneLine(),
    "SYNTAX_ERROR at 2:3: mismatched input 'FROM'. Expecting: <expression>",
  );
  await assert.rejects(q.summary, TrinoQueryError);
  await assert.rejects(q.columns, TrinoQueryError);
});

test('aborting before the first page still DELETEs the query on the server', async () => {
  const rec = loadRecording('types');
  const { client, r } = clientFor('types');
  const ctl = new AbortController();
  const q = client.query(rec.sql, { signal: ctl.signal });
  ctl.abort();
  await assert.rejects(q.table(), { name: 'AbortError' });
  await q.cancel();
  const firstNext = JSON.parse(rec.exchanges[0]!.body).nextUri as string;
  assert.deepEqual(
    r.requests.map((x) => `${x.method} ${x.url}`),
    [`POST ${URL_}/v1/statement`, `DELETE ${firstNext}`],
  );
});

test('cancel() mid-query DELETEs the current nextUri and rejects with AbortError', async () => {
  const rec = loadRecording('types');
  const { client, r } = clientFor('types');
  const q = client.query(rec.sql, { prefetchPages: 1 });
  await q.queryId;
  await q.cancel();
  await assert.rejects(q.summary, { name: 'AbortError' });
  const deletes = r.requests.filter((x) => x.method === 'DELETE');
  assert.equal(deletes.length, 1);
  assert.ok(
    rec.exchanges.some((e) => e.url === deletes[0]!.url),
    'DELETE targets a recorded nextUri',
  );
});

test('progress events carry state, splits and elapsed time from each page', async () => {
  const rec = loadRecording('types');
  const { client } = clientFor('types');
  const events: TrinoProgress[] = [];
  await client.query(rec.sql, { onProgress: (p) => events.push(p) }).table();
  assert.equal(events.length, rec.exchanges.length);
  assert.equal(events[0]!.state, 'QUEUED');
  assert.equal(events.at(-1)!.state, 'FINISHED');
  assert.equal(events.at(-1)!.receivedRows, 1);
  assert.ok(events.every((e) => e.queryId === events[0]!.queryId));
});

test('502/503/504 are retried with back-off; the budget bounds them', async () => {
  const rec = loadRecording('types');
  const r = replay(rec);
  let failures = 2;
  const flaky = (async (input: string | URL | Request, init?: RequestInit) => {
    if ((init?.method ?? 'GET') === 'GET' && failures > 0) {
      failures--;
      return new Response('busy', { status: failures ? 503 : 502 });
    }
    return r.fetch(input, init);
  }) as typeof fetch;
  const ok = new TrinoClient({ url: URL_, user: 'unit', fetch: flaky });
  assert.equal((await ok.query(rec.sql).table()).numRows, 1);
  assert.equal(failures, 0);

  const down = (async () => new Response('unavailable', { status: 503 })) as typeof fetch;
  const c = new TrinoClient({ url: URL_, user: 'unit', fetch: down, retryBudgetMs: 300 });
  const t0 = Date.now();
  const err = (await c
    .query('SELECT 1')
    .table()
    .catch((e: unknown) => e)) as TrinoTransportError;
  assert.ok(err instanceof TrinoTransportError);
  assert.equal(err.status, 503);
  assert.ok(Date.now() - t0 < 5_000);
});

test('a nextUri Trino no longer knows is a lost-query error, not a hang', async () => {
  const rec = loadRecording('types');
  const r = replay({ ...rec, exchanges: rec.exchanges.slice(0, 1) });
  const c = new TrinoClient({ url: URL_, user: 'unit', fetch: r.fetch });
  const err = (await c
    .query(rec.sql)
    .table()
    .catch((e: unknown) => e)) as TrinoTransportError;
  assert.ok(err instanceof TrinoTransportError);
  assert.equal(err.kind, 'lost-query');
  assert.match(err.message, /no longer knows query \w+/);
});

test('tls options without a fetch to apply them are refused up front', () => {
  assert.throws(() => new TrinoClient({ url: URL_, user: 'u', tls: { verify: false } }), TypeError);
});

test('columns and the Arrow schema are known without reading the batches', async () => {
  const rec = loadRecording('types');
  const { client } = clientFor('types');
  const q = client.query(rec.sql);
  const [columns, schema] = await Promise.all([q.columns, q.schema]);
  assert.equal(columns.length, 47);
  assert.equal(schema.fields.length, 47);
  assert.equal(String(schema.fields[12]!.type), 'Decimal[18e+2]');
  assert.equal((await q.table()).numRows, 1);
});
