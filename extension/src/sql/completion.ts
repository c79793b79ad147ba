import * as vscode from 'vscode';
import type { LakehouseSession } from '@loch/core';
import type { Connection, ConnectionManager } from '../connections/manager';
import type { CatalogForRef } from '../connections/manager';
import { allTables } from '../explorer/listing-pages';
import type { Logger } from '../log';
import { messageOf } from '../log';
import {
  completionsAt,
  tablesNeedingColumns,
  type CompletionKind,
  type SqlMetadata,
} from './completion-model';

const KIND: Record<CompletionKind, vscode.CompletionItemKind> = {
  keyword: vscode.CompletionItemKind.Keyword,
  catalog: vscode.CompletionItemKind.Module,
  schema: vscode.CompletionItemKind.Folder,
  table: vscode.CompletionItemKind.Class,
  column: vscode.CompletionItemKind.Field,
  function: vscode.CompletionItemKind.Function,
};

/**
 * A ref's table list is kept this long at most: a commit or ref switch through the session
 * drops it at once; this bounds how long a commit made elsewhere goes unseen.
 */
const TABLES_MAX_AGE_MS = 30_000;

type Column = { name: string; type: string };

/** Trino schema → the namespace's elements and its tables' names. */
type Listed = Map<string, { namespace: string[]; names: string[] }>;

/**
 * Completion of catalogs, schemas, tables, columns and functions for the current ref. Tables
 * and columns are the session's listing (the explorer's, JupyterLab's and the CLI's); catalogs
 * and functions are Trino's, read once per connection.
 */
export class SqlCompletionProvider implements vscode.CompletionItemProvider, vscode.Disposable {
  private server:
    { conn: Connection; lists: Promise<{ catalogs: string[]; functions: string[] }> } | undefined;
  private tables: { key: string; at: number; tables: Promise<Listed> } | undefined;
  private readonly sub: vscode.Disposable;
  private session: LakehouseSession | undefined;
  private sessionSubs: { dispose(): void }[] = [];

  constructor(
    private readonly connections: ConnectionManager,
    private readonly catalogForRef: CatalogForRef,
    private readonly log: Logger,
  ) {
    this.sub = connections.onDidChange(() => {
      this.tables = undefined;
      this.follow(connections.connection?.session);
    });
  }

  /** A commit or ref switch on the session makes the table list stale. */
  private follow(session: LakehouseSession | undefined): void {
    if (session === this.session) return;
    for (const s of this.sessionSubs) s.dispose();
    this.session = session;
    const drop = () => (this.tables = undefined);
    this.sessionSubs = session ? [session.onDidCommit(drop), session.onDidChangeRef(drop)] : [];
  }

  private serverLists(conn: Connection) {
    if (this.server?.conn !== conn) {
      const signal = AbortSignal.timeout(30_000);
      const lists = Promise.all([
        conn.session.run('SHOW CATALOGS', { signal }),
        conn.session.run('SHOW FUNCTIONS', { signal }),
      ]).then(([cats, fns]) => ({
        catalogs: cats.rows.map((r) => String(r[0])),
        functions: [...new Set(fns.rows.map((r) => String(r[0])))],
      }));
      lists.catch((e) => {
        this.log.warn(`completion catalogs and functions: ${messageOf(e)}`);
        if (this.server?.lists === lists) this.server = undefined;
      });
      this.server = { conn, lists };
    }
    return this.server.lists;
  }

  /** Every table on `ref` by Trino schema, with its namespace's elements, from the listing. */
  private listed(conn: Connection, ref: string): Promise<Listed> {
    const key = `${conn.profile.name}@${ref}`;
    const now = Date.now();
    if (this.tables?.key !== key || now - this.tables.at > TABLES_MAX_AGE_MS) {
      // A profile without Nessie lists no tables; keywords, catalogs and functions still complete.
      const entries = conn.nessie
        ? allTables(conn.session.listing, ref, AbortSignal.timeout(15_000))
        : Promise.resolve([]);
      const tables = entries.then((list) => {
        const out: Listed = new Map();
        for (const t of list) {
          const schema = t.namespace.join('.');
          const entry = out.get(schema) ?? { namespace: t.namespace, names: [] };
          out.set(schema, entry);
          entry.names.push(t.name);
        }
        return out;
      });
      tables.catch(() => {
        if (this.tables?.tables === tables) this.tables = undefined;
      });
      this.tables = { key, at: now, tables };
    }
    return this.tables.tables;
  }

  /** The metadata for `textBefore`: every table, and the columns of the ones it needs. */
  private async metadata(conn: Connection, ref: string, textBefore: string): Promise<SqlMetadata> {
    const [catalog, lists, listed] = await Promise.all([
      this.catalogForRef(conn, ref),
      this.serverLists(conn),
      this.listed(conn, ref).catch((e): Listed => {
        this.log.warn(`completion tables: ${messageOf(e)}`);
        return new Map();
      }),
    ]);
    // Columns are filled in for this request only (the listing caches them per commit).
    const tables: SqlMetadata['tables'] = new Map(
      [...listed].map(([s, { names }]) => [s, new Map(names.map((t) => [t, [] as Column[]]))]),
    );
    const md: SqlMetadata = { catalog, ...lists, tables };
    await Promise.all(
      tablesNeedingColumns(textBefore, md).map(async ({ schema, table }) => {
        const cols = await conn.session.listing.columns(
          ref,
          { namespace: listed.get(schema)!.namespace, name: table },
          { signal: AbortSignal.timeout(15_000) },
        );
        tables.get(schema)!.set(
          table,
          cols.map((c) => ({ name: c.name, type: c.type })),
        );
      }),
    );
    return md;
  }

  async provideCompletionItems(
    doc: vscode.TextDocument,
    pos: vscode.Position,
  ): Promise<vscode.CompletionItem[]> {
    const conn = this.connections.connection;
    const ref = this.connections.currentRef;
    if (!conn || !ref) return [];
    this.follow(conn.session);
    try {
      const before = doc.getText(
        new vscode.Range(new vscode.Position(Math.max(0, pos.line - 20), 0), pos),
      );
      const md = await this.metadata(conn, ref, before);
      return completionsAt(before, md).map((c) => {
        const item = new vscode.CompletionItem(c.label, KIND[c.kind]);
        item.detail = c.detail;
        return item;
      });
    } catch (e) {
      this.log.warn(`completion: ${messageOf(e)}`);
      return [];
    }
  }

  dispose(): void {
    this.sub.dispose();
    for (const s of this.sessionSubs) s.dispose();
  }
}
