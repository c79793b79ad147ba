// Every way JupyterLab runs a cell (Shift+Enter, the toolbar's Run, Run All, Run Above...)
// goes through the notebook's cell executor. Loch provides it (and its package.json disables
// JupyterLab's default one): SQL cells run through Loch, every other cell exactly as before.
import type { JupyterFrontEndPlugin } from '@jupyterlab/application';
import { INotebookCellExecutor, runCell } from '@jupyterlab/notebook';
import type { CodeCell } from '@jupyterlab/cells';
import { isSqlCell } from './sql-cells';

export class LochCellExecutor implements INotebookCellExecutor {
  /** Set by the main plugin once SQL cells are wired (until then SQL cells go to the kernel). */
  sqlRunner: ((cell: CodeCell) => Promise<boolean>) | undefined;

  async runCell(options: INotebookCellExecutor.IRunCellOptions): Promise<boolean> {
    const { cell } = options;
    if (!this.sqlRunner || !isSqlCell(cell)) return runCell(options);
    options.onCellExecutionScheduled({ cell });
    const success = await this.sqlRunner(cell);
    options.onCellExecuted({ cell, success });
    return success;
  }
}

export const cellExecutorPlugin: JupyterFrontEndPlugin<INotebookCellExecutor> = {
  id: '@loch/jupyterlab:cell-executor',
  description: 'Runs Loch SQL cells through Trino and every other cell through the kernel',
  autoStart: true,
  provides: INotebookCellExecutor,
  activate: () => new LochCellExecutor(),
};
