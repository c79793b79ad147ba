import * as vscode from 'vscode';
import { splitStatements, pinQuery, pinSnapshots, type SqlRunner, NessieClient } from '@loch/core';
import type { ConnectionManager } from '../connections/manager';
import type { CatalogForRef } from '../explorer/ref-catalog';
import type { Connection } from '../connections/manager';
import type { Logger } from '../log';
import { messageOf } from '../log';
import { startQuery } from '../sql/engine';
import {
  cellRef,
  parseNotebook,
  serializeNotebook,
  type CellProvenance,
  type NotebookCellData,
} from './format';

export const NOTEBOOK_TYPE = 'loch-sql';

async function pinCell(
  conn: Connection,
  ref: string,
  catalog: string,
  sql: string,
  log: Logger,
): Promise<{ refHash?: string; snapshots: Record<string, string> }> {
  if (!conn.nessie) return { snapshots: {} };
  const nessie = new NessieClient(conn.nessie);
  try {
    // The connection's own client: its auth and TLS, no new client per statement.
    const run: SqlRunner = (text, o = {}) =>
      conn.client.statement(text, { ...o, catalog: o.catalog ?? catalog });
    const pin = await pinQuery(run, nessie, sql, ref, catalog);
    return { refHash: pin.hash, snapshots: pinSnapshots(pin) };
  } catch (e) {
    // Statements EXPLAIN cannot describe (SHOW, DDL) still record the ref's hash.
    log.info(`pinning the cell's tables: ${messageOf(e)}`);
    return { refHash: (await nessie.getReference(ref)).hash, snapshots: {} };
  }
}
export const ARROW_MIME = 'application/vnd.loch.arrow';

class LochNotebookSerializer implements vscode.NotebookSerializer {
  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    const nb = parseNotebook(new TextDecoder().decode(content));
    return new vscode.NotebookData(
      nb.cells.map((c) => {
        const cell = new vscode.NotebookCellData(
          c.kind === 'sql' ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup,
          c.source,
          c.kind === 'sql' ? 'sql' : 'markdown',
        );
        cell.metadata = c.metadata ?? {};
        return cell;
      }),
    );
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const cells = data.cells.map((c): NotebookCellData => ({
      kind: c.kind === vscode.NotebookCellKind.Code ? 'sql' : 'markdown',
      source: c.value,
      metadata:
        c.metadata && Object.keys(c.metadata).length
          ? (c.metadata as NotebookCellData['metadata'])
          : undefined,
    }));
    return new TextEncoder().encode(serializeNotebook({ loch: 1, cells }));
  }
}

/**
 * SQL notebooks with Loch's own serializer (`.lochnb`) and controller: a cell runs through the
 * core on the current ref (or its `-- ref:` override), its output carries the Arrow IPC bytes
 * (rendered by Loch's notebook renderer), and its metadata records the ref hash it read.
 */
export function registerNotebooks(
  context: vscode.ExtensionContext,
  connections: ConnectionManager,
  catalogForRef: CatalogForRef,
  log: Logger,
): vscode.Disposable[] {
  const controller = vscode.notebooks.createNotebookController(
    'loch-sql-controller',
    NOTEBOOK_TYPE,
    'Loch (Trino)',
  );
  controller.supportedLanguages = ['sql'];
  controller.supportsExecutionOrder = true;
  let order = 0;

  controller.executeHandler = async (cells, notebook) => {
    for (const cell of cells) {
      const exec = controller.createNotebookCellExecution(cell);
      exec.executionOrder = ++order;
      exec.start(Date.now());
      const ac = new AbortController();
      exec.token.onCancellationRequested(() => ac.abort());
      try {
        const conn = connections.require();
        const meta = (cell.metadata as NotebookCellData['metadata'])?.loch;
        const { ref: override, sql } = cellRef(cell.document.getText(), meta?.ref);
        const ref = override ?? connections.currentRef ?? conn.defaultBranch;
        const catalog = await catalogForRef(conn, ref);
        const stmts = splitStatements(sql);
        if (stmts.length === 0) throw new Error('the cell has no SQL statement');
        // Pin what the cell reads (ref hash + each Iceberg table's snapshot id) just before it runs.
        const pin = await pinCell(conn, ref, catalog, stmts.at(-1)!.sql, log);
        let outcome;
        for (const s of stmts) {
          const run = startQuery(conn.client, s.sql, { catalog });
          const sub = exec.token.onCancellationRequested(() => void run.cancel());
          try {
            outcome = await run.done;
          } finally {
            sub.dispose();
          }
        }
        const hash = pin.refHash;
        const provenance: CellProvenance = {
          readRef: ref,
          refHash: pin.refHash,
          snapshots: pin.snapshots,
          queryId: outcome!.queryId,
        };
        await exec.replaceOutput(
          new vscode.NotebookCellOutput(
            [
              new vscode.NotebookCellOutputItem(outcome!.ipc, ARROW_MIME),
              vscode.NotebookCellOutputItem.text(
                `${outcome!.rowCount} rows from ${ref} @ ${hash?.slice(0, 12) ?? '?'} (query ${outcome!.queryId})`,
              ),
            ],
            { loch: provenance },
          ),
        );
        const edit = new vscode.WorkspaceEdit();
        edit.set(notebook.uri, [
          vscode.NotebookEdit.updateCellMetadata(cell.index, {
            ...cell.metadata,
            loch: { ...meta, ...provenance },
          }),
        ]);
        await vscode.workspace.applyEdit(edit);
        exec.end(true, Date.now());
      } catch (e) {
        log.error(`notebook cell ${cell.index + 1}: ${messageOf(e)}`);
        await exec.replaceOutput(
          new vscode.NotebookCellOutput([
            vscode.NotebookCellOutputItem.error({
              name: (e as Error).name ?? 'Error',
              message: messageOf(e),
            }),
          ]),
        );
        exec.end(false, Date.now());
      }
    }
  };

  return [
    controller,
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new LochNotebookSerializer(), {
      transientOutputs: true,
    }),
    vscode.commands.registerCommand('loch.newNotebook', async () => {
      const data = new vscode.NotebookData([
        new vscode.NotebookCellData(
          vscode.NotebookCellKind.Markup,
          '# Loch SQL notebook\nCells run on the current branch; start a cell with `-- ref: <branch>` to pick another.',
          'markdown',
        ),
        new vscode.NotebookCellData(
          vscode.NotebookCellKind.Code,
          'SELECT orderpriority, count(*) AS orders\nFROM demo.orders\nGROUP BY orderpriority\nORDER BY orderpriority',
          'sql',
        ),
      ]);
      const doc = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, data);
      await vscode.window.showNotebookDocument(doc);
    }),
    { dispose: () => void context },
  ];
}
