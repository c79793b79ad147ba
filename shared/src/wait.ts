// Waiting that an AbortSignal can cut short: Trino retry back-off, the OAuth2 login, platform
// polling.
import { abortError } from './trino/errors';

/** Resolves after `ms`, or rejects with an AbortError as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slept = untilAborted(
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
    signal,
  );
  // An aborted sleep drops its timer: a cancelled CLI command or poll does not linger for it.
  slept.catch(() => clearTimeout(timer));
  return slept;
}

/**
 * `work`'s outcome, or an AbortError as soon as `signal` fires. `work` itself goes on: it may be
 * shared with other callers (one OAuth2 login serves every query of a client).
 */
export function untilAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(abortError(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}
