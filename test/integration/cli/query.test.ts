// `loch query` as a user runs it, against the real Trino: every output format, errors as one
// line with the Trino error name and position, nothing half-written to --out.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tableFromIpc } from '../../../shared/src/arrow/ipc';
import { batchRows } from '../../../shared/src/arrow/values';
import { runLoch } from '../../support/cli';
import { trinoUrl } from '../../support/platform';

const env = () => ({ LOCH_TRINO_URL: trinoUrl(), LOCH_USER: 'loch-test' });
const dir = mkdtempSync(join(tmpdir(), 'loch-query-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('table: a readable text table with NULL and the row count', async () => {
  const r = await runLoch(
    [
      'query',
      '--catalog',
      'tpch',
      '--schema',
      'tiny',
      'SELECT regionkey, name, NULL AS x FROM region ORDER BY regionkey LIMIT 2',
    ],
    env(),
  );
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(
    r.stdout,
    [
      ' regionkey | name    | x',
      '-----------+---------+------',
      '         0 | AFRICA  | NULL',
      '         1 | AMERICA | NULL',
      '(2 rows)',
      '',
    ].join('\n'),
  );
});

test('csv: RFC 4180 with quoting, empty NULLs and CRLF', async () => {
  const r = await runLoch(
    [
      'query',
      '--format',
      'csv',
      `SELECT 'a,"b"' AS s, NULL AS n, decimal '-0.50' AS d, bigint '9223372036854775807' AS big, 'line1\nline2' AS ml`,
    ],
    env(),
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 's,n,d,big,ml\r\n"a,""b""",,-0.50,9223372036854775807,"line1\nline2"\r\n');
});

test('json: an array of row objects; 64-bit integers and wide decimals as strings', async () => {
  const r = await runLoch(
    [
      'query',
      '--format',
      'json',
      `SELECT bigint '9223372036854775807' AS big, bigint '42' AS small, decimal '12.50' AS d,
         decimal '12345678901234567890.5' AS wide, date '2020-02-29' AS day, ARRAY[1, NULL] AS a,
         MAP(ARRAY['k'], ARRAY[double 'NaN']) AS m`,
    ],
    env(),
  );
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [
    {
      big: '9223372036854775807',
      small: 42,
      d: 12.5,
      wide: '12345678901234567890.5',
      day: '2020-02-29',
      a: [1, null],
      m: { k: 'NaN' },
    },
  ]);
});

test('arrow: an Arrow IPC file with the exact values and Trino types', async () => {
  const out = join(dir, 'nation.arrow');
  const r = await runLoch(
    [
      'query',
      '--format',
      'arrow',
      '--out',
      out,
      'SELECT nationkey, name FROM tpch.tiny.nation ORDER BY nationkey',
    ],
    env(),
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const table = tableFromIpc(readFileSync(out));
  assert.equal(table.numRows, 25);
  assert.deepEqual([...batchRows(table.batches[0]!)][0], [0n, 'ALGERIA']);
  assert.equal(table.schema.fields[1]!.metadata.get('trino.type'), 'varchar(25)');
});

test('an engine error: one line with its name and line:column, exit 1, no --out file', async () => {
  const out = join(dir, 'bad.csv');
  const r = await runLoch(
    ['query', '--format', 'csv', '--out', out, 'SELECT *\nFROM tpch.tiny.nope'],
    env(),
  );
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, "loch: TABLE_NOT_FOUND at 2:6: Table 'tpch.tiny.nope' does not exist\n");
  assert.equal(existsSync(out), false);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('bad.csv')),
    [],
  );
});

test('a failure after rows were written leaves no partial --out file', async () => {
  const out = join(dir, 'partial.json');
  const r = await runLoch(
    [
      'query',
      '--format',
      'json',
      '--out',
      out,
      'SELECT 10 / (nationkey - 20) FROM tpch.tiny.nation',
    ],
    env(),
  );
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'loch: DIVISION_BY_ZERO: Division by zero\n');
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('partial.json')),
    [],
  );
});

test('no Trino configured and no local platform: a usage error naming the fix', async () => {
  const r = await runLoch(['query', 'SELECT 1'], {
    LOCH_TRINO_URL: '',
    LOCH_STATE_DIR: join(dir, 'no-platform-here'),
  });
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    'loch: no Trino to query: run `loch up`, or set LOCH_TRINO_URL (or pass --url)\n',
  );
});

test('the running local platform is found from its state directory', async () => {
  const state = process.env.LOCH_STATE_DIR;
  assert.ok(state, 'npm test sets LOCH_STATE_DIR to the test platform');
  const r = await runLoch(['query', '--format', 'csv', 'SELECT 1 AS one'], {
    LOCH_TRINO_URL: '',
    LOCH_STATE_DIR: state,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'one\r\n1\r\n');
});

test('an unreachable Trino: one line, exit 1, quickly', async () => {
  const r = await runLoch(['query', 'SELECT 1'], { LOCH_TRINO_URL: 'http://127.0.0.1:9' }, 60_000);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^loch: cannot reach Trino at http:\/\/127\.0\.0\.1:9: .+\n$/);
});

test('usage mistakes exit 2', async () => {
  const r1 = await runLoch(['query', '--format', 'xml', 'SELECT 1'], env());
  assert.equal(r1.code, 2);
  assert.equal(r1.stderr, 'loch: --format is one of table, csv, json, arrow, not xml\n');
  const r2 = await runLoch(['query', '--format', 'arrow', 'SELECT 1'], env());
  assert.equal(r2.code, 2);
  assert.equal(r2.stderr, 'loch: --format arrow needs --out FILE\n');
});
