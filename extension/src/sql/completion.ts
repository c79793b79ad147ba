import * as vscode from 'vscode';
import { quoteIdent } from '@loch/core';
import type { ConnectionManager } from '../connections/manager';
import type { CatalogForRef } from '../connections/manager';
import type { Logger } from '../log';
import { messageOf } from '../log';
import { completionsAt, type CompletionKind, type SqlMetadata } from './completion-model';

const KIND: Record<CompletionKind, vscode.CompletionItemKind> = {
  keyword: vscode.CompletionItemKind.Keyword,
  catalog: vscode.CompletionItemKind.Module,
  schema: vscode.CompletionItemKind.Folder,
  table: vscode.CompletionItemKind.Class,
  column: vscode.CompletionItemKind.Field,
  function: vscode.CompletionItemKind.Function,
};

/** Completion of catalogs, schemas, tables, columns and functions for the current ref. */
export class SqlCompletionProvider implements vscode.CompletionItemProvider, vscode.Disposable {
  private cache: { key: string; metadata: Promise<SqlMetadata> } | undefined;
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly catalogForRef: CatalogForRef,
    private readonly log: Logger,
  ) {
    this.sub = connections.onDidChange(() => (this.cache = undefined));
  }

  private metadata(): Promise<SqlMetadata> | undefined {
    const conn = this.connections.connection;
    const ref = this.connections.currentRef;
    if (!conn || !ref) return undefined;
    const key = `${conn.profile.name}@${ref}`;
    if (this.cache?.key !== key) {
      const load = async (): Promise<SqlMetadata> => {
        const catalog = await this.catalogForRef(conn, ref);
        const signal = AbortSignal.timeout(30_000);
        const [cats, cols, fns] = await Promise.all([
          conn.client.statement('SHOW CATALOGS', { signal }),
          conn.client.statement(
            `SELECT table_schema, table_name, column_name, data_type FROM ${quoteIdent(catalog)}.information_schema.columns WHERE table_schema <> 'information_schema' ORDER BY 1, 2, ordinal_position`,
            { signal },
          ),
          conn.client.statement('SHOW FUNCTIONS', { signal }),
        ]);
        const tables = new Map<string, Map<string, { name: string; type: string }[]>>();
        for (const [s, t, c, ty] of cols.rows as string[][]) {
          const ts = tables.get(s!) ?? new Map<string, { name: string; type: string }[]>();
          tables.set(s!, ts);
          ts.set(t!, [...(ts.get(t!) ?? []), { name: c!, type: ty! }]);
        }
        return {
          catalog,
          catalogs: cats.rows.map((r) => String(r[0])),
          tables,
          functions: [...new Set(fns.rows.map((r) => String(r[0])))],
        };
      };
      const metadata = load();
      metadata.catch((e) => {
        this.log.warn(`completion metadata: ${messageOf(e)}`);
        this.cache = undefined;
      });
      this.cache = { key, metadata };
    }
    return this.cache.metadata;
  }

  async provideCompletionItems(
    doc: vscode.TextDocument,
    pos: vscode.Position,
  ): Promise<vscode.CompletionItem[]> {
    const md = this.metadata();
    if (!md) return [];
    try {
      const before = doc.getText(
        new vscode.Range(new vscode.Position(Math.max(0, pos.line - 20), 0), pos),
      );
      return completionsAt(before, await md).map((c) => {
        const item = new vscode.CompletionItem(c.label, KIND[c.kind]);
        item.detail = c.detail;
        return item;
      });
    } catch {
      return [];
    }
  }

  dispose(): void {
    this.sub.dispose();
  }
}
