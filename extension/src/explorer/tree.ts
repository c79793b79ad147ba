import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import type { Logger } from '../log';
import { messageOf } from '../log';
import type { CatalogForRef } from '../connections/manager';
import {
  groupByNamespace,
  listColumns,
  listRefs,
  listTables,
  type ColumnInfo,
  type RefInfo,
  type TableEntry,
} from './lakehouse';

/** A node of the Lakehouse view. Placeholders carry state (not connected, loading, empty, error). */
export type ExplorerNode =
  | { kind: 'placeholder'; label: string; icon: string; command?: vscode.Command; detail?: string }
  | { kind: 'ref'; ref: RefInfo; current: boolean }
  | { kind: 'namespace'; ref: RefInfo; namespace: string; tables: TableEntry[] }
  | { kind: 'table'; ref: RefInfo; table: TableEntry }
  | { kind: 'column'; ref: RefInfo; table: TableEntry; column: ColumnInfo };

const placeholder = (
  label: string,
  icon: string,
  command?: vscode.Command,
  detail?: string,
): ExplorerNode => ({ kind: 'placeholder', label, icon, command, detail });

/**
 * The lakehouse tree: refs → namespaces → Iceberg tables → columns. It never throws: every
 * failure becomes an error node with a command that fixes it (DESIGN.md convention 3).
 */
export class LakehouseTree implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly catalogForRef: CatalogForRef,
    private readonly log: Logger,
  ) {
    this.sub = connections.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    switch (node.kind) {
      case 'placeholder': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.command = node.command;
        item.tooltip = node.detail ?? node.label;
        item.contextValue = 'placeholder';
        return item;
      }
      case 'ref': {
        const item = new vscode.TreeItem(node.ref.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon(node.ref.type === 'TAG' ? 'tag' : 'git-branch');
        item.description = `${node.current ? '● current · ' : ''}${node.ref.hash.slice(0, 8)}`;
        item.contextValue = node.ref.type === 'TAG' ? 'refTag' : 'refBranch';
        item.id = `ref:${node.ref.name}`;
        item.tooltip = `${node.ref.type.toLowerCase()} ${node.ref.name} at ${node.ref.hash}`;
        if (node.current) item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
        return item;
      }
      case 'namespace': {
        const item = new vscode.TreeItem(node.namespace, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('folder-library');
        item.contextValue = 'namespace';
        item.id = `ns:${node.ref.name}:${node.namespace}`;
        return item;
      }
      case 'table': {
        const item = new vscode.TreeItem(
          node.table.name,
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.iconPath = new vscode.ThemeIcon('table');
        item.contextValue = 'table';
        item.id = `table:${node.ref.name}:${[...node.table.namespace, node.table.name].join('.')}`;
        item.tooltip = `${[...node.table.namespace, node.table.name].join('.')} on ${node.ref.name}`;
        return item;
      }
      case 'column': {
        const item = new vscode.TreeItem(node.column.name, vscode.TreeItemCollapsibleState.None);
        item.description = node.column.type;
        item.iconPath = new vscode.ThemeIcon('symbol-field');
        item.contextValue = 'column';
        return item;
      }
    }
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    try {
      return await this.children(node);
    } catch (e) {
      this.log.error(`Lakehouse view: ${messageOf(e)}`);
      return [
        placeholder(
          `Error: ${messageOf(e)}`,
          'error',
          { command: 'loch.refresh', title: 'Retry' },
          'Click to retry',
        ),
        placeholder('Show the log', 'output', { command: 'loch.showLog', title: 'Show Log' }),
      ];
    }
  }

  private async children(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const conn = this.connections.connection;
    if (!node) {
      if (!conn) {
        return [
          placeholder('Not connected', 'debug-disconnect'),
          placeholder('Connect to local platform', 'plug', {
            command: 'loch.connectLocal',
            title: 'Connect to Local Platform',
          }),
          placeholder('Connect with a profile…', 'account', {
            command: 'loch.connect',
            title: 'Connect…',
          }),
          placeholder('Start local platform', 'rocket', {
            command: 'loch.platform.up',
            title: 'Start Local Platform',
          }),
        ];
      }
      if (!conn.nessie) {
        return [
          placeholder('This profile has no Nessie URL: add nessieUrl to browse refs', 'info', {
            command: 'workbench.action.openSettings',
            title: 'Settings',
            arguments: ['loch.profiles'],
          }),
        ];
      }
      const refs = await listRefs(conn.nessie, AbortSignal.timeout(15_000));
      if (refs.length === 0) return [placeholder('No branches or tags', 'info')];
      const current = this.connections.currentRef;
      return refs.map((ref) => ({ kind: 'ref', ref, current: ref.name === current }));
    }
    if (!conn) return [];
    switch (node.kind) {
      case 'ref': {
        const tables = await listTables(conn.nessie!, node.ref.name, AbortSignal.timeout(15_000));
        if (tables.length === 0) return [placeholder('No tables on this ref', 'info')];
        return [...groupByNamespace(tables)].map(([namespace, ts]) => ({
          kind: 'namespace',
          ref: node.ref,
          namespace,
          tables: ts,
        }));
      }
      case 'namespace':
        return node.tables.map((table) => ({ kind: 'table', ref: node.ref, table }));
      case 'table': {
        const catalog = await this.catalogForRef(conn, node.ref.name);
        const cols = await listColumns(
          conn.client,
          catalog,
          node.table,
          AbortSignal.timeout(30_000),
        );
        if (cols.length === 0) return [placeholder('No columns', 'info')];
        return cols.map((column) => ({ kind: 'column', ref: node.ref, table: node.table, column }));
      }
      default:
        return [];
    }
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
