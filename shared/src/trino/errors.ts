/**
 * Trino rejected or failed the query (engine error, reported as data by the protocol): the SQL
 * was malformed, a table is missing, the user lacks a privilege. Position is 1-based.
 */
export class TrinoQueryError extends Error {
  override readonly name = 'TrinoQueryError';
  constructor(
    message: string,
    readonly errorName: string,
    readonly errorCode: number,
    readonly errorType: string,
    readonly queryId: string | undefined,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }

  /** One line for a terminal or a status bar: `SYNTAX_ERROR at 1:8: mismatched input ...`. */
  oneLine(): string {
    const at = this.line !== undefined ? ` at ${this.line}:${this.column ?? 1}` : '';
    return `${this.errorName}${at}: ${this.message.split('\n')[0]}`;
  }
}

/** Trino could not be reached, answered with an HTTP error, or refused the credentials. */
export class TrinoTransportError extends Error {
  override readonly name = 'TrinoTransportError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
