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
