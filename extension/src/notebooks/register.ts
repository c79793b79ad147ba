import * as vscode from 'vscode';
import { pinSnapshots } from '@loch/core';
import { routeOf, type ConnectionManager } from '../connections/manager';
import type { Logger } from '../log';
import { messageOf } from '../log';
import { collect, type CollectedResult } from '../sql/collect';
import {
  cellRef,
  parseNotebook,
  serializeNotebook,
  type CellProvenance,
  type NotebookCellData,
} from './format';

export const NOTEBOOK_TYPE = 'loch-sql';

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
function maxRows(): number {
  return vscode.workspace.getConfiguration('loch').get<number>('results.maxRows') ?? 10_000;
}

export function registerNotebooks(
  context: vscode.ExtensionContext,
  connections: ConnectionManager,
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
        const route = routeOf(conn, override);
        const ref = route.ref ?? conn.defaultBranch;
        // The session splits the cell, pins what each statement reads just before it runs and
        // records the history; the cell shows the last statement's result.
        let last: CollectedResult | undefined;
        const runs = conn.session.queryScript(sql, {
          ...route,
          maxRows: maxRows(),
          source: 'notebook',
          signal: ac.signal,
        });
        for await (const run of runs) last = await collect(run);
        if (!last) throw new Error('the cell has no SQL statement');
        const { outcome } = last;
        const hash = outcome.pin?.hash;
        const provenance: CellProvenance = {
          readRef: ref,
          refHash: hash,
          snapshots: outcome.pin ? pinSnapshots(outcome.pin) : {},
          queryId: outcome.queryId,
        };
        const rows = `${outcome.rowsDelivered} rows${outcome.moreRows ? ' (more rows)' : ''}`;
        await exec.replaceOutput(
          new vscode.NotebookCellOutput(
            [
              new vscode.NotebookCellOutputItem(last.ipc, ARROW_MIME),
              vscode.NotebookCellOutputItem.text(
                `${rows} from ${ref} @ ${hash?.slice(0, 12) ?? '?'} (query ${outcome.queryId})`,
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
