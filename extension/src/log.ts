import * as vscode from 'vscode';

/** The extension's one logger (DESIGN.md convention 6): the "Loch" LogOutputChannel. */
export type Logger = vscode.LogOutputChannel;

export function createLogger(): Logger {
  return vscode.window.createOutputChannel('Loch', { log: true });
}

/** The message of anything thrown, for a log line or a notification. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) {
    const oneLine = (e as { oneLine?: () => string }).oneLine;
    return typeof oneLine === 'function' ? oneLine.call(e) : e.message;
  }
  return String(e);
}

/**
 * Logs a failure and shows the same text to the user, prefixed "Loch: ". `showLog` adds a
 * "Show Log" button, for operations whose detail is in the log (the platform's).
 */
export function reportError(
  log: Logger,
  what: string,
  e: unknown,
  options: { showLog?: boolean } = {},
): void {
  const text = `${what}: ${messageOf(e)}`;
  log.error(text);
  if (!options.showLog) {
    void vscode.window.showErrorMessage(`Loch: ${text}`);
    return;
  }
  void vscode.window.showErrorMessage(`Loch: ${text}`, 'Show Log').then((a) => {
    if (a) log.show();
  });
}

/** A command handler that reports what it throws, in Loch's words, through `reportError`. */
export function guarded<A extends unknown[]>(
  log: Logger,
  what: string,
  f: (...a: A) => Promise<void>,
): (...a: A) => Promise<void> {
  return async (...a: A) => {
    try {
      await f(...a);
    } catch (e) {
      reportError(log, what, e);
    }
  };
}
