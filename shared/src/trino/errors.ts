import { firstLine, LochError } from '../errors';

/**
 * Trino rejected or failed the query (engine error, reported as data by the protocol): the SQL
 * was malformed, a table is missing, the user lacks a privilege. Position is 1-based.
 */
export class TrinoQueryError extends LochError {
  override readonly name = 'TrinoQueryError';
  readonly code = 'trino-query';
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
  override oneLine(): string {
    const at = this.line !== undefined ? ` at ${this.line}:${this.column ?? 1}` : '';
    // Trino repeats the position at the start of the message ("line 1:8: ..."); say it once.
    const text = firstLine(this.message).replace(/^line \d+:\d+: /, '');
    return `${this.errorName}${at}: ${text}`;
  }
}

/** Why a request failed below the SQL level; hosts pick their fix-it action from it. */
export type TrinoTransportKind =
  'unreachable' | 'http' | 'auth' | 'timeout' | 'lost-query' | 'protocol' | 'tls';

/**
 * Trino could not be reached, answered with an HTTP error, or refused the credentials. The
 * code is `trino-<kind>` (`trino-unreachable`, `trino-auth`, ...).
 */
export class TrinoTransportError extends LochError {
  override readonly name = 'TrinoTransportError';
  readonly code: `trino-${TrinoTransportKind}`;
  constructor(
    message: string,
    readonly status?: number,
    readonly kind: TrinoTransportKind = status === 401 || status === 403 ? 'auth' : 'http',
  ) {
    super(message);
    this.code = `trino-${kind}`;
  }
}

/** The error a cancelled query rejects with: a DOMException named `AbortError`, as fetch does. */
export function abortError(reason?: unknown): Error {
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('the query was cancelled', 'AbortError');
}
