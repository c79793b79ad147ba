import * as vscode from 'vscode';
import type { HistoryEntry, QueryHistory } from './history';

/** The Query History view: newest first; clicking an entry opens its SQL in an editor. */
export class HistoryTree implements vscode.TreeDataProvider<HistoryEntry> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  filter = '';

  constructor(private readonly history: QueryHistory) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(e: HistoryEntry): vscode.TreeItem {
    const item = new vscode.TreeItem(e.sql.replace(/\s+/g, ' ').slice(0, 80));
    item.description = `${e.ref} · ${e.outcome}${e.rows !== undefined ? ` · ${e.rows} rows` : ''} · ${e.elapsedMs} ms`;
    item.tooltip = new vscode.MarkdownString()
      .appendCodeblock(e.sql, 'sql')
      .appendText(
        `\n${e.startedAt} on ${e.profile}/${e.ref}${e.queryId ? ` (${e.queryId})` : ''}${e.error ? `\n${e.error}` : ''}`,
      );
    item.iconPath = new vscode.ThemeIcon(
      e.outcome === 'ok' ? 'pass' : e.outcome === 'error' ? 'error' : 'circle-slash',
    );
    item.command = { command: 'loch.history.rerun', title: 'Open Query', arguments: [e] };
    return item;
  }

  getChildren(e?: HistoryEntry): HistoryEntry[] {
    if (e) return [];
    return this.filter ? this.history.search(this.filter) : [...this.history.all()];
  }
}

export function registerHistoryCommands(
  history: QueryHistory,
  tree: HistoryTree,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('loch.history.search', async () => {
      const pick = await vscode.window.showQuickPick(
        history.all().map((e) => ({
          label: e.sql.replace(/\s+/g, ' ').slice(0, 100),
          description: `${e.ref} · ${e.outcome}`,
          detail: e.startedAt,
          entry: e,
        })),
        {
          placeHolder: 'Search query history (SQL, ref, outcome)',
          matchOnDescription: true,
          matchOnDetail: true,
        },
      );
      if (pick) await vscode.commands.executeCommand('loch.history.rerun', pick.entry);
    }),
    vscode.commands.registerCommand('loch.history.rerun', async (e: HistoryEntry) => {
      const doc = await vscode.workspace.openTextDocument({
        language: 'sql',
        content: `${e.sql}\n`,
      });
      await vscode.window.showTextDocument(doc);
    }),
    vscode.commands.registerCommand('loch.history.clear', () => {
      history.clear();
      tree.refresh();
    }),
  ];
}
