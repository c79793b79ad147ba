// The viewer backend on real Arrow data: Trino's responses recorded from Trino 476
// (test/fixtures/trino/nation.json) replayed through the core's TrinoClient. What the view is
// sent, which result a follow-up runs on, the SQL built from structured requests, refusals of
// stale or bad requests (nothing runs), the row cap, and exports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableFromIPC, type Table } from 'apache-arrow';
import { TrinoClient } from '../../../shared/src/trino/client';
import type {
  ChartRequest,
  HostToViewMessage,
  ViewToHostMessage,
} from '../../../shared/src/results/messages';
import { ViewerBackend } from '../../../shared/src/viewer/backend';
import type { FileToSave, ViewerConnector } from '../../../shared/src/viewer/connector';
import { chartSql } from '../../../shared/src/viewer/follow-up-sql';
import { trinoViewerSession } from '../../../shared/src/viewer/trino-session';
import { loadRecording, replay, type Replay } from '../../fixtures/trino/replay';

const REC = loadRecording('nation');
const SQL = REC.sql;
const URL_ = new URL(REC.exchanges[0]!.url).origin;

async function nationTable(): Promise<Table> {
  const r = replay(REC);
  return new TrinoClient({ url: URL_, user: 'unit', fetch: r.fetch }).query(SQL).table();
}

interface Rig {
  backend: ViewerBackend;
  posted: HostToViewMessage[];
  /** What reached Trino: each statement's text, catalog, and cancels (DELETE). */
  trino: Replay['requests'];
  send(m: ViewToHostMessage): void;
}

function rig(connector: Partial<ViewerConnector> = {}, withSession = true, answers = REC): Rig {
  const r = replay(answers);
  const client = new TrinoClient({ url: URL_, user: 'unit', fetch: r.fetch });
  const posted: HostToViewMessage[] = [];
  let listener: ((m: ViewToHostMessage) => void) | undefined;
  const backend = new ViewerBackend(
    {
      post: (m) => posted.push(m),
      onMessage: (l) => {
        listener = l;
        return { dispose: () => (listener = undefined) };
      },
    },
    {
      session: withSession
        ? trinoViewerSession((ref) => Promise.resolve({ client, catalog: `cat_${ref}` }))
        : undefined,
      saveFile: () => Promise.resolve(undefined),
      copy: () => Promise.resolve(),
      theme: () => 'dark',
      ...connector,
    },
  );
  return { backend, posted, trino: r.requests, send: (m) => listener!(m) };
}

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((res) => setTimeout(res, 2));
  assert.ok(ok(), `timed out waiting for ${what}`);
}

/** A rig showing the nation result as `r1` (not complete: follow-ups run), ready, log cleared. */
async function showingNation(t: Rig): Promise<Rig> {
  t.backend.showTable({ sql: SQL, ref: 'main' }, await nationTable(), { complete: false });
  t.send({ type: 'ready', protocol: 2 });
  t.posted.length = 0;
  return t;
}

const statsQuery = (requestId: string, resultId: string): ViewToHostMessage => ({
  type: 'chart-query',
  requestId,
  resultId,
  view: {},
  chart: { kind: 'stats' },
});

const rowsOf = (ipc: ArrayBuffer) => tableFromIPC(new Uint8Array(ipc));
const statements = (rig: Rig) => rig.trino.filter((q) => q.method === 'POST');

test('nothing is sent before ready; then the theme and only the newest result', async () => {
  const t = rig();
  const table = await nationTable();
  const old = t.backend.begin({ sql: 'SELECT 1', ref: 'main' });
  t.backend.append(old, table);
  const id = t.backend.showTable({ sql: SQL, ref: 'dev' }, table, { complete: true }, 'q1');
  assert.equal(t.posted.length, 0);
  t.send({ type: 'ready', protocol: 2 });
  assert.deepEqual(
    t.posted.map((m) => [
      m.type,
      m.type === 'theme' ? m.kind : (m as { resultId: string }).resultId,
    ]),
    [
      ['theme', 'dark'],
      ['result-start', id],
      ['result-batch', id],
      ['result-end', id],
    ],
  );
  assert.deepEqual(t.posted[1], { type: 'result-start', resultId: id, sql: SQL, queryId: 'q1' });
  const batch = t.posted[2] as Extract<HostToViewMessage, { type: 'result-batch' }>;
  const rows = rowsOf(batch.ipc);
  assert.equal(rows.numRows, 25);
  assert.deepEqual(
    rows.schema.fields.map((f) => f.name),
    ['nationkey', 'name', 'regionkey'],
  );
  assert.equal(rows.getChild('name')!.get(0), 'ALGERIA');
  assert.equal(rows.getChild('name')!.get(24), 'UNITED STATES');
  // Messages of a result no longer shown are dropped, not sent late.
  t.backend.append(old, table);
  t.backend.end(old, { complete: true });
  assert.equal(t.posted.length, 4);
});

