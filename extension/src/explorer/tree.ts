import * as vscode from 'vscode';
import type {
  ColumnEntry,
  LakehouseSession,
  NamespaceEntry,
  Reference,
  TableEntry,
} from '@loch/core';
import type { ConnectionManager } from '../connections/manager';
import type { Logger } from '../log';
import { messageOf } from '../log';

/** A node of the Lakehouse view. Placeholders carry state (not connected, empty, error). */
export type ExplorerNode =
  | { kind: 'placeholder'; label: string; icon: string; command?: vscode.Command; detail?: string }
  | { kind: 'ref'; ref: Reference; current: boolean }
  | { kind: 'namespace'; ref: Reference; namespace: NamespaceEntry }
  | { kind: 'table'; ref: Reference; table: TableEntry }
  | { kind: 'column'; ref: Reference; table: TableEntry; column: ColumnEntry };

/** Tables listed per page of a namespace; "Load more" asks the listing for the next page. */
export const TABLE_PAGE_SIZE = 200;

/** The tree's own command behind "Load more tables…" (not in the palette). */
const LOAD_MORE = 'loch.explorer.loadMoreTables';

const placeholder = (
  label: string,
  icon: string,
  command?: vscode.Command,
  detail?: string,
): ExplorerNode => ({ kind: 'placeholder', label, icon, command, detail });

const pagesKey = (ref: string, schema: string) => JSON.stringify([ref, schema]);

/**
 * The lakehouse tree: refs → namespaces → Iceberg tables and views → columns, all from the
 * session's `LakeListing` (the one definition of what is listed, shared with JupyterLab and the
 * CLI). It refreshes when the session commits or switches ref, and never throws: every failure
 * becomes an error node with a command that fixes it (DESIGN.md convention 3).
 */
export class LakehouseTree implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];
  /** The session whose events `sessionSubs` listen to. */
  private session: LakehouseSession | undefined;
  private sessionSubs: { dispose(): void }[] = [];
  /** How many pages of tables each expanded namespace shows (absent: one). */
  private readonly pages = new Map<string, number>();

  constructor(
    private readonly connections: ConnectionManager,
    private readonly log: Logger,
  ) {
    this.subs.push(
      connections.onDidChange(() => {
        this.follow(connections.connection?.session);
        this.refresh();
      }),
      vscode.commands.registerCommand(LOAD_MORE, (key: string) => {
        this.pages.set(key, (this.pages.get(key) ?? 1) + 1);
        this.refresh();
      }),
    );
    this.follow(connections.connection?.session);
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Listens to the current connection's session: a commit or a ref switch re-lists. */
  private follow(session: LakehouseSession | undefined): void {
    if (session === this.session) return;
    for (const s of this.sessionSubs) s.dispose();
    this.session = session;
    this.pages.clear();
    this.sessionSubs = session
      ? [session.onDidCommit(() => this.refresh()), session.onDidChangeRef(() => this.refresh())]
      : [];
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
        const label = node.namespace.schema;
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('folder-library');
        item.contextValue = 'namespace';
        item.id = `ns:${node.ref.name}:${label}`;
        return item;
      }
      case 'table': {
        const { table } = node;
        const name = [...table.namespace, table.name].join('.');
        const item = new vscode.TreeItem(table.name, vscode.TreeItemCollapsibleState.Collapsed);
        const view = table.kind === 'view';
        item.iconPath = new vscode.ThemeIcon(view ? 'eye' : 'table');
        if (view) item.description = 'view';
        // Views have no snapshots: the menus offer them preview and copy only.
        item.contextValue = table.kind;
        item.id = `table:${node.ref.name}:${name}`;
        item.tooltip = `${view ? 'view' : 'table'} ${name} on ${node.ref.name}`;
        return item;
      }
      case 'column': {
        const { column } = node;
        const item = new vscode.TreeItem(column.name, vscode.TreeItemCollapsibleState.None);
        item.description = column.type;
        item.iconPath = new vscode.ThemeIcon('symbol-field');
        item.contextValue = 'column';
        item.tooltip = `${column.name} ${column.type}${column.nullable ? '' : ' NOT NULL'}${column.comment ? `\n${column.comment}` : ''}`;
        return item;
      }
    }
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    try {
      // The view's progress bar is its "loading" state while the listing answers.
      return await vscode.window.withProgress({ location: { viewId: 'loch.explorer' } }, () =>
        this.children(node),
      );
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
      const refs = await conn.session.listing.refs(AbortSignal.timeout(15_000));
      if (refs.length === 0) return [placeholder('No branches or tags', 'info')];
      const current = this.connections.currentRef;
      return refs.map((ref) => ({ kind: 'ref', ref, current: ref.name === current }));
    }
    if (!conn) return [];
    const listing = conn.session.listing;
    switch (node.kind) {
      case 'ref': {
        const namespaces = await listing.namespaces(node.ref.name, {
          signal: AbortSignal.timeout(15_000),
        });
        if (namespaces.length === 0) return [placeholder('No tables on this ref', 'info')];
        return namespaces.map((namespace) => ({ kind: 'namespace', ref: node.ref, namespace }));
      }
      case 'namespace':
        return this.tables(conn.session, node.ref, node.namespace);
      case 'table': {
        const cols = await listing.columns(node.ref.name, node.table, {
          signal: AbortSignal.timeout(30_000),
        });
        return cols.map((column) => ({ kind: 'column', ref: node.ref, table: node.table, column }));
      }
      default:
        return [];
    }
  }

  /** The pages of a namespace's tables asked for so far, then "Load more" if there are more. */
  private async tables(
    session: LakehouseSession,
    ref: Reference,
    namespace: NamespaceEntry,
  ): Promise<ExplorerNode[]> {
    const key = pagesKey(ref.name, namespace.schema);
    const wanted = this.pages.get(key) ?? 1;
    const out: ExplorerNode[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < wanted; page++) {
      // Later pages continue at the commit the first one read, so none repeats or skips a table.
      const { entries, nextPageToken } = await session.listing.tables(
        ref.name,
        namespace.namespace,
        { pageToken, pageSize: TABLE_PAGE_SIZE, signal: AbortSignal.timeout(15_000) },
      );
      out.push(...entries.map((table): ExplorerNode => ({ kind: 'table', ref, table })));
      pageToken = nextPageToken;
      if (!pageToken) break;
    }
    if (out.length === 0) return [placeholder('No tables in this namespace', 'info')];
    if (pageToken) {
      out.push(
        placeholder(`Load more tables… (${out.length} shown)`, 'ellipsis', {
          command: LOAD_MORE,
          title: 'Load More Tables',
          arguments: [key],
        }),
      );
    }
    return out;
  }

  dispose(): void {
    for (const s of [...this.subs, ...this.sessionSubs]) s.dispose();
    this.changed.dispose();
  }
}
