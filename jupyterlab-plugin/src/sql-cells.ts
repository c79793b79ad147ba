// SQL cells: a notebook code cell whose metadata has `loch.sql = true` runs its text as Trino
// SQL through the core (on the cell's own `loch.ref` or the current ref) instead of the kernel.
// Its result becomes an Arrow output (see results/notebook-output.ts), rendered by the Arrow
// MIME renderer and saved with the notebook.
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard, InputDialog } from '@jupyterlab/apputils';
import type { Cell, CodeCell } from '@jupyterlab/cells';
import { NotebookActions, type INotebookTracker, type NotebookPanel } from '@jupyterlab/notebook';
import type { IOutput } from '@jupyterlab/nbformat';
import type { LochSession } from './session';
import { resultOutput } from './results/notebook-output';
import { pythonSnippet } from './python-snippet';
import { errorLine } from '@loch/core';

/** What a SQL cell keeps in its metadata. Never a credential. */
export interface LochCellMetadata {
  sql: boolean;
  /** The Nessie ref this cell always runs on; unset = the current ref. */
  ref?: string;
}

export const SQL_CELL_CLASS = 'loch-sql-cell';

export const CommandIds = {
  toggle: 'loch:toggle-sql-cell',
  run: 'loch:run-sql-cell',
  cancel: 'loch:cancel-sql-cell',
  copyPython: 'loch:copy-sql-as-python',
  insertPython: 'loch:insert-sql-as-python',
  setRef: 'loch:set-cell-ref',
} as const;

export function cellMetadata(cell: Cell): LochCellMetadata | undefined {
  const m = cell.model.getMetadata('loch') as LochCellMetadata | undefined;
  return m && m.sql ? m : undefined;
}

export function isSqlCell(cell: Cell | null | undefined): cell is CodeCell {
  return !!cell && cell.model.type === 'code' && !!cellMetadata(cell);
}

/** Keeps the CSS class (and the ref badge) of every cell in sync with its metadata. */
function decorate(cell: Cell, currentRef: string): void {
  const meta = cellMetadata(cell);
  cell.toggleClass(SQL_CELL_CLASS, !!meta);
  // The badge (CSS) shows the ref the cell runs on; a pinned ref is marked as such.
  const prompt = cell.node.querySelector<HTMLElement>('.jp-InputPrompt');
  if (meta) {
    cell.node.dataset.lochRef = meta.ref ?? currentRef;
    prompt?.setAttribute('data-loch-ref', meta.ref ? `${meta.ref} (pinned)` : currentRef);
  } else {
    delete cell.node.dataset.lochRef;
    prompt?.removeAttribute('data-loch-ref');
  }
}

export interface SqlCellsOptions {
  app: JupyterFrontEnd;
  tracker: INotebookTracker;
  session: () => Promise<LochSession>;
  maxSavedResultBytes: () => number;
}

export class SqlCells {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly options: SqlCellsOptions) {
    const { app, tracker } = options;
    tracker.widgetAdded.connect((_t, panel) => this.watch(panel));
    tracker.forEach((panel) => this.watch(panel));
    const active = () => tracker.activeCell;
    const isEnabled = () =>
      tracker.currentWidget !== null && tracker.activeCell?.model.type === 'code';

    app.commands.addCommand(CommandIds.toggle, {
      label: (args) => (args.toolbar ? 'SQL' : 'Loch: Toggle Trino SQL Cell'),
      caption: 'Run this cell as Trino SQL on the current Nessie ref',
      isEnabled,
      isToggled: () => isSqlCell(active()),
      execute: () => {
        const cell = active();
        if (!cell || cell.model.type !== 'code') return;
        if (isSqlCell(cell)) cell.model.deleteMetadata('loch');
        else cell.model.setMetadata('loch', { sql: true } satisfies LochCellMetadata);
      },
    });
    app.commands.addCommand(CommandIds.run, {
      label: 'Loch: Run SQL Cell',
      isEnabled: () => isSqlCell(active()),
      execute: async (args) => {
        const panel = tracker.currentWidget;
        const cell = active();
        if (!panel || !isSqlCell(cell)) return;
        const advance = args.advance !== false;
        const run = this.run(cell);
        if (advance) {
          const nb = panel.content;
          if (nb.activeCellIndex === nb.widgets.length - 1) NotebookActions.insertBelow(nb);
          else nb.activeCellIndex += 1;
          nb.mode = 'command';
        }
        await run;
      },
    });
    app.commands.addCommand(CommandIds.cancel, {
      label: 'Loch: Cancel SQL Cell',
      isEnabled: () => !!active() && this.running.has(active()!.model.id),
      execute: () => {
        const cell = active();
        if (cell) this.running.get(cell.model.id)?.abort();
      },
    });
    app.commands.addCommand(CommandIds.setRef, {
      label: 'Loch: Set the Nessie Ref of This SQL Cell',
      caption:
        'Pin this cell to a ref (it then ignores the current ref), or follow the current ref',
      isEnabled: () => isSqlCell(active()),
      execute: async (args) => {
        const cell = active();
        if (!isSqlCell(cell)) return;
        let ref = typeof args.ref === 'string' ? args.ref : undefined;
        if (ref === undefined) {
          const session = await this.options.session();
          const follow = '(follow the current ref)';
          const names = (await session.references()).map((r) => r.name);
          const pick = await InputDialog.getItem({
            title: 'Run this SQL cell on',
            items: [follow, ...names],
            current: Math.max(names.indexOf(cellMetadata(cell)?.ref ?? '') + 1, 0),
          });
          if (!pick.button.accept || pick.value === null) return;
          ref = pick.value === follow ? '' : pick.value;
        }
        const meta: LochCellMetadata = { sql: true, ...(ref ? { ref } : {}) };
        cell.model.setMetadata('loch', meta);
      },
    });
    app.commands.addCommand(CommandIds.copyPython, {
      label: 'Loch: Copy SQL Cell as Python',
      isEnabled: () => isSqlCell(active()),
      execute: async () => {
        const cell = active();
        if (isSqlCell(cell)) Clipboard.copyToSystem(await this.python(cell));
      },
    });
    app.commands.addCommand(CommandIds.insertPython, {
      label: 'Loch: Insert SQL Cell as Python Below',
      isEnabled: () => isSqlCell(active()),
      execute: async () => {
        const panel = tracker.currentWidget;
        const cell = active();
        if (!panel || !isSqlCell(cell)) return;
        const code = await this.python(cell);
        NotebookActions.insertBelow(panel.content);
        panel.content.activeCell?.model.sharedModel.setSource(code);
      },
    });

