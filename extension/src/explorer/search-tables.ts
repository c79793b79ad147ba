import * as vscode from 'vscode';
import type { TableEntry } from '@loch/core';
import type { ConnectionManager } from '../connections/manager';
import type { Logger } from '../log';
import { messageOf } from '../log';
import { allTables } from './listing-pages';
import type { ExplorerNode } from './tree';

type SearchItem = vscode.QuickPickItem & { table: TableEntry };

/** Columns are read for this many tables at a time: enough to fill the list quickly. */
const COLUMN_READS_AT_ONCE = 4;

const dotted = (t: TableEntry) => [...t.namespace, t.name].join('.');

/**
 * "Search tables": a quick pick of the current ref's tables and views from the session's
 * listing, shown at once, then their columns as the listing reads them (busy until done).
 * Picking an entry previews its table.
 */
export async function searchTables(connections: ConnectionManager, log: Logger): Promise<void> {
  const conn = connections.require();
  const ref = connections.currentRef ?? conn.defaultBranch;
  const listing = conn.session.listing;
  const stop = new AbortController();
  const tables = await allTables(listing, ref, AbortSignal.timeout(15_000));
  const pick = vscode.window.createQuickPick<SearchItem>();
  pick.placeholder = `Search tables and columns on ${ref}`;
  pick.matchOnDescription = true;
  pick.items = tables.map((t) => ({
    label: `$(${t.kind === 'view' ? 'eye' : 'table'}) ${dotted(t)}`,
    description: t.kind,
    table: t,
  }));
  pick.busy = true;
  const columnsLoaded = (async () => {
    const queue = [...tables];
    const worker = async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        const table = t;
        const cols = await listing.columns(ref, table, { signal: stop.signal }).catch((e) => {
          // One unreadable table (a view Trino cannot read) must not hide the others' columns.
          if (!stop.signal.aborted)
            log.warn(`search: columns of ${dotted(table)}: ${messageOf(e)}`);
          return [];
        });
        if (stop.signal.aborted) return;
        pick.items = [
          ...pick.items,
          ...cols.map((c) => ({
            label: `$(symbol-field) ${dotted(table)}.${c.name}`,
            description: c.type,
            table,
          })),
        ];
      }
    };
    await Promise.all(Array.from({ length: COLUMN_READS_AT_ONCE }, worker));
  })();
  void columnsLoaded.finally(() => (pick.busy = false));
  const chosen = await new Promise<SearchItem | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  stop.abort();
  pick.dispose();
  if (!chosen) return;
  const node: ExplorerNode = {
    kind: 'table',
    // Preview reads only the ref's name; the head is read when the preview runs.
    ref: { type: 'BRANCH', name: ref, hash: '' },
    table: chosen.table,
  };
  await vscode.commands.executeCommand('loch.previewTable', node);
}
