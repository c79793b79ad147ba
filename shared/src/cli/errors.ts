import { PlatformError } from '../platform/errors';
import { TrinoQueryError, TrinoTransportError } from '../trino/errors';
import { UsageError } from './io';

/**
 * Every failure becomes exactly one line on stderr: the cause, then the next step. Known error
 * types carry their own wording; anything else is a bug and says so.
 */
export function oneLineError(e: unknown): { line: string; exitCode: number } {
  if (e instanceof UsageError) return { line: `loch: ${e.message}`, exitCode: 2 };
  if (e instanceof PlatformError) return { line: `loch: ${e.message}; ${e.hint}`, exitCode: 1 };
  if (e instanceof TrinoQueryError) return { line: `loch: ${e.oneLine()}`, exitCode: 1 };
  if (e instanceof TrinoTransportError) return { line: `loch: ${e.message}`, exitCode: 1 };
  if (e instanceof Error && e.name === 'AbortError')
    return { line: 'loch: cancelled', exitCode: 130 };
  const msg = e instanceof Error ? e.message : String(e);
  const typed = e instanceof Error && typeof (e as { oneLine?: unknown }).oneLine === 'function';
  const line = typed ? (e as unknown as { oneLine(): string }).oneLine() : msg.split('\n')[0];
  return { line: `loch: ${line}`, exitCode: 1 };
}
