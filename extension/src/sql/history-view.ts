import * as vscode from 'vscode';
import type { HistoryEntry } from '@loch/core';
import type { ConnectionManager } from '../connections/manager';
import type { SqlRunner } from './runner';

/** `ref · status · rows · time`: what the tree and the search list show for an entry. */
export function describeEntry(e: HistoryEntry): string {
  const rows =
    e.status === 'finished' || e.status === 'capped'
      ? ` · ${e.rows} rows${e.moreRows ? ' (more rows)' : ''}`
      : '';
  return `${e.ref || e.catalog} · ${e.status}${rows} · ${e.elapsedMs} ms`;
}

/**
 * The Query History view over the core's history (the connected session's, else the stored
 * entries), newest first. Clicking an entry opens its SQL; "Run Again" re-runs it on its ref.
 */
export class HistoryTree implements vscode.TreeDataProvider<HistoryEntry>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  filter = '';

  constructor(private readonly connections: ConnectionManager) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(e: HistoryEntry): vscode.TreeItem {
    const item = new vscode.TreeItem(e.sql.replace(/\s+/g, ' ').slice(0, 80));
    item.description = describeEntry(e);
    item.tooltip = new vscode.MarkdownString()
      .appendCodeblock(e.sql, 'sql')
      .appendText(
        `\n${e.startedAt} on ${e.ref || e.catalog}${e.refHash ? ` @ ${e.refHash.slice(0, 12)}` : ''}${e.queryId ? ` (${e.queryId})` : ''}${e.error ? `\n${e.error}` : ''}`,
      );
    item.iconPath = new vscode.ThemeIcon(
      e.status === 'finished' || e.status === 'capped'
        ? 'pass'
        : e.status === 'failed'
          ? 'error'
          : 'circle-slash',
    );
    item.contextValue = 'historyEntry';
    item.command = { command: 'loch.history.open', title: 'Open Query', arguments: [e] };
    return item;
  }

  getChildren(e?: HistoryEntry): HistoryEntry[] {
    if (e) return [];
    const history = this.connections.queryHistory;
    return this.filter ? history.search(this.filter) : [...history.all()];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerHistoryCommands(
  connections: ConnectionManager,
  runner: SqlRunner,
  tree: HistoryTree,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('loch.history.search', async () => {
      const pick = await vscode.window.showQuickPick(
        connections.queryHistory.all().map((e) => ({
          label: e.sql.replace(/\s+/g, ' ').slice(0, 100),
          description: describeEntry(e),
          detail: e.startedAt,
          entry: e,
        })),
        {
          placeHolder: 'Search query history (SQL, ref, status)',
          matchOnDescription: true,
          matchOnDetail: true,
        },
      );
      if (pick) await vscode.commands.executeCommand('loch.history.open', pick.entry);
    }),
    vscode.commands.registerCommand('loch.history.open', async (e: HistoryEntry) => {
      const doc = await vscode.workspace.openTextDocument({
        language: 'sql',
        content: `${e.sql}\n`,
      });
      await vscode.window.showTextDocument(doc);
    }),
    // The session re-runs it on the ref it ran on (not the current one).
    vscode.commands.registerCommand('loch.history.rerun', (e: HistoryEntry) => runner.rerun(e)),
    vscode.commands.registerCommand('loch.history.clear', () => {
      connections.queryHistory.clear();
      tree.refresh();
    }),
  ];
}
