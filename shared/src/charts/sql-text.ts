// Small SQL text helpers for queries Loch writes around a user's statement.

/** A Trino identifier, quoted so any column name (spaces, quotes, keywords) is safe. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A Trino varchar literal. */
export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A finite number as a Trino double literal (never locale- or exponent-ambiguous). */
export function doubleLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return `DOUBLE '${n}'`;
}

/**
 * The user's statement ready to be a subquery: trailing semicolons dropped. The caller puts it
 * on its own lines so a trailing `-- comment` cannot swallow the closing parenthesis.
 */
export function asSubquery(sql: string): string {
  return sql.trim().replace(/(;\s*)+$/, '');
}
