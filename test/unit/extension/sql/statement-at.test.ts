import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  errorPosition,
  positionAt,
  statementAt,
  StatementLocator,
} from '../../../../extension/src/sql/statement-at';
import { splitStatements } from '../../../../shared/src/sql/statements';

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

test("StatementLocator finds the core splitter's statements in order, repeats included", () => {
  const text = 'SELECT 1;\nSELECT 1;\n-- two\nSELECT 2';
  const at = new StatementLocator(text);
  const found = splitStatements(text).map((s) => at.locate(s.sql));
  assert.deepEqual(found, [0, 10, 20]);
  assert.deepEqual(
    splitStatements(text).map((s) => s.start),
    found,
  );
  assert.equal(at.locate('SELECT 1'), -1);
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
