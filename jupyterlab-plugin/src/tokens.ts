// What the Loch plugins share: the lakehouse session (one per page, provided by the main plugin
// and required by the sidebar, SQL cells, the console and the Arrow renderer) and the command
// ids the plugins register.
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import type { HistoryEntry, CommitEvent, LakehouseSession } from '@loch/core';
import type { LochSettings } from './endpoints';

/**
 * The page's connection to the lakehouse: the core's `LakehouseSession` over the Jupyter
 * server's proxy, plus what only the host has (the user's settings, Lumino signals).
 */
export interface ILochSession {
  /** The settings in force (the user's over the defaults). */
  readonly settings: LochSettings;
  /**
   * The session for the current settings, connected (Nessie's default branch read) on first
   * use. Rejects when the server extension or Nessie cannot be reached; the next call retries.
   * After a settings change the next call builds a new session (`sessionChanged`).
   */
  session(): Promise<LakehouseSession>;
  /** The settings changed: views reload through the next `session()`. */
  readonly sessionChanged: ISignal<ILochSession, void>;
  /** The session's current ref changed (or a new session started on another ref). */
  readonly refChanged: ISignal<ILochSession, string>;
  /** A statement or operation of this session moved a ref. */
  readonly committed: ISignal<ILochSession, CommitEvent>;
  /** The query history changed (newest first); kept across sessions and page loads. */
  readonly historyChanged: ISignal<ILochSession, readonly HistoryEntry[]>;
}

export const ILochSession = new Token<ILochSession>(
  '@loch/jupyterlab:ILochSession',
  'The lakehouse session (Trino + Nessie through the Jupyter server) of this page.',
);

export const CommandIds = {
  openConsole: 'loch:open-sql-console',
  showSidebar: 'loch:show-sidebar',
  refreshSidebar: 'loch:refresh-sidebar',
  toggle: 'loch:toggle-sql-cell',
  run: 'loch:run-sql-cell',
  cancel: 'loch:cancel-sql-cell',
  copyPython: 'loch:copy-sql-as-python',
  insertPython: 'loch:insert-sql-as-python',
  setRef: 'loch:set-cell-ref',
} as const;
