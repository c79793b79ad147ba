import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rangeText } from '../../../shared/src/results/copy';
import { sortFilterSql } from '../../../shared/src/results/sort-filter-sql';

const range = {
  headers: ['name', 'note'],
  rows: [
    ['a,b', 'say "hi"'],
    [null, 'tab\there|pipe'],
    ['NULL', 'line\nbreak'],
  ],
};

test('TSV: tabs and newlines inside values become spaces; NULL is empty', () => {
  assert.equal(
    rangeText(range, 'tsv'),
    'name\tnote\na,b\tsay "hi"\n\ttab here|pipe\nNULL\tline break',
  );
});

test('CSV: RFC 4180 quoting and CRLF', () => {
  assert.equal(
    rangeText(range, 'csv'),
    'name,note\r\n"a,b","say ""hi"""\r\n,tab\there|pipe\r\nNULL,"line\nbreak"',
  );
});

test('Markdown: escaped pipes, NULL spelled out, header separator', () => {
  assert.equal(
    rangeText(range, 'markdown'),
    '| name | note |\n| --- | --- |\n| a,b | say "hi" |\n| NULL | tab\there\\|pipe |\n| NULL | line<br>break |',
  );
});

test('sort and filter pushed into Trino wrap the statement', () => {
  assert.equal(
    sortFilterSql(
      'SELECT * FROM t;',
      { column: 'total "x"', direction: 'desc' },
      { column: 'c', text: "O'B" },
    ),
    `SELECT * FROM (\nSELECT * FROM t\n) AS loch_result\nWHERE strpos(lower(CAST("c" AS varchar)), 'o''b') > 0\nORDER BY "total ""x""" DESC NULLS LAST`,
  );
  assert.equal(sortFilterSql('SELECT 1'), 'SELECT * FROM (\nSELECT 1\n) AS loch_result');
});
