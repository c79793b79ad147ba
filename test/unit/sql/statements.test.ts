import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitStatements } from '../../../shared/src/sql/statements';

test('splits on semicolons outside strings, identifiers and comments', () => {
  const script = `SELECT 'a;b' AS "x;y"; -- c;d\nSELECT 2 /* e;f */;\n\n;  `;
  assert.deepEqual(
    splitStatements(script).map((s) => s.sql),
    [`SELECT 'a;b' AS "x;y"`, `-- c;d\nSELECT 2 /* e;f */`],
  );
});

test('keeps doubled quotes inside literals and reports offsets', () => {
  const script = `  SELECT 'it''s;' ;SELECT 1`;
  const parts = splitStatements(script);
  assert.deepEqual(parts, [
    { sql: `SELECT 'it''s;'`, start: 2, end: 17 },
    { sql: 'SELECT 1', start: 19, end: 27 },
  ]);
  assert.equal(script.slice(parts[1]!.start, parts[1]!.end), 'SELECT 1');
});

test('drops statements that are only comments', () => {
  assert.deepEqual(splitStatements('-- nothing\n/* here */;'), []);
});
