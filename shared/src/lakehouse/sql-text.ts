/**
 * Identifiers and literals for SQL Loch builds from user input. Every name is validated
 * (printable, bounded) and double-quoted; every string literal single-quoted with `'` doubled.
 * Nothing from user input reaches SQL any other way.
 */
import { LochError } from '../errors';

export class UnsafeSqlInputError extends LochError {
  override readonly name = 'UnsafeSqlInputError';
  readonly code = 'unsafe-sql-input';
}

const MAX_IDENTIFIER = 255;

/** Refuses control characters and empty or overlong names; returns the name unchanged. */
export function validateIdentifier(name: string, what = 'name'): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new UnsafeSqlInputError(`empty ${what}`);
  }
  if (name.length > MAX_IDENTIFIER) {
    throw new UnsafeSqlInputError(`${what} longer than ${MAX_IDENTIFIER} characters`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    throw new UnsafeSqlInputError(`${what} ${JSON.stringify(name)} contains control characters`);
  }
  return name;
}

/** `"name"` with inner `"` doubled (Trino's delimited identifier). */
export function quoteIdentifier(name: string, what?: string): string {
  return `"${validateIdentifier(name, what).replace(/"/g, '""')}"`;
}

/** `'text'` with inner `'` doubled. */
export function quoteLiteral(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/\u0000/.test(text)) throw new UnsafeSqlInputError('a literal cannot contain NUL');
  return `'${text.replace(/'/g, "''")}'`;
}

/** `"catalog"."schema"."table"`, each part validated and quoted. */
export function qualifiedName(...parts: string[]): string {
  return parts.map((p) => quoteIdentifier(p)).join('.');
}

/**
 * Splits `schema.table` (or `catalog.schema.table`) as typed by a user. Parts may be
 * double-quoted to contain dots (`"my.schema".t`); unquoted parts are lower-cased as Trino does.
 */
export function parseQualifiedName(input: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i <= input.length) {
    if (input[i] === '"') {
      let part = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new UnsafeSqlInputError(`unclosed quote in '${input}'`);
        if (input[i] === '"') {
          if (input[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += input[i++];
      }
      parts.push(validateIdentifier(part));
    } else {
      const end = input.indexOf('.', i);
      const raw = input.slice(i, end < 0 ? input.length : end);
      if (raw.includes('"')) throw new UnsafeSqlInputError(`stray quote in '${input}'`);
      parts.push(validateIdentifier(raw.trim().toLowerCase()));
      i = end < 0 ? input.length : end;
    }
    if (i >= input.length) break;
    if (input[i] !== '.') throw new UnsafeSqlInputError(`expected '.' in '${input}'`);
    i++;
    if (i >= input.length) throw new UnsafeSqlInputError(`'${input}' ends with '.'`);
  }
  return parts;
}
