// `loch query --max-rows N` as a user runs it: N rows, the rest cancelled on the server, exit 0
// and a note on stderr; DML says what it changed.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runLoch } from '../../support/cli';
import { uniqueName } from '../../support/platform';
import { cleanup, count, lakehouse, uniqueRef } from '../lakehouse/context';
import { settledState } from '../lakehouse/session-query-support';
import { TrinoClient } from '../../../shared/src/trino/client';
import { trinoUrl } from '../../support/platform';

const lh = lakehouse();
const refs: string[] = [];
after(() => cleanup(lh, refs));

/** Ids of the queries whose text carries `tag` (the status query itself excluded). */
async function queriesTagged(tag: string): Promise<string[]> {
  const rows = await new TrinoClient({ url: trinoUrl(), user: 'loch-test' })
    .query(
      `SELECT query_id FROM system.runtime.queries
       WHERE strpos(query, '${tag}') > 0 AND strpos(query, 'system.runtime.queries') = 0`,
    )
    .rows();
  return rows.map((r) => r[0] as string);
}

test('--max-rows 10000 --format csv on lineitem: 10,000 rows, the query cancelled, exit 0', async () => {
  const tag = uniqueName('maxrows');
  const started = Date.now();
  const r = await runLoch([
    'query',
    '--max-rows',
    '10000',
    '--format',
    'csv',
    `/* ${tag} */ SELECT * FROM tpch.sf1.lineitem`,
  ]);
  const ms = Date.now() - started;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stderr,
    'loch: showed the first 10,000 rows (--max-rows 10000); more rows exist (the query was stopped there)\n',
  );
  const lines = r.stdout.split('\r\n');
  assert.equal(lines.length, 10_002); // header, 10,000 rows, and the empty rest after the last CRLF
  assert.equal(
    lines[0],
    'orderkey,partkey,suppkey,linenumber,quantity,extendedprice,discount,tax,returnflag,linestatus,shipdate,commitdate,receiptdate,shipinstruct,shipmode,comment',
  );
  assert.equal(lines[10_001], '');
  const ids = await queriesTagged(tag);
  assert.equal(ids.length, 1);
  assert.deepEqual(await settledState(ids[0]!), { state: 'FAILED', error: 'USER_CANCELED' });
  // Measured, not asserted (timings on a shared machine): today it is a few seconds.
  process.stdout.write(`# loch query --max-rows 10000 on lineitem took ${ms} ms\n`);
});

test('a result within --max-rows is printed whole with no note', async () => {
  const r = await runLoch([
    'query',
    '--max-rows',
    '5',
    '--format',
    'csv',
    'SELECT name FROM tpch.tiny.region ORDER BY regionkey',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'name\r\nAFRICA\r\nAMERICA\r\nASIA\r\nEUROPE\r\nMIDDLE EAST\r\n');
});

test('--max-rows that is not a whole number >= 1 is refused before anything runs', async () => {
  for (const bad of ['0', '1.5', 'ten']) {
    const r = await runLoch(['query', '--max-rows', bad, 'SELECT 1']);
    assert.equal(r.code, 2, bad);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'loch: --max-rows takes a positive integer\n');
  }
});

test('DML on a branch prints its update type and count; main is untouched', async () => {
  const branch = uniqueRef('cli-del');
  refs.push(branch);
  await lh.nessie.createBranch(branch, 'main');
  const r = await runLoch([
    'query',
    '--branch',
    branch,
    '--format',
    'csv',
    `DELETE FROM demo.orders WHERE orderstatus = 'F'`,
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, 'DELETE: 7304 rows\n');
  assert.equal(r.stdout, 'rows\r\n7304\r\n');
  assert.equal(await count(lh, 'SELECT count(*) FROM demo.orders', 'lake'), 15000);
});
