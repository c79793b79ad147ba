import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  errorPosition,
  positionAt,
  statementAt,
  statementsIn,
} from '../../../../extension/src/sql/statement-at';

const file = "SELECT 1;\n\n-- two\nSELECT *\nFROM t\nWHERE x = ';';\n";

test('statementAt finds the statement containing the cursor', () => {
  assert.equal(statementAt(file, 3)?.sql, 'SELECT 1');
  const second = file.indexOf('FROM');
  assert.equal(statementAt(file, second)?.sql, "-- two\nSELECT *\nFROM t\nWHERE x = ';'");
});

test('statementAt after a semicolon or on a blank line takes the statement before', () => {
  assert.equal(statementAt(file, file.indexOf(';') + 1)?.sql, 'SELECT 1');
  assert.equal(statementAt(file, file.length)?.sql, "-- two\nSELECT *\nFROM t\nWHERE x = ';'");
  assert.equal(statementAt('', 0), undefined);
});

test('statementsIn keeps document offsets', () => {
  const s = statementsIn(file, 0, file.length);
  assert.equal(s.length, 2);
  assert.equal(file.slice(s[1]!.start, s[1]!.end), s[1]!.sql);
});

test('errorPosition maps a statement-relative 1-based line:column into the document', () => {
  const start = file.indexOf('-- two');
  // Trino counts from the statement text it received: line 3 col 6 is `t` in `FROM t`.
  const at = errorPosition(file, start, 3, 6);
  assert.deepEqual(at, { line: 4, character: 5 });
  assert.equal(file.split('\n')[4]![5], 't');
  assert.deepEqual(errorPosition('  SELECT x', 2, 1, 8), { line: 0, character: 9 });
  assert.deepEqual(positionAt('a\nbc', 3), { line: 1, character: 1 });
});
