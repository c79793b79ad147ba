import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pythonSnippet, pythonString } from '../../../jupyterlab-plugin/src/python-snippet';

test('Copy as Python: the trino client on the same host, user, catalog; no credentials', () => {
  assert.equal(
    pythonSnippet({
      sql: 'SELECT count(*) FROM demo.orders;\n',
      trinoUrl: 'http://127.0.0.1:18080',
      user: 'jupyter',
      catalog: 'loch_ref_etl_0123456789abcdef',
      ref: 'etl',
    }),
    [
      '# pip install trino pandas',
      'import trino',
      '',
      '# Nessie ref etl is Trino catalog loch_ref_etl_0123456789abcdef',
      'conn = trino.dbapi.connect(',
      '    host="127.0.0.1",',
      '    port=18080,',
      '    user="jupyter",',
      '    catalog="loch_ref_etl_0123456789abcdef",',
      ')',
      'cur = conn.cursor()',
      'cur.execute("SELECT count(*) FROM demo.orders")',
      'rows = cur.fetchall()',
      'columns = [d[0] for d in cur.description]',
      '',
    ].join('\n'),
  );
});

test('Copy as Python: https coordinators get their default port and http_scheme', () => {
  const py = pythonSnippet({
    sql: 'SELECT 1',
    trinoUrl: 'https://trino.example.com',
    user: 'u',
    catalog: 'lake',
    schema: 'demo',
    ref: 'main',
  });
  assert.match(py, /^ {4}port=443,$/m);
  assert.match(py, /^ {4}schema="demo",$/m);
  assert.match(py, /^ {4}http_scheme="https",$/m);
});

test('Python string literals keep quotes, backslashes, newlines and line separators', () => {
  assert.equal(pythonString('a "b" \\ c\nd'), '"a \\"b\\" \\\\ c\\nd"');
  assert.equal(pythonString('x\u2028y\u2029'), '"x\\u2028y\\u2029"');
  // A triple quote or a closing paren cannot break out of the call.
  assert.equal(pythonString('""")\nimport os'), '"\\"\\"\\")\\nimport os"');
});
