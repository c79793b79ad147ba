/**
 * The one error base of @loch/core. Every error the core throws on purpose is a `LochError`:
 * `message` is one line naming the cause, `hint` (when there is one) the user's next step, and
 * `code` a stable identifier hosts and scripts can branch on (the wording may change, the code
 * does not). Anything else that reaches a host is a bug or a platform failure (a DOMException,
 * a Node system error); `errorLine()` prints both kinds the same way.
 */
export abstract class LochError extends Error {
  /** Stable identifier of the failure, kebab-case (`trino-query`, `nessie-conflict`). */
  abstract readonly code: string;
  /** The next step for the user, when the core knows one. */
  readonly hint?: string;

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.hint !== undefined) this.hint = options.hint;
  }

  /**
   * The line a terminal, status bar or notification shows: the cause, then the hint. A
   * subclass whose data says it better (Trino's error name and position) overrides it.
   */
  oneLine(): string {
    const cause = firstLine(this.message);
    return this.hint ? `${cause}; ${this.hint}` : cause;
  }
}

/** The first line of a (possibly multi-line) server message. */
export function firstLine(text: string): string {
  return text.split('\n')[0]!;
}

/**
 * One line for anything thrown, as every host and the CLI print it: a `LochError`'s own line,
 * `cancelled` for an abort, the first line of any other error's message.
 */
export function errorLine(e: unknown): string {
  if (e instanceof LochError) return e.oneLine();
  if (e instanceof Error && e.name === 'AbortError') return 'cancelled';
  if (e instanceof Error) return firstLine(e.message) || e.name;
  return firstLine(String(e));
}
