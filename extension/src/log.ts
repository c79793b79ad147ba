import * as vscode from 'vscode';
import { errorLine } from '@loch/core';

/** The extension's one logger (DESIGN.md convention 6): the "Loch" LogOutputChannel. */
export type Logger = vscode.LogOutputChannel;

export function createLogger(): Logger {
  return vscode.window.createOutputChannel('Loch', { log: true });
}

/** The message of anything thrown, for a log line or a notification: the core's one line. */
export const messageOf = errorLine;

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