test('a re-run pushes sort and filter into Trino on the ref the result came from, capped', async () => {
  const t = rig({ maxRows: () => 10 });
  t.backend.showTable({ sql: SQL, ref: 'dev' }, await nationTable(), { complete: false });
  t.send({ type: 'ready', protocol: 2 });
  t.posted.length = 0;
  t.send({
    type: 'rerun',
    resultId: 'r1~1',
    view: { sort: { column: 'name', direction: 'desc' }, filter: { column: 'name', text: "A'" } },
  });
  await until('the re-run to end', () => t.posted.some((m) => m.type === 'result-end'));
  const [post] = statements(t);
  assert.equal(
    post!.body,
    [
      'SELECT * FROM (',
      SQL,
      ') AS loch_result',
      `WHERE strpos(lower(CAST("name" AS varchar)), 'a''') > 0`,
      'ORDER BY "name" DESC NULLS LAST',
    ].join('\n'),
  );
  assert.equal(post!.headers['x-trino-catalog'], 'cat_dev');
  assert.deepEqual(t.posted[0], { type: 'result-start', resultId: 'r1~1', sql: SQL });
  const batches = t.posted.filter((m) => m.type === 'result-batch');
  assert.equal(
    batches.reduce((n, m) => n + rowsOf(m.ipc).numRows, 0),
    10,
  );
  const end = t.posted.at(-1)!;
  assert.equal(end.type, 'result-end');
  assert.equal(end.type === 'result-end' && end.complete, false);
  assert.equal(end.type === 'result-end' && end.totalRows, undefined);
});

test('a chart query is built by the core from the structured request and answered in Arrow', async () => {
  const t = rig();
  t.backend.showTable({ sql: SQL, ref: 'main' }, await nationTable(), { complete: false });
  t.send({ type: 'ready', protocol: 2 });
  const chart: ChartRequest = {
    kind: 'aggregate',
    encoding: { kind: 'bar', x: 'name', y: 'regionkey', aggregate: 'sum' },
    threshold: 10_000,
  };
  t.send({ type: 'chart-query', requestId: 'c1', resultId: 'r1', view: {}, chart });
  await until('chart data', () => t.posted.some((m) => m.type === 'chart-data'));
  const [post] = statements(t);
  assert.equal(post!.body, chartSql(SQL, {}, chart));
  assert.ok(
    post!.body!.startsWith(`WITH src AS (\n${SQL}\n), agg AS (SELECT CAST("name" AS varchar)`),
  );
  assert.ok(post!.body!.includes('sum(CAST("regionkey" AS double))'));
  const data = t.posted.find((m) => m.type === 'chart-data')!;
  assert.equal(data.type === 'chart-data' && data.requestId, 'c1');
  assert.equal(data.type === 'chart-data' && rowsOf(data.ipc).numRows, 25);
  t.send(statsQuery('c2', 'r1'));
  await until('stats', () => statements(t).length === 2);
  assert.equal(statements(t)[1]!.body, `SHOW STATS FOR (\n${SQL}\n)`);
});

test('a follow-up about a result no longer shown is refused and runs nothing', async () => {
  const t = rig();
  const table = await nationTable();
  t.backend.showTable({ sql: SQL, ref: 'main' }, table, { complete: false });
  t.backend.showTable({ sql: 'SELECT 2', ref: 'dev' }, table, { complete: false });
  t.send({ type: 'ready', protocol: 2 });
  t.posted.length = 0;
  t.send(statsQuery('c1', 'r1'));
  t.send({ type: 'export', requestId: 'e1', resultId: 'r1~4', format: 'csv', view: {} });
  t.send({ type: 'rerun', resultId: 'r1~5', view: {} });
  await until('two refusals', () => t.posted.length === 2);
  assert.deepEqual(t.posted, [
    {
      type: 'request-error',
      requestId: 'c1',
      message: 'that result is no longer shown: nothing to chart',
    },
    {
      type: 'request-error',
      requestId: 'e1',
      message: 'that result is no longer shown: nothing to export',
    },
  ]);
  // After an error is shown there is nothing to follow up either.
  const err = t.backend.showError('SELECT x', 'line 1:8: Column x cannot be resolved');
  t.send({ type: 'export', requestId: 'e2', resultId: err, format: 'csv', view: {} });
  await until('the refusal', () => t.posted.some((m) => 'requestId' in m && m.requestId === 'e2'));
  assert.deepEqual(t.trino, []);
});

