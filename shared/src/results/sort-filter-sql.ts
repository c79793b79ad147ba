// Sort and filter of a partial result are pushed into Trino: the statement is re-run wrapped
// so the rows that come back are the first rows of the sorted/filtered FULL result.
import { asSubquery, quoteIdent, quoteString } from '../charts/sql-text';
import type { SortDirection } from './store';

export interface PushedSort {
  column: string;
  direction: SortDirection;
}

export interface PushedFilter {
  column: string;
  /** Case-insensitive substring of the value as Trino casts it to varchar. */
  text: string;
}

export function sortFilterSql(sql: string, sort?: PushedSort, filter?: PushedFilter): string {
  const lines = ['SELECT * FROM (', asSubquery(sql), ') AS loch_result'];
  if (filter && filter.text !== '') {
    lines.push(
      `WHERE strpos(lower(CAST(${quoteIdent(filter.column)} AS varchar)), ${quoteString(filter.text.toLowerCase())}) > 0`,
    );
  }
  if (sort) {
    lines.push(`ORDER BY ${quoteIdent(sort.column)} ${sort.direction.toUpperCase()} NULLS LAST`);
  }
  return lines.join('\n');
}