    for (const keys of [['Shift Enter'], ['Ctrl Enter'], ['Accel Enter']]) {
      app.commands.addKeyBinding({
        command: CommandIds.run,
        keys,
        args: { advance: keys[0] === 'Shift Enter' },
        selector: `.jp-Notebook .jp-Cell.${SQL_CELL_CLASS}`,
      });
    }
    app.commands.addKeyBinding({
      command: CommandIds.cancel,
      keys: ['I', 'I'],
      selector: `.jp-Notebook.jp-mod-commandMode .jp-Cell.${SQL_CELL_CLASS}`,
    });
  }

  private watch(panel: NotebookPanel): void {
    const nb = panel.content;
    // Each cell's metadataChanged is connected once, however often the cell list changes, so one
    // metadata edit decorates its cell once.
    const watched = new WeakSet<Cell>();
    const refresh = () => {
      const ref = this.currentRef;
      for (const cell of nb.widgets) {
        if (!watched.has(cell)) {
          watched.add(cell);
          cell.model.metadataChanged.connect(() => decorate(cell, this.currentRef));
        }
        decorate(cell, ref);
      }
    };
    nb.model?.cells.changed.connect(refresh);
    nb.model?.metadataChanged.connect(refresh);
    panel.context.ready.then(refresh, () => undefined);
  }

  private currentRefValue = '';
  get currentRef(): string {
    return this.currentRefValue;
  }
  /** Called when the session's current ref changes: refreshes the badges of cells without a ref. */
  setCurrentRef(ref: string): void {
    this.currentRefValue = ref;
    this.options.tracker.forEach((panel) => {
      for (const cell of panel.content.widgets) decorate(cell, ref);
    });
  }

  private async python(cell: CodeCell): Promise<string> {
    const session = await this.options.session();
    const ref = cellMetadata(cell)?.ref || session.currentRef;
    return pythonSnippet({
      sql: cell.model.sharedModel.getSource(),
      trinoUrl: session.trinoUrl,
      user: session.settings.trinoUser,
      catalog: await session.catalogFor(ref),
      ref,
    });
  }

  /** Runs one SQL cell (true when it succeeded); a second run of the same cell cancels the first. */
  async run(cell: CodeCell): Promise<boolean> {
    const id = cell.model.id;
    this.running.get(id)?.abort();
    const ctl = new AbortController();
    this.running.set(id, ctl);
    const sql = cell.model.sharedModel.getSource();
    const outputs = cell.model.outputs;
    outputs.clear();
    const status = this.statusBar(cell, ctl);
    try {
      const session = await this.options.session();
      const ref = cellMetadata(cell)?.ref || session.currentRef;
      status.label.textContent = `Running on ${ref} …`;
      const outcome = await session.query(sql, {
        ref,
        signal: ctl.signal,
        onQueryId: (qid) => {
          status.node.dataset.queryId = qid;
          cell.node.dataset.lochQueryId = qid;
        },
      });
      if (ctl.signal.aborted) return false;
      const output = resultOutput(
        outcome.table,
        {
          sql,
          ref: outcome.ref,
          catalog: outcome.catalog,
          queryId: outcome.queryId,
          complete: outcome.complete,
          executedAt: new Date().toISOString(),
          pin: outcome.pin,
        },
        this.options.maxSavedResultBytes(),
      );
      outputs.add(output as unknown as IOutput);
      cell.model.executionCount = null;
      return true;
    } catch (e) {
      const cancelled = ctl.signal.aborted;
      outputs.add({
        output_type: 'error',
        ename: cancelled ? 'Cancelled' : ((e as Error).name ?? 'Error'),
        evalue: cancelled ? 'the query was cancelled on the server' : errorLine(e),
        traceback: [cancelled ? 'Query cancelled' : errorLine(e)],
      } as IOutput);
      return false;
    } finally {
      status.node.remove();
      if (this.running.get(id) === ctl) this.running.delete(id);
      cell.node.classList.remove('loch-running');
    }
  }

  private statusBar(cell: CodeCell, ctl: AbortController) {
    const node = document.createElement('div');
    node.className = 'loch-cell-status';
    node.setAttribute('role', 'status');
    const label = document.createElement('span');
    label.textContent = 'Starting …';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'jp-Button loch-cancel';
    cancel.textContent = 'Cancel';
    cancel.title = 'Cancel the query on Trino (I, I)';
    cancel.addEventListener('click', () => ctl.abort());
    node.append(label, cancel);
    cell.node.classList.add('loch-running');
    cell.node.appendChild(node);
    return { node, label };
  }
}
