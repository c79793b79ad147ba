/** One statement of a SQL script, with where it starts and ends in the text (offsets). */
export interface SqlStatement {
  sql: string;
  start: number;
  end: number;
}

/**
 * Splits a script on `;` outside string literals, quoted identifiers and comments. Trino's
 * REST protocol takes one statement per request and rejects a trailing `;`, so scripts (seed
 * files, editor files, notebook cells) go through here. Empty statements are dropped.
 */
export function splitStatements(script: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const raw = script.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const sql = raw.trim();
    if (sql && !isOnlyComments(sql))
      out.push({ sql, start: start + lead, end: start + lead + sql.length });
  };
  while (i < script.length) {
    const c = script[i]!;
    if (c === "'" || c === '"') {
      i = skipQuoted(script, i, c);
    } else if (c === '-' && script[i + 1] === '-') {
      const nl = script.indexOf('\n', i);
      i = nl < 0 ? script.length : nl + 1;
    } else if (c === '/' && script[i + 1] === '*') {
      const close = script.indexOf('*/', i + 2);
      i = close < 0 ? script.length : close + 2;
    } else if (c === ';') {
      push(i);
      start = ++i;
    } else {
      i++;
    }
  }
  push(script.length);
  return out;
}

function skipQuoted(s: string, at: number, quote: string): number {
  let i = at + 1;
  while (i < s.length) {
    if (s[i] === quote) {
      if (s[i + 1] === quote)
        i += 2; // a doubled quote is an escaped quote
      else return i + 1;
    } else i++;
  }
  return s.length;
}

function isOnlyComments(sql: string): boolean {
  return (
    sql
      .replace(/--[^\n]*(\n|$)/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .trim() === ''
  );
}
