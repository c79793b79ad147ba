import * as vscode from 'vscode';
import { quoteIdent } from '@loch/core';
import { localMetadataReader } from '@loch/core/node';
import { catalogForRef, routeOf, type ConnectionManager } from '../connections/manager';
import type { Logger } from '../log';
import { guarded } from '../log';
import type { ResultsPanel } from '../results/panel';
import { collect } from '../sql/collect';
import { searchTables } from './search-tables';
import { qualified, trinoSchema } from './table-names';
import type { ExplorerNode } from './tree';
import { tableDetailsMarkdown } from './table-details-markdown';

type TableNode = Extract<ExplorerNode, { kind: 'table' }>;

/** Table actions of the Lakehouse view: preview, details, query at a snapshot, copy, search. */
export function registerTableCommands(
  connections: ConnectionManager,
  results: ResultsPanel,
  log: Logger,
): vscode.Disposable[] {
  // Through the session on the node's ref: its routing, pins and history, like the editor's runs.
  const showQuery = async (ref: string, sql: string, title: string) => {
    log.info(`${title}: ${sql}`);
    const conn = connections.require();
    const route = routeOf(conn, ref);
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Loch: ${title}`,
        cancellable: true,
      },
      (_p, token) => {
        const run = conn.session.query(sql, { ...route, source: 'preview' });
        token.onCancellationRequested(() => void run.cancel());
        return collect(run);
      },
    );
    await results.showResult(sql, result, { session: conn.session, route });
  };
  // Trino names a metadata table as one identifier: the table's name, `$`, the suffix.
  const metaTable = (node: TableNode, catalog: string, suffix: string) =>
    qualified(catalog, { ...node.table, name: `${node.table.name}$${suffix}` });

  return [
    vscode.commands.registerCommand(
      'loch.previewTable',
      guarded(log, 'Preview failed', async (node: TableNode) => {
        const catalog = await catalogForRef(connections.require(), node.ref.name);
        await showQuery(
          node.ref.name,
          `SELECT * FROM ${qualified(catalog, node.table)} LIMIT 100`,
          `Preview ${node.table.name}`,
        );
      }),
    ),
    vscode.commands.registerCommand(
      'loch.tableDetails',
      guarded(log, 'Details failed', async (node: TableNode) => {
        const conn = connections.require();
        const signal = AbortSignal.timeout(60_000);
        // Field ids are only in the metadata file, which this machine can read when the lake is
        // the local platform's folder; elsewhere the schema is Trino's, without ids.
        const readMetadata = conn.lakeCatalogProperties?.['local.location']
          ? localMetadataReader(() => conn.lakeCatalogProperties ?? {})
          : undefined;
        const details = await conn.session.tableDetails(
          node.ref.name,
          { schema: trinoSchema(node.table), table: node.table.name },
          { readMetadata, signal },
        );
        const text = tableDetailsMarkdown(node.ref.name, details);
        const doc = await vscode.workspace.openTextDocument({
          language: 'markdown',
          content: text,
        });
        await vscode.window.showTextDocument(doc, { preview: true });
      }),
    ),
    vscode.commands.registerCommand(
      'loch.queryAtSnapshot',
      guarded(log, 'Query at snapshot failed', async (node: TableNode) => {
        const conn = connections.require();
        const catalog = await catalogForRef(conn, node.ref.name);
        const snaps = await conn.client.statement(
          `SELECT snapshot_id, committed_at, operation FROM ${metaTable(node, catalog, 'snapshots')} ORDER BY committed_at DESC`,
          { signal: AbortSignal.timeout(30_000) },
        );
        const pick = await vscode.window.showQuickPick(
          snaps.rows.map((r) => ({
            label: String(r[0]),
            description: `${String(r[1])} · ${String(r[2])}`,
          })),
          { placeHolder: `Snapshot of ${node.table.name} to query` },
        );
        if (!pick) return;
        const travel = await conn.session.timeTravelSql(
          node.ref.name,
          { schema: trinoSchema(node.table), table: node.table.name },
          { snapshotId: pick.label },
        );
        const sql = `${travel}\nLIMIT 100;\n`;
        const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: sql });
        await vscode.window.showTextDocument(doc);
      }),
    ),
    vscode.commands.registerCommand(
      'loch.copyName',
      guarded(log, 'Copy failed', async (node: ExplorerNode) => {
        const conn = connections.require();
        let name = '';
        if (node.kind === 'table')
          name = qualified(await catalogForRef(conn, node.ref.name), node.table);
        else if (node.kind === 'column') name = quoteIdent(node.column.name);
        else if (node.kind === 'namespace') name = quoteIdent(node.namespace.schema);
        await vscode.env.clipboard.writeText(name);
      }),
    ),
    vscode.commands.registerCommand(
      'loch.searchTables',
      guarded(log, 'Search failed', () => searchTables(connections, log)),
    ),
  ];
}
