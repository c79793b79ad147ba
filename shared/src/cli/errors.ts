import { errorLine } from '../errors';
import { UsageError } from './io';

/**
 * Every failure becomes exactly one line on stderr, `errorLine()`'s (the cause, then the next
 * step), and an exit code: 2 for a usage mistake, 130 for a cancel (as a shell reports Ctrl-C),
 * 1 for anything else.
 */
export function oneLineError(e: unknown): { line: string; exitCode: number } {
  const exitCode =
    e instanceof UsageError ? 2 : e instanceof Error && e.name === 'AbortError' ? 130 : 1;
  return { line: `loch: ${errorLine(e)}`, exitCode };
}