test('a column the result does not have, or a non-finite range, is a one-line error', async () => {
  const t = await showingNation(rig());
  t.send({
    type: 'rerun',
    resultId: 'r1~1',
    view: { filter: { column: 'name" OR 1=1 --', text: 'x' } },
  });
  t.send({
    type: 'chart-query',
    requestId: 'c1',
    resultId: 'r1',
    view: {},
    chart: {
      kind: 'aggregate',
      encoding: { kind: 'histogram', x: 'nationkey', aggregate: 'count' },
      threshold: 10_000,
      extent: { lo: 0, hi: Number.NaN },
    },
  });
  t.send({
    type: 'chart-query',
    requestId: 'c2',
    resultId: 'r1',
    view: {},
    chart: {
      kind: 'aggregate',
      encoding: { kind: 'bar', x: 'nope', aggregate: 'count' },
      threshold: 10_000,
    },
  });
  await until('three refusals', () => t.posted.length === 3);
  assert.deepEqual(t.posted, [
    {
      type: 'result-error',
      resultId: 'r1~1',
      message: 'filter: no column "name\\" OR 1=1 --" in this result',
    },
    { type: 'request-error', requestId: 'c1', message: 'chart: extent must be finite numbers' },
    { type: 'request-error', requestId: 'c2', message: 'chart x: no column "nope" in this result' },
  ]);
  assert.deepEqual(t.trino, []);
});

test('without a session (a notebook output) follow-ups say to run the statement', async () => {
  const t = await showingNation(rig({}, false));
  t.send(statsQuery('c1', 'r1'));
  await until('the refusal', () => t.posted.length === 1);
  assert.deepEqual(t.posted, [
    {
      type: 'request-error',
      requestId: 'c1',
      message: 'this result cannot be queried again: run its statement to chart',
    },
  ]);
});

test('an export streams the full result to the file the host chose, as CSV', async () => {
  const files: { file: FileToSave; text: string }[] = [];
  const t = rig({
    saveFile: async (file) => {
      let text = '';
      const decoder = new TextDecoder();
      for await (const chunk of file.data as AsyncIterable<Uint8Array>)
        text += decoder.decode(chunk, { stream: true });
      files.push({ file, text });
      return '/tmp/out.csv';
    },
    maxRows: () => 5,
  });
  await showingNation(t);
  t.send({ type: 'export', requestId: 'e1', resultId: 'r1', format: 'csv', view: {} });
  await until('the export', () => t.posted.length === 1);
  assert.deepEqual(t.posted, [
    { type: 'export-done', requestId: 'e1', location: '/tmp/out.csv', rows: 25 },
  ]);
  assert.equal(files[0]!.file.suggestedName, 'result.csv');
  assert.equal(files[0]!.file.mimeType, 'text/csv');
  assert.equal(files[0]!.file.kind, 'export');
  const lines = files[0]!.text.split('\r\n');
  assert.deepEqual(lines.slice(0, 3), ['nationkey,name,regionkey', '0,ALGERIA,0', '1,ARGENTINA,1']);
  assert.equal(lines.length, 27); // header, 25 rows, and the empty string after the last CRLF
  // The whole result: not capped at the viewer's row limit, never cancelled.
  assert.equal(statements(t)[0]!.body, SQL);
  assert.equal(t.trino.filter((q) => q.method === 'DELETE').length, 0);
});

test('an export the user declines runs no query', async () => {
  const t = await showingNation(rig());
  t.send({ type: 'export', requestId: 'e1', resultId: 'r1', format: 'parquet', view: {} });
  t.send({ type: 'export', requestId: 'e2', resultId: 'r1', format: 'json', view: {} });
  await until('two answers', () => t.posted.length === 2);
  assert.deepEqual(t.posted, [
    { type: 'request-error', requestId: 'e1', message: 'parquet export is not available here' },
    { type: 'request-error', requestId: 'e2', message: 'export cancelled' },
  ]);
  assert.deepEqual(t.trino, []);
});

test('a newer result cancels a re-run in flight: none of its rows reach the view', async () => {
  const t = rig();
  const table = await nationTable();
  t.backend.showTable({ sql: SQL, ref: 'main' }, table, { complete: false });
  t.send({ type: 'ready', protocol: 2 });
  t.send({ type: 'rerun', resultId: 'r1~1', view: { sort: { column: 'name', direction: 'asc' } } });
  const r2 = t.backend.showTable({ sql: 'SELECT 2', ref: 'main' }, table, { complete: true });
  await until('the re-run to stop', () => t.trino.length > 0);
  await new Promise((res) => setTimeout(res, 50));
  assert.deepEqual(
    t.posted.filter((m) => 'resultId' in m && m.resultId === 'r1~1').map((m) => m.type),
    ['result-start'],
  );
  assert.equal(t.posted.at(-1)!.type, 'result-end');
  assert.equal((t.posted.at(-1) as { resultId: string }).resultId, r2);
});

test('a chart query with no rows is answered with its columns and no rows', async () => {
  // Trino's answer to a statement with no rows, as recorded: the columns, no data page.
  const t = await showingNation(rig({}, true, loadRecording('empty')));
  t.send(statsQuery('c1', 'r1'));
  await until('the answer', () => t.posted.length === 1);
  const data = t.posted[0]!;
  assert.equal(data.type, 'chart-data');
  const table = rowsOf((data as { ipc: ArrayBuffer }).ipc);
  assert.equal(table.numRows, 0);
  assert.deepEqual(
    table.schema.fields.map((f) => f.name),
    ['nationkey', 'name', 'regionkey', 'comment'],
  );
});
